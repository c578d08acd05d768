"""Tests for ex04: auditing a repository's community health files.

Every test builds a small repository in tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from practice.repo_health import (
    Finding,
    HealthReport,
    audit_repository,
    check_code_of_conduct,
    check_contributing,
    check_issue_templates,
    check_license,
    check_readme,
    check_security_policy,
    detect_license,
    find_file,
)

MIT = """MIT License

Copyright (c) 2024 Ann Example

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.
"""

BSD_CORE = """Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:
1. Redistributions of source code must retain the above copyright notice."""

README = """# linkshelf

A tiny bookmarks service.

## Installation

```bash
pip install linkshelf
# Usage is below
```

## Usage

Run `linkshelf serve`.

## Contributing

See CONTRIBUTING.md.

## License

MIT
"""

BUG_TEMPLATE = """---
name: Bug report
about: Something does not work as documented
labels: bug
---

**What happened?**
"""

FORM_TEMPLATE = """name: Feature request
description: Suggest an idea
body:
  - type: textarea
    attributes:
      label: What problem would this solve?
"""


def write(repo: Path, relative: str, text: str) -> Path:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def healthy_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    write(repo, "README.md", README)
    write(repo, "LICENSE", MIT)
    write(repo, "CONTRIBUTING.md", "# Contributing\n\nRun the tests with `pytest` before opening a PR.\n")
    write(repo, ".github/CODE_OF_CONDUCT.md", "# Code of conduct\n\nReport problems to conduct@example.org.\n")
    write(repo, "docs/SECURITY.md", "# Security\n\nReport vulnerabilities privately at https://example.org/security.\n")
    write(repo, ".github/ISSUE_TEMPLATE/bug.md", BUG_TEMPLATE)
    write(repo, ".github/ISSUE_TEMPLATE/feature.yml", FORM_TEMPLATE)
    write(repo, ".github/ISSUE_TEMPLATE/config.yml", "blank_issues_enabled: false\n")
    return repo


def test_healthy_repository_passes_every_check(tmp_path: Path) -> None:
    report = audit_repository(healthy_repo(tmp_path))
    checks = [f.check for f in report.findings]
    want = ["readme", "license", "contributing", "code_of_conduct", "security", "issue_templates"]
    assert checks == want, f"audit_repository should run the checks in the order {want}, got {checks}"
    assert report.passed and report.score == 100, f"every check should pass on a healthy repo:\n{report.summary()}"
    assert report.findings[1].message == "LICENSE: MIT", (
        f"the license finding should name the SPDX id: {report.findings[1]}"
    )


def test_empty_repository_fails_everything(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    repo.mkdir()
    report = audit_repository(repo)
    assert report.score == 0 and not report.passed, f"an empty folder should score 0, got {report.score}"
    assert len(report.failed) == 6, f"all six checks should fail, got failed={report.failed}"
    with pytest.raises(NotADirectoryError):
        audit_repository(tmp_path / "missing")


def test_report_score_and_summary() -> None:
    report = HealthReport(
        (Finding("readme", True, "ok"), Finding("license", False, "no LICENSE file"), Finding("security", True, "ok"))
    )
    assert report.score == 67 and report.failed == ("license",), f"2 of 3 passing is 67%, got {report.score}"
    want = "PASS readme: ok\nFAIL license: no LICENSE file\nPASS security: ok\nscore: 67%\n"
    assert report.summary() == want, f"summary() should be {want!r}, got {report.summary()!r}"


def test_find_file_is_case_insensitive_and_searches_in_order(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    docs = write(repo, "docs/contributing.rst", "x")
    assert find_file(repo, "CONTRIBUTING") == docs, "find_file should match names case-insensitively with extensions"
    root = write(repo, "Contributing.md", "x")
    assert find_file(repo, "CONTRIBUTING") == root, "the root comes before .github/ and docs/"
    assert find_file(repo, "SECURITY") is None, "a missing file gives None"
    write(repo, "CONTRIBUTING.md.bak", "x")
    assert find_file(repo, "CONTRIBUTING") == root, "other extensions such as .bak must not match"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (MIT, "MIT"),
        ("Copyright 2024\n\n" + BSD_CORE + "\n3. Neither the name of the copyright holder ...", "BSD-3-Clause"),
        ("Copyright 2024\n\n" + BSD_CORE, "BSD-2-Clause"),
        (
            "                                 Apache License\n                           Version 2.0, January 2004",
            "Apache-2.0",
        ),
        ("SPDX-License-Identifier: MPL-2.0\n", "MPL-2.0"),
        ("// SPDX-License-Identifier: Apache-2.0\nsome header", "Apache-2.0"),
        ("SPDX-License-Identifier: Made-Up-1.0\n", None),
        ("All rights reserved. Do not copy.", None),
        ("", None),
    ],
    ids=["mit", "bsd-3", "bsd-2", "apache", "spdx-line", "spdx-comment", "unknown-spdx", "proprietary", "empty"],
)
def test_detect_license(text: str, want: str | None) -> None:
    got = detect_license(text)
    assert got == want, f"detect_license should give {want!r} for this text, got {got!r}\n{text[:120]}"


def test_check_license_accepts_licence_spelling_and_reports_unknown(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    write(repo, "LICENCE.txt", MIT)
    finding = check_license(repo)
    assert finding.ok and "MIT" in finding.message, f"LICENCE.txt with MIT text should pass, got {finding}"
    (repo / "LICENCE.txt").write_text("You may not use this.", encoding="utf-8")
    finding = check_license(repo)
    assert not finding.ok and "SPDX" in finding.message, (
        f"an unknown license should fail and suggest SPDX, got {finding}"
    )


@pytest.mark.parametrize(
    ("readme", "missing"),
    [
        (README.replace("## Usage", "## Examples").replace("## Installation", "## Getting started"), None),
        (README.replace("## License\n\nMIT\n", ""), "license"),
        (README.replace("## Installation", "Installation"), "installation"),
        (README.replace("## Usage", "```\n## Usage\n```"), "usage"),
        (README.replace("## Contributing", "##Contributing"), "contributing"),
    ],
    ids=[
        "synonyms-accepted",
        "no-license",
        "plain-text-not-heading",
        "heading-inside-code-block",
        "no-space-after-hashes",
    ],
)
def test_check_readme_sections(tmp_path: Path, readme: str, missing: str | None) -> None:
    repo = tmp_path / "r"
    write(repo, "README.md", readme)
    finding = check_readme(repo)
    if missing is None:
        assert finding.ok, f"synonyms such as 'Getting started' and 'Examples' should count, got {finding}"
    else:
        assert not finding.ok and missing in finding.message, (
            f"the finding should report {missing!r} missing: {finding}"
        )


@pytest.mark.parametrize(
    "readme",
    ["## Installation\n## Usage\n## Contributing\n## License\n", ""],
    ids=["no-title", "empty"],
)
def test_check_readme_needs_a_title(tmp_path: Path, readme: str) -> None:
    repo = tmp_path / "r"
    write(repo, "README.md", readme)
    finding = check_readme(repo)
    assert not finding.ok and finding.check == "readme", f"a README without a '# Title' first should fail: {finding}"


def test_contributing_must_explain_tests(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    write(repo, ".github/CONTRIBUTING.md", "# Contributing\n\nBe nice.\n")
    finding = check_contributing(repo)
    assert not finding.ok and ".github/CONTRIBUTING.md" in finding.message, (
        f"a CONTRIBUTING without a word about tests should fail and name the file, got {finding}"
    )
    write(repo, ".github/CONTRIBUTING.md", "# Contributing\n\nRun `make test`.\n")
    assert check_contributing(repo).ok, "mentioning how to run the tests should pass"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Email security@example.org with details.", True),
        ("Use https://github.com/acme/linkshelf/security/advisories/new", True),
        ("Please open a public issue.", False),
        ("Contact us at security at example dot org.", False),
    ],
)
def test_security_and_conduct_need_a_contact(tmp_path: Path, text: str, ok: bool) -> None:
    repo = tmp_path / "r"
    write(repo, "SECURITY.md", f"# Security policy\n\n{text}\n")
    write(repo, "docs/code_of_conduct.md", f"# Code of conduct\n\n{text}\n")
    for finding in (check_security_policy(repo), check_code_of_conduct(repo)):
        assert finding.ok is ok, f"with the text {text!r}, {finding.check} should have ok={ok}, got {finding}"


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"bug.md": "name: Bug\nabout: x\n"}, "bug.md"),
        ({"bug.md": "---\nname: Bug report\n---\nbody"}, "about"),
        ({"bug.md": "---\nname: [unclosed\nabout: x\n---\n"}, "bug.md"),
        ({"bug.md": "---\nname: Bug\nabout: x\n"}, "bug.md"),
        ({"feature.yml": "name: Feature\ndescription: Idea\nbody: []\n"}, "body"),
        ({"feature.yaml": "- just\n- a list\n"}, "feature.yaml"),
        ({"config.yml": "blank_issues_enabled: false\n"}, "no issue templates"),
        ({}, "no issue templates"),
    ],
    ids=[
        "md-without-front-matter",
        "md-missing-about",
        "md-invalid-yaml",
        "md-front-matter-not-closed",
        "form-empty-body",
        "form-not-a-mapping",
        "only-config",
        "empty-folder",
    ],
)
def test_issue_template_problems(tmp_path: Path, files: dict[str, str], problem: str) -> None:
    repo = tmp_path / "r"
    (repo / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    if problem != "no issue templates":
        write(repo, ".github/ISSUE_TEMPLATE/ok.md", BUG_TEMPLATE)
    for name, text in files.items():
        write(repo, f".github/ISSUE_TEMPLATE/{name}", text)
    finding = check_issue_templates(repo)
    assert not finding.ok and problem in finding.message, (
        f"check_issue_templates should fail and mention {problem!r}, got {finding}"
    )


def test_valid_issue_templates_are_counted(tmp_path: Path) -> None:
    repo = healthy_repo(tmp_path)
    write(repo, ".github/ISSUE_TEMPLATE/notes.txt", "not a template, ignored")
    finding = check_issue_templates(repo)
    assert finding.ok and finding.message == "2 valid issue template(s)", (
        f"bug.md and feature.yml are templates (config.yml and .txt are not), got {finding}"
    )
