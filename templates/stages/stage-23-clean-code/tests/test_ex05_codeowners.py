"""Tests for ex05: CODEOWNERS patterns, last-match-wins ownership and review plans."""

from __future__ import annotations

import pytest
from practice.codeowners import CodeownersError, ReviewPlan, owners_for, parse_codeowners, pattern_to_regex, review_plan

CODEOWNERS = """\
# Default owners for everything
*                   @acme/platform

# Frontend
*.js                @acme/web  # JavaScript anywhere
/docs/              @docs-team dev@example.com
apps/               @ana
/build/logs/        @ops
docs/*              @writers
**/migrations       @acme/dba
/src/payments/      @acme/payments @bo
/src/payments/README.md
"""


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        ("*", ["a", "src/app.py", "x/y/z.txt"], []),
        ("*.js", ["app.js", "src/ui/app.js"], ["app.jsx", "src/app.js.map"]),
        ("/docs/", ["docs/index.md", "docs/api/v1.md"], ["src/docs/a.md", "docs"]),
        ("apps/", ["apps/a.js", "x/apps/b/c.js"], ["apps", "myapps/a.js"]),
        ("docs/*", ["docs/getting-started.md"], ["docs/build-app/troubleshooting.md", "x/docs/a.md"]),
        ("**/logs", ["logs/a.txt", "deploy/logs/b.txt", "a/b/logs"], ["catlogs/a", "logs.txt"]),
        ("/apps/github", ["apps/github", "apps/github/x.py"], ["apps/github2", "x/apps/github"]),
        ("apps/**/test_*.py", ["apps/test_a.py", "apps/x/y/test_b.py"], ["apps/x/a_test.py", "lib/apps/test_a.py"]),
        ("src/?.py", ["src/a.py"], ["src/ab.py", "src/a/b.py"]),
        ("Makefile", ["Makefile", "tools/Makefile"], ["Makefile.am", "makefile"]),
    ],
)
def test_pattern_to_regex(pattern: str, matches: list[str], misses: list[str]) -> None:
    regex = pattern_to_regex(pattern)
    for path in matches:
        assert regex.fullmatch(path), f"pattern {pattern!r} should match {path!r} (regex {regex.pattern!r})"
    for path in misses:
        assert not regex.fullmatch(path), f"pattern {pattern!r} must not match {path!r} (regex {regex.pattern!r})"


@pytest.mark.parametrize("pattern", ["!docs/", "[abc].js", "\\#notes", "", "/"])
def test_pattern_to_regex_rejects_unsupported_syntax(pattern: str) -> None:
    with pytest.raises(ValueError):
        pattern_to_regex(pattern)


def test_parse_codeowners_reads_rules_in_order() -> None:
    rules = parse_codeowners(CODEOWNERS)
    got = [(rule.line, rule.pattern, rule.owners) for rule in rules]
    want = [
        (2, "*", ("@acme/platform",)),
        (5, "*.js", ("@acme/web",)),
        (6, "/docs/", ("@docs-team", "dev@example.com")),
        (7, "apps/", ("@ana",)),
        (8, "/build/logs/", ("@ops",)),
        (9, "docs/*", ("@writers",)),
        (10, "**/migrations", ("@acme/dba",)),
        (11, "/src/payments/", ("@acme/payments", "@bo")),
        (12, "/src/payments/README.md", ()),
    ]
    assert got == want, f"parse_codeowners:\nwant {want}\ngot  {got}"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("* @ok\n!secret @a\n", 2),
        ("\n\n*.py alice\n", 3),
        ("*.py @-bad\n", 1),
        ("*.py @ok @org/team/extra\n", 1),
        ("# c\n[ab].py @a\n", 2),
    ],
)
def test_parse_codeowners_reports_bad_lines(text: str, line: int) -> None:
    with pytest.raises(CodeownersError, match=f"^line {line}:"):
        parse_codeowners(text)
    assert issubclass(CodeownersError, ValueError), "CodeownersError should subclass ValueError"


@pytest.mark.parametrize(
    ("path", "owners"),
    [
        ("README.md", ("@acme/platform",)),
        ("src/ui/app.js", ("@acme/web",)),
        ("docs/index.md", ("@writers",)),
        ("docs/api/v1.md", ("@docs-team", "dev@example.com")),
        ("services/apps/main.py", ("@ana",)),
        ("apps/web/app.js", ("@ana",)),
        ("build/logs/today.log", ("@ops",)),
        ("db/migrations/0001.sql", ("@acme/dba",)),
        ("src/payments/charge.py", ("@acme/payments", "@bo")),
        ("src/payments/README.md", ()),
        ("/src/payments/refund.py", ("@acme/payments", "@bo")),
    ],
)
def test_last_matching_rule_wins(path: str, owners: tuple[str, ...]) -> None:
    got = owners_for(parse_codeowners(CODEOWNERS), path)
    assert got == owners, f"owners_for({path!r}) should be {owners} (the LAST matching rule), got {got}"


def test_no_rules_means_no_owners() -> None:
    assert owners_for(parse_codeowners("# nothing\n\n"), "a.py") == (), "without rules nobody owns anything"


def test_review_plan() -> None:
    rules = parse_codeowners(CODEOWNERS)
    changed = ["src/payments/charge.py", "src/ui/app.js", "src/payments/README.md", "src/ui/app.js", "setup.cfg"]
    got = review_plan(rules, changed)
    want = ReviewPlan(
        reviewers={
            "@acme/payments": ("src/payments/charge.py",),
            "@acme/platform": ("setup.cfg",),
            "@acme/web": ("src/ui/app.js",),
            "@bo": ("src/payments/charge.py",),
        },
        unowned=("src/payments/README.md",),
    )
    assert got == want, f"review_plan:\nwant {want}\ngot  {got}"
    assert list(got.reviewers) == sorted(got.reviewers), "owners should be in sorted order"
    assert review_plan(rules, []) == ReviewPlan({}, ()), "no changes need no reviewers"
