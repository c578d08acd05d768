"""Put an exercise back to its starter, and show a reference solution once it is earned."""

from __future__ import annotations

from dataclasses import dataclass

from scaffolder import milestones, template_store, vcs
from scaffolder.curriculum import Curriculum, Exercise, Stage
from scaffolder.errors import RoadmapError
from scaffolder.practice_repo import PracticeRepo


class SolutionLockedError(RoadmapError):
    """The exercise has not passed yet, so its solution stays hidden."""


@dataclass(frozen=True)
class ResetResult:
    """What `reset` restored and where the learner's version was saved."""

    stage: Stage
    exercise: Exercise
    restored: tuple[str, ...]
    saved_in: str | None
    source: str


@dataclass(frozen=True)
class Solution:
    """The reference solution's files for one exercise."""

    stage: Stage
    exercise: Exercise
    files: tuple[tuple[str, str], ...]


def reset_exercise(curriculum: Curriculum, repo: PracticeRepo, name: str) -> ResetResult:
    """Restore an exercise's starter module and test file, after committing the learner's current work."""
    stage = curriculum.stage(repo.stage_id)
    exercise = stage.exercise(name)
    paths = (exercise.module, exercise.test_file)
    with milestones.lock(repo.root):
        originals, source = _shipped_files(curriculum, stage, repo, paths)
        saved = None
        if vcs.run(repo.root, "status", "--porcelain", "--untracked-files=all"):
            vcs.run(repo.root, "add", "--all")
            vcs.run(
                repo.root, "commit", "--quiet", "--no-verify", "--message", f"Save work before resetting {exercise.id}"
            )
            saved = vcs.run(repo.root, "rev-parse", "HEAD")
        elif all((repo.root / p).is_file() and (repo.root / p).read_bytes() == originals[p] for p in paths):
            return ResetResult(stage, exercise, (), None, source)
        else:
            saved = vcs.run(repo.root, "rev-parse", "HEAD")
        for path, content in originals.items():
            (repo.root / path).parent.mkdir(parents=True, exist_ok=True)
            (repo.root / path).write_bytes(content)
        vcs.run(repo.root, "add", "--", *paths)
        vcs.run(repo.root, "commit", "--quiet", "--no-verify", "--message", f"Reset {exercise.id} to its starter")
    return ResetResult(stage, exercise, paths, saved, source)


def _shipped_files(
    curriculum: Curriculum, stage: Stage, repo: PracticeRepo, paths: tuple[str, ...]
) -> tuple[dict[str, bytes], str]:
    """Return the files as the repo's curriculum version shipped them, and where they came from."""
    store = template_store.store_dir()
    if (store / ".git").is_dir() and template_store.has_version(store, repo.template_ref):
        return {p: vcs.blob(store, f"{repo.template_ref}:{p}") for p in paths}, f"curriculum {repo.template_ref}"
    found = milestones.read(repo.root, stage.id)
    start = found.get(milestones.START)
    if start is not None and repo.template_ref == start.fields.get("template"):
        return {p: vcs.blob(repo.root, f"{start.commit}:{p}") for p in paths}, f"the {stage.id}/start commit"
    raise RoadmapError(
        f"the curriculum version {repo.template_ref} of this repo cannot be found; "
        f"restore the files by hand from git history (git log -- {' '.join(paths)})"
    )


def solution(curriculum: Curriculum, repo: PracticeRepo, name: str, force: bool = False) -> Solution:
    """Return an exercise's reference solution, only once the exercise has passed (or with force)."""
    stage = curriculum.stage(repo.stage_id)
    exercise = stage.exercise(name)
    if not force and exercise.id not in milestones.read(repo.root, stage.id):
        raise SolutionLockedError(
            f"{exercise.id} has not passed yet, so its solution stays hidden; `roadmap hint {exercise.id}` helps, "
            "and `roadmap solution --force` shows it anyway"
        )
    folder = curriculum.solution_dir(stage)
    files = tuple(
        (str(path.relative_to(folder)), path.read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*"))
        if path.is_file() and str(path.relative_to(folder)) == exercise.module
    )
    return Solution(stage, exercise, files)
