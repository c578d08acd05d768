"""Tests for ex05: Server-Sent Events framing and parsing."""

from __future__ import annotations

import pytest
from practice.server_sent_events import Event, EventStreamParser, format_comment, format_event


@pytest.mark.parametrize(
    ("kwargs", "want"),
    [
        ({"data": "hello"}, "data: hello\n\n"),
        ({"data": ""}, "data: \n\n"),
        ({"data": "a\nb"}, "data: a\ndata: b\n\n"),
        ({"data": "a\r\nb\rc"}, "data: a\ndata: b\ndata: c\n\n"),
        ({"data": "x\n"}, "data: x\ndata: \n\n"),
        (
            {"data": "{}", "event": "price", "id": "42", "retry": 3000},
            "event: price\nid: 42\nretry: 3000\ndata: {}\n\n",
        ),
        ({"data": "caf\u00e9 \u2615", "id": ""}, "id: \ndata: caf\u00e9 \u2615\n\n"),
    ],
)
def test_format_event(kwargs: dict, want: str) -> None:
    got = format_event(**kwargs)
    assert got == want, f"format_event(**{kwargs!r}) should return {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"event": "a\nb"}, ValueError),
        ({"event": "a\rb"}, ValueError),
        ({"id": "1\n2"}, ValueError),
        ({"id": "1\x002"}, ValueError),
        ({"retry": -1}, ValueError),
        ({"retry": "1000"}, TypeError),
        ({"retry": True}, TypeError),
    ],
)
def test_format_event_rejects(kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        format_event("x", **kwargs)


def test_format_comment() -> None:
    assert format_comment("keep-alive") == ": keep-alive\n\n", "a heartbeat comment"
    assert format_comment() == ":\n\n", "an empty comment"
    got = format_comment("a\nb")
    assert got == ": a\n: b\n\n", f"each line of a comment starts with ':', got {got!r}"


def parse(*chunks: str) -> list[Event]:
    parser = EventStreamParser()
    events: list[Event] = []
    for chunk in chunks:
        events.extend(parser.feed(chunk))
    return events


@pytest.mark.parametrize(
    ("stream", "want"),
    [
        ("data: hi\n\n", [Event("hi")]),
        ("data: a\ndata: b\n\n", [Event("a\nb")]),
        ("data:no-space\n\n", [Event("no-space")]),
        ("data:  two spaces\n\n", [Event(" two spaces")]),
        ("data\n\n", [Event("")]),
        ("data:\ndata:\n\n", [Event("\n")]),
        (": comment\ndata: x\n\n", [Event("x")]),
        ("event: add\ndata: 1\n\ndata: 2\n\n", [Event("1", "add"), Event("2")]),
        ("id: 7\ndata: a\n\ndata: b\n\n", [Event("a", id="7"), Event("b", id="7")]),
        ("id: 7\ndata: a\n\nid\ndata: b\n\n", [Event("a", id="7"), Event("b", id="")]),
        ("id: 1\x002\ndata: a\n\n", [Event("a")]),
        ("event: lonely\n\ndata: x\n\n", [Event("x")]),
        ("foo: bar\ndata: x\n\n", [Event("x")]),
        ("data: a\r\ndata: b\r\rdata: c\n\n", [Event("a\nb"), Event("c")]),
        ("\ufeffdata: bom\n\n", [Event("bom")]),
        ("data: caf\u00e9\n\n", [Event("caf\u00e9")]),
        ("data: unfinished\n", []),
        ("", []),
    ],
)
def test_parse_stream(stream: str, want: list[Event]) -> None:
    got = parse(stream)
    assert got == want, f"parsing {stream!r} should give {want!r}, got {got!r}"


def test_chunks_may_split_anywhere() -> None:
    stream = "event: tick\r\nid: 9\r\ndata: one\r\ndata: two\r\n\r\n: ping\r\ndata: 3\r\n\r\n"
    whole = parse(stream)
    want = [Event("one\ntwo", "tick", "9"), Event("3", id="9")]
    assert whole == want, f"whole stream should give {want!r}, got {whole!r}"
    for size in (1, 2, 3, 5, 7):
        chunks = [stream[i : i + size] for i in range(0, len(stream), size)]
        got = parse(*chunks)
        assert got == want, f"chunks of {size} chars should give the same events, got {got!r}"


def test_cr_at_chunk_end_then_lf_is_one_line_break() -> None:
    got = parse("data: a\r", "\ndata: b\r", "\n\r", "\n")
    assert got == [Event("a\nb")], f"a CRLF split across chunks is one line break, got {got!r}"


def test_retry_and_last_event_id_are_tracked() -> None:
    parser = EventStreamParser()
    assert parser.last_event_id == "" and parser.retry is None, "nothing received yet"
    parser.feed("retry: 2500\nretry: soon\nid: abc\ndata: x\n\n")
    assert parser.retry == 2500, f"retry 2500 is valid, 'soon' is ignored; got {parser.retry!r}"
    assert parser.last_event_id == "abc", f"last_event_id should be 'abc', got {parser.last_event_id!r}"
    parser.feed("retry: 1e3\nretry: -5\n\n")
    assert parser.retry == 2500, "retry values that are not all digits are ignored"


def test_bom_only_at_start_of_stream() -> None:
    got = parse("data: a\n\n", "\ufeffdata: b\n\n")
    assert got == [Event("a")], f"a BOM after the start makes the field name '\\ufeffdata' (ignored), got {got!r}"


@pytest.mark.parametrize(
    "payload",
    ['{"a": 1}', "line1\nline2\n", " leading space", "", "\n\n", "emoji \U0001f600: yes"],
)
def test_round_trip(payload: str) -> None:
    text = format_event(payload, event="update", id="id-1")
    got = parse(text)
    want = [Event(payload, "update", "id-1")]
    assert got == want, f"format_event then parse should round-trip {payload!r}, got {got!r}"
