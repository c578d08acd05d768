"""ex05: a real command-line tool: subcommands, exit codes, env + flags, pipes, --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from practice.logtool import LogRecord, parse_line

LOG = (
    "2024-05-01T12:00:00Z DEBUG cache warm-up started\n"
    "2024-05-01T12:01:00Z INFO user login ok user=ana\n"
    "2024-05-01T12:02:00Z WARN disk 91% full\n"
    "this line is not a log record\n"
    "2024-05-01T12:03:00Z ERROR payment failed order=42\n"
    "2024-05-01T12:04:00Z INFO user logout user=ana\n"
    "2024-05-01T12:05:00Z ERROR Payment retry failed order=42\n"
)


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("2024-05-01T12:00:00Z INFO started", LogRecord("2024-05-01T12:00:00Z", "INFO", "started")),
        ("t1 WARN disk 91% full", LogRecord("t1", "WARNING", "disk 91% full")),
        ("t1   ERROR   spaced  out \r\n", LogRecord("t1", "ERROR", "spaced  out")),
        ("t1 CRITICAL", LogRecord("t1", "CRITICAL", "")),
        ("t1 INFO caf\u00e9 \u2615 ok", LogRecord("t1", "INFO", "caf\u00e9 \u2615 ok")),
        ("t1 info lower-case level", None),
        ("t1 INFOx glued", None),
        ("just some text", None),
        ("", None),
        ("   INFO no timestamp", None),
    ],
)
def test_parse_line(line: str, want: LogRecord | None) -> None:
    got = parse_line(line)
    assert got == want, f"parse_line({line!r}) should be {want!r}, got {got!r}"


def test_grep_stdin(run_module) -> None:
    run = run_module("logtool", "grep", "order=42", stdin=LOG)
    assert not run.crashed(), run.explain()
    want = (
        "2024-05-01T12:03:00Z ERROR payment failed order=42\n2024-05-01T12:05:00Z ERROR Payment retry failed order=42\n"
    )
    assert (run.code, run.out, run.err) == (0, want, ""), f"matches go to stdout, exit 0\n{run.explain()}"


def test_grep_no_match_exits_1(run_module) -> None:
    run = run_module("logtool", "grep", "timeout", stdin=LOG)
    assert not run.crashed(), run.explain()
    assert (run.code, run.out, run.err) == (1, "", ""), f"no match: exit 1, silent\n{run.explain()}"


@pytest.mark.parametrize(
    ("args", "want_lines"),
    [
        (["grep", "-i", "^\\S+ ERROR payment"], 2),
        (["grep", "payment"], 1),
        (["grep", "-v", "user"], 3),
        (["grep", "cache"], 0),
        (["grep", "--level", "debug", "cache"], 1),
        (["grep", "--level", "error", "."], 2),
        (["grep", "not a log"], 0),
    ],
)
def test_grep_options(run_module, args: list[str], want_lines: int) -> None:
    run = run_module("logtool", *args, stdin=LOG)
    assert not run.crashed(), run.explain()
    got = len(run.out.splitlines())
    assert got == want_lines, f"{args} should select {want_lines} lines, got {got}\n{run.explain()}"
    assert run.code == (0 if want_lines else 1), f"exit 0 with matches, 1 without\n{run.explain()}"


def test_count_and_limit(run_module) -> None:
    run = run_module("logtool", "grep", "-c", "user", stdin=LOG)
    assert not run.crashed(), run.explain()
    assert (run.code, run.out) == (0, "2\n"), f"-c prints only the number\n{run.explain()}"
    run = run_module("logtool", "grep", "--limit", "1", "order", stdin=LOG)
    assert run.out == "2024-05-01T12:03:00Z ERROR payment failed order=42\n", f"--limit 1\n{run.explain()}"
    run = run_module("logtool", "grep", "-c", "nothing-like-this", stdin=LOG)
    assert (run.code, run.out) == (1, "0\n"), f"a zero count still prints 0, and exits 1\n{run.explain()}"


def test_json_lines(run_module, tmp_path: Path) -> None:
    (tmp_path / "app.log").write_text(LOG, encoding="utf-8")
    run = run_module("logtool", "grep", "--json", "order=42", "app.log")
    assert not run.crashed(), run.explain()
    rows = [json.loads(line) for line in run.out.splitlines()]
    want = [
        {
            "path": "app.log",
            "line": 5,
            "timestamp": "2024-05-01T12:03:00Z",
            "level": "ERROR",
            "message": "payment failed order=42",
        },
        {
            "path": "app.log",
            "line": 7,
            "timestamp": "2024-05-01T12:05:00Z",
            "level": "ERROR",
            "message": "Payment retry failed order=42",
        },
    ]
    assert rows == want, f"--json prints one object per line\n{run.explain()}"
    run = run_module("logtool", "grep", "-c", "--json", "user", "app.log")
    assert json.loads(run.out) == {"count": 2}, f"-c --json prints {{'count': N}}\n{run.explain()}"


def test_environment_configures_and_flags_override(run_module) -> None:
    run = run_module("logtool", "grep", ".", stdin=LOG, env={"LOGTOOL_LEVEL": "error"})
    assert not run.crashed(), run.explain()
    assert len(run.out.splitlines()) == 2, f"LOGTOOL_LEVEL=error keeps the 2 ERROR lines\n{run.explain()}"
    run = run_module("logtool", "grep", "--level", "warn", ".", stdin=LOG, env={"LOGTOOL_LEVEL": "error"})
    assert len(run.out.splitlines()) == 3, f"--level warn beats LOGTOOL_LEVEL=error\n{run.explain()}"
    run = run_module("logtool", "grep", "user", stdin=LOG, env={"LOGTOOL_OUTPUT": "json"})
    assert json.loads(run.out.splitlines()[0])["path"] == "-", f"LOGTOOL_OUTPUT=json; stdin is '-'\n{run.explain()}"


def test_colour_only_when_asked(run_module) -> None:
    run = run_module("logtool", "grep", "disk", stdin=LOG)
    assert not run.crashed(), run.explain()
    assert "\x1b[" not in run.out, f"stdout is a pipe here, so auto colour must be off\n{run.explain()}"
    run = run_module("logtool", "grep", "--color", "always", "disk", stdin=LOG)
    want = "2024-05-01T12:02:00Z WARN \x1b[1;31mdisk\x1b[0m 91% full\n"
    assert run.out == want, f"--color always wraps each match\n{run.explain()}"


def test_many_files_get_name_prefix_and_errors_exit_2(run_module, tmp_path: Path) -> None:
    (tmp_path / "a.log").write_text("t1 INFO boot ok\n", encoding="utf-8")
    (tmp_path / "b.log").write_text("t2 INFO boot slow\r\nt3 ERROR crash\r\n", encoding="utf-8")
    run = run_module("logtool", "grep", "boot", "a.log", "missing.log", "b.log")
    assert not run.crashed(), run.explain()
    assert run.out == "a.log:t1 INFO boot ok\nb.log:t2 INFO boot slow\n", f"NAME: prefix, CR dropped\n{run.explain()}"
    assert run.code == 2, f"an unreadable file makes the exit code 2 even with matches\n{run.explain()}"
    assert run.err.startswith("logtool: missing.log"), f"one line on stderr naming the file\n{run.explain()}"


def test_recursive_search_with_globs(run_module, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    (logs / "old").mkdir(parents=True)
    (logs / "api.log").write_text("t1 ERROR api down\n", encoding="utf-8")
    (logs / "old" / "api.log").write_text("t0 ERROR api old\n", encoding="utf-8")
    (logs / "notes.txt").write_text("t1 ERROR not a log file\n", encoding="utf-8")
    run = run_module("logtool", "grep", "-r", "--include", "*.log", "ERROR", "logs")
    assert not run.crashed(), run.explain()
    assert run.out == "logs/api.log:t1 ERROR api down\nlogs/old/api.log:t0 ERROR api old\n", run.explain()
    run = run_module("logtool", "grep", "-r", "--include", "*.log", "--exclude", "old", "ERROR", "logs")
    assert run.out == "logs/api.log:t1 ERROR api down\n", f"--exclude old prunes that directory\n{run.explain()}"
    run = run_module("logtool", "grep", "ERROR", "logs")
    assert run.code == 2 and run.out == "", f"a directory without -r is an error\n{run.explain()}"


def test_summary_text_and_json(run_module) -> None:
    run = run_module("logtool", "summary", stdin=LOG)
    assert not run.crashed(), run.explain()
    want = (
        "INFO\t2\nWARNING\t1\nERROR\t2\nCRITICAL\t0\ntotal\t5\nunparsed\t1\n"
        "first\t2024-05-01T12:01:00Z\nlast\t2024-05-01T12:05:00Z\n"
    )
    assert (run.code, run.out) == (0, want), f"summary text output\n{run.explain()}"
    run = run_module("logtool", "summary", "--json", "--level", "debug", stdin=LOG)
    got = json.loads(run.out)
    want_json = {
        "counts": {"DEBUG": 1, "INFO": 2, "WARNING": 1, "ERROR": 2, "CRITICAL": 0},
        "total": 6,
        "unparsed": 1,
        "first": "2024-05-01T12:00:00Z",
        "last": "2024-05-01T12:05:00Z",
    }
    assert got == want_json, f"summary --json --level debug\n{run.explain()}"


def test_summary_of_empty_input(run_module) -> None:
    run = run_module("logtool", "summary", "--level", "error", stdin="")
    assert not run.crashed(), run.explain()
    want = "ERROR\t0\nCRITICAL\t0\ntotal\t0\nunparsed\t0\n"
    assert (run.code, run.out) == (0, want), f"empty input: zeros, no first/last\n{run.explain()}"


def test_unicode_passes_through(run_module) -> None:
    log = "t1 INFO caf\u00e9 \u2615 opened\nt2 INFO \u65e5\u672c closed\n"
    run = run_module("logtool", "grep", "caf\u00e9", stdin=log)
    assert not run.crashed(), run.explain()
    assert (run.code, run.out) == (0, "t1 INFO caf\u00e9 \u2615 opened\n"), run.explain()


@pytest.mark.parametrize(
    ("args", "env", "fragment"),
    [
        (["grep", "(unclosed"], {}, "logtool:"),
        (["grep", "x"], {"LOGTOOL_LIMIT": "zero"}, "LOGTOOL_LIMIT"),
        ([], {}, "usage:"),
        (["grep"], {}, "usage:"),
        (["tail", "x"], {}, "usage:"),
    ],
    ids=["bad-regex", "bad-env", "no-subcommand", "no-pattern", "unknown-subcommand"],
)
def test_errors_exit_2_with_a_message(run_module, args: list[str], env: dict[str, str], fragment: str) -> None:
    run = run_module("logtool", *args, stdin=LOG, env=env)
    assert not run.crashed(), f"errors are reported, not raised\n{run.explain()}"
    assert run.code == 2, f"{args} is an error: exit 2\n{run.explain()}"
    assert fragment in run.err, f"stderr should mention {fragment!r}\n{run.explain()}"
    assert run.out == "", f"nothing on stdout for an error\n{run.explain()}"
