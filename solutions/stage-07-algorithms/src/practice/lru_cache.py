"""An LRU cache whose every operation is O(1): a dict plus a doubly linked list.

A backend keeps hot data (sessions, rendered fragments, exchange rates) in memory, but
memory is finite, so the cache holds at most ``capacity`` entries and throws out the
Least Recently Used one when a new key arrives. ``functools.lru_cache`` does this for
function calls; here you build the structure itself, the way Redis' ``allkeys-lru``
or a CDN edge cache thinks about it.

The classic design:

* a dict maps each key to its node, so finding an entry is O(1);
* the nodes form a doubly linked list ordered by recency (most recent at the head),
  so moving a node to the head or cutting the tail is O(1): a few pointer changes,
  no scanning.

A Python list of keys with ``list.remove`` looks simpler but costs O(n) per operation.
The tests count how many times keys are compared for equality, and fail when the count
grows with the size of the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """A fixed-capacity mapping that evicts the least recently used entry.

    "Used" means ``get`` that finds the key, or ``put``. ``key in cache`` and ``len``
    only look: they never change the recency order.

    Attributes:
        capacity: The most entries the cache holds.
        hits: How many ``get`` calls found their key.
        misses: How many ``get`` calls did not.
    """

    def __init__(self, capacity: int, on_evict: Callable[[K, V], None] | None = None) -> None:
        """Create an empty cache.

        Args:
            capacity: The most entries to hold; must be at least 1.
            on_evict: Called as ``on_evict(key, value)`` after an entry is evicted
                because the cache was full. Not called when ``put`` replaces the value
                of an existing key, nor by ``invalidate``.

        Raises:
            ValueError: ``capacity`` is less than 1.
        """
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._on_evict = on_evict
        self._nodes: dict[K, _Node[K, V]] = {}
        self._head: _Node[K, V] = _Node()
        self._tail: _Node[K, V] = _Node()
        self._head.next = self._tail
        self._tail.prev = self._head

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value for ``key`` and mark it most recently used.

        Args:
            key: The key to look up.
            default: Returned when the key is absent (the cache may store ``None``
                as a real value, so ``default`` is how callers tell the two apart).

        Returns:
            The cached value, or ``default``. Counts a hit or a miss.
        """
        node = self._nodes.get(key)
        if node is None:
            self.misses += 1
            return default
        self.hits += 1
        self._unlink(node)
        self._push_front(node)
        return node.value

    def put(self, key: K, value: V) -> None:
        """Store ``value`` under ``key`` and mark it most recently used.

        If the key is already cached its value is replaced and nothing is evicted.
        Otherwise, when the cache is already full, the least recently used entry is
        removed first and ``on_evict(old_key, old_value)`` is called.

        Args:
            key: The key to store.
            value: The value to store (``None`` is allowed).
        """
        node = self._nodes.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
            self._push_front(node)
            return
        if len(self._nodes) >= self.capacity:
            oldest = self._tail.prev
            assert oldest is not None and oldest is not self._head
            self._unlink(oldest)
            del self._nodes[oldest.key]
            if self._on_evict is not None:
                self._on_evict(oldest.key, oldest.value)
        node = _Node(key, value)
        self._nodes[key] = node
        self._push_front(node)

    def invalidate(self, key: K) -> bool:
        """Remove ``key`` from the cache (for example after the database row changed).

        Args:
            key: The key to drop.

        Returns:
            True if the key was cached and is now gone, False if it was not cached.
            ``on_evict`` is not called.
        """
        node = self._nodes.pop(key, None)
        if node is None:
            return False
        self._unlink(node)
        return True

    def keys(self) -> list[K]:
        """Return the cached keys from most to least recently used.

        Returns:
            A new list; reading it does not change the recency order.
        """
        found: list[K] = []
        node = self._head.next
        while node is not None and node is not self._tail:
            found.append(node.key)
            node = node.next
        return found

    def __contains__(self, key: object) -> bool:
        """Return True if ``key`` is cached, without marking it used."""
        return key in self._nodes

    def __len__(self) -> int:
        """Return the number of cached entries."""
        return len(self._nodes)

    def _unlink(self, node: _Node[K, V]) -> None:
        """Cut ``node`` out of the list, joining its neighbours."""
        assert node.prev is not None and node.next is not None
        node.prev.next = node.next
        node.next.prev = node.prev
        node.prev = node.next = None

    def _push_front(self, node: _Node[K, V]) -> None:
        """Insert ``node`` right after the head sentinel (most recently used)."""
        first = self._head.next
        assert first is not None
        node.prev = self._head
        node.next = first
        first.prev = node
        self._head.next = node


class _Node(Generic[K, V]):
    """One cache entry and its two neighbours in recency order."""

    __slots__ = ("key", "next", "prev", "value")

    def __init__(self, key: K = None, value: V = None) -> None:  # type: ignore[assignment]
        self.key = key
        self.value = value
        self.prev: _Node[K, V] | None = None
        self.next: _Node[K, V] | None = None
