"""Branch and merge, and tell a clean merge from a conflict.

The outcome of a merge is read from the repository's state (commits, parents,
porcelain status), never from git's human messages, which change with the
version and the language of the machine.

Useful plumbing: ``git rev-parse --verify --quiet REV^{commit}`` (a name to a
sha, exit 1 if unknown), ``git merge-base --is-ancestor A B`` (exit 0 when A is
contained in B, 1 when not), ``git check-ref-format --branch NAME``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from practice.history import StatusEntry, read_status
from practice.repository import GitError, Repo

# XY codes of `git status --porcelain` that mean "unmerged" (see `git help status`).
CONFLICT_CODES = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})
OUTCOMES = ("up-to-date", "fast-forward", "merged", "conflict")


@dataclass(frozen=True)
class MergeResult:
    """How a merge ended.

    Attributes:
        outcome: One of ``OUTCOMES``.
        head: The sha of HEAD afterwards (for a conflict: HEAD before the merge,
            which git leaves in place while the merge is in progress).
        conflicts: Sorted paths with conflicts; empty unless outcome is ``"conflict"``.
    """

    outcome: str
    head: str
    conflicts: tuple[str, ...] = ()


def conflicted_paths(entries: Iterable[StatusEntry]) -> list[str]:
    """Return the sorted paths whose status code (index + worktree) is in ``CONFLICT_CODES``.

    ``StatusEntry("U", "U", "app.py")`` is a conflict (both modified);
    ``StatusEntry("M", " ", "app.py")`` and ``StatusEntry("?", "?", "x")`` are not.
    Each path appears once.
    """
    return sorted({entry.path for entry in entries if entry.index + entry.worktree in CONFLICT_CODES})


def create_branch(repo: Repo, name: str, start: str = "HEAD") -> str:
    """Create a branch without switching to it.

    Args:
        repo: The repository.
        name: The new branch's name.
        start: Where the branch points: any revision.

    Returns:
        The full sha the new branch points to.

    Raises:
        ValueError: If ``name`` is not a valid branch name (ask
            ``git check-ref-format --branch NAME``; ``"bad..name"``,
            ``"has space"`` and ``"-dash"`` are invalid).
        GitError: If git fails, e.g. the branch exists or ``start`` is unknown.
    """
    if repo.run("check-ref-format", "--branch", name).returncode != 0:
        raise ValueError(f"{name!r} is not a valid branch name")
    repo.git("branch", "--", name, start)
    return repo.git("rev-parse", "--verify", f"refs/heads/{name}").strip()


def switch(repo: Repo, name: str) -> None:
    """Check out the branch ``name``.

    Raises:
        GitError: If the branch does not exist or local changes would be lost.
    """
    repo.git("switch", "--quiet", name)


def _commit_of(repo: Repo, revision: str) -> str:
    result = repo.run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if result.returncode != 0:
        raise GitError(result.args, result.returncode, f"{revision!r} is not a known commit")
    return result.stdout.strip()


def _is_ancestor(repo: Repo, older: str, newer: str) -> bool:
    result = repo.run("merge-base", "--is-ancestor", older, newer)
    if result.returncode not in (0, 1):
        raise GitError(result.args, result.returncode, result.stderr)
    return result.returncode == 0


def merge(repo: Repo, branch: str, *, abort_on_conflict: bool = False) -> MergeResult:
    """Merge ``branch`` into the current branch.

    Steps:

    1. Refuse to start when tracked files have uncommitted changes
       (untracked files are fine): use `practice.history.read_status`.
    2. Resolve ``branch`` to a commit; an unknown name raises GitError.
    3. If that commit is already contained in HEAD: ``"up-to-date"``, nothing runs.
    4. Otherwise ``git merge --no-edit BRANCH``. Exit 0 means ``"fast-forward"``
       (HEAD moved to the branch's commit) or ``"merged"`` (a new merge commit
       with two parents). A non-zero exit with conflicted paths in the status
       means ``"conflict"``; if ``abort_on_conflict``, run ``git merge --abort``
       so the working tree is as it was. A non-zero exit without conflicts
       raises GitError.

    Args:
        repo: The repository, on the branch that receives the merge.
        branch: The branch (or any revision) to merge in.
        abort_on_conflict: Undo a conflicted merge instead of leaving it for a human.

    Returns:
        What happened.

    Raises:
        ValueError: If tracked files have uncommitted changes.
        GitError: If ``branch`` is unknown or git fails for another reason.
    """
    if any(entry.index + entry.worktree != "??" for entry in read_status(repo)):
        raise ValueError("commit or stash your changes before merging")
    target = _commit_of(repo, branch)
    before = _commit_of(repo, "HEAD")
    if _is_ancestor(repo, target, before):
        return MergeResult("up-to-date", before)
    result = repo.run("merge", "--no-edit", branch)
    if result.returncode == 0:
        after = _commit_of(repo, "HEAD")
        outcome = "fast-forward" if after == target else "merged"
        return MergeResult(outcome, after)
    conflicts = conflicted_paths(read_status(repo))
    if not conflicts:
        raise GitError(result.args, result.returncode, result.stderr)
    if abort_on_conflict:
        repo.git("merge", "--abort")
    return MergeResult("conflict", before, tuple(conflicts))
