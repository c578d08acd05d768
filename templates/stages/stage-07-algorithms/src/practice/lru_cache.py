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
        raise NotImplementedError(
            "check capacity, set hits/misses to 0, create the key->node dict and two "
            "sentinel nodes (head and tail) linked to each other"
        )

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value for ``key`` and mark it most recently used.

        Args:
            key: The key to look up.
            default: Returned when the key is absent (the cache may store ``None``
                as a real value, so ``default`` is how callers tell the two apart).

        Returns:
            The cached value, or ``default``. Counts a hit or a miss.
        """
        raise NotImplementedError("look the node up in the dict, move it to the head, count hit/miss")

    def put(self, key: K, value: V) -> None:
        """Store ``value`` under ``key`` and mark it most recently used.

        If the key is already cached its value is replaced and nothing is evicted.
        Otherwise, when the cache is already full, the least recently used entry is
        removed first and ``on_evict(old_key, old_value)`` is called.

        Args:
            key: The key to store.
            value: The value to store (``None`` is allowed).
        """
        raise NotImplementedError(
            "update and move an existing node, or evict the tail's neighbour when full "
            "and insert a new node after the head"
        )

    def invalidate(self, key: K) -> bool:
        """Remove ``key`` from the cache (for example after the database row changed).

        Args:
            key: The key to drop.

        Returns:
            True if the key was cached and is now gone, False if it was not cached.
            ``on_evict`` is not called.
        """
        raise NotImplementedError("unlink the node and delete it from the dict")

    def keys(self) -> list[K]:
        """Return the cached keys from most to least recently used.

        Returns:
            A new list; reading it does not change the recency order.
        """
        raise NotImplementedError("walk the linked list from the head to the tail")

    def __contains__(self, key: object) -> bool:
        """Return True if ``key`` is cached, without marking it used."""
        raise NotImplementedError("ask the dict")

    def __len__(self) -> int:
        """Return the number of cached entries."""
        raise NotImplementedError("return the size of the dict")
