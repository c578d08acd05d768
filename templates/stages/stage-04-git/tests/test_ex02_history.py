"""ex02: parse `git log --format=...` and `git status --porcelain=v1` into data."""

from __future__ import annotations

import pytest
from conftest import AUTHOR_EMAIL, AUTHOR_NAME, Sandbox

from practice.history import (
    Commit,
    StatusEntry,
    parse_log,
    parse_status,
    read_log,
    read_status,
    unquote_path,
)
from practice.repository import GitError, Repo

A = "a" * 40
B = "b" * 40
C = "c" * 40
US, RS = "\x1f", "\x1e"


def record(*fields: str) -> str:
    return US.join(fields) + RS + "\n"


def test_parse_log_records() -> None:
    text = (
        record(C, f"{A} {B}", "Grace Hopper", "grace@example.com", "1700000300", "Merge branch 'feature'")
        + record(B, A, "Ada", "ada@example.com", "1700000200", "Fix: handle caf\u00e9 | pipes")
        + record(A, "", "Ada", "ada@example.com", "1700000100", "Initial commit")
    )
    got = parse_log(text)
    want = [
        Commit(C, (A, B), "Grace Hopper", "grace@example.com", 1700000300, "Merge branch 'feature'"),
        Commit(B, (A,), "Ada", "ada@example.com", 1700000200, "Fix: handle caf\u00e9 | pipes"),
        Commit(A, (), "Ada", "ada@example.com", 1700000100, "Initial commit"),
    ]
    assert got == want, f"parse_log should give\n{want}\ngot\n{got}"


def test_subject_is_the_last_field_and_kept_whole() -> None:
    got = parse_log(record(A, "", "Ada", "ada@example.com", "1700000100", f"odd{US}subject"))
    assert got[0].subject == f"odd{US}subject", f"split fields with maxsplit so the subject stays whole, got {got}"


@pytest.mark.parametrize("text", ["", "\n", "  \n\n"])
def test_parse_log_empty(text: str) -> None:
    got = parse_log(text)
    assert got == [], f"parse_log({text!r}) should be [], got {got}"


@pytest.mark.parametrize(
    "text",
    [
        record(A, "", "Ada", "ada@example.com", "1700000100"),
        record(A, "", "Ada", "ada@example.com", "yesterday", "s"),
        record("xyz", "", "Ada", "ada@example.com", "1700000100", "s"),
        record(A, "not-a-sha", "Ada", "ada@example.com", "1700000100", "s"),
        record(A.upper(), "", "Ada", "ada@example.com", "1700000100", "s"),
    ],
    ids=["five-fields", "bad-timestamp", "bad-sha", "bad-parent", "upper-case-sha"],
)
def test_parse_log_rejects_bad_records(text: str) -> None:
    with pytest.raises(ValueError):
        parse_log(text)


def test_read_log_from_a_real_repository(sandbox: Sandbox) -> None:
    first = sandbox.commit("Initial commit", {"a.txt": "1\n"})
    second = sandbox.commit("Add b", {"b.txt": "2\n"})
    third = sandbox.commit("Change a \u2615", {"a.txt": "3\n"})
    repo = Repo(sandbox.path, env=sandbox.env)
    got = read_log(repo)
    want = [
        Commit(third, (second,), AUTHOR_NAME, AUTHOR_EMAIL, sandbox.timestamp_of(3), "Change a \u2615"),
        Commit(second, (first,), AUTHOR_NAME, AUTHOR_EMAIL, sandbox.timestamp_of(2), "Add b"),
        Commit(first, (), AUTHOR_NAME, AUTHOR_EMAIL, sandbox.timestamp_of(1), "Initial commit"),
    ]
    assert got == want, f"read_log should list commits newest first\nwant {want}\ngot  {got}"
    assert [c.sha for c in read_log(repo, max_count=2)] == [third, second], "max_count=2 keeps the newest two"
    assert [c.sha for c in read_log(repo, paths=["a.txt"])] == [third, first], "paths=['a.txt'] filters commits"
    assert [c.sha for c in read_log(repo, f"{first}..HEAD")] == [third, second], "ranges like A..B work"


def test_read_log_of_an_empty_repository(sandbox: Sandbox) -> None:
    got = read_log(Repo(sandbox.path, env=sandbox.env))
    assert got == [], f"a repository without commits has an empty log, got {got}"


def test_read_log_errors(sandbox: Sandbox) -> None:
    sandbox.commit("one", {"a.txt": "1\n"})
    repo = Repo(sandbox.path, env=sandbox.env)
    with pytest.raises(GitError):
        read_log(repo, "no-such-branch")
    with pytest.raises(ValueError):
        read_log(repo, max_count=0)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("plain.txt", "plain.txt"),
        ("dir/sub/file.py", "dir/sub/file.py"),
        ('"a b.txt"', "a b.txt"),
        ('"caf\\303\\251.txt"', "caf\u00e9.txt"),
        ('"q\\"t"', 'q"t'),
        ('"tab\\there"', "tab\there"),
        ('"back\\\\slash"', "back\\slash"),
        ('"\\346\\227\\245\\346\\234\\254.md"', "\u65e5\u672c.md"),
    ],
)
def test_unquote_path(text: str, want: str) -> None:
    got = unquote_path(text)
    assert got == want, f"unquote_path({text!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("text", ['"unterminated', '"bad\\q"', '"ends\\"', '"'])
def test_unquote_path_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        unquote_path(text)


def test_parse_status_lines() -> None:
    text = (
        "## main...origin/main [ahead 1]\n"
        " M src/app.py\n"
        "M  staged.txt\n"
        "MM both.txt\n"
        "A  new.txt\n"
        " D gone.txt\n"
        "R  old name.txt -> new.txt\n"
        'R  "a b.txt" -> "c d.txt"\n'
        "UU conflict.py\n"
        '?? "caf\\303\\251.txt"\n'
        "!! build/\n"
    )
    want = [
        StatusEntry(" ", "M", "src/app.py"),
        StatusEntry("M", " ", "staged.txt"),
        StatusEntry("M", "M", "both.txt"),
        StatusEntry("A", " ", "new.txt"),
        StatusEntry(" ", "D", "gone.txt"),
        StatusEntry("R", " ", "new.txt", "old name.txt"),
        StatusEntry("R", " ", "c d.txt", "a b.txt"),
        StatusEntry("U", "U", "conflict.py"),
        StatusEntry("?", "?", "caf\u00e9.txt"),
        StatusEntry("!", "!", "build/"),
    ]
    got = parse_status(text)
    assert got == want, f"parse_status result\nwant {want}\ngot  {got}"


@pytest.mark.parametrize("text", ["", "\n"])
def test_parse_status_clean(text: str) -> None:
    assert parse_status(text) == [], f"parse_status({text!r}) should be []"


@pytest.mark.parametrize(
    "line",
    ["M", "XY file.txt", "M_file.txt", "R  old.txt", 'R  "a b" -> "c d" extra', "?? "],
    ids=["short", "unknown-code", "no-space", "rename-without-arrow", "text-after-path", "no-path"],
)
def test_parse_status_rejects(line: str) -> None:
    with pytest.raises(ValueError):
        parse_status(line + "\n")


def test_read_status_of_a_real_repository(sandbox: Sandbox) -> None:
    sandbox.commit("start", {"keep.txt": "k\n", "edit.txt": "e\n", "drop.txt": "d\n", "move.txt": "m\n"})
    (sandbox.path / "edit.txt").write_text("changed\n")
    (sandbox.path / "drop.txt").unlink()
    sandbox.git("mv", "move.txt", "moved here.txt")
    (sandbox.path / "staged.txt").write_text("s\n")
    sandbox.git("add", "staged.txt")
    (sandbox.path / "notes").mkdir()
    (sandbox.path / "notes" / "caf\u00e9.md").write_text("c\n", encoding="utf-8")
    got = sorted(read_status(Repo(sandbox.path, env=sandbox.env)), key=lambda e: e.path)
    want = [
        StatusEntry(" ", "D", "drop.txt"),
        StatusEntry(" ", "M", "edit.txt"),
        StatusEntry("R", " ", "moved here.txt", "move.txt"),
        StatusEntry("?", "?", "notes/caf\u00e9.md"),
        StatusEntry("A", " ", "staged.txt"),
    ]
    assert got == want, f"read_status (sorted by path)\nwant {want}\ngot  {got}"


def test_read_status_clean_tree(sandbox: Sandbox) -> None:
    sandbox.commit("start", {"a.txt": "a\n"})
    got = read_status(Repo(sandbox.path, env=sandbox.env))
    assert got == [], f"a clean working tree has no status entries, got {got}"
