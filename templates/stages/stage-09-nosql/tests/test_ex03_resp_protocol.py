"""Tests for ex03: the Redis wire protocol (RESP2)."""

from __future__ import annotations

import pytest
from practice.resp_protocol import (
    ErrorReply,
    ProtocolError,
    RespParser,
    SimpleString,
    encode,
    encode_command,
)


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (SimpleString("OK"), b"+OK\r\n"),
        (ErrorReply("ERR unknown command 'FOO'"), b"-ERR unknown command 'FOO'\r\n"),
        (0, b":0\r\n"),
        (-42, b":-42\r\n"),
        (b"hello", b"$5\r\nhello\r\n"),
        (b"", b"$0\r\n\r\n"),
        (b"a\r\nb", b"$4\r\na\r\nb\r\n"),
        ("caf\u00e9", b"$5\r\ncaf\xc3\xa9\r\n"),
        (None, b"$-1\r\n"),
        ([], b"*0\r\n"),
        ([1, b"x", None], b"*3\r\n:1\r\n$1\r\nx\r\n$-1\r\n"),
        ([[1], [SimpleString("a")]], b"*2\r\n*1\r\n:1\r\n*1\r\n+a\r\n"),
    ],
)
def test_encode(value: object, wire: bytes) -> None:
    got = encode(value)  # type: ignore[arg-type]
    assert got == wire, f"encode({value!r}) should be {wire!r}, got {got!r}"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, TypeError),
        (1.5, TypeError),
        ({"a": 1}, TypeError),
        ([1, False], TypeError),
        (SimpleString("line\nbreak"), ValueError),
        (ErrorReply("ERR\r\n"), ValueError),
    ],
)
def test_encode_rejects(value: object, error: type) -> None:
    with pytest.raises(error):
        encode(value)  # type: ignore[arg-type]


def test_encode_command() -> None:
    got = encode_command("SET", "k", 10)
    want = b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n10\r\n"
    assert got == want, f"encode_command('SET', 'k', 10) should be {want!r}, got {got!r}"
    got = encode_command("GET", b"\xff\x00")
    want = b"*2\r\n$3\r\nGET\r\n$2\r\n\xff\x00\r\n"
    assert got == want, f"binary arguments pass through unchanged, got {got!r}"
    with pytest.raises(ValueError):
        encode_command()
    with pytest.raises(TypeError):
        encode_command("SET", "flag", True)


@pytest.mark.parametrize(
    ("wire", "want"),
    [
        (b"+PONG\r\n", SimpleString("PONG")),
        (b"-WRONGTYPE bad\r\n", ErrorReply("WRONGTYPE bad")),
        (b":1000\r\n", 1000),
        (b":-1\r\n", -1),
        (b"$3\r\nfoo\r\n", b"foo"),
        (b"$0\r\n\r\n", b""),
        (b"$4\r\n\r\n\r\n\r\n", b"\r\n\r\n"),
        (b"$-1\r\n", None),
        (b"*-1\r\n", None),
        (b"*0\r\n", []),
        (b"*2\r\n$3\r\nfoo\r\n$-1\r\n", [b"foo", None]),
        (b"*2\r\n*1\r\n:1\r\n+OK\r\n", [[1], SimpleString("OK")]),
        ("+caf\u00e9\r\n".encode(), SimpleString("caf\u00e9")),
    ],
)
def test_parse_one_value(wire: bytes, want: object) -> None:
    got = RespParser().feed(wire)
    assert got == [want], f"feed({wire!r}) should return [{want!r}], got {got!r}"


def test_several_values_in_one_feed() -> None:
    parser = RespParser()
    got = parser.feed(b"+OK\r\n:1\r\n$1\r\na\r\n")
    want = [SimpleString("OK"), 1, b"a"]
    assert got == want, f"three frames in one feed should give {want!r}, got {got!r}"
    assert parser.pending == 0, f"nothing should be left over, pending={parser.pending}"


def test_partial_frames_wait_for_more_bytes() -> None:
    parser = RespParser()
    assert parser.feed(b"*2\r\n$5\r\nhel") == [], "an incomplete array returns nothing yet"
    assert parser.pending == 11, f"the 11 received bytes are kept, pending={parser.pending}"
    assert parser.feed(b"lo\r\n:") == [], "still incomplete: the second element has not arrived"
    got = parser.feed(b"7\r\n+NEXT")
    assert got == [[b"hello", 7]], f"the array completes once ':7\\r\\n' arrives, got {got!r}"
    assert parser.pending == 5, f"'+NEXT' (5 bytes) waits for its CRLF, pending={parser.pending}"
    assert parser.feed(b"\r\n") == [SimpleString("NEXT")], "the next frame completes"


def test_byte_at_a_time_matches_whole() -> None:
    wire = encode([SimpleString("OK"), b"caf\xc3\xa9\r\n", [-3, None], ErrorReply("ERR x")])
    wire += encode(b"") + encode(None)
    whole = RespParser().feed(wire)
    parser = RespParser()
    pieces: list[object] = []
    for i in range(len(wire)):
        pieces.extend(parser.feed(wire[i : i + 1]))
    assert pieces == whole, f"byte-at-a-time parsing should equal whole parsing: {pieces!r} != {whole!r}"
    assert len(whole) == 3, f"the wire holds three values, got {len(whole)}"


@pytest.mark.parametrize(
    "wire",
    [
        b"?what\r\n",
        b":12x\r\n",
        b":\r\n",
        b"$-2\r\n",
        b"$abc\r\n",
        b"$3\r\nfooXY",
        b"*1x\r\n",
        b"+\xff\xfe\r\n",
    ],
)
def test_malformed_input_raises_protocol_error(wire: bytes) -> None:
    with pytest.raises(ProtocolError):
        RespParser().feed(wire)


def test_oversized_bulk_is_refused_before_payload_arrives() -> None:
    parser = RespParser(max_bulk_length=10)
    assert parser.feed(b"$10\r\n0123456789\r\n") == [b"0123456789"], "exactly the limit is fine"
    with pytest.raises(ProtocolError):
        parser.feed(b"$11\r\n")


def test_unknown_type_byte_is_refused_at_once() -> None:
    with pytest.raises(ProtocolError):
        RespParser().feed(b"!")


@pytest.mark.parametrize(
    "value",
    [
        [b"SET", b"user:\xf0\x9f\x98\x80", b"x" * 300],
        [[[[]]], [None, 0, -0, 2**40]],
        [ErrorReply("ERR"), SimpleString(""), b"\r\n"],
    ],
)
def test_round_trip(value: list[object]) -> None:
    got = RespParser().feed(encode(value))  # type: ignore[arg-type]
    assert got == [value], f"parsing encode({value!r}) should give the value back, got {got!r}"
