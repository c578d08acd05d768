"""Tests for ex06: a log report CLI (summarize, render_text, main, python -m)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from practice.log_report_cli import main, render_text, summarize
from practice.log_stream import LogRecord

SRC = Path(__file__).resolve().parents[1] / "src"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

LOG = """\
# access log
2024-05-01T12:00:00+00:00 INFO method=GET path=/orders status=200 ms=12
2024-05-01T12:00:04+00:00 DEBUG cache=miss
this line is broken
2024-05-01T12:00:09+00:00 ERROR method=POST path=/pay status=502 ms=250
2024-05-01T12:00:05+00:00 WARNING path=/orders ms=slow user=zoë
"""


def rec(seconds: int, level: str, **fields: str) -> LogRecord:
    return LogRecord(T0 + timedelta(seconds=seconds), level, fields)


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = tmp_path / "access.log"
    path.write_text(LOG, encoding="utf-8")
    return path


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- summarize


def test_summarize_counts_levels_times_and_max_ms() -> None:
    records = [rec(5, "INFO", ms="40"), rec(0, "ERROR", ms="7"), rec(9, "INFO", ms="x"), rec(3, "DEBUG", ms="900")]
    got = summarize(records)
    want = {
        "records": 4,
        "levels": {"DEBUG": 1, "INFO": 2, "WARNING": 0, "ERROR": 1, "CRITICAL": 0},
        "first": T0.isoformat(),
        "last": (T0 + timedelta(seconds=9)).isoformat(),
        "max_ms": 900,
    }
    assert got == want, f"summary wrong:\n got {got}\nwant {want}"
    assert list(got["levels"]) == ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], "levels in LEVELS order"


def test_summarize_min_level_ignores_lower_records() -> None:
    records = [rec(0, "DEBUG", ms="999"), rec(1, "WARNING"), rec(2, "CRITICAL", ms="3")]
    got = summarize(records, min_level="WARNING")
    assert got["records"] == 2, f"only WARNING and above count, got {got['records']}"
    assert got["levels"] == {"WARNING": 1, "ERROR": 0, "CRITICAL": 1}, f"levels below the minimum are absent: {got}"
    assert got["max_ms"] == 3, f"ms of ignored records must not count, got {got['max_ms']}"
    assert got["first"] == (T0 + timedelta(seconds=1)).isoformat(), f"first counted record is at +1s, got {got}"


def test_summarize_empty_and_bad_level() -> None:
    got = summarize(iter([]), min_level="ERROR")
    assert got == {"records": 0, "levels": {"ERROR": 0, "CRITICAL": 0}, "first": None, "last": None, "max_ms": None}, (
        f"an empty input gives zero counts and None values, got {got}"
    )
    with pytest.raises(ValueError):
        summarize([], min_level="LOUD")


# ---------------------------------------------------------------- render_text


def test_render_text_exact_format() -> None:
    summary = {
        "records": 3,
        "levels": {"INFO": 2, "ERROR": 1},
        "first": "2024-05-01T12:00:00+00:00",
        "last": "2024-05-01T12:00:09+00:00",
        "max_ms": None,
    }
    want = (
        "records: 3\n"
        "skipped: 1\n"
        "first:   2024-05-01T12:00:00+00:00\n"
        "last:    2024-05-01T12:00:09+00:00\n"
        "max_ms:  -\n"
        "INFO     2\n"
        "ERROR    1\n"
    )
    got = render_text(summary, skipped=1)
    assert got == want, f"render_text output differs:\n--- got ---\n{got}--- want ---\n{want}"


# ---------------------------------------------------------------- main


def test_main_json_report(log_file: Path) -> None:
    code, out, err = run_main(str(log_file), "--format", "json")
    assert code == 0, f"exit code should be 0, got {code}; stderr: {err}"
    report = json.loads(out)
    assert report["records"] == 4 and report["skipped"] == 1, f"4 good lines and 1 bad one, got {report}"
    assert report["max_ms"] == 250, f"'ms=slow' is not a number; max is 250, got {report['max_ms']}"
    assert report["first"] == "2024-05-01T12:00:00+00:00", f"earliest time, got {report['first']}"
    assert report["last"] == "2024-05-01T12:00:09+00:00", f"latest time (not the last line!), got {report['last']}"


def test_main_text_with_min_level(log_file: Path) -> None:
    code, out, _err = run_main(str(log_file), "--min-level", "WARNING")
    assert code == 0, f"exit code should be 0, got {code}"
    assert out.splitlines()[:2] == ["records: 2", "skipped: 1"], f"WARNING and ERROR lines count; got:\n{out}"
    assert out.splitlines()[-3:] == ["WARNING  1", "ERROR    1", "CRITICAL 0"], f"level table wrong:\n{out}"


@pytest.mark.parametrize(
    ("extra_args", "want_code", "err_part"),
    [
        (["--strict"], 1, "error: line 4: "),
        (["--min-level", "LOUD"], 2, "usage"),
        (["--format", "xml"], 2, "usage"),
    ],
)
def test_main_failures(log_file: Path, extra_args: list[str], want_code: int, err_part: str) -> None:
    code, out, err = run_main(str(log_file), *extra_args)
    assert code == want_code, f"args {extra_args} should exit {want_code}, got {code}"
    assert err_part in err, f"stderr should contain {err_part!r}, got {err!r}"
    assert out == "", f"nothing should be printed to stdout on failure, got {out!r}"


def test_main_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.log"
    code, out, err = run_main(str(missing))
    assert code == 1, f"a missing file should exit 1, got {code}"
    assert err.strip() == f"error: no such file: {missing}", f"stderr should be one clear line, got {err!r}"
    assert out == "", f"stdout should be empty, got {out!r}"


def test_main_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.log"
    path.write_bytes("2024-05-01T12:00:00+00:00 INFO user=zo\xeb\n".encode("latin-1"))
    code, _out, err = run_main(str(path))
    assert code == 1, f"a file that is not UTF-8 should exit 1, got {code}"
    assert err.startswith("error: "), f"stderr should start with 'error: ', got {err!r}"


def test_python_dash_m_runs_the_cli(log_file: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "practice.log_report_cli", str(log_file), "--format", "json", "--min-level", "ERROR"],
        capture_output=True,
        text=True,
        timeout=10,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )
    assert proc.returncode == 0, (
        f"python -m practice.log_report_cli should exit 0, got {proc.returncode}: {proc.stderr}"
    )
    report = json.loads(proc.stdout)
    assert report["levels"] == {"ERROR": 1, "CRITICAL": 0}, f"--min-level ERROR report wrong: {report}"
