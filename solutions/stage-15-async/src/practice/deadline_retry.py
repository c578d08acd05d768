"""Async retries with full-jitter backoff, per-attempt timeouts and an overall deadline.

Retrying a call to another service is only half the job in async code. Each
attempt needs its own timeout (a hung connection must not eat the whole
budget), the retries together need a deadline (the caller upstream has one
too), and a timeout must never be confused with the caller cancelling us:
a timed-out attempt may be retried, a cancelled caller must stop at once.
Sleep, randomness and the clock are injected, so tests check exact delays
without waiting for them.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


def _check_backoff(base: float, cap: float) -> None:
    if base <= 0:
        raise ValueError(f"base must be positive, got {base}")
    if cap < base:
        raise ValueError(f"cap ({cap}) must not be smaller than base ({base})")


def backoff_ceiling(retry_number: int, *, base: float, cap: float) -> float:
    """Return the longest wait allowed before retry number `retry_number` (1, 2, ...)."""
    if retry_number < 1:
        raise ValueError(f"retry_number starts at 1, got {retry_number}")
    _check_backoff(base, cap)
    return min(cap, base * 2 ** (retry_number - 1))


def backoff_delays(attempts: int, *, base: float, cap: float, rand: Callable[[], float]) -> list[float]:
    """Return the full-jitter waits between `attempts` attempts."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    _check_backoff(base, cap)
    return [rand() * backoff_ceiling(n, base=base, cap=cap) for n in range(1, attempts)]


async def retry_with_deadline(
    operation: Callable[[], Awaitable[T]],
    *,
    attempts: int = 5,
    base: float = 0.1,
    cap: float = 10.0,
    attempt_timeout: float | None = None,
    deadline: float | None = None,
    retry_on: tuple[type[Exception], ...] = (ConnectionError, TimeoutError),
    sleep: Sleep = asyncio.sleep,
    rand: Callable[[], float] = random.random,
    clock: Clock = time.monotonic,
) -> T:
    """Await operation() until it succeeds, within per-attempt and overall time limits."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    _check_backoff(base, cap)
    if attempt_timeout is not None and attempt_timeout <= 0:
        raise ValueError(f"attempt_timeout must be positive, got {attempt_timeout}")
    if deadline is not None and deadline <= 0:
        raise ValueError(f"deadline must be positive, got {deadline}")
    started = clock()
    for attempt in range(1, attempts + 1):
        try:
            async with asyncio.timeout(attempt_timeout):
                return await operation()
        except retry_on as exc:
            if attempt == attempts:
                exc.add_note(f"gave up after {attempts} attempts")
                raise
            delay = rand() * backoff_ceiling(attempt, base=base, cap=cap)
            if deadline is not None and clock() - started + delay >= deadline:
                exc.add_note(
                    f"gave up after {attempt} attempts: waiting {delay:.3f}s would pass the {deadline}s deadline"
                )
                raise
            await sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
