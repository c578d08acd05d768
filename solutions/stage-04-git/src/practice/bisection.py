"""Find the commit that broke something, in O(log n) checks, like ``git bisect``.

The idea is plain binary search. Commits are ordered oldest to newest, every
commit before the culprit is good and every commit from it on is bad, so each
check halves the range that can hold the culprit. With 1000 commits that is
about 10 test runs instead of up to 1000.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from practice.history import read_status
from practice.repository import GitError, Repo

T = TypeVar("T")


@dataclass(frozen=True)
class SearchResult:
    """The outcome of `first_bad`.

    Attributes:
        index: Position of the first bad item, or None when no item is bad.
        checks: How many times the predicate was called.
    """

    index: int | None
    checks: int


@dataclass(frozen=True)
class Culprit:
    """The outcome of `bisect_commits`.

    Attributes:
        sha: The first commit whose test fails.
        checks: How many commits were tested.
    """

    sha: str
    checks: int


def first_bad(items: Sequence[T], is_bad: Callable[[T], bool]) -> SearchResult:
    """Find the first item for which ``is_bad`` is True, by binary search.

    ``items`` must be ordered so that once ``is_bad`` is True it stays True
    (good, good, ..., bad, bad). Each item is checked at most once, and the
    number of checks is at most ``ceil(log2(len(items) + 1))``: 10 checks for
    1000 items, 0 for none.

    Args:
        items: The ordered items (e.g. commits, oldest first).
        is_bad: The check.

    Returns:
        The index of the first bad item (None if none is bad) and the number
        of checks made. An empty sequence gives ``SearchResult(None, 0)``.
    """
    low, high = 0, len(items)  # the answer is in [low, high]; high == len means "none"
    checks = 0
    while low < high:
        middle = (low + high) // 2
        checks += 1
        if is_bad(items[middle]):
            high = middle
        else:
            low = middle + 1
    return SearchResult(low if low < len(items) else None, checks)


def commits_between(repo: Repo, good: str, bad: str) -> list[str]:
    """List the commits after ``good`` up to and including ``bad``, oldest first.

    Only the first-parent line is followed (``git rev-list --reverse
    --first-parent GOOD..BAD``), so the list is a single straight line of history.

    Args:
        repo: The repository.
        good: A revision known to pass.
        bad: A revision known to fail.

    Returns:
        Full shas; empty when ``bad`` is ``good`` or an ancestor of it.

    Raises:
        GitError: If a revision is unknown.
    """
    output = repo.git("rev-list", "--reverse", "--first-parent", f"{good}..{bad}", "--")
    return output.split()


def bisect_commits(repo: Repo, good: str, bad: str, passes: Callable[[Path], bool]) -> Culprit:
    """Find the first commit after ``good`` where ``passes`` returns False.

    Each probe checks out a commit (``git checkout --detach SHA``) and calls
    ``passes(repo.path)``, which inspects or runs the working tree. Afterwards,
    also when ``passes`` raises, the repository is back on the branch (or the
    detached commit) it was on before: use ``try``/``finally``.

    Args:
        repo: The repository; its tracked files must have no uncommitted changes
            (check with `practice.history.read_status`; untracked files are fine).
        good: A revision where the test passes.
        bad: A later revision where it fails.
        passes: Returns True when the checked-out tree is good.

    Returns:
        The culprit and the number of checks (at most ``ceil(log2(n + 1))`` for
        n commits between ``good`` and ``bad``), using `first_bad`.

    Raises:
        ValueError: If tracked files have uncommitted changes, ``good`` is not
            an ancestor of ``bad`` (``git merge-base --is-ancestor`` exits 1),
            or every commit up to ``bad`` passes.
        GitError: If a revision is unknown or git fails.
    """
    if any(entry.index + entry.worktree != "??" for entry in read_status(repo)):
        raise ValueError("commit or stash your changes before bisecting")
    ancestry = repo.run("merge-base", "--is-ancestor", good, bad)
    if ancestry.returncode == 1:
        raise ValueError(f"{good} is not an ancestor of {bad}")
    if ancestry.returncode != 0:
        raise GitError(ancestry.args, ancestry.returncode, ancestry.stderr)
    commits = commits_between(repo, good, bad)
    origin = repo.current_branch() or repo.git("rev-parse", "HEAD").strip()

    def is_bad(sha: str) -> bool:
        repo.git("checkout", "--quiet", "--detach", sha)
        return not passes(repo.path)

    try:
        result = first_bad(commits, is_bad)
    finally:
        repo.git("checkout", "--quiet", origin)
    if result.index is None:
        raise ValueError(f"the test passes at {bad}; nothing to bisect")
    return Culprit(commits[result.index], result.checks)
