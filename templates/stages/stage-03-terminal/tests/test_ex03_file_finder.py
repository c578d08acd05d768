"""ex03: walk a directory tree with include/exclude globs, skipping hidden entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from practice.file_finder import find_files, matches

TREE = [
    "app.py",
    "README.md",
    "src/pkg/__init__.py",
    "src/pkg/core.py",
    "src/pkg/core.pyc",
    "src/pkg/__pycache__/core.cpython-311.pyc",
    "node_modules/lib/index.js",
    "docs/guide.md",
    "docs/.draft.md",
    "docs/\u00fcbersicht.txt",
    ".git/config",
    ".env",
]
VISIBLE = sorted(p for p in TREE if not any(part.startswith(".") for part in p.split("/")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel in TREE:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"contents of {rel}\n", encoding="utf-8")
    (root / "empty-dir").mkdir()
    return root


@pytest.mark.parametrize(
    ("name", "rel_path", "pattern", "want"),
    [
        ("core.py", "src/core.py", "*.py", True),
        ("core.py", "src/core.py", "*.PY", False),
        ("core.py", "src/core.py", "src/*", True),
        ("core.py", "src/core.py", "core.*", True),
        ("core.py", "a/src/core.py", "src/*", False),
        ("index.js", "node_modules/lib/index.js", "node_modules/*", True),
        ("node_modules", "node_modules", "node_modules", True),
    ],
)
def test_matches(name: str, rel_path: str, pattern: str, want: bool) -> None:
    got = matches(name, rel_path, pattern)
    assert got is want, f"matches({name!r}, {rel_path!r}, {pattern!r}) should be {want}, got {got!r}"


def test_lists_visible_files_sorted(project: Path) -> None:
    got = find_files(project)
    assert got == VISIBLE, f"no filters: every non-hidden file, relative and sorted\nwant {VISIBLE}\ngot  {got}"


def test_include_by_name(project: Path) -> None:
    got = find_files(project, include=["*.py"])
    want = ["app.py", "src/pkg/__init__.py", "src/pkg/core.py"]
    assert got == want, f"include=['*.py'] should give {want}, got {got}"


def test_include_by_path_and_unicode_names(project: Path) -> None:
    got = find_files(project, include=["docs/*"])
    want = ["docs/guide.md", "docs/\u00fcbersicht.txt"]
    assert got == want, f"include=['docs/*'] should give {want} (hidden .draft.md skipped), got {got}"


@pytest.mark.parametrize(
    ("exclude", "gone"),
    [
        (["__pycache__"], {"src/pkg/__pycache__/core.cpython-311.pyc"}),
        (["*.pyc"], {"src/pkg/core.pyc", "src/pkg/__pycache__/core.cpython-311.pyc"}),
        (["node_modules"], {"node_modules/lib/index.js"}),
        (["src/pkg/*"], {p for p in VISIBLE if p.startswith("src/")}),
        (["*.md", "app.py"], {"README.md", "docs/guide.md", "app.py"}),
    ],
)
def test_exclude(project: Path, exclude: list[str], gone: set[str]) -> None:
    got = find_files(project, exclude=exclude)
    want = sorted(set(VISIBLE) - gone)
    assert got == want, f"exclude={exclude} should leave {want}, got {got}"


def test_exclude_wins_over_include(project: Path) -> None:
    got = find_files(project, include=["*.py"], exclude=["src"])
    assert got == ["app.py"], f"include *.py but exclude the src directory: want ['app.py'], got {got}"


def test_hidden_entries_on_request(project: Path) -> None:
    got = find_files(project, hidden=True)
    want = sorted(TREE)
    assert got == want, f"hidden=True lists dot-files and dot-directories too\nwant {want}\ngot  {got}"


def test_hidden_root_is_searched(tmp_path: Path) -> None:
    root = tmp_path / ".cache"
    (root / "data").mkdir(parents=True)
    (root / "data" / "x.bin").write_bytes(b"\0")
    got = find_files(root)
    assert got == ["data/x.bin"], f"only names below the root count as hidden, got {got}"


def test_symlinked_directory_is_not_followed(project: Path) -> None:
    try:
        os.symlink(project, project / "src" / "loop", target_is_directory=True)
        os.symlink(project / "app.py", project / "link.py")
        os.symlink(project / "missing.txt", project / "broken.txt")
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot create symbolic links")
    got = find_files(project)
    want = sorted([*VISIBLE, "link.py"])
    assert got == want, f"directory links are not followed, file links are listed, broken ones skipped; got {got}"


def test_empty_directory(tmp_path: Path) -> None:
    got = find_files(tmp_path)
    assert got == [], f"an empty directory has no files, got {got}"


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_root_must_be_a_directory(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "nothing-here"
    if kind == "file":
        root.write_text("x")
    with pytest.raises(NotADirectoryError):
        find_files(root)


def test_cli_prints_one_path_per_line(run_module, project: Path) -> None:
    run = run_module("file_finder", str(project), "--include", "*.md", "--include", "*.txt")
    assert not run.crashed(), run.explain()
    want = "README.md\ndocs/guide.md\ndocs/\u00fcbersicht.txt\n"
    assert (run.code, run.out) == (0, want), f"want exit 0 and\n{want}\n{run.explain()}"


def test_cli_null_separated_for_xargs(run_module, project: Path) -> None:
    run = run_module("file_finder", str(project), "-0", "--include", "*.py", "--exclude", "src")
    assert not run.crashed(), run.explain()
    assert (run.code, run.raw_out) == (0, b"app.py\0"), f"-0 ends each path with a NUL byte\n{run.explain()}"


def test_cli_hidden_and_exclude_flags(run_module, project: Path) -> None:
    run = run_module("file_finder", str(project), "--hidden", "--exclude", ".git", "--include", ".*")
    assert not run.crashed(), run.explain()
    assert (run.code, run.out) == (0, ".env\ndocs/.draft.md\n"), run.explain()


def test_cli_no_match_exits_1(run_module, project: Path) -> None:
    run = run_module("file_finder", str(project), "--include", "*.rs")
    assert not run.crashed(), run.explain()
    assert (run.code, run.out, run.err) == (1, "", ""), f"no match: exit 1, no output\n{run.explain()}"


def test_cli_bad_root_exits_2(run_module, tmp_path: Path) -> None:
    run = run_module("file_finder", "no-such-dir")
    assert not run.crashed(), run.explain()
    assert run.code == 2, f"a ROOT that is not a directory is an error: exit 2\n{run.explain()}"
    assert run.out == "", run.explain()
    assert "file_finder: no-such-dir: not a directory" in run.err, run.explain()


def test_cli_usage_error_exits_2(run_module) -> None:
    run = run_module("file_finder")
    assert not run.crashed(), run.explain()
    assert run.code == 2 and "usage:" in run.err, f"ROOT is required\n{run.explain()}"
