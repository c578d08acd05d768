"""Search and summarise log files from the terminal.

A log line looks like ``2024-05-01T12:00:00Z ERROR payment failed order=42``:
a timestamp, a level and a message, separated by whitespace (see `parse_line`).

Command line (build it with ``argparse`` subcommands, ``prog="logtool"``)::

    python -m practice.logtool grep PATTERN [PATH ...] [-i] [-v] [-c] [INPUT] [SETTINGS]
    python -m practice.logtool summary [PATH ...] [INPUT] [SETTINGS]

INPUT options, on both subcommands:
    ``PATH``: files to read; none means standard input, and ``-`` is standard
    input too. ``-r/--recursive``: a PATH that is a directory is searched with
    `practice.file_finder.find_files`, passing ``--include GLOB`` and
    ``--exclude GLOB`` (both repeatable). Without ``-r`` a directory is an error.

SETTINGS options, on both subcommands: add them with
`practice.layered_settings.add_settings_arguments` and resolve them with
`practice.layered_settings.settings_from_args` (``os.environ``,
``isatty=sys.stdout.isatty()``), so ``LOGTOOL_LEVEL`` etc. work and flags win.

Input is read as bytes and decoded as UTF-8 with ``errors="replace"``; lines are
split on ``"\\n"`` (a trailing ``"\\r"`` is dropped) and numbered from 1 per input.
Lines that `parse_line` rejects, and records below the minimum level, are never
selected by grep.

grep:
    Selects records whose whole line matches the regular expression PATTERN
    (``re.search``); ``-i/--ignore-case``; ``-v/--invert`` selects those that do
    not match. Output, one record per line, in input order:

    * text: the line as it was; prefixed with ``NAME:`` when more than one PATH
      was given or ``-r`` was used. NAME is the PATH as given, ``-`` for stdin,
      or for files found under a directory ``DIR/RELATIVE`` (e.g. ``logs/api.log``).
      With colour on (and no ``-v``) each match is wrapped in
      ``HIGHLIGHT_START`` ... ``HIGHLIGHT_END``.
    * json (``--json``): ``{"path": NAME, "line": N, "timestamp": ..., "level":
      ..., "message": ...}`` per line, ``json.dumps(..., ensure_ascii=False)``.
    * ``-c/--count``: instead of the records, print only how many were selected:
      ``3`` in text, ``{"count": 3}`` in json.
    * ``--limit N``: stop after N selected records (the count is at most N too).

    Exit code: 2 if any error happened (see below), else 0 if at least one
    record was selected, else 1.

summary:
    Counts records per level for the levels at or above the minimum level,
    in ``LEVELS`` order (zeros included). Text output, tab-separated::

        INFO<TAB>3
        WARNING<TAB>1
        ERROR<TAB>0
        CRITICAL<TAB>0
        total<TAB>4
        unparsed<TAB>1
        first<TAB>2024-05-01T12:00:00Z
        last<TAB>2024-05-01T12:09:00Z

    ``unparsed`` counts lines `parse_line` rejected. ``first`` and ``last`` are
    the smallest and largest timestamp (as strings) of the counted records and
    are left out when none was counted. json: one line
    ``{"counts": {...}, "total": N, "unparsed": N, "first": TS or null, "last": TS or null}``.
    ``--limit`` and colour do not apply. Exit code: 0, or 2 if any error happened.

Errors (exit code 2, a one-line message ``logtool: ...`` on stderr, no traceback):
a bad PATTERN (``re.error``), a bad environment value (``ConfigError``), an
unreadable PATH or a directory without ``-r`` (report it, go on with the other
inputs, exit 2 at the end), and usage errors (argparse exits 2 itself; a
subcommand is required).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

PROG = "logtool"
STDIN_NAME = "-"
HIGHLIGHT_START = "\x1b[1;31m"
HIGHLIGHT_END = "\x1b[0m"


@dataclass(frozen=True)
class LogRecord:
    """One parsed log line.

    Attributes:
        timestamp: The first field, as written (not parsed as a date).
        level: One of ``LEVELS`` (``WARN`` in the file becomes ``WARNING``).
        message: The rest of the line, possibly empty.
    """

    timestamp: str
    level: str
    message: str


def parse_line(line: str) -> LogRecord | None:
    """Parse one log line.

    The line is ``TIMESTAMP LEVEL MESSAGE``. It starts with the timestamp, any
    run of non-whitespace characters; then whitespace; then the level, one of
    ``DEBUG INFO WARN WARNING ERROR CRITICAL`` written exactly so (upper case);
    then, optionally, whitespace and the message (everything left). Trailing
    whitespace, including ``"\\r\\n"``, is ignored.

    Args:
        line: One line of text.

    Returns:
        The record, or None when the line does not have that shape:
        ``parse_line("2024-05-01T12:00:00Z WARN disk 91% full")`` is
        ``LogRecord("2024-05-01T12:00:00Z", "WARNING", "disk 91% full")``;
        ``parse_line("t1 INFO")`` has message ``""``; ``parse_line("t1 info x")``,
        ``parse_line("t1 INFOx")`` and ``parse_line("")`` are None.
    """
    raise NotImplementedError("a regular expression with re.fullmatch is one good way")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line described in the module docstring; return the exit code.

    Args:
        argv: The arguments after the program name; None means ``sys.argv[1:]``.

    Returns:
        grep: 0 when a record was selected, 1 when none was, 2 on any error.
        summary: 0, or 2 on any error.
    """
    raise NotImplementedError("build the parser with grep/summary subcommands, resolve settings, dispatch")


if __name__ == "__main__":
    sys.exit(main())
