"""Cache-aside with TTL, stampede protection (single flight) and stale-if-error.

Cache-aside (lazy loading) is the most common caching pattern: read from the
cache, and on a miss load from the source of truth and store the result.
Its classic failure is the *stampede*: a hot key expires, a hundred requests
miss at the same moment and all hit the database. The cure is *single
flight*: the first miss loads, every concurrent miss for the same key waits
for that one load and shares its result.

This cache is used from many threads at once, so all shared state is guarded
by a lock, and the lock is never held while the loader runs (a slow load of
one key must not block other keys).

TODO: implement ``CacheAside``. A per-key "flight" record (a ``threading.Event``
plus slots for the value or the exception) lets waiters block until the
leader finishes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class CacheAside(Generic[K, V]):
    """A thread-safe read-through cache around a ``loader(key) -> value``."""

    def __init__(
        self,
        loader: Callable[[K], V],
        *,
        ttl: float,
        stale_if_error: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Create an empty cache.

        Args:
            loader: fetches the value for a key from the source of truth; it
                may raise.
            ttl: seconds a loaded value is served from the cache (> 0). A
                value loaded at time t is fresh while ``clock() < t + ttl``.
            stale_if_error: grace period in seconds (>= 0). If a reload fails
                and the previous value expired less than ``stale_if_error``
                seconds ago (``clock() < expires_at + stale_if_error``), the
                previous value is returned instead of raising.
            clock: returns the current time in seconds.

        Raises:
            ValueError: if ``ttl <= 0`` or ``stale_if_error < 0``.
        """
        raise NotImplementedError(
            "validate ttl/stale_if_error; keep a Lock, an entries dict, an in-flight dict and a load counter"
        )

    @property
    def loads(self) -> int:
        """How many times the loader has been called so far."""
        raise NotImplementedError("return the number of loader calls")

    def get(self, key: K) -> V:
        """Return the value for ``key``, loading it at most once at a time.

        * Fresh cached value: return it without calling the loader.
        * Otherwise, if no load for ``key`` is in flight, this caller becomes
          the leader: it calls ``loader(key)`` (WITHOUT holding the cache's
          lock), stores the result with a new expiry and returns it.
        * If a load for ``key`` is already in flight, wait for it and return
          its result: concurrent misses for one key call the loader ONCE.
        * If the loader raises, nothing new is stored; the leader and every
          waiter of that flight get the same exception object, unless the
          stale-if-error rule above applies, in which case all of them get
          the stale value. The next ``get`` after a failure loads again.
        * Loads for different keys run concurrently.
        """
        raise NotImplementedError("fresh hit -> value; else join the in-flight load or lead a new one")

    def invalidate(self, key: K) -> bool:
        """Forget ``key`` (call this after the source of truth changed).

        Returns True if a stored value was removed. If a load for ``key`` is
        in flight right now, its result is still returned to its callers but
        is NOT stored (it may predate the change), so the next ``get`` loads
        again.
        """
        raise NotImplementedError("drop the entry; mark an in-flight load so it is not stored")
