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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CHANGELOG_TITLE = "# Changelog"

_HEADER = re.compile(r"(?P<type>[A-Za-z]+)(?:\((?P<scope>[^()\s]+)\))?(?P<bang>!)?: (?P<description>\S.*)")
_FOOTER = re.compile(r"(?P<token>BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z][A-Za-z0-9-]*)(?:: | #)(?P<value>.*)")
_VERSION = re.compile(r"(?P<prefix>v?)(?P<major>0|[1-9][0-9]*)\.(?P<minor>0|[1-9][0-9]*)\.(?P<patch>0|[1-9][0-9]*)")
_SECTIONS = (("feat", "Features"), ("fix", "Bug Fixes"), ("perf", "Performance Improvements"))


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
    lines = message.replace("\r\n", "\n").strip().split("\n")
    match = _HEADER.fullmatch(lines[0])
    if not match:
        raise ValueError(f"not a Conventional Commit header: {lines[0]!r}")
    description = match["description"].strip()
    note: str | None = None
    for index, line in enumerate(lines[1:], start=1):
        footer = _FOOTER.fullmatch(line)
        if footer and footer["token"] in ("BREAKING CHANGE", "BREAKING-CHANGE") and line[len(footer["token"])] == ":":
            parts = [footer["value"]]
            for following in lines[index + 1 :]:
                if not following.strip() or _FOOTER.fullmatch(following):
                    break
                parts.append(following.strip())
            note = " ".join(part.strip() for part in parts if part.strip())
            break
    bang = match["bang"] is not None
    if note is None and bang:
        note = description
    return Commit(
        type=match["type"].lower(),
        scope=match["scope"],
        description=description,
        breaking=bang or note is not None,
        breaking_note=note,
    )


def bump_kind(commits: Iterable[Commit]) -> str | None:
    """Return ``"major"``, ``"minor"``, ``"patch"`` or None for a set of commits.

    The strongest change wins: any breaking commit gives ``"major"``, else
    any ``feat`` gives ``"minor"``, else any ``fix`` or ``perf`` gives
    ``"patch"``, else None (nothing to release). The 0.x rule is not applied
    here; ``next_version`` does that.
    """
    kind: str | None = None
    for commit in commits:
        if commit.breaking:
            return "major"
        if commit.type == "feat":
            kind = "minor"
        elif commit.type in ("fix", "perf") and kind is None:
            kind = "patch"
    return kind


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
    version = _VERSION.fullmatch(current)
    if not version:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {current!r}")
    major, minor, patch = (int(version[name]) for name in ("major", "minor", "patch"))
    commits = []
    for message in messages:
        try:
            commits.append(parse_commit(message))
        except ValueError:
            continue
    kind = bump_kind(commits)
    if kind is None:
        return None
    if kind == "major" and major == 0:
        kind = "minor"
    if kind == "major":
        major, minor, patch = major + 1, 0, 0
    elif kind == "minor":
        minor, patch = minor + 1, 0
    else:
        patch += 1
    return f"{version['prefix']}{major}.{minor}.{patch}"


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
    commits = []
    for message in messages:
        try:
            commits.append(parse_commit(message))
        except ValueError:
            continue

    def entry(commit: Commit, text: str) -> str:
        return f"- **{commit.scope}:** {text}" if commit.scope else f"- {text}"

    blocks = [f"## {version} ({date.isoformat()})"]
    breaking = [entry(c, c.breaking_note or c.description) for c in commits if c.breaking]
    if breaking:
        blocks.append("### BREAKING CHANGES\n\n" + "\n".join(breaking))
    for commit_type, title in _SECTIONS:
        entries = [entry(c, c.description) for c in commits if c.type == commit_type]
        if entries:
            blocks.append(f"### {title}\n\n" + "\n".join(entries))
    if len(blocks) == 1:
        blocks.append("No notable changes.")
    return "\n\n".join(blocks) + "\n"


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
    heading = section.split("\n", 1)[0]
    if not path.exists():
        path.write_text(f"{CHANGELOG_TITLE}\n\n{section}", encoding="utf-8")
        return
    old = path.read_text(encoding="utf-8")
    first, _, rest = old.partition("\n")
    if first != CHANGELOG_TITLE:
        raise ValueError(f"{path} should start with {CHANGELOG_TITLE!r}, found {first!r}")
    if heading in old.split("\n"):
        raise ValueError(f"{path} already has a section {heading!r}")
    rest = rest.lstrip("\n")
    text = f"{CHANGELOG_TITLE}\n\n{section}"
    if rest:
        text += "\n" + rest
    path.write_text(text, encoding="utf-8")
