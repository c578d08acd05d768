"""Re-run a practice repo's checks whenever a source or test file is saved."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scaffolder import checker
from scaffolder.curriculum import Curriculum
from scaffolder.errors import RoadmapError
from scaffolder.practice_repo import PracticeRepo

WATCHED = ("src", "tests")


@dataclass(frozen=True)
class WatchEvent:
    """One run of the checks in watch mode: its report, or the problem that stopped it."""

    report: checker.CheckReport | None
    problem: RoadmapError | None
    changed: tuple[str, ...]


def watch_checks(
    curriculum: Curriculum,
    repo: PracticeRepo,
    timeout: float = checker.DEFAULT_TIMEOUT,
    poll: bool = False,
    rerun: threading.Event | None = None,
    stop: threading.Event | None = None,
) -> Iterator[WatchEvent]:
    """Yield a check now, then one after every burst of saved files (or when rerun is set), until stop is set."""
    from watchfiles import DefaultFilter, watch

    folders = [repo.root / name for name in WATCHED if (repo.root / name).is_dir()]
    # step: a burst of saves ends after 50 ms of quiet; the 200 ms timeout lets a manual re-run in.
    changes_seen = watch(
        *folders, watch_filter=DefaultFilter(), step=50, debounce=1600, rust_timeout=200, yield_on_timeout=True,
        force_polling=poll, poll_delay_ms=300, stop_event=stop, raise_interrupt=True,
    )  # fmt: skip
    # Start watching before the first run, so a file saved while it runs is not missed.
    next(changes_seen, None)
    yield _run(curriculum, repo, timeout, ())
    for changes in changes_seen:
        manual = rerun is not None and rerun.is_set()
        if not changes and not manual:
            continue
        if rerun is not None:
            rerun.clear()
        names = tuple(sorted({str(Path(path).relative_to(repo.root)) for _, path in changes}))
        yield _run(curriculum, repo, timeout, names)


def _run(curriculum: Curriculum, repo: PracticeRepo, timeout: float, changed: tuple[str, ...]) -> WatchEvent:
    try:
        return WatchEvent(checker.check(curriculum, repo, timeout=timeout), None, changed)
    except RoadmapError as problem:
        return WatchEvent(None, problem, changed)
