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

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from practice.file_finder import find_files
from practice.layered_settings import LEVELS, ConfigError, Settings, add_settings_arguments, settings_from_args

PROG = "logtool"
STDIN_NAME = "-"
HIGHLIGHT_START = "\x1b[1;31m"
HIGHLIGHT_END = "\x1b[0m"
_LINE = re.compile(r"(\S+)\s+(DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL)(?:\s+(.*))?")


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
    match = _LINE.fullmatch(line.rstrip())
    if match is None:
        return None
    timestamp, level, message = match.groups()
    return LogRecord(timestamp, "WARNING" if level == "WARN" else level, message or "")


@dataclass(frozen=True)
class _Source:
    name: str
    path: Path | None


class _Problems:
    """Collect errors for stderr while going on with the other inputs."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, message: str) -> None:
        self.count += 1
        print(f"{PROG}: {message}", file=sys.stderr)


def _sources(args: argparse.Namespace, problems: _Problems) -> list[_Source]:
    if not args.paths:
        return [_Source(STDIN_NAME, None)]
    sources: list[_Source] = []
    for raw in args.paths:
        if raw == STDIN_NAME:
            sources.append(_Source(STDIN_NAME, None))
            continue
        path = Path(raw)
        if path.is_dir():
            if not args.recursive:
                problems.report(f"{raw}: Is a directory (use -r to search it)")
                continue
            for rel in find_files(path, include=args.include, exclude=args.exclude):
                sources.append(_Source((path / rel).as_posix(), path / rel))
        else:
            sources.append(_Source(raw, path))
    return sources


def _lines(source: _Source, problems: _Problems) -> Iterator[tuple[int, str]]:
    try:
        data = sys.stdin.buffer.read() if source.path is None else source.path.read_bytes()
    except OSError as exc:
        problems.report(f"{source.name}: {exc.strerror}")
        return
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        yield number, line.rstrip("\r")


def _at_least(level: str, minimum: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(minimum)


def _emit(text: str) -> None:
    sys.stdout.write(text + "\n")


def _grep(args: argparse.Namespace, settings: Settings, problems: _Problems) -> int:
    try:
        pattern = re.compile(args.pattern, re.IGNORECASE if args.ignore_case else 0)
    except re.error as exc:
        problems.report(f"bad pattern {args.pattern!r}: {exc}")
        return 2
    sources = _sources(args, problems)
    show_names = len(args.paths) > 1 or args.recursive
    selected = 0
    for source in sources:
        if settings.limit is not None and selected >= settings.limit:
            break
        for number, line in _lines(source, problems):
            record = parse_line(line)
            if record is None or not _at_least(record.level, settings.level):
                continue
            if bool(pattern.search(line)) == args.invert:
                continue
            selected += 1
            if not args.count:
                if settings.output == "json":
                    row = {"path": source.name, "line": number, **record.__dict__}
                    _emit(json.dumps(row, ensure_ascii=False))
                else:
                    shown = line
                    if settings.color and not args.invert:
                        shown = pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}", line)
                    _emit(f"{source.name}:{shown}" if show_names else shown)
            if settings.limit is not None and selected >= settings.limit:
                break
    if args.count:
        _emit(json.dumps({"count": selected}) if settings.output == "json" else str(selected))
    if problems.count:
        return 2
    return 0 if selected else 1


def _summary(args: argparse.Namespace, settings: Settings, problems: _Problems) -> int:
    shown_levels = [level for level in LEVELS if _at_least(level, settings.level)]
    counts = dict.fromkeys(shown_levels, 0)
    unparsed = 0
    stamps: list[str] = []
    for source in _sources(args, problems):
        for _, line in _lines(source, problems):
            record = parse_line(line)
            if record is None:
                unparsed += 1
            elif record.level in counts:
                counts[record.level] += 1
                stamps.append(record.timestamp)
    total = sum(counts.values())
    first = min(stamps) if stamps else None
    last = max(stamps) if stamps else None
    if settings.output == "json":
        report = {"counts": counts, "total": total, "unparsed": unparsed, "first": first, "last": last}
        _emit(json.dumps(report, ensure_ascii=False))
    else:
        for level, count in counts.items():
            _emit(f"{level}\t{count}")
        _emit(f"total\t{total}")
        _emit(f"unparsed\t{unparsed}")
        if first is not None:
            _emit(f"first\t{first}")
            _emit(f"last\t{last}")
    return 2 if problems.count else 0


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - is stdin")
    parser.add_argument("-r", "--recursive", action="store_true", help="search directories")
    parser.add_argument("--include", action="append", default=[], metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with its ``grep`` and ``summary`` subcommands."""
    parser = argparse.ArgumentParser(prog=PROG, description="Search and summarise log files.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    grep = sub.add_parser("grep", help="print log lines that match a pattern")
    grep.add_argument("pattern", metavar="PATTERN")
    grep.add_argument("-i", "--ignore-case", action="store_true")
    grep.add_argument("-v", "--invert", action="store_true")
    grep.add_argument("-c", "--count", action="store_true")
    summary = sub.add_parser("summary", help="count log lines per level")
    for command in (grep, summary):
        _add_input_arguments(command)
        add_settings_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line described in the module docstring; return the exit code.

    Args:
        argv: The arguments after the program name; None means ``sys.argv[1:]``.

    Returns:
        grep: 0 when a record was selected, 1 when none was, 2 on any error.
        summary: 0, or 2 on any error.
    """
    args = build_parser().parse_args(argv)
    problems = _Problems()
    try:
        settings = settings_from_args(args, os.environ, isatty=sys.stdout.isatty())
    except ConfigError as exc:
        problems.report(str(exc))
        return 2
    if args.command == "grep":
        return _grep(args, settings, problems)
    return _summary(args, settings, problems)


if __name__ == "__main__":
    sys.exit(main())
