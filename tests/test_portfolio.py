"""`roadmap portfolio`: Markdown for a GitHub profile README, from the milestones under a workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git, refused, solve
from typer.testing import CliRunner

from scaffolder import curriculum, portfolio
from scaffolder.cli import app
from scaffolder.render import new_practice_repo

BUNDLED = curriculum.load()
DONE = BUNDLED.stage("stage-01")
STARTED = BUNDLED.stage("stage-02")
runner = CliRunner()


def _tag_date(repo: Path, tag: str) -> str:
    return git(repo, "for-each-ref", "--format=%(creatordate:short)", f"refs/tags/{tag}")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with stage-01 complete (GitHub origin), stage-02 one exercise in, and a fresh copy of stage-02."""
    folder = tmp_path / "practice"
    done = new_practice_repo(BUNDLED, DONE, folder / DONE.folder).path
    solve(done, BUNDLED.solution_dir(DONE))
    assert runner.invoke(app, ["check", str(done)]).exit_code == 0
    git(done, "remote", "add", "origin", f"git@github.com:ada/{DONE.folder}.git")

    started = new_practice_repo(BUNDLED, STARTED, folder / STARTED.folder).path
    solve(started, BUNDLED.solution_dir(STARTED), STARTED.exercises[0].module)
    assert runner.invoke(app, ["check", str(started)]).exit_code == 1
    git(started, "remote", "add", "origin", str(tmp_path / "somewhere-on-disk.git"))

    new_practice_repo(BUNDLED, STARTED, folder / "again" / STARTED.folder)
    return folder


@pytest.mark.slow
def test_portfolio_lists_started_and_completed_stages(workspace: Path) -> None:
    found = portfolio.build(BUNDLED, workspace)
    assert [(s.stage.id, s.state, s.done, s.total) for s in found.stages] == [
        (DONE.id, "complete", len(DONE.exercises), len(DONE.exercises)),
        (STARTED.id, "in progress", 1, len(STARTED.exercises)),
    ], "one entry per stage: the repo furthest along"
    done, started = found.stages
    assert done.repository == f"https://github.com/ada/{DONE.folder}"
    assert started.repository is None, "a path on disk is no link for a profile"
    assert done.skills == DONE.skills and started.skills == ()
    assert found.picture is None

    text = portfolio.markdown(found)
    repo = workspace / DONE.folder
    assert f"1 of {len(BUNDLED.stages)} stages complete, 1 in progress." in text
    assert f"### Stage 1: {DONE.title}" in text and f"### Stage 2: {STARTED.title}" in text
    assert f"finished {_tag_date(repo, f'{DONE.id}/complete')}" in text
    assert f"(started {_tag_date(repo, f'{DONE.id}/start')})" in text
    assert f"[ada/{DONE.folder}](https://github.com/ada/{DONE.folder})" in text
    assert all(f"- {skill}" in text for skill in DONE.skills)
    assert not any(f"- {skill}" in text for skill in STARTED.skills)
    assert f"In progress: 1 of {len(STARTED.exercises)} exercises" in text
    assert "roadmap.svg" not in text
    assert text.index(DONE.title) < text.index(STARTED.title)

    (workspace / "roadmap.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    pictured = portfolio.markdown(portfolio.build(BUNDLED, workspace))
    assert "![Progress through the backend developer roadmap](roadmap.svg)" in pictured


@pytest.mark.slow
def test_portfolio_command_prints_or_writes(workspace: Path, tmp_path: Path) -> None:
    printed = runner.invoke(app, ["portfolio", str(workspace)])
    assert printed.exit_code == 0, printed.output
    assert printed.output.startswith("## Backend developer roadmap\n")
    target = tmp_path / "profile.md"
    written = runner.invoke(app, ["portfolio", str(workspace), "--output", str(target)])
    assert written.exit_code == 0, written.output
    assert written.output.strip() == f"Wrote {target}: 1 stage(s) complete, 1 in progress"
    assert target.read_text(encoding="utf-8") == printed.output


def test_portfolio_of_an_empty_workspace(tmp_path: Path) -> None:
    result = runner.invoke(app, ["portfolio", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "No started stage under" in result.output


def test_portfolio_of_a_missing_workspace(tmp_path: Path) -> None:
    refused(runner.invoke(app, ["portfolio", str(tmp_path / "nowhere")]), "is not a folder")


def test_portfolio_into_a_missing_folder(tmp_path: Path) -> None:
    new_practice_repo(BUNDLED, DONE, tmp_path / "ws" / DONE.folder)
    result = runner.invoke(app, ["portfolio", str(tmp_path / "ws"), "-o", str(tmp_path / "no" / "such" / "p.md")])
    refused(result, "cannot write")
