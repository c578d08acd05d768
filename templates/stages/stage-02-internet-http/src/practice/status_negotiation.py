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
    raise NotImplementedError(
        "Raise TypeError for non-int or bool, ValueError outside 100-599, then map code // 100 to its class name."
    )


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
    raise NotImplementedError(
        "Validate the status with status_class, return True for 408 and 429, for 500/502/503/504 "
        "return whether method.upper() is in IDEMPOTENT_METHODS, and False otherwise."
    )


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
    raise NotImplementedError(
        "Split on commas, skip empty items, split each item on ';', lower-case and check the media "
        "range, read an optional q parameter (float, 0 to 1), and collect (range, q) pairs."
    )


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
    raise NotImplementedError(
        "Handle an empty `available` (ValueError) and a missing/blank header (available[0]); "
        "otherwise score each available type with the q of its most specific matching range and "
        "return the best type with q > 0, or None."
    )
