"""Find a practice repo and read which stage and curriculum version it was made from."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.errors import NotAPracticeRepoError

if TYPE_CHECKING:
    from scaffolder.curriculum import Stage

ANSWERS_FILE = ".copier-answers.yml"
# Copier records the template tag it rendered, `<version>+<stage-id>`, as `_commit`.
_COMMIT = re.compile(r"^_commit:\s*['\"]?([^'\"\s+]+\+(stage-\d{2})[^'\"\s]*)", re.MULTILINE)


@dataclass(frozen=True)
class PracticeRepo:
    """A practice repo on disk."""

    root: Path
    stage_id: str
    template_ref: str

    def test_digests(self, stage: Stage) -> dict[str, str]:
        """Return each exercise's test file digest as it is on disk now (missing files are absent)."""
        return test_digests(self.root, stage)

    @property
    def python(self) -> str:
        """Return the interpreter for this repo's tests: its .venv when there is one."""
        for candidate in (".venv/bin/python", ".venv/Scripts/python.exe"):
            path = self.root / candidate
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
        import sys

        return sys.executable


def test_digests(root: Path, stage: Stage) -> dict[str, str]:
    """Return the digest of each exercise's test file under root, by exercise id (missing files are absent)."""
    return {e.id: file_digest(root / e.test_file) for e in stage.exercises if (root / e.test_file).is_file()}


def file_digest(path: Path) -> str:
    """Return a file's SHA-256 digest, the way milestones record it."""
    import hashlib

    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def read(root: Path) -> PracticeRepo | None:
    """Return the practice repo whose root is this folder, or None."""
    try:
        text = (root / ANSWERS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _COMMIT.search(text)
    if not match:
        return None
    return PracticeRepo(root=root, stage_id=match.group(2), template_ref=match.group(1))


def find(path: Path | None = None) -> PracticeRepo:
    """Return the practice repo that contains path (default: the current folder)."""
    start = (path or Path.cwd()).expanduser().resolve()
    if not start.exists():
        raise NotAPracticeRepoError(f"{start} does not exist")
    for folder in (start, *start.parents):
        repo = read(folder)
        if repo is not None:
            return repo
        if (folder / ".git").exists():
            break
    raise NotAPracticeRepoError(
        f"{start} is not inside a practice repo (no {ANSWERS_FILE} from roadmap); "
        "start one with `roadmap new STAGE`, or pass the repo's path"
    )


def discover(workspace: Path, depth: int = 2) -> list[PracticeRepo]:
    """Return the practice repos in workspace and up to `depth` folder levels below it, sorted by stage."""
    found: list[PracticeRepo] = []
    level = [workspace.expanduser().resolve()]
    for _ in range(depth + 1):
        below: list[Path] = []
        for folder in level:
            repo = read(folder)
            if repo is not None:
                found.append(repo)
                continue
            try:
                below.extend(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue
        level = sorted(below)
    return sorted(found, key=lambda r: (r.stage_id, str(r.root)))
