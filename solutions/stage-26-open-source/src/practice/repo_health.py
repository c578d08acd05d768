"""Audit a repository folder for the community health files open-source projects need."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

CONTACT_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+")
SPDX_LINE_RE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)")
HEADING_RE = re.compile(r"(#{1,6})\s+(.+?)\s*#*\s*")
KNOWN_LICENSES = frozenset(
    {
        "MIT",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "ISC",
        "MPL-2.0",
        "Unlicense",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
    }
)
LICENSE_FINGERPRINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Apache-2.0", ("apache license", "version 2.0")),
    ("MPL-2.0", ("mozilla public license version 2.0",)),
    ("BSD-3-Clause", ("redistribution and use in source and binary forms", "neither the name of")),
    ("BSD-2-Clause", ("redistribution and use in source and binary forms",)),
    (
        "MIT",
        (
            "permission is hereby granted, free of charge",
            "the above copyright notice and this permission notice shall be included",
        ),
    ),
    (
        "ISC",
        ("permission to use, copy, modify, and/or distribute this software for any purpose with or without fee",),
    ),
    ("Unlicense", ("this is free and unencumbered software released into the public domain",)),
)
README_SECTIONS: dict[str, frozenset[str]] = {
    "installation": frozenset({"installation", "install", "getting started", "quick start", "quickstart"}),
    "usage": frozenset({"usage", "examples", "example"}),
    "contributing": frozenset({"contributing", "contribute", "how to contribute"}),
    "license": frozenset({"license", "licence"}),
}
DOC_EXTENSIONS = ("", ".md", ".txt", ".rst")
COMMUNITY_DIRS = ("", ".github", "docs")


@dataclass(frozen=True, slots=True)
class Finding:
    """The result of one check."""

    check: str
    ok: bool
    message: str


@dataclass(frozen=True, slots=True)
class HealthReport:
    """All findings for one repository, in check order."""

    findings: tuple[Finding, ...]

    @property
    def score(self) -> int:
        """Percentage of passing checks, rounded to the nearest integer."""
        if not self.findings:
            return 0
        return round(100 * sum(f.ok for f in self.findings) / len(self.findings))

    @property
    def passed(self) -> bool:
        """True if every check passed."""
        return all(f.ok for f in self.findings)

    @property
    def failed(self) -> tuple[str, ...]:
        """Names of the failing checks."""
        return tuple(f.check for f in self.findings if not f.ok)

    def summary(self) -> str:
        """One ``PASS``/``FAIL`` line per check and a score line."""
        lines = [f"{'PASS' if f.ok else 'FAIL'} {f.check}: {f.message}" for f in self.findings]
        lines.append(f"score: {self.score}%")
        return "\n".join(lines) + "\n"


def find_file(repo: Path, stem: str, dirs: Sequence[str] = COMMUNITY_DIRS) -> Path | None:
    """Find ``stem`` (case-insensitive, optional .md/.txt/.rst) in ``dirs`` of ``repo``, in order."""
    wanted = {(stem + ext).lower() for ext in DOC_EXTENSIONS}
    for folder in dirs:
        base = repo / folder if folder else repo
        if not base.is_dir():
            continue
        for candidate in sorted(base.iterdir()):
            if candidate.is_file() and candidate.name.lower() in wanted:
                return candidate
    return None


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def markdown_headings(text: str) -> list[tuple[int, str]]:
    """``(level, text)`` of ATX headings, skipping fenced code blocks."""
    headings = []
    fence: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        match = HEADING_RE.fullmatch(stripped) if not line.startswith("    ") else None
        if match:
            headings.append((len(match[1]), match[2].strip()))
    return headings


def check_readme(repo: Path) -> Finding:
    """README.md (or README) in the root with a title and the four key sections."""
    path = find_file(repo, "README", dirs=("",))
    if path is None or path.suffix.lower() not in ("", ".md"):
        return Finding("readme", False, "no README.md in the repository root")
    headings = markdown_headings(_read(path))
    if not headings or headings[0][0] != 1:
        return Finding("readme", False, f"{path.name} should start with a '# Title' heading")
    names = {text.lower().rstrip(":").strip() for level, text in headings if level >= 2}
    missing = [section for section, synonyms in README_SECTIONS.items() if not names & synonyms]
    if missing:
        return Finding("readme", False, f"{path.name} is missing sections: {', '.join(missing)}")
    return Finding("readme", True, f"{path.name} has a title and all key sections")


def detect_license(text: str) -> str | None:
    """The SPDX id of a license text, or None if it is not recognised."""
    spdx = SPDX_LINE_RE.search(text)
    if spdx:
        return spdx.group(1) if spdx.group(1) in KNOWN_LICENSES else None
    normal = " ".join(text.lower().split())
    for spdx_id, phrases in LICENSE_FINGERPRINTS:
        if all(phrase in normal for phrase in phrases):
            return spdx_id
    return None


def check_license(repo: Path) -> Finding:
    """A LICENSE (or LICENCE/COPYING) file in the root whose license is recognised."""
    path = next((p for stem in ("LICENSE", "LICENCE", "COPYING") if (p := find_file(repo, stem, dirs=("",)))), None)
    if path is None:
        return Finding("license", False, "no LICENSE file in the repository root")
    spdx_id = detect_license(_read(path))
    if spdx_id is None:
        return Finding(
            "license", False, f"{path.name} is not a recognised license; add an SPDX-License-Identifier line"
        )
    return Finding("license", True, f"{path.name}: {spdx_id}")


def _community_file(repo: Path, check: str, stem: str, needs: str) -> Finding:
    path = find_file(repo, stem)
    if path is None:
        return Finding(check, False, f"no {stem} file in the root, .github/ or docs/")
    text = _read(path)
    relative = path.relative_to(repo).as_posix()
    if needs == "tests" and not re.search(r"test", text, re.IGNORECASE):
        return Finding(check, False, f"{relative} does not explain how to run the tests")
    if needs == "contact" and not CONTACT_RE.search(text):
        return Finding(check, False, f"{relative} has no contact (email address or URL) for reports")
    return Finding(check, True, f"{relative} found")


def check_contributing(repo: Path) -> Finding:
    """CONTRIBUTING exists and mentions how to run the tests."""
    return _community_file(repo, "contributing", "CONTRIBUTING", "tests")


def check_code_of_conduct(repo: Path) -> Finding:
    """CODE_OF_CONDUCT exists and names a contact for reports."""
    return _community_file(repo, "code_of_conduct", "CODE_OF_CONDUCT", "contact")


def check_security_policy(repo: Path) -> Finding:
    """SECURITY exists and names a private contact for vulnerability reports."""
    return _community_file(repo, "security", "SECURITY", "contact")


def _front_matter(text: str) -> object:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError("no YAML front matter")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return yaml.safe_load("\n".join(lines[1:index]))
    raise ValueError("front matter is not closed with ---")


def _nonempty_str(data: dict[object, object], key: str) -> bool:
    value = data.get(key)
    return isinstance(value, str) and bool(value.strip())


def check_issue_templates(repo: Path) -> Finding:
    """``.github/ISSUE_TEMPLATE`` holds at least one valid template and nothing broken."""
    folder = repo / ".github" / "ISSUE_TEMPLATE"
    problems: list[str] = []
    templates = 0
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    for path in files:
        suffix = path.suffix.lower()
        if suffix not in (".md", ".yml", ".yaml"):
            continue
        text = _read(path)
        try:
            data = _front_matter(text) if suffix == ".md" else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as exc:
            problems.append(f"{path.name}: {str(exc).splitlines()[0]}")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name}: YAML must be a mapping")
            continue
        if path.stem.lower() == "config" and suffix != ".md":
            continue
        templates += 1
        required = ("name", "about") if suffix == ".md" else ("name", "description")
        missing = [key for key in required if not _nonempty_str(data, key)]
        if suffix != ".md" and not (isinstance(data.get("body"), list) and data["body"]):
            missing.append("body")
        if missing:
            problems.append(f"{path.name}: missing {', '.join(missing)}")
    if problems:
        return Finding("issue_templates", False, "; ".join(problems))
    if templates == 0:
        return Finding("issue_templates", False, "no issue templates in .github/ISSUE_TEMPLATE")
    return Finding("issue_templates", True, f"{templates} valid issue template(s)")


def audit_repository(repo: Path) -> HealthReport:
    """Run every check on ``repo`` in a fixed order."""
    if not repo.is_dir():
        raise NotADirectoryError(f"{repo} is not a directory")
    checks = (
        check_readme,
        check_license,
        check_contributing,
        check_code_of_conduct,
        check_security_policy,
        check_issue_templates,
    )
    return HealthReport(tuple(check(repo) for check in checks))
