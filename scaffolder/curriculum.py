"""Load stages.yaml into frozen records and find stages by id, number or slug."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder.errors import CurriculumError, UnknownExerciseError, UnknownStageError

FORMAT_VERSION = 1
STAGE_ID = re.compile(r"stage-(\d{2})")
EXERCISE_ID = re.compile(r"ex(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COURSE_KINDS = ("docs", "book", "course", "video", "article")
CURRICULUM_ENV = "ROADMAP_CURRICULUM"


@dataclass(frozen=True)
class Course:
    """A resource worth the learner's time."""

    title: str
    url: str
    kind: str
    free: bool


@dataclass(frozen=True)
class Exercise:
    """One exercise of a stage: a starter module and the test file that grades it."""

    id: str
    title: str
    summary: str
    hints: tuple[str, ...]

    @property
    def number(self) -> int:
        """Return the exercise's position in its stage, starting at 1."""
        return int(self.id[2:4])

    @property
    def module(self) -> str:
        """Return the starter module's path inside a practice repo."""
        return f"src/practice/{self.id[5:].replace('-', '_')}.py"

    @property
    def test_file(self) -> str:
        """Return the test file's path inside a practice repo."""
        return f"tests/test_{self.id.replace('-', '_')}.py"


@dataclass(frozen=True)
class Stage:
    """One stage of the roadmap."""

    id: str
    slug: str
    title: str
    why: str
    weeks: int
    skills: tuple[str, ...]
    courses: tuple[Course, ...]
    tasks: tuple[str, ...]
    requires: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()
    exercises: tuple[Exercise, ...] = ()

    @property
    def number(self) -> int:
        """Return the stage's position in the roadmap, starting at 1."""
        return int(self.id[6:])

    @property
    def folder(self) -> str:
        """Return the folder name of the stage's template and solution."""
        return f"{self.id}-{self.slug}"

    def exercise(self, name: str) -> Exercise:
        """Return the exercise named by id (`ex02-generators`), prefix (`ex02`) or number."""
        wanted = name.strip().lower()
        for exercise in self.exercises:
            if wanted in (exercise.id, exercise.id[:4], str(exercise.number), f"{exercise.number:02d}"):
                return exercise
        known = ", ".join(e.id for e in self.exercises) or "none"
        raise UnknownExerciseError(f"{self.id} has no exercise {name!r}; its exercises are: {known}")


@dataclass(frozen=True)
class Curriculum:
    """Every stage, in roadmap order, and the folder that holds their templates."""

    root: Path
    stages: tuple[Stage, ...] = field(default_factory=tuple)

    @property
    def base_template(self) -> Path:
        """Return the template every practice repo shares."""
        return self.root / "templates" / "base"

    @property
    def runs_code(self) -> bool:
        """Return whether the templates run commands when rendered (Copier tasks or migrations)."""
        try:
            settings = (self.base_template / "copier.yml").read_text(encoding="utf-8")
        except OSError:
            return False
        return bool(re.search(r"^_(tasks|migrations)\s*:", settings, re.MULTILINE))

    def template_dir(self, stage: Stage) -> Path:
        """Return the folder holding the stage's starter code and tests."""
        return self.root / "templates" / "stages" / stage.folder

    def solution_dir(self, stage: Stage) -> Path:
        """Return the folder holding the stage's reference solution."""
        return self.root / "solutions" / stage.folder

    def with_exercises(self) -> tuple[Stage, ...]:
        """Return the stages a learner can start a practice repo for."""
        return tuple(stage for stage in self.stages if stage.exercises)

    def stage(self, name: str) -> Stage:
        """Return the stage named by id (`stage-05`), number (`5`, `05`) or slug (`python`)."""
        wanted = name.strip().lower()
        if wanted.isdigit():
            wanted = f"stage-{int(wanted):02d}"
        for stage in self.stages:
            if wanted in (stage.id, stage.slug, stage.folder):
                return stage
        raise UnknownStageError(f"{name!r} is not a stage of the roadmap; try `roadmap list`")


def bundled_root() -> Path:
    """Return the folder holding the curriculum that ships with roadmap."""
    here = Path(__file__).resolve().parent
    installed = here / "bundled"
    return installed if (installed / "stages.yaml").is_file() else here.parent


def curriculum_root(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the curriculum folder: an explicit one, then $ROADMAP_CURRICULUM, then the bundled one."""
    chosen = override or os.environ.get(CURRICULUM_ENV)
    return Path(chosen).expanduser().resolve() if chosen else bundled_root()


def load(root: str | os.PathLike[str] | None = None) -> Curriculum:
    """Read and validate stages.yaml from a curriculum folder."""
    folder = curriculum_root(root)
    path = folder / "stages.yaml"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CurriculumError(f"no stages.yaml in {folder}") from None
    except OSError as error:
        raise CurriculumError(f"cannot read {path}: {error}") from None
    stages = _cached(data)
    if stages is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CurriculumError(f"cannot read {path}: {error}") from None
        stages = _stages(_parse_yaml(text, path), path.name)
        _remember(data, stages)
    curriculum = Curriculum(root=folder, stages=stages)
    _check_folders(curriculum, path.name)
    return curriculum


def _cache_file(data: bytes) -> Path:
    import zlib

    from scaffolder.data_folder import data_dir

    return data_dir() / "cache" / f"stages-{FORMAT_VERSION}-{len(data)}-{zlib.crc32(data):08x}.pickle"


def _cached(data: bytes) -> tuple[Stage, ...] | None:
    """Return the stages parsed from exactly these bytes before, skipping YAML parsing (it dominates `list`)."""
    import pickle

    try:
        source, stages = pickle.loads(_cache_file(data).read_bytes())
    except Exception:
        return None
    # The file name is only a quick key; the bytes it was parsed from must match exactly.
    if source != data or not isinstance(stages, tuple) or not all(isinstance(s, Stage) for s in stages):
        return None
    return stages


def _remember(data: bytes, stages: tuple[Stage, ...]) -> None:
    import pickle
    import tempfile

    target = _cache_file(data)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as handle:
            handle.write(pickle.dumps((data, stages), protocol=pickle.HIGHEST_PROTOCOL))
        Path(handle.name).replace(target)
    except OSError:
        pass  # a cache that cannot be written only costs the next run some time


def _parse_yaml(text: str, path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = error.problem or error.context or "invalid YAML"
        raise CurriculumError(f"{path.name} is not valid YAML{where}: {problem}") from None
    except yaml.YAMLError as error:
        raise CurriculumError(f"{path.name} is not valid YAML: {error}") from None


class _Fields:
    """Reads typed fields from one mapping and names the place in every error."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise CurriculumError(f"{where} must be a mapping of fields, got {_kind(data)}")
        self.data = data
        self.where = where

    def fail(self, name: str, problem: str) -> CurriculumError:
        return CurriculumError(f"{self.where}: field '{name}' {problem}")

    def text(self, name: str, pattern: re.Pattern[str] | None = None) -> str:
        value = self.data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, f"must be non-empty text, got {_kind(value)}")
        if pattern and not pattern.fullmatch(value):
            raise self.fail(name, f"has the wrong form: {value!r}")
        return value.strip()

    def texts(self, name: str, minimum: int = 0, maximum: int | None = None) -> tuple[str, ...]:
        value = self.data.get(name, [] if minimum == 0 else None)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, f"must be a list of non-empty texts, got {_kind(value)}")
        if len(value) < minimum or (maximum is not None and len(value) > maximum):
            wanted = f"{minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
            raise self.fail(name, f"needs {wanted} entries, has {len(value)}")
        return tuple(v.strip() for v in value)

    def whole(self, name: str) -> int:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(name, f"must be a whole number of at least 1, got {value!r}")
        return value

    def items(self, name: str) -> list[Any]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self.fail(name, f"must be a list, got {_kind(value)}")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: f"{value!r}"}.get(type(value), repr(value))


def _stages(document: Any, name: str) -> tuple[Stage, ...]:
    top = _Fields(document, name)
    if document.get("format_version") != FORMAT_VERSION:
        raise top.fail("format_version", f"must be {FORMAT_VERSION}, got {document.get('format_version')!r}")
    entries = top.items("stages")
    if not entries:
        raise top.fail("stages", "must list at least one stage")
    stages: list[Stage] = []
    for position, entry in enumerate(entries, start=1):
        label = entry["id"] if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"stage #{position}"
        stage = _stage(_Fields(entry, f"{name}: {label}"))
        if stage.number != position:
            raise CurriculumError(
                f"{name}: stage {stage.id} is entry {position}; stages must be in order stage-01, stage-02, ..."
            )
        stages.append(stage)
    seen: set[str] = set()
    for stage in stages:
        if stage.slug in seen:
            raise CurriculumError(f"{name}: stage {stage.id}: slug {stage.slug!r} is used twice")
        seen.add(stage.slug)
        unknown = [r for r in stage.requires if r not in {s.id for s in stages}]
        if unknown:
            raise CurriculumError(f"{name}: stage {stage.id}: field 'requires' names unknown stage {unknown[0]!r}")
    return tuple(stages)


def _stage(fields: _Fields) -> Stage:
    stage_id = fields.text("id", STAGE_ID)
    exercises: list[Exercise] = []
    for position, entry in enumerate(fields.items("exercises"), start=1):
        exercise = _exercise(_Fields(entry, f"{fields.where}: exercise #{position}"))
        if exercise.number != position:
            raise CurriculumError(
                f"{fields.where}: exercise {exercise.id} is entry {position}; number exercises ex01, ex02, ... in order"
            )
        if any(e.module == exercise.module for e in exercises):
            raise CurriculumError(
                f"{fields.where}: exercise id {exercise.id!r} repeats the name of an earlier exercise"
            )
        exercises.append(exercise)
    return Stage(
        id=stage_id,
        slug=fields.text("slug", SLUG),
        title=fields.text("title"),
        why=fields.text("why"),
        weeks=fields.whole("weeks"),
        skills=fields.texts("skills", minimum=1),
        courses=tuple(
            _course(_Fields(c, f"{fields.where}: course #{i}")) for i, c in enumerate(fields.items("courses"), 1)
        ),
        tasks=fields.texts("tasks"),
        requires=fields.texts("requires"),
        dependencies=fields.texts("dependencies"),
        exercises=tuple(exercises),
    )


def _exercise(fields: _Fields) -> Exercise:
    return Exercise(
        id=fields.text("id", EXERCISE_ID),
        title=fields.text("title"),
        summary=fields.text("summary"),
        hints=fields.texts("hints", minimum=1, maximum=3),
    )


def _course(fields: _Fields) -> Course:
    url = fields.text("url")
    if not url.startswith(("https://", "http://")):
        raise fields.fail("url", f"must be a web address, got {url!r}")
    kind = fields.text("kind")
    if kind not in COURSE_KINDS:
        raise fields.fail("kind", f"must be one of {', '.join(COURSE_KINDS)}, got {kind!r}")
    free = fields.data.get("free")
    if not isinstance(free, bool):
        raise fields.fail("free", f"must be true or false, got {free!r}")
    return Course(title=fields.text("title"), url=url, kind=kind, free=free)


def _check_folders(curriculum: Curriculum, name: str) -> None:
    for stage in curriculum.with_exercises():
        for label, folder in (
            ("template", curriculum.template_dir(stage)),
            ("solution", curriculum.solution_dir(stage)),
        ):
            if not folder.is_dir():
                raise CurriculumError(f"{name}: stage {stage.id} has exercises but no {label} folder {folder}")
    if not curriculum.base_template.is_dir():
        raise CurriculumError(f"the curriculum at {curriculum.root} has no templates/base folder")
