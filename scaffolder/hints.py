"""Hints, one at a time: each call reveals the next hint of the current exercise."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from scaffolder import milestones
from scaffolder.curriculum import Curriculum, Exercise, Stage
from scaffolder.practice_repo import PracticeRepo


@dataclass(frozen=True)
class Hints:
    """The hints revealed so far for one exercise."""

    stage: Stage
    exercise: Exercise
    revealed: tuple[str, ...]

    @property
    def total(self) -> int:
        """Return how many hints the exercise has."""
        return len(self.exercise.hints)


def current_exercise(stage: Stage, repo: PracticeRepo) -> Exercise:
    """Return the first exercise without a milestone (the last one when all are done)."""
    done = milestones.read(repo.root, stage.id)
    return next((e for e in stage.exercises if e.id not in done), stage.exercises[-1])


def next_hint(
    curriculum: Curriculum, repo: PracticeRepo, exercise: str | None = None, reveal_all: bool = False
) -> Hints:
    """Reveal the next hint of the named (or current) exercise and return all revealed so far."""
    stage = curriculum.stage(repo.stage_id)
    chosen = stage.exercise(exercise) if exercise else current_exercise(stage, repo)
    seen_file = repo.root / ".git" / "roadmap-hints.json"
    seen = _load(seen_file)
    count = len(chosen.hints) if reveal_all else min(seen.get(chosen.id, 0) + 1, len(chosen.hints))
    seen[chosen.id] = max(count, seen.get(chosen.id, 0))
    with contextlib.suppress(OSError):  # hints still work; only the count is not remembered
        seen_file.write_text(json.dumps(seen, indent=1, sort_keys=True), encoding="utf-8")
    return Hints(stage, chosen, chosen.hints[:count])


def revealed(repo: PracticeRepo, exercise_id: str) -> int:
    """Return how many hints of an exercise the learner has seen."""
    return _load(repo.root / ".git" / "roadmap-hints.json").get(exercise_id, 0)


def _load(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)} if isinstance(data, dict) else {}
    )
