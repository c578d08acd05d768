"""Durations for service timeouts, written to pass the team's linter.

Teams agree on a linter configuration and CI fails when it is not clean. The
test for this exercise runs ``python -m ruff check`` on this file with the
team's rule set (``TEAM_RULES`` in the test), which is stricter than the
defaults: no ``print`` (T20), no blind ``except Exception`` (BLE), pep8
names (N), no unused arguments (ARG), ``pathlib`` instead of ``open``/
``os.path`` (PTH), no commented-out code (ERA), no ``global`` (PLW), no
pointless ``else`` after ``return`` (RET), no ``eval`` (S) and no needless
``dict()``/``list()`` calls (C4). It also runs ``ruff format --check``.
Run the same commands yourself; the test's failure message prints them.

The behaviour to implement:

* ``parse_duration("1h30m") == 5400``: units ``d`` (86400 s), ``h``, ``m``
  and ``s``, each at most once and in that order, optionally separated by
  single spaces (``"1h 30m"``), letters case-insensitive; a bare number such
  as ``"90"`` means seconds. Anything else raises ``ValueError``.
* ``format_duration(5400) == "1h30m"``: the inverse, largest units first,
  zero parts left out, ``"0s"`` for zero; negative input raises ``ValueError``.
* ``load_timeouts(path)`` reads ``name = duration`` lines (UTF-8) into a
  dict of seconds.

Exercise ex03: implement the three functions, delete ``legacyLoad`` and make
the file lint-clean.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

UNIT_SECONDS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}
_DURATION = re.compile(r"(?:([0-9]+)d)?(?: ?([0-9]+)h)?(?: ?([0-9]+)m)?(?: ?([0-9]+)s)?", re.IGNORECASE)
_SECONDS = re.compile(r"[0-9]+")
_NAME = re.compile(r"[a-z][a-z0-9_.-]*")


def parse_duration(text: str) -> int:
    """Parse a duration such as ``"1h30m"``, ``"2d"``, ``"45s"`` or ``"90"`` into seconds.

    Args:
        text: the duration; surrounding whitespace is ignored.

    Returns:
        The number of seconds.

    Raises:
        ValueError: for empty text, unknown units, repeated or out-of-order
            units, signs, decimals or double spaces.
    """
    raise NotImplementedError("fullmatch a bare number or the d/h/m/s pattern, then add up the parts")


def format_duration(seconds: int) -> str:
    """Format seconds as the shortest duration text, e.g. ``90061 -> "1d1h1m1s"``.

    Args:
        seconds: a non-negative number of seconds.

    Returns:
        The duration text; ``"0s"`` for zero.

    Raises:
        ValueError: if ``seconds`` is negative.
    """
    raise NotImplementedError("divmod by each unit size from days down to seconds")


def load_timeouts(path: Path) -> dict[str, int]:
    """Read a timeouts file into ``{name: seconds}``.

    Each line is ``name = duration`` (spaces around ``=`` optional). Blank
    lines and lines starting with ``#`` (after leading spaces) are skipped.
    Names must match ``[a-z][a-z0-9_.-]*``.

    Args:
        path: the file to read, UTF-8.

    Returns:
        The timeouts in file order.

    Raises:
        ValueError: for a line without ``=``, a bad name, a bad duration or a
            repeated name; the message contains ``line N`` (1-based).
        FileNotFoundError: if the file does not exist.
    """
    raise NotImplementedError("read UTF-8 lines, skip blanks and comments, partition on '=', check names and repeats")


_cache = dict()


def legacyLoad(path: str, strict: bool = False) -> dict[str, int]:
    """The old loader: it evaluates the file as Python. Delete it once load_timeouts works."""
    global _cache
    if not os.path.exists(path):
        print("no timeouts file at", path)
        return {}
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    # result = _cache.get(path)
    try:
        _cache = eval(text)
    except Exception:
        return {}
    if _cache:
        return _cache
    else:
        return {}
