"""stages.yaml: the bundled curriculum is complete, and bad files get clear errors."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import yaml

from scaffolder import curriculum
from scaffolder.errors import CurriculumError, UnknownExerciseError, UnknownStageError

BUNDLED = curriculum.load()


def test_the_roadmap_has_27_stages_in_order() -> None:
    assert [s.id for s in BUNDLED.stages] == [f"stage-{n:02d}" for n in range(1, 28)]


@pytest.mark.parametrize("stage", BUNDLED.stages, ids=lambda s: s.id)
def test_every_stage_is_described_in_full(stage: curriculum.Stage) -> None:
    assert len(stage.why.split()) >= 30, f"{stage.id}: 'why' should be a real paragraph"
    assert 1 <= stage.weeks <= 12
    assert len(stage.skills) >= 4, f"{stage.id} needs 4+ skills"
    assert len(stage.courses) >= 3, f"{stage.id} needs 3+ courses"
    assert len(stage.tasks) >= 2, f"{stage.id} needs 2+ practical tasks"
    assert all(c.url.startswith("https://") for c in stage.courses), f"{stage.id}: courses need https URLs"
    free = [c.free for c in stage.courses]
    assert free == sorted(free, reverse=True), f"{stage.id}: list free courses first"
    assert free[0], f"{stage.id}: the first course should be free"


@pytest.mark.parametrize("stage", BUNDLED.with_exercises(), ids=lambda s: s.id)
def test_every_exercise_has_progressive_hints(stage: curriculum.Stage) -> None:
    assert len(stage.exercises) >= 3
    for exercise in stage.exercises:
        assert 2 <= len(exercise.hints) <= 3, f"{exercise.id} needs 2-3 hints"
        assert len(set(exercise.hints)) == len(exercise.hints), f"{exercise.id} repeats a hint"


def test_the_first_five_stages_have_exercises() -> None:
    assert {f"stage-0{n}" for n in range(1, 6)} <= {s.id for s in BUNDLED.with_exercises()}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("stage-05", "stage-05"),
        ("5", "stage-05"),
        ("05", "stage-05"),
        ("python", "stage-05"),
        (" Stage-01 ", "stage-01"),
        ("27", "stage-27"),
        ("stage-05-python", "stage-05"),
    ],
)
def test_a_stage_is_found_by_id_number_or_slug(name: str, expected: str) -> None:
    assert BUNDLED.stage(name).id == expected


@pytest.mark.parametrize("name", ["stage-99", "0", "28", "pyth", "", "stage-5"])
def test_an_unknown_stage_says_how_to_find_one(name: str) -> None:
    with pytest.raises(UnknownStageError, match="roadmap list"):
        BUNDLED.stage(name)


def test_an_exercise_is_found_by_id_prefix_or_number() -> None:
    stage = BUNDLED.stage("5")
    first = stage.exercises[0]
    for name in (first.id, first.id[:4], "1", "01"):
        assert stage.exercise(name) == first
    with pytest.raises(UnknownExerciseError, match=first.id):
        stage.exercise("ex99")


def test_paths_come_from_ids() -> None:
    exercise = curriculum.Exercise("ex02-data-classes", "t", "s", ("h",))
    assert exercise.module == "src/practice/data_classes.py"
    assert exercise.test_file == "tests/test_ex02_data_classes.py"
    assert exercise.number == 2


def _copy_curriculum(tmp_path: Path, edit) -> Path:
    root = tmp_path / "curriculum"
    shutil.copytree(BUNDLED.root / "templates", root / "templates")
    shutil.copytree(BUNDLED.root / "solutions", root / "solutions")
    data = yaml.safe_load((BUNDLED.root / "stages.yaml").read_text())
    edit(data)
    (root / "stages.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return root


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    root = tmp_path / "curriculum"
    shutil.copytree(BUNDLED.root / "templates" / "base", root / "templates" / "base")
    (root / "stages.yaml").write_text("format_version: 1\nstages:\n  - id: stage-01\n    title: [unclosed\n")
    with pytest.raises(CurriculumError, match=r"line \d+"):
        curriculum.load(root)


def _set(path: list, value):
    def edit(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return edit


DELETE = object()
STAGES = "stages"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set([STAGES, 4, "weeks"], "four"), r"stage-05: field 'weeks' must be a whole number"),
        (_set([STAGES, 4, "title"], DELETE), r"stage-05: field 'title' must be non-empty text"),
        (_set([STAGES, 2, "skills"], "typing"), r"stage-03: field 'skills' must be a list"),
        (_set([STAGES, 0, "courses", 0, "url"], "ftp://x"), r"stage-01: course #1: field 'url' must be a web address"),
        (_set([STAGES, 0, "courses", 0, "kind"], "podcast"), r"stage-01: course #1: field 'kind' must be one of"),
        (_set([STAGES, 0, "courses", 0, "free"], "yes"), r"field 'free' must be true or false"),
        (_set([STAGES, 4, "exercises", 0, "hints"], []), r"stage-05: exercise #1: field 'hints' needs 1 to 3"),
        (_set([STAGES, 4, "exercises", 0, "id"], "Ex 1"), r"stage-05: exercise #1: field 'id' has the wrong form"),
        (_set([STAGES, 4, "exercises", 1, "id"], "ex01-again"), r"stage-05: exercise ex01-again is entry 2"),
        (_set([STAGES, 4, "requires"], ["stage-42"]), r"stage-05: field 'requires' names unknown stage 'stage-42'"),
        (_set([STAGES, 5, "slug"], "python"), r"stage-06: slug 'python' is used twice"),
        (_set([STAGES, 1, "id"], "stage-01"), r"stage stage-01 is entry 2"),
        (_set(["format_version"], 2), r"field 'format_version' must be 1"),
        (_set([STAGES], []), r"field 'stages' must list at least one stage"),
        (_set([STAGES, 3], "stage-04"), r"stage #4 must be a mapping"),
        (_set([STAGES, 4, "slug"], "renamed"), r"stage-05 has exercises but no template folder"),
    ],
)
def test_a_schema_error_names_the_stage_and_field(tmp_path: Path, edit, message: str) -> None:
    root = _copy_curriculum(tmp_path, edit)
    with pytest.raises(CurriculumError, match=message):
        curriculum.load(root)


def test_a_missing_stages_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CurriculumError, match=r"no stages\.yaml"):
        curriculum.load(tmp_path)


def test_the_environment_can_point_at_another_curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy_curriculum(tmp_path, _set([STAGES, 0, "title"], "A forked first stage"))
    monkeypatch.setenv(curriculum.CURRICULUM_ENV, str(root))
    assert curriculum.load().stages[0].title == "A forked first stage"


def test_the_parse_cache_follows_the_file_and_survives_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[Path] = []
    parse = curriculum._parse_yaml
    monkeypatch.setattr(curriculum, "_parse_yaml", lambda text, path: parsed.append(path) or parse(text, path))
    root = _copy_curriculum(tmp_path, _set([STAGES, 0, "title"], "First title"))
    stages_file = root / "stages.yaml"
    assert curriculum.load(root).stages[0].title == "First title"
    assert curriculum.load(root).stages[0].title == "First title"
    assert len(parsed) == 1  # the second load came from the cache

    stages_file.write_text(stages_file.read_text().replace("First title", "Other title"))
    assert curriculum.load(root).stages[0].title == "Other title"
    assert len(parsed) == 2

    cache = curriculum._cache_file(stages_file.read_bytes())
    cache.write_bytes(b"not a pickle")
    assert curriculum.load(root).stages[0].title == "Other title"
    assert len(parsed) == 3

    # A cache entry parsed from other bytes is never used, even under this file's name.
    cache.write_bytes(pickle.dumps((b"other bytes", BUNDLED.stages)))
    assert curriculum.load(root).stages[0].title == "Other title"
    assert len(parsed) == 4
