"""Run a practice repo's tests with pytest, map them to exercises, and record milestones."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.errors import TestRunError

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from scaffolder.curriculum import Curriculum, Exercise, Stage
    from scaffolder.milestones import Milestone
    from scaffolder.practice_repo import PracticeRepo

# What pytest needs is imported at the top; the rest (git, XML, the curriculum) only once it runs,
# so the tests start as early as they can (see head_start.py).

DEFAULT_TIMEOUT = 600.0
_OUTCOMES = ("failure", "error", "skipped")


@dataclass(frozen=True)
class TestCase:
    """One test's outcome, as pytest reported it."""

    __test__ = False

    name: str
    outcome: str
    message: str = ""
    details: str = ""


@dataclass(frozen=True)
class ExerciseResult:
    """How one exercise's tests went."""

    exercise: Exercise
    cases: tuple[TestCase, ...]

    @property
    def total(self) -> int:
        """Return how many tests ran for the exercise."""
        return len(self.cases)

    @property
    def passed(self) -> int:
        """Return how many of them passed."""
        return sum(case.outcome == "passed" for case in self.cases)

    @property
    def status(self) -> str:
        """Return `passed`, `failed`, or `missing` when no test ran."""
        if not self.cases:
            return "missing"
        return (
            "passed" if all(case.outcome in ("passed", "skipped") for case in self.cases) and self.passed else "failed"
        )

    @property
    def first_failure(self) -> TestCase | None:
        """Return the first test that did not pass."""
        return next((case for case in self.cases if case.outcome in ("failure", "error")), None)


@dataclass(frozen=True)
class TestRun:
    """The outcome of one pytest run over a practice repo."""

    __test__ = False

    results: tuple[ExerciseResult, ...]
    exit_code: int
    output: str

    @property
    def all_passed(self) -> bool:
        """Return whether every exercise passed."""
        return all(result.status == "passed" for result in self.results)


@dataclass(frozen=True)
class CheckReport:
    """What `roadmap check` found and recorded."""

    repo: PracticeRepo
    stage: Stage
    run: TestRun
    recorded: tuple[str, ...] = ()
    already: tuple[str, ...] = ()
    changed_tests: dict[str, str] = field(default_factory=dict)
    commit: str | None = None

    @property
    def complete(self) -> bool:
        """Return whether every exercise passes."""
        return self.run.all_passed

    @property
    def current(self) -> ExerciseResult | None:
        """Return the first exercise that does not pass yet."""
        return next((r for r in self.run.results if r.status != "passed"), None)


class TestProcess:
    """pytest running over a practice repo in a session of its own, reporting into a scratch folder.

    Use it as a context manager: leaving the block stops pytest if it still runs and removes the folder.
    """

    __test__ = False

    def __init__(self, repo: PracticeRepo) -> None:
        self.repo = repo
        self._scratch = Path(tempfile.mkdtemp(prefix="roadmap-check-"))
        self.report = self._scratch / "report.xml"
        self.log = self._scratch / "output.txt"
        command = [
            repo.python,
            "-m",
            "pytest",
            "-v",
            "--tb=short",
            "--color=no",
            "-o",
            "junit_family=xunit1",
            f"--junitxml={self.report}",
        ]
        # pytest flushes its log as each test starts, which is all a timeout needs to name the hung test.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PY_COLORS": "0"}
        try:
            with self.log.open("wb") as sink:
                self.process = subprocess.Popen(
                    command,
                    cwd=repo.root,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=env,
                    start_new_session=True,
                )
        except OSError as error:
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise TestRunError(f"cannot start the tests with {repo.python}: {error}") from None

    def __enter__(self) -> TestProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def finish(self, stage: Stage, timeout: float) -> TestRun:
        """Wait for pytest and return each exercise's result; stop it and raise TestRunError after timeout."""
        try:
            exit_code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_session(self.process)
            hung = _running_test(self.log.read_text(encoding="utf-8", errors="replace"))
            where = f"; the test still running was {hung}" if hung else ""
            raise TestRunError(
                f"the tests did not finish within {timeout:g} s{where}. Look for an endless loop or a call that "
                "waits forever, or give more time with --timeout. No milestone was recorded."
            ) from None
        output = self.log.read_text(encoding="utf-8", errors="replace")
        if exit_code in (3, 4) or not self.report.is_file():
            tail = "\n".join(output.strip().splitlines()[-15:])
            raise TestRunError(f"pytest could not run the tests (exit code {exit_code}):\n{tail}")
        return TestRun(results=map_results(self.report, stage), exit_code=exit_code, output=output)

    def close(self) -> None:
        """Stop pytest if it still runs, and remove the scratch folder."""
        if self.process.poll() is None:
            stop_session(self.process)
        shutil.rmtree(self._scratch, ignore_errors=True)


@dataclass(frozen=True)
class StartedCheck:
    """A check under way: its tests running, and the snapshot of the files they run on."""

    tests: TestProcess
    tree: str


def start(repo: PracticeRepo) -> StartedCheck:
    """Start the repo's tests, then snapshot its files while pytest starts up."""
    tests = TestProcess(repo)
    try:
        from scaffolder import milestones

        return StartedCheck(tests, milestones.snapshot(repo.root))
    except BaseException:
        tests.close()
        raise


def check(
    curriculum: Curriculum, repo: PracticeRepo, timeout: float = DEFAULT_TIMEOUT, started: StartedCheck | None = None
) -> CheckReport:
    """Run the repo's tests and record a milestone for every exercise that passes for the first time.

    `started` is a check begun earlier for this repo (see head_start.py); otherwise one starts here.
    """
    from scaffolder import milestones

    stage = curriculum.stage(repo.stage_id)
    begun = started or start(repo)
    with begun.tests, milestones.lock(repo.root):
        existing = milestones.read(repo.root, stage.id)
        run = begun.tests.finish(stage, timeout)
        return _record(repo, stage, run, begun.tree, existing)


def run_tests(repo: PracticeRepo, stage: Stage, timeout: float = DEFAULT_TIMEOUT) -> TestRun:
    """Run the repo's tests and return each exercise's result, recording nothing."""
    with TestProcess(repo) as tests:
        return tests.finish(stage, timeout)


def stop_session(process: subprocess.Popen[bytes]) -> None:
    """Kill a process started in a session of its own, with everything it started, and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def _running_test(output: str) -> str | None:
    for line in reversed(output.splitlines()):
        if "::" in line:
            node = line.split(" ", 1)[0]
            finished = any(word in line for word in (" PASSED", " FAILED", " ERROR", " SKIPPED", " XFAIL", " XPASS"))
            return None if finished else node
    return None


def map_results(report: Path, stage: Stage) -> tuple[ExerciseResult, ...]:
    """Read pytest's JUnit XML report and group its test cases by exercise."""
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[TestCase]] = {exercise.test_file: [] for exercise in stage.exercises}
    stems = {Path(name).stem: name for name in by_file}
    for element in ET.parse(report).getroot().iter("testcase"):
        place = element.get("file") or ""
        if place not in by_file:
            dotted = (element.get("classname") or "").split(".") + (element.get("name") or "").split(".")
            place = next((stems[part] for part in dotted if part in stems), place)
        if place in by_file:
            by_file[place].append(_case(element))
    return tuple(ExerciseResult(exercise, tuple(by_file[exercise.test_file])) for exercise in stage.exercises)


def _case(element: ET.Element) -> TestCase:
    for outcome in _OUTCOMES:
        found = element.find(outcome)
        if found is not None:
            return TestCase(element.get("name", ""), outcome, found.get("message", ""), (found.text or "").strip())
    return TestCase(element.get("name", ""), "passed")


def _record(repo: PracticeRepo, stage: Stage, run: TestRun, tree: str, existing: dict[str, Milestone]) -> CheckReport:
    from scaffolder import milestones

    shipped = milestones.shipped_digests(existing)
    current = repo.test_digests(stage)
    changed = {
        r.exercise.id: r.exercise.test_file
        for r in run.results
        if shipped.get(r.exercise.id) is not None and current.get(r.exercise.id) != shipped[r.exercise.id]
    }
    due = [
        r
        for r in run.results
        if r.status == "passed" and r.exercise.id not in existing and r.exercise.id not in changed
    ]
    finish = run.all_passed and not changed and milestones.COMPLETE not in existing
    already = tuple(r.exercise.id for r in run.results if r.exercise.id in existing)
    if not due and not finish:
        return CheckReport(repo, stage, run, already=already, changed_tests=changed)
    names = ", ".join(r.exercise.id for r in due) or "all exercises"
    commit = milestones.commit_snapshot(repo.root, tree, f"{stage.id}: {names} pass{'es' if len(due) == 1 else ''}")
    recorded = []
    for result in due:
        milestones.create(
            repo.root,
            stage.id,
            result.exercise.id,
            f"{stage.id}: {result.exercise.id} passes ({result.passed}/{result.total} tests)",
            {
                "stage": stage.id,
                "exercise": result.exercise.id,
                "tests-passed": f"{result.passed}/{result.total}",
                "tests-digest": current.get(result.exercise.id, ""),
            },
            commit,
        )
        recorded.append(result.exercise.id)
    if finish:
        total = sum(r.total for r in run.results)
        milestones.create(
            repo.root,
            stage.id,
            milestones.COMPLETE,
            f"{stage.id}: every exercise passes ({total} tests)",
            {"stage": stage.id, "exercises": str(len(run.results)), "tests-passed": f"{total}/{total}"},
            commit,
        )
        recorded.append(milestones.COMPLETE)
    return CheckReport(repo, stage, run, tuple(recorded), already, changed, commit)
