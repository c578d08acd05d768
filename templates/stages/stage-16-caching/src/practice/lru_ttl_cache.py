"""An in-process LRU cache whose entries also expire after a time-to-live.

This is the kind of small cache a backend keeps in front of a slow lookup
(feature flags, user profiles, exchange rates): bounded in size so it cannot
eat the process's memory, and bounded in age so data does not go stale
forever. Time comes from an injected ``clock`` so tests never sleep.

TODO: implement every method marked ``raise NotImplementedError``.
``collections.OrderedDict`` (``move_to_end``, ``popitem(last=False)``) does
most of the LRU bookkeeping for you. Store ``(value, expires_at)`` per key.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
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
        raise NotImplementedError("validate the arguments, keep the clock, an OrderedDict and a CacheStats")

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the live value for ``key`` or ``default``.

        A live hit marks the entry most recently used and counts a hit. A
        missing key counts a miss. An expired entry is removed, counts one
        expiration and one miss, and ``default`` is returned.
        """
        raise NotImplementedError("look the key up, check expiry, update recency")

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
        raise NotImplementedError("store (value, expires_at); evict when full")

    def delete(self, key: K) -> bool:
        """Remove ``key``; return True if an entry (live or expired) was removed."""
        raise NotImplementedError("pop the key if present")

    def __contains__(self, key: object) -> bool:
        """True if ``key`` has a live entry. Does not change recency or stats."""
        raise NotImplementedError("check presence and expiry without side effects")

    def __len__(self) -> int:
        """Number of live entries (expired ones are not counted)."""
        raise NotImplementedError("count entries that have not expired")

    def keys(self) -> list[K]:
        """Live keys from least to most recently used. Changes nothing."""
        raise NotImplementedError("list live keys in LRU -> MRU order")

    def purge_expired(self) -> int:
        """Remove every expired entry; return how many were removed."""
        raise NotImplementedError("drop expired entries and count expirations")

    @property
    def stats(self) -> CacheStats:
        """A snapshot copy of the counters (mutating it changes nothing)."""
        raise NotImplementedError("return a copy, e.g. dataclasses.replace(...)")
