"""Tests for ex02: lazy log parsing, batching and streaming aggregation."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from practice.log_stream import (
    LogParseError,
    LogRecord,
    batched,
    count_per_minute,
    parse_line,
    read_records,
)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


class Counting:
    """Wrap an iterable and count how many items were pulled from it."""

    def __init__(self, source: Iterator[object]) -> None:
        self.source = source
        self.pulled = 0

    def __iter__(self) -> Counting:
        return self

    def __next__(self) -> object:
        item = next(self.source)
        self.pulled += 1
        return item


def endless_lines() -> Iterator[str]:
    """An infinite log: one INFO line per second."""
    for n in itertools.count():
        when = T0 + timedelta(seconds=n)
        yield f"{when.isoformat()} INFO n={n}\n"


def rec(seconds: int, level: str = "INFO") -> LogRecord:
    return LogRecord(timestamp=T0 + timedelta(seconds=seconds), level=level, fields={})


def test_parse_line_full() -> None:
    record = parse_line("2024-05-01T12:00:03+00:00  INFO method=GET path=/orders?id=7 status=200\n")
    assert record.timestamp == T0 + timedelta(seconds=3), f"timestamp parsed wrong: {record.timestamp!r}"
    assert record.level == "INFO", f"level should be 'INFO', got {record.level!r}"
    assert dict(record.fields) == {
        "method": "GET",
        "path": "/orders?id=7",
        "status": "200",
    }, f"fields parsed wrong: {record.fields!r}"
    assert list(record.fields) == ["method", "path", "status"], "fields should keep line order"


def test_parse_line_without_fields_and_with_z_and_unicode() -> None:
    record = parse_line("2024-05-01T12:00:00Z ERROR user=zoë")
    assert record.timestamp == T0, f"'Z' should mean UTC, got {record.timestamp!r}"
    assert dict(record.fields) == {"user": "zoë"}, f"unicode values must survive, got {record.fields!r}"
    bare = parse_line("2024-05-01T14:00:00+02:00 DEBUG")
    assert bare.timestamp == T0 and dict(bare.fields) == {}, f"a line may have no fields, got {bare!r}"


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("", "timestamp"),
        ("2024-05-01T12:00:00+00:00", "timestamp"),
        ("yesterday INFO a=1", "timestamp"),
        ("2024-05-01T12:00:00 INFO a=1", "offset"),
        ("2024-05-01T12:00:00+00:00 WARN a=1", "level"),
        ("2024-05-01T12:00:00+00:00 info a=1", "level"),
        ("2024-05-01T12:00:00+00:00 INFO a", "field"),
        ("2024-05-01T12:00:00+00:00 INFO a=", "field"),
        ("2024-05-01T12:00:00+00:00 INFO Bad=1", "field"),
        ("2024-05-01T12:00:00+00:00 INFO a=1 a=2", "duplicate"),
    ],
)
def test_parse_line_errors(line: str, reason_part: str) -> None:
    with pytest.raises(LogParseError) as info:
        parse_line(line)
    assert reason_part in info.value.reason, (
        f"parse_line({line!r}) reason should mention {reason_part!r}, got {info.value.reason!r}"
    )
    assert info.value.lineno is None, "parse_line does not know line numbers; lineno should be None"


def test_read_records_skips_blank_and_comment_lines() -> None:
    lines = [
        "# service started\n",
        "2024-05-01T12:00:00+00:00 INFO a=1\n",
        "   \n",
        "  # indented comment\n",
        "2024-05-01T12:00:01+00:00 ERROR a=2\r\n",
    ]
    got = [(r.level, dict(r.fields)) for r in read_records(lines)]
    assert got == [("INFO", {"a": "1"}), ("ERROR", {"a": "2"})], f"expected two records, got {got}"
    assert list(read_records([])) == [], "no lines should give no records"


def test_read_records_strict_reports_line_number() -> None:
    lines = ["# header", "2024-05-01T12:00:00+00:00 INFO", "", "garbage here"]
    records = read_records(lines)
    first = next(records)
    assert first.level == "INFO", f"the first good record should come out before the error, got {first!r}"
    with pytest.raises(LogParseError) as info:
        next(records)
    assert info.value.lineno == 4, f"'garbage here' is on line 4 (1-based, blanks count), got {info.value.lineno!r}"
    assert str(info.value).startswith("line 4: "), f"message should start with 'line 4: ', got {str(info.value)!r}"


def test_read_records_lenient_collects_errors() -> None:
    lines = [
        "bad one",
        "2024-05-01T12:00:00+00:00 INFO",
        "2024-05-01T12:00:00+00:00 NOPE",
        "x",
    ]
    errors: list[LogParseError] = []
    got = list(read_records(lines, strict=False, errors=errors))
    assert len(got) == 1, f"only one good line, got {len(got)} records"
    assert [e.lineno for e in errors] == [1, 3, 4], f"bad lines are 1, 3 and 4, got {[e.lineno for e in errors]}"
    assert list(read_records(lines, strict=False)) == got, "errors=None in lenient mode just skips"


def test_read_records_is_lazy() -> None:
    source = Counting(endless_lines())
    records = read_records(source)
    assert source.pulled == 0, f"creating the generator must not read anything, it read {source.pulled} lines"
    first_three = list(itertools.islice(records, 3))
    assert [r.fields["n"] for r in first_three] == ["0", "1", "2"], f"got {first_three!r}"
    assert source.pulled == 3, f"three records need exactly three lines, {source.pulled} were pulled"


@pytest.mark.parametrize(
    ("items", "size", "want"),
    [
        (range(7), 3, [[0, 1, 2], [3, 4, 5], [6]]),
        (range(6), 3, [[0, 1, 2], [3, 4, 5]]),
        ([], 4, []),
        ("abc", 1, [["a"], ["b"], ["c"]]),
        ((x for x in "ab"), 10, [["a", "b"]]),
    ],
)
def test_batched(items: object, size: int, want: list[list[object]]) -> None:
    got = list(batched(items, size))  # type: ignore[arg-type]
    assert got == want, f"batched({items!r}, {size}) should give {want}, got {got}"


def test_batched_on_infinite_input_pulls_exactly_what_it_needs() -> None:
    source = Counting(itertools.count())
    batches = batched(source, 4)
    assert next(batches) == [0, 1, 2, 3], "first batch of count() should be [0, 1, 2, 3]"
    assert next(batches) == [4, 5, 6, 7], "second batch should be [4, 5, 6, 7]"
    assert source.pulled == 8, f"two batches of 4 should pull 8 items, pulled {source.pulled}"


@pytest.mark.parametrize("size", [0, -1, True, 2.0, "3"])
def test_batched_rejects_bad_size_at_call_time(size: object) -> None:
    with pytest.raises(ValueError):
        batched([1, 2, 3], size)  # type: ignore[arg-type]  # note: no iteration


def test_count_per_minute() -> None:
    records = [
        rec(0),
        rec(10, "ERROR"),
        rec(59),
        rec(60, "ERROR"),
        rec(185),
        rec(190, "ERROR"),
    ]
    got = list(count_per_minute(records))
    want = [(T0, 3), (T0 + timedelta(minutes=1), 1), (T0 + timedelta(minutes=3), 2)]
    assert got == want, f"per-minute counts wrong:\n got {got}\nwant {want}"
    errors_only = list(count_per_minute(records, level="ERROR"))
    want_errors = [
        (T0, 1),
        (T0 + timedelta(minutes=1), 1),
        (T0 + timedelta(minutes=3), 1),
    ]
    assert errors_only == want_errors, f"ERROR counts wrong:\n got {errors_only}\nwant {want_errors}"
    assert list(count_per_minute([])) == [], "no records should give no minutes"


def test_count_per_minute_converts_to_utc_and_skips_zero_minutes() -> None:
    plus2 = timezone(timedelta(hours=2))
    records = [
        LogRecord(datetime(2024, 5, 1, 14, 0, 30, tzinfo=plus2), "INFO", {}),
        LogRecord(datetime(2024, 5, 1, 12, 0, 45, tzinfo=UTC), "INFO", {}),
        LogRecord(datetime(2024, 5, 1, 12, 1, 5, tzinfo=UTC), "DEBUG", {}),
    ]
    got = list(count_per_minute(records, level="INFO"))
    assert got == [(T0, 2)], f"14:00+02:00 and 12:00Z are the same UTC minute; DEBUG-only minute is skipped, got {got}"
    assert got[0][0].utcoffset() == timedelta(0), "minutes should be reported in UTC"


def test_count_per_minute_streams_endless_input() -> None:
    source = Counting(endless_lines())
    counts = count_per_minute(read_records(source))
    first = next(counts)
    assert first == (T0, 60), f"the first minute of a 1-line-per-second log has 60 lines, got {first}"
    assert source.pulled == 61, f"to close minute one you need exactly one line of minute two, pulled {source.pulled}"


def test_count_per_minute_errors() -> None:
    with pytest.raises(ValueError):
        count_per_minute([], level="LOUD")  # raised at call time, no iteration
    out_of_order = count_per_minute([rec(120), rec(0)])
    with pytest.raises(ValueError) as info:
        list(out_of_order)
    assert "order" in str(info.value), f"out-of-order input should say so, got {info.value}"
