"""A tiny CI pipeline runner: jobs, ``needs``, ordering, failures and skips.

Every CI system (GitHub Actions ``needs:``, GitLab ``needs:``, Jenkins
stages, Airflow DAGs) does the same thing underneath: it treats jobs as a
directed graph, refuses graphs with cycles or unknown jobs, runs a job only
after everything it needs has succeeded, and marks the rest as skipped.

The pipeline is described by ``needs``: a mapping from each job name to the
names of the jobs it needs, e.g.
``{"lint": [], "test": [], "build": ["lint", "test"], "deploy": ["build"]}``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field


class PipelineError(Exception):
    """The pipeline definition is invalid (unknown job, missing runner...)."""


class CycleError(PipelineError):
    """The ``needs`` graph has a cycle.

    Attributes:
        cycle: the jobs on the cycle, first name repeated at the end, where
            each job needs the next one: ``["a", "b", "a"]`` means a needs b
            and b needs a.
    """

    def __init__(self, cycle: list[str]) -> None:
        super().__init__("dependency cycle: " + " -> ".join(cycle))
        self.cycle = cycle


@dataclass
class PipelineResult:
    """What happened when a pipeline ran.

    Attributes:
        statuses: job name -> ``"success"``, ``"failure"``, ``"skipped"`` or
            ``"cancelled"``, for every job, in ``execution_order``.
        ran: names of the jobs whose runner was called, in call order.
        errors: job name -> ``"ExceptionType: message"`` for failed jobs.
        skipped_because: job name -> sorted list of the jobs it directly
            needs that did not succeed, for every skipped job.
    """

    statuses: dict[str, str] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    skipped_because: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every job succeeded (an empty pipeline is ok)."""
        return all(status == "success" for status in self.statuses.values())


def validate(needs: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Check a ``needs`` mapping and return it normalised.

    Returns:
        A new dict with the same job order, each value a sorted list without
        duplicates.

    Raises:
        PipelineError: if a job name is empty or not a str, or a job needs
            a job that is not defined; the message names both jobs, e.g.
            ``"job 'deploy' needs unknown job 'biuld'"``.
        CycleError: if the graph has a cycle (a job needing itself is the
            cycle ``["a", "a"]``). Find it with a depth-first search that
            visits jobs in sorted order and needs in sorted order; report the
            first cycle found. Unknown jobs are reported before cycles.
    """
    graph: dict[str, list[str]] = {}
    for job, wanted in needs.items():
        if not isinstance(job, str) or not job:
            raise PipelineError(f"job names must be non-empty strings, got {job!r}")
        graph[job] = sorted(set(wanted))
    for job, wanted in graph.items():
        for need in wanted:
            if need not in graph:
                raise PipelineError(f"job {job!r} needs unknown job {need!r}")

    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(job: str) -> None:
        path.append(job)
        on_path.add(job)
        for need in graph[job]:
            if need in on_path:
                raise CycleError([*path[path.index(need) :], need])
            if need not in done:
                visit(need)
        path.pop()
        on_path.discard(job)
        done.add(job)

    for job in sorted(graph):
        if job not in done:
            visit(job)
    return graph


def execution_order(needs: Mapping[str, Iterable[str]]) -> list[str]:
    """Return a run order where every job comes after all the jobs it needs.

    Deterministic: whenever several jobs are ready (all their needs are
    already in the order), the alphabetically smallest comes next
    (Kahn's algorithm with a heap).

    Raises:
        PipelineError, CycleError: as ``validate``.
    """
    graph = validate(needs)
    waiting = {job: len(wanted) for job, wanted in graph.items()}
    needed_by: dict[str, list[str]] = {job: [] for job in graph}
    for job, wanted in graph.items():
        for need in wanted:
            needed_by[need].append(job)
    ready = [job for job, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        job = heapq.heappop(ready)
        order.append(job)
        for dependent in needed_by[job]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, dependent)
    return order


def execution_waves(needs: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Group jobs into waves that could run in parallel.

    Wave 0 holds the jobs that need nothing; a job is in wave ``k + 1``
    when the deepest wave among the jobs it needs is ``k``. Each wave is
    sorted alphabetically. An empty pipeline gives ``[]``.

    Raises:
        PipelineError, CycleError: as ``validate``.
    """
    graph = validate(needs)
    level: dict[str, int] = {}
    for job in execution_order(graph):
        level[job] = 1 + max((level[need] for need in graph[job]), default=-1)
    waves: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for job, wave in level.items():
        waves[wave].append(job)
    return [sorted(wave) for wave in waves]


def run_pipeline(
    needs: Mapping[str, Iterable[str]],
    runners: Mapping[str, Callable[[], object]],
    *,
    fail_fast: bool = False,
) -> PipelineResult:
    """Run every job's runner in ``execution_order``.

    * A runner succeeds when it returns (the return value is ignored) and
      fails when it raises an ``Exception``; record
      ``"TypeName: message"`` in ``errors``. Other ``BaseException``s such
      as ``KeyboardInterrupt`` propagate.
    * A job whose needs did not all succeed is not run: it is
      ``"skipped"``, and ``skipped_because[job]`` lists (sorted) its direct
      needs whose status is not ``"success"``. Skips cascade.
    * With ``fail_fast=True``, after the first failure no further runner is
      called: every job not yet run is ``"cancelled"`` instead (cancelled
      jobs do not appear in ``skipped_because``).
    * Every runner is called at most once, with no arguments.

    Raises:
        PipelineError, CycleError: as ``validate``, before any runner runs.
        PipelineError: if ``runners`` has no runner for a job, or a runner
            for a job not in ``needs``; the message names the job(s).
    """
    graph = validate(needs)
    missing = sorted(set(graph) - set(runners))
    extra = sorted(set(runners) - set(graph))
    if missing or extra:
        raise PipelineError(f"runner/job mismatch: no runner for {missing!r}, no job for {extra!r}")
    result = PipelineResult()
    failed = False
    for job in execution_order(graph):
        if failed and fail_fast:
            result.statuses[job] = "cancelled"
            continue
        not_ok = [need for need in graph[job] if result.statuses.get(need) != "success"]
        if not_ok:
            result.statuses[job] = "skipped"
            result.skipped_because[job] = not_ok
            continue
        result.ran.append(job)
        try:
            runners[job]()
        except Exception as exc:
            result.statuses[job] = "failure"
            result.errors[job] = f"{type(exc).__name__}: {exc}"
            failed = True
        else:
            result.statuses[job] = "success"
    return result
