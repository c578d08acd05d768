"""Tests for ex01: binary search over a sorted log."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import overload

import pytest
from practice.log_search import count_between, line_timestamp, lines_between

PARIS_SUMMER = timezone(timedelta(hours=2))


def at(hh: int, mm: int, ss: int = 0, tz: timezone = UTC) -> datetime:
    """Return 2024-03-01 hh:mm:ss in the given zone."""
    return datetime(2024, 3, 1, hh, mm, ss, tzinfo=tz)


SMALL_LOG = [
    "2024-03-01T10:14:59Z GET /health 200",
    "2024-03-01T10:15:00Z GET /orders/1 200",
    "2024-03-01T10:15:00Z GET /orders/2 404",
    "2024-03-01T10:15:30Z POST /orders 201",
    "2024-03-01T10:16:00Z GET /orders/3 500",
    "2024-03-01T10:20:00Z GET /caf\u00e9/menu 200",
]


class VirtualLog(Sequence[str]):
    """A sorted log whose lines are made only when read; it counts every read.

    Line ``i`` is stamped ``BASE + i // 2`` seconds (two lines per second), so equal
    timestamps are common. Reading more than ``budget`` lines fails the test at once,
    with a message, instead of scanning a billion lines for hours.
    """

    BASE = datetime(2024, 1, 1, tzinfo=UTC)

    def __init__(self, size: int, budget: int) -> None:
        self.size = size
        self.budget = budget
        self.reads = 0

    def stamp(self, index: int) -> datetime:
        """Return the timestamp of line ``index``."""
        return self.BASE + timedelta(seconds=index // 2)

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError(index)
        self.reads += 1
        assert self.reads <= self.budget, (
            f"read {self.reads} lines of a {self.size:,}-line sorted log; binary search "
            f"needs about 2 * log2(n) = {2 * math.ceil(math.log2(self.size))} reads. "
            "Do not loop over the lines."
        )
        return f"{self.stamp(index):%Y-%m-%dT%H:%M:%S}Z GET /items/{index} 200"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("2024-03-01T10:15:00Z GET /orders 200", at(10, 15)),
        ("2024-03-01T12:15:00+02:00 GET /orders 200", at(10, 15)),
        (
            "2024-03-01T10:15:00.250Z POST /orders 201",
            at(10, 15).replace(microsecond=250_000),
        ),
        ("2024-03-01T10:20:00Z GET /caf\u00e9/men\u00fc 200", at(10, 20)),
        ("2024-03-01T10:15:00Z", at(10, 15)),
    ],
)
def test_line_timestamp_parses_the_leading_timestamp(line: str, want: datetime) -> None:
    got = line_timestamp(line)
    assert got == want, f"line_timestamp({line!r}) should be {want.isoformat()}, got {got!r}"
    assert got.tzinfo is not None, f"line_timestamp({line!r}) must return an aware datetime"


@pytest.mark.parametrize(
    "line",
    [
        "",
        "hello world",
        "2024-13-01T00:00:00Z GET / 200",
        "2024-03-01T10:15:00 GET / 200",
        " 2024-03-01T10:15:00Z GET / 200",
    ],
)
def test_line_timestamp_rejects_bad_lines(line: str) -> None:
    with pytest.raises(ValueError):
        line_timestamp(line)


@pytest.mark.parametrize(
    ("start", "end", "want"),
    [
        (at(10, 15), at(10, 16), 3),
        (at(10, 0), at(11, 0), 6),
        (at(10, 14, 59), at(10, 15), 1),
        (at(10, 15, 1), at(10, 15, 30), 0),
        (at(10, 16), at(10, 20), 1),
        (at(10, 20), at(10, 21), 1),
        (at(9, 0), at(10, 0), 0),
        (at(10, 21), at(12, 0), 0),
        (at(12, 15, tz=PARIS_SUMMER), at(12, 16, tz=PARIS_SUMMER), 3),
    ],
)
def test_count_between_uses_inclusive_start_and_exclusive_end(start: datetime, end: datetime, want: int) -> None:
    got = count_between(SMALL_LOG, start, end)
    assert got == want, (
        f"count_between(SMALL_LOG, {start.isoformat()}, {end.isoformat()}) should be "
        f"{want} (start inclusive, end exclusive), got {got!r}"
    )


def test_lines_between_returns_the_window_in_log_order() -> None:
    got = lines_between(SMALL_LOG, at(10, 15), at(10, 16))
    want = SMALL_LOG[1:4]
    assert got == want, f"lines_between(10:15, 10:16) should be {want!r}, got {got!r}"
    unicode_line = lines_between(SMALL_LOG, at(10, 20), at(10, 21))
    assert unicode_line == [SMALL_LOG[5]], f"the 10:20 line should come back unchanged, got {unicode_line!r}"


@pytest.mark.parametrize(("func", "nothing"), [(count_between, 0), (lines_between, [])], ids=["count", "lines"])
def test_empty_log_and_empty_window(func: Callable[..., object], nothing: object) -> None:
    empty = func([], at(10, 0), at(11, 0))
    assert empty == nothing, f"{func.__name__} on an empty log should be {nothing!r}, got {empty!r}"
    same = func(SMALL_LOG, at(10, 15), at(10, 15))
    assert same == nothing, f"{func.__name__} with start == end is an empty window: want {nothing!r}, got {same!r}"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(10, 16), at(10, 15)),
        (datetime(2024, 3, 1, 10, 15), at(10, 16)),
        (at(10, 15), datetime(2024, 3, 1, 10, 16)),
    ],
)
@pytest.mark.parametrize("func", [count_between, lines_between])
def test_bad_windows_raise_value_error(func: Callable[..., object], start: datetime, end: datetime) -> None:
    with pytest.raises(ValueError):
        func(SMALL_LOG, start, end)


@pytest.mark.parametrize(
    ("offset_seconds", "length_seconds"),
    [
        (0, 10),
        (123_456_789, 3),
        (499_999_990, 10),
        (-3_600, 3_601),
        (500_000_000, 60),
    ],
)
def test_count_between_reads_log_n_lines_of_a_billion_line_log(offset_seconds: int, length_seconds: int) -> None:
    size = 1_000_000_000
    log = VirtualLog(size, budget=4 * math.ceil(math.log2(size)) + 4)
    start = VirtualLog.BASE + timedelta(seconds=offset_seconds)
    end = start + timedelta(seconds=length_seconds)
    first = max(0, 2 * offset_seconds)
    last = min(size, 2 * (offset_seconds + length_seconds))
    want = max(0, last - first)
    got = count_between(log, start, end)
    assert got == want, (
        f"count_between over the virtual log from +{offset_seconds}s for "
        f"{length_seconds}s should be {want}, got {got!r}"
    )


def test_lines_between_reads_only_the_window_after_searching() -> None:
    size = 1_000_000_000
    window = 20
    log = VirtualLog(size, budget=4 * math.ceil(math.log2(size)) + 2 * window)
    start = VirtualLog.BASE + timedelta(seconds=250_000_000)
    got = lines_between(log, start, start + timedelta(seconds=window // 2))
    first = 500_000_000
    want = [f"{log.stamp(i):%Y-%m-%dT%H:%M:%S}Z GET /items/{i} 200" for i in range(first, first + window)]
    assert got == want, (
        f"lines_between should return lines {first}..{first + window - 1}, got {len(got)} lines starting {got[:1]!r}"
    )
