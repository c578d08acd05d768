"""The practice repo's workflow writes each exercise's result to the GitHub job summary, as `check` sees it."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import git, solve

from scaffolder import checker, curriculum
from scaffolder.render import new_practice_repo

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")
MARKS = {"passed": "✅ passed", "failed": "❌ failed", "missing": "⚠️ no tests ran"}


def _steps(repo: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Return the workflow's test step and summary step."""
    flow = yaml.safe_load((repo / ".github" / "workflows" / "ci.yml").read_text())
    (job,) = flow["jobs"].values()
    tests, summary = job["steps"][-2:]
    return tests, summary


def _run_step(step: dict[str, str], repo: Path, summary_file: Path) -> subprocess.CompletedProcess[str]:
    """Run a workflow step's command as the runner would, with this interpreter as `python`."""
    command = shlex.split(step["run"])
    assert command[0] == "python", step["run"]
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary_file)}
    return subprocess.run(
        [sys.executable, *command[1:]], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_the_summary_table_agrees_with_check(tmp_path: Path) -> None:
    repo = new_practice_repo(BUNDLED, STAGE, tmp_path / STAGE.folder).path
    solve(repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module, STAGE.exercises[2].module)
    tests_step, summary_step = _steps(repo)
    assert summary_step["if"] == "always()", "the summary is written when the tests fail too"
    summary_file = tmp_path / "step-summary.md"
    summary_file.write_text("written by an earlier step\n")

    ran = _run_step(tests_step, repo, summary_file)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    report = repo / ".roadmap" / "report.xml"
    assert report.is_file()
    assert git(repo, "status", "--porcelain", "--", ".roadmap") == "", "the report is ignored by git"
    written = _run_step(summary_step, repo, summary_file)
    assert written.returncode == 0, written.stdout + written.stderr

    text = summary_file.read_text(encoding="utf-8")
    assert text.startswith("written by an earlier step\n"), "GitHub's summary file is appended to"
    expected = [
        f"| {r.exercise.id}: {r.exercise.title} | {MARKS[r.status]} | {r.passed}/{r.total} |"
        for r in checker.map_results(report, STAGE)
    ]
    rows = [line for line in text.splitlines() if re.match(r"\| ex\d\d-", line)]
    assert rows == expected
    assert [line.split(" | ")[1] for line in rows] == ["✅ passed", "❌ failed", "✅ passed", "❌ failed"]
    assert f"## {STAGE.id}: {STAGE.title}" in text
    assert "| exercise | status | tests |" in text
    assert "2 of 4 exercises pass." in text
    second = STAGE.exercises[1]
    assert f"Next: `{second.id}`, in `{second.module}`." in text

    solve(repo, BUNDLED.solution_dir(STAGE))
    assert _run_step(tests_step, repo, summary_file).returncode == 0
    summary_file.write_text("")
    assert _run_step(summary_step, repo, summary_file).returncode == 0
    solved = summary_file.read_text(encoding="utf-8")
    assert solved.count("✅ passed") == len(STAGE.exercises) and "Every exercise passes." in solved


def test_without_a_report_the_summary_says_the_tests_did_not_run(tmp_path: Path) -> None:
    repo = new_practice_repo(BUNDLED, STAGE, tmp_path / STAGE.folder).path
    _, summary_step = _steps(repo)
    summary_file = tmp_path / "step-summary.md"
    written = _run_step(summary_step, repo, summary_file)
    assert written.returncode == 0, written.stdout + written.stderr
    assert "No test report at `.roadmap/report.xml`: the tests did not run." in summary_file.read_text()


def test_without_github_the_summary_goes_to_stdout(tmp_path: Path) -> None:
    repo = new_practice_repo(BUNDLED, STAGE, tmp_path / STAGE.folder).path
    report = tmp_path / "report.xml"
    first = STAGE.exercises[0]
    classname = Path(first.test_file).with_suffix("").as_posix().replace("/", ".")
    report.write_text(
        '<testsuites><testsuite name="pytest">'
        f'<testcase classname="{classname}" name="test_one"/>'
        f'<testcase classname="{classname}" name="test_two"><failure message="no"/></testcase>'
        "</testsuite></testsuites>"
    )
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    result = subprocess.run(
        [sys.executable, ".github/exercise_summary.py", str(report)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"| {first.id}: {first.title} | ❌ failed | 1/2 |" in result.stdout, "mapped by classname (xunit2)"
    assert f"| {STAGE.exercises[1].id}: {STAGE.exercises[1].title} | ⚠️ no tests ran | 0/0 |" in result.stdout
