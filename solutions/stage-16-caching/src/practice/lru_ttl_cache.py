"""An in-process LRU cache whose entries also expire after a time-to-live.

This is the kind of small cache a backend keeps in front of a slow lookup
(feature flags, user profiles, exchange rates): bounded in size so it cannot
eat the process's memory, and bounded in age so data does not go stale
forever. Time comes from an injected ``clock`` so tests never sleep.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class CacheStats:
    """Counters describing how a cache has been used.

    Attributes:
        hits: ``get`` calls that found a live entry.
        misses: ``get`` calls that found nothing or only an expired entry.
        evictions: live entries removed to make room (capacity pressure).
        expirations: expired entries removed (by ``get``, ``set`` or
            ``purge_expired``).
    """

    hits: int = 0
    misses: int = 0
    evictions: int = 0
    expirations: int = 0


class LRUTTLCache(Generic[K, V]):
    """A bounded least-recently-used cache with per-entry time-to-live."""

    def __init__(
        self,
        capacity: int,
        *,
        default_ttl: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Create an empty cache.

        Args:
            capacity: maximum number of entries stored at once; must be >= 1.
            default_ttl: seconds an entry lives when ``set`` gets no ``ttl``;
                ``None`` means entries never expire. Must be > 0 if given.
            clock: returns the current time in seconds (monotonic).

        Raises:
            ValueError: if ``capacity < 1`` or ``default_ttl <= 0``.
        """
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity!r}")
        if default_ttl is not None and default_ttl <= 0:
            raise ValueError(f"default_ttl must be > 0, got {default_ttl!r}")
        self._capacity = capacity
        self._default_ttl = default_ttl
        self._clock = clock
        self._data: OrderedDict[K, tuple[V, float | None]] = OrderedDict()
        self._stats = CacheStats()

    def _expired(self, expires_at: float | None, now: float) -> bool:
        return expires_at is not None and now >= expires_at

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the live value for ``key`` or ``default``.

        A live hit marks the entry most recently used and counts a hit. A
        missing key counts a miss. An expired entry is removed, counts one
        expiration and one miss, and ``default`` is returned.
        """
        now = self._clock()
        item = self._data.get(key)
        if item is None:
            self._stats.misses += 1
            return default
        value, expires_at = item
        if self._expired(expires_at, now):
            del self._data[key]
            self._stats.expirations += 1
            self._stats.misses += 1
            return default
        self._data.move_to_end(key)
        self._stats.hits += 1
        return value

    def set(self, key: K, value: V, ttl: float | None = None) -> None:
        """Store ``value`` under ``key``.

        Args:
            key: the cache key.
            value: the value to store.
            ttl: seconds this entry lives; ``None`` uses ``default_ttl``.
                The entry expires when ``clock() >= set_time + ttl``.

        Overwriting an existing key replaces value and expiry and makes the
        key most recently used, without evicting anything. Adding a new key
        to a full cache first removes every expired entry (counted as
        expirations); if the cache is still full, the least recently used
        entry is evicted (counted as an eviction).

        Raises:
            ValueError: if ``ttl`` is given and ``<= 0``.
        """
        if ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be > 0, got {ttl!r}")
        now = self._clock()
        lifetime = ttl if ttl is not None else self._default_ttl
        expires_at = None if lifetime is None else now + lifetime
        if key in self._data:
            self._data[key] = (value, expires_at)
            self._data.move_to_end(key)
            return
        if len(self._data) >= self._capacity:
            self._purge(now)
        if len(self._data) >= self._capacity:
            self._data.popitem(last=False)
            self._stats.evictions += 1
        self._data[key] = (value, expires_at)

    def delete(self, key: K) -> bool:
        """Remove ``key``; return True if an entry (live or expired) was removed."""
        return self._data.pop(key, None) is not None

    def __contains__(self, key: object) -> bool:
        """True if ``key`` has a live entry. Does not change recency or stats."""
        item = self._data.get(key)  # type: ignore[call-overload]
        return item is not None and not self._expired(item[1], self._clock())

    def __len__(self) -> int:
        """Number of live entries (expired ones are not counted)."""
        now = self._clock()
        return sum(1 for _, exp in self._data.values() if not self._expired(exp, now))

    def keys(self) -> list[K]:
        """Live keys from least to most recently used. Changes nothing."""
        now = self._clock()
        return [k for k, (_, exp) in self._data.items() if not self._expired(exp, now)]

    def _purge(self, now: float) -> int:
        dead = [k for k, (_, exp) in self._data.items() if self._expired(exp, now)]
        for k in dead:
            del self._data[k]
        self._stats.expirations += len(dead)
        return len(dead)

    def purge_expired(self) -> int:
        """Remove every expired entry; return how many were removed."""
        return self._purge(self._clock())

    @property
    def stats(self) -> CacheStats:
        """A snapshot copy of the counters (mutating it changes nothing)."""
        return replace(self._stats)
