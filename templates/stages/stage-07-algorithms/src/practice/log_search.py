"""Find the log lines of a time window with binary search instead of a full scan.

An incident report says "errors between 10:15 and 10:20". The service log is sorted by
time and has millions of lines. Reading it from the top is O(n); because it is sorted,
two binary searches find the first and the last line of the window in O(log n) reads.

Every log line starts with an ISO 8601 timestamp that carries a UTC offset, then one
space, then the rest of the line::

    2024-03-01T10:15:00Z GET /orders/17 200
    2024-03-01T10:15:00.250+00:00 POST /orders 201

The tests hand you a "virtual" log of a billion lines that makes each line only when it
is read, counts the reads, and fails the test when you read far more than log2(n).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime


def line_timestamp(line: str) -> datetime:
    """Return the timezone-aware timestamp at the start of a log line.

    The timestamp is everything before the first space (or the whole line when there
    is no space) and is parsed with ``datetime.fromisoformat``, which in Python 3.11
    accepts a trailing ``Z`` as UTC.

    Args:
        line: One log line, for example ``"2024-03-01T10:15:00Z GET /orders 200"``.

    Returns:
        The timestamp as an aware ``datetime`` (its ``tzinfo`` is set).

    Raises:
        ValueError: The line is empty, its first field is not an ISO 8601 timestamp
            (for example ``"hello world"`` or month 13), or the timestamp has no UTC
            offset (a naive time cannot be compared safely with the others).
    """
    raise NotImplementedError(
        "take the text before the first space, parse it with datetime.fromisoformat, "
        "and raise ValueError when it fails or has no tzinfo"
    )


def count_between(lines: Sequence[str], start: datetime, end: datetime) -> int:
    """Return how many lines have ``start <= timestamp < end``.

    ``lines`` is sorted by timestamp, oldest first; several lines may share one
    timestamp. ``start`` is inclusive and ``end`` exclusive, so back-to-back windows
    never count a line twice. ``start`` and ``end`` may use any UTC offset: aware
    datetimes compare by the instant they name.

    Read only O(log n) lines: find the index of the first line at or after ``start``
    and the index of the first line at or after ``end`` with binary search, and
    subtract. Never loop over every line.

    Args:
        lines: The sorted log lines (a list, or any sequence with ``len`` and indexing).
        start: The first instant of the window (inclusive), timezone-aware.
        end: The instant just after the window (exclusive), timezone-aware.

    Returns:
        The number of lines in the window; 0 for an empty log or when ``start == end``.

    Raises:
        ValueError: ``start`` or ``end`` is naive (has no tzinfo), or ``start > end``.
    """
    raise NotImplementedError(
        "validate start/end, then use bisect.bisect_left(lines, moment, key=line_timestamp) "
        "twice and return the difference of the two indexes"
    )


def lines_between(lines: Sequence[str], start: datetime, end: datetime) -> list[str]:
    """Return the lines with ``start <= timestamp < end``, in log order.

    Same window rules and errors as :func:`count_between`. Read O(log n + k) lines,
    where k is the number of lines returned: locate the window with binary search,
    then read only the lines inside it.

    Args:
        lines: The sorted log lines.
        start: The first instant of the window (inclusive), timezone-aware.
        end: The instant just after the window (exclusive), timezone-aware.

    Returns:
        A new list with the matching lines, unchanged; ``[]`` when none match.

    Raises:
        ValueError: ``start`` or ``end`` is naive, or ``start > end``.
    """
    raise NotImplementedError("find the two window indexes as in count_between, then return lines[lo:hi] as a list")
