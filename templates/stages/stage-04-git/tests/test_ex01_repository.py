"""ex01: run git with subprocess: init, commit, errors, and an isolated environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AUTHOR_EMAIL, AUTHOR_NAME, Sandbox

from practice.repository import GitError, Repo

EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
HELLO_BLOB = "ce013625030ba8dba906f756967f9e9ca394464a"


def test_init_creates_an_empty_repository(tmp_path: Path, git_env: dict[str, str]) -> None:
    repo = Repo(tmp_path / "deep" / "new-repo", env=git_env)
    repo.init()
    assert (repo.path / ".git").is_dir(), "init must create the directory (and parents) and a .git inside"
    assert repo.current_branch() == "main", f"first branch should be 'main', got {repo.current_branch()!r}"
    assert repo.head() is None, f"a new repository has no HEAD commit yet, got {repo.head()!r}"


def test_init_with_another_branch_name(tmp_path: Path, git_env: dict[str, str]) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init(branch="trunk")
    assert repo.current_branch() == "trunk", (
        f"init(branch='trunk') should start on trunk, got {repo.current_branch()!r}"
    )


def test_commit_returns_the_sha_and_uses_the_env_identity(tmp_path: Path, git_env: dict[str, str]) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init()
    sha = repo.commit("Add readme", {"README.md": "# Demo\n"})
    check = Sandbox(repo.path, git_env)
    assert sha == check.git("rev-parse", "HEAD"), f"commit() should return the full sha of HEAD, got {sha!r}"
    assert len(sha) == 40, f"want the full 40-character sha, got {sha!r}"
    who = check.git("log", "-1", "--format=%an <%ae>|%cn <%ce>")
    want = f"{AUTHOR_NAME} <{AUTHOR_EMAIL}>|{AUTHOR_NAME} <{AUTHOR_EMAIL}>"
    assert who == want, f"author and committer come from the env you were given: want {want!r}, got {who!r}"
    assert repo.head() == sha, "head() should return the sha of the new commit"


def test_commit_writes_nested_files_unicode_and_deletions(tmp_path: Path, git_env: dict[str, str]) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init()
    repo.commit("Start", {"src/app/main.py": "print('hi')\n", "old.txt": "bye\n"})
    repo.commit("Change", {"old.txt": None, "docs/caf\u00e9.md": "cr\u00e8me br\u00fbl\u00e9e \u2615\n"})
    check = Sandbox(repo.path, git_env)
    tracked = check.git("-c", "core.quotePath=false", "ls-files").splitlines()
    assert tracked == ["docs/caf\u00e9.md", "src/app/main.py"], f"files in HEAD's tree, got {tracked}"
    shown = check.git("show", "HEAD:docs/caf\u00e9.md")
    assert shown == "cr\u00e8me br\u00fbl\u00e9e \u2615", f"file text must be written as UTF-8, got {shown!r}"


def test_multiline_and_unicode_message(tmp_path: Path, git_env: dict[str, str]) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init()
    message = "Fix na\u00efve parser\n\nIt choked on -- and on 'quotes'.\n"
    repo.commit(message, {"a.txt": "1\n"})
    body = Sandbox(repo.path, git_env).git("log", "-1", "--format=%B")
    assert body == message.rstrip("\n"), f"the whole message must reach git unchanged, got {body!r}"


def test_nothing_to_commit_raises_git_error(tmp_path: Path, git_env: dict[str, str]) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init()
    repo.commit("First", {"a.txt": "same\n"})
    with pytest.raises(GitError) as info:
        repo.commit("Again", {"a.txt": "same\n"})
    err = info.value
    assert err.returncode == 1, f"`git commit` with nothing to commit exits 1, got {err.returncode}"
    assert "commit" in err.command, f"GitError.command should hold the git arguments, got {err.command}"


@pytest.mark.parametrize("message", ["", "   \n\t"])
def test_empty_message_is_refused(tmp_path: Path, git_env: dict[str, str], message: str) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init()
    with pytest.raises(ValueError):
        repo.commit(message, {"a.txt": "x\n"})


@pytest.mark.parametrize("bad", ["../escape.txt", "/etc/passwd", "a/../../b", ".git/config", ""])
def test_paths_must_stay_inside_the_working_tree(tmp_path: Path, git_env: dict[str, str], bad: str) -> None:
    repo = Repo(tmp_path / "r", env=git_env)
    repo.init()
    with pytest.raises(ValueError):
        repo.write({"fine.txt": "ok\n", bad: "evil\n"})
    assert not (repo.path / "fine.txt").exists(), "check every path before writing anything"


def test_git_raises_and_run_does_not(sandbox: Sandbox) -> None:
    repo = Repo(sandbox.path, env=sandbox.env)
    result = repo.run("rev-parse", "--verify", "no-such-branch")
    assert result.returncode == 128, f"run() reports the exit status instead of raising, got {result}"
    assert "fatal" in result.stderr, f"run() keeps git's stderr, got {result.stderr!r}"
    with pytest.raises(GitError) as info:
        repo.git("rev-parse", "--verify", "no-such-branch")
    assert info.value.returncode == 128, f"GitError.returncode should be 128, got {info.value.returncode}"
    assert "rev-parse" in str(info.value), f"the message should name the command, got {str(info.value)!r}"


def test_stdin_is_never_inherited(sandbox: Sandbox) -> None:
    repo = Repo(sandbox.path, env=sandbox.env)
    got = repo.git("hash-object", "--stdin", input="hello\n").strip()
    assert got == HELLO_BLOB, f"input='hello\\n' should hash to {HELLO_BLOB}, got {got!r}"
    got = repo.git("hash-object", "--stdin").strip()
    assert got == EMPTY_BLOB, f"with no input git must read an empty stdin (DEVNULL), got {got!r}"


def test_missing_git_program(tmp_path: Path, git_env: dict[str, str]) -> None:
    empty_bin = tmp_path / "empty-bin"
    empty_bin.mkdir()
    repo = Repo(tmp_path, env={**git_env, "PATH": str(empty_bin)})
    with pytest.raises(GitError) as info:
        repo.run("status")
    assert info.value.returncode == 127, f"git not found should be reported as 127, got {info.value.returncode}"


def test_detached_head_has_no_branch(sandbox: Sandbox) -> None:
    first = sandbox.commit("one", {"a.txt": "1\n"})
    sandbox.commit("two", {"a.txt": "2\n"})
    repo = Repo(sandbox.path, env=sandbox.env)
    assert repo.current_branch() == "main", "on main before detaching"
    sandbox.git("checkout", "--quiet", "--detach", first)
    assert repo.current_branch() is None, (
        f"detached HEAD: current_branch() should be None, got {repo.current_branch()!r}"
    )
    assert repo.head() == first, "head() follows the detached HEAD"
