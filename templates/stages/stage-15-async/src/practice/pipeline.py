"""A producer/consumer pipeline with a bounded queue (backpressure).

One producer reads work items and puts them on an asyncio.Queue; a fixed number
of worker tasks take items off and process them. Because the queue is bounded,
a slow consumer makes the producer wait instead of letting an unbounded backlog
pile up in memory: that waiting is backpressure. A sentinel per worker tells
the workers that no more work is coming.

Exercise ex03: write run_pipeline.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

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
    """Process every item with `workers` concurrent workers through a bounded queue.

    Structure:
    - One asyncio.Queue(maxsize=queue_size).
    - One producer task: iterate `items` lazily (pull the next item only when
      about to put it; `items` may be a generator), put (index, item) pairs on
      the queue with `await queue.put(...)` (this is where it waits when the
      queue is full), then put the STOP sentinel once per worker.
    - `workers` consumer tasks: take entries until they take STOP; for each
      (index, item) store `await worker(item)` as the result for that index.

    Returns:
        The results in the order of `items` (not the order workers finished).
        No items -> [] (the workers still stop cleanly).

    If the worker function (or iterating `items`) raises, cancel the producer and
    every consumer, wait for them, and re-raise that exception. No task may
    outlive the call, whether it returns or raises.

    Raises:
        ValueError: when workers < 1 or queue_size < 1 (0 would mean an
            unbounded asyncio.Queue: no backpressure at all).
    """
    raise NotImplementedError("start one producer and `workers` consumers around a bounded queue")
