"""Every stage with exercises: each starter fails its tests, each solution passes them, nothing is orphaned."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import solve

from scaffolder import checker, curriculum, practice_repo
from scaffolder.render import new_practice_repo

BUNDLED = curriculum.load()
WITH_EXERCISES = BUNDLED.with_exercises()
TEACHING_FAILURE = re.compile(r"\b(AssertionError|NotImplementedError)\b|^assert ", re.MULTILINE)


def _cache(path: Path) -> bool:
    """Return whether a path is a tool's cache (bytecode, pytest, ruff), which is never part of a stage."""
    return any(part in ("__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache") for part in path.parts)


def _render(stage: curriculum.Stage, tmp_path: Path) -> practice_repo.PracticeRepo:
    made = new_practice_repo(BUNDLED, stage, tmp_path / stage.folder)
    return practice_repo.find(made.path)


@pytest.mark.slow
@pytest.mark.parametrize("stage", WITH_EXERCISES, ids=lambda s: s.id)
def test_starters_fail_by_assertion_and_solutions_pass(stage: curriculum.Stage, tmp_path: Path) -> None:
    repo = _render(stage, tmp_path)

    starter = checker.run_tests(repo, stage, timeout=300)
    for result in starter.results:
        name = result.exercise.id
        assert result.total >= 3, f"{name}: needs several test cases, found {result.total}"
        for case in result.cases:
            assert case.outcome == "failure", f"{name}: {case.name} should fail on the starter, got {case.outcome}"
            text = f"{case.message}\n{case.details}"
            assert TEACHING_FAILURE.search(text), f"{name}: {case.name} fails for the wrong reason:\n{text[:500]}"

    solve(repo.root, BUNDLED.solution_dir(stage))
    solved = checker.run_tests(repo, stage, timeout=300)
    for result in solved.results:
        failure = result.first_failure
        assert result.status == "passed", f"{result.exercise.id}: solution fails {failure and failure.name}: " + (
            failure.details[:800] if failure else "no tests ran"
        )
    assert solved.exit_code == 0


@pytest.mark.parametrize("stage", WITH_EXERCISES, ids=lambda s: s.id)
def test_every_exercise_has_its_files(stage: curriculum.Stage) -> None:
    template = BUNDLED.template_dir(stage)
    solution = BUNDLED.solution_dir(stage)
    for exercise in stage.exercises:
        assert (template / exercise.module).is_file(), f"{exercise.id}: no starter {exercise.module}"
        assert (template / exercise.test_file).is_file(), f"{exercise.id}: no tests {exercise.test_file}"
        assert (solution / exercise.module).is_file(), f"{exercise.id}: no solution {exercise.module}"


@pytest.mark.parametrize("stage", WITH_EXERCISES, ids=lambda s: s.id)
def test_no_file_is_orphaned(stage: curriculum.Stage) -> None:
    template = BUNDLED.template_dir(stage)
    tests = {e.test_file for e in stage.exercises}
    found = {str(p.relative_to(template)) for p in template.glob("tests/test_*.py")}
    assert found == tests, f"test files without an exercise: {sorted(found - tests)}"
    for path in BUNDLED.solution_dir(stage).rglob("*"):
        if path.is_file() and not _cache(path):
            relative = path.relative_to(BUNDLED.solution_dir(stage))
            assert (template / relative).is_file(), f"solution file {relative} has no starter to replace"
    for path in template.rglob("*"):
        assert not (path.is_file() and path.suffix == ".jinja"), f"{path}: stage overlays hold plain files only"
    assert not (template / "src/practice/__init__.py").exists(), "the base template provides src/practice/__init__.py"


def test_no_folder_is_orphaned() -> None:
    folders = {s.folder for s in WITH_EXERCISES}
    for kind in ("templates/stages", "solutions"):
        present = {p.name for p in (BUNDLED.root / kind).iterdir() if p.is_dir()}
        assert present == folders, f"{kind}: folders without a stage: {sorted(present - folders)}"


def test_no_file_is_duplicated_across_stages() -> None:
    for kind in ("templates/stages", "solutions"):
        base = BUNDLED.root / kind
        seen: dict[str, Path] = {}
        for path in sorted(base.rglob("*")):
            if not path.is_file() or _cache(path) or path.stat().st_size == 0:
                continue
            first = seen.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
            same_stage = first.relative_to(base).parts[0] == path.relative_to(base).parts[0]
            assert same_stage, f"{path} repeats {first}; share it through templates/base instead"
