"""Keep the bundled templates in a local git repository, one tag per stage and version.

Copier can only update a project from a git template whose old version it can reach,
and an installed wheel is not a git repository. So each stage's template (the shared
base plus the stage's overlay, with the stage's curriculum entry) is composed, committed
to a repository in the user's data folder and tagged `<version>+<stage-id>`; practice
repos are rendered from that tag.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import scaffolder
from scaffolder import vcs
from scaffolder.curriculum import Curriculum, Stage
from scaffolder.data_folder import data_dir
from scaffolder.errors import RoadmapError, UntrustedTemplateError

IGNORED = shutil.ignore_patterns("__pycache__", "*.py[cod]", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".DS_Store")
# A fixed identity and date make the same templates give the same commit everywhere.
STORE_IDENTITY = {
    "GIT_AUTHOR_NAME": "roadmap",
    "GIT_AUTHOR_EMAIL": "roadmap@localhost",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00+0000",
    "GIT_COMMITTER_NAME": "roadmap",
    "GIT_COMMITTER_EMAIL": "roadmap@localhost",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00+0000",
}


@dataclass(frozen=True)
class TemplateVersion:
    """A stage's template at one version, ready for Copier."""

    store: Path
    ref: str


def require_trust(curriculum: Curriculum, trust: bool) -> None:
    """Refuse templates that run commands unless the user trusts them, as Copier does."""
    if curriculum.runs_code and not trust:
        raise UntrustedTemplateError(
            f"the templates in {curriculum.root} run commands when rendered (Copier tasks or migrations); "
            "if you trust that curriculum, run again with `roadmap --trust ...`"
        )


def store_dir() -> Path:
    """Return the git repository that holds the composed templates."""
    return data_dir() / "templates"


def stage_context(stage: Stage) -> dict[str, Any]:
    """Return the stage's curriculum entry as the templates see it."""
    context = asdict(stage)
    context.update(number=stage.number, folder=stage.folder)
    context["exercises"] = [
        {**asdict(e), "number": e.number, "module": e.module, "test_file": e.test_file} for e in stage.exercises
    ]
    for key, value in context.items():
        if isinstance(value, tuple):
            context[key] = list(value)
    return context


def compose(curriculum: Curriculum, stage: Stage, into: Path) -> None:
    """Write the stage's complete Copier template (base, overlay, curriculum entry) into a folder."""
    import yaml

    shutil.copytree(curriculum.base_template, into, ignore=IGNORED, dirs_exist_ok=True)
    shutil.copytree(curriculum.template_dir(stage), into, ignore=IGNORED, dirs_exist_ok=True)
    settings = (curriculum.base_template / "copier.yml").read_text(encoding="utf-8")
    question = {"stage": {"type": "yaml", "when": False, "default": stage_context(stage)}}
    entry = yaml.safe_dump(question, sort_keys=False, allow_unicode=True, width=100)
    (into / "copier.yml").write_text(f"{settings.rstrip()}\n\n{entry}", encoding="utf-8")


def ensure(curriculum: Curriculum, stage: Stage, version: str | None = None) -> TemplateVersion:
    """Return the stage's template at this (by default the installed) version, committing it the first time."""
    version = version or scaffolder.__version__
    store = _open_store(store_dir())
    # Composing and hashing the template with git is the slow way to learn it is already stored;
    # a digest of exactly what compose() reads answers that for every `new` after the first.
    known = store / ".git" / "roadmap-composed" / _sources_digest(curriculum, stage, version)
    ref = known.read_text(encoding="utf-8").strip() if known.is_file() else ""
    if ref and has_version(store, ref):
        return TemplateVersion(store=store, ref=ref)
    found = _commit_composed(curriculum, stage, version, store)
    try:
        known.parent.mkdir(exist_ok=True)
        partial = known.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(found.ref + "\n", encoding="utf-8")
        partial.replace(known)
    except OSError:
        pass  # a digest that cannot be kept only costs the next `new` the slow way
    return found


def _sources_digest(curriculum: Curriculum, stage: Stage, version: str) -> str:
    """Return a digest of everything compose() reads for the stage: files, their exec bits, the entry, the version."""
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps([version, stage_context(stage)], sort_keys=True, default=str).encode())
    for top in (curriculum.base_template, curriculum.template_dir(stage)):
        found: list[Path] = []
        for folder, folders, files in os.walk(top):
            skipped = IGNORED(folder, [*folders, *files])
            folders[:] = [name for name in folders if name not in skipped]
            found += [Path(folder, name) for name in files if name not in skipped]
        for path in sorted(found):
            digest.update(f"\0{path.relative_to(top)}\0{os.access(path, os.X_OK)}\0".encode() + path.read_bytes())
        digest.update(b"\0overlay\0")
    return digest.hexdigest()


def _commit_composed(curriculum: Curriculum, stage: Stage, version: str, store: Path) -> TemplateVersion:
    with tempfile.TemporaryDirectory(prefix="roadmap-compose-") as scratch:
        tree_dir = Path(scratch) / "template"
        compose(curriculum, stage, tree_dir)
        env = {"GIT_DIR": str(store / ".git"), "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        env["GIT_WORK_TREE"] = str(tree_dir)
        vcs.run(tree_dir, "add", "--all", "--force", ".", env=env)
        tree = vcs.run(tree_dir, "write-tree", env=env)
    # Copier reads the version from the tag, so the tag is the version itself, with the
    # stage as its local label; templates changed without a version bump get their tree too.
    for ref in (f"{version}+{stage.id}", f"{version}+{stage.id}.{tree[:10]}"):
        existing = _tree_of(store, ref)
        if existing == tree:
            return TemplateVersion(store=store, ref=ref)
        if existing is None:
            commit = vcs.run(
                store, "commit-tree", tree, "-m", f"{stage.id} templates, roadmap {version}", env=STORE_IDENTITY
            )
            _create_tag(store, ref, commit)
            return TemplateVersion(store=store, ref=ref)
    raise RoadmapError(
        f"the template store {store} holds other templates under {ref}; delete that folder to rebuild it"
    )


def _open_store(store: Path) -> Path:
    if (store / ".git").is_dir():
        return store
    store.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".templates-", dir=store.parent))
    try:
        vcs.run(fresh, "init", "--quiet")
        fresh.rename(store)
    except OSError:
        # Another roadmap process created the store first; use theirs.
        shutil.rmtree(fresh, ignore_errors=True)
        if not (store / ".git").is_dir():
            raise RoadmapError(f"cannot create the template store at {store}") from None
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return store


def has_version(store: Path, ref: str) -> bool:
    """Return whether the store holds a template version."""
    return _tree_of(store, ref) is not None


def _tree_of(store: Path, ref: str) -> str | None:
    try:
        return vcs.run(store, "rev-parse", "--quiet", "--verify", f"refs/tags/{ref}^{{tree}}")
    except RoadmapError:
        return None


def _create_tag(store: Path, ref: str, commit: str) -> None:
    try:
        # The empty old value makes this fail if another process created the tag meanwhile.
        vcs.run(store, "update-ref", f"refs/tags/{ref}", commit, "")
    except RoadmapError:
        if _tree_of(store, ref) is None:
            raise
