"""ex03: branches, merges, and reporting merge conflicts with the conflicting files."""

from __future__ import annotations

import pytest
from conftest import Sandbox

from practice.history import StatusEntry
from practice.merging import MergeResult, conflicted_paths, create_branch, merge, switch
from practice.repository import GitError, Repo


def repo_of(sandbox: Sandbox) -> Repo:
    return Repo(sandbox.path, env=sandbox.env)


def parents_of(sandbox: Sandbox, revision: str) -> list[str]:
    return sandbox.git("rev-list", "--parents", "-n", "1", revision).split()[1:]


def merge_in_progress(sandbox: Sandbox) -> bool:
    return (sandbox.path / ".git" / "MERGE_HEAD").exists()


def test_conflicted_paths() -> None:
    entries = [
        StatusEntry("U", "U", "src/app.py"),
        StatusEntry(" ", "M", "clean-change.txt"),
        StatusEntry("A", "A", "both-added.txt"),
        StatusEntry("?", "?", "untracked.txt"),
        StatusEntry("D", "U", "deleted-by-us.txt"),
        StatusEntry("U", "D", "deleted-by-them.txt"),
        StatusEntry("D", "D", "both-deleted.txt"),
        StatusEntry("M", "M", "staged-and-changed.txt"),
        StatusEntry("A", " ", "added.txt"),
    ]
    got = conflicted_paths(entries)
    want = ["both-added.txt", "both-deleted.txt", "deleted-by-them.txt", "deleted-by-us.txt", "src/app.py"]
    assert got == want, f"conflicted_paths should give {want}, got {got}"
    assert conflicted_paths([]) == [], "no entries, no conflicts"


def test_create_branch_does_not_switch(sandbox: Sandbox) -> None:
    first = sandbox.commit("one", {"a.txt": "1\n"})
    second = sandbox.commit("two", {"a.txt": "2\n"})
    repo = repo_of(sandbox)
    got = create_branch(repo, "feature/login")
    assert got == second, f"a new branch starts at HEAD by default: want {second}, got {got}"
    assert create_branch(repo, "hotfix", start=first) == first, "start= chooses where the branch points"
    assert sandbox.git("branch", "--show-current") == "main", "create_branch must not switch branches"
    assert sandbox.git("rev-parse", "hotfix") == first, "the hotfix branch must exist and point at the first commit"


@pytest.mark.parametrize("name", ["bad..name", "has space", "-dash", "ends.lock", "trailing/"])
def test_create_branch_rejects_bad_names(sandbox: Sandbox, name: str) -> None:
    sandbox.commit("one", {"a.txt": "1\n"})
    with pytest.raises(ValueError):
        create_branch(repo_of(sandbox), name)


def test_create_branch_twice_and_switch(sandbox: Sandbox) -> None:
    sandbox.commit("one", {"a.txt": "1\n"})
    repo = repo_of(sandbox)
    create_branch(repo, "feature")
    with pytest.raises(GitError):
        create_branch(repo, "feature")
    switch(repo, "feature")
    assert sandbox.git("branch", "--show-current") == "feature", "switch() should check out the branch"
    with pytest.raises(GitError):
        switch(repo, "no-such-branch")


def test_fast_forward(sandbox: Sandbox) -> None:
    base = sandbox.commit("base", {"app.py": "v1\n"})
    sandbox.git("switch", "--quiet", "-c", "feature")
    tip = sandbox.commit("feature work", {"feature.py": "new\n"})
    sandbox.git("switch", "--quiet", "main")
    got = merge(repo_of(sandbox), "feature")
    assert got == MergeResult("fast-forward", tip), f"main had nothing new: want fast-forward to {tip}, got {got}"
    assert sandbox.git("rev-parse", "main") == tip and base != tip, "main must now point at the feature tip"


def test_true_merge_makes_a_commit_with_two_parents(sandbox: Sandbox) -> None:
    sandbox.commit("base", {"app.py": "v1\n", "docs.md": "d1\n"})
    sandbox.git("switch", "--quiet", "-c", "feature")
    feature_tip = sandbox.commit("feature", {"docs.md": "d2\n"})
    sandbox.git("switch", "--quiet", "main")
    main_tip = sandbox.commit("main work", {"app.py": "v2\n"})
    got = merge(repo_of(sandbox), "feature")
    head = sandbox.git("rev-parse", "HEAD")
    assert got == MergeResult("merged", head), f"diverged branches: want a 'merged' result at the new HEAD, got {got}"
    assert parents_of(sandbox, head) == [main_tip, feature_tip], "the merge commit's parents: main tip, feature tip"
    assert (sandbox.path / "app.py").read_text() == "v2\n" and (sandbox.path / "docs.md").read_text() == "d2\n"


def test_up_to_date_does_nothing(sandbox: Sandbox) -> None:
    old = sandbox.commit("one", {"a.txt": "1\n"})
    sandbox.git("branch", "old-branch")
    tip = sandbox.commit("two", {"a.txt": "2\n"})
    got = merge(repo_of(sandbox), "old-branch")
    assert got == MergeResult("up-to-date", tip), f"merging an ancestor changes nothing, got {got}"
    assert sandbox.git("rev-list", "--count", "HEAD") == "2", "no merge commit may be created"
    assert old != tip


def make_conflict(sandbox: Sandbox) -> str:
    sandbox.commit("base", {"app.py": "port = 8000\n", "notes.md": "todo\n", "keep.txt": "k\n"})
    sandbox.git("switch", "--quiet", "-c", "feature")
    sandbox.commit("feature", {"app.py": "port = 9000\n", "notes.md": "feature notes\n", "keep.txt": None})
    sandbox.git("switch", "--quiet", "main")
    return sandbox.commit("main", {"app.py": "port = 8080\n", "notes.md": "main notes\n", "keep.txt": "k2\n"})


def test_conflict_is_reported_and_left_for_a_human(sandbox: Sandbox) -> None:
    main_tip = make_conflict(sandbox)
    got = merge(repo_of(sandbox), "feature")
    want = MergeResult("conflict", main_tip, ("app.py", "keep.txt", "notes.md"))
    assert got == want, f"both sides changed the same lines (and one deleted keep.txt)\nwant {want}\ngot  {got}"
    assert merge_in_progress(sandbox), "without abort_on_conflict the merge stays in progress for a human"
    assert "<<<<<<<" in (sandbox.path / "app.py").read_text(), "git writes conflict markers into the file"


def test_conflict_can_be_aborted(sandbox: Sandbox) -> None:
    main_tip = make_conflict(sandbox)
    got = merge(repo_of(sandbox), "feature", abort_on_conflict=True)
    assert got.outcome == "conflict" and got.conflicts == ("app.py", "keep.txt", "notes.md"), f"got {got}"
    assert not merge_in_progress(sandbox), "abort_on_conflict=True must run `git merge --abort`"
    assert sandbox.git("status", "--porcelain") == "", "after the abort the working tree is clean"
    assert sandbox.git("rev-parse", "HEAD") == main_tip
    assert (sandbox.path / "app.py").read_text() == "port = 8080\n", "main's version is back"


def test_unknown_branch(sandbox: Sandbox) -> None:
    sandbox.commit("one", {"a.txt": "1\n"})
    with pytest.raises(GitError):
        merge(repo_of(sandbox), "no-such-branch")


def test_dirty_tree_is_refused(sandbox: Sandbox) -> None:
    sandbox.commit("base", {"a.txt": "1\n"})
    sandbox.git("switch", "--quiet", "-c", "feature")
    tip = sandbox.commit("feature", {"b.txt": "2\n"})
    sandbox.git("switch", "--quiet", "main")
    (sandbox.path / "a.txt").write_text("uncommitted\n")
    with pytest.raises(ValueError):
        merge(repo_of(sandbox), "feature")
    assert sandbox.git("rev-parse", "HEAD") != tip, "nothing may be merged into a dirty tree"
    (sandbox.path / "a.txt").write_text("1\n")
    (sandbox.path / "scratch.txt").write_text("untracked files are fine\n")
    got = merge(repo_of(sandbox), "feature")
    assert got == MergeResult("fast-forward", tip), f"untracked files do not block a merge, got {got}"
