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
    raise NotImplementedError("dispatch on type: + - : (refuse bool first), $<byte length>, $-1, *<count>")


def encode_command(*args: str | bytes | int) -> bytes:
    """Encode a client command the way clients send it: an array of bulk strings.

    ``encode_command("SET", "k", 10)`` gives
    ``*3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nk\\r\\n$2\\r\\n10\\r\\n``: integers are sent
    as their decimal text, strings as UTF-8.

    Raises:
        ValueError: No arguments.
        TypeError: An argument is not str, bytes or int (bool is refused).
    """
    raise NotImplementedError("check args, ints -> decimal text, str -> UTF-8, then encode the list")


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
        raise NotImplementedError("return how many buffered bytes are not yet part of a returned value")

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
        raise NotImplementedError("buffer the bytes; parse whole values from the front until one is incomplete")
