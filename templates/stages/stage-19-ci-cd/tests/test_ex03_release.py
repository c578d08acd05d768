"""Tests for ex03: next semantic version and changelog from Conventional Commits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from practice.release import Commit, bump_kind, next_version, parse_commit, prepend_changelog, render_changelog

DAY = dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    ("message", "want"),
    [
        ("feat: add CSV export", Commit("feat", None, "add CSV export")),
        ("fix(auth): refresh expired tokens", Commit("fix", "auth", "refresh expired tokens")),
        ("FIX(api): trailing spaces   ", Commit("fix", "api", "trailing spaces")),
        (
            "docs: explain \u00e9t\u00e9 r\u00e9sum\u00e9 \U0001f680",
            Commit("docs", None, "explain \u00e9t\u00e9 r\u00e9sum\u00e9 \U0001f680"),
        ),
        (
            "feat(api)!: drop the v1 endpoints",
            Commit("feat", "api", "drop the v1 endpoints", True, "drop the v1 endpoints"),
        ),
        ("chore!: require Python 3.11", Commit("chore", None, "require Python 3.11", True, "require Python 3.11")),
        ("  \n\nperf: cache the menu\r\n\r\nBody text.\r\n", Commit("perf", None, "cache the menu")),
    ],
    ids=["feat", "scope", "upper-type", "unicode", "bang-scope", "bang-chore", "crlf-and-blank-lines"],
)
def test_parse_commit_header(message: str, want: Commit) -> None:
    got = parse_commit(message)
    assert got == want, f"parse_commit({message!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   \n",
        "Update readme",
        "feat:no space",
        "feat: ",
        "feat(): empty scope",
        "feat(a b): spaces",
        "feat (api): x",
        "fix!:x",
        "\u00e9t\u00e9: x",
        "feat(api: unclosed",
        "Merge branch 'main' into feature",
    ],
)
def test_parse_commit_rejects_non_conventional_messages(message: str) -> None:
    with pytest.raises(ValueError):
        parse_commit(message)


def test_breaking_change_footer_with_continuation_lines() -> None:
    message = (
        "refactor(db): split the users table\n"
        "\n"
        "Profiles now live in their own table.\n"
        "\n"
        "BREAKING CHANGE: the users.bio column is gone,\n"
        "  read profiles.bio instead\n"
        "Refs #123\n"
    )
    got = parse_commit(message)
    want = Commit(
        "refactor", "db", "split the users table", True, "the users.bio column is gone, read profiles.bio instead"
    )
    assert got == want, f"the footer note should span its continuation line and stop at 'Refs #123', got {got!r}"


@pytest.mark.parametrize(
    ("footer", "breaking"),
    [
        ("BREAKING CHANGE: config keys renamed", True),
        ("BREAKING-CHANGE: config keys renamed", True),
        ("breaking change: config keys renamed", False),
        ("BREAKING CHANGES: config keys renamed", False),
        ("Reviewed-by: Ana", False),
    ],
)
def test_breaking_footer_spelling(footer: str, breaking: bool) -> None:
    got = parse_commit(f"fix: small thing\n\n{footer}")
    assert got.breaking is breaking, f"footer {footer!r} should make breaking={breaking}, got {got!r}"
    want_note = "config keys renamed" if breaking else None
    assert got.breaking_note == want_note, f"breaking_note should be {want_note!r}, got {got.breaking_note!r}"


def test_footer_note_wins_over_bang_description() -> None:
    got = parse_commit("feat!: new login\n\nBREAKING CHANGE: sessions are invalidated")
    assert (got.breaking, got.breaking_note) == (True, "sessions are invalidated"), (
        f"with both '!' and a footer, the footer text is the note, got {got!r}"
    )


@pytest.mark.parametrize(
    ("types", "want"),
    [
        ([], None),
        (["docs", "chore", "ci"], None),
        (["fix"], "patch"),
        (["perf", "docs"], "patch"),
        (["fix", "feat", "fix"], "minor"),
        (["fix", "feat!"], "major"),
    ],
)
def test_bump_kind(types: list[str], want: str | None) -> None:
    commits = [Commit(t.rstrip("!"), None, "x", t.endswith("!"), "x" if t.endswith("!") else None) for t in types]
    got = bump_kind(commits)
    assert got == want, f"bump_kind for {types!r} should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("current", "messages", "want"),
    [
        ("1.4.2", ["fix: a"], "1.4.3"),
        ("1.4.2", ["fix: a", "feat: b"], "1.5.0"),
        ("1.4.2", ["feat: b", "fix(x)!: c"], "2.0.0"),
        ("1.4.2", ["fix: a\n\nBREAKING CHANGE: gone"], "2.0.0"),
        ("v2.9.9", ["feat: b"], "v2.10.0"),
        ("0.4.2", ["feat!: new API"], "0.5.0"),
        ("0.4.2", ["feat: b"], "0.5.0"),
        ("0.4.2", ["fix: a"], "0.4.3"),
        ("0.0.0", ["perf: faster"], "0.0.1"),
        ("1.0.0", ["docs: typo", "chore: deps", "WIP", "Merge pull request #4"], None),
        ("1.0.0", [], None),
        ("1.0.0", ["Update things", "fix: real fix"], "1.0.1"),
    ],
    ids=[
        "fix",
        "feat",
        "breaking",
        "footer",
        "v-prefix",
        "zero-breaking",
        "zero-feat",
        "zero-fix",
        "zero-zero",
        "nothing",
        "no-commits",
        "ignores-junk",
    ],
)
def test_next_version(current: str, messages: list[str], want: str | None) -> None:
    got = next_version(current, messages)
    assert got == want, f"next_version({current!r}, {messages!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "current",
    ["", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "V1.2.3", "1.2.3-rc.1", "1.2.3+build", " 1.2.3", "\u0661.2.3"],
)
def test_next_version_rejects_bad_versions(current: str) -> None:
    with pytest.raises(ValueError):
        next_version(current, ["fix: a"])


def test_render_changelog_groups_by_type() -> None:
    messages = [
        "feat(auth): log in with passkeys",
        "fix: keep the cart after login",
        "docs: update README",
        "feat(api)!: remove the v1 endpoints\n\nBREAKING CHANGE: the v1 endpoints are gone",
        "not conventional at all",
        "perf: cache product pages",
        "feat: export invoices as CSV",
    ]
    got = render_changelog("2.0.0", DAY, messages)
    want = (
        "## 2.0.0 (2024-05-01)\n"
        "\n"
        "### BREAKING CHANGES\n"
        "\n"
        "- **api:** the v1 endpoints are gone\n"
        "\n"
        "### Features\n"
        "\n"
        "- **auth:** log in with passkeys\n"
        "- **api:** remove the v1 endpoints\n"
        "- export invoices as CSV\n"
        "\n"
        "### Bug Fixes\n"
        "\n"
        "- keep the cart after login\n"
        "\n"
        "### Performance Improvements\n"
        "\n"
        "- cache product pages\n"
    )
    assert got == want, f"render_changelog gave:\n{got}\nwant:\n{want}"


def test_render_changelog_leaves_out_empty_sections_and_handles_nothing() -> None:
    got = render_changelog("1.0.1", DAY, ["fix: \u00fcml\u00e4ut in names", "chore: bump deps"])
    want = "## 1.0.1 (2024-05-01)\n\n### Bug Fixes\n\n- \u00fcml\u00e4ut in names\n"
    assert got == want, f"only the Bug Fixes section should appear, got:\n{got!r}"
    got = render_changelog("1.0.1", DAY, ["chore: bump deps"])
    want = "## 1.0.1 (2024-05-01)\n\nNo notable changes.\n"
    assert got == want, f"with no entries the body is 'No notable changes.', got {got!r}"


def test_prepend_changelog_creates_and_prepends(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    first = "## 1.0.0 (2024-04-01)\n\n### Features\n\n- first release \u2728\n"
    prepend_changelog(path, first)
    got = path.read_text(encoding="utf-8")
    assert got == "# Changelog\n\n" + first, (
        f"a new file should be the title, a blank line and the section, got {got!r}"
    )
    second = "## 1.0.1 (2024-05-01)\n\n### Bug Fixes\n\n- a fix\n"
    prepend_changelog(path, second)
    got = path.read_text(encoding="utf-8")
    want = "# Changelog\n\n" + second + "\n" + first
    assert got == want, f"the newest section goes on top, one blank line between sections; got {got!r}"


def test_prepend_changelog_refuses_duplicates_and_foreign_files(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Changelog\n\n\n\n## 1.0.0 (2024-04-01)\n\n- old\n", encoding="utf-8")
    with pytest.raises(ValueError):
        prepend_changelog(path, "## 1.0.0 (2024-04-01)\n\n- again\n")
    prepend_changelog(path, "## 1.1.0 (2024-05-01)\n\n- new\n")
    got = path.read_text(encoding="utf-8")
    want = "# Changelog\n\n## 1.1.0 (2024-05-01)\n\n- new\n\n## 1.0.0 (2024-04-01)\n\n- old\n"
    assert got == want, f"extra blank lines after the title should collapse, got {got!r}"
    other = tmp_path / "NOTES.md"
    other.write_text("# Release notes\n", encoding="utf-8")
    with pytest.raises(ValueError):
        prepend_changelog(other, "## 1.0.0 (2024-04-01)\n\n- x\n")
    assert other.read_text(encoding="utf-8") == "# Release notes\n", "a refused file must be left unchanged"
