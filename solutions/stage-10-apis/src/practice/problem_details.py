"""Error responses clients can act on: RFC 9457 problem details and input validation.

A good API never answers a bad request with a bare "400" or an HTML page. It
returns ``application/problem+json``: a small JSON object with ``type``,
``title``, ``status`` and ``detail``, plus extension members such as a list of
field ``errors`` that point into the request body with JSON Pointers (RFC 6901).

The resource used throughout this stage is a book::

    {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593", "year": 1965}
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

PROBLEM_JSON = "application/problem+json"
"""The media type of an RFC 9457 problem document."""

TITLE_MAX = 200
AUTHOR_MAX = 100
YEAR_MIN = 1450
YEAR_MAX = 2100


class ValidationError(ValueError):
    """A request body broke one or more rules; ``errors`` lists every one of them.

    Attributes:
        errors: ``[{"pointer": "/title", "detail": "is required"}, ...]``.
    """

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(f"{len(errors)} validation error(s)")
        self.errors = errors


def json_pointer(*tokens: str | int) -> str:
    """Build an RFC 6901 JSON Pointer from reference tokens.

    Each token is prefixed with ``/``; inside a token ``~`` becomes ``~0`` and
    ``/`` becomes ``~1`` (in that order, so ``"~1"`` becomes ``"~01"``).
    Integers are written in decimal (array indexes).

    Examples:
        ``json_pointer()`` -> ``""`` (the whole document);
        ``json_pointer("authors", 0, "name")`` -> ``"/authors/0/name"``;
        ``json_pointer("a/b", "m~n")`` -> ``"/a~1b/m~0n"``.
    """
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


def problem(
    status: int,
    *,
    title: str | None = None,
    detail: str | None = None,
    type: str = "about:blank",
    instance: str | None = None,
    **extensions: Any,
) -> dict[str, Any]:
    """Return an RFC 9457 problem object as a dict.

    Members, in this key order: ``type``, ``title``, ``status``, then ``detail``
    and ``instance`` only when given, then the extension members in the order
    passed. When ``title`` is None and ``type`` is ``"about:blank"``, the title
    is the standard reason phrase of the status (``HTTPStatus(status).phrase``,
    e.g. "Not Found"); with any other ``type`` and no title, ``title`` is left
    out.

    Raises:
        ValueError: ``status`` is not an error status (400-599) known to
            ``http.HTTPStatus``.
    """
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        raise ValueError(f"unknown HTTP status {status}") from None
    if not 400 <= status <= 599:
        raise ValueError(f"a problem needs an error status (400-599), got {status}")
    body: dict[str, Any] = {"type": type}
    if title is not None:
        body["title"] = title
    elif type == "about:blank":
        body["title"] = phrase
    body["status"] = status
    if detail is not None:
        body["detail"] = detail
    if instance is not None:
        body["instance"] = instance
    body.update(extensions)
    return body


def problem_response(problem: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Turn a problem dict into what a WSGI app hands to ``start_response``.

    Returns:
        ``(status_line, headers, body)`` where ``status_line`` is e.g.
        ``"404 Not Found"`` (the code from ``problem["status"]`` and its reason
        phrase), ``headers`` is ``[("Content-Type", "application/problem+json"),
        ("Content-Length", "<len(body)>")]`` and ``body`` is the JSON encoded
        as UTF-8 without ASCII escaping (``"caf\u00e9"`` stays readable).

    Raises:
        ValueError: The dict has no integer ``status``.
    """
    status = problem.get("status")
    if isinstance(status, bool) or not isinstance(status, int):
        raise ValueError("a problem needs an integer status")
    body = json.dumps(problem, ensure_ascii=False).encode("utf-8")
    status_line = f"{status} {HTTPStatus(status).phrase}"
    return status_line, [("Content-Type", PROBLEM_JSON), ("Content-Length", str(len(body)))], body


def _isbn13_ok(digits: str) -> bool:
    if len(digits) != 13 or not (digits.isascii() and digits.isdigit()):
        return False
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return total % 10 == 0


def _text(payload: dict[str, Any], name: str, limit: int, errors: list[dict[str, str]]) -> str | None:
    if name not in payload:
        errors.append({"pointer": json_pointer(name), "detail": "is required"})
        return None
    value = payload[name]
    if not isinstance(value, str):
        errors.append({"pointer": json_pointer(name), "detail": "must be a string"})
        return None
    value = value.strip()
    if not value:
        errors.append({"pointer": json_pointer(name), "detail": "must not be blank"})
    elif len(value) > limit:
        errors.append({"pointer": json_pointer(name), "detail": f"must be at most {limit} characters"})
    return value


def clean_book(payload: object) -> dict[str, Any]:
    """Validate a book from a request body and return it normalized.

    Rules (every broken rule is reported, not just the first):

    * the body must be a JSON object, else a single error with pointer ``""``;
    * ``title``: required string; surrounding whitespace is stripped; must not
      then be empty; at most 200 characters;
    * ``author``: the same rules, at most 100 characters;
    * ``isbn``: required string; hyphens and spaces are removed; what remains
      must be an ISBN-13: 13 ASCII digits whose weighted sum (weights
      1, 3, 1, 3, ...) is divisible by 10;
    * ``year``: optional; null or an integer (not a bool, not a float) from
      1450 to 2100;
    * any other member (``id`` included: it is assigned by the server) is an
      error ``"is not allowed"`` at its own pointer.

    Errors are ``{"pointer": json_pointer(field), "detail": "<text>"}``, in the
    order title, author, isbn, year, then unknown members sorted by name. The
    ``detail`` wording is yours; the pointers and the order are the contract.

    Returns:
        ``{"title": str, "author": str, "isbn": "<13 digits>", "year": int | None}``.

    Raises:
        ValidationError: With the list of errors, when anything is wrong.
    """
    if not isinstance(payload, dict):
        raise ValidationError([{"pointer": "", "detail": "must be a JSON object"}])
    errors: list[dict[str, str]] = []
    title = _text(payload, "title", TITLE_MAX, errors)
    author = _text(payload, "author", AUTHOR_MAX, errors)
    isbn = payload.get("isbn")
    if "isbn" not in payload:
        errors.append({"pointer": "/isbn", "detail": "is required"})
    elif not isinstance(isbn, str):
        errors.append({"pointer": "/isbn", "detail": "must be a string"})
    else:
        isbn = isbn.replace("-", "").replace(" ", "")
        if not _isbn13_ok(isbn):
            errors.append({"pointer": "/isbn", "detail": "must be a valid ISBN-13"})
    year = payload.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        errors.append({"pointer": "/year", "detail": "must be an integer or null"})
    elif year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        errors.append({"pointer": "/year", "detail": f"must be between {YEAR_MIN} and {YEAR_MAX}"})
    for name in sorted(set(payload) - {"title", "author", "isbn", "year"}):
        errors.append({"pointer": json_pointer(name), "detail": "is not allowed"})
    if errors:
        raise ValidationError(errors)
    return {"title": title, "author": author, "isbn": isbn, "year": year}
