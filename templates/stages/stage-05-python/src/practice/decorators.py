"""Decorators: retry, memoize and timing, the way production code uses them.

A decorator wraps a function to add behaviour around every call without touching
the function's body: retrying flaky network calls, caching expensive lookups,
recording metrics. Good decorators are invisible: the wrapped function keeps its
name, docstring and signature (``functools.wraps``), and time is injected so
tests never really sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def retry(
    *,
    attempts: int = 3,
    exceptions: tuple[type[BaseException], ...] = (Exception,),
    delay: float = 0.1,
    backoff: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Build a decorator that retries a function when it raises.

    Usage::

        @retry(attempts=4, exceptions=(ConnectionError,), delay=0.5)
        def fetch_rates() -> dict[str, float]: ...

    Behaviour of the decorated function:

    - call the function; if it returns, return that value;
    - if it raises an instance of one of ``exceptions`` and attempts remain, call
      ``sleep(d)`` and try again, where ``d`` is ``delay`` before the 2nd attempt,
      ``delay * backoff`` before the 3rd, ``delay * backoff**2`` before the 4th...
    - after the last attempt fails, re-raise that last exception itself (not a
      wrapper), without sleeping again;
    - an exception NOT in ``exceptions`` propagates at once, with no sleep and
      no retry.

    Args:
        attempts: Total number of calls allowed, an int >= 1 (1 means no retry).
        exceptions: Exception types that are worth retrying.
        delay: Seconds to wait before the second attempt, >= 0.
        backoff: Multiplier applied to the delay after each wait, >= 1.
        sleep: Function used to wait; tests inject a fake that records the delays.

    Returns:
        A decorator. The wrapper it returns preserves ``__name__``, ``__doc__``,
        ``__qualname__`` and ``__wrapped__`` (use ``functools.wraps``).

    Raises:
        ValueError: when ``retry(...)`` itself is called with attempts < 1 (or not
            an int), delay < 0 or backoff < 1; before any decoration happens.
    """
    raise NotImplementedError(
        "validate the arguments, then return a decorator whose functools.wraps wrapper loops over the attempts"
    )


class Memoized(Generic[P, R]):
    """A function wrapped with a result cache; created by ``memoize``."""

    def __init__(self, func: Callable[P, R]) -> None:
        """Wrap ``func``; copy its metadata onto this object with ``functools.update_wrapper``."""
        raise NotImplementedError("call functools.update_wrapper(self, func), keep func and an empty dict cache")

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Return the cached result for these arguments, computing it on a miss.

        The cache key is ``(args, tuple(sorted(kwargs.items())))``, so
        ``f(1, b=2, c=3)`` and ``f(1, c=3, b=2)`` share an entry, while ``f(1)``
        and ``f(x=1)`` are cached separately. If the key is unhashable (e.g. a
        list argument) the function is simply called, and nothing is cached.
        If the function raises, nothing is cached and the exception propagates.
        """
        raise NotImplementedError("build the key, return a cached result, call through on TypeError, store new results")

    @property
    def cache_size(self) -> int:
        """Number of cached results."""
        raise NotImplementedError("return the number of cached entries")

    def cache_clear(self) -> None:
        """Forget every cached result."""
        raise NotImplementedError("empty the cache")


def memoize(func: Callable[P, R]) -> Memoized[P, R]:
    """Cache a pure function's results by its arguments.

    Use it on plain functions (not methods). See ``Memoized.__call__`` for the
    caching rules; the result also has ``cache_size`` and ``cache_clear()``.
    """
    return Memoized(func)


def timed(
    record: Callable[[str, float], None],
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Build a decorator that reports how long each call takes.

    Each call reads ``clock()`` once before and once after the function, then
    calls ``record(func.__qualname__, seconds)``, also when the function raises
    (the exception still propagates). The wrapper preserves the function's
    metadata like ``retry`` does.

    Args:
        record: Receives the function's ``__qualname__`` and the elapsed seconds,
            e.g. to feed a metrics histogram.
        clock: Zero-argument callable returning seconds; injected in tests.

    Returns:
        A decorator.
    """
    raise NotImplementedError(
        "return a decorator whose wrapper reads clock() before and after and calls record in a finally block"
    )
