"""Compute the next semantic version and a changelog from commit messages.

Release tools such as semantic-release, release-please and commitizen read
the commit messages since the last tag, written in the Conventional Commits
format, and decide the next version by themselves:

* a breaking change (``feat!: ...``, ``fix(api)!: ...`` or a
  ``BREAKING CHANGE:`` footer) bumps MAJOR,
* a ``feat`` bumps MINOR,
* a ``fix`` or ``perf`` bumps PATCH,
* anything else (``docs``, ``chore``, ``ci``, ``test``, ...) needs no release.

While the major version is 0 the public API is not stable yet, so a
breaking change bumps MINOR instead of MAJOR (``0.4.2`` -> ``0.5.0``);
``feat`` still bumps MINOR and ``fix``/``perf`` PATCH.

TODO: implement every function marked ``raise NotImplementedError``.
The ``re`` module (named groups, ``fullmatch``) does most of the parsing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CHANGELOG_TITLE = "# Changelog"


@dataclass(frozen=True)
class Commit:
    """One parsed Conventional Commit message.

    Attributes:
        type: the lower-cased type, e.g. ``"feat"``.
        scope: the scope between parentheses, or None.
        description: the text after ``": "`` on the first line, stripped.
        breaking: True when the header has ``!`` or a breaking footer exists.
        breaking_note: the text of the ``BREAKING CHANGE:`` footer if there is
            one, else the description when the header has ``!``, else None.
    """

    type: str
    scope: str | None
    description: str
    breaking: bool = False
    breaking_note: str | None = None


def parse_commit(message: str) -> Commit:
    """Parse a commit message in the Conventional Commits 1.0 format.

    Before parsing, turn ``\\r\\n`` into ``\\n`` and strip the whole message.
    The first line (the header) must fullmatch
    ``type(scope)!: description``: the type is ASCII letters; ``(scope)``
    is optional and, when present, non-empty without spaces or parentheses;
    ``!`` is optional; then exactly ``": "`` and a description that starts
    with a non-space character.

    Footers: any later line that starts with ``BREAKING CHANGE: `` or
    ``BREAKING-CHANGE: `` (exact upper case, then colon and space) starts
    a breaking note. The note is the rest of that line, followed by the
    next lines up to (not including) the first blank line or the first
    line that is itself a footer (``Token: value`` or ``Token #value``,
    where Token is ``[A-Za-z][A-Za-z0-9-]*``), joined with single spaces
    and stripped. With several breaking footers the first one wins.

    Raises:
        ValueError: if the message is empty or its header does not match.
    """
    raise NotImplementedError(
        "normalise line endings, fullmatch the header with a regex, then scan the remaining lines for a breaking footer"
    )


def bump_kind(commits: Iterable[Commit]) -> str | None:
    """Return ``"major"``, ``"minor"``, ``"patch"`` or None for a set of commits.

    The strongest change wins: any breaking commit gives ``"major"``, else
    any ``feat`` gives ``"minor"``, else any ``fix`` or ``perf`` gives
    ``"patch"``, else None (nothing to release). The 0.x rule is not applied
    here; ``next_version`` does that.
    """
    raise NotImplementedError("look at every commit and keep the strongest bump")


def next_version(current: str, messages: Iterable[str]) -> str | None:
    """Compute the version to release after ``current`` for these commits.

    ``current`` is ``MAJOR.MINOR.PATCH`` with ASCII digits and no leading
    zeros, optionally prefixed with ``v`` (kept in the result). Messages
    that are not Conventional Commits are ignored. Bumping resets the lower
    numbers: ``1.4.2`` + minor -> ``1.5.0``. With major 0 a breaking change
    bumps minor (see the module docstring).

    Returns:
        The next version string, or None when nothing needs a release.

    Raises:
        ValueError: if ``current`` is not a valid version (pre-release and
            build suffixes such as ``1.0.0-rc.1`` are not supported).
    """
    raise NotImplementedError(
        "parse current with a regex, parse the messages (skipping bad ones), pick the bump and apply the 0.x rule"
    )


def render_changelog(version: str, date: dt.date, messages: Iterable[str]) -> str:
    """Render one release's changelog section in Markdown.

    Layout (sections in this order, empty sections left out)::

        ## 1.5.0 (2024-05-01)

        ### BREAKING CHANGES

        - **api:** the v1 endpoints are gone

        ### Features

        - **auth:** log in with passkeys
        - export invoices as CSV

        ### Bug Fixes

        - keep the cart after login

        ### Performance Improvements

        - cache product pages

    * The heading is ``## {version} ({date.isoformat()})``.
    * Each entry is ``- **{scope}:** {text}`` with a scope, else ``- {text}``.
    * BREAKING CHANGES lists each breaking commit's ``breaking_note``;
      Features lists ``feat``, Bug Fixes ``fix``, Performance Improvements
      ``perf`` commits by description. A breaking ``feat`` appears in both
      BREAKING CHANGES and Features.
    * Entries keep the order of ``messages``. Other types and messages that
      are not Conventional Commits are left out.
    * With no entries at all, the body is the single line
      ``No notable changes.``
    * Sections are separated by one blank line and the text ends with
      exactly one newline.
    """
    raise NotImplementedError(
        "parse the messages, collect entries per section, then join the heading and the non-empty sections"
    )


def prepend_changelog(path: Path, section: str) -> None:
    """Insert a release section at the top of a CHANGELOG.md file.

    * Missing file: write ``"# Changelog\\n\\n" + section``.
    * Existing file: its first line must be exactly ``# Changelog``. The
      new text is ``"# Changelog\\n\\n" + section``, then, if the old file
      had anything after the title line, ``"\\n"`` and that rest with its
      leading blank lines removed. Older sections therefore stay below the
      new one, separated by one blank line.
    * Files are read and written as UTF-8.

    Raises:
        ValueError: if the file's first line is not ``# Changelog``, or the
            section's first line (its ``## ...`` heading) already appears
            as a line in the file (a release job run twice must not add the
            same release twice).
    """
    raise NotImplementedError(
        "read the file if it exists, check the title and the duplicate heading, then write title, section and rest"
    )
