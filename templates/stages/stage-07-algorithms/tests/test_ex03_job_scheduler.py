"""Tests for ex03: a heap-based job scheduler."""

from __future__ import annotations

import math

import pytest
from practice.job_scheduler import Job, JobScheduler


class ComparisonBudget:
    """Counts priority comparisons; fails the test once they pass the budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.calls = 0

    def tick(self) -> None:
        self.calls += 1
        assert self.calls <= self.budget, (
            f"priorities were compared more than {self.budget} times: some operation is "
            "O(n) (scanning for the max, sorting on every call, list.remove + heapify on "
            "cancel). Push/pop with heapq and cancel lazily."
        )


class CountingPriority(int):
    """An int priority that reports every comparison (and stays counted when negated)."""

    counter: ComparisonBudget

    def __new__(cls, value: int, counter: ComparisonBudget) -> CountingPriority:
        made = super().__new__(cls, value)
        made.counter = counter
        return made

    def __neg__(self) -> CountingPriority:
        return CountingPriority(-int(self), self.counter)

    def __lt__(self, other: object) -> bool:
        self.counter.tick()
        return int(self) < int(other)  # type: ignore[call-overload]

    def __le__(self, other: object) -> bool:
        self.counter.tick()
        return int(self) <= int(other)  # type: ignore[call-overload]

    def __gt__(self, other: object) -> bool:
        self.counter.tick()
        return int(self) > int(other)  # type: ignore[call-overload]

    def __ge__(self, other: object) -> bool:
        self.counter.tick()
        return int(self) >= int(other)  # type: ignore[call-overload]

    def __eq__(self, other: object) -> bool:
        self.counter.tick()
        return int(self) == other

    def __ne__(self, other: object) -> bool:
        self.counter.tick()
        return int(self) != other

    __hash__ = int.__hash__


def drain(scheduler: JobScheduler) -> list[str]:
    """Pop every waiting job and return their names in pop order."""
    names = []
    while len(scheduler):
        names.append(scheduler.pop().name)
    return names


@pytest.mark.parametrize(
    ("submissions", "want"),
    [
        ([("low", 0), ("high", 10), ("mid", 5)], ["high", "mid", "low"]),
        ([("a", 1), ("b", 1), ("c", 1)], ["a", "b", "c"]),
        ([("zeta", 3), ("alpha", 3), ("mid", 3), ("urgent", 9)], ["urgent", "zeta", "alpha", "mid"]),
        ([("neg", -5), ("zero", 0), ("neg2", -5), ("pos", 2)], ["pos", "zero", "neg", "neg2"]),
        ([("only", 0)], ["only"]),
        (
            [("r\u00e9sum\u00e9-pdf", 1), ("\u0441\u0447\u0451\u0442", 2)],
            ["\u0441\u0447\u0451\u0442", "r\u00e9sum\u00e9-pdf"],
        ),
    ],
)
def test_pop_order_is_priority_then_arrival(submissions: list[tuple[str, int]], want: list[str]) -> None:
    scheduler = JobScheduler()
    for name, priority in submissions:
        scheduler.submit(name, priority)
    got = drain(scheduler)
    assert got == want, (
        f"after submitting {submissions}, jobs should run as {want} (higher priority "
        f"first, first-in-first-out among equals), got {got}"
    )


def test_submit_returns_jobs_with_increasing_ids() -> None:
    scheduler = JobScheduler()
    first = scheduler.submit("backup", 2)
    second = scheduler.submit("report")
    assert first == Job(1, "backup", 2), f"the first job should be Job(1, 'backup', 2), got {first!r}"
    assert second == Job(2, "report", 0), f"the second job should get id 2 and default priority 0, got {second!r}"
    other = JobScheduler().submit("x", 1)
    assert other.job_id == 1, f"ids are per scheduler: a new scheduler starts at 1, got {other.job_id}"


def test_later_urgent_job_overtakes_waiting_ones() -> None:
    scheduler = JobScheduler()
    scheduler.submit("thumbnail", 1)
    scheduler.submit("newsletter", 1)
    first = scheduler.pop().name
    scheduler.submit("password-reset", 10)
    rest = drain(scheduler)
    assert [first, *rest] == ["thumbnail", "password-reset", "newsletter"], (
        f"a job submitted later with higher priority must run next, got {[first, *rest]}"
    )


def test_peek_does_not_remove() -> None:
    scheduler = JobScheduler()
    scheduler.submit("a", 1)
    scheduler.submit("b", 5)
    peeked = scheduler.peek()
    assert peeked.name == "b", f"peek should show the most urgent job 'b', got {peeked!r}"
    assert len(scheduler) == 2, f"peek must not remove anything; len should stay 2, got {len(scheduler)}"
    assert scheduler.pop() == peeked, "pop should return the job peek showed"


@pytest.mark.parametrize("method", ["pop", "peek"])
def test_empty_scheduler_raises_index_error(method: str) -> None:
    scheduler = JobScheduler()
    with pytest.raises(IndexError):
        getattr(scheduler, method)()
    scheduler.submit("once", 0)
    scheduler.pop()
    with pytest.raises(IndexError):
        getattr(scheduler, method)()


def test_cancelled_jobs_never_run() -> None:
    scheduler = JobScheduler()
    jobs = [scheduler.submit(name, p) for name, p in [("a", 1), ("b", 9), ("c", 5), ("d", 5)]]
    scheduler.cancel(jobs[2].job_id)
    assert len(scheduler) == 3, f"cancelling one of 4 jobs leaves 3 waiting, got {len(scheduler)}"
    scheduler.cancel(jobs[1].job_id)
    top = scheduler.peek()
    assert top.name == "d", f"with 'b' (top) and 'c' cancelled, peek should show 'd', got {top!r}"
    got = drain(scheduler)
    assert got == ["d", "a"], f"cancelled jobs must be skipped: want ['d', 'a'], got {got}"


@pytest.mark.parametrize("case", ["unknown", "twice", "after-pop"])
def test_cancel_of_a_job_that_is_not_waiting_raises_key_error(case: str) -> None:
    scheduler = JobScheduler()
    job = scheduler.submit("import-csv", 3)
    scheduler.submit("other", 1)
    if case == "unknown":
        target = 999
    elif case == "twice":
        scheduler.cancel(job.job_id)
        target = job.job_id
    else:
        assert scheduler.pop() == job
        target = job.job_id
    waiting = len(scheduler)
    with pytest.raises(KeyError):
        scheduler.cancel(target)
    assert len(scheduler) == waiting, (
        f"a failed cancel must not change the queue; len should stay {waiting}, got {len(scheduler)}"
    )


@pytest.mark.parametrize(
    ("name", "priority", "error"),
    [
        ("job", "high", TypeError),
        ("job", 1.5, TypeError),
        ("job", True, TypeError),
        ("job", None, TypeError),
        ("", 1, ValueError),
    ],
)
def test_bad_submissions_are_rejected(name: str, priority: object, error: type[Exception]) -> None:
    scheduler = JobScheduler()
    with pytest.raises(error):
        scheduler.submit(name, priority)  # type: ignore[arg-type]
    assert len(scheduler) == 0, "a rejected job must not be queued"


@pytest.mark.parametrize("size", [256, 2_048])
def test_comparisons_grow_like_n_log_n(size: int) -> None:
    counter = ComparisonBudget(budget=8 * size * math.ceil(math.log2(size)))
    scheduler = JobScheduler()
    jobs = [scheduler.submit(f"job-{i}", CountingPriority(i % 7, counter)) for i in range(size)]
    for job in jobs[::3]:
        scheduler.cancel(job.job_id)
    popped = []
    while len(scheduler):
        popped.append(scheduler.pop())
    want_count = size - len(jobs[::3])
    assert len(popped) == want_count, f"{want_count} jobs should run, got {len(popped)}"
    keys = [(-job.priority, job.job_id) for job in popped]
    assert keys == sorted(keys), "jobs must come out by priority (high first), then by id"
