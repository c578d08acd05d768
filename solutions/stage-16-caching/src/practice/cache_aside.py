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
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class _Entry(Generic[V]):
    value: V
    expires_at: float


@dataclass
class _Flight(Generic[V]):
    done: threading.Event = field(default_factory=threading.Event)
    value: V | None = None
    error: BaseException | None = None
    invalidated: bool = False


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
        if ttl <= 0:
            raise ValueError(f"ttl must be > 0, got {ttl!r}")
        if stale_if_error < 0:
            raise ValueError(f"stale_if_error must be >= 0, got {stale_if_error!r}")
        self._loader = loader
        self._ttl = ttl
        self._grace = stale_if_error
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[K, _Entry[V]] = {}
        self._flights: dict[K, _Flight[V]] = {}
        self._loads = 0

    @property
    def loads(self) -> int:
        """How many times the loader has been called so far."""
        with self._lock:
            return self._loads

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
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and self._clock() < entry.expires_at:
                return entry.value
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = _Flight()
                self._flights[key] = flight
                self._loads += 1
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value  # type: ignore[return-value]
        try:
            value = self._loader(key)
        except Exception as exc:
            with self._lock:
                del self._flights[key]
                stale = self._entries.get(key)
                if stale is not None and self._clock() < stale.expires_at + self._grace:
                    flight.value = stale.value
                else:
                    flight.error = exc
            flight.done.set()
            if flight.error is not None:
                raise
            return flight.value  # type: ignore[return-value]
        with self._lock:
            del self._flights[key]
            if not flight.invalidated:
                self._entries[key] = _Entry(value, self._clock() + self._ttl)
        flight.value = value
        flight.done.set()
        return value

    def invalidate(self, key: K) -> bool:
        """Forget ``key`` (call this after the source of truth changed).

        Returns True if a stored value was removed. If a load for ``key`` is
        in flight right now, its result is still returned to its callers but
        is NOT stored (it may predate the change), so the next ``get`` loads
        again.
        """
        with self._lock:
            flight = self._flights.get(key)
            if flight is not None:
                flight.invalidated = True
            return self._entries.pop(key, None) is not None
