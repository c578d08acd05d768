"""Tests for ex03: behaviour plus a clean run of the team's ruff configuration."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from practice.team_lint import format_duration, load_timeouts, parse_duration

MODULE = Path(__file__).resolve().parents[1] / "src" / "practice" / "team_lint.py"
TEAM_RULES = ["E", "W", "F", "I", "B", "UP", "SIM", "C4", "N", "ARG", "BLE", "T20", "PTH", "RET", "ERA", "PLW", "S"]
COMMON = ["--isolated", "--line-length", "120", "--target-version", "py311"]
CHECK = [sys.executable, "-m", "ruff", "check", *COMMON, "--select", ",".join(TEAM_RULES), "--output-format", "json"]
FORMAT = [sys.executable, "-m", "ruff", "format", *COMMON, "--check", "--diff"]


@functools.cache
def ruff_findings() -> tuple[tuple[str, int, str], ...]:
    """Run the team's ruff check once and return (code, line, message) for every finding."""
    done = subprocess.run([*CHECK, str(MODULE)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode in (0, 1), (
        f"ruff did not run (exit {done.returncode}); is it installed (pip install ruff)?\n{done.stderr}"
    )
    return tuple((item["code"] or "", item["location"]["row"], item["message"]) for item in json.loads(done.stdout))


def show(findings: list[tuple[str, int, str]]) -> str:
    command = " ".join(["python -m ruff check", *COMMON, "--select", ",".join(TEAM_RULES), "src/practice/team_lint.py"])
    lines = [f"  line {line}: {code} {message}" for code, line, message in findings]
    return "\n".join([f"run: {command}", *lines])


@pytest.mark.parametrize(
    ("prefix", "rule"),
    [
        ("T20", "no print() in library code: return values or use logging"),
        ("BLE", "no blind 'except Exception': catch the errors you expect"),
        ("N8", "pep8 names: functions snake_case"),
        ("ARG", "no unused arguments"),
        ("PTH", "use pathlib.Path instead of open() and os.path"),
        ("ERA", "no commented-out code: git remembers old code"),
        ("PLW", "no global statements"),
        ("RET", "no else after return"),
        ("S", "no eval() on file contents"),
        ("C4", "use literals instead of dict()/list() calls"),
    ],
)
def test_rule_family_is_clean(prefix: str, rule: str) -> None:
    found = [finding for finding in ruff_findings() if finding[0].startswith(prefix)]
    assert not found, f"{rule}. ruff reports {len(found)} {prefix} finding(s):\n{show(found)}"


def test_whole_team_config_is_clean_and_formatted() -> None:
    found = list(ruff_findings())
    assert not found, f"the team's ruff check must report nothing:\n{show(found)}"
    done = subprocess.run([*FORMAT, str(MODULE)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"run 'ruff format --line-length 120' on the module; the diff is:\n{done.stdout}"
    assert parse_duration("1h") == 3600, "the module must also work: parse_duration('1h') should be 3600"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1h30m", 5400),
        ("2d", 172_800),
        ("45s", 45),
        ("90", 90),
        ("1d 1h 1m 1s", 90_061),
        ("1H30M", 5400),
        ("  15m ", 900),
        ("0s", 0),
    ],
)
def test_parse_duration(text: str, want: int) -> None:
    got = parse_duration(text)
    assert got == want, f"parse_duration({text!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1x", "30m1h", "1h1h", "-5s", "1.5h", "1h  30m", "h", "\u0661\u0662s", "5 s"],
)
def test_parse_duration_rejects_bad_text(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "want"),
    [(0, "0s"), (59, "59s"), (60, "1m"), (5400, "1h30m"), (86_400, "1d"), (90_061, "1d1h1m1s"), (3_601, "1h1s")],
)
def test_format_duration_round_trips(seconds: int, want: str) -> None:
    got = format_duration(seconds)
    assert got == want, f"format_duration({seconds}) should be {want!r}, got {got!r}"
    assert parse_duration(got) == seconds, f"parse_duration(format_duration({seconds})) should give {seconds} back"


def test_format_duration_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)


def test_load_timeouts(tmp_path: Path) -> None:
    path = tmp_path / "timeouts.conf"
    path.write_text("# service timeouts\n\ndb.connect = 5s\nhttp_read=1m30s\n  # indented comment\ncache = 250\n")
    got = load_timeouts(path)
    want = {"db.connect": 5, "http_read": 90, "cache": 250}
    assert got == want, f"load_timeouts should return {want!r}, got {got!r}"
    assert list(got) == list(want), "keep the file order"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a = 1s\nb 2s\n", 2),
        ("a = 1s\n\nBad = 2s\n", 3),
        ("a = 1s\na = 2s\n", 2),
        ("# c\na = soon\n", 2),
        ("= 5s\n", 1),
    ],
)
def test_load_timeouts_reports_the_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "timeouts.conf"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=f"line {line}"):
        load_timeouts(path)


def test_load_timeouts_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_timeouts(tmp_path / "nope.conf")
