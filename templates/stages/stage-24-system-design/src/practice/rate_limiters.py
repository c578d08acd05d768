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

from collections.abc import Callable

Clock = Callable[[], float]


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
        raise NotImplementedError("validate and keep the settings and a per-key (window index, count)")

    def allow(self, key: str) -> bool:
        """Count and allow the request if this window still has room; otherwise deny.

        The window number is ``math.floor(clock() / window)``.
        """
        raise NotImplementedError(
            "compute the window index; reset the count in a new window; allow while count < limit"
        )


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
        raise NotImplementedError("validate and keep the settings and a per-key deque of timestamps")

    def allow(self, key: str) -> bool:
        """Allow the request if fewer than ``limit`` accepted requests happened in the last window.

        An accepted request at time ``t`` counts while ``now - t < window``;
        drop older timestamps (so memory stays bounded by ``limit`` per key),
        then record ``now`` if the request is allowed.
        """
        raise NotImplementedError(
            "drop timestamps with now - t >= window, then allow and append if fewer than limit remain"
        )

    def stored(self, key: str) -> int:
        """Return how many timestamps are kept for ``key`` (0 for an unknown key)."""
        raise NotImplementedError("return the length of the key's log")


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
        raise NotImplementedError("validate and keep the settings and per-key (index, previous, current) counts")

    def estimate(self, key: str) -> float:
        """Return the weighted count for ``key`` now.

        With ``index = floor(now / window)`` and ``elapsed = now - index *
        window``: ``previous * (window - elapsed) / window + current``, where
        ``previous`` is the count of window ``index - 1`` (0 if that window
        had no requests) and ``current`` the count of window ``index``.
        """
        raise NotImplementedError("previous * (window - elapsed) / window + current")

    def allow(self, key: str) -> bool:
        """Allow and count the request if ``estimate(key) + 1 <= limit``; otherwise deny."""
        raise NotImplementedError("allow and count when estimate + 1 <= limit")
