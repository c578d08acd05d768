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

from practice.history import StatusEntry
from practice.repository import Repo

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
    raise NotImplementedError("keep entries whose index + worktree is in CONFLICT_CODES; sort the paths")


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
    raise NotImplementedError("check the name, git branch NAME START, then rev-parse the new branch")


def switch(repo: Repo, name: str) -> None:
    """Check out the branch ``name``.

    Raises:
        GitError: If the branch does not exist or local changes would be lost.
    """
    raise NotImplementedError("git switch")


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
    raise NotImplementedError("check the tree, resolve both commits, ancestor check, merge, read the state")
