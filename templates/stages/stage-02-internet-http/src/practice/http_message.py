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

#: A header name must match this: an HTTP "token" (RFC 9110, section 5.6.2).
TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


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
        raise NotImplementedError(
            "Create an empty list of (name, value) pairs, then call self.add(name, value) for each pair in fields."
        )

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
        raise NotImplementedError(
            "Check the name with TOKEN.fullmatch and the value for CR, LF and NUL, raising "
            "ValueError; then append the pair."
        )

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return the first value of field ``name`` (any case), or ``default``."""
        raise NotImplementedError(
            "Compare name.lower() with each stored name.lower() and return the first matching value, else default."
        )

    def get_all(self, name: str) -> list[str]:
        """Return every value of field ``name`` (any case) in order; ``[]`` if absent."""
        raise NotImplementedError("Return the values of every stored field whose lower-cased name equals name.lower().")

    def __contains__(self, name: object) -> bool:
        """Return ``True`` if a field called ``name`` (any case) is present."""
        raise NotImplementedError("Return True when name is a str and at least one field has that name (any case).")

    def __len__(self) -> int:
        """Return the number of fields, counting repeated names separately."""
        raise NotImplementedError("Return the number of stored (name, value) pairs.")

    def items(self) -> list[tuple[str, str]]:
        """Return all ``(name, value)`` pairs in order, names spelled as added."""
        raise NotImplementedError("Return a new list of the stored (name, value) pairs in the order they were added.")


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
    raise NotImplementedError(
        "Split data at the first b'\\r\\n\\r\\n', decode the head as latin-1, split it into lines, check "
        "the request line and each header line, check Host and Content-Length, then slice the body. "
        "Raise HTTPParseError for every problem listed in the docstring."
    )


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
    raise NotImplementedError(
        "Check the status, collect the headers in a Headers object (it validates them), check or "
        "append Content-Length, look the reason up with http.HTTPStatus, and join status line, header "
        "lines, a blank line and the body."
    )
