"""`roadmap update`: curriculum fixes reach a practice repo, and the learner's code survives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import git, solve, tags
from typer.testing import CliRunner

import scaffolder
from scaffolder import curriculum, template_store
from scaffolder.cli import app

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")
FIRST, SECOND = STAGE.exercises[0], STAGE.exercises[1]
NEW_ID = f"ex{len(STAGE.exercises) + 1:02d}-error-budget"
runner = CliRunner()


@pytest.fixture
def fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the curriculum at version 0.1.0 that the test can change into version 0.2.0."""
    root = tmp_path / "curriculum"
    for part in ("templates", "solutions"):
        shutil.copytree(BUNDLED.root / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(BUNDLED.root / "stages.yaml", root / "stages.yaml")
    monkeypatch.setenv(curriculum.CURRICULUM_ENV, str(root))
    monkeypatch.setattr(scaffolder, "__version__", "0.1.0")
    return root


@pytest.fixture
def repo(fork: Path, tmp_path: Path) -> Path:
    made = runner.invoke(app, ["new", STAGE.id, str(tmp_path / "practice")])
    assert made.exit_code == 0, made.output
    path = tmp_path / "practice"
    solve(path, fork / "solutions" / STAGE.folder, FIRST.module)
    checked = runner.invoke(app, ["check", str(path)])
    assert f"Milestone recorded: {STAGE.id}/{FIRST.id}" in checked.output, checked.output
    return path


def release_b(fork: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 0.2.0: a fixed test, a new README paragraph, and a new exercise."""
    template = fork / "templates" / "stages" / STAGE.folder
    test_file = template / SECOND.test_file
    test_file.write_text(test_file.read_text() + "\n\ndef test_added_in_the_fix():\n    assert True\n")
    data = yaml.safe_load((fork / "stages.yaml").read_text())
    entry = data["stages"][0]
    entry["why"] += " A paragraph added in version two."
    entry["exercises"].append(
        {"id": NEW_ID, "title": "Error budgets", "summary": "Spend an error budget.", "hints": ["one", "two"]}
    )
    (fork / "stages.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    module = "error_budget.py"
    (template / "src" / "practice" / module).write_text(
        'def remaining(budget: float, spent: float) -> float:\n    raise NotImplementedError("budget - spent")\n'
    )
    (template / "tests" / f"test_{NEW_ID.replace('-', '_')}.py").write_text(
        "from practice.error_budget import remaining\n\n\n"
        "def test_remaining():\n    assert remaining(1.0, 0.25) == 0.75\n"
    )
    (fork / "solutions" / STAGE.folder / "src" / "practice" / module).write_text(
        "def remaining(budget: float, spent: float) -> float:\n    return budget - spent\n"
    )
    monkeypatch.setattr(scaffolder, "__version__", "0.2.0")


def test_update_brings_the_fix_and_keeps_the_learners_code(
    repo: Path, fork: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner_code = (repo / FIRST.module).read_text()
    release_b(fork, monkeypatch)

    result = runner.invoke(app, ["update", str(repo)])
    assert result.exit_code == 0, result.output
    assert "from curriculum 0.1.0+stage-01 to 0.2.0+stage-01" in result.output
    assert SECOND.test_file in result.output and "README.md" in result.output

    assert (repo / FIRST.module).read_text() == learner_code, "the learner's code is kept"
    assert "A paragraph added in version two." in (repo / "README.md").read_text()
    assert "test_added_in_the_fix" in (repo / SECOND.test_file).read_text()
    assert "0.2.0+stage-01" in (repo / ".copier-answers.yml").read_text()
    assert git(repo, "status", "--porcelain") == ""
    assert f"{STAGE.id}/{FIRST.id}" in tags(repo), "milestones stay"

    solve(repo, fork / "solutions" / STAGE.folder, SECOND.module)
    checked = runner.invoke(app, ["check", str(repo), "--json"])
    ids = [e["id"] for e in __import__("json").loads(checked.output)["exercises"]]
    assert ids[-1] == NEW_ID, "check lists the new exercise"
    assert f"{STAGE.id}/{SECOND.id}" in tags(repo), "the updated test file is the shipped one, so it counts"


def test_update_reports_a_conflict_and_commits_nothing(repo: Path, fork: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = repo / "README.md"
    readme.write_text(readme.read_text().replace(STAGE.title, "My own title", 1))
    git(repo, "commit", "--quiet", "-am", "Rename the README title")
    head = git(repo, "rev-parse", "HEAD")
    data = yaml.safe_load((fork / "stages.yaml").read_text())
    data["stages"][0]["title"] = "A renamed first stage"
    (fork / "stages.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    monkeypatch.setattr(scaffolder, "__version__", "0.2.0")

    result = runner.invoke(app, ["update", str(repo)])
    assert result.exit_code == 1, result.output
    assert "conflict  README.md" in result.output
    assert "<<<<<<< before updating" in readme.read_text()
    assert git(repo, "rev-parse", "HEAD") == head, "nothing is committed over a conflict"


def test_dry_run_changes_nothing(repo: Path, fork: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release_b(fork, monkeypatch)
    head = git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["update", str(repo), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would update" in result.output and SECOND.test_file in result.output
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""
    assert "0.1.0+stage-01" in (repo / ".copier-answers.yml").read_text()


def test_update_refuses_a_dirty_tree(repo: Path, fork: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release_b(fork, monkeypatch)
    (repo / FIRST.module).write_text("# half-done\n")
    result = runner.invoke(app, ["update", str(repo)])
    assert result.exit_code == 2, result.output
    assert "uncommitted changes" in result.output and FIRST.module in result.output
    assert (repo / FIRST.module).read_text() == "# half-done\n"
    assert "0.1.0+stage-01" in (repo / ".copier-answers.yml").read_text()


def test_up_to_date(repo: Path) -> None:
    result = runner.invoke(app, ["update", str(repo)])
    assert result.exit_code == 0, result.output
    assert "nothing to update" in result.output


def test_a_lost_old_version_gets_a_clear_message(
    repo: Path, fork: Path, monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    shutil.rmtree(isolated / "roadmap-data")
    release_b(fork, monkeypatch)
    result = runner.invoke(app, ["update", str(repo)])
    assert result.exit_code == 2, result.output
    assert "no longer in the template store" in result.output
    assert "Traceback" not in result.output


def test_new_rebuilds_a_deleted_store(fork: Path, tmp_path: Path, isolated: Path) -> None:
    assert runner.invoke(app, ["new", STAGE.id, str(tmp_path / "a")]).exit_code == 0
    shutil.rmtree(isolated / "roadmap-data")
    made = runner.invoke(app, ["new", STAGE.id, str(tmp_path / "b")])
    assert made.exit_code == 0, made.output
    assert (isolated / "roadmap-data" / "templates" / ".git").is_dir()


def test_the_store_follows_every_change_to_a_template(fork: Path) -> None:
    taught = curriculum.load(fork)
    stage = taught.stage(STAGE.id)
    first = template_store.ensure(taught, stage)
    assert template_store.ensure(taught, stage) == first

    module = taught.template_dir(stage) / STAGE.exercises[0].module
    original = module.read_text()
    module.write_text(original + "\n# changed without a version bump\n")
    changed = template_store.ensure(taught, stage)
    assert changed.ref != first.ref and changed.ref.startswith(f"0.1.0+{STAGE.id}.")
    shown = git(changed.store, "show", f"{changed.ref}:{STAGE.exercises[0].module}")
    assert shown.endswith("# changed without a version bump")

    module.write_text(original)
    assert template_store.ensure(taught, stage) == first
    module.chmod(0o755)
    assert template_store.ensure(taught, stage).ref not in (first.ref, changed.ref)
    module.chmod(0o644)

    git(first.store, "tag", "--delete", first.ref)  # the store lost a version: it is committed again
    assert template_store.ensure(taught, stage) == first
    assert git(first.store, "rev-parse", f"{first.ref}^{{tree}}")
