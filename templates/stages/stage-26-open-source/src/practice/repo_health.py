"""Audit a repository folder for the community health files open-source projects need.

Before you contribute to a project (or publish your own), check that it has
what GitHub calls community health files: a README that tells people how to
install, use and contribute; a LICENSE that legally allows all of that; a
CONTRIBUTING guide; a CODE_OF_CONDUCT with a contact; a SECURITY policy
that says where to report vulnerabilities privately; and issue templates
that ask reporters the right questions. You write the auditor that a CI job
or a maintainer can run on any checkout.

Where GitHub looks: CONTRIBUTING, CODE_OF_CONDUCT and SECURITY may live in
the root, in ``.github/`` or in ``docs/``; README and LICENSE in the root;
issue templates in ``.github/ISSUE_TEMPLATE/``, either Markdown files with
YAML front matter or YAML issue forms.

TODO: implement the functions and the ``HealthReport`` members that raise
NotImplementedError. The tables below are data for you to use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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
# (SPDX id, phrases that must ALL appear), checked in this order: BSD-3-Clause
# must be tried before BSD-2-Clause because its text contains the 2-clause text.
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
# README section -> heading texts (lowercase) that count as that section.
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
    """The result of one check: its name, whether it passed, and a message for humans."""

    check: str
    ok: bool
    message: str


@dataclass(frozen=True, slots=True)
class HealthReport:
    """All findings for one repository, in check order."""

    findings: tuple[Finding, ...]

    @property
    def score(self) -> int:
        """Percentage of passing checks, ``round()``-ed to an int; 0 without findings."""
        raise NotImplementedError("100 * passing / total, rounded")

    @property
    def passed(self) -> bool:
        """True if every check passed."""
        raise NotImplementedError("all findings ok")

    @property
    def failed(self) -> tuple[str, ...]:
        """Names of the failing checks, in order."""
        raise NotImplementedError("the check names of the findings that are not ok")

    def summary(self) -> str:
        """Human-readable report.

        One line per finding, ``"PASS <check>: <message>"`` or
        ``"FAIL <check>: <message>"``, then ``"score: <score>%"``; every line
        ends with ``\\n``.
        """
        raise NotImplementedError("format one line per finding plus the score line")


def find_file(repo: Path, stem: str, dirs: Sequence[str] = COMMUNITY_DIRS) -> Path | None:
    """Find a community file such as ``CONTRIBUTING`` in ``repo``.

    A file matches if its name, compared case-insensitively, is ``stem``
    plus one of ``DOC_EXTENSIONS`` (so ``contributing.rst`` matches
    ``CONTRIBUTING`` but ``CONTRIBUTING.md.bak`` does not). Folders are
    searched in the order of ``dirs`` (``""`` is the root); missing folders
    are skipped; within a folder sort candidates by name.

    Returns:
        The first matching file, or None.
    """
    raise NotImplementedError("scan each folder in order for a case-insensitive name match")


def check_readme(repo: Path) -> Finding:
    """Check ``README.md`` (or ``README`` without extension) in the root.

    The FIRST Markdown heading must be a level-1 ``# Title``. Among the
    headings of level 2 and deeper, each ``README_SECTIONS`` entry needs at
    least one heading whose text (lowercased, stripped, trailing ``:``
    removed) is one of its synonyms.

    Only real ATX headings count: ``#`` to ``######``, then at least one
    space, then text (optional closing ``#`` characters are dropped); not
    ``#hashtag``, not lines indented by 4+ spaces, and not lines inside
    fenced code blocks (between ``````` or ``~~~`` fences), where ``# ...``
    is just a shell comment.

    Returns:
        ``Finding("readme", ok, message)``; a failing message names what is
        wrong, listing missing sections by their ``README_SECTIONS`` key, for
        example ``"README.md is missing sections: usage, license"``.
    """
    raise NotImplementedError("find the README, extract headings outside code fences, compare with README_SECTIONS")


def detect_license(text: str) -> str | None:
    """The SPDX id of a license text, or None if it is not recognised.

    1. If the text contains ``SPDX-License-Identifier: <id>`` (anywhere, for
       example in a comment), return the id if it is in ``KNOWN_LICENSES``,
       else None.
    2. Otherwise lowercase the text and collapse all whitespace runs to one
       space (license files are hard-wrapped at different widths), then
       return the first ``LICENSE_FINGERPRINTS`` id whose phrases ALL occur.
    """
    raise NotImplementedError("look for an SPDX line, else match normalised fingerprints in order")


def check_license(repo: Path) -> Finding:
    """Check for ``LICENSE``, ``LICENCE`` or ``COPYING`` (optionally .md/.txt) in the root.

    Returns:
        Passing: message ``"<file name>: <SPDX id>"`` (for example
        ``"LICENSE: MIT"``). Failing: no file, or ``detect_license`` gives
        None, in which case the message must suggest adding an
        ``SPDX-License-Identifier`` line.
    """
    raise NotImplementedError("find the license file and detect_license its text")


def check_contributing(repo: Path) -> Finding:
    """``Finding("contributing", ...)``: CONTRIBUTING exists and mentions tests.

    The file (found with ``find_file``) passes if it contains ``test``
    case-insensitively (``pytest``, ``make test``, ``Tests``). A failing
    message names the file by its path relative to the repo, in POSIX form
    (``.github/CONTRIBUTING.md``).
    """
    raise NotImplementedError("find CONTRIBUTING and look for 'test'")


def check_code_of_conduct(repo: Path) -> Finding:
    """``Finding("code_of_conduct", ...)``: CODE_OF_CONDUCT exists and names a contact.

    A contact is an email address (``name@domain.tld``) or an ``http(s)://``
    URL. Without one, people cannot report a problem.
    """
    raise NotImplementedError("find CODE_OF_CONDUCT and look for an email address or URL")


def check_security_policy(repo: Path) -> Finding:
    """``Finding("security", ...)``: SECURITY exists and names a contact (email or URL)."""
    raise NotImplementedError("find SECURITY and look for an email address or URL")


def check_issue_templates(repo: Path) -> Finding:
    """``Finding("issue_templates", ...)`` for ``.github/ISSUE_TEMPLATE/``.

    Look at ``.md``, ``.yml`` and ``.yaml`` files (sorted by name); ignore
    others. Parse YAML with ``yaml.safe_load``.

    * ``config.yml`` / ``config.yaml`` configures the chooser: it must be a
      YAML mapping but is not a template.
    * ``*.md``: the first line is ``---`` and the YAML front matter ends at
      the next ``---`` line; it must be a mapping with non-empty string
      ``name`` and ``about``.
    * ``*.yml`` / ``*.yaml`` issue forms: a mapping with non-empty string
      ``name`` and ``description`` and a non-empty list ``body``.

    Each problem is ``"<file name>: <what is wrong>"`` and mentions the
    missing keys by name (for example ``"bug.md: missing about"``);
    problems are joined with ``"; "``. Fails if there is any problem, or if
    there is no template at all (message containing
    ``"no issue templates"``). Passing message:
    ``"<n> valid issue template(s)"``.
    """
    raise NotImplementedError("validate every template file and count the good ones")


def audit_repository(repo: Path) -> HealthReport:
    """Run the checks in this order: readme, license, contributing, code_of_conduct, security, issue_templates.

    Raises:
        NotADirectoryError: if ``repo`` is not an existing directory.
    """
    raise NotImplementedError("run each check and collect the findings")
