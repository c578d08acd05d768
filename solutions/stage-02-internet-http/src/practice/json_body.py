"""Accept and send JSON bodies with the right headers and precise errors.

Most backend endpoints speak JSON. A robust server checks the ``Content-Type``
before parsing (415 if it is not JSON), turns every kind of bad body into a 400 that
says what is wrong instead of a 500 with a stack trace, and sends JSON back as UTF-8
with an honest ``Content-Type`` and ``Content-Length``. Errors themselves are best
sent in the standard "problem details" shape (RFC 9457) so clients can handle them
uniformly.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
PROBLEM_CONTENT_TYPE = "application/problem+json"


class HTTPError(Exception):
    """An error that should be answered with a specific HTTP status.

    Attributes:
        status: The HTTP status code to answer with, e.g. 400 or 415.
        detail: A human-readable explanation for the client.
    """

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


def _reject_constant(name: str) -> Any:
    raise HTTPError(400, f"{name} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise HTTPError(400, f"duplicate key {key!r} in JSON object")
        result[key] = value
    return result


def decode_json_body(content_type: str | None, body: bytes) -> Any:
    """Check a request's ``Content-Type`` and decode its JSON body.

    Checks, in this order:

    1. Media type (the part before any ``;``, stripped and lower-cased) must be
       ``application/json`` or end in ``+json`` (e.g.
       ``application/merge-patch+json``); otherwise, or when ``content_type`` is
       ``None``, raise ``HTTPError(415, ...)``.
    2. A ``charset`` parameter, if present, must be ``utf-8`` or ``utf8`` (any case,
       quotes allowed); otherwise ``HTTPError(415, ...)``.
    3. An empty or whitespace-only body is ``HTTPError(400, ...)``.
    4. Bytes that are not valid UTF-8 are ``HTTPError(400, ...)``.
    5. Invalid JSON is ``HTTPError(400, detail)`` where ``detail`` names the line and
       column, e.g. ``"invalid JSON at line 1 column 9: Expecting value"``.
    6. ``NaN``, ``Infinity`` and ``-Infinity`` (accepted by Python's ``json`` but not
       part of JSON) and an object with the same key twice are ``HTTPError(400, ...)``.
    7. Nesting so deep that the parser hits Python's recursion limit (a classic
       denial-of-service body such as 100,000 ``[``) is ``HTTPError(400, ...)``.

    Any JSON value is allowed at the top level (object, array, string, number,
    ``true``/``false``/``null``).

    Args:
        content_type: The request's ``Content-Type`` header value, or ``None``.
        body: The raw request body.

    Returns:
        The decoded value (dicts, lists, str, int, float, bool or None).

    Raises:
        HTTPError: With status 415 or 400 as listed above; never another exception.
    """
    if content_type is None:
        raise HTTPError(415, "missing Content-Type; send application/json")
    media_type, *params = (piece.strip() for piece in content_type.split(";"))
    media_type = media_type.lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise HTTPError(415, f"unsupported media type {media_type!r}; send application/json")
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
            if charset not in ("utf-8", "utf8"):
                raise HTTPError(415, f"unsupported charset {charset!r}; send utf-8")
    if not body.strip():
        raise HTTPError(400, "request body is empty")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPError(400, f"body is not valid UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise HTTPError(400, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise HTTPError(400, "JSON is nested too deeply") from None


def json_response(data: Any, status: int = 200) -> tuple[int, list[tuple[str, str]], bytes]:
    """Encode ``data`` as a JSON response.

    The body is compact JSON (separators ``","`` and ``":"``, no spaces) encoded as
    UTF-8 with non-ASCII characters written directly (``ensure_ascii=False``), so
    ``{"name": "Zoë"}`` becomes ``{"name":"Zoë"}``: 14 characters, 15 bytes. Headers are, in this
    order, ``("Content-Type", "application/json; charset=utf-8")`` and
    ``("Content-Length", <number of body bytes>)``.

    Args:
        data: A JSON-serialisable value.
        status: The status code, 200-599 (informational codes never carry a body).

    Returns:
        ``(status, headers, body)``.

    Raises:
        ValueError: If ``status`` is outside 200-599, or ``data`` contains NaN or
            infinity (they are not JSON; ``json.dumps(..., allow_nan=False)``).
        TypeError: If ``data`` contains something JSON cannot represent (a set, a
            ``datetime``, ...).
    """
    if not 200 <= status <= 599:
        raise ValueError(f"status must be 200-599, got {status}")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return status, [("Content-Type", JSON_CONTENT_TYPE), ("Content-Length", str(len(body)))], body


def problem_response(status: int, detail: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Build an RFC 9457 "problem details" error response.

    The body is the compact UTF-8 JSON object (keys in this order)
    ``{"type": "about:blank", "title": <phrase>, "status": <status>, "detail": <detail>}``
    where ``<phrase>`` is ``http.HTTPStatus(status).phrase``. Headers are
    ``("Content-Type", "application/problem+json")`` and ``("Content-Length", ...)``.

    Example: ``problem_response(404, "no order 42")`` has the body
    ``{"type":"about:blank","title":"Not Found","status":404,"detail":"no order 42"}``.

    Args:
        status: An error status, 400-599, known to ``http.HTTPStatus``.
        detail: Explanation for the client.

    Returns:
        ``(status, headers, body)``.

    Raises:
        ValueError: If ``status`` is not a known 4xx or 5xx status.
    """
    if not 400 <= status <= 599:
        raise ValueError(f"problem responses are for 4xx/5xx statuses, got {status}")
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        raise ValueError(f"unknown status {status}") from None
    payload = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return status, [("Content-Type", PROBLEM_CONTENT_TYPE), ("Content-Length", str(len(body)))], body
