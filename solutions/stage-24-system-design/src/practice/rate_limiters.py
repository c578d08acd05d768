"""Three rate-limiting algorithms and the trade-offs between them.

An API gateway limits each client to, say, 100 requests per minute. How it
counts matters:

* a **fixed window** counter resets at every multiple of the window. It is
  cheap (one counter per key) but lets a client send ``2 * limit`` requests
  around a boundary: ``limit`` at 0:59 and ``limit`` more at 1:00;
* a **sliding log** remembers the time of every accepted request and counts
  those in the last ``window`` seconds. It is exact but stores up to
  ``limit`` timestamps per key;
* a **sliding window counter** keeps the counts of the current and previous
  fixed windows and weights the previous one by how much of it still
  overlaps the sliding window. It is nearly exact with two counters per key;
  this is what many production gateways use.

All three take an injected ``clock`` (seconds, monotonic). Rejected requests
are never counted. Keys (client ids) are independent.

Exercise ex02: implement the three limiters.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

Clock = Callable[[], float]


def _check(limit: int, window: float) -> None:
    if limit < 1 or window <= 0:
        raise ValueError("limit must be >= 1 and window > 0")


class FixedWindowLimiter:
    """Allow ``limit`` requests per key in each window ``[k * window, (k + 1) * window)``."""

    def __init__(self, limit: int, window: float, clock: Clock) -> None:
        """Keep the settings.

        Args:
            limit: requests allowed per window, >= 1.
            window: window length in seconds, > 0.
            clock: returns the current time in seconds.

        Raises:
            ValueError: for a limit below 1 or a window that is not positive.
        """
        _check(limit, window)
        self._limit, self._window, self._clock = limit, window, clock
        self._counts: dict[str, tuple[int, int]] = {}

    def allow(self, key: str) -> bool:
        """Count and allow the request if this window still has room; otherwise deny.

        The window number is ``math.floor(clock() / window)``.
        """
        index = math.floor(self._clock() / self._window)
        current, count = self._counts.get(key, (index, 0))
        if current != index:
            count = 0
        if count >= self._limit:
            return False
        self._counts[key] = (index, count + 1)
        return True


class SlidingLogLimiter:
    """Allow at most ``limit`` requests per key in any ``window`` seconds."""

    def __init__(self, limit: int, window: float, clock: Clock) -> None:
        """Keep the settings.

        Args:
            limit: requests allowed in any window, >= 1.
            window: window length in seconds, > 0.
            clock: returns the current time in seconds.

        Raises:
            ValueError: for a limit below 1 or a window that is not positive.
        """
        _check(limit, window)
        self._limit, self._window, self._clock = limit, window, clock
        self._logs: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Allow the request if fewer than ``limit`` accepted requests happened in the last window.

        An accepted request at time ``t`` counts while ``now - t < window``;
        drop older timestamps (so memory stays bounded by ``limit`` per key),
        then record ``now`` if the request is allowed.
        """
        now = self._clock()
        log = self._logs.setdefault(key, deque())
        while log and now - log[0] >= self._window:
            log.popleft()
        if len(log) >= self._limit:
            return False
        log.append(now)
        return True

    def stored(self, key: str) -> int:
        """Return how many timestamps are kept for ``key`` (0 for an unknown key)."""
        return len(self._logs.get(key, ()))


class SlidingWindowCounterLimiter:
    """Approximate a sliding window with the current and previous fixed-window counts."""

    def __init__(self, limit: int, window: float, clock: Clock) -> None:
        """Keep the settings.

        Args:
            limit: requests allowed per sliding window, >= 1.
            window: window length in seconds, > 0.
            clock: returns the current time in seconds.

        Raises:
            ValueError: for a limit below 1 or a window that is not positive.
        """
        _check(limit, window)
        self._limit, self._window, self._clock = limit, window, clock
        self._counts: dict[str, tuple[int, int, int]] = {}

    def estimate(self, key: str) -> float:
        """Return the weighted count for ``key`` now.

        With ``index = floor(now / window)`` and ``elapsed = now - index *
        window``: ``previous * (window - elapsed) / window + current``, where
        ``previous`` is the count of window ``index - 1`` (0 if that window
        had no requests) and ``current`` the count of window ``index``.
        """
        now = self._clock()
        index = math.floor(now / self._window)
        previous, current = self._window_counts(key, index)
        elapsed = now - index * self._window
        return previous * (self._window - elapsed) / self._window + current

    def _window_counts(self, key: str, index: int) -> tuple[int, int]:
        stored_index, previous, current = self._counts.get(key, (index, 0, 0))
        if stored_index == index:
            return previous, current
        if stored_index == index - 1:
            return current, 0
        return 0, 0

    def allow(self, key: str) -> bool:
        """Allow and count the request if ``estimate(key) + 1 <= limit``; otherwise deny."""
        index = math.floor(self._clock() / self._window)
        if self.estimate(key) + 1 > self._limit:
            return False
        previous, current = self._window_counts(key, index)
        self._counts[key] = (index, previous, current + 1)
        return True
