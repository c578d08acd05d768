"""ex04: bisect: find the first bad commit with O(log n) checks, then restore the repo."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Sandbox

from practice.bisection import Culprit, SearchResult, bisect_commits, commits_between, first_bad
from practice.repository import GitError, Repo

GOOD_CALC = "def add(a, b):\n    return a + b\n"
BAD_CALC = "def add(a, b):\n    return a - b\n"


class CountingCheck:
    """A predicate that records every item it is asked about."""

    def __init__(self, first_bad_index: int | None) -> None:
        self.first_bad_index = first_bad_index
        self.asked: list[int] = []

    def __call__(self, item: int) -> bool:
        self.asked.append(item)
        return self.first_bad_index is not None and item >= self.first_bad_index


CASES = [
    (1, 0),
    (1, None),
    (2, 1),
    (3, 0),
    (10, 7),
    (10, None),
    (100, 0),
    (100, 99),
    (1000, 1),
    (1000, 999),
    (1000, 500),
    (1024, None),
]


@pytest.mark.parametrize(("n", "bad_from"), CASES)
def test_first_bad_finds_the_boundary_in_log_n_checks(n: int, bad_from: int | None) -> None:
    check = CountingCheck(bad_from)
    got = first_bad(list(range(n)), check)
    limit = math.ceil(math.log2(n + 1))
    assert got.index == bad_from, f"n={n}, bad from {bad_from}: want index {bad_from}, got {got.index}"
    assert got.checks == len(check.asked), f"checks must count predicate calls: {len(check.asked)} calls, got {got}"
    assert got.checks <= limit, f"n={n}: binary search needs at most {limit} checks, you made {got.checks}"
    assert len(set(check.asked)) == len(check.asked), f"no item should be checked twice: {check.asked}"


def test_first_bad_of_nothing() -> None:
    check = CountingCheck(0)
    got = first_bad([], check)
    assert got == SearchResult(None, 0), f"an empty list has no bad item and needs no check, got {got}"


def test_first_bad_works_on_any_items() -> None:
    versions = ["v1.0", "v1.1", "v1.2", "v2.0", "v2.1"]
    got = first_bad(versions, lambda v: v.startswith("v2"))
    assert got.index == 3, f"the first 'v2' release is at index 3, got {got}"


def build_history(sandbox: Sandbox, total: int, bug_at: int) -> list[str]:
    """Make `total` commits; commit number `bug_at` (1-based) breaks calc.add."""
    shas = []
    for number in range(1, total + 1):
        files: dict[str, str | None] = {"changelog.txt": "".join(f"change {i}\n" for i in range(number))}
        if number == 1:
            files["calc.py"] = GOOD_CALC
        if number == bug_at:
            files["calc.py"] = BAD_CALC
        shas.append(sandbox.commit(f"change {number}", files))
    return shas


def calc_passes(path: Path) -> bool:
    """Run a real check in the checked-out tree, the way `git bisect run` would."""
    proc = subprocess.run(
        [sys.executable, "-B", "-c", "import calc; assert calc.add(2, 3) == 5"],
        cwd=path,
        capture_output=True,
        timeout=10,
        check=False,
    )
    return proc.returncode == 0


def test_commits_between(sandbox: Sandbox) -> None:
    shas = build_history(sandbox, 6, bug_at=4)
    repo = Repo(sandbox.path, env=sandbox.env)
    got = commits_between(repo, shas[0], shas[5])
    assert got == shas[1:], f"commits after good up to bad, oldest first\nwant {shas[1:]}\ngot  {got}"
    assert commits_between(repo, shas[2], shas[2]) == [], "good == bad leaves nothing to test"
    assert commits_between(repo, shas[0], "HEAD") == shas[1:], "revisions like HEAD work too"
    with pytest.raises(GitError):
        commits_between(repo, "no-such-rev", "HEAD")


def test_bisect_finds_the_culprit(sandbox: Sandbox) -> None:
    shas = build_history(sandbox, 16, bug_at=11)
    probed: list[str] = []

    def passes(path: Path) -> bool:
        probed.append(sandbox.git("rev-parse", "HEAD"))
        return calc_passes(path)

    got = bisect_commits(Repo(sandbox.path, env=sandbox.env), shas[0], shas[-1], passes)
    assert got == Culprit(shas[10], len(probed)), f"commit 11 broke add(): want {shas[10]}, got {got}"
    assert len(probed) <= 4, f"15 candidate commits need at most 4 checks, you made {len(probed)}"
    assert set(probed) <= set(shas[1:]), "only commits after good (up to bad) are checked out"


def test_repository_is_restored(sandbox: Sandbox) -> None:
    shas = build_history(sandbox, 8, bug_at=3)
    (sandbox.path / "scratch.txt").write_text("untracked files may stay\n")
    bisect_commits(Repo(sandbox.path, env=sandbox.env), shas[0], "main", calc_passes)
    assert sandbox.git("branch", "--show-current") == "main", "after bisecting you must be back on main"
    assert sandbox.git("rev-parse", "HEAD") == shas[-1], "HEAD must be the tip of main again"
    assert (sandbox.path / "calc.py").read_text() == BAD_CALC, "the working tree must match main again"


def test_repository_is_restored_when_the_check_raises(sandbox: Sandbox) -> None:
    shas = build_history(sandbox, 8, bug_at=5)

    def explodes(path: Path) -> bool:
        raise RuntimeError("test runner crashed")

    with pytest.raises(RuntimeError, match="test runner crashed"):
        bisect_commits(Repo(sandbox.path, env=sandbox.env), shas[0], shas[-1], explodes)
    assert sandbox.git("branch", "--show-current") == "main", "use try/finally to get back to main"


def test_detached_start_is_restored(sandbox: Sandbox) -> None:
    shas = build_history(sandbox, 6, bug_at=2)
    sandbox.git("checkout", "--quiet", "--detach", shas[4])
    got = bisect_commits(Repo(sandbox.path, env=sandbox.env), shas[0], shas[4], calc_passes)
    assert got.sha == shas[1], f"commit 2 broke add(), got {got}"
    assert sandbox.git("rev-parse", "HEAD") == shas[4], "a detached start is restored to the same commit"


def test_refuses_bad_input(sandbox: Sandbox) -> None:
    shas = build_history(sandbox, 5, bug_at=99)
    repo = Repo(sandbox.path, env=sandbox.env)
    with pytest.raises(ValueError):
        bisect_commits(repo, shas[0], shas[-1], calc_passes)  # every commit passes
    with pytest.raises(ValueError):
        bisect_commits(repo, shas[3], shas[1], calc_passes)  # good is newer than bad
    (sandbox.path / "calc.py").write_text("uncommitted\n")
    with pytest.raises(ValueError):
        bisect_commits(repo, shas[0], shas[-1], calc_passes)  # dirty tree
    assert sandbox.git("rev-parse", "HEAD") == shas[-1] and sandbox.git("branch", "--show-current") == "main"
