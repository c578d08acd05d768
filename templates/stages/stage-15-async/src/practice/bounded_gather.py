"""Run many awaitables concurrently, but never more than `limit` at once.

Firing 10,000 requests at a downstream service with asyncio.gather is the
easiest way to get rate-limited, exhaust a connection pool or run out of file
descriptors. Bounded concurrency keeps the speed of async I/O while respecting
the limits of everything you talk to.

Exercise ex01: write gather_limited.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


async def gather_limited(factories: Iterable[Callable[[], Awaitable[T]]], limit: int) -> list[T]:
    """Await every factory's awaitable with at most `limit` running at once.

    Each factory is a zero-argument callable returning an awaitable (for example
    `lambda: fetch(url)` or `functools.partial(fetch, url)`); passing factories
    instead of coroutines lets you start each job only when a slot is free.

    Behaviour:
    - Returns the results in the order of `factories`, whatever order the jobs
      finish in. No factories -> [].
    - At no moment are more than `limit` jobs started and unfinished, and a
      factory is only called once a slot is free for it (use asyncio.Semaphore).
    - If a job raises, the jobs still running are cancelled, jobs not started yet
      never start (careful: the failed job's slot wakes the next waiting job
      before you get to cancel it, so have each job check a "failed" flag right
      after it gets its slot), gather_limited waits until the cancelled jobs have finished
      their cleanup (their `finally` blocks), then re-raises that exception
      itself (not wrapped in an ExceptionGroup). If several fail at once, raise
      the one from the earliest factory.
    - If gather_limited itself is cancelled, it cancels every job and waits for
      them before the CancelledError propagates: no task outlives the call.

    Raises:
        ValueError: when limit < 1.
    """
    raise NotImplementedError("use a Semaphore, one task per job, and cancel the rest on failure")
