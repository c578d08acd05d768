"""Tests for ex03: Conventional Commits, git history and Keep a Changelog release notes.

The git repositories are created in tmp_path with an isolated identity and
configuration, so your own ~/.gitconfig never changes the results.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from practice.changelog import (
    ChangelogError,
    Commit,
    ConventionalCommit,
    next_version,
    parse_commit,
    read_git_log,
    release_notes,
    render_release,
)

REPO_URL = "https://github.com/acme/linkshelf"


class GitRepo:
    """A throwaway repository whose commits get increasing, fixed timestamps."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tick = 0
        home = path.parent / "home"
        home.mkdir(exist_ok=True)
        base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        self.env = {
            **base,
            "HOME": str(home),
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CEILING_DIRECTORIES": str(path.parent),
            "GIT_AUTHOR_NAME": "Test Maintainer",
            "GIT_AUTHOR_EMAIL": "maintainer@example.org",
            "GIT_COMMITTER_NAME": "Test Maintainer",
            "GIT_COMMITTER_EMAIL": "maintainer@example.org",
        }
        path.mkdir()
        self.git("init", "-q")
        self.git("checkout", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        stamp = f"2024-05-01T12:{self.tick // 60:02d}:{self.tick % 60:02d}+00:00"
        env = {**self.env, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        proc = subprocess.run(
            ["git", *args], cwd=self.path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=15
        )
        assert proc.returncode == 0, f"test setup: git {' '.join(args)} failed: {proc.stderr}"
        return proc.stdout.strip()

    def commit(self, subject: str, body: str = "") -> str:
        self.tick += 1
        args = ["commit", "-q", "--allow-empty", "-m", subject]
        if body:
            args += ["-m", body]
        self.git(*args)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """An empty git repository on branch main."""
    return GitRepo(tmp_path / "project")


def cc(type_: str, description: str, **kwargs: object) -> ConventionalCommit:
    fields: dict[str, object] = {
        "sha": "0" * 40,
        "type": type_,
        "scope": None,
        "description": description,
        "breaking": False,
        "breaking_note": None,
        "issues": (),
        "footers": (),
    }
    fields.update(kwargs)
    return ConventionalCommit(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("subject", "want"),
    [
        ("feat: add tags to bookmarks", ("feat", None, "add tags to bookmarks", False, ())),
        ("fix(api): handle an empty body", ("fix", "api", "handle an empty body", False, ())),
        ("feat(auth)!: drop md5 password hashes", ("feat", "auth", "drop md5 password hashes", True, ())),
        ("Fix(Parser): trailing comma in lists (#42)", ("fix", "Parser", "trailing comma in lists", False, (42,))),
        ("docs: explain café-style naming", ("docs", None, "explain café-style naming", False, ())),
    ],
)
def test_parse_conventional_headers(subject: str, want: tuple[object, ...]) -> None:
    parsed = parse_commit(Commit("abc123", subject))
    assert parsed is not None, f"{subject!r} is a Conventional Commit header; parse_commit returned None"
    got = (parsed.type, parsed.scope, parsed.description, parsed.breaking, parsed.issues)
    assert got == want, (
        f"parse_commit({subject!r}) -> (type, scope, description, breaking, issues) should be {want}, got {got}"
    )
    assert parsed.sha == "abc123", "the sha must be carried over"


@pytest.mark.parametrize(
    "subject",
    ["Update README", "feat:missing space", "feat(): empty scope", "WIP", "", 'Revert "feat: add tags"', "fix : space"],
)
def test_non_conventional_subjects_give_none(subject: str) -> None:
    got = parse_commit(Commit("abc123", subject))
    assert got is None, f"{subject!r} is not a Conventional Commit header; parse_commit should return None, got {got!r}"


def test_footers_breaking_changes_and_issue_references() -> None:
    body = (
        "Tokens used to live forever, which was a security problem.\n"
        "\n"
        "BREAKING CHANGE: tokens now expire after one hour\n"
        "Refs: #12, #15\n"
        "Closes #7\n"
        "Signed-off-by: Ann Example <ann@example.org>"
    )
    parsed = parse_commit(Commit("f00d", "feat(auth): expiring tokens", body))
    assert parsed is not None and parsed.breaking, f"a BREAKING CHANGE footer makes the commit breaking, got {parsed!r}"
    assert parsed.breaking_note == "tokens now expire after one hour", f"breaking_note wrong: {parsed.breaking_note!r}"
    assert parsed.issues == (7, 12, 15), (
        f"issues should be collected from footers, sorted: (7, 12, 15), got {parsed.issues!r}"
    )
    want_footers = (
        ("BREAKING CHANGE", "tokens now expire after one hour"),
        ("Refs", "#12, #15"),
        ("Closes", "#7"),
        ("Signed-off-by", "Ann Example <ann@example.org>"),
    )
    assert parsed.footers == want_footers, f"footers should be {want_footers!r}, got {parsed.footers!r}"


def test_a_prose_paragraph_is_not_a_footer_block() -> None:
    body = "Note: this explains the change\nand continues on a second line without a token."
    parsed = parse_commit(Commit("f00d", "fix: keep order", body))
    assert parsed is not None and parsed.footers == (), (
        f"the last paragraph is only footers if EVERY line is one: {parsed!r}"
    )
    breaking = parse_commit(Commit("f00d", "fix: keep order", "BREAKING-CHANGE: order is now stable"))
    assert breaking is not None and breaking.breaking, "BREAKING-CHANGE (with a hyphen) is a synonym of BREAKING CHANGE"


@pytest.mark.parametrize(
    ("current", "types", "want"),
    [
        ("1.2.3", ["fix"], "1.2.4"),
        ("1.2.3", ["fix", "feat", "docs"], "1.3.0"),
        ("1.2.3", ["fix", "breaking"], "2.0.0"),
        ("0.4.1", ["breaking"], "0.5.0"),
        ("v2.0.9", ["perf"], "2.0.10"),
        ("1.2.3", ["docs", "chore", "test"], None),
        ("1.2.3", [], None),
    ],
)
def test_next_version(current: str, types: list[str], want: str | None) -> None:
    commits = [cc("feat", "x", breaking=True) if t == "breaking" else cc(t, "x") for t in types]
    got = next_version(current, commits)
    assert got == want, f"next_version({current!r}, {types}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("current", ["1.2", "1.2.3-rc.1", "latest"])
def test_next_version_rejects_unusual_versions(current: str) -> None:
    with pytest.raises(ValueError):
        next_version(current, [cc("fix", "x")])


def test_render_release_in_keep_a_changelog_format() -> None:
    commits = [
        cc("feat", "add tags to bookmarks", scope="api", issues=(12,)),
        cc("fix", "reject empty titles", issues=(3, 9)),
        cc("docs", "typo in README"),
        cc("perf", "load tags in one query"),
        cc("refactor", "remove the v1 token format", breaking=True, breaking_note="old tokens are rejected"),
        cc("chore", "drop Python 3.10", breaking=True),
        cc("security", "compare tokens in constant time"),
    ]
    got = render_release("2.0.0", "2024-05-01", commits, repo_url=REPO_URL + "/", previous="1.4.0")
    want = (
        "## [2.0.0] - 2024-05-01\n"
        "\n"
        "### Added\n"
        "\n"
        f"- **api:** add tags to bookmarks ([#12]({REPO_URL}/issues/12))\n"
        "\n"
        "### Changed\n"
        "\n"
        "- load tags in one query\n"
        "- **BREAKING:** remove the v1 token format\n"
        "  - old tokens are rejected\n"
        "- **BREAKING:** drop Python 3.10\n"
        "\n"
        "### Fixed\n"
        "\n"
        f"- reject empty titles ([#3]({REPO_URL}/issues/3), [#9]({REPO_URL}/issues/9))\n"
        "\n"
        "### Security\n"
        "\n"
        "- compare tokens in constant time\n"
        "\n"
        f"[2.0.0]: {REPO_URL}/compare/v1.4.0...v2.0.0\n"
    )
    assert got == want, f"render_release output should be exactly:\n{want}\n--- got ---\n{got}"


def test_render_release_without_notable_changes() -> None:
    got = render_release("1.0.1", "2024-05-02", [cc("docs", "x"), cc("ci", "y")], repo_url=REPO_URL)
    want = "## [1.0.1] - 2024-05-02\n\nNo notable changes.\n"
    assert got == want, f"a release with only docs/ci commits should render {want!r}, got {got!r}"


def test_read_git_log_newest_first_without_merges(repo: GitRepo) -> None:
    first = repo.commit("feat: first feature", "Some details.\n\nRefs: #1")
    repo.git("checkout", "-q", "-b", "topic")
    topic = repo.commit("fix: topic fix")
    repo.git("checkout", "-q", "main")
    third = repo.commit("docs: ünïcode in a subject")
    repo.tick += 1
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic")
    got = read_git_log(repo.path, env=repo.env)
    want = [
        Commit(third, "docs: ünïcode in a subject", ""),
        Commit(topic, "fix: topic fix", ""),
        Commit(first, "feat: first feature", "Some details.\n\nRefs: #1"),
    ]
    assert got == want, f"read_git_log should list non-merge commits newest first:\n{want!r}\ngot\n{got!r}"


def test_read_git_log_since_a_tag(repo: GitRepo) -> None:
    repo.commit("feat: old")
    repo.git("tag", "v1.0.0")
    newer = repo.commit("fix: new")
    got = [c.sha for c in read_git_log(repo.path, since="v1.0.0", env=repo.env)]
    assert got == [newer], f"since='v1.0.0' should return only commits after the tag, got {got}"


def test_read_git_log_errors(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("feat: something")
    with pytest.raises(ChangelogError) as info:
        read_git_log(repo.path, since="v9.9.9", env=repo.env)
    assert "v9.9.9" in str(info.value), f"the error should include git's message naming the ref, got {info.value}"
    plain = tmp_path / "not-a-repo"
    plain.mkdir()
    with pytest.raises(ChangelogError):
        read_git_log(plain, env=repo.env)


def test_release_notes_end_to_end(repo: GitRepo) -> None:
    repo.commit("feat: initial release")
    repo.git("tag", "v1.4.0")
    repo.commit("fix(api): reject empty titles (#31)")
    repo.commit("Update CONTRIBUTING")
    repo.commit("feat(api): add tag filter", "Closes #12")
    repo.commit("test: cover pagination")
    version, notes = release_notes(repo.path, previous_tag="v1.4.0", date="2024-05-01", repo_url=REPO_URL, env=repo.env)
    assert version == "1.5.0", f"a feat and a fix after v1.4.0 should release 1.5.0, got {version!r}"
    want = (
        "## [1.5.0] - 2024-05-01\n"
        "\n"
        "### Added\n"
        "\n"
        f"- **api:** add tag filter ([#12]({REPO_URL}/issues/12))\n"
        "\n"
        "### Fixed\n"
        "\n"
        f"- **api:** reject empty titles ([#31]({REPO_URL}/issues/31))\n"
        "\n"
        f"[1.5.0]: {REPO_URL}/compare/v1.4.0...v1.5.0\n"
    )
    assert notes == want, f"release notes should be exactly:\n{want}\n--- got ---\n{notes}"


def test_release_notes_refuses_an_empty_release(repo: GitRepo) -> None:
    repo.commit("feat: initial release")
    repo.git("tag", "v1.0.0")
    repo.commit("docs: polish")
    with pytest.raises(ChangelogError):
        release_notes(repo.path, previous_tag="v1.0.0", date="2024-05-01", repo_url=REPO_URL, env=repo.env)
