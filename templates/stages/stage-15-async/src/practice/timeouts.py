"""Timeouts and cancellation that clean up after themselves.

A timeout in async code is a cancellation: asyncio.timeout() cancels the work
inside it and turns the CancelledError into TimeoutError at its edge. That is
only safe if every piece of work releases what it holds in `finally` blocks and
if nobody leaves background tasks running after giving up on them.

Exercise ex02: write ConnectionPool, call_with_timeout and first_success.
AllFailedError is complete.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TypeVar

T = TypeVar("T")


class AllFailedError(Exception):
    """Every attempt failed; `errors` holds their exceptions in input order."""

    def __init__(self, errors: list[BaseException]) -> None:
        """Keep the errors."""
        super().__init__(f"all {len(errors)} attempts failed")
        self.errors = errors


class ConnectionPool:
    """A fixed number of connections, numbered 0..size-1, shared by many tasks.

    A real pool would hold sockets; the numbers stand in for them. An
    asyncio.Queue of free numbers is all the machinery needed: get() waits while
    the queue is empty, and a task cancelled while waiting takes nothing.
    """

    def __init__(self, size: int) -> None:
        """Create a pool with every connection (0..size-1) free.

        Raises:
            ValueError: when size < 1.
        """
        raise NotImplementedError("fill an asyncio.Queue with the free connection numbers")

    @property
    def in_use(self) -> int:
        """Return how many connections are checked out right now."""
        raise NotImplementedError("size minus the free ones")

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[int]:
        """Check a connection out for the duration of an `async with` block.

        Waits while every connection is in use. Yields the connection number and
        always gives it back when the block ends, whether it ends normally, by
        an exception, or by cancellation (try/finally around the yield).
        """
        raise NotImplementedError("get a number, yield it, put it back in finally")
        yield 0  # pragma: no cover - makes this a generator for asynccontextmanager


async def call_with_timeout(pool: ConnectionPool, operation: Callable[[int], Awaitable[T]], timeout: float) -> T:
    """Run operation(connection) with a deadline covering the wait and the work.

    One `asyncio.timeout(timeout)` block must cover both waiting for a free
    connection and running the operation, so a caller is never stuck longer
    than `timeout` seconds in total. When the deadline passes, raise TimeoutError
    (asyncio.timeout does this for you); the operation is cancelled (its own
    `finally` blocks run) and the connection goes back to the pool. Exceptions
    from the operation propagate unchanged, also releasing the connection.

    Raises:
        ValueError: when timeout <= 0.
        TimeoutError: when the deadline passes.
    """
    raise NotImplementedError("nest pool.connection() inside asyncio.timeout()")


async def first_success(factories: Sequence[Callable[[], Awaitable[T]]], timeout: float) -> T:
    """Start every attempt at once and return the first successful result.

    This is a "hedged request": ask several replicas and use whichever answers
    first. Start one task per factory (asyncio.ensure_future(factory())), then
    wait for them to finish (asyncio.wait with FIRST_COMPLETED, in a loop).

    - The first attempt to succeed wins; its result is returned. If several
      finish in the same step, prefer the earliest factory.
    - Failed attempts are remembered; if all fail, raise
      AllFailedError(errors) with the exceptions in the order of `factories`
      (not the order they failed in).
    - After `timeout` seconds without a success, raise TimeoutError.
    - Whatever happens (success, all failed, timeout, the caller being
      cancelled), cancel every attempt still running and wait for them to
      finish before returning or raising: no task outlives the call.

    Raises:
        ValueError: when factories is empty or timeout <= 0.
        AllFailedError: when every attempt raised.
        TimeoutError: when the deadline passes first.
    """
    raise NotImplementedError("race the attempts, keep the first success, clean up the rest")
