"""Async retries with full-jitter backoff, per-attempt timeouts and an overall deadline.

Retrying a call to another service is only half the job in async code. Each
attempt needs its own timeout (a hung connection must not eat the whole
budget), the retries together need a deadline (the caller upstream has one
too), and a timeout must never be confused with the caller cancelling us:
a timed-out attempt may be retried, a cancelled caller must stop at once.
Sleep, randomness and the clock are injected, so tests check exact delays
without waiting for them.

Exercise ex05: write backoff_ceiling, backoff_delays and retry_with_deadline.
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


def backoff_ceiling(retry_number: int, *, base: float, cap: float) -> float:
    """Return the longest wait allowed before retry number `retry_number` (1, 2, ...).

    Capped exponential growth: min(cap, base * 2 ** (retry_number - 1)).
    With base 0.1 and cap 1.0: 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, ...

    Raises:
        ValueError: when retry_number < 1, base <= 0 or cap < base.
    """
    raise NotImplementedError("double the base per retry, never above the cap")


def backoff_delays(attempts: int, *, base: float, cap: float, rand: Callable[[], float]) -> list[float]:
    """Return the full-jitter waits between `attempts` attempts.

    There are attempts - 1 waits (none after the last attempt). Wait n
    (n = 1 .. attempts - 1) is rand() * backoff_ceiling(n): "full jitter", a
    random point between 0 and the ceiling, so clients that failed together do
    not retry together. rand() returns a float in [0, 1) like random.random;
    call it exactly once per wait, in order. attempts=1 -> [].

    Raises:
        ValueError: when attempts < 1, base <= 0 or cap < base.
    """
    raise NotImplementedError("one jittered wait per retry")


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
    """Await operation() until it succeeds, within per-attempt and overall time limits.

    - Make at most `attempts` attempts; return the first result.
    - Each attempt runs inside `asyncio.timeout(attempt_timeout)` (None means no
      limit). A timed-out attempt is cancelled (its finally blocks run) and
      fails with TimeoutError, which is retried when TimeoutError is in
      retry_on (it is by default).
    - A failure that is an instance of retry_on is retried after
      `await sleep(delay)` with delay = rand() * backoff_ceiling(attempt), where
      attempt is 1 for the first failure. Any other exception propagates at once.
    - Overall deadline (seconds, measured with `clock`, which is read once at
      the start): before sleeping, if (clock() - start) + delay >= deadline,
      give up at once instead of sleeping past the budget.
    - Giving up (attempts used up, or the deadline) re-raises the last
      exception itself, after exc.add_note(...) explaining why, e.g.
      "gave up after 5 attempts". No sleep after the last attempt.
    - Cancellation of the caller (asyncio.CancelledError, during an attempt or a
      sleep) is never retried: it must propagate at once. asyncio.timeout only
      turns its OWN cancellation into TimeoutError, so the two stay distinct.

    Raises:
        ValueError: before any attempt, when attempts < 1, base <= 0, cap < base,
            or attempt_timeout / deadline is given but not positive.
    """
    raise NotImplementedError("loop over attempts with asyncio.timeout, jittered sleeps and a deadline check")
