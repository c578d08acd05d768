"""A learner's whole journey on stage-05: new, solve, check, milestones, push, clone back."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git, solve, tags
from typer.testing import CliRunner

from scaffolder import curriculum
from scaffolder.cli import app

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-05")
runner = CliRunner()


@pytest.mark.slow
def test_new_solve_check_push_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["new", "stage-05"])
    assert made.exit_code == 0, made.output
    repo = tmp_path / STAGE.folder
    solution = BUNDLED.solution_dir(STAGE)
    start = f"{STAGE.id}/start"

    # 1. Nothing solved: check fails, and records no exercise milestone.
    first = runner.invoke(app, ["check", str(repo)])
    assert first.exit_code == 1, first.output
    assert tags(repo) == [start]

    # 2. One exercise solved: exactly its milestone appears, on a commit holding the solution.
    one = STAGE.exercises[0]
    solve(repo, solution, one.module)
    second = runner.invoke(app, ["check", str(repo)])
    assert second.exit_code == 1, second.output
    assert tags(repo) == sorted([start, f"{STAGE.id}/{one.id}"])
    tagged = git(repo, "show", f"{STAGE.id}/{one.id}:{one.module}")
    assert tagged == (solution / one.module).read_text().rstrip("\n")
    message = git(repo, "tag", "--list", "--format=%(contents)", f"{STAGE.id}/{one.id}")
    assert f"exercise: {one.id}" in message and "tests-digest: sha256:" in message
    assert git(repo, "status", "--porcelain") == "", "check commits the work it records"

    # 3. All solved: check passes and records every exercise and `complete`.
    solve(repo, solution)
    third = runner.invoke(app, ["check", str(repo)])
    assert third.exit_code == 0, third.output
    expected = sorted([start, f"{STAGE.id}/complete", *(f"{STAGE.id}/{e.id}" for e in STAGE.exercises)])
    assert tags(repo) == expected
    for name in expected:
        assert git(repo, "cat-file", "-t", name) == "tag", f"{name} should be an annotated tag"
    first_tag_target = git(repo, "rev-parse", f"{STAGE.id}/{one.id}^{{commit}}")

    # 4. Check again: nothing new, nothing moved.
    head = git(repo, "rev-parse", "HEAD")
    fourth = runner.invoke(app, ["check", str(repo)])
    assert fourth.exit_code == 0, fourth.output
    assert tags(repo) == expected
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "rev-parse", f"{STAGE.id}/{one.id}^{{commit}}") == first_tag_target

    # 5. Push to a bare remote on disk and clone it back: every milestone travels.
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    pushed = runner.invoke(app, ["push", str(repo), "--remote", str(remote)])
    assert pushed.exit_code == 0, pushed.output
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))
    assert tags(clone) == expected
    assert git(clone, "rev-parse", "HEAD") == head

    # The clone is a practice repo too: check agrees and records nothing new.
    again = runner.invoke(app, ["check", str(clone)])
    assert again.exit_code == 0, again.output
    assert tags(clone) == expected
