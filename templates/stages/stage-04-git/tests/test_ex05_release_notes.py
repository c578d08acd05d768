"""ex05: release notes from Conventional Commits between the last tag and HEAD."""

from __future__ import annotations

import pytest
from conftest import Sandbox

from practice.history import Commit
from practice.release_notes import Change, latest_tag, parse_subject, release_notes, render_notes
from practice.repository import GitError, Repo


@pytest.mark.parametrize(
    ("subject", "want"),
    [
        ("feat: add CSV export", Change("feat", None, False, "add CSV export")),
        ("fix(api): handle an empty body", Change("fix", "api", False, "handle an empty body")),
        ("feat(auth)!: drop the v1 tokens", Change("feat", "auth", True, "drop the v1 tokens")),
        ("refactor!: rename settings", Change("refactor", None, True, "rename settings")),
        ("Docs(README): fix typo", Change("docs", "README", False, "fix typo")),
        ("  fix: trim me  ", Change("fix", None, False, "trim me")),
        ("fix: caf\u00e9 names \u2615", Change("fix", None, False, "caf\u00e9 names \u2615")),
        ("chore(deps): bump x: 1.2 -> 1.3", Change("chore", "deps", False, "bump x: 1.2 -> 1.3")),
        ("Merge branch 'feature'", None),
        ("feat:no space", None),
        ("feat(): empty scope", None),
        ("feat(a b): space in scope", None),
        ("fix: ", None),
        ("feat2: digits in type", None),
        ("", None),
    ],
)
def test_parse_subject(subject: str, want: Change | None) -> None:
    got = parse_subject(subject)
    assert got == want, f"parse_subject({subject!r}) should be {want!r}, got {got!r}"


def commit(number: int, subject: str, parents: int = 1) -> Commit:
    sha = f"{number:x}".rjust(7, "0") + "f" * 33
    return Commit(sha, tuple("e" * 40 for _ in range(parents)), "Ada", "ada@example.com", 1700000000 + number, subject)


def test_render_notes_layout() -> None:
    commits = [  # newest first, as read_log returns them
        commit(8, "docs(readme): explain setup"),
        commit(7, "Merge branch 'feature'", parents=2),
        commit(6, "fix: handle an empty body"),
        commit(5, "update the logo"),
        commit(4, "feat(auth)!: drop the v1 tokens"),
        commit(3, "feat: add CSV export"),
        commit(2, "fix(api): retry on 503"),
        commit(1, "feat(api): add pagination"),
    ]
    want = (
        "## v1.2.0\n"
        "\n"
        "### Breaking changes\n"
        "- **auth:** drop the v1 tokens (0000004)\n"
        "\n"
        "### Features\n"
        "- **api:** add pagination (0000001)\n"
        "- add CSV export (0000003)\n"
        "\n"
        "### Fixes\n"
        "- **api:** retry on 503 (0000002)\n"
        "- handle an empty body (0000006)\n"
        "\n"
        "### Other\n"
        "- update the logo (0000005)\n"
        "- docs(readme): explain setup (0000008)\n"
    )
    got = render_notes("v1.2.0", commits)
    assert got == want, f"render_notes layout\n--- want ---\n{want}--- got ---\n{got}"


@pytest.mark.parametrize(
    ("commits", "want"),
    [
        ([], "## v0.1.0\n\nNo changes.\n"),
        ([commit(1, "Merge pull request #1", parents=2)], "## v0.1.0\n\nNo changes.\n"),
        ([commit(1, "fix: one thing")], "## v0.1.0\n\n### Fixes\n- one thing (0000001)\n"),
        ([commit(10, "chore: tidy")], "## v0.1.0\n\n### Other\n- chore: tidy (000000a)\n"),
    ],
    ids=["nothing", "only-a-merge", "one-fix", "one-chore"],
)
def test_render_notes_small_cases(commits: list[Commit], want: str) -> None:
    got = render_notes("v0.1.0", commits)
    assert got == want, f"render_notes\n--- want ---\n{want}--- got ---\n{got}"


def test_latest_tag(sandbox: Sandbox) -> None:
    repo = Repo(sandbox.path, env=sandbox.env)
    assert latest_tag(repo) is None, "a repository without commits has no tag"
    sandbox.commit("feat: one", {"a.txt": "1\n"})
    assert latest_tag(repo) is None, "no tag yet"
    sandbox.git("tag", "--annotate", "v0.1.0", "--message", "first release")
    sandbox.commit("fix: two", {"a.txt": "2\n"})
    assert latest_tag(repo) == "v0.1.0", "an annotated tag behind HEAD"
    sandbox.commit("feat: three", {"a.txt": "3\n"})
    sandbox.git("tag", "v0.2.0")
    sandbox.commit("docs: four", {"a.txt": "4\n"})
    assert latest_tag(repo) == "v0.2.0", "lightweight tags count too, and the nearest one wins"


def test_release_notes_since_the_last_tag(sandbox: Sandbox) -> None:
    sandbox.commit("feat: first feature", {"a.txt": "1\n"})
    sandbox.git("tag", "v1.0.0")
    fix = sandbox.commit("fix: crash on start", {"a.txt": "2\n"})
    feat = sandbox.commit("feat(cli): add --json", {"a.txt": "3\n"})
    repo = Repo(sandbox.path, env=sandbox.env)
    want = f"## v1.1.0\n\n### Features\n- **cli:** add --json ({feat[:7]})\n\n### Fixes\n- crash on start ({fix[:7]})\n"
    got = release_notes(repo, "v1.1.0")
    assert got == want, f"only commits after v1.0.0\n--- want ---\n{want}--- got ---\n{got}"
    assert release_notes(repo, "v1.1.0", since="v1.0.0") == want, "since='v1.0.0' gives the same notes"
    only_fix = release_notes(repo, "v1.0.1", since="v1.0.0", until=fix)
    assert only_fix == f"## v1.0.1\n\n### Fixes\n- crash on start ({fix[:7]})\n", (
        f"until= limits the range: {only_fix!r}"
    )


def test_release_notes_without_tags_cover_everything(sandbox: Sandbox) -> None:
    first = sandbox.commit("feat: hello", {"a.txt": "1\n"})
    second = sandbox.commit("initial docs", {"b.txt": "2\n"})
    repo = Repo(sandbox.path, env=sandbox.env)
    want = f"## v0.1.0\n\n### Features\n- hello ({first[:7]})\n\n### Other\n- initial docs ({second[:7]})\n"
    got = release_notes(repo, "v0.1.0")
    assert got == want, f"no tag: the whole history\n--- want ---\n{want}--- got ---\n{got}"
    with pytest.raises(GitError):
        release_notes(repo, "v9", since="v-does-not-exist")
