"""ex01: a `wc` clone that reads stdin, writes stdout/stderr and sets its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.word_count import Counts, count_bytes, format_counts


@pytest.mark.parametrize(
    ("data", "want"),
    [
        (b"", Counts(0, 0, 0, 0)),
        (b"hello world\n", Counts(1, 2, 12, 12)),
        (b"no newline at the end", Counts(0, 5, 21, 21)),
        (b"  a\tb\n\nc  ", Counts(2, 3, 10, 10)),
        ("caf\u00e9 \u2615\n".encode(), Counts(1, 2, 7, 10)),
        (b"\xff\xfeok\n", Counts(1, 1, 5, 5)),
    ],
    ids=["empty", "one-line", "no-final-newline", "tabs-and-blank-line", "unicode", "invalid-utf8"],
)
def test_count_bytes(data: bytes, want: Counts) -> None:
    got = count_bytes(data)
    assert got == want, f"count_bytes({data!r}) should be {want}, got {got}"


@pytest.mark.parametrize(
    ("columns", "name", "want"),
    [
        (["lines", "words", "bytes"], "notes.txt", "3 7 41 notes.txt"),
        (["lines", "words", "bytes"], None, "3 7 41"),
        (["chars"], "-", "39 -"),
        (["bytes", "lines"], "total", "41 3 total"),
    ],
)
def test_format_counts(columns: list[str], name: str | None, want: str) -> None:
    counts = Counts(lines=3, words=7, chars=39, bytes=41)
    got = format_counts(counts, columns, name)
    assert got == want, f"format_counts({counts}, {columns}, {name!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("columns", [["lines", "pages"], []], ids=["unknown", "none"])
def test_format_counts_rejects_bad_columns(columns: list[str]) -> None:
    with pytest.raises(ValueError):
        format_counts(Counts(1, 1, 1, 1), columns, None)


def test_reads_stdin_when_no_file_is_named(run_module) -> None:
    run = run_module("word_count", stdin=b"hello world\nsecond line here\n")
    assert not run.crashed(), run.explain()
    assert run.code == 0, f"a successful run must exit 0\n{run.explain()}"
    assert run.out == "2 5 29\n", f"stdin only: counts without a name\n{run.explain()}"
    assert run.err == "", f"nothing belongs on stderr when all went well\n{run.explain()}"


def test_named_files_and_total_line(run_module, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"one two\nthree\n")
    (tmp_path / "b.txt").write_bytes(b"four\n")
    run = run_module("word_count", "a.txt", "b.txt")
    assert not run.crashed(), run.explain()
    want = "2 3 14 a.txt\n1 1 5 b.txt\n3 4 19 total\n"
    assert (run.code, run.out) == (0, want), f"want exit 0 and\n{want}\n{run.explain()}"


@pytest.mark.parametrize(
    ("flags", "want"),
    [
        (["-l"], "2 a.txt\n"),
        (["-w", "-l"], "2 3 a.txt\n"),
        (["--bytes", "--chars"], "14 15 a.txt\n"),
        (["-lwmc"], "2 3 14 15 a.txt\n"),
    ],
)
def test_flags_choose_columns_in_fixed_order(run_module, tmp_path: Path, flags: list[str], want: str) -> None:
    (tmp_path / "a.txt").write_bytes("na\u00efve one\ntwo\n".encode())
    run = run_module("word_count", *flags, "a.txt")
    assert not run.crashed(), run.explain()
    assert (run.code, run.out) == (0, want), f"flags {flags} should print {want!r}\n{run.explain()}"


def test_dash_means_stdin_and_is_named(run_module, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"x\n")
    run = run_module("word_count", "-l", "a.txt", "-", stdin=b"1\n2\n3\n")
    assert not run.crashed(), run.explain()
    want = "1 a.txt\n3 -\n4 total\n"
    assert (run.code, run.out) == (0, want), f"'-' reads stdin and is printed as '-'\n{run.explain()}"


def test_unreadable_file_goes_to_stderr_and_exit_1(run_module, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_bytes(b"fine\n")
    (tmp_path / "folder").mkdir()
    run = run_module("word_count", "-l", "missing.txt", "ok.txt", "folder")
    assert not run.crashed(), run.explain()
    assert run.code == 1, f"some input failed, so the exit code must be 1\n{run.explain()}"
    assert run.out == "1 ok.txt\n1 total\n", f"readable files are still counted\n{run.explain()}"
    err_lines = run.err.splitlines()
    assert "word_count: missing.txt: No such file or directory" in err_lines, run.explain()
    assert "word_count: folder: Is a directory" in err_lines, run.explain()


@pytest.mark.parametrize("args", [["--pages"], ["-z", "a.txt"]])
def test_usage_error_exits_2(run_module, args: list[str]) -> None:
    run = run_module("word_count", *args)
    assert not run.crashed(), run.explain()
    assert run.code == 2, f"a usage error must exit 2 (argparse does this)\n{run.explain()}"
    assert "usage:" in run.err, f"the usage message belongs on stderr\n{run.explain()}"
    assert run.out == "", f"nothing on stdout for a usage error\n{run.explain()}"
