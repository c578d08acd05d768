"""Give `roadmap check` a head start: begin the tests before the command line is even parsed.

Loading the command line (Typer and the option parsing it brings) takes about a quarter of a
second, and pytest needs none of it. So when the arguments are a plain `check`, the practice
repo's tests start first and the command line loads while pytest runs on another core; the
`check` command then takes over the running tests. Anything unusual in the arguments means no
head start, and the command runs as it always does. Tests that are not taken over are stopped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scaffolder.checker import StartedCheck
    from scaffolder.practice_repo import PracticeRepo

# Options of `roadmap` itself and of `roadmap check`: those that take a value, and flags.
_GLOBAL_VALUES, _GLOBAL_FLAGS = {"--curriculum"}, {"--trust"}
_CHECK_VALUES, _CHECK_FLAGS = {"--timeout"}, {"--json"}
_COMPLETION = "_ROADMAP_COMPLETE"

_started: StartedCheck | None = None


def check_path(argv: Sequence[str]) -> Path | None:
    """Return the repo path a plain `check` in argv works on (the current folder when none is given), else None."""
    words = list(argv)
    while words and words[0] != "check":
        if not _skip_option(words, _GLOBAL_VALUES, _GLOBAL_FLAGS):
            return None
    if not words:
        return None
    words.pop(0)
    paths: list[str] = []
    while words:
        if words[0].startswith("-"):
            if not _skip_option(words, _CHECK_VALUES, _CHECK_FLAGS):
                return None
        else:
            paths.append(words.pop(0))
    if len(paths) > 1:
        return None
    return Path(paths[0] if paths else ".")


def _skip_option(words: list[str], with_value: set[str], flags: set[str]) -> bool:
    """Drop one known option (and its value) from the front of words; return False for anything else."""
    name, has_value, _ = words[0].partition("=")
    if name in flags and not has_value:
        del words[0]
        return True
    if name in with_value and (has_value or len(words) > 1):
        del words[: 1 if has_value else 2]
        return True
    return False


@contextmanager
def tests_for(argv: Sequence[str]) -> Iterator[None]:
    """Start the tests when argv is a plain `check` in a practice repo; stop them at the end if still running."""
    global _started
    path = None if os.environ.get(_COMPLETION) else check_path(argv)
    if path is not None:
        _started = _start(path)
    try:
        yield
    finally:
        begun, _started = _started, None
        if begun is not None:
            begun.tests.close()


def _start(path: Path) -> StartedCheck | None:
    from scaffolder import checker, practice_repo
    from scaffolder.errors import RoadmapError

    try:
        return checker.start(practice_repo.find(path))
    except (RoadmapError, OSError):
        return None  # the command itself will meet the same problem and explain it


def take(repo: PracticeRepo) -> StartedCheck | None:
    """Return the tests already started for this repo, if any (they stay stopped-on-exit as a safety net)."""
    begun = _started
    if begun is not None and begun.tests.repo == repo:
        return begun
    return None
