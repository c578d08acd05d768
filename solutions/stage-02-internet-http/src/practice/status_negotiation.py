"""Read status codes like a client and pick a response format like a server.

A status code is a contract: its first digit tells every client, proxy and
monitoring tool what happened without reading the body. Whether a failed request
may be sent again depends on both the status and the method, because repeating a
non-idempotent ``POST`` can charge a card twice. And one URL can serve JSON, HTML or
CSV: the client's ``Accept`` header says what it prefers and the server chooses,
answering ``406 Not Acceptable`` when nothing fits.
"""

from __future__ import annotations

from collections.abc import Sequence

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})

_CLASSES = {
    1: "informational",
    2: "success",
    3: "redirection",
    4: "client_error",
    5: "server_error",
}


def status_class(code: int) -> str:
    """Name the class of an HTTP status code from its first digit.

    1xx ``"informational"``, 2xx ``"success"``, 3xx ``"redirection"``,
    4xx ``"client_error"``, 5xx ``"server_error"``.

    Args:
        code: The status code.

    Returns:
        The class name.

    Raises:
        TypeError: If ``code`` is not an ``int`` (``bool`` is rejected too, even
            though it is a subclass of ``int``).
        ValueError: If ``code`` is outside 100-599.
    """
    if isinstance(code, bool) or not isinstance(code, int):
        raise TypeError(f"status code must be an int, got {type(code).__name__}")
    if not 100 <= code <= 599:
        raise ValueError(f"status code must be 100-599, got {code}")
    return _CLASSES[code // 100]


def is_retryable(method: str, status: int) -> bool:
    """Decide whether a client may automatically retry a request that got ``status``.

    Rules:

    - ``408 Request Timeout`` and ``429 Too Many Requests`` mean the server did not
      process the request: retryable for any method.
    - ``500``, ``502``, ``503`` and ``504`` may have happened after the server did
      some work: retryable only for idempotent methods (GET, HEAD, OPTIONS, TRACE,
      PUT, DELETE), where repeating is harmless.
    - Everything else is not retryable (a 4xx will fail the same way again; a 2xx
      or 3xx did not fail).

    The method is compared case-insensitively.

    Args:
        method: The request method, e.g. ``"post"`` or ``"GET"``.
        status: The response status code.

    Returns:
        ``True`` if an automatic retry is safe and may help.

    Raises:
        TypeError: As :func:`status_class`.
        ValueError: As :func:`status_class`.
    """
    status_class(status)
    if status in (408, 429):
        return True
    if status in (500, 502, 503, 504):
        return method.upper() in IDEMPOTENT_METHODS
    return False


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Parse an ``Accept`` header into ``(media_range, q)`` pairs, in header order.

    The header is a comma-separated list of media ranges, each optionally followed
    by ``;``-separated parameters. For example
    ``"text/html, application/json;q=0.9, */*;q=0.1"`` gives
    ``[("text/html", 1.0), ("application/json", 0.9), ("*/*", 0.1)]``.

    Rules:

    - Whitespace around items, ranges and parameters is ignored; media ranges are
      lower-cased; empty items (``"a/b,,c/d"``) are skipped.
    - A range is ``type/subtype``, ``type/*`` or ``*/*``; both parts non-empty, and
      ``*/subtype`` is invalid.
    - The ``q`` parameter (any case) is a number from 0 to 1; it defaults to 1.0.
      Other parameters are ignored.

    Args:
        header: The header value.

    Returns:
        The pairs in the order they appear (``[]`` for an empty header).

    Raises:
        ValueError: For a range without exactly one ``/``, an empty type or
            subtype, ``*/subtype``, or a ``q`` that is not a number in ``[0, 1]``.
    """
    result: list[tuple[str, float]] = []
    for item in header.split(","):
        if not item.strip():
            continue
        media_range, *params = (piece.strip() for piece in item.split(";"))
        media_range = media_range.lower()
        kind, slash, subtype = media_range.partition("/")
        if not slash or not kind or not subtype or "/" in subtype or (kind == "*" and subtype != "*"):
            raise ValueError(f"invalid media range {media_range!r}")
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    raise ValueError(f"invalid q value {value!r}") from None
                if not 0 <= quality <= 1:
                    raise ValueError(f"q must be between 0 and 1, got {value!r}")
        result.append((media_range, quality))
    return result


def negotiate(accept: str | None, available: Sequence[str]) -> str | None:
    """Choose which of the server's media types to send for an ``Accept`` header.

    For each available type, find the most specific range in ``accept`` that matches
    it (exact ``type/subtype`` beats ``type/*``, which beats ``*/*``; if the same
    specificity appears twice, the first one counts). That range's ``q`` is the
    type's quality; a type no range matches has quality 0. Return the available
    type with the highest quality above 0; ties go to the type listed first in
    ``available`` (the server's preference). Matching is case-insensitive and the
    result is spelled as in ``available``.

    A missing (``None``) or blank header means the client accepts anything: return
    ``available[0]``. Note that ``"application/json;q=0, */*"`` excludes JSON even
    though ``*/*`` matches it, because the exact range is more specific.

    Args:
        accept: The ``Accept`` header value, or ``None`` when absent.
        available: The media types the server can produce, most preferred first,
            e.g. ``["application/json", "text/csv"]``.

    Returns:
        The chosen media type, or ``None`` when nothing is acceptable (the caller
        should answer 406).

    Raises:
        ValueError: If ``available`` is empty or ``accept`` is malformed (see
            :func:`parse_accept`).
    """
    if not available:
        raise ValueError("the server must offer at least one media type")
    if accept is None or not accept.strip():
        return available[0]
    ranges = parse_accept(accept)
    best: str | None = None
    best_quality = 0.0
    for offered in available:
        kind, _, subtype = offered.lower().partition("/")
        quality = 0.0
        specificity = -1
        for media_range, q in ranges:
            range_kind, _, range_subtype = media_range.partition("/")
            if media_range == f"{kind}/{subtype}":
                level = 2
            elif range_kind == kind and range_subtype == "*":
                level = 1
            elif media_range == "*/*":
                level = 0
            else:
                continue
            if level > specificity:
                specificity, quality = level, q
        if quality > best_quality:
            best, best_quality = offered, quality
    return best
