"""A cohort's progress, read from each learner's remote milestone tags without cloning.

The roster is a CSV file of `name, repository URL` lines. For each repository, `git ls-remote
--tags` lists the milestone tags (`stage-NN/start`, `stage-NN/<exercise>`, `stage-NN/complete`);
their names are mapped onto the curriculum. Tag names carry no dates, so the cohort shows each
learner's furthest milestone instead of a last-activity date.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from scaffolder import milestones, publish, vcs
from scaffolder.checker import stop_session
from scaffolder.curriculum import Curriculum, Stage
from scaffolder.errors import RosterError

DEFAULT_JOBS = 8
DEFAULT_TIMEOUT = 30.0
_POLL = 0.2
_TAG = re.compile(r"refs/tags/(stage-\d{2})/([^\s^]+)")
_ORDER_COMPLETE = 1000
# Roster URLs come from learners: only plain transports, never remote helpers such as `ext::`.
_PROTOCOLS = (
    "-c",
    "protocol.allow=never",
    *(arg for name in ("file", "git", "http", "https", "ssh") for arg in ("-c", f"protocol.{name}.allow=always")),
)


@dataclass(frozen=True)
class RosterEntry:
    """One line of the roster: a learner and one of their repositories."""

    name: str
    url: str
    line: int


@dataclass(frozen=True)
class RemoteRead:
    """The milestone tags read from one roster entry's repository, or why they could not be read."""

    entry: RosterEntry
    tags: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def display_url(self) -> str:
        """Return the repository's URL without credentials."""
        return publish.redact(self.entry.url)

    @property
    def milestones(self) -> tuple[str, ...]:
        """Return the tags that look like milestones (`stage-NN/...`)."""
        return tuple(tag for tag in self.tags if _TAG.fullmatch(f"refs/tags/{tag}"))


@dataclass(frozen=True)
class StageTally:
    """One learner's progress through one stage, from tag names."""

    stage: Stage
    done: tuple[str, ...]
    started: bool
    completed: bool
    repository: str

    @property
    def total(self) -> int:
        """Return how many exercises the stage has."""
        return len(self.stage.exercises)

    @property
    def state(self) -> str:
        """Return `complete`, `in progress` or `not started`."""
        if self.completed or (self.total and len(self.done) == self.total):
            return "complete"
        return "in progress" if self.started or self.done else "not started"


@dataclass(frozen=True)
class LearnerProgress:
    """A learner's progress over all their repositories in the roster."""

    name: str
    reads: tuple[RemoteRead, ...]
    stages: tuple[StageTally, ...]
    furthest: str | None

    @property
    def problems(self) -> tuple[str, ...]:
        """Return a line for each repository that could not be read or holds no milestones."""
        lines = []
        for read in self.reads:
            if read.problem is not None:
                lines.append(f"{read.display_url}: {read.problem}")
            elif not read.milestones:
                lines.append(f"{read.display_url}: no milestone tags pushed yet")
        return tuple(lines)

    def tally(self, stage_id: str) -> StageTally | None:
        """Return the learner's tally for a stage, or None when they have no milestone in it."""
        return next((t for t in self.stages if t.stage.id == stage_id), None)


@dataclass(frozen=True)
class Cohort:
    """Every learner of a roster, in roster order, and the stages any of them reached."""

    roster: Path
    learners: tuple[LearnerProgress, ...]
    stages: tuple[Stage, ...]
    read_at: datetime

    @property
    def unreachable(self) -> int:
        """Return how many repositories could not be read."""
        return sum(read.problem is not None for learner in self.learners for read in learner.reads)

    @property
    def repositories(self) -> int:
        """Return how many repositories the roster names."""
        return sum(len(learner.reads) for learner in self.learners)


def read_roster(path: Path) -> tuple[RosterEntry, ...]:
    """Read a roster: `name, repository URL` lines; blank lines, `#` comments and a `name,url` header are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"no roster at {path}; write one `name, repository URL` line per learner") from None
    except IsADirectoryError:
        raise RosterError(f"{path} is a folder; pass the roster file (CSV of `name, repository URL`)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"cannot read the roster {path}: {error}") from None
    entries: list[RosterEntry] = []
    first = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            fields = [field.strip() for field in next(csv.reader([line], skipinitialspace=True))]
        except csv.Error as error:
            raise RosterError(f"{path.name} line {number}: {error}: {line!r}") from None
        while fields and not fields[-1]:
            fields.pop()
        if first and [f.lower() for f in fields] == ["name", "url"]:
            first = False
            continue
        first = False
        if len(fields) != 2 or not all(fields):
            raise RosterError(f"{path.name} line {number}: expected `name, repository URL`, got {line!r}")
        name, url = fields
        if url.startswith("-"):
            raise RosterError(f"{path.name} line {number}: a repository URL cannot start with '-': {url!r}")
        entries.append(RosterEntry(name, url, number))
    if not entries:
        raise RosterError(f"{path} names no learners; write one `name, repository URL` line per learner")
    return tuple(entries)


def read_tags(
    entry: RosterEntry, cwd: Path, timeout: float = DEFAULT_TIMEOUT, stop: threading.Event | None = None
) -> RemoteRead:
    """Return the tag names of entry's repository, listed with `git ls-remote` (nothing is cloned).

    The read is given up after `timeout` seconds, or soon after `stop` is set.
    """
    # Run directly rather than through vcs.run: GitPython's timeout does not work on Windows and
    # cannot be cut short. Here git and its transport (ssh, git-remote-https) run in a session of
    # their own, so one signal stops them all and they have no terminal to prompt for a password
    # on; checker.py runs pytest the same way.
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GCM_INTERACTIVE": "never",
        "LC_ALL": "C",
        "LANGUAGE": "C",
    }
    command = ["git", *_PROTOCOLS, "ls-remote", "--tags", "--refs", "--", entry.url]
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
    except OSError as error:
        return RemoteRead(entry, problem=f"cannot run git: {error.strerror or error}")
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                out, err = process.communicate(timeout=max(0.0, min(_POLL, deadline - time.monotonic())))
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() >= deadline:
                    stop_session(process)
                    return RemoteRead(entry, problem=f"no answer within {timeout:g} s")
                if stop is not None and stop.is_set():
                    stop_session(process)
                    return RemoteRead(entry, problem="interrupted")
    except BaseException:
        stop_session(process)
        raise
    if process.returncode != 0:
        return RemoteRead(entry, problem=_reason(err.decode("utf-8", "replace"), entry.url))
    names = []
    for line in out.decode("utf-8", "replace").splitlines():
        _, _, ref = line.partition("\t")
        if ref.startswith("refs/tags/"):
            names.append(ref.removeprefix("refs/tags/"))
    return RemoteRead(entry, tags=tuple(names))


def _reason(stderr: str, url: str) -> str:
    lines = [line.strip() for line in stderr.replace(url, publish.redact(url)).splitlines() if line.strip()]
    if not lines:
        return "git ls-remote failed with no message"
    at = next((i for i, line in enumerate(lines) if line.startswith("fatal:")), 0)
    reason = lines[at].removeprefix("fatal:").strip()
    if reason.endswith(":") and at + 1 < len(lines):
        reason += " " + lines[at + 1]
    return reason


def survey(
    curriculum: Curriculum,
    entries: tuple[RosterEntry, ...],
    roster: Path,
    jobs: int = DEFAULT_JOBS,
    timeout: float = DEFAULT_TIMEOUT,
    on_read: Callable[[RemoteRead], None] | None = None,
) -> Cohort:
    """Read every roster entry's milestone tags, `jobs` at a time, and tally each learner's stages.

    Relative paths in the roster are read relative to the roster's folder. `on_read` is called
    (from a worker thread) after each repository is read.
    """
    vcs.require_git()
    folder = roster.expanduser().resolve().parent

    stop = threading.Event()

    def read(entry: RosterEntry) -> RemoteRead:
        result = read_tags(entry, folder, timeout, stop)
        if on_read is not None:
            on_read(result)
        return result

    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(entries))))
    try:
        reads = list(pool.map(read, entries))
    except BaseException:
        # Ctrl-C: drop the reads not started and stop the running ones, rather than finish the roster.
        stop.set()
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()
    by_name: dict[str, list[RemoteRead]] = {}
    for result in reads:
        by_name.setdefault(result.entry.name, []).append(result)
    learners = tuple(_learner(curriculum, name, tuple(found)) for name, found in by_name.items())
    reached = {tally.stage.id for learner in learners for tally in learner.stages}
    stages = tuple(stage for stage in curriculum.stages if stage.id in reached)
    return Cohort(roster.expanduser().resolve(), learners, stages, milestones.now())


def _learner(curriculum: Curriculum, name: str, reads: tuple[RemoteRead, ...]) -> LearnerProgress:
    by_stage = {stage.id: stage for stage in curriculum.stages}
    seen: dict[str, tuple[set[str], str]] = {}
    for read in reads:
        for tag in read.tags:
            match = _TAG.fullmatch(f"refs/tags/{tag}")
            if match and match[1] in by_stage:
                names, _ = seen.setdefault(match[1], (set(), read.display_url))
                names.add(match[2])
    stages = []
    furthest: tuple[int, int, str] | None = None
    for stage_id, (names, repository) in seen.items():
        stage = by_stage[stage_id]
        done = tuple(e.id for e in stage.exercises if e.id in names)
        tally = StageTally(stage, done, milestones.START in names, milestones.COMPLETE in names, repository)
        stages.append(tally)
        for name_ in names:
            rank = _rank(stage, name_)
            if rank is not None and (furthest is None or (stage.number, rank) > furthest[:2]):
                furthest = (stage.number, rank, f"{stage_id}/{name_}")
    stages.sort(key=lambda tally: tally.stage.number)
    return LearnerProgress(name, reads, tuple(stages), furthest[2] if furthest else None)


def _rank(stage: Stage, name: str) -> int | None:
    if name == milestones.START:
        return 0
    if name == milestones.COMPLETE:
        return _ORDER_COMPLETE
    exercise = next((e for e in stage.exercises if e.id == name), None)
    return exercise.number if exercise else None


def as_json(cohort: Cohort) -> dict[str, Any]:
    """Return the cohort as JSON-ready data."""
    return {
        "roster": str(cohort.roster),
        "read_at": cohort.read_at.isoformat(timespec="seconds"),
        "stages": [{"id": s.id, "title": s.title, "exercises": len(s.exercises)} for s in cohort.stages],
        "learners": [
            {
                "name": learner.name,
                "stages": {
                    tally.stage.id: {
                        "done": len(tally.done),
                        "total": tally.total,
                        "state": tally.state,
                        "exercises_done": list(tally.done),
                        "repository": tally.repository,
                    }
                    for tally in learner.stages
                },
                "furthest_milestone": learner.furthest,
                "repositories": [
                    {
                        "url": read.display_url,
                        "line": read.entry.line,
                        "reachable": read.problem is None,
                        "milestones": len(read.milestones),
                        "problem": read.problem,
                    }
                    for read in learner.reads
                ],
                "problems": list(learner.problems),
            }
            for learner in cohort.learners
        ],
    }


def as_csv(cohort: Cohort) -> str:
    """Return the cohort as CSV: one row per learner and stage, plus one per repository with a problem."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["learner", "stage", "exercises_done", "exercises_total", "state", "repository", "problem"])
    for learner in cohort.learners:
        for tally in learner.stages:
            writer.writerow(
                [learner.name, tally.stage.id, len(tally.done), tally.total, tally.state, tally.repository, ""]
            )
        for read in learner.reads:
            if read.problem is not None:
                writer.writerow([learner.name, "", "", "", "unreachable", read.display_url, read.problem])
            elif not read.milestones:
                writer.writerow([learner.name, "", "", "", "no milestones", read.display_url, ""])
    return buffer.getvalue()


def as_html(cohort: Cohort) -> str:
    """Return the cohort as one self-contained HTML page: inline style, no scripts, nothing fetched."""
    e = html.escape
    head = "".join(f'<th title="{e(s.title)}">{e(s.id)}</th>' for s in cohort.stages)
    rows = []
    for learner in cohort.learners:
        cells = [f'<th scope="row">{e(learner.name)}</th>']
        for stage in cohort.stages:
            tally = learner.tally(stage.id)
            if tally is None:
                cells.append('<td class="none">-</td>')
                continue
            share = round(100 * len(tally.done) / tally.total) if tally.total else 100
            text = f"{len(tally.done)}/{tally.total}"
            page = publish.web_url(tally.repository)
            if page:
                text = f'<a href="{e(page)}">{text}</a>'
            css = "complete" if tally.state == "complete" else "started"
            cells.append(f'<td class="{css}">{text}<div class="bar"><span style="width:{share}%"></span></div></td>')
        cells.append(f"<td>{e(learner.furthest or '-')}</td>")
        problems = "<br>".join(e(p) for p in learner.problems)
        cells.append(f'<td class="problem">{problems}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    unreachable = f"; {cohort.unreachable} could not be read" if cohort.unreachable else ""
    return _PAGE.format(
        title=e(f"Cohort progress: {cohort.roster.name}"),
        summary=e(
            f"{len(cohort.learners)} learners, {cohort.repositories} repositories{unreachable}. "
            f"Read {cohort.read_at.strftime('%Y-%m-%d %H:%M')} UTC from {cohort.roster.name}."
        ),
        head=head,
        rows="\n".join(rows),
    )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; background: #fff; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left; vertical-align: top; }}
thead th {{ background: #f6f8fa; }}
td.started, td.complete {{ min-width: 4.5rem; font-variant-numeric: tabular-nums; }}
td.complete {{ background: #dafbe1; }}
td.none {{ color: #8c959f; text-align: center; }}
td.problem {{ color: #cf222e; font-size: .9em; }}
.bar {{ height: .3rem; background: #eaeef2; border-radius: 2px; margin-top: .2rem; }}
.bar span {{ display: block; height: 100%; background: #2da44e; border-radius: 2px; }}
p.note {{ color: #59636e; font-size: .9em; max-width: 48rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{summary}</p>
<table>
<thead><tr><th>learner</th>{head}<th>furthest milestone</th><th>problems</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p class="note">Each cell is exercises done / total in a stage, from the milestone tags of the learner's
repository (git ls-remote; nothing is cloned). Tag names carry no dates, so the furthest milestone
stands in for last activity.</p>
</body>
</html>
"""
