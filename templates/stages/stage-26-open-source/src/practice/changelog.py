"""Generate Keep a Changelog release notes from Conventional Commits in git history.

Many open-source projects write commit messages in the Conventional Commits
format (https://www.conventionalcommits.org/en/v1.0.0/)::

    feat(api)!: remove the v1 token format      <- header: type(scope)!: description
                                                <- blank line
    Old tokens could not expire.                <- body (free text)
                                                <- blank line
    BREAKING CHANGE: v1 tokens are rejected     <- footers: "Token: value" or "Token #value"
    Refs: #12

and let a tool turn the history since the last tag into the next version
number and the release notes in the Keep a Changelog format
(https://keepachangelog.com/en/1.1.0/). You write that tool.

TODO: implement ``parse_commit``, ``read_git_log``, ``next_version``,
``render_release`` and ``release_notes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SECTIONS: dict[str, str] = {
    "feat": "Added",
    "perf": "Changed",
    "refactor": "Changed",
    "fix": "Fixed",
    "security": "Security",
}
SECTION_ORDER = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


class ChangelogError(Exception):
    """git failed or the input cannot be turned into a changelog."""


@dataclass(frozen=True, slots=True)
class Commit:
    """A raw commit: full hash, subject line and body."""

    sha: str
    subject: str
    body: str = ""


@dataclass(frozen=True, slots=True)
class ConventionalCommit:
    """A commit whose message follows Conventional Commits 1.0.0."""

    sha: str
    type: str
    scope: str | None
    description: str
    breaking: bool
    breaking_note: str | None
    issues: tuple[int, ...]
    footers: tuple[tuple[str, str], ...]


def parse_commit(commit: Commit) -> ConventionalCommit | None:
    """Parse one commit message.

    Header (the subject, stripped) must fullmatch
    ``type[(scope)][!]: description``: type is letters only (store it
    lowercased), scope is non-empty without parentheses or newlines (keep its
    case), then ``": "`` (colon AND one space) and a description starting
    with a non-space character. Anything else -> None.

    Footers: split the body into paragraphs on blank lines. If EVERY line of
    the LAST paragraph matches ``Token: value`` or ``Token #value`` (token:
    a letter then letters and ``-``, or exactly ``BREAKING CHANGE``), those
    lines are the footers, stored as ``(token, value)`` pairs in order; for
    the ``Token #value`` form keep the ``#`` in the value (``("Closes",
    "#7")``). Otherwise there are no footers.

    Fields:

    * ``breaking``: ``!`` in the header, or a ``BREAKING CHANGE`` /
      ``BREAKING-CHANGE`` footer; ``breaking_note`` is that footer's value
      (None without one).
    * ``issues``: every ``#<digits>`` in the description and in footer
      values, unique, sorted ascending.
    * ``description``: with every ``(#123)`` reference removed (squash merges
      add them; they are already in ``issues``) and stripped.
    """
    raise NotImplementedError("match the header with a regex, detect footers, collect issues")


def read_git_log(
    repo: Path,
    *,
    since: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 10.0,
) -> list[Commit]:
    """Read the non-merge commits of ``repo``, newest first.

    Run ``git -C <repo> log --no-merges --no-color --format=...`` with
    ``subprocess.run(..., capture_output=True, text=True,
    encoding="utf-8", timeout=timeout, env=env)``. Pick a format that can be
    split safely even when bodies contain newlines, for example
    ``%H%x1f%s%x1f%b%x1e`` (unit separator between fields, record separator
    after each commit). Add ``-c log.showSignature=false`` before ``log``
    so a user's signing setup cannot add extra lines.

    Args:
        repo: the repository folder.
        since: a tag or commit; when given only commits after it
            (``f"{since}..HEAD"``) are returned.
        env: environment for git (tests pass an isolated one); None means
            inherit.
        timeout: seconds before giving up.

    Returns:
        ``Commit(sha, subject, body)`` with the body stripped.

    Raises:
        ChangelogError: if git cannot run, times out or exits non-zero
            (not a repository, unknown ref); include git's stderr in the
            message.
    """
    raise NotImplementedError("run git log with a separator-based format and split the output")


def next_version(current: str, commits: Iterable[ConventionalCommit]) -> str | None:
    """The next SemVer version implied by ``commits``.

    ``current`` is ``X.Y.Z``, optionally with a leading ``v``. Any breaking
    commit -> next major (but while major is 0, breaking changes bump the
    minor: ``0.4.1`` -> ``0.5.0``); else any ``feat`` -> next minor; else
    any ``fix``, ``perf`` or ``security`` -> next patch; else None (nothing
    worth releasing). Lower parts reset to 0.

    Raises:
        ValueError: if ``current`` is not plain ``X.Y.Z`` (pre-releases are
            not handled here).
    """
    raise NotImplementedError("parse X.Y.Z and bump according to the strongest change")


def render_release(
    version: str,
    date: str,
    commits: Sequence[ConventionalCommit],
    *,
    repo_url: str,
    previous: str | None = None,
) -> str:
    """Render one Keep a Changelog release section.

    Layout (blocks separated by ONE blank line, text ending in ``\\n``)::

        ## [1.5.0] - 2024-05-01

        ### Added

        - **api:** add tag filter ([#12](https://github.com/o/r/issues/12))

        ### Fixed

        - reject empty titles ([#3](.../issues/3), [#9](.../issues/9))

        [1.5.0]: https://github.com/o/r/compare/v1.4.0...v1.5.0

    * Sections in ``SECTION_ORDER``, only non-empty ones. The section of a
      commit is ``SECTIONS[type]``; a breaking commit of another type goes
      to ``Changed``; other commits are left out.
    * Entries in the order given: ``- `` then ``**BREAKING:** `` if
      breaking, then ``**scope:** `` if there is a scope, then the
      description, then `` (`` + issue links joined with ``", "`` + ``)``
      if there are issues. A breaking note becomes a nested line
      ``  - <note>`` under the entry.
    * No entries at all: the header, a blank line and ``No notable changes.``.
    * ``previous`` given: a blank line and the compare link
      ``[version]: {repo_url}/compare/v{previous}...v{version}`` at the end.
    * A trailing ``/`` on ``repo_url`` must not produce ``//`` in links.
    """
    raise NotImplementedError("group entries into sections and join the blocks")


def release_notes(
    repo: Path,
    *,
    previous_tag: str,
    date: str,
    repo_url: str,
    env: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """Compute the next version after ``previous_tag`` and its release notes.

    Read the commits since the tag, parse them (dropping non-conventional
    ones), put them OLDEST first, compute ``next_version`` from the tag
    (without its ``v``) and render them with ``previous`` set to it.

    Returns:
        ``(version, markdown)``.

    Raises:
        ChangelogError: if git fails or there is nothing to release.
    """
    raise NotImplementedError("read_git_log, parse_commit, next_version, render_release")
