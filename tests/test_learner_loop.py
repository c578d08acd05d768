"""The daily loop: watch mode, the getting-started screen, plan, next, status pictures and completion."""

from __future__ import annotations

import json
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import solve, tags
from typer.testing import CliRunner

from scaffolder import curriculum
from scaffolder.cli import _complete_exercise, _complete_stage, app

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    workspace = tmp_path / "practice"
    workspace.mkdir()
    monkeypatch.chdir(workspace)
    made = runner.invoke(app, ["new", STAGE.id])
    assert made.exit_code == 0, made.output
    return workspace / STAGE.folder


class Lines:
    """Collect a process's output lines on a thread, so the test can wait for one with a deadline."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self._queue.put(line)

    def wait_for(self, text: str, count: int = 1, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while sum(text in line for line in self.seen) < count:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {text!r} x{count}:\n{''.join(self.seen)}"
            try:
                self.seen.append(self._queue.get(timeout=remaining))
            except queue.Empty:
                continue


def test_watch_reruns_on_save_and_on_enter_and_stops_on_ctrl_c(repo: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "scaffolder", "watch", str(repo)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )  # fmt: skip
    lines = Lines(process)
    try:
        lines.wait_for("exercises pass")
        lines.wait_for(f"Now: {STAGE.exercises[0].id}")
        solve(repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
        lines.wait_for(f"Milestone recorded: {STAGE.id}/{STAGE.exercises[0].id}")
        lines.wait_for(f"Now: {STAGE.exercises[1].id}")
        assert f"{STAGE.id}/{STAGE.exercises[0].id}" in tags(repo)
        assert process.stdin is not None
        process.stdin.write("\n")
        process.stdin.flush()
        lines.wait_for("exercises pass", count=3)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    lines.wait_for("Stopped watching.")
    assert process.returncode == 0, "".join(lines.seen)
    assert "Traceback" not in "".join(lines.seen)


def test_watch_stops_on_q(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scaffolder", "watch", str(repo)],
        input="q\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Stopped watching." in result.stdout


def test_roadmap_alone_shows_how_to_start() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert "roadmap new stage-05" in result.output and "roadmap check" in result.output


def test_plan_json_and_calendar(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    result = runner.invoke(
        app, ["plan", "--start", "2027-01-04", "--hours-per-week", "20", "--ics", str(ics), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["start"] == "2027-01-04" and len(data["stages"]) == 27
    assert data["stages"][4]["days"] == BUNDLED.stages[4].weeks * 7 // 2
    assert ics.read_text().count("BEGIN:VEVENT") == 27
    table = runner.invoke(app, ["plan", "--start", "2027-01-04"])
    assert "stage-27" in table.output and "Finish by" in table.output


def test_plan_rejects_bad_input() -> None:
    result = runner.invoke(app, ["plan", "--hours-per-week", "0"])
    assert result.exit_code == 2 and "--hours-per-week must be between 1 and 80" in result.output


def test_next_points_at_the_first_unfinished_exercise(repo: Path) -> None:
    workspace = repo.parent
    result = runner.invoke(app, ["next", str(workspace)])
    assert result.exit_code == 0, result.output
    assert f"{STAGE.exercises[0].id}" in result.output and "roadmap check" in result.output
    solve(repo, BUNDLED.solution_dir(STAGE))
    assert runner.invoke(app, ["check", str(repo)]).exit_code == 0
    after = runner.invoke(app, ["next", str(workspace)])
    assert "start stage-02" in after.output and "roadmap new stage-02" in after.output


def test_status_shows_pace_against_the_plan(repo: Path) -> None:
    solve(repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    runner.invoke(app, ["check", str(repo)])
    result = runner.invoke(app, ["status", str(repo.parent), "--json"])
    (row,) = json.loads(result.output)
    assert row["pace"] in ("ahead", "on track")
    assert row["planned_start"] == row["started"]
    late = runner.invoke(app, ["status", str(repo.parent), "--json", "--start", "2020-01-06"])
    assert json.loads(late.output)[0]["pace"] == "behind"


def test_status_pictures(repo: Path, tmp_path: Path) -> None:
    solve(repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    runner.invoke(app, ["check", str(repo)])
    svg = runner.invoke(app, ["status", str(repo.parent), "--format", "svg"])
    assert svg.exit_code == 0, svg.output
    groups = ET.fromstring(svg.stdout).findall("{http://www.w3.org/2000/svg}g")
    assert len(groups) == 27
    assert groups[0].get("class") == "stage in-progress" and groups[0].get("data-done") == "1"
    markdown = runner.invoke(app, ["status", str(repo.parent), "--format", "markdown"])
    assert "```mermaid" in markdown.stdout
    page = tmp_path / "roadmap.html"
    html = runner.invoke(app, ["status", str(repo.parent), "--format", "html", "--output", str(page)])
    assert html.exit_code == 0 and "<!DOCTYPE html>" in page.read_text()


def test_completion_offers_stages_and_exercises(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _complete_stage("stage-0") == [f"stage-0{n}" for n in range(1, 10)]
    assert "python" in _complete_stage("py")
    monkeypatch.chdir(repo)
    assert _complete_exercise("ex0") == [e.id for e in STAGE.exercises]
    monkeypatch.chdir(repo.parent)
    assert _complete_exercise("ex") == []


def test_spinners_stay_out_of_piped_output(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scaffolder", "check", str(repo), "--json"], capture_output=True, text=True, timeout=300
    )
    json.loads(result.stdout)
    assert "Running the tests" not in result.stderr
    assert shutil.which("git")
