"""Generate Keep a Changelog release notes from Conventional Commits in git history."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

HEADER_RE = re.compile(r"(?P<type>[A-Za-z]+)(?:\((?P<scope>[^()\r\n]+)\))?(?P<bang>!)?: (?P<desc>\S.*)")
FOOTER_RE = re.compile(r"(?P<token>BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z][A-Za-z-]*)(?P<sep>: | #)(?P<value>.*)")
ISSUE_RE = re.compile(r"#(\d+)\b")
SQUASH_REF_RE = re.compile(r"\s*\(#\d+\)")
SECTIONS: dict[str, str] = {
    "feat": "Added",
    "perf": "Changed",
    "refactor": "Changed",
    "fix": "Fixed",
    "security": "Security",
}
SECTION_ORDER = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
FIELD_SEP = "\x1f"
RECORD_SEP = "\x1e"


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
    """Parse one commit; None if the subject is not a Conventional Commit header."""
    match = HEADER_RE.fullmatch(commit.subject.strip())
    if match is None:
        return None
    paragraphs = [p for p in re.split(r"\n\s*\n", commit.body.strip()) if p.strip()]
    footers: list[tuple[str, str]] = []
    if paragraphs:
        lines = paragraphs[-1].splitlines()
        parsed = [FOOTER_RE.fullmatch(line.strip()) for line in lines]
        if all(parsed):
            footers = [(m["token"], ("#" if m["sep"] == " #" else "") + m["value"].strip()) for m in parsed if m]
    breaking_note = next((value for token, value in footers if token in ("BREAKING CHANGE", "BREAKING-CHANGE")), None)
    description = match["desc"].strip()
    issues = {int(n) for n in ISSUE_RE.findall(description)}
    for _, value in footers:
        issues.update(int(n) for n in ISSUE_RE.findall(value))
    return ConventionalCommit(
        sha=commit.sha,
        type=match["type"].lower(),
        scope=match["scope"].strip() if match["scope"] else None,
        description=SQUASH_REF_RE.sub("", description).strip(),
        breaking=bool(match["bang"]) or breaking_note is not None,
        breaking_note=breaking_note,
        issues=tuple(sorted(issues)),
        footers=tuple(footers),
    )


def read_git_log(
    repo: Path,
    *,
    since: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 10.0,
) -> list[Commit]:
    """Read non-merge commits of ``repo`` (newest first), optionally only those after ``since``."""
    args = [
        "git",
        "-C",
        str(repo),
        "-c",
        "log.showSignature=false",
        "log",
        "--no-merges",
        "--no-color",
        f"--format=%H{FIELD_SEP}%s{FIELD_SEP}%b{RECORD_SEP}",
    ]
    if since:
        args.append(f"{since}..HEAD")
    try:
        proc = subprocess.run(
            args,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            env=None if env is None else dict(env),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ChangelogError(f"could not run git: {exc}") from exc
    if proc.returncode != 0:
        raise ChangelogError(f"git log failed: {proc.stderr.strip()}")
    commits = []
    for record in proc.stdout.split(RECORD_SEP):
        if not record.strip():
            continue
        sha, subject, body = record.strip("\n").split(FIELD_SEP, 2)
        commits.append(Commit(sha.strip(), subject, body.strip()))
    return commits


def next_version(current: str, commits: Iterable[ConventionalCommit]) -> str | None:
    """The next SemVer version after ``current`` implied by ``commits``, or None."""
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)", current.strip())
    if match is None:
        raise ValueError(f"not a plain X.Y.Z version: {current!r}")
    major, minor, patch = (int(g) for g in match.groups())
    items = list(commits)
    if any(c.breaking for c in items):
        return f"{major}.{minor + 1}.0" if major == 0 else f"{major + 1}.0.0"
    if any(c.type == "feat" for c in items):
        return f"{major}.{minor + 1}.0"
    if any(c.type in ("fix", "perf", "security") for c in items):
        return f"{major}.{minor}.{patch + 1}"
    return None


def _entry(commit: ConventionalCommit, repo_url: str) -> str:
    text = "- "
    if commit.breaking:
        text += "**BREAKING:** "
    if commit.scope:
        text += f"**{commit.scope}:** "
    text += commit.description
    if commit.issues:
        links = ", ".join(f"[#{n}]({repo_url}/issues/{n})" for n in commit.issues)
        text += f" ({links})"
    if commit.breaking_note:
        text += f"\n  - {commit.breaking_note}"
    return text


def render_release(
    version: str,
    date: str,
    commits: Sequence[ConventionalCommit],
    *,
    repo_url: str,
    previous: str | None = None,
) -> str:
    """Render one Keep a Changelog release section."""
    repo_url = repo_url.rstrip("/")
    sections: dict[str, list[str]] = {name: [] for name in SECTION_ORDER}
    for commit in commits:
        section = SECTIONS.get(commit.type)
        if section is None and commit.breaking:
            section = "Changed"
        if section is not None:
            sections[section].append(_entry(commit, repo_url))
    parts = [f"## [{version}] - {date}"]
    for name in SECTION_ORDER:
        if sections[name]:
            parts.append(f"### {name}\n\n" + "\n".join(sections[name]))
    if len(parts) == 1:
        parts.append("No notable changes.")
    text = "\n\n".join(parts) + "\n"
    if previous is not None:
        text += f"\n[{version}]: {repo_url}/compare/v{previous}...v{version}\n"
    return text


def release_notes(
    repo: Path,
    *,
    previous_tag: str,
    date: str,
    repo_url: str,
    env: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """Compute the next version after ``previous_tag`` and its release notes."""
    raw = read_git_log(repo, since=previous_tag, env=env)
    parsed = [c for c in (parse_commit(commit) for commit in reversed(raw)) if c is not None]
    previous = previous_tag.removeprefix("v")
    version = next_version(previous, parsed)
    if version is None:
        raise ChangelogError(f"no releasable changes since {previous_tag}")
    return version, render_release(version, date, parsed, repo_url=repo_url, previous=previous)
