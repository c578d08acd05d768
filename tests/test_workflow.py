"""The generated GitHub Actions workflow is valid and keeps least privilege."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scaffolder import curriculum
from scaffolder.render import new_practice_repo

BUNDLED = curriculum.load()


@pytest.fixture(scope="module")
def workflows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render every stage with exercises once and return its workflow file."""
    found = {}
    for stage in BUNDLED.with_exercises():
        made = new_practice_repo(BUNDLED, stage, tmp_path_factory.mktemp("w") / stage.folder)
        found[stage.id] = made.path / ".github" / "workflows" / "ci.yml"
    return found


def test_every_workflow_passes_the_github_workflow_schema(workflows: dict[str, Path]) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows.values()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "ci.yml"
    broken.write_text("on: push\njobs:\n  test:\n    steps: []\n")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0, "a job without runs-on must be rejected"


def test_workflows_have_least_privilege(workflows: dict[str, Path]) -> None:
    for stage_id, path in workflows.items():
        flow = yaml.safe_load(path.read_text())
        assert flow["permissions"] == {"contents": "read"}, stage_id
        (job,) = flow["jobs"].values()
        assert 1 <= job["timeout-minutes"] <= 30, stage_id
        checkout = job["steps"][0]
        assert checkout["uses"] == "actions/checkout@v6", stage_id
        assert checkout["with"]["persist-credentials"] is False, stage_id
        assert any(step.get("uses") == "actions/setup-python@v6" for step in job["steps"]), stage_id
        run_tests, summary = job["steps"][-2:]
        assert run_tests["run"].startswith("python -m pytest "), "CI runs what `roadmap check` runs"
        assert "-o junit_family=xunit1 --junitxml=" in run_tests["run"], "with the report `check` reads"
        assert summary["if"] == "always()" and "exercise_summary.py" in summary["run"], stage_id


def test_workflows_install_the_stage_dependencies(workflows: dict[str, Path]) -> None:
    for stage in BUNDLED.with_exercises():
        text = workflows[stage.id].read_text()
        for requirement in stage.dependencies:
            assert f'"{requirement}"' in text, f"{stage.id}: CI does not install {requirement}"
        pyproject = (workflows[stage.id].parents[2] / "pyproject.toml").read_text()
        for requirement in stage.dependencies:
            assert f'"{requirement}"' in pyproject, f"{stage.id}: pyproject.toml lacks {requirement}"
