"""The command line, through Typer's CliRunner: every command, and every kind of bad input."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from conftest import git, refused, solve, tags, tree_listing
from typer.testing import CliRunner

from scaffolder import __version__, curriculum, render
from scaffolder.cli import app

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")
runner = CliRunner()


def roadmap(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "practice space"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def repo(workspace: Path) -> Path:
    result = roadmap("new", STAGE.id)
    assert result.exit_code == 0, result.output
    return workspace / STAGE.folder


def test_version() -> None:
    result = roadmap("--version")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"roadmap {__version__}"


def test_no_arguments_shows_help() -> None:
    result = roadmap()
    assert "new" in result.output and "check" in result.output


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = roadmap(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example: roadmap" in result.output


def test_list_shows_all_stages(workspace: Path) -> None:
    result = roadmap("list")
    assert result.exit_code == 0, result.output
    for stage in BUNDLED.stages:
        assert stage.id in result.output


def test_list_json_includes_status_of_practice_repos(repo: Path) -> None:
    result = roadmap("list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [s.id for s in BUNDLED.stages]
    mine = next(r for r in rows if r["id"] == STAGE.id)
    assert mine["status"] == f"in progress (0/{len(STAGE.exercises)})"
    assert mine["repo"] == str(repo)


@pytest.mark.parametrize("name", ["stage-05", "5", "05", "python"])
def test_show_accepts_id_number_or_slug(name: str) -> None:
    result = roadmap("show", name)
    assert result.exit_code == 0, result.output
    stage = BUNDLED.stage("stage-05")
    assert stage.title in result.output
    assert stage.courses[0].url in result.output
    assert stage.exercises[0].id in result.output


def test_show_json() -> None:
    result = roadmap("show", "1", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "stage-01"
    assert [e["id"] for e in data["exercises"]] == [e.id for e in STAGE.exercises]


def test_new_makes_a_practice_repo_with_a_start_milestone(repo: Path) -> None:
    files = set(git(repo, "ls-files").splitlines())
    expected = {
        "README.md",
        "pyproject.toml",
        ".gitignore",
        ".copier-answers.yml",
        ".github/workflows/ci.yml",
        "src/practice/__init__.py",
    }
    expected |= {e.module for e in STAGE.exercises} | {e.test_file for e in STAGE.exercises}
    assert expected <= files
    assert tags(repo) == [f"{STAGE.id}/start"]
    assert git(repo, "cat-file", "-t", f"{STAGE.id}/start") == "tag", "milestones are annotated tags"
    assert git(repo, "status", "--porcelain") == ""
    readme = (repo / "README.md").read_text()
    assert STAGE.title in readme and STAGE.why[:40] in readme
    assert all(e.title in readme for e in STAGE.exercises)
    assert all(c.url in readme for c in STAGE.courses)
    assert "{{" not in readme


def test_new_into_a_named_folder_with_spaces_and_accents(workspace: Path) -> None:
    result = roadmap("new", "backend-basics", "mes essais/étape un")
    assert result.exit_code == 0, result.output
    assert tags(workspace / "mes essais" / "étape un") == [f"{STAGE.id}/start"]


def test_new_into_an_empty_existing_folder(workspace: Path) -> None:
    (workspace / "empty").mkdir()
    result = roadmap("new", "1", "empty")
    assert result.exit_code == 0, result.output
    assert (workspace / "empty" / "README.md").is_file()


def test_check_runs_the_tests_and_reports_the_first_failure(repo: Path) -> None:
    result = roadmap("check", str(repo))
    assert result.exit_code == 1, result.output
    assert all(e.id in result.output for e in STAGE.exercises)
    assert "First failure" in result.output and "NotImplementedError" in result.output
    assert tags(repo) == [f"{STAGE.id}/start"]


def test_check_json(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    solve(repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    monkeypatch.chdir(repo / "src")
    result = roadmap("check", "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["stage"] == STAGE.id and data["complete"] is False
    assert [e["status"] for e in data["exercises"]] == ["passed"] + ["failed"] * (len(STAGE.exercises) - 1)
    assert data["recorded"] == [STAGE.exercises[0].id]
    assert data["exercises"][1]["first_failure"]["message"]


def test_hint_reveals_one_more_each_time(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    first = STAGE.exercises[0]
    one = roadmap("hint")
    assert one.exit_code == 0, one.output
    assert first.hints[0] in one.output and first.hints[1] not in one.output
    two = roadmap("hint")
    assert first.hints[1] in two.output
    named = roadmap("hint", "2", "--all")
    assert all(h in named.output for h in STAGE.exercises[1].hints)
    unknown = roadmap("hint", "ex99")
    assert unknown.exit_code == 2 and "has no exercise" in unknown.output


def test_status_over_a_workspace(repo: Path, workspace: Path) -> None:
    solve(repo, BUNDLED.solution_dir(STAGE))
    assert roadmap("check", str(repo)).exit_code == 0
    result = roadmap("status", str(workspace), "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["stage"] == STAGE.id and row["state"] == "complete"
    assert row["done"] == row["total"] == len(STAGE.exercises)
    assert row["started"] and row["completed"] and row["weeks_planned"] == STAGE.weeks
    table = roadmap("status", str(workspace))
    assert STAGE.id in table.output and "complete" in table.output


def test_status_of_an_empty_workspace(workspace: Path) -> None:
    result = roadmap("status")
    assert result.exit_code == 0
    assert "No practice repos" in result.output


def test_push_sets_origin_and_sends_milestones(repo: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    result = roadmap("push", str(repo), "--remote", str(remote))
    assert result.exit_code == 0, result.output
    assert git(remote, "tag", "--list") == f"{STAGE.id}/start"
    assert git(remote, "rev-parse", "main") == git(repo, "rev-parse", "HEAD")


# Bad input: one readable message, exit code 2, nothing left behind or changed.


def test_new_with_an_unknown_stage(workspace: Path) -> None:
    refused(roadmap("new", "stage-99"), "'stage-99' is not a stage of the roadmap; try `roadmap list`")
    assert tree_listing(workspace) == []


def _broken_curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    root = tmp_path / "broken"
    shutil.copytree(BUNDLED.root / "templates" / "base", root / "templates" / "base")
    (root / "stages.yaml").write_text(text)
    monkeypatch.setenv(curriculum.CURRICULUM_ENV, str(root))


def test_new_with_a_yaml_syntax_error(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _broken_curriculum(tmp_path, monkeypatch, "format_version: 1\nstages:\n  - id: stage-01\n   slug: bad indent\n")
    refused(roadmap("new", "1"), "stages.yaml is not valid YAML at line 4")
    assert tree_listing(workspace) == []


def test_list_with_a_schema_error(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml.safe_load((BUNDLED.root / "stages.yaml").read_text())
    data["stages"][2]["weeks"] = "soon"
    _broken_curriculum(tmp_path, monkeypatch, yaml.safe_dump(data))
    shutil.copytree(BUNDLED.root / "templates" / "stages", tmp_path / "broken" / "templates" / "stages")
    shutil.copytree(BUNDLED.root / "solutions", tmp_path / "broken" / "solutions")
    refused(roadmap("list"), "stage-03: field 'weeks' must be a whole number")


def test_new_on_a_stage_without_exercises(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml.safe_load((BUNDLED.root / "stages.yaml").read_text())
    data["stages"][26]["exercises"] = []
    _broken_curriculum(tmp_path, monkeypatch, yaml.safe_dump(data))
    shutil.copytree(BUNDLED.root / "templates" / "stages", tmp_path / "broken" / "templates" / "stages")
    shutil.copytree(BUNDLED.root / "solutions", tmp_path / "broken" / "solutions")
    refused(roadmap("new", "27"), "stage-27")
    assert "Stages with exercises: stage-01" in roadmap("new", "27").output
    assert tree_listing(workspace) == []


def test_new_into_a_folder_that_is_not_empty(workspace: Path) -> None:
    (workspace / "taken").mkdir()
    (workspace / "taken" / "notes.txt").write_text("mine")
    refused(roadmap("new", "1", "taken"), "already exists and is not empty")
    assert tree_listing(workspace) == ["taken", "taken/notes.txt"]
    assert (workspace / "taken" / "notes.txt").read_text() == "mine"


def test_new_into_a_read_only_folder(workspace: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into read-only folders")
    locked = workspace / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        refused(roadmap("new", "1", "locked/repo"), "cannot write in")
    finally:
        locked.chmod(stat.S_IRWXU)


def test_new_into_a_file(workspace: Path) -> None:
    (workspace / "file").write_text("x")
    refused(roadmap("new", "1", "file"), "is a file")


def test_new_without_git(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools-here"))
    refused(roadmap("new", "1"), "git is not installed")
    assert tree_listing(workspace) == []


def test_without_a_git_identity_new_works_and_check_says_what_to_run(workspace: Path, no_identity: None) -> None:
    made = roadmap("new", "1")
    assert made.exit_code == 0, made.output
    assert 'git config --global user.name "Your Name"' in made.output
    repo = workspace / STAGE.folder
    assert git(repo, "log", "--format=%an <%ae>") == "roadmap <roadmap@localhost>"
    solve(repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    head = git(repo, "rev-parse", "HEAD")
    refused(roadmap("check", str(repo)), 'git config --global user.email "you@example.com"')
    assert tags(repo) == [f"{STAGE.id}/start"]
    assert git(repo, "rev-parse", "HEAD") == head


def test_an_interrupted_new_leaves_nothing(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "_start", interrupted)
    result = roadmap("new", "1", "deep/inside/repo")
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.output
    assert tree_listing(workspace) == []


def test_check_outside_a_practice_repo(workspace: Path) -> None:
    refused(roadmap("check"), "is not inside a practice repo")
    refused(roadmap("hint"), "is not inside a practice repo")
    refused(roadmap("push"), "is not inside a practice repo")


def test_check_without_git(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools-here"))
    refused(roadmap("check", str(repo)), "git is not installed")
    monkeypatch.undo()


def test_check_stops_hanging_code_and_records_nothing(repo: Path) -> None:
    module = repo / STAGE.exercises[0].module
    module.write_text(module.read_text() + "\nimport time\nwhile True:\n    time.sleep(0.05)\n")
    before = git(repo, "rev-parse", "HEAD")
    result = roadmap("check", str(repo), "--timeout", "3")
    refused(result, "did not finish within 3 s")
    assert tags(repo) == [f"{STAGE.id}/start"]
    assert git(repo, "rev-parse", "HEAD") == before


def test_check_stops_a_hanging_test_and_names_it(repo: Path) -> None:
    test_file = repo / "tests" / "test_aaa_first.py"
    test_file.write_text("def test_waits_forever():\n    import time\n    while True:\n        time.sleep(0.05)\n")
    result = roadmap("check", str(repo), "--timeout", "10")
    refused(result, "test_waits_forever")
    assert tags(repo) == [f"{STAGE.id}/start"]


def test_a_changed_test_file_blocks_its_milestone(repo: Path) -> None:
    first = STAGE.exercises[0]
    solve(repo, BUNDLED.solution_dir(STAGE), first.module)
    (repo / first.test_file).write_text((repo / first.test_file).read_text() + "\n# my edit\n")
    result = roadmap("check", str(repo))
    assert result.exit_code == 1, result.output
    assert f"No milestone for {first.id}: {first.test_file} differs" in result.output
    assert tags(repo) == [f"{STAGE.id}/start"]


def test_push_without_a_remote(repo: Path) -> None:
    refused(roadmap("push", str(repo)), "has no remote called origin")


def test_push_on_a_detached_head(repo: Path, tmp_path: Path) -> None:
    git(repo, "checkout", "--quiet", "--detach")
    remote = tmp_path / "r.git"
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    refused(roadmap("push", str(repo), "--remote", str(remote)), "detached HEAD")
