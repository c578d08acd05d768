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
        raise NotImplementedError(
            "create the heap list, a counter for ids/arrival order and a record of which job ids are still waiting"
        )

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
        raise NotImplementedError("validate, then heapq.heappush an entry such as (-priority, arrival, job)")

    def pop(self) -> Job:
        """Remove and return the most urgent waiting job (oldest among equals).

        Cancelled jobs are never returned.

        Raises:
            IndexError: No job is waiting.
        """
        raise NotImplementedError("heappop, skipping entries whose job was cancelled")

    def peek(self) -> Job:
        """Return the job ``pop`` would return, without removing it.

        Raises:
            IndexError: No job is waiting.
        """
        raise NotImplementedError("drop cancelled entries from the top, then look at heap[0]")

    def cancel(self, job_id: int) -> None:
        """Cancel a waiting job so that it never runs.

        Args:
            job_id: The id returned by ``submit``.

        Raises:
            KeyError: No waiting job has this id (unknown, already popped, or already
                cancelled).
        """
        raise NotImplementedError("forget the id as waiting; pop/peek will skip its entry later")

    def __len__(self) -> int:
        """Return the number of waiting jobs (cancelled and popped ones excluded)."""
        raise NotImplementedError("count the jobs that are still waiting")
