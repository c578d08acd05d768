"""ex01: bounded concurrency with a semaphore, order kept, failures cleaned up."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from practice.bounded_gather import gather_limited


class Tracker:
    """Counts how many jobs are in flight, and the most there ever were."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.peak = 0
        self.started: list[int] = []
        self.finished: list[int] = []
        self.cancelled: list[int] = []

    def job(self, index: int, hops: int = 3, fail: bool = False) -> Callable[[], Awaitable[int]]:
        """A job that yields to the event loop `hops` times, then returns index * 10."""

        async def run() -> int:
            self.started.append(index)
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            try:
                for _ in range(hops):
                    await asyncio.sleep(0)
                if fail:
                    raise LookupError(f"job {index} failed")
                self.finished.append(index)
                return index * 10
            except asyncio.CancelledError:
                self.cancelled.append(index)
                raise
            finally:
                self.in_flight -= 1

        return run


def other_tasks() -> set[asyncio.Task[object]]:
    current = asyncio.current_task()
    return {task for task in asyncio.all_tasks() if task is not current}


def test_results_keep_input_order() -> None:
    tracker = Tracker()
    hops = [9, 1, 5, 0, 3]
    got = asyncio.run(gather_limited([tracker.job(i, hops=h) for i, h in enumerate(hops)], limit=5))
    assert got == [0, 10, 20, 30, 40], f"results must follow the input order, got {got}"
    assert tracker.finished != sorted(tracker.finished), "sanity: the jobs really finished out of order"


@pytest.mark.parametrize(("limit", "peak"), [(1, 1), (2, 2), (3, 3), (7, 7), (50, 7)])
def test_never_more_than_limit_in_flight(limit: int, peak: int) -> None:
    tracker = Tracker()
    got = asyncio.run(gather_limited([tracker.job(i) for i in range(7)], limit=limit))
    assert got == [i * 10 for i in range(7)], f"all 7 jobs should complete, got {got}"
    assert tracker.peak == peak, (
        f"with limit={limit} and 7 jobs the peak in flight should be exactly {peak}, got {tracker.peak}"
    )


def test_factories_are_called_only_when_a_slot_is_free() -> None:
    tracker = Tracker()
    calls: list[int] = []
    seen_at_first_start: list[int] = []

    async def run(index: int) -> int:
        if index == 0:
            seen_at_first_start.extend(calls)
        return await tracker.job(index)()

    def factory(index: int) -> Callable[[], Awaitable[int]]:
        def make() -> Awaitable[int]:
            calls.append(index)
            return run(index)

        return make

    asyncio.run(gather_limited((factory(i) for i in range(6)), limit=2))
    assert calls == [0, 1, 2, 3, 4, 5], f"every factory is called once, in order, got {calls}"
    assert seen_at_first_start == [0], "factories must be called lazily, when a slot frees up, not all at the start"
    assert tracker.peak == 2, f"peak should be 2, got {tracker.peak}"


def test_empty_input_and_bad_limits() -> None:
    assert asyncio.run(gather_limited([], limit=3)) == [], "no factories means no results"
    for bad in (0, -1):
        with pytest.raises(ValueError):
            asyncio.run(gather_limited([Tracker().job(0)], limit=bad))


def test_a_failure_cancels_the_rest_and_is_reraised() -> None:
    tracker = Tracker()

    async def main() -> set[asyncio.Task[object]]:
        jobs = [tracker.job(0, hops=50), tracker.job(1, hops=1, fail=True), tracker.job(2, hops=50)]
        jobs += [tracker.job(i, hops=50) for i in range(3, 8)]
        with pytest.raises(LookupError, match="job 1 failed"):
            await gather_limited(jobs, limit=3)
        return other_tasks()

    leftover = asyncio.run(main())
    assert sorted(tracker.cancelled) == [0, 2], (
        f"the two siblings running with job 1 must be cancelled, got {tracker.cancelled}"
    )
    assert tracker.started == [0, 1, 2], f"jobs not started yet must never start, started: {tracker.started}"
    assert tracker.in_flight == 0, "every cancelled job must have run its finally block before the error surfaced"
    assert leftover == set(), f"no task may outlive gather_limited, left: {leftover}"


def test_cancelling_the_caller_cancels_every_job() -> None:
    tracker = Tracker()

    async def main() -> set[asyncio.Task[object]]:
        task = asyncio.create_task(gather_limited([tracker.job(i, hops=1000) for i in range(5)], limit=2))
        for _ in range(5):
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return other_tasks()

    leftover = asyncio.run(main())
    assert sorted(tracker.cancelled) == [0, 1], f"the 2 running jobs must see CancelledError, got {tracker.cancelled}"
    assert tracker.in_flight == 0 and leftover == set(), f"nothing may keep running, left: {leftover}"


def test_accepts_any_awaitable_factory() -> None:
    async def value(v: str) -> str:
        await asyncio.sleep(0)
        return v

    got = asyncio.run(gather_limited([lambda: value("\u00e9t\u00e9"), lambda: value("snow")], limit=1))
    assert got == ["\u00e9t\u00e9", "snow"], f"got {got}"
