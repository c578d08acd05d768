"""Bring curriculum fixes into an existing practice repo with Copier's three-way merge."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scaffolder import milestones, template_store, vcs
from scaffolder.curriculum import Curriculum, Stage
from scaffolder.errors import RoadmapError
from scaffolder.practice_repo import PracticeRepo

CONFLICT_MARKER = b"<<<<<<< before updating"


class UpdateError(RoadmapError):
    """The practice repo cannot be updated as it stands."""


@dataclass(frozen=True)
class UpdateResult:
    """What `update` changed, or would change with --dry-run."""

    stage: Stage
    old_ref: str
    new_ref: str
    changed: tuple[str, ...]
    conflicts: tuple[str, ...]
    dry_run: bool
    commit: str | None = None

    @property
    def up_to_date(self) -> bool:
        """Return whether the repo was already at the installed curriculum version."""
        return self.old_ref == self.new_ref


def update_practice_repo(
    curriculum: Curriculum, repo: PracticeRepo, dry_run: bool = False, trust: bool = False
) -> UpdateResult:
    """Move the repo to the installed curriculum version, keeping the learner's code.

    A dirty tree is refused. Files where the learner's change and the curriculum's
    change overlap get Copier's inline conflict markers and are listed; nothing is
    committed then, so the learner resolves them and commits.
    """
    stage = curriculum.stage(repo.stage_id)
    template_store.require_trust(curriculum, trust)
    dirty = vcs.run(repo.root, "status", "--porcelain", "--untracked-files=all").splitlines()
    if dirty:
        listed = ", ".join(line[3:] for line in dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise UpdateError(
            f"{repo.root} has uncommitted changes ({listed}); commit them first "
            '(git add -A && git commit -m "Work in progress"), then run `roadmap update` again'
        )
    new = template_store.ensure(curriculum, stage)
    if repo.template_ref == new.ref:
        return UpdateResult(stage, repo.template_ref, new.ref, (), (), dry_run)
    if not template_store.has_version(new.store, repo.template_ref):
        raise UpdateError(
            f"this repo was made from curriculum version {repo.template_ref}, which is no longer in the template "
            f"store {new.store} (it is rebuilt only from the installed version). Install that roadmap version once "
            "and run `roadmap new` with it to restore it, or copy your code into a new practice repo."
        )
    with milestones.lock(repo.root):
        if dry_run:
            return _dry_run(repo, stage, new, trust)
        return _update(repo.root, stage, repo.template_ref, new, trust)


def _copier_update(root: Path, new: template_store.TemplateVersion, trust: bool) -> None:
    from copier import run_update
    from copier.errors import CopierError

    try:
        run_update(
            root, vcs_ref=new.ref, defaults=True, overwrite=True, quiet=True, unsafe=trust,
            skip_tasks=not trust, conflict="inline",
        )  # fmt: skip
    except CopierError as error:
        raise UpdateError(f"Copier could not update {root}: {error}") from None


def _changes(root: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    changed = tuple(line[3:] for line in vcs.run(root, "status", "--porcelain", "--untracked-files=all").splitlines())
    conflicts = tuple(name for name in changed if _has_conflict(root / name))
    return changed, conflicts


def _has_conflict(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return any(line.startswith(CONFLICT_MARKER) for line in handle)
    except OSError:
        return False


def _update(root: Path, stage: Stage, old_ref: str, new: template_store.TemplateVersion, trust: bool) -> UpdateResult:
    _copier_update(root, new, trust)
    changed, conflicts = _changes(root)
    if conflicts or not changed:
        return UpdateResult(stage, old_ref, new.ref, changed, conflicts, dry_run=False)
    vcs.run(root, "add", "--all")
    vcs.run(root, "commit", "--quiet", "--no-verify", "--message", f"Update {stage.id} to curriculum {new.ref}")
    name = f"{milestones.UPDATE_PREFIX}{new.ref.replace('+', '-')}"
    milestones.record_curriculum(root, stage, name, f"{stage.id}: curriculum updated to {new.ref}", new.ref)
    return UpdateResult(stage, old_ref, new.ref, changed, (), dry_run=False, commit=vcs.run(root, "rev-parse", "HEAD"))


def _dry_run(repo: PracticeRepo, stage: Stage, new: template_store.TemplateVersion, trust: bool) -> UpdateResult:
    with tempfile.TemporaryDirectory(prefix="roadmap-update-") as scratch:
        trial = Path(scratch) / "repo"
        vcs.run(Path(scratch), "clone", "--quiet", "--no-hardlinks", str(repo.root), str(trial))
        _copier_update(trial, new, trust)
        changed, conflicts = _changes(trial)
        shutil.rmtree(trial, ignore_errors=True)
    return UpdateResult(stage, repo.template_ref, new.ref, changed, conflicts, dry_run=True)
