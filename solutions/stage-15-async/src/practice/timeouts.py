"""Timeouts and cancellation that clean up after themselves.

A timeout in async code is a cancellation: asyncio.timeout() cancels the work
inside it and turns the CancelledError into TimeoutError at its edge. That is
only safe if every piece of work releases what it holds in `finally` blocks and
if nobody leaves background tasks running after giving up on them.
"""

from __future__ import annotations

import asyncio
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
    """A fixed number of connections, numbered 0..size-1, shared by many tasks."""

    def __init__(self, size: int) -> None:
        """Create a pool with every connection free."""
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self._free: asyncio.Queue[int] = asyncio.Queue()
        for number in range(size):
            self._free.put_nowait(number)

    @property
    def in_use(self) -> int:
        """Return how many connections are checked out."""
        return self.size - self._free.qsize()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[int]:
        """Check a connection out for the duration of an `async with` block."""
        number = await self._free.get()
        try:
            yield number
        finally:
            self._free.put_nowait(number)


async def call_with_timeout(pool: ConnectionPool, operation: Callable[[int], Awaitable[T]], timeout: float) -> T:
    """Run operation(connection) with a deadline covering the wait and the work."""
    if timeout <= 0:
        raise ValueError(f"timeout must be positive, got {timeout}")
    async with asyncio.timeout(timeout), pool.connection() as number:
        return await operation(number)


async def first_success(factories: Sequence[Callable[[], Awaitable[T]]], timeout: float) -> T:
    """Start every attempt at once and return the first successful result."""
    if not factories:
        raise ValueError("first_success needs at least one attempt")
    if timeout <= 0:
        raise ValueError(f"timeout must be positive, got {timeout}")
    tasks = [asyncio.ensure_future(factory()) for factory in factories]
    errors: dict[int, BaseException] = {}
    try:
        async with asyncio.timeout(timeout):
            pending: set[asyncio.Future[T]] = set(tasks)
            while pending:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in sorted(done, key=tasks.index):
                    error = task.exception()
                    if error is None:
                        return task.result()
                    errors[tasks.index(task)] = error
            raise AllFailedError([errors[index] for index in range(len(tasks))])
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
