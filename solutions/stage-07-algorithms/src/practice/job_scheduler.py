"""A priority job scheduler on a binary heap (``heapq``).

Background workers (Celery, RQ, Sidekiq, a cron-like runner) keep waiting jobs in a
priority queue: the most urgent job runs first, and jobs of equal urgency run in the
order they arrived, so nobody starves behind later submissions. Users also cancel jobs
that have not started yet.

Rules of this scheduler:

* A higher ``priority`` number is more urgent (as in RabbitMQ's priority queues):
  priority 10 runs before priority 0, and 0 before -5.
* Equal priorities run first in, first out.
* ``submit``, ``pop`` and ``cancel`` must cost O(log n) comparisons, not O(n).

``heapq`` is a MIN-heap of plain list items. Two details decide whether it works:
what you push (something whose ordering puts the most urgent, oldest job first) and how
``cancel`` avoids searching the list (mark the job as cancelled and skip it when it
reaches the top: "lazy deletion"). The tests count priority comparisons.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """A job waiting in the scheduler.

    Attributes:
        job_id: Unique id given by ``submit``: 1, 2, 3, ... per scheduler.
        name: What to run, e.g. ``"send-invoice-emails"``.
        priority: Higher runs first.
    """

    job_id: int
    name: str
    priority: int


class JobScheduler:
    """Hands out waiting jobs most urgent first, FIFO among equal priorities."""

    def __init__(self) -> None:
        """Create an empty scheduler whose first job id will be 1."""
        self._heap: list[tuple[int, int, Job]] = []
        self._last_id = 0
        self._waiting: set[int] = set()

    def submit(self, name: str, priority: int = 0) -> Job:
        """Add a job and return it.

        Args:
            name: A non-empty job name.
            priority: An ``int`` (not ``bool``); higher is more urgent. Negative values
                are allowed.

        Returns:
            The new ``Job`` with the next id (1 for the first job of this scheduler).

        Raises:
            TypeError: ``priority`` is not an int, or is a bool.
            ValueError: ``name`` is empty.
        """
        if isinstance(priority, bool) or not isinstance(priority, int):
            raise TypeError(f"priority must be an int, got {priority!r}")
        if not name:
            raise ValueError("a job needs a non-empty name")
        self._last_id += 1
        job = Job(self._last_id, name, priority)
        # Negate so the min-heap puts the highest priority on top; the id breaks ties
        # in arrival order and keeps Job objects from ever being compared.
        heapq.heappush(self._heap, (-priority, job.job_id, job))
        self._waiting.add(job.job_id)
        return job

    def pop(self) -> Job:
        """Remove and return the most urgent waiting job (oldest among equals).

        Cancelled jobs are never returned.

        Raises:
            IndexError: No job is waiting.
        """
        job = self.peek()
        heapq.heappop(self._heap)
        self._waiting.discard(job.job_id)
        return job

    def peek(self) -> Job:
        """Return the job ``pop`` would return, without removing it.

        Raises:
            IndexError: No job is waiting.
        """
        while self._heap and self._heap[0][2].job_id not in self._waiting:
            heapq.heappop(self._heap)
        if not self._heap:
            raise IndexError("no job is waiting")
        return self._heap[0][2]

    def cancel(self, job_id: int) -> None:
        """Cancel a waiting job so that it never runs.

        Args:
            job_id: The id returned by ``submit``.

        Raises:
            KeyError: No waiting job has this id (unknown, already popped, or already
                cancelled).
        """
        if job_id not in self._waiting:
            raise KeyError(f"no waiting job with id {job_id}")
        self._waiting.remove(job_id)

    def __len__(self) -> int:
        """Return the number of waiting jobs (cancelled and popped ones excluded)."""
        return len(self._waiting)
