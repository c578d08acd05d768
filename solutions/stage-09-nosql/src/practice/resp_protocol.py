"""Encode and incrementally parse RESP2, the wire protocol Redis speaks.

Every Redis client and server exchanges RESP frames over TCP. A frame starts
with a type byte and ends with ``\\r\\n``:

=========  ==========================  =====================
type       example on the wire          Python value here
=========  ==========================  =====================
simple     ``+OK\\r\\n``                 ``SimpleString("OK")``
error      ``-ERR unknown\\r\\n``        ``ErrorReply("ERR unknown")``
integer    ``:42\\r\\n``                 ``42``
bulk       ``$5\\r\\nhello\\r\\n``         ``b"hello"``
null bulk  ``$-1\\r\\n``                 ``None``
array      ``*2\\r\\n:1\\r\\n:2\\r\\n``       ``[1, 2]``
null array ``*-1\\r\\n``                 ``None``
=========  ==========================  =====================

TCP delivers bytes in arbitrary pieces, so the parser must accept partial
frames and resume when more bytes arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BULK = 512 * 1024 * 1024
"""Redis refuses bulk strings longer than 512 MB; so do we by default."""


@dataclass(frozen=True)
class SimpleString:
    """A RESP simple string such as ``+OK``: short status text without CR or LF."""

    value: str


@dataclass(frozen=True)
class ErrorReply:
    """A RESP error such as ``-WRONGTYPE ...``: a reply value, not a Python exception."""

    message: str


RespValue = SimpleString | ErrorReply | int | bytes | None | list["RespValue"]


class ProtocolError(ValueError):
    """The bytes received are not valid RESP2."""


CRLF = b"\r\n"


def _line_text(text: str, what: str) -> bytes:
    if "\r" in text or "\n" in text:
        raise ValueError(f"{what} must not contain CR or LF: {text!r}")
    return text.encode("utf-8")


def encode(value: RespValue | str) -> bytes:
    """Encode one value as RESP2 bytes.

    Mapping:

    * ``SimpleString(s)`` -> ``+s\\r\\n``; ``ErrorReply(m)`` -> ``-m\\r\\n``
      (text encoded as UTF-8);
    * ``int`` -> ``:n\\r\\n`` (negative numbers too);
    * ``bytes`` -> bulk string ``$len\\r\\n...\\r\\n``, where len counts BYTES;
    * ``str`` -> bulk string of its UTF-8 bytes (``"\u00e9"`` has length 2);
    * ``None`` -> null bulk string ``$-1\\r\\n``;
    * ``list`` -> ``*count\\r\\n`` followed by each element, nested freely.

    Raises:
        TypeError: Any other type, including ``bool`` (a bool is an int in
            Python, but sending True as ``:1`` is almost always a bug) and
            ``float`` (RESP2 has no floats: send them as strings).
        ValueError: A simple string or error message contains CR or LF.
    """
    if isinstance(value, SimpleString):
        return b"+" + _line_text(value.value, "a simple string") + CRLF
    if isinstance(value, ErrorReply):
        return b"-" + _line_text(value.message, "an error message") + CRLF
    if isinstance(value, bool):
        raise TypeError("bool cannot be encoded: send 1/0 or a string explicitly")
    if isinstance(value, int):
        return b":%d\r\n" % value
    if isinstance(value, str):
        value = value.encode("utf-8")
    if isinstance(value, bytes):
        return b"$%d\r\n" % len(value) + value + CRLF
    if value is None:
        return b"$-1\r\n"
    if isinstance(value, list):
        return b"*%d\r\n" % len(value) + b"".join(encode(item) for item in value)
    raise TypeError(f"cannot encode {type(value).__name__} as RESP2")


def encode_command(*args: str | bytes | int) -> bytes:
    """Encode a client command the way clients send it: an array of bulk strings.

    ``encode_command("SET", "k", 10)`` gives
    ``*3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nk\\r\\n$2\\r\\n10\\r\\n``: integers are sent
    as their decimal text, strings as UTF-8.

    Raises:
        ValueError: No arguments.
        TypeError: An argument is not str, bytes or int (bool is refused).
    """
    if not args:
        raise ValueError("a command needs at least one argument")
    parts: list[bytes] = []
    for arg in args:
        if isinstance(arg, bool) or not isinstance(arg, (str, bytes, int)):
            raise TypeError(f"command arguments must be str, bytes or int, got {arg!r}")
        if isinstance(arg, int):
            arg = str(arg)
        parts.append(arg.encode("utf-8") if isinstance(arg, str) else arg)
    return encode(parts)


class _Incomplete(Exception):
    """More bytes are needed to finish the current frame."""


class RespParser:
    """Parse RESP2 values from bytes that arrive in arbitrary pieces.

    Args:
        max_bulk_length: Largest bulk string (and array count) accepted. A
            larger declared length is a ProtocolError as soon as the header
            line arrives, before any of the payload: a server must not agree
            to buffer whatever a client claims it will send.
    """

    def __init__(self, max_bulk_length: int = DEFAULT_MAX_BULK) -> None:
        self.max_bulk_length = max_bulk_length
        self._buffer = bytearray()

    @property
    def pending(self) -> int:
        """Return how many received bytes are not yet part of a returned value."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[RespValue]:
        """Add received bytes and return every value that is now complete.

        Values are returned in the order they were sent. Bytes of a value that
        is still incomplete are kept for the next call, so feeding a frame one
        byte at a time yields the same values as feeding it whole.

        Decoding: simple strings and errors are decoded as UTF-8 into
        ``SimpleString``/``ErrorReply``; integers become ``int``; bulk strings
        stay ``bytes``; ``$-1`` and ``*-1`` become None; arrays become lists.

        Raises:
            ProtocolError: Unknown type byte; an integer, length or count that
                is not a base-10 integer; a length below -1; a length above
                ``max_bulk_length``; a bulk payload not followed by CRLF;
                invalid UTF-8 in a simple string or error; a header line
                longer than 64 KiB without CRLF. The type byte is checked as
                soon as it arrives.
        """
        self._buffer += data
        values: list[RespValue] = []
        while self._buffer:
            try:
                value, end = self._parse(0)
            except _Incomplete:
                break
            del self._buffer[:end]
            values.append(value)
        return values

    def _line(self, start: int) -> tuple[bytes, int]:
        end = self._buffer.find(CRLF, start)
        if end == -1:
            if len(self._buffer) - start > 64 * 1024:
                raise ProtocolError("header line too long")
            raise _Incomplete
        return bytes(self._buffer[start:end]), end + 2

    def _number(self, raw: bytes) -> int:
        text = raw[1:] if raw[:1] == b"-" else raw
        if not text or not text.isdigit():
            raise ProtocolError(f"not an integer: {raw!r}")
        return int(raw)

    def _parse(self, pos: int) -> tuple[RespValue, int]:
        kind = self._buffer[pos : pos + 1]
        if not kind:
            raise _Incomplete
        if kind not in (b"+", b"-", b":", b"$", b"*"):
            raise ProtocolError(f"unknown type byte {kind!r}")
        line, after = self._line(pos + 1)
        if kind in (b"+", b"-"):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ProtocolError(f"invalid UTF-8 in {line!r}") from exc
            return (SimpleString(text) if kind == b"+" else ErrorReply(text)), after
        if kind == b":":
            return self._number(line), after
        # A bulk string or an array: both start with a length.
        length = self._number(line)
        if length == -1:
            return None, after
        if length < -1:
            raise ProtocolError(f"negative length {length}")
        if length > self.max_bulk_length:
            raise ProtocolError(f"length {length} exceeds {self.max_bulk_length}")
        if kind == b"*":
            items: list[RespValue] = []
            for _ in range(length):
                item, after = self._parse(after)
                items.append(item)
            return items, after
        end = after + length
        if len(self._buffer) < end + 2:
            if len(self._buffer) > end and self._buffer[end : end + 1] != b"\r":
                raise ProtocolError("bulk string not terminated by CRLF")
            raise _Incomplete
        if self._buffer[end : end + 2] != CRLF:
            raise ProtocolError("bulk string not terminated by CRLF")
        return bytes(self._buffer[after:end]), end + 2
