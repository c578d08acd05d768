"""A producer/consumer pipeline with a bounded queue (backpressure).

One producer reads work items and puts them on an asyncio.Queue; a fixed number
of worker tasks take items off and process them. Because the queue is bounded,
a slow consumer makes the producer wait instead of letting an unbounded backlog
pile up in memory: that waiting is backpressure. A sentinel per worker tells
the workers that no more work is coming.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

STOP = object()


async def run_pipeline(
    items: Iterable[T],
    worker: Callable[[T], Awaitable[R]],
    *,
    workers: int,
    queue_size: int,
) -> list[R]:
    """Process every item with `workers` concurrent workers through a bounded queue."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if queue_size < 1:
        raise ValueError(f"queue_size must be at least 1, got {queue_size}")
    queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=queue_size)
    results: dict[int, R] = {}

    async def produce() -> None:
        for index, item in enumerate(items):
            await queue.put((index, item))
        for _ in range(workers):
            await queue.put(STOP)

    async def consume() -> None:
        while True:
            entry = await queue.get()
            if entry is STOP:
                return
            index, item = entry
            results[index] = await worker(item)

    tasks = [asyncio.create_task(produce())] + [asyncio.create_task(consume()) for _ in range(workers)]
    try:
        pending: set[asyncio.Task[None]] = set(tasks)
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_EXCEPTION)
            for task in tasks:
                error = task.exception() if task in done else None
                if error is not None:
                    raise error
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return [results[index] for index in range(len(results))]
