"""Parse raw HTTP/1.1 requests and build raw responses, byte for byte.

Frameworks hide it, but every request arrives as bytes on a socket: a request line,
header fields, a blank line and an optional body whose size is given by
``Content-Length``. Knowing the exact format is what lets you read a packet capture,
debug a proxy that mangles headers, and understand why a server must reject
ambiguous messages (conflicting lengths, spaces before the colon) instead of
guessing: guessing differently from a proxy is how request smuggling happens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus

#: A header name must match this: an HTTP "token" (RFC 9110, section 5.6.2).
TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_METHOD = re.compile(r"[A-Z]+")
_FORBIDDEN_IN_VALUE = ("\r", "\n", "\0")
_NO_BODY_STATUSES = (204, 304)


class HTTPParseError(ValueError):
    """Raised when bytes are not a well-formed HTTP/1.x request."""


class Headers:
    """An ordered collection of header fields with case-insensitive names.

    HTTP field names are case-insensitive (``Content-Type`` and ``content-type`` are
    the same field) and a field may appear more than once. This class keeps every
    field in the order it was added, with the name spelled as given.

    Example::

        h = Headers([("Content-Type", "text/plain")])
        h.add("Accept", "text/html")
        h.add("accept", "application/json")
        h.get("CONTENT-TYPE")    # "text/plain"
        h.get_all("Accept")      # ["text/html", "application/json"]
        "accept" in h            # True
        len(h)                   # 3
    """

    def __init__(self, fields: Iterable[tuple[str, str]] = ()) -> None:
        """Create the collection and :meth:`add` each ``(name, value)`` in order.

        Raises:
            ValueError: As :meth:`add`.
        """
        self._fields: list[tuple[str, str]] = []
        for name, value in fields:
            self.add(name, value)

    def add(self, name: str, value: str) -> None:
        """Append a field.

        Args:
            name: Field name; a non-empty HTTP token (letters, digits and
                ``!#$%&'*+-.^_`|~``, so no spaces or colons).
            value: Field value; must not contain CR, LF or NUL.

        Raises:
            ValueError: If the name is not a token or the value contains CR, LF or
                NUL (that would let a value inject extra header lines).
        """
        if not TOKEN.fullmatch(name):
            raise ValueError(f"invalid header name {name!r}")
        if any(ch in value for ch in _FORBIDDEN_IN_VALUE):
            raise ValueError(f"header {name!r} value contains CR, LF or NUL")
        self._fields.append((name, value))

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return the first value of field ``name`` (any case), or ``default``."""
        wanted = name.lower()
        for field_name, value in self._fields:
            if field_name.lower() == wanted:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        """Return every value of field ``name`` (any case) in order; ``[]`` if absent."""
        wanted = name.lower()
        return [value for field_name, value in self._fields if field_name.lower() == wanted]

    def __contains__(self, name: object) -> bool:
        """Return ``True`` if a field called ``name`` (any case) is present."""
        return isinstance(name, str) and bool(self.get_all(name))

    def __len__(self) -> int:
        """Return the number of fields, counting repeated names separately."""
        return len(self._fields)

    def items(self) -> list[tuple[str, str]]:
        """Return all ``(name, value)`` pairs in order, names spelled as added."""
        return list(self._fields)


@dataclass
class Request:
    """A parsed HTTP request.

    Attributes:
        method: The method, e.g. ``"GET"``.
        target: The request target exactly as sent, e.g. ``"/search?q=tea"``.
        version: ``"HTTP/1.0"`` or ``"HTTP/1.1"``.
        headers: The header fields.
        body: Exactly ``Content-Length`` bytes of body (``b""`` without one).
    """

    method: str
    target: str
    version: str
    headers: Headers
    body: bytes


def _content_length(headers: Headers) -> int:
    values = headers.get_all("Content-Length")
    if not values:
        return 0
    if any(not value.isascii() or not value.isdigit() for value in values):
        raise HTTPParseError(f"invalid Content-Length {values!r}")
    if len({int(value) for value in values}) > 1:
        raise HTTPParseError(f"conflicting Content-Length values {values!r}")
    return int(values[0])


def parse_request(data: bytes) -> Request:
    """Parse one complete HTTP/1.x request from ``data``.

    Format (every line ends with CRLF, ``b"\\r\\n"``)::

        METHOD SP TARGET SP VERSION CRLF
        Name: value CRLF            (zero or more header lines)
        CRLF                        (the empty line ending the header section)
        body                        (Content-Length bytes)

    Rules:

    - The header section is everything before the first ``b"\\r\\n\\r\\n"`` and is
      decoded as ISO-8859-1 (latin-1).
    - The request line is exactly three parts separated by single spaces. The method
      is one or more upper-case ASCII letters; the version is ``HTTP/1.0`` or
      ``HTTP/1.1``.
    - A header line is ``name:value``. The name must be a token (see
      :meth:`Headers.add`) with no whitespace before the colon; the value is
      stripped of surrounding spaces and tabs. A line starting with a space or tab
      (obsolete line folding) is an error.
    - HTTP/1.1 requests must have exactly one ``Host`` field.
    - ``Content-Length`` must be ASCII digits only; repeated fields must agree. The
      body is that many bytes after the header section; any bytes beyond it (the
      start of a pipelined request) are ignored. Without ``Content-Length`` the body
      is ``b""``.
    - ``Transfer-Encoding`` is not supported here and is an error.

    Args:
        data: The raw bytes received.

    Returns:
        The parsed :class:`Request`.

    Raises:
        HTTPParseError: For every violation above, including an empty input, a
            missing end of header section and a body shorter than
            ``Content-Length``.
    """
    head, separator, rest = data.partition(b"\r\n\r\n")
    if not separator:
        raise HTTPParseError("incomplete message: no CRLF CRLF ending the header section")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not all(parts):
        raise HTTPParseError(f"malformed request line {lines[0]!r}")
    method, target, version = parts
    if not _METHOD.fullmatch(method):
        raise HTTPParseError(f"invalid method {method!r}")
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        raise HTTPParseError(f"unsupported version {version!r}")
    headers = Headers()
    for line in lines[1:]:
        if line[:1] in (" ", "\t"):
            raise HTTPParseError("obsolete line folding is not allowed")
        name, colon, value = line.partition(":")
        if not colon or not TOKEN.fullmatch(name):
            raise HTTPParseError(f"malformed header line {line!r}")
        try:
            headers.add(name, value.strip(" \t"))
        except ValueError as exc:
            raise HTTPParseError(str(exc)) from exc
    if version == "HTTP/1.1" and len(headers.get_all("Host")) != 1:
        raise HTTPParseError("HTTP/1.1 requests need exactly one Host header")
    if "Transfer-Encoding" in headers:
        raise HTTPParseError("Transfer-Encoding is not supported")
    length = _content_length(headers)
    if len(rest) < length:
        raise HTTPParseError(f"body has {len(rest)} bytes, Content-Length says {length}")
    return Request(method, target, version, headers, rest[:length])


def serialize_response(status: int, headers: Iterable[tuple[str, str]], body: bytes = b"") -> bytes:
    """Build the bytes of an HTTP/1.1 response.

    Layout: ``HTTP/1.1 <status> <reason>\\r\\n``, then each header as
    ``Name: value\\r\\n`` in the given order, then ``\\r\\n``, then the body. The
    reason is ``http.HTTPStatus(status).phrase`` for a known status and empty for
    an unknown one (``b"HTTP/1.1 299 \\r\\n"``). Headers are encoded as latin-1.

    ``Content-Length: <len(body)>`` is appended after the given headers unless one
    was given (any case), in which case it must equal ``len(body)``. Responses with
    status 1xx, 204 or 304 must have an empty body and get no Content-Length added.

    Example: ``serialize_response(200, [("Content-Type", "text/plain")], b"hi")``
    returns ``b"HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: 2\\r\\n\\r\\nhi"``.

    Args:
        status: Status code from 100 to 599.
        headers: ``(name, value)`` pairs, validated as in :meth:`Headers.add`.
        body: The body bytes.

    Returns:
        The complete response.

    Raises:
        ValueError: For a status outside 100-599, an invalid header name or value, a
            body on a 1xx/204/304 response, a given Content-Length that does not
            match the body, or a header that cannot be encoded as latin-1
            (``UnicodeEncodeError`` is a ``ValueError``).
    """
    if not 100 <= status <= 599:
        raise ValueError(f"status must be 100-599, got {status}")
    fields = Headers(headers)
    bodiless = status < 200 or status in _NO_BODY_STATUSES
    if bodiless and body:
        raise ValueError(f"a {status} response must not have a body")
    given = fields.get_all("Content-Length")
    if given:
        if any(value != str(len(body)) for value in given):
            raise ValueError(f"Content-Length {given} does not match body of {len(body)} bytes")
    elif not bodiless:
        fields.add("Content-Length", str(len(body)))
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
