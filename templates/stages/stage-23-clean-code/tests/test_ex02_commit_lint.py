"""Tests for ex02: a Conventional Commits linter with line-numbered findings."""

from __future__ import annotations

from typing import Any

import pytest
from practice.commit_lint import CommitMessage, Finding, lint_commit_message, parse_commit


def codes(message: str, **kwargs: Any) -> list[tuple[int, str]]:
    return [(finding.line, finding.code) for finding in lint_commit_message(message, **kwargs)]


GOOD_MESSAGES = [
    "feat: add login throttling",
    "fix(api): return 404 for unknown orders",
    "feat(auth)!: drop the legacy session cookie\n\n"
    "Clients must log in again.\n\nBREAKING CHANGE: old cookies are ignored",
    "docs: explain API keys\n\nSee https://example.com/a/very/long/url/that/goes/on/and/on/and/on/and/on/and/on/and/on/and/on/x\n",
    "# Please enter the commit message\nrefactor(db-pool): extract connection settings\n\n"
    "# comment in the body\nBody.\n\n\n",
    "chore: bump ruff to 0.6\n\nRefs #123\nReviewed-by: Ana Lima <ana@example.com>",
    "perf: speed up the OAuth callback",
]


@pytest.mark.parametrize("message", GOOD_MESSAGES)
def test_good_messages_have_no_findings(message: str) -> None:
    got = lint_commit_message(message)
    assert got == [], f"expected no findings for {message!r}, got {got!r}"
    assert parse_commit(message).type, "parse_commit should accept every good message"


@pytest.mark.parametrize(
    ("message", "want"),
    [
        ("", [(1, "empty")]),
        ("# only a comment\n\n", [(1, "empty")]),
        ("add login", [(1, "header-format")]),
        ("feat:add login", [(1, "header-format")]),
        ("feat (api): add login", [(1, "header-format")]),
        ("Feat: add login", [(1, "type-case")]),
        ("feature: add login", [(1, "type-unknown")]),
        ("FEATURE: add login", [(1, "type-case"), (1, "type-unknown")]),
        ("feat(): add login", [(1, "scope-format")]),
        ("feat(User Auth): add login", [(1, "scope-format")]),
        ("feat: ", [(1, "subject-empty")]),
        ("feat: Add login", [(1, "subject-case")]),
        ("feat: add login.", [(1, "subject-period")]),
        ("fix: fixed the crash", [(1, "subject-mood")]),
        ("fix: Fixes crash.", [(1, "subject-case"), (1, "subject-mood"), (1, "subject-period")]),
        ("feat: adding retries", [(1, "subject-mood")]),
        ("refactor: simplified parser", [(1, "subject-mood")]),
        ("feat: " + "x" * 70, [(1, "header-too-long")]),
    ],
)
def test_header_rules(message: str, want: list[tuple[int, str]]) -> None:
    got = codes(message)
    assert got == want, f"lint_commit_message({message!r}) findings (line, code): want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "subject",
    ["bring back the cache", "update string handling", "set API timeouts", "use SSE for pings", "add 2FA"],
)
def test_mood_heuristic_has_no_false_positives(subject: str) -> None:
    got = codes(f"feat: {subject}")
    assert got == [], f"{subject!r} is imperative and must not be reported, got {got!r}"


@pytest.mark.parametrize(
    ("message", "want"),
    [
        ("feat: add login\nmore text", [(2, "body-leading-blank")]),
        ("feat: add login\n\n" + "y" * 101, [(3, "line-too-long")]),
        ("feat: add login\n\nok\n\nBREAKING CHANGE:", [(5, "breaking-change-empty")]),
        ("feat: add login\n\nok\n\nBreaking change: old API removed", [(5, "breaking-change-format")]),
        ("feat: add login\n\nBREAKING CHANGES: x", [(3, "breaking-change-format")]),
        ("# hi\n# there\nfeat: Add login\nbody", [(3, "subject-case"), (4, "body-leading-blank")]),
    ],
)
def test_body_and_footer_rules_with_original_line_numbers(message: str, want: list[tuple[int, str]]) -> None:
    got = codes(message)
    assert got == want, f"lint_commit_message({message!r}) findings (line, code): want {want!r}, got {got!r}"


def test_options_change_the_limits_and_types() -> None:
    got = codes("wip: add login", types=("wip",))
    assert got == [], f"types=('wip',) should allow 'wip', got {got!r}"
    got = codes("feat: add login", max_subject=10)
    assert got == [(1, "header-too-long")], f"max_subject=10 should flag a 15-character header, got {got!r}"
    got = codes("feat: add login\n\n" + "z" * 60, max_line=50)
    assert got == [(3, "line-too-long")], f"max_line=50 should flag a 60-character line, got {got!r}"


def test_findings_are_sorted_and_carry_messages() -> None:
    got = lint_commit_message("Fix(API): Fixed it.\nno blank line")
    assert [(f.line, f.code) for f in got] == sorted((f.line, f.code) for f in got), "findings must be sorted"
    assert {f.code for f in got} >= {"type-case", "scope-format", "subject-case", "subject-mood", "body-leading-blank"}
    assert all(isinstance(f, Finding) and f.message for f in got), f"every finding needs a human message: {got!r}"


def test_parse_commit_splits_header_body_and_footers() -> None:
    message = (
        "feat(api)!: add cursor pagination\n"
        "\n"
        "Offsets were slow on big tables.\n"
        "\n"
        "Cursors are opaque strings.\n"
        "\n"
        "Refs #42\n"
        "BREAKING CHANGE: the page parameter is gone\n"
    )
    got = parse_commit(message)
    want = CommitMessage(
        type="feat",
        scope="api",
        breaking=True,
        subject="add cursor pagination",
        body="Offsets were slow on big tables.\n\nCursors are opaque strings.",
        footers=(("Refs", "42"), ("BREAKING CHANGE", "the page parameter is gone")),
    )
    assert got == want, f"parse_commit:\nwant {want!r}\ngot  {got!r}"


@pytest.mark.parametrize(
    ("message", "breaking", "footers", "body"),
    [
        ("fix: a", False, (), ""),
        ("fix!: a", True, (), ""),
        ("fix: a\n\nBREAKING-CHANGE: b", True, (("BREAKING-CHANGE", "b"),), ""),
        ("fix: a\n\nplain body\nSigned-off-by: me", False, (), "plain body\nSigned-off-by: me"),
        ("fix: a\n\nAcked-by: Bo", False, (("Acked-by", "Bo"),), ""),
    ],
)
def test_parse_commit_breaking_and_footer_detection(
    message: str, breaking: bool, footers: tuple[tuple[str, str], ...], body: str
) -> None:
    got = parse_commit(message)
    assert (got.breaking, got.footers, got.body) == (breaking, footers, body), (
        f"parse_commit({message!r}): want breaking={breaking}, footers={footers!r}, body={body!r}; got {got!r}"
    )


@pytest.mark.parametrize("message", ["", "# just a comment", "no type here", "feat:missing space"])
def test_parse_commit_rejects_bad_headers(message: str) -> None:
    with pytest.raises(ValueError):
        parse_commit(message)
