"""`roadmap check` starts the tests before the command line loads, and never leaves them running."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, solve, tags
from typer.testing import CliRunner

from scaffolder import curriculum, head_start
from scaffolder.cli import app

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")

# Runs roadmap as the `roadmap` command does, and reports every pytest it started: its pid, its scratch
# folder, and whether the command line (scaffolder.cli, with Typer) had been loaded by then.
_COUNTED = """
import atexit, json, sys
from scaffolder import checker
from scaffolder.__main__ import main
started = []
original = checker.TestProcess.__init__
def counted(self, repo):
    original(self, repo)
    started.append([self.process.pid, str(self.report.parent), "scaffolder.cli" in sys.modules])
checker.TestProcess.__init__ = counted
atexit.register(lambda: print("STARTED " + json.dumps(started)))
sys.argv = ["roadmap", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check"], "."),
        (["check", "repo"], "repo"),
        (["check", "--json", "--timeout", "5", "repo"], "repo"),
        (["check", "--timeout=5"], "."),
        (["--curriculum", "fork", "--trust", "check"], "."),
        (["--curriculum=fork", "check", "repo"], "repo"),
        (["check", "--help"], None),
        (["check", "-h"], None),
        (["check", "one", "two"], None),
        (["check", "--timeout"], None),
        (["check", "--verbose"], None),
        (["--version", "check"], None),
        (["status", "check"], None),
        (["list"], None),
        ([], None),
    ],
)
def test_only_a_plain_check_gets_a_head_start(argv: list[str], expected: str | None) -> None:
    found = head_start.check_path(argv)
    assert found == (None if expected is None else Path(expected))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["new", STAGE.id, "repo"])
    assert result.exit_code == 0, result.output
    return tmp_path / "repo"


def _env() -> dict[str, str]:
    """Return this test's environment (its HOME and git config), running roadmap from this checkout."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _roadmap(repo: Path, *argv: str) -> tuple[subprocess.CompletedProcess[str], list[list]]:
    result = subprocess.run(
        [sys.executable, "-c", _COUNTED, *argv], cwd=repo, env=_env(), capture_output=True, text=True, timeout=300
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("STARTED "))
    return result, json.loads(line.removeprefix("STARTED "))


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_check_takes_over_the_tests_it_started_early(repo: Path) -> None:
    solve(repo, BUNDLED.solution_dir(STAGE))
    result, started = _roadmap(repo, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(started) == 1, "the tests ran once: the head start was taken over, not repeated"
    assert started[0][2] is False, "they started before the command line loaded"
    assert f"Milestone recorded: {STAGE.id}/complete" in result.stdout
    assert f"{STAGE.id}/complete" in tags(repo)
    assert not Path(started[0][1]).exists()


def test_tests_started_early_are_stopped_when_the_command_line_is_refused(repo: Path) -> None:
    (repo / "tests" / "test_slow.py").write_text("import time\n\ndef test_slow():\n    time.sleep(600)\n")
    result, started = _roadmap(repo, "check", "--timeout", "0")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--timeout" in result.stderr and "Traceback" not in result.stderr
    assert len(started) == 1
    pid, scratch, _ = started[0]
    assert _gone(pid), "the early pytest was stopped"
    assert not Path(scratch).exists()
    assert tags(repo) == [f"{STAGE.id}/start"]


def test_hanging_code_under_a_head_start_is_stopped_and_named(repo: Path) -> None:
    # Named to run first, so the timeout finds it running however slow the machine is.
    (repo / "tests" / "test_a_slow.py").write_text("import time\n\ndef test_slow():\n    time.sleep(600)\n")
    result, started = _roadmap(repo, "check", "--timeout", "10")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "did not finish within 10 s; the test still running was tests/test_a_slow.py::test_slow" in result.stderr
    assert len(started) == 1 and _gone(started[0][0])
    assert tags(repo) == [f"{STAGE.id}/start"]


def test_help_and_other_commands_start_no_tests(repo: Path) -> None:
    for argv in (["check", "--help"], ["status"], ["hint"]):
        result, started = _roadmap(repo, *argv)
        assert result.returncode == 0, result.stdout + result.stderr
        assert started == [], argv


def test_the_command_exits_with_its_code_after_writing_everything(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "scaffolder"]
    listed = subprocess.run([*command, "list", "--json"], cwd=tmp_path, env=_env(), capture_output=True, text=True)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 27
    unknown = subprocess.run([*command, "show", "99"], cwd=tmp_path, env=_env(), capture_output=True, text=True)
    assert unknown.returncode == 2
    assert unknown.stderr == "roadmap: '99' is not a stage of the roadmap; try `roadmap list`\n"


def test_a_current_folder_that_was_deleted_gets_one_clear_message(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m scaffolder check'
    result = subprocess.run(["sh", "-c", script], env=_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "roadmap: the current folder no longer exists; cd into a folder that does and try again\n"
