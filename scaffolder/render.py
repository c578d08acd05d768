"""Render a stage's practice repo with Copier and record its start milestone."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scaffolder import milestones, template_store, vcs
from scaffolder.curriculum import Curriculum, Stage
from scaffolder.errors import DestinationError, NoExercisesError, RoadmapError

STARTER_IDENTITY = {
    "GIT_AUTHOR_NAME": "roadmap",
    "GIT_AUTHOR_EMAIL": "roadmap@localhost",
    "GIT_COMMITTER_NAME": "roadmap",
    "GIT_COMMITTER_EMAIL": "roadmap@localhost",
}


@dataclass(frozen=True)
class NewPracticeRepo:
    """A practice repo that `new` made."""

    path: Path
    stage: Stage
    template_version: str
    files: tuple[str, ...]
    identity_missing: bool = False


def new_practice_repo(
    curriculum: Curriculum, stage: Stage, destination: Path | None = None, trust: bool = False
) -> NewPracticeRepo:
    """Render the stage into a new git repository at destination and tag `<stage>/start`.

    Nothing is left behind when this fails or is interrupted: the repo is built in a
    temporary folder beside the destination and moved into place at the end.
    """
    if not stage.exercises:
        ready = ", ".join(s.id for s in curriculum.with_exercises()) or "none yet"
        raise NoExercisesError(f"{stage.id} ({stage.title}) has no exercises yet. Stages with exercises: {ready}")
    target = (destination or Path.cwd() / stage.folder).expanduser().absolute()
    _check_destination(target)
    template_store.require_trust(curriculum, trust)
    # Without a git identity the first commit is signed by roadmap itself; `check` asks
    # the learner to set theirs before it records their work.
    identity = {} if vcs.has_identity(_existing_parent(target)) else STARTER_IDENTITY
    template = template_store.ensure(curriculum, stage)
    created_parents = _make_parents(target.parent)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.roadmap-", dir=target.parent))
    try:
        _render(template, scratch / "repo", trust)
        files = _start(scratch / "repo", stage, template.ref, identity)
        if target.exists():
            target.rmdir()  # an empty folder the learner made for this
        (scratch / "repo").rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        for parent in created_parents:
            shutil.rmtree(parent, ignore_errors=True)
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    return NewPracticeRepo(target, stage, template.ref, files, identity_missing=bool(identity))


def _check_destination(target: Path) -> None:
    if target.is_file():
        raise DestinationError(f"{target} is a file; choose a folder name for the practice repo")
    if target.is_dir() and any(target.iterdir()):
        raise DestinationError(f"{target} already exists and is not empty; choose another folder or remove it first")


def _existing_parent(target: Path) -> Path:
    for folder in target.parents:
        if folder.is_dir():
            return folder
    return Path.cwd()


def _make_parents(folder: Path) -> list[Path]:
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".roadmap-probe-"):
            pass
    except OSError as error:
        for created in missing[-1:]:
            shutil.rmtree(created, ignore_errors=True)
        raise DestinationError(f"cannot write in {folder}: {error.strerror or error}") from None
    return missing[-1:]  # the topmost folder we created holds the rest


def _render(template: template_store.TemplateVersion, into: Path, trust: bool) -> None:
    from copier import run_copy
    from copier.errors import CopierError

    try:
        run_copy(
            str(template.store),
            into,
            vcs_ref=template.ref,
            defaults=True,
            quiet=True,
            overwrite=True,
            unsafe=trust,
            skip_tasks=not trust,
        )
    except CopierError as error:
        raise RoadmapError(f"Copier could not render the template: {error}") from None


def _start(repo: Path, stage: Stage, version: str, identity: dict[str, str]) -> tuple[str, ...]:
    vcs.run(repo, "init", "--quiet", "--initial-branch=main")
    vcs.run(repo, "add", "--all")
    vcs.run(repo, "commit", "--quiet", "--no-verify", "--message", f"Start {stage.id}: {stage.title}", env=identity)
    summary = f"{stage.id}: started {stage.title}"
    milestones.record_curriculum(repo, stage, milestones.START, summary, version, env=identity)
    files = vcs.run(repo, "ls-files")
    return tuple(files.splitlines())
