"""A circuit breaker: stop calling a dependency that keeps failing.

When a downstream service is down, retrying every request makes things worse:
threads pile up waiting for timeouts and the struggling service gets no room
to recover. A circuit breaker wraps the calls and has three states:

* ``closed``: calls go through. Each failure (an exception of one of the
  ``expected`` types) adds one to a counter and a success resets it to 0.
  When the counter reaches ``failure_threshold`` the breaker opens.
* ``open``: calls fail fast with ``CircuitOpenError`` without calling the
  function, until ``reset_timeout`` seconds have passed since opening; then
  the state reads as ``half-open``.
* ``half-open``: calls go through as trials. ``success_threshold``
  consecutive successes close the breaker (counters reset); any failure opens
  it again, starting a new ``reset_timeout``.

Exceptions not in ``expected`` (for example a ``KeyError`` from a bug in the
caller) pass through unchanged and neither count as failure nor as success.
Every state change is reported to the optional ``listener`` as
``listener(old_state, new_state)``, which is how dashboards and alerts learn
about it.

Exercise ex05: implement ``CircuitBreaker``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitOpenError(RuntimeError):
    """Raised instead of calling the function while the breaker is open."""

    def __init__(self, retry_after: float) -> None:
        """Remember how many seconds remain until a trial call is allowed."""
        super().__init__(f"circuit open; retry after {retry_after:.1f}s")
        self.retry_after = retry_after


class CircuitBreaker:
    """Closed / open / half-open protection around calls to a dependency."""

    def __init__(
        self,
        *,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        success_threshold: int = 1,
        expected: tuple[type[BaseException], ...] = (Exception,),
        clock: Callable[[], float] = time.monotonic,
        listener: Callable[[str, str], None] | None = None,
    ) -> None:
        """Create a closed breaker.

        Args:
            failure_threshold: consecutive failures that open the breaker, >= 1.
            reset_timeout: seconds to stay open before allowing trials, > 0.
            success_threshold: consecutive trial successes that close it, >= 1.
            expected: exception types that count as failures.
            clock: returns the current time in seconds.
            listener: called as ``listener(old, new)`` on every state change.

        Raises:
            ValueError: for a threshold below 1 or a timeout that is not positive.
        """
        if failure_threshold < 1 or success_threshold < 1 or reset_timeout <= 0:
            raise ValueError("thresholds must be >= 1 and reset_timeout > 0")
        self._failure_threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._success_threshold = success_threshold
        self._expected = expected
        self._clock = clock
        self._listener = listener
        self._state = CLOSED
        self._failures = 0
        self._successes = 0
        self._opened_at = 0.0
        self.rejected = 0

    def _move(self, new: str) -> None:
        old, self._state = self._state, new
        if self._listener is not None and old != new:
            self._listener(old, new)

    @property
    def state(self) -> str:
        """The current state: ``"closed"``, ``"open"`` or ``"half-open"``.

        Reading it moves an open breaker whose timeout has passed to
        half-open (and notifies the listener).
        """
        if self._state == OPEN and self._clock() - self._opened_at >= self._reset_timeout:
            self._successes = 0
            self._move(HALF_OPEN)
        return self._state

    def call(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Call ``fn(*args, **kwargs)`` through the breaker.

        Args:
            fn: the protected function.
            *args: positional arguments for ``fn``.
            **kwargs: keyword arguments for ``fn``.

        Returns:
            Whatever ``fn`` returns.

        Raises:
            CircuitOpenError: while open; ``retry_after`` is
                ``opened_at + reset_timeout - now``. Each rejection adds 1 to
                the ``rejected`` attribute.
            Exception: whatever ``fn`` raises, after recording it.
        """
        if self.state == OPEN:
            self.rejected += 1
            raise CircuitOpenError(self._opened_at + self._reset_timeout - self._clock())
        try:
            result = fn(*args, **kwargs)
        except self._expected:
            self._record_failure()
            raise
        self._record_success()
        return result

    def _record_failure(self) -> None:
        self._failures += 1
        if self._state == HALF_OPEN or self._failures >= self._failure_threshold:
            self._opened_at = self._clock()
            self._move(OPEN)

    def _record_success(self) -> None:
        if self._state == HALF_OPEN:
            self._successes += 1
            if self._successes < self._success_threshold:
                return
            self._move(CLOSED)
        self._failures = 0

    def protect(self, fn: Callable[P, R]) -> Callable[P, R]:
        """Return a wrapper that sends every call of ``fn`` through ``call``.

        Args:
            fn: the function to protect.

        Returns:
            The wrapper, keeping ``fn``'s name and docstring (``functools.wraps``).
        """

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            return self.call(fn, *args, **kwargs)

        return wrapper
