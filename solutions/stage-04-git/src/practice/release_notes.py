"""Release notes from commit messages that follow Conventional Commits.

``feat(api): add export`` and ``fix!: drop the old flag`` say what kind of change
a commit is. Teams use that to write changelogs and pick the next version
number straight from ``git log``, between the last tag and HEAD.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from practice.history import Commit, read_log
from practice.repository import Repo

SECTIONS = (("breaking", "Breaking changes"), ("feat", "Features"), ("fix", "Fixes"), ("other", "Other"))
_SUBJECT = re.compile(r"(?P<kind>[A-Za-z]+)(?:\((?P<scope>[^()\s]+)\))?(?P<bang>!)?: (?P<description>.*)")


@dataclass(frozen=True)
class Change:
    """A parsed Conventional Commits subject.

    Attributes:
        kind: The type in lower case, e.g. ``"feat"``, ``"fix"``, ``"docs"``.
        scope: The part in parentheses, or None.
        breaking: True when ``!`` follows the type or scope.
        description: The text after ``": "``, stripped.
    """

    kind: str
    scope: str | None
    breaking: bool
    description: str


def parse_subject(subject: str) -> Change | None:
    """Parse a commit subject written as ``type(scope)!: description``.

    The type is ASCII letters (any case; returned lower-cased). The scope is
    optional, in parentheses, non-empty, without spaces or parentheses. ``!`` is
    optional. Then exactly ``": "`` and a description that is not blank.
    Surrounding whitespace of the subject is ignored.

    Args:
        subject: The first line of a commit message.

    Returns:
        The change, or None when the subject does not follow the convention:
        ``parse_subject("feat(api)!: drop v1")`` is
        ``Change("feat", "api", True, "drop v1")``; ``"Merge branch 'x'"``,
        ``"feat:no space"``, ``"feat(): empty scope"`` and ``"fix: "`` give None.
    """
    match = _SUBJECT.fullmatch(subject.strip())
    if match is None or not match["description"].strip():
        return None
    return Change(
        kind=match["kind"].lower(),
        scope=match["scope"],
        breaking=match["bang"] is not None,
        description=match["description"].strip(),
    )


def _line(commit: Commit, change: Change | None) -> str:
    short = commit.sha[:7]
    if change is None:
        return f"- {commit.subject.strip()} ({short})"
    if change.breaking or change.kind in ("feat", "fix"):
        scope = f"**{change.scope}:** " if change.scope else ""
        return f"- {scope}{change.description} ({short})"
    scope = f"({change.scope})" if change.scope else ""
    return f"- {change.kind}{scope}: {change.description} ({short})"


def render_notes(version: str, commits: Sequence[Commit]) -> str:
    """Render release notes in Markdown.

    Commits with more than one parent (merges) are left out. The others go,
    oldest first, into one section each, in ``SECTIONS`` order:

    * Breaking changes: every change with ``!``.
    * Features: type ``feat``; Fixes: type ``fix`` (not breaking).
    * Other: any other type, and subjects that do not parse.

    One line per commit, ending with the first 7 characters of the sha:

    * breaking, feat, fix: ``- **scope:** description (abc1234)``, or
      ``- description (abc1234)`` without a scope;
    * other types: ``- docs(readme): description (abc1234)``, or
      ``- docs: description (abc1234)`` without a scope;
    * subjects that do not parse: ``- the subject, stripped (abc1234)``.

    Layout: ``## VERSION``, then each non-empty section as ``### Title`` followed
    by its lines, with one blank line before each heading; the text ends with
    one newline. With no lines at all the body is ``No changes.``::

        ## v1.2.0

        ### Features
        - **api:** add export (1a2b3c4)

        ### Fixes
        - handle empty body (5d6e7f8)

    Args:
        version: Shown in the heading, e.g. ``"v1.2.0"``.
        commits: Commits as `practice.history.read_log` returns them (newest first).

    Returns:
        The notes.
    """
    buckets: dict[str, list[str]] = {key: [] for key, _ in SECTIONS}
    for commit in reversed(commits):
        if len(commit.parents) > 1:
            continue
        change = parse_subject(commit.subject)
        if change is None:
            key = "other"
        elif change.breaking:
            key = "breaking"
        elif change.kind in ("feat", "fix"):
            key = change.kind
        else:
            key = "other"
        buckets[key].append(_line(commit, change))
    parts = [f"## {version}\n"]
    for key, title in SECTIONS:
        if buckets[key]:
            parts.append(f"### {title}\n" + "".join(f"{line}\n" for line in buckets[key]))
    if len(parts) == 1:
        parts.append("No changes.\n")
    return "\n".join(parts)


def latest_tag(repo: Repo) -> str | None:
    """Return the newest tag reachable from HEAD (``git describe --tags --abbrev=0``).

    Lightweight and annotated tags both count. Returns None when HEAD reaches
    no tag, including in a repository without commits (git exits non-zero then).
    """
    result = repo.run("describe", "--tags", "--abbrev=0")
    return result.stdout.strip() if result.returncode == 0 else None


def release_notes(repo: Repo, version: str, since: str | None = None, until: str = "HEAD") -> str:
    """Render the notes for the commits after ``since`` up to ``until``.

    Args:
        repo: The repository.
        version: The heading, e.g. ``"v1.3.0"``.
        since: The previous release (a tag or any revision). None means the
            latest tag (`latest_tag`), or the whole history when there is none.
        until: The last commit to include.

    Returns:
        The Markdown from `render_notes` for ``read_log(repo, "SINCE..UNTIL")``
        (or ``read_log(repo, UNTIL)`` for the whole history).

    Raises:
        GitError: If a revision is unknown.
    """
    start = since if since is not None else latest_tag(repo)
    revision = until if start is None else f"{start}..{until}"
    return render_notes(version, read_log(repo, revision))
