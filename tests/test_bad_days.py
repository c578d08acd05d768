"""Bad input and faults, across the commands: one clear message, exit code 2, nothing lost or half-written."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import git, solve, tags
from typer.testing import CliRunner

from scaffolder import curriculum
from scaffolder.cli import app

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")
runner = CliRunner()


@dataclass
class Scene:
    """A workspace with one practice repo, for a fault to be staged in."""

    root: Path
    repo: Path
    monkeypatch: pytest.MonkeyPatch

    def fork(self, edit: Callable[[dict], None] | None = None, base_settings: str = "") -> Path:
        """Point roadmap at a changed copy of the curriculum."""
        fork = self.root.parent / "fork"
        if not fork.exists():
            for part in ("templates", "solutions"):
                shutil.copytree(BUNDLED.root / part, fork / part, ignore=shutil.ignore_patterns("__pycache__"))
        data = yaml.safe_load((BUNDLED.root / "stages.yaml").read_text())
        if edit:
            edit(data)
        (fork / "stages.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        if base_settings:
            copier_yml = fork / "templates" / "base" / "copier.yml"
            copier_yml.write_text(copier_yml.read_text() + base_settings)
        self.monkeypatch.setenv(curriculum.CURRICULUM_ENV, str(fork))
        return fork


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One rendered practice repo, copied for every case (rendering it each time is slow)."""
    home = tmp_path_factory.mktemp("pristine-home")
    config = home / ".gitconfig"
    config.write_text("[user]\n\tname = Ada Learner\n\temail = ada@example.com\n")
    env = {**os.environ, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1",
           "ROADMAP_DATA_DIR": str(home / "data")}  # fmt: skip
    env.pop(curriculum.CURRICULUM_ENV, None)
    folder = tmp_path_factory.mktemp("pristine")
    subprocess.run([sys.executable, "-m", "scaffolder", "new", STAGE.id, "repo"], cwd=folder, env=env, check=True)
    return folder / "repo"


@pytest.fixture
def scene(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scene:
    root = tmp_path / "work space"
    root.mkdir()
    repo = root / "stage-01 practice"
    shutil.copytree(pristine, repo, symlinks=True)
    monkeypatch.chdir(root)
    return Scene(root, repo, monkeypatch)


def state(root: Path) -> dict[str, str]:
    """Everything a learner could lose: every file's content, and each repo's HEAD, tags and index."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        if {".git", ".pytest_cache", "__pycache__"} & set(path.parts):
            continue  # git's own files are compared below; caches are not the learner's work
        found[relative] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    for marker in root.rglob(".git"):
        repo = marker.parent
        name = str(repo.relative_to(root))
        found[f"{name}:HEAD"] = git(repo, "rev-parse", "HEAD")
        found[f"{name}:tags"] = " ".join(tags(repo))
        found[f"{name}:status"] = git(repo, "status", "--porcelain")
        found[f"{name}:remotes"] = git(repo, "remote", "-v")
    return found


def _repo(s: Scene) -> str:
    return str(s.repo)


def _file_in_the_way(s: Scene) -> list[str]:
    (s.root / "notes.txt").write_text("mine")
    return ["new", "1", "notes.txt"]


def _not_empty(s: Scene) -> list[str]:
    (s.root / "taken").mkdir()
    (s.root / "taken" / "keep.md").write_text("keep me")
    return ["new", "1", "taken"]


def _read_only(s: Scene) -> list[str]:
    if os.geteuid() == 0:
        return ["new", "1", "/sys/roadmap-practice"]  # a read-only file system, even for root
    locked = s.root / "locked"
    locked.mkdir(mode=0o500)
    return ["new", "1", str(locked / "repo")]


def _without_git(command: list[str]) -> Callable[[Scene], list[str]]:
    def stage(s: Scene) -> list[str]:
        s.monkeypatch.setenv("PATH", str(s.root / "no tools"))
        return [part.replace("REPO", str(s.repo)) for part in command]

    return stage


def _syntax_error(s: Scene) -> list[str]:
    fork = s.fork()
    (fork / "stages.yaml").write_text("format_version: 1\nstages:\n  - id: stage-01\n   slug: bad indent\n")
    return ["new", "1", "fresh"]


def _schema_error(s: Scene) -> list[str]:
    s.fork(lambda d: d["stages"][6].__setitem__("courses", [{"title": "x", "url": "https://x.org", "kind": "tv"}]))
    return ["list"]


def _unknown_requires(s: Scene) -> list[str]:
    s.fork(lambda d: d["stages"][1].__setitem__("requires", ["stage-00"]))
    return ["show", "2"]


def _no_stages_file(s: Scene) -> list[str]:
    empty = s.root.parent / "empty-curriculum"
    empty.mkdir()
    return ["--curriculum", str(empty), "list"]


def _stage_gone(s: Scene) -> list[str]:
    def rename(d: dict) -> None:
        d["stages"][0]["id"] = "stage-01"
        d["stages"][0]["slug"] = "renamed"

    fork = s.fork(rename)
    shutil.move(fork / "templates" / "stages" / STAGE.folder, fork / "templates" / "stages" / "stage-01-renamed")
    shutil.move(fork / "solutions" / STAGE.folder, fork / "solutions" / "stage-01-renamed")
    (s.repo / ".copier-answers.yml").write_text("_commit: 0.1.0+stage-42\n")
    git(s.repo, "commit", "--quiet", "-am", "point at a stage that does not exist")
    return ["check", str(s.repo)]


def _no_answers(s: Scene) -> list[str]:
    (s.repo / ".copier-answers.yml").write_text("# emptied\n")
    git(s.repo, "commit", "--quiet", "-am", "empty the answers")
    return ["check", str(s.repo)]


def _hanging(s: Scene) -> list[str]:
    module = s.repo / STAGE.exercises[0].module
    module.write_text(module.read_text() + "\nwhile True:\n    pass\n")
    return ["check", str(s.repo), "--timeout", "3"]


def _detached_with_a_pass(s: Scene) -> list[str]:
    git(s.repo, "checkout", "--quiet", "--detach")
    solve(s.repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    return ["check", str(s.repo)]


def _identity_gone_with_a_pass(s: Scene) -> list[str]:
    config = Path(os.environ["GIT_CONFIG_GLOBAL"])
    config.write_text("")
    s.monkeypatch.setenv("EMAIL", "")
    solve(s.repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    return ["check", str(s.repo)]


def _push_bad_url(s: Scene) -> list[str]:
    return ["push", str(s.repo), "--remote", str(s.root.parent / "no-such-remote.git")]


def _detached_push(s: Scene) -> list[str]:
    git(s.repo, "checkout", "--quiet", "--detach")
    bare = s.root.parent / "bare.git"
    git(s.root.parent, "init", "--bare", "--quiet", str(bare))
    return ["push", str(s.repo), "--remote", str(bare)]


def _dirty_update(s: Scene) -> list[str]:
    (s.repo / STAGE.exercises[0].module).write_text("# half-done\n")
    return ["update", str(s.repo)]


def _untrusted(command: list[str]) -> Callable[[Scene], list[str]]:
    def stage(s: Scene) -> list[str]:
        s.fork(base_settings="_tasks:\n  - touch pwned\n")
        return [part.replace("REPO", str(s.repo)) for part in command]

    return stage


def _locked_solution(s: Scene) -> list[str]:
    return ["solution", "1", "--path", str(s.repo)]


def _plain(command: list[str]) -> Callable[[Scene], list[str]]:
    return lambda s: [part.replace("REPO", str(s.repo)) for part in command]


def _outside(command: list[str]) -> Callable[[Scene], list[str]]:
    def stage(s: Scene) -> list[str]:
        (s.root / "elsewhere").mkdir()
        s.monkeypatch.chdir(s.root / "elsewhere")
        return command

    return stage


CASES: list[tuple[str, Callable[[Scene], list[str]], str]] = [
    ("new-unknown-stage", _plain(["new", "stage-99"]), "'stage-99' is not a stage of the roadmap"),
    ("new-stage-zero", _plain(["new", "0"]), "is not a stage of the roadmap"),
    ("show-unknown-slug", _plain(["show", "kubernetes"]), "'kubernetes' is not a stage"),
    ("new-into-a-file", _file_in_the_way, "is a file"),
    ("new-into-a-full-folder", _not_empty, "already exists and is not empty"),
    ("new-read-only", _read_only, "cannot write in"),
    ("new-without-git", _without_git(["new", "1", "fresh"]), "git is not installed"),
    ("check-without-git", _without_git(["check", "REPO"]), "git is not installed"),
    ("push-without-git", _without_git(["push", "REPO"]), "git is not installed"),
    ("yaml-syntax-error", _syntax_error, "stages.yaml is not valid YAML at line 4"),
    ("yaml-schema-error", _schema_error, "stage-07: course #1: field 'kind' must be one of"),
    ("yaml-unknown-requires", _unknown_requires, "stage-02: field 'requires' names unknown stage 'stage-00'"),
    ("no-stages-file", _no_stages_file, "no stages.yaml in"),
    ("check-outside-a-repo", _outside(["check"]), "is not inside a practice repo"),
    ("hint-outside-a-repo", _outside(["hint"]), "is not inside a practice repo"),
    ("status-missing-folder", _plain(["status", "no-such-folder"]), "is not a folder"),
    ("check-missing-path", _plain(["check", "no-such-repo"]), "does not exist"),
    ("check-answers-emptied", _no_answers, "is not inside a practice repo"),
    ("check-stage-not-in-curriculum", _stage_gone, "'stage-42' is not a stage of the roadmap"),
    ("check-hanging-code", _hanging, "did not finish within 3 s"),
    ("check-detached-head", _detached_with_a_pass, "detached HEAD"),
    ("check-identity-gone", _identity_gone_with_a_pass, "git config --global user.name"),
    ("hint-unknown-exercise", _plain(["hint", "ex42", "--path", "REPO"]), "has no exercise 'ex42'"),
    ("reset-unknown-exercise", _plain(["reset", "nine", "--path", "REPO"]), "has no exercise 'nine'"),
    ("solution-not-earned", _locked_solution, "has not passed yet"),
    ("push-no-remote", _plain(["push", "REPO"]), "has no remote called origin"),
    ("push-unreachable-remote", _push_bad_url, "git push failed"),
    ("push-detached-head", _detached_push, "detached HEAD"),
    ("update-dirty-tree", _dirty_update, "uncommitted changes"),
    ("new-untrusted-tasks", _untrusted(["new", "1", "fresh"]), "run again with `roadmap --trust"),
    ("update-untrusted-tasks", _untrusted(["update", "REPO"]), "run again with `roadmap --trust"),
]


@pytest.mark.parametrize(("name", "stage_fault", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_fault_gets_one_clear_message_and_loses_nothing(
    scene: Scene, name: str, stage_fault: Callable[[Scene], list[str]], message: str
) -> None:
    args = stage_fault(scene)
    before = state(scene.root)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, f"{name}: {result.output}"
    assert message in result.output, f"{name}: {result.output}"
    assert "Traceback" not in result.output, result.output
    assert result.output.count("roadmap: ") == 1, result.output
    assert state(scene.root) == before, f"{name} changed or left files behind"
    assert not list(scene.root.parent.glob("**/*.roadmap-*")), "no half-written folder is left"


def test_there_are_at_least_25_cases() -> None:
    assert len(CASES) >= 25


def test_sigterm_during_new_leaves_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "ROADMAP_SLOW_RENDER_FOR_TESTS": "", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_NEW, STAGE.id, str(tmp_path / "target")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".target.roadmap-*/repo/README.md")):
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "the render never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 130, output
    assert "interrupted" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no destination and no temporary folder"


# Runs `roadmap new` with a render that pauses once the files are written, so the signal lands mid-way.
_SLOW_NEW = """
import sys, time
from scaffolder import render
from scaffolder.__main__ import main
original = render._start
def slow_start(repo, *args):
    time.sleep(30)
    return original(repo, *args)
render._start = slow_start
sys.argv = ["roadmap", "new", *sys.argv[1:]]
main()
"""


def test_two_checks_at_once_record_each_milestone_once(scene: Scene) -> None:
    solve(scene.repo, BUNDLED.solution_dir(STAGE))
    command = [sys.executable, "-m", "scaffolder", "check", str(scene.repo)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    expected = sorted([f"{STAGE.id}/start", f"{STAGE.id}/complete", *(f"{STAGE.id}/{e.id}" for e in STAGE.exercises)])
    assert tags(scene.repo) == expected
    recorded = "".join(outputs).count("Milestone recorded:")
    assert recorded == len(STAGE.exercises) + 1, outputs
    assert git(scene.repo, "status", "--porcelain") == ""
    assert git(scene.repo, "fsck", "--no-progress") == ""


def test_a_repo_whose_branch_is_not_main(scene: Scene, tmp_path: Path) -> None:
    git(scene.repo, "branch", "--move", "trunk")
    solve(scene.repo, BUNDLED.solution_dir(STAGE), STAGE.exercises[0].module)
    checked = runner.invoke(app, ["check", str(scene.repo)])
    assert checked.exit_code == 1, checked.output
    assert git(scene.repo, "branch", "--show-current") == "trunk"
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "--quiet", str(bare))
    pushed = runner.invoke(app, ["push", str(scene.repo), "--remote", str(bare)])
    assert pushed.exit_code == 0, pushed.output
    assert "Pushed trunk" in pushed.output
    assert git(bare, "rev-parse", "trunk") == git(scene.repo, "rev-parse", "HEAD")


def test_reset_saves_the_learners_version_first(scene: Scene) -> None:
    first = STAGE.exercises[0]
    starter = (scene.repo / first.module).read_text()
    (scene.repo / first.module).write_text("# my attempt\n")
    result = runner.invoke(app, ["reset", first.id, "--path", str(scene.repo)])
    assert result.exit_code == 0, result.output
    assert (scene.repo / first.module).read_text() == starter
    saved = result.output.split("saved in commit ")[1].split(";")[0]
    assert git(scene.repo, "show", f"{saved}:{first.module}") == "# my attempt"
    assert git(scene.repo, "status", "--porcelain") == ""


def test_solution_is_shown_once_earned_or_forced(scene: Scene) -> None:
    first = STAGE.exercises[0]
    reference = (BUNDLED.solution_dir(STAGE) / first.module).read_text()
    forced = runner.invoke(app, ["solution", first.id, "--path", str(scene.repo), "--force"])
    assert forced.exit_code == 0 and reference.strip()[:200] in forced.output
    solve(scene.repo, BUNDLED.solution_dir(STAGE), first.module)
    assert runner.invoke(app, ["check", str(scene.repo)]).exit_code == 1
    earned = runner.invoke(app, ["solution", "1", "--path", str(scene.repo)])
    assert earned.exit_code == 0, earned.output
    assert reference.strip()[:200] in earned.output


def test_trust_lets_a_curriculum_run_its_tasks(scene: Scene) -> None:
    scene.fork(base_settings="_tasks:\n  - touch task-ran\n")
    result = runner.invoke(app, ["--trust", "new", "1", "trusted"])
    assert result.exit_code == 0, result.output
    assert (scene.root / "trusted" / "task-ran").exists()
