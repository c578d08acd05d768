"""Error responses clients can act on: RFC 9457 problem details and input validation.

A good API never answers a bad request with a bare "400" or an HTML page. It
returns ``application/problem+json``: a small JSON object with ``type``,
``title``, ``status`` and ``detail``, plus extension members such as a list of
field ``errors`` that point into the request body with JSON Pointers (RFC 6901).

The resource used throughout this stage is a book::

    {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593", "year": 1965}
"""

from __future__ import annotations

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
    raise NotImplementedError("escape '~' as '~0' then '/' as '~1' in each token and prefix each with '/'")


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
    raise NotImplementedError("check the status, then build the dict in the documented member order")


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
    raise NotImplementedError("serialize with json.dumps(ensure_ascii=False), build the status line and headers")


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
    raise NotImplementedError("check it is a dict, then check every field, collect all errors, raise or return")
