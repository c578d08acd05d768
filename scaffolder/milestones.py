"""Milestones are annotated git tags: `<stage>/start`, `<stage>/<exercise>`, `<stage>/complete`."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scaffolder import __version__, vcs
from scaffolder.curriculum import Stage
from scaffolder.errors import GitError
from scaffolder.practice_repo import test_digests

START = "start"
COMPLETE = "complete"
UPDATE_PREFIX = "update-"
DIGEST_PREFIX = "test-digest "
_SEP = "\x1f"
_END = "\x1e"


@dataclass(frozen=True)
class Milestone:
    """One milestone tag, read back from git."""

    stage_id: str
    name: str
    commit: str
    date: datetime
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        """Return the tag's name."""
        return f"{self.stage_id}/{self.name}"

    def digests(self) -> dict[str, str]:
        """Return the test digests a start milestone recorded, by exercise id."""
        return {k.removeprefix(DIGEST_PREFIX): v for k, v in self.fields.items() if k.startswith(DIGEST_PREFIX)}


def shipped_digests(found: Mapping[str, Milestone]) -> dict[str, str]:
    """Return the test digests of the curriculum version the repo is on: its latest update, else its start."""
    recorded = [m for name, m in found.items() if name == START or name.startswith(UPDATE_PREFIX)]
    latest = max(recorded, key=lambda m: (m.date, m.name != START), default=None)
    return latest.digests() if latest else {}


def message(summary: str, fields: Mapping[str, str]) -> str:
    """Return a tag message: one human line, then `key: value` lines."""
    stamped = {**fields, "roadmap-version": __version__, "time": now().isoformat(timespec="seconds")}
    return summary + "\n\n" + "\n".join(f"{key}: {value}" for key, value in stamped.items()) + "\n"


def now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


def read(repo: Path, stage_id: str) -> dict[str, Milestone]:
    """Return the stage's milestones in repo by name, read with one git call."""
    fmt = _SEP.join(
        ["%(refname:lstrip=2)", "%(*objectname)", "%(objectname)", "%(creatordate:iso-strict)", "%(contents)"]
    )
    output = vcs.run(repo, "for-each-ref", f"--format={fmt}{_END}", f"refs/tags/{stage_id}/")
    return parse(output, stage_id)


def parse(output: str, stage_id: str) -> dict[str, Milestone]:
    """Parse `for-each-ref` output in the format `read` asks for."""
    milestones: dict[str, Milestone] = {}
    for record in output.split(_END):
        parts = record.strip("\n").split(_SEP)
        if len(parts) != 5 or not parts[0].startswith(f"{stage_id}/"):
            continue
        tag, peeled, target, date, contents = parts
        fields = {}
        for line in contents.splitlines()[1:]:
            key, sep, value = line.partition(": ")
            if sep and key.strip():
                fields[key.strip()] = value.strip()
        name = tag.split("/", 1)[1]
        when = datetime.fromisoformat(date) if date else now()
        milestones[name] = Milestone(stage_id, name, peeled or target, when, fields)
    return milestones


def create(
    repo: Path,
    stage_id: str,
    name: str,
    summary: str,
    fields: Mapping[str, str],
    commit: str = "HEAD",
    env: dict[str, str] | None = None,
) -> None:
    """Create one annotated milestone tag; never moves an existing one."""
    vcs.run(repo, "tag", "--annotate", "--message", message(summary, fields), f"{stage_id}/{name}", commit, env=env)


def record_curriculum(
    repo: Path, stage: Stage, name: str, summary: str, template_ref: str, env: dict[str, str] | None = None
) -> None:
    """Tag HEAD as the commit that brought a curriculum version, with the digests of its test files."""
    fields = {"stage": stage.id, "template": template_ref}
    fields.update(
        {f"{DIGEST_PREFIX}{exercise_id}": digest for exercise_id, digest in test_digests(repo, stage).items()}
    )
    create(repo, stage.id, name, summary, fields, env=env)


def snapshot(repo: Path) -> str:
    """Return the tree of everything in the working folder (as `git add -A` sees it), touching no index."""
    # A name of this process's own: snapshots are taken before the repo's lock (while pytest starts).
    index = repo / ".git" / f"roadmap-snapshot-{os.getpid()}.index"
    env = {"GIT_INDEX_FILE": str(index)}
    try:
        # Starting from a copy of the real index lets git reuse its file stat cache.
        if (repo / ".git" / "index").is_file():
            shutil.copyfile(repo / ".git" / "index", index)
        vcs.run(repo, "add", "--all", env=env)
        return vcs.run(repo, "write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)


def commit_snapshot(repo: Path, tree: str, summary: str) -> str:
    """Commit a snapshot tree on the current branch and return the commit; unchanged trees are not committed."""
    if not vcs.succeeds(repo, "symbolic-ref", "--quiet", "HEAD"):
        raise GitError(
            f"{repo} is on a detached HEAD, so a milestone would not be on any branch; run `git switch main` "
            "(or your branch) and check again. Nothing was recorded."
        )
    head, head_tree = vcs.run(repo, "rev-parse", "HEAD", "HEAD^{tree}").split()
    if head_tree == tree:
        return head
    commit = vcs.run(repo, "commit-tree", tree, "-p", head, "-m", summary)
    vcs.run(repo, "update-ref", "-m", f"roadmap check: {summary}", "HEAD", commit, head)
    # The index follows the new commit; files edited since the snapshot show as modified.
    vcs.run(repo, "reset", "--quiet")
    return commit


@contextmanager
def lock(repo: Path, wait: float = 30.0) -> Iterator[None]:
    """Hold the practice repo's roadmap lock, so two checks never record at once."""
    path = repo / ".git" / "roadmap.lock"
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if _stale(path):
                path.unlink(missing_ok=True)
                continue
            if time.monotonic() > deadline:
                raise GitError(f"another roadmap command is working in {repo}; wait for it, or delete {path}") from None
            time.sleep(0.1)
        except (FileNotFoundError, NotADirectoryError):
            raise GitError(f"{repo} is not a git repository with a .git folder; roadmap needs one") from None
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        path.unlink(missing_ok=True)


def _stale(path: Path) -> bool:
    try:
        pid = int(path.read_text() or "0")
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
