"""ex03: producer/consumer with a bounded queue, sentinels and ordered results."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from practice.pipeline import run_pipeline


def other_tasks() -> set[asyncio.Task[object]]:
    current = asyncio.current_task()
    return {task for task in asyncio.all_tasks() if task is not current}


class Stats:
    """Watches the source and the workers to measure backlog and concurrency."""

    def __init__(self) -> None:
        self.pulled = 0
        self.started = 0
        self.running = 0
        self.peak_running = 0
        self.peak_backlog = 0

    def source(self, count: int) -> Iterator[int]:
        for value in range(count):
            self.pulled += 1
            self.peak_backlog = max(self.peak_backlog, self.pulled - self.started)
            yield value

    async def work(self, value: int, hops: int = 3) -> int:
        self.started += 1
        self.running += 1
        self.peak_running = max(self.peak_running, self.running)
        try:
            for _ in range(hops):
                await asyncio.sleep(0)
            return value * value
        finally:
            self.running -= 1


def test_results_follow_input_order() -> None:
    async def shout(word: str) -> str:
        for _ in range(len(word) * 3 % 7):
            await asyncio.sleep(0)
        return word.upper()

    words = ["\u00e9clair", "tea", "croissant", "pie", "", "na\u00efve"]
    got = asyncio.run(run_pipeline(words, shout, workers=3, queue_size=2))
    assert got == ["\u00c9CLAIR", "TEA", "CROISSANT", "PIE", "", "NA\u00cfVE"], (
        f"results must come back in input order, got {got}"
    )


@pytest.mark.parametrize(("workers", "peak"), [(1, 1), (3, 3), (8, 8), (20, 10)])
def test_workers_run_concurrently_up_to_their_number(workers: int, peak: int) -> None:
    stats = Stats()
    got = asyncio.run(run_pipeline(stats.source(10), stats.work, workers=workers, queue_size=10))
    assert got == [v * v for v in range(10)], f"every item must be processed once, got {got}"
    assert stats.peak_running == peak, (
        f"{workers} workers on 10 items should peak at {peak} concurrent calls, got {stats.peak_running}"
    )


@pytest.mark.parametrize("queue_size", [1, 2, 5])
def test_bounded_queue_applies_backpressure(queue_size: int) -> None:
    stats = Stats()

    async def slow(value: int) -> int:
        return await stats.work(value, hops=10)

    got = asyncio.run(run_pipeline(stats.source(30), slow, workers=1, queue_size=queue_size))
    assert got == [v * v for v in range(30)], "all 30 items must be processed"
    assert stats.peak_backlog <= queue_size + 1, (
        f"with queue_size={queue_size} the producer may hold at most {queue_size} queued items plus the one it is "
        f"putting, but it ran ahead by {stats.peak_backlog}: pull items lazily and await queue.put"
    )


def test_empty_input_stops_every_worker() -> None:
    async def main() -> tuple[list[int], set[asyncio.Task[object]]]:
        stats = Stats()
        result = await run_pipeline(stats.source(0), stats.work, workers=4, queue_size=1)
        return result, other_tasks()

    result, leftover = asyncio.run(main())
    assert result == [], f"no items, no results, got {result}"
    assert leftover == set(), f"every worker must receive its sentinel and stop, left: {leftover}"


def test_a_worker_error_stops_the_pipeline() -> None:
    stats = Stats()

    async def picky(value: int) -> int:
        if value == 3:
            raise ValueError("cannot process 3")
        return await stats.work(value, hops=20)

    async def main() -> set[asyncio.Task[object]]:
        with pytest.raises(ValueError, match="cannot process 3"):
            await run_pipeline(stats.source(1000), picky, workers=2, queue_size=2)
        return other_tasks()

    leftover = asyncio.run(main())
    assert leftover == set(), f"the producer and the other workers must be cancelled and awaited, left: {leftover}"
    assert stats.running == 0, "a worker interrupted mid-item must still run its cleanup"
    assert stats.pulled < 20, f"the producer must stop early, but it pulled {stats.pulled} of 1000 items"


@pytest.mark.parametrize(("workers", "queue_size"), [(0, 1), (-1, 1), (1, 0), (2, -5)])
def test_bad_settings_raise_value_error(workers: int, queue_size: int) -> None:
    async def identity(value: int) -> int:
        return value

    with pytest.raises(ValueError):
        asyncio.run(run_pipeline([1, 2], identity, workers=workers, queue_size=queue_size))
