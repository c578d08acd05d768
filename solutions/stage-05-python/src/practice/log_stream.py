"""Streaming log processing with iterators and generators.

Log files and event streams are often far larger than memory, or never end at all
(``tail -f``). Generators let a backend process them one record at a time: parse
lazily, batch for bulk inserts, and aggregate per minute while the data flows.

Line format (one record per line, fields separated by runs of spaces)::

    2024-05-01T12:00:03+00:00 INFO method=GET path=/orders status=200 ms=12

- first token: ISO 8601 timestamp WITH a UTC offset (``Z`` allowed);
- second token: a level from ``LEVELS`` (upper case);
- then zero or more ``key=value`` tokens: key matches ``KEY_RE``, value is
  non-empty, keys are unique within a line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

T = TypeVar("T")

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
KEY_RE = re.compile(r"[a-z_][a-z0-9_]*")


class LogParseError(ValueError):
    """A line does not follow the log format.

    Attributes:
        reason: What is wrong, e.g. ``"unknown level 'WARN'"``.
        lineno: 1-based line number when known (set by ``read_records``), else None.
    """

    def __init__(self, reason: str, lineno: int | None = None) -> None:
        prefix = f"line {lineno}: " if lineno is not None else ""
        super().__init__(prefix + reason)
        self.reason = reason
        self.lineno = lineno


@dataclass(frozen=True)
class LogRecord:
    """One parsed log line.

    Attributes:
        timestamp: Timezone-aware time of the event.
        level: One of ``LEVELS``.
        fields: The ``key=value`` pairs in line order.
    """

    timestamp: datetime
    level: str
    fields: Mapping[str, str]


def parse_line(line: str) -> LogRecord:
    """Parse one log line.

    Args:
        line: The text of one line; surrounding whitespace (including the newline)
            is ignored, and fields may be separated by any run of spaces.

    Returns:
        The parsed record, with ``fields`` in the order they appear.

    Raises:
        LogParseError: (with ``lineno=None``) if there are fewer than two tokens,
            the timestamp does not parse with ``datetime.fromisoformat`` (reason
            mentions ``timestamp``), the timestamp has no UTC offset (reason
            mentions ``offset``), the level is not in ``LEVELS`` (reason mentions
            ``level``; ``"info"`` and ``"WARN"`` are unknown), a field is not
            ``key=value`` with a ``KEY_RE`` key and a non-empty value (reason
            mentions ``field``), or a key repeats (reason mentions ``duplicate``).
    """
    tokens = line.split()
    if len(tokens) < 2:
        raise LogParseError("expected at least a timestamp and a level")
    raw_time, level, *pairs = tokens
    try:
        timestamp = datetime.fromisoformat(raw_time)
    except ValueError:
        raise LogParseError(f"bad timestamp {raw_time!r}") from None
    if timestamp.utcoffset() is None:
        raise LogParseError(f"timestamp {raw_time!r} has no UTC offset")
    if level not in LEVELS:
        raise LogParseError(f"unknown level {level!r}")
    fields: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not value or not KEY_RE.fullmatch(key):
            raise LogParseError(f"bad field {pair!r}")
        if key in fields:
            raise LogParseError(f"duplicate field {key!r}")
        fields[key] = value
    return LogRecord(timestamp=timestamp, level=level, fields=fields)


def read_records(
    lines: Iterable[str],
    *,
    strict: bool = True,
    errors: list[LogParseError] | None = None,
) -> Iterator[LogRecord]:
    """Lazily parse an iterable of lines into records.

    This is a generator: it pulls one line from ``lines`` at a time and never
    builds a list, so it works on huge files and on endless streams. Taking the
    first record must pull only the lines up to and including that record.

    Args:
        lines: Any iterable of str, e.g. an open file or a generator.
        strict: If True, a bad line raises. If False, bad lines are skipped.
        errors: When given and ``strict`` is False, each skipped line's
            ``LogParseError`` (with its ``lineno`` set) is appended to this list.

    Yields:
        One ``LogRecord`` per good line, in input order. Blank lines (only
        whitespace) and comment lines (first non-space character ``#``) are
        skipped silently, but still count for line numbers.

    Raises:
        LogParseError: in strict mode, for the first bad line, with ``lineno``
            set to its 1-based line number.
    """
    for lineno, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            record = parse_line(text)
        except LogParseError as err:
            located = LogParseError(err.reason, lineno)
            if strict:
                raise located from None
            if errors is not None:
                errors.append(located)
            continue
        yield record


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Split an iterable into lists of ``size`` items, lazily.

    ``batched(range(7), 3)`` yields ``[0, 1, 2]``, ``[3, 4, 5]``, ``[6]``. Typical use:
    insert rows into a database 500 at a time. Works on infinite iterables; pulls
    exactly ``size`` items per full batch and never reads ahead. (Python 3.12 has
    ``itertools.batched``; this project supports 3.11, so write it yourself.)

    Args:
        items: Any iterable.
        size: Batch size, a positive int (``bool`` is rejected).

    Returns:
        An iterator of non-empty lists; the last one may be shorter. Empty input
        gives no batches at all.

    Raises:
        ValueError: immediately, at call time (not on the first ``next()``), if
            size is not a positive int. Hint: a generator function's body only runs
            on the first ``next()``, so validate in a plain function that returns
            a generator.
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size must be a positive int, got {size!r}")
    return _batches(iter(items), size)


def _batches(iterator: Iterator[T], size: int) -> Iterator[list[T]]:
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _minute(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(second=0, microsecond=0)


def count_per_minute(records: Iterable[LogRecord], *, level: str | None = None) -> Iterator[tuple[datetime, int]]:
    """Count records per UTC minute, streaming.

    Records must arrive in time order (as in a log file). A minute's count is
    yielded as soon as a record from a later minute arrives (or the input ends),
    so this works on an endless stream and keeps O(1) memory.

    Args:
        records: Records in non-decreasing time order.
        level: If given, count only records of exactly this level.

    Yields:
        ``(minute, count)`` pairs in time order, where ``minute`` is the record's
        timestamp converted to UTC with seconds and microseconds zeroed. Minutes
        with no counted record are not yielded (no zero counts).

    Raises:
        ValueError: immediately at call time if ``level`` is not in ``LEVELS``;
            during iteration if a record's minute is earlier than the previous
            record's minute (message mentions ``order``).
    """
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    return _count(records, level)


def _count(records: Iterable[LogRecord], level: str | None) -> Iterator[tuple[datetime, int]]:
    current: datetime | None = None
    count = 0
    for record in records:
        minute = _minute(record.timestamp)
        if current is not None and minute < current:
            raise ValueError(f"records out of order: {minute.isoformat()} after {current.isoformat()}")
        if minute != current:
            if current is not None and count:
                yield current, count
            current, count = minute, 0
        if level is None or record.level == level:
            count += 1
    if current is not None and count:
        yield current, count
