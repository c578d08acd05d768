"""Progress across practice repos, read from their milestone tags (no other state)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scaffolder.curriculum import Curriculum, Stage
from scaffolder.errors import RoadmapError
from scaffolder.practice_repo import PracticeRepo, discover


@dataclass(frozen=True)
class StageProgress:
    """One practice repo's progress through its stage."""

    stage: Stage
    repo: PracticeRepo
    done: tuple[str, ...]
    started: datetime | None
    completed: datetime | None
    last_activity: datetime | None
    problem: str | None = None

    @property
    def total(self) -> int:
        """Return how many exercises the stage has."""
        return len(self.stage.exercises)

    @property
    def state(self) -> str:
        """Return `complete`, `in progress` or `not started`."""
        if self.total and len(self.done) == self.total:
            return "complete"
        return "in progress" if self.started is not None else "not started"

    @property
    def weeks_taken(self) -> float | None:
        """Return the weeks from start to completion (or to the last milestone so far)."""
        end = self.completed or self.last_activity
        if self.started is None or end is None:
            return None
        return round((end - self.started).total_seconds() / (7 * 24 * 3600), 1)


def of_repo(curriculum: Curriculum, repo: PracticeRepo) -> StageProgress:
    """Return one practice repo's progress."""
    # Imported here: `roadmap list` outside a workspace reads no tags and should not pay for git.
    from scaffolder import milestones

    stage = curriculum.stage(repo.stage_id)
    try:
        found = milestones.read(repo.root, stage.id)
    except RoadmapError as error:
        return StageProgress(stage, repo, (), None, None, None, problem=error.message)
    done = tuple(e.id for e in stage.exercises if e.id in found)
    start = found.get(milestones.START)
    complete = found.get(milestones.COMPLETE)
    last = max((m.date for m in found.values()), default=None)
    return StageProgress(stage, repo, done, start.date if start else None, complete.date if complete else None, last)


def readers() -> int:
    """Return how many repos to read at once: git processes are short, so twice the cores keeps them busy.

    More threads only queue on the interpreter lock (27 repos on 2 cores: 16 threads took ~70 ms, 4 took ~50 ms).
    """
    return 2 * (os.cpu_count() or 1)


def of_workspace(curriculum: Curriculum, workspace: Path) -> tuple[StageProgress, ...]:
    """Return the progress of every practice repo under workspace, reading them concurrently."""
    if not workspace.is_dir():
        raise RoadmapError(f"{workspace} is not a folder; give the folder that holds your practice repos")
    known = {stage.id for stage in curriculum.stages}
    repos = [repo for repo in discover(workspace) if repo.stage_id in known]
    if not repos:
        return ()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(readers(), len(repos))) as pool:
        return tuple(pool.map(lambda repo: of_repo(curriculum, repo), repos))


@dataclass(frozen=True)
class NextStep:
    """Where to carry on: an exercise in a practice repo, or a stage to start."""

    stage: Stage
    exercise_id: str | None
    repo: PracticeRepo | None

    @property
    def command(self) -> str:
        """Return the shell command that continues from here."""
        import shlex

        if self.repo is None:
            return f"roadmap new {self.stage.id}"
        return f"cd {shlex.quote(str(self.repo.root))} && roadmap check"


def next_step(curriculum: Curriculum, workspace: Path) -> NextStep | None:
    """Return the first unfinished exercise across the workspace, else the first stage not started yet."""
    found = of_workspace(curriculum, workspace)
    for progress in sorted(found, key=lambda p: (p.stage.number, str(p.repo.root))):
        if progress.problem is None and progress.state != "complete":
            todo = next(e.id for e in progress.stage.exercises if e.id not in progress.done)
            return NextStep(progress.stage, todo, progress.repo)
    started = {p.stage.id for p in found}
    stage = next((s for s in curriculum.with_exercises() if s.id not in started), None)
    return NextStep(stage, None, None) if stage else None
