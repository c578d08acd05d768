"""Turn git's machine-readable output into data: the log and the status.

Human-oriented output (``git log`` with no format, ``git status``) changes between
versions and languages. Scripts ask for formats made for them: ``--format`` with
separator bytes that cannot appear in a field, and ``--porcelain``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from practice.repository import Repo

# Fields are separated by the ASCII unit separator (0x1f); each record ends with the record separator (0x1e).
LOG_FORMAT = "%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%s%x1e"
STATUS_CODES = " MTADRCU?!"
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


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
    commits = []
    for chunk in text.split("\x1e"):
        record = chunk.strip("\n")
        if not record.strip():
            continue
        fields = record.split("\x1f", 5)
        if len(fields) != 6:
            raise ValueError(f"expected 6 fields in log record, got {len(fields)}: {record!r}")
        sha, parents_text, author, email, stamp, subject = fields
        parents = tuple(parents_text.split())
        for value in (sha, *parents):
            if not _SHA.fullmatch(value):
                raise ValueError(f"not a commit hash: {value!r}")
        try:
            timestamp = int(stamp)
        except ValueError:
            raise ValueError(f"not a Unix timestamp: {stamp!r}") from None
        commits.append(Commit(sha, parents, author, email, timestamp, subject))
    return commits


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
    if max_count is not None and max_count < 1:
        raise ValueError(f"max_count must be at least 1, got {max_count}")
    if revision == "HEAD" and repo.head() is None:
        return []
    args = ["log", f"--format={LOG_FORMAT}"]
    if max_count is not None:
        args.append(f"--max-count={max_count}")
    args += [revision, "--", *paths]
    return parse_log(repo.git(*args))


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
    if not text.startswith('"'):
        return text
    if len(text) < 2 or not text.endswith('"'):
        raise ValueError(f"unterminated quoted path: {text!r}")
    body = text[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out += char.encode("utf-8")
            i += 1
            continue
        if i + 1 >= len(body):
            raise ValueError(f"path ends inside an escape: {text!r}")
        code = body[i + 1]
        if code in _ESCAPES:
            out.append(_ESCAPES[code])
            i += 2
        elif re.fullmatch(r"[0-3][0-7]{2}", body[i + 1 : i + 4]):
            out.append(int(body[i + 1 : i + 4], 8))
            i += 4
        else:
            raise ValueError(f"unknown escape \\{code} in {text!r}")
    return out.decode("utf-8", errors="replace")


def _take_path(text: str) -> tuple[str, str]:
    """Split one (maybe quoted) path off the front of text; return (raw path, rest)."""
    if text.startswith('"'):
        i = 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
            elif text[i] == '"':
                return text[: i + 1], text[i + 1 :]
            else:
                i += 1
        raise ValueError(f"unterminated quoted path: {text!r}")
    arrow = text.find(" -> ")
    if arrow == -1:
        return text, ""
    return text[:arrow], text[arrow:]


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
    entries = []
    for line in text.split("\n"):
        if not line or line.startswith("##"):
            continue
        if len(line) < 4 or line[2] != " ":
            raise ValueError(f"not a porcelain status line: {line!r}")
        x, y, rest = line[0], line[1], line[3:]
        if x not in STATUS_CODES or y not in STATUS_CODES:
            raise ValueError(f"unknown status {x + y!r} in {line!r}")
        if x in "RC" or y in "RC":
            raw_orig, rest = _take_path(rest)
            if not rest.startswith(" -> "):
                raise ValueError(f"rename without ' -> ': {line!r}")
            raw_path, rest = _take_path(rest[4:])
            if rest:
                raise ValueError(f"unexpected text after path: {line!r}")
            entries.append(StatusEntry(x, y, unquote_path(raw_path), unquote_path(raw_orig)))
        else:
            entries.append(StatusEntry(x, y, unquote_path(rest)))
    return entries


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
    return parse_status(repo.git("status", "--porcelain=v1", "--untracked-files=all"))
