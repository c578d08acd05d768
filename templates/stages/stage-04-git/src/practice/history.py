"""Turn git's machine-readable output into data: the log and the status.

Human-oriented output (``git log`` with no format, ``git status``) changes between
versions and languages. Scripts ask for formats made for them: ``--format`` with
separator bytes that cannot appear in a field, and ``--porcelain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from practice.repository import Repo

# Fields are separated by the ASCII unit separator (0x1f); each record ends with the record separator (0x1e).
LOG_FORMAT = "%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%s%x1e"
STATUS_CODES = " MTADRCU?!"


@dataclass(frozen=True)
class Commit:
    """One commit from ``git log``.

    Attributes:
        sha: Full hash.
        parents: Full hashes of the parents: none for a root commit, two for a merge.
        author: Author name.
        email: Author email.
        timestamp: Author date as Unix time (seconds).
        subject: First line of the message.
    """

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    timestamp: int
    subject: str


@dataclass(frozen=True)
class StatusEntry:
    """One line of ``git status --porcelain=v1``.

    Attributes:
        index: Status in the index (staging area), one character, e.g. ``"M"``.
        worktree: Status in the working tree, one character.
        path: The path (for a rename or copy: the new path), unquoted.
        orig_path: For a rename or copy, the old path; otherwise None.
    """

    index: str
    worktree: str
    path: str
    orig_path: str | None = None


def parse_log(text: str) -> list[Commit]:
    """Parse ``git log --format=LOG_FORMAT`` output.

    Args:
        text: The output: records ending with ``"\\x1e"``, each possibly
            followed by a newline; fields separated by ``"\\x1f"``. The subject
            is the last field and is taken as it is, even if it contains
            ``"\\x1f"`` (split with ``maxsplit``).

    Returns:
        The commits in the order given; an empty list for empty or
        whitespace-only text.

    Raises:
        ValueError: If a record does not have 6 fields, a sha (of the commit or
            a parent) is not 40 or 64 lowercase hex digits, or the timestamp is
            not an integer.
    """
    raise NotImplementedError("split records on \\x1e, fields on \\x1f with maxsplit=5, validate, build Commits")


def read_log(
    repo: Repo,
    revision: str = "HEAD",
    *,
    max_count: int | None = None,
    paths: Sequence[str] = (),
) -> list[Commit]:
    """Read commits reachable from ``revision``, newest first.

    Args:
        repo: The repository.
        revision: A revision or range, e.g. ``"HEAD"``, ``"main"``, ``"v1.0..HEAD"``.
        max_count: At most this many commits; None for all.
        paths: Only commits that change one of these paths (``git log -- PATHS``).

    Returns:
        The commits; an empty list when ``revision`` is ``"HEAD"`` and the
        repository has no commits yet.

    Raises:
        ValueError: If ``max_count`` is less than 1.
        GitError: If git fails, e.g. for an unknown revision.
    """
    raise NotImplementedError(
        "validate max_count, handle a repo without commits, run git log --format=LOG_FORMAT, parse_log"
    )


def unquote_path(text: str) -> str:
    """Undo git's C-style quoting of a path.

    git prints a path in double quotes when it has special characters:
    ``"a b.txt"``, ``"q\\"t"``, ``"tab\\there"``, and bytes outside ASCII as
    three-digit octal escapes: ``"caf\\303\\251.txt"`` is ``caf\u00e9.txt`` (UTF-8, an e with an acute accent).

    Args:
        text: A path as git printed it.

    Returns:
        The path. Text that does not start with ``"`` is returned unchanged.

    Raises:
        ValueError: If a quoted path has no closing quote, ends inside an
            escape, or uses an unknown escape.
    """
    raise NotImplementedError(
        "walk the characters; collect bytes (escapes and three-digit octal), decode UTF-8 at the end"
    )


def parse_status(text: str) -> list[StatusEntry]:
    """Parse ``git status --porcelain=v1`` output (without ``-z``).

    Each line is ``XY PATH``, or ``XY ORIG -> PATH`` when X or Y is ``R``
    (renamed) or ``C`` (copied). X and Y are characters from ``STATUS_CODES``;
    ``??`` is untracked, ``!!`` ignored. Paths may be quoted (see `unquote_path`).
    Branch header lines starting with ``##`` and empty lines are skipped.

    Args:
        text: The whole output.

    Returns:
        One entry per line, in order.

    Raises:
        ValueError: If a line is shorter than 4 characters, has no space after
            XY, uses an unknown status character, or is a rename/copy without
            `` -> `` (or with extra text after the new path).
    """
    raise NotImplementedError("for each line: XY, a space, then PATH or ORIG -> PATH (paths may be quoted)")


def read_status(repo: Repo) -> list[StatusEntry]:
    """Return the working tree's status, untracked files listed one by one.

    Runs ``git status --porcelain=v1 --untracked-files=all``.

    Args:
        repo: The repository.

    Returns:
        The entries; an empty list for a clean working tree.

    Raises:
        GitError: If git fails.
    """
    raise NotImplementedError("run git status --porcelain=v1 --untracked-files=all and parse_status it")
