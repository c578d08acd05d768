"""The `roadmap` command line: each command parses, calls one library function, prints."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaffolder import __version__, terminal
from scaffolder.errors import RoadmapError

if TYPE_CHECKING:
    from scaffolder.checker import CheckReport
    from scaffolder.cohort import Cohort, RosterEntry
    from scaffolder.curriculum import Curriculum, Stage
    from scaffolder.plan import Plan
    from scaffolder.progress import StageProgress

app = typer.Typer(
    name="roadmap",
    help="Practice the backend developer roadmap in git repositories: one stage at a time, milestones as tags.",
    no_args_is_help=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_stage(incomplete: str) -> list[str]:
    """Offer stage ids and slugs for shell completion."""
    try:
        stages = _curriculum().stages
    except RoadmapError:
        return []
    names = [name for stage in stages for name in (stage.id, stage.slug)]
    return [name for name in names if name.startswith(incomplete)]


def _complete_exercise(incomplete: str) -> list[str]:
    """Offer the exercise ids of the practice repo in the current folder for shell completion."""
    from scaffolder import practice_repo

    try:
        stage = _curriculum().stage(practice_repo.find().stage_id)
    except RoadmapError:
        return []
    return [e.id for e in stage.exercises if e.id.startswith(incomplete)]


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Workspace = Annotated[Path, typer.Argument(help="Folder holding your practice repos.", show_default="current folder")]
RepoPath = Annotated[
    Path | None, typer.Argument(help="The practice repo (default: the one you are in).", show_default=False)
]


@contextmanager
def _errors() -> Iterator[None]:
    """Turn a RoadmapError or an interruption into one readable line and an exit code."""
    try:
        yield
    except RoadmapError as error:
        terminal.stderr().print(f"roadmap: {error.message}")
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        terminal.stderr().print("roadmap: interrupted; nothing was half-written")
        raise typer.Exit(130) from None


@contextmanager
def _busy(message: str, quiet: bool = False) -> Iterator[None]:
    """Show a spinner while work runs, only on a terminal and never with machine-readable output."""
    if quiet:
        yield
        return
    with terminal.stderr().spinner(message):
        yield


def _curriculum() -> Curriculum:
    from scaffolder import curriculum

    return curriculum.load(_settings.curriculum)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _print_json(data: Any) -> None:
    sys.stdout.write(_json(data))


def _version(value: bool) -> None:
    if value:
        print(f"roadmap {__version__}")
        raise typer.Exit()


GETTING_STARTED = """roadmap: practise the backend developer roadmap in git repositories.

  roadmap list                 the 27 stages, with your status
  roadmap show 5               one stage: why, skills, courses, exercises
  roadmap new stage-05         make a practice repo: starter code, failing tests, CI
  roadmap check                run the tests; passing exercises become milestone tags
  roadmap watch                re-run the checks every time you save
  roadmap hint                 the next hint for the exercise you are on
  roadmap push --remote URL    publish the work and its milestones
  roadmap plan --hours-per-week 8   dates for every stage

Every command has --help. Start here: roadmap new stage-05"""


@app.callback(invoke_without_command=True)
def main(
    context: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    curriculum: Annotated[
        Path | None,
        typer.Option(
            "--curriculum",
            envvar="ROADMAP_CURRICULUM",
            help="A curriculum folder (stages.yaml, templates/, solutions/) to use instead of the bundled one.",
            show_default=False,
        ),
    ] = None,
    trust: Annotated[
        bool, typer.Option("--trust", help="Allow a curriculum's templates to run Copier tasks and migrations.")
    ] = False,
) -> None:
    """Practice the backend developer roadmap in git repositories.

    Start with `roadmap list`, then `roadmap new stage-05`.
    """
    _settings.curriculum = curriculum
    _settings.trust = trust
    if context.invoked_subcommand is None:
        terminal.stdout().print(GETTING_STARTED)


@dataclass
class _Settings:
    """Options given before the command, for every command."""

    curriculum: Path | None = None
    trust: bool = False


_settings = _Settings()


@app.command("list")
def list_stages(
    workspace: Workspace = Path("."),
    as_json: JsonOption = False,
) -> None:
    """List the 27 stages with their weeks, exercises and your status.

    Example: roadmap list ~/practice
    """
    from scaffolder import progress

    with _errors():
        curriculum = _curriculum()
        found = {p.stage.id: p for p in progress.of_workspace(curriculum, workspace)}
    rows = [_stage_row(stage, found.get(stage.id)) for stage in curriculum.stages]
    if as_json:
        _print_json(rows)
        return
    headings = ("stage", "title", "weeks", "exercises", "status")
    table = terminal.Table.of("The backend developer roadmap", headings, right=("weeks", "exercises"))
    for row in rows:
        table.add(row["id"], row["title"], str(row["weeks"]), str(row["exercises"] or "-"), row["status"])
    terminal.stdout().table(table)


def _stage_row(stage: Stage, found: StageProgress | None) -> dict[str, Any]:
    status = "" if not stage.exercises else "not started"
    if found is not None:
        status = f"{found.state} ({len(found.done)}/{found.total})"
    return {
        "id": stage.id,
        "slug": stage.slug,
        "title": stage.title,
        "weeks": stage.weeks,
        "exercises": len(stage.exercises),
        "status": status,
        "repo": str(found.repo.root) if found else None,
    }


@app.command()
def show(
    stage: Annotated[
        str, typer.Argument(help="Stage id, number or slug: stage-05, 5, 05 or python.", autocompletion=_complete_stage)
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one stage: why it matters, skills, courses, tasks and exercises.

    Example: roadmap show 5
    """
    from dataclasses import asdict

    with _errors():
        chosen = _curriculum().stage(stage)
    if as_json:
        _print_json({**asdict(chosen), "number": chosen.number, "folder": chosen.folder})
        return
    out = terminal.stdout()
    out.print(f"{out.style(f'{chosen.id}: {chosen.title}', 'bold')}  ({chosen.weeks} weeks)\n")
    out.print(chosen.why)
    sections: list[tuple[str, list[str]]] = [
        ("Skills", list(chosen.skills)),
        ("Courses", [f"{c.title} ({c.kind}{', free' if c.free else ''}): {c.url}" for c in chosen.courses]),
        ("Practical tasks", list(chosen.tasks)),
        ("Exercises", [f"{e.id}: {e.title}. {e.summary}" for e in chosen.exercises] or ["none yet"]),
    ]
    if chosen.requires:
        sections.insert(0, ("Requires", list(chosen.requires)))
    for title, lines in sections:
        out.print("\n" + out.style(title, "bold"))
        for line in lines:
            out.print(f"  - {line}")
    if chosen.exercises:
        out.print(f"\nStart it with: roadmap new {chosen.id}")


@app.command()
def new(
    stage: Annotated[
        str, typer.Argument(help="Stage id, number or slug: stage-05, 5, 05 or python.", autocompletion=_complete_stage)
    ],
    destination: Annotated[
        Path | None, typer.Argument(help="Folder for the practice repo.", show_default="./<stage-id>-<slug>")
    ] = None,
) -> None:
    """Create a practice repo for a stage: starter code, failing tests, CI, first commit.

    Example: roadmap new stage-05 ~/practice/stage-05-python
    """
    from scaffolder.render import new_practice_repo

    with _errors():
        curriculum = _curriculum()
        chosen = curriculum.stage(stage)
        with _busy(f"Rendering {chosen.id}..."):
            made = new_practice_repo(curriculum, chosen, destination, trust=_settings.trust)
    out = terminal.stdout()
    out.print(f"Created {made.path} for {chosen.id}: {chosen.title}")
    out.print(f"  {len(made.files)} files, {len(chosen.exercises)} exercises, milestone tag {chosen.id}/start")
    out.print("\nNext:")
    out.print(f"  cd {shlex.quote(str(made.path))}")
    out.print(f"  open {chosen.exercises[0].module} and read its docstrings")
    out.print("  roadmap check        # run the tests, record milestones")
    if made.identity_missing:
        out.print("\nBefore `roadmap check` can record your work, tell git who you are:")
        out.print('  git config --global user.name "Your Name"')
        out.print('  git config --global user.email "you@example.com"')


@app.command()
def check(
    path: RepoPath = None,
    timeout: Annotated[float, typer.Option(help="Seconds before hanging tests are stopped.", min=1)] = 600,
    as_json: JsonOption = False,
) -> None:
    """Run the stage's tests, show each exercise, and record milestones for those that pass.

    Exits 0 when every exercise passes, 1 while some still fail.

    Example: roadmap check --timeout 120
    """
    from scaffolder import checker, head_start, practice_repo

    with _errors():
        curriculum = _curriculum()
        repo = practice_repo.find(path)
        with _busy("Running the tests...", quiet=as_json):
            report = checker.check(curriculum, repo, timeout=timeout, started=head_start.take(repo))
    if as_json:
        _print_json(_check_json(report))
    else:
        _print_check(report)
    raise typer.Exit(0 if report.complete else 1)


def _check_json(report: CheckReport) -> dict[str, Any]:
    return {
        "stage": report.stage.id,
        "repo": str(report.repo.root),
        "complete": report.complete,
        "exercises": [
            {
                "id": r.exercise.id,
                "title": r.exercise.title,
                "status": r.status,
                "passed": r.passed,
                "total": r.total,
                "first_failure": (
                    {"test": r.first_failure.name, "message": r.first_failure.message} if r.first_failure else None
                ),
            }
            for r in report.run.results
        ],
        "recorded": list(report.recorded),
        "changed_tests": report.changed_tests,
    }


def _print_check(report: CheckReport) -> None:
    out = terminal.stdout()
    table = terminal.Table.of(f"{report.stage.id}: {report.stage.title}", ("exercise", "status", "tests"))
    marks = {"passed": ("passed", "green"), "failed": ("failed", "red"), "missing": ("no tests", "yellow")}
    for result in report.run.results:
        label = result.exercise.id + (" (tests changed)" if result.exercise.id in report.changed_tests else "")
        table.add(label, terminal.Cell(*marks[result.status]), f"{result.passed}/{result.total}")
    out.table(table)
    for name in report.recorded:
        out.print(f"Milestone recorded: {report.stage.id}/{name}")
    for exercise_id, test_file in report.changed_tests.items():
        out.print(
            f"No milestone for {exercise_id}: {test_file} differs from the one the curriculum shipped; "
            f"restore it with `git checkout {report.stage.id}/start -- {test_file}`"
        )
    current = report.current
    if current is None:
        out.print("\nEvery exercise passes. Publish it: roadmap push --remote <your GitHub repo URL>")
        return
    failure = current.first_failure
    out.print(f"\nNext: {current.exercise.id}: {current.exercise.title} (edit {current.exercise.module})")
    if failure is not None:
        out.print(f"\nFirst failure: {failure.name}")
        out.print(_trim(failure.details or failure.message))
    elif current.status == "missing":
        out.print(f"No test ran for it; is {current.exercise.test_file} there?")
    out.print("\nStuck? roadmap hint")


def _trim(text: str, lines: int = 25) -> str:
    kept = text.strip().splitlines()
    return "\n".join(kept if len(kept) <= lines else ["...", *kept[-lines:]])


@app.command()
def hint(
    exercise: Annotated[
        str | None,
        typer.Argument(
            help="Exercise id or number (default: the one you are on).",
            show_default=False,
            autocompletion=_complete_exercise,
        ),
    ] = None,
    path: Annotated[Path | None, typer.Option(help="The practice repo (default: the one you are in).")] = None,
    reveal_all: Annotated[bool, typer.Option("--all", help="Show every hint at once.")] = False,
) -> None:
    """Show the next hint for the current (or named) exercise; each call reveals one more.

    Example: roadmap hint ex02
    """
    from scaffolder import hints, practice_repo

    with _errors():
        curriculum = _curriculum()
        found = hints.next_hint(curriculum, practice_repo.find(path), exercise, reveal_all)
    out = terminal.stdout()
    out.print(f"{found.exercise.id}: {found.exercise.title}")
    for number, text in enumerate(found.revealed, start=1):
        out.print(f"  Hint {number}/{found.total}: {text}")
    if len(found.revealed) < found.total:
        out.print("  Run `roadmap hint` again for the next one.")


class Format(StrEnum):
    """How `status` shows progress."""

    table = "table"
    json = "json"
    svg = "svg"
    markdown = "markdown"
    html = "html"


@app.command()
def status(
    workspace: Workspace = Path("."),
    as_json: JsonOption = False,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table, json, or a picture: svg, markdown (with Mermaid), html.")
    ] = Format.table,
    start: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="Plan start (default: your first start milestone).", show_default=False
        ),
    ] = None,
    hours_per_week: Annotated[float, typer.Option(help="Hours a week you practise, for the plan.")] = 10,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead.")] = None,
) -> None:
    """Show progress over every practice repo under a folder: done/total, dates, and pace against your plan.

    Each stage shows ahead, on track or behind, comparing its exercises done with the time
    its slot in the plan (see `roadmap plan`) has run.

    Example: roadmap status ~/practice --format svg --output roadmap.svg
    """
    from scaffolder import plan, progress

    with _errors():
        curriculum = _curriculum()
        found = progress.of_workspace(curriculum, workspace)
        first = min((p.started for p in found if p.started), default=None)
        begin = start.date() if start else (first.date() if first else date.today())
        schedule = plan.make_plan(curriculum, begin, hours_per_week)
    chosen = Format.json if as_json else format
    if chosen in (Format.svg, Format.markdown, Format.html):
        from scaffolder import picture

        states = picture.stage_states(curriculum, found)
        text = {Format.svg: picture.svg, Format.markdown: picture.markdown, Format.html: picture.html}[chosen](states)
        _emit(text, output)
        return
    today = date.today()
    rows = [_progress_row(p, schedule, today) for p in found]
    if chosen is Format.json:
        _emit(_json(rows), output)
        return
    out = terminal.stdout()
    if not rows:
        out.print(f"No practice repos under {workspace.resolve()}. Start one with `roadmap new stage-05`.")
        return
    headings = ("stage", "state", "done", "started", "completed", "pace", "weeks", "repo")
    # Ids and dates never wrap; on a narrow terminal the repo path folds instead.
    table = terminal.Table.of(f"Practice repos under {workspace.resolve()}", headings, unwrapped=headings[:-1])
    for row in rows:
        taken = row["weeks_taken"] if row["weeks_taken"] is not None else "-"
        table.add(
            row["stage"], row["state"], f"{row['done']}/{row['total']}", row["started"] or "-",
            row["completed"] or "-", row["pace"], f"{taken} of {row['weeks_planned']}", _short(row["repo"], workspace),
        )  # fmt: skip
    out.table(table)
    out.print(f"Plan from {begin.isoformat()} at {hours_per_week:g} hours a week; see `roadmap plan`.")


def _short(path: str, workspace: Path) -> str:
    """Return a repo's path relative to the workspace when it is inside it."""
    try:
        return str(Path(path).relative_to(workspace.resolve()))
    except ValueError:
        return path


def _write(path: Path, text: str) -> None:
    try:
        path.expanduser().write_text(text, encoding="utf-8")
    except OSError as error:
        raise RoadmapError(f"cannot write {path}: {error.strerror or error}") from None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with _errors():
        _write(output, text)
    terminal.stderr().print(f"Wrote {output}")


def _progress_row(found: StageProgress, schedule: Plan, today: date) -> dict[str, Any]:
    from scaffolder.plan import pace

    slot = schedule.slot(found.stage.id)
    return {
        "stage": found.stage.id,
        "title": found.stage.title,
        "state": found.state if found.problem is None else f"unreadable: {found.problem}",
        "done": len(found.done),
        "total": found.total,
        "exercises_done": list(found.done),
        "started": found.started.date().isoformat() if found.started else None,
        "completed": found.completed.date().isoformat() if found.completed else None,
        "planned_start": slot.start.isoformat(),
        "planned_end": slot.end.isoformat(),
        "pace": pace(slot, len(found.done), found.total, found.completed, today),
        "weeks_planned": found.stage.weeks,
        "weeks_taken": found.weeks_taken,
        "repo": str(found.repo.root),
    }


@app.command()
def plan(
    start: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First day (default: today).", show_default=False)
    ] = None,
    hours_per_week: Annotated[float, typer.Option(help="Hours a week you can practise.")] = 10,
    ics: Annotated[Path | None, typer.Option(help="Also write the plan as an iCalendar file to import.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Plan all 27 stages with dates, scaling the suggested weeks (at 10 hours a week) to your hours.

    Example: roadmap plan --start 2027-01-04 --hours-per-week 6 --ics roadmap.ics
    """
    from scaffolder import plan as planner

    with _errors():
        made = planner.make_plan(_curriculum(), start.date() if start else date.today(), hours_per_week)
        events = planner.write_calendar(made, ics) if ics else 0
    rows = [
        {"stage": s.stage.id, "title": s.stage.title, "start": s.start.isoformat(), "end": s.end.isoformat(),
         "days": s.days, "suggested_weeks": s.stage.weeks}
        for s in made.stages
    ]  # fmt: skip
    if as_json:
        _print_json({"start": made.start.isoformat(), "end": made.end.isoformat(), "hours_per_week": hours_per_week,
                     "stages": rows})  # fmt: skip
        return
    headings = ("stage", "title", "from", "to", "weeks")
    table = terminal.Table.of(f"Your roadmap at {hours_per_week:g} hours a week", headings, right=("weeks",))
    for row in rows:
        table.add(row["stage"], row["title"], row["start"], row["end"], f"{row['days'] / 7:.1f}")
    out = terminal.stdout()
    out.table(table)
    out.print(f"Finish by {made.end.isoformat()}.")
    if ics:
        out.print(f"Wrote {events} calendar events to {ics}")


@app.command("next")
def next_exercise(workspace: Workspace = Path(".")) -> None:
    """Show the first unfinished exercise across your practice repos, and the command to continue.

    Example: roadmap next ~/practice
    """
    from scaffolder import progress

    with _errors():
        step = progress.next_step(_curriculum(), workspace)
    out = terminal.stdout()
    if step is None:
        out.print("Every stage is complete. Well done.")
    elif step.repo is None:
        out.print(f"Next: start {step.stage.id}: {step.stage.title}")
        out.print(f"  {step.command}")
    else:
        exercise = step.stage.exercise(step.exercise_id or "1")
        out.print(f"Next: {step.stage.id} {exercise.id}: {exercise.title} (edit {exercise.module})")
        out.print(f"  {step.command}")


@app.command()
def watch(
    path: RepoPath = None,
    timeout: Annotated[float, typer.Option(help="Seconds before hanging tests are stopped.", min=1)] = 600,
    poll: Annotated[
        bool, typer.Option("--poll", help="Poll for changes, for network drives and setups where file events miss.")
    ] = False,
) -> None:
    """Re-run the checks whenever you save a file in src/ or tests/, recording milestones as check does.

    Press Enter to re-run by hand, q and Enter (or Ctrl-C) to stop.

    Example: roadmap watch
    """
    import threading

    from scaffolder import practice_repo
    from scaffolder.watcher import watch_checks

    with _errors():
        curriculum = _curriculum()
        repo = practice_repo.find(path)
    rerun, stop = threading.Event(), threading.Event()
    threading.Thread(target=_read_keys, args=(rerun, stop), daemon=True).start()
    out = terminal.stdout()
    out.print(f"Watching {repo.root} (src/ and tests/). Enter re-runs, q stops.")
    try:
        for event in watch_checks(curriculum, repo, timeout=timeout, poll=poll, rerun=rerun, stop=stop):
            if event.changed:
                out.print(f"\nChanged: {', '.join(event.changed)}")
            if event.problem is not None:
                terminal.stderr().print(f"roadmap: {event.problem.message}")
            elif event.report is not None:
                _print_watch(event.report)
    except KeyboardInterrupt:
        pass
    out.print("Stopped watching.")


def _read_keys(rerun: Any, stop: Any) -> None:
    for line in sys.stdin:
        if line.strip().lower() in ("q", "quit", "exit"):
            stop.set()
            return
        rerun.set()


def _print_watch(report: CheckReport) -> None:
    from scaffolder.hints import revealed

    out = terminal.stdout()
    done = sum(r.status == "passed" for r in report.run.results)
    out.print(f"{report.stage.id}: {done}/{len(report.run.results)} exercises pass")
    for name in report.recorded:
        out.print(f"Milestone recorded: {report.stage.id}/{name}")
    current = report.current
    if current is None:
        out.print("Every exercise passes. Publish it: roadmap push")
        return
    seen = revealed(report.repo, current.exercise.id)
    out.print(
        f"Now: {current.exercise.id}: {current.exercise.title} ({current.passed}/{current.total} tests; "
        f"hints seen {seen}/{len(current.exercise.hints)})"
    )
    if current.first_failure is not None:
        out.print(_trim(current.first_failure.details or current.first_failure.message, 12))


@app.command()
def push(
    path: RepoPath = None,
    remote: Annotated[str | None, typer.Option("--remote", help="Set origin to this URL first.")] = None,
) -> None:
    """Push the branch and its milestone tags to origin.

    Example: roadmap push --remote git@github.com:you/stage-05-python.git
    """
    from scaffolder import practice_repo, publish

    with _errors():
        result = publish.push(practice_repo.find(path), remote)
    out = terminal.stdout()
    out.print(f"Pushed {result.branch} and {len(result.tags)} milestone tag(s) to {result.remote} ({result.url})")
    badge = {
        "added": f"Added the CI status badge of {result.repository} to README.md, in its own commit",
        "readme-changed": "README.md has uncommitted changes, so the CI status badge was not added; "
        "commit them and push again",
        "no-region": "README.md has no badge region (<!-- roadmap:badge -->), so no CI status badge was added",
    }.get(result.badge)
    if badge:
        out.print(badge)


@app.command()
def update(
    path: RepoPath = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; change nothing.")] = False,
) -> None:
    """Bring curriculum fixes into a practice repo, keeping your code (Copier's three-way merge).

    Example: roadmap update --dry-run
    """
    from scaffolder import practice_repo
    from scaffolder.update import update_practice_repo

    with _errors():
        result = update_practice_repo(_curriculum(), practice_repo.find(path), dry_run=dry_run, trust=_settings.trust)
    out = terminal.stdout()
    if result.up_to_date:
        out.print(f"Already at curriculum {result.new_ref}; nothing to update.")
        return
    verb = "Would update" if result.dry_run else "Updated"
    out.print(f"{verb} {result.stage.id} from curriculum {result.old_ref} to {result.new_ref}")
    for name in result.changed:
        mark = "conflict" if name in result.conflicts else "changed"
        out.print(f"  {mark:<9} {name}")
    if result.conflicts and not result.dry_run:
        out.print(
            "\nYour change and the curriculum's overlap in the files marked conflict. Edit them to keep what you "
            "want (look for <<<<<<< before updating), then commit: git add -A && git commit"
        )
        raise typer.Exit(1)
    if result.commit:
        out.print(f"\nCommitted as {result.commit[:12]}. Run `roadmap check` to see the exercises now.")


ExerciseName = Annotated[
    str, typer.Argument(help="Exercise id or number: ex02-log-stream, ex02 or 2.", autocompletion=_complete_exercise)
]


@app.command()
def reset(
    exercise: ExerciseName,
    path: Annotated[Path | None, typer.Option(help="The practice repo (default: the one you are in).")] = None,
) -> None:
    """Put an exercise's starter code and tests back, after saving your version in a commit.

    Example: roadmap reset ex02
    """
    from scaffolder import practice_repo
    from scaffolder.exercises import reset_exercise

    with _errors():
        result = reset_exercise(_curriculum(), practice_repo.find(path), exercise)
    out = terminal.stdout()
    if not result.restored:
        out.print(f"{result.exercise.id} is already as the curriculum shipped it; nothing to reset.")
        return
    out.print(f"Reset {result.exercise.id} to its starter from {result.source}: {', '.join(result.restored)}")
    if result.saved_in:
        out.print(f"Your version is saved in commit {result.saved_in[:12]}; see it with")
        out.print(f"  git show {result.saved_in[:12]}:{result.exercise.module}")


@app.command()
def solution(
    exercise: ExerciseName,
    path: Annotated[Path | None, typer.Option(help="The practice repo (default: the one you are in).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Show it even though the exercise has not passed.")] = False,
) -> None:
    """Show the reference solution of an exercise you have passed (or any, with --force).

    Example: roadmap solution ex01
    """
    from scaffolder import practice_repo
    from scaffolder.exercises import solution as reference

    with _errors():
        found = reference(_curriculum(), practice_repo.find(path), exercise, force=force)
    out = terminal.stdout()
    for name, text in found.files:
        out.print(f"# {name} (reference solution for {found.exercise.id})\n")
        out.print(text)


OutputFile = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of printing.", show_default=False)
]
COHORT_FORMATS = ("table", "json", "csv", "html")


@app.command("portfolio")
def portfolio_markdown(workspace: Workspace = Path("."), output: OutputFile = None) -> None:
    """Print Markdown for your GitHub profile README: stages started or completed, dates, skills, repo links.

    A roadmap.svg in the workspace is embedded as the roadmap picture.

    Example: roadmap portfolio ~/practice --output profile.md
    """
    from scaffolder import portfolio

    with _errors():
        found = portfolio.build(_curriculum(), workspace)
        if not found.stages:
            terminal.stdout().print(f"No started stage under {found.workspace}. Start one with `roadmap new stage-05`.")
            return
        text = portfolio.markdown(found)
        if output is None:
            sys.stdout.write(text)
            return
        _write(output, text)
    in_progress = len(found.stages) - found.complete
    terminal.stdout().print(f"Wrote {output}: {found.complete} stage(s) complete, {in_progress} in progress")


@app.command("cohort")
def cohort_progress(
    roster: Annotated[Path, typer.Argument(help="CSV file of `name, repository URL` lines.", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", help="table, json, csv or html.")] = "table",
    as_json: JsonOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
    output: OutputFile = None,
    jobs: Annotated[int, typer.Option(help="Repositories read at once.", min=1, max=64)] = 8,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each repository.", min=1)] = 30,
) -> None:
    """Show a cohort's progress, learners by stages, from each repository's milestone tags (nothing is cloned).

    ROSTER has one `name, repository URL` line per repository (a learner may have several);
    blank lines, `#` comments and a `name,url` header are skipped; relative paths are read from
    the roster's folder. A repository that cannot be read is reported for its learner. Tags carry
    no dates, so each learner's furthest milestone is shown instead of a last-activity date.

    Example: roadmap cohort learners.csv --format html --output cohort.html
    """
    from scaffolder import cohort

    with _errors():
        flags = [name for name, given in (("json", as_json), ("csv", as_csv)) if given]
        if output_format not in COHORT_FORMATS:
            raise RoadmapError(f"--format must be one of {', '.join(COHORT_FORMATS)}, not {output_format!r}")
        if len(flags) > 1 or (flags and output_format != "table"):
            raise RoadmapError("choose one output format: --json, --csv or --format")
        chosen = flags[0] if flags else output_format
        entries = cohort.read_roster(roster)
        result = _survey(entries, roster, jobs, timeout, show_progress=chosen != "json")
        if chosen == "table":
            text = _cohort_table(result, to_terminal=output is None)
        elif chosen == "json":
            text = _json(cohort.as_json(result))
        else:
            text = cohort.as_csv(result) if chosen == "csv" else cohort.as_html(result)
        if output is not None:
            _write(output, text)
        else:
            sys.stdout.write(text)
    if output is not None:
        terminal.stdout().print(
            f"Wrote {output}: {len(result.learners)} learner(s), {result.repositories} repositories, "
            f"{result.unreachable} could not be read"
        )


def _survey(entries: tuple[RosterEntry, ...], roster: Path, jobs: int, timeout: float, show_progress: bool) -> Cohort:
    from scaffolder import cohort

    curriculum = _curriculum()
    if not show_progress:
        return cohort.survey(curriculum, entries, roster, jobs, timeout)
    total, read = len(entries), 0
    with terminal.stderr().spinner(f"reading repositories 0/{total}") as shown:

        def advance(_: object) -> None:
            nonlocal read
            read += 1
            shown.message = f"reading repositories {read}/{total}"

        return cohort.survey(curriculum, entries, roster, jobs, timeout, on_read=advance)


def _cohort_table(result: Cohort, to_terminal: bool) -> str:
    """Return the cohort's table: sized to the terminal for it, unwrapped and uncoloured for a file."""
    ids = [stage.id for stage in result.stages]
    headings = ("learner", *ids, "furthest milestone")
    table = terminal.Table.of(f"Cohort: {result.roster.name}", headings, right=ids, unwrapped=headings)
    for learner in result.learners:
        cells = []
        for stage in result.stages:
            tally = learner.tally(stage.id)
            cells.append("-" if tally is None else f"{len(tally.done)}/{tally.total}")
        table.add(learner.name, *cells, learner.furthest or "-")
    unreachable = f"; {result.unreachable} could not be read" if result.unreachable else ""
    lines = [
        f"{len(result.learners)} learner(s), {result.repositories} repositories{unreachable}. "
        "Cells are exercises done/total, from milestone tags."
    ]
    problems = [f"  {learner.name}: {problem}" for learner in result.learners for problem in learner.problems]
    if problems:
        lines += ["", "Problems:", *problems]
    out = terminal.stdout()
    text = terminal.render(table, out.width, out.colour) if to_terminal else terminal.render(table)
    return text + "\n".join(lines) + "\n"
