"""Run many awaitables concurrently, but never more than `limit` at once.

Firing 10,000 requests at a downstream service with asyncio.gather is the
easiest way to get rate-limited, exhaust a connection pool or run out of file
descriptors. Bounded concurrency keeps the speed of async I/O while respecting
the limits of everything you talk to.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


async def gather_limited(factories: Iterable[Callable[[], Awaitable[T]]], limit: int) -> list[T]:
    """Await every factory's awaitable with at most `limit` running at once."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    jobs = list(factories)
    results: dict[int, T] = {}
    semaphore = asyncio.Semaphore(limit)
    failed = False

    async def run(index: int, factory: Callable[[], Awaitable[T]]) -> None:
        nonlocal failed
        async with semaphore:
            if failed:
                return
            try:
                results[index] = await factory()
            except Exception:
                failed = True
                raise

    tasks = [asyncio.create_task(run(index, factory)) for index, factory in enumerate(jobs)]
    try:
        if tasks:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in tasks:
            error = task.exception() if task.done() and not task.cancelled() else None
            if error is not None:
                raise error
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return [results[index] for index in range(len(jobs))]
