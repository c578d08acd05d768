"""Linkshelf, part 2: the REST API as a plain WSGI application.

The API serves the signed-in user's bookmarks as JSON. Who the user is comes
from ``environ["linkshelf.user_id"]`` (an int), which the authentication layer
of part 3 sets; this module never looks at credentials. It needs your
``BookmarkStore`` from part 1.

A WSGI application is a callable ``app(environ, start_response)`` (PEP 3333):
``environ`` is a dict with CGI-style keys (``REQUEST_METHOD``, ``PATH_INFO``,
``QUERY_STRING``, ``CONTENT_TYPE``, ``CONTENT_LENGTH``, ``HTTP_*`` headers,
``wsgi.input`` for the body); the app calls
``start_response("201 Created", [("Content-Type", "application/json"), ...])``
once and returns an iterable of ``bytes``. The tests call your app exactly
that way, wrapped in ``wsgiref.validate.validator``, which also enforces the
spec (for example: read ``wsgi.input`` with an explicit size, never send a
Content-Type on a 204).

TODO: implement ``problem_response``, ``read_json``, ``validate_bookmark``,
``encode_cursor``, ``decode_cursor`` and ``BookmarkAPI.__call__``. The small
helpers that are already written are yours to use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from practice.bookmark_store import Bookmark, BookmarkStore

USER_KEY = "linkshelf.user_id"
MAX_BODY = 64 * 1024
TAG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")
FIELDS = ("url", "title", "notes", "tags")

StartResponse = Callable[..., Any]
WSGIResponse = tuple[int, list[tuple[str, str]], bytes]


class ValidationError(Exception):
    """A request body broke one or more rules; ``errors`` lists them all.

    Each error is ``{"field": name, "message": human-readable text}``.
    """

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class HTTPError(Exception):
    """Raise inside a handler to answer with a problem response.

    ``extra`` keyword arguments become extension members of the problem body
    (for example ``errors=[...]`` on a 422).
    """

    def __init__(self, status: int, detail: str, headers: list[tuple[str, str]] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or []
        self.extra = extra


def status_line(status: int) -> str:
    """``404`` -> ``"404 Not Found"`` (the form ``start_response`` wants)."""
    return f"{status} {HTTPStatus(status).phrase}"


def json_response(status: int, data: Any, headers: list[tuple[str, str]] | None = None) -> WSGIResponse:
    """A ``(status, headers, body)`` JSON response with Content-Type and Content-Length set."""
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    all_headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *(headers or [])]
    return status, all_headers, body


def bookmark_to_json(bookmark: Bookmark) -> dict[str, Any]:
    """The public JSON shape of a bookmark (``owner_id`` is not exposed)."""
    return {
        "id": bookmark.id,
        "url": bookmark.url,
        "title": bookmark.title,
        "notes": bookmark.notes,
        "tags": list(bookmark.tags),
        "created_at": bookmark.created_at,
    }


def problem_response(
    status: int, detail: str, headers: list[tuple[str, str]] | None = None, **extra: Any
) -> WSGIResponse:
    """Build an RFC 9457 problem-details response.

    The body is the UTF-8 JSON object
    ``{"type": "about:blank", "title": HTTPStatus(status).phrase,
    "status": status, "detail": detail, **extra}`` in that key order.

    Args:
        status: the HTTP status code.
        detail: a human-readable explanation of this occurrence.
        headers: extra response headers (such as ``Allow`` or
            ``WWW-Authenticate``), appended after the two below.
        **extra: extension members added to the body.

    Returns:
        ``(status, headers, body)`` where headers start with
        ``("Content-Type", "application/problem+json")`` and
        ``("Content-Length", str(len(body)))``.
    """
    raise NotImplementedError("build the problem dict, encode it, and return (status, headers, body)")


def read_json(environ: dict[str, Any]) -> Any:
    """Read and decode the JSON request body.

    Checks, in this order:

    1. The media type of ``CONTENT_TYPE`` (before any ``;`` parameters,
       case-insensitive) must be ``application/json``, else
       ``HTTPError(415, ...)``.
    2. ``CONTENT_LENGTH`` (missing or empty means 0) must be an integer, else
       ``HTTPError(400, ...)``; above ``MAX_BODY`` -> ``HTTPError(413, ...)``
       WITHOUT reading the body.
    3. Read exactly that many bytes with ``environ["wsgi.input"].read(n)``
       (never ``read()`` without a size: the server may block forever) and
       decode UTF-8 JSON; invalid UTF-8 or JSON -> ``HTTPError(400, ...)``.

    Returns:
        The decoded JSON value (any type; the caller validates it).
    """
    raise NotImplementedError("check Content-Type and Content-Length, read(n), json.loads")


def validate_bookmark(data: Any, *, partial: bool = False) -> dict[str, Any]:
    """Check a decoded JSON body for POST (``partial=False``) or PATCH (``partial=True``).

    Rules:

    * ``data`` must be a dict, else the single error field ``"body"``.
    * ``url`` (POST: required; PATCH: NOT allowed, error "cannot be changed"):
      a string that, after ``strip()``, is 1-2048 characters with no
      whitespace inside, scheme ``http`` or ``https`` and a host
      (``urlsplit(url).hostname``).
    * ``title`` (POST: required): a string, 1-200 characters after strip.
    * ``notes`` (optional): a string of at most 2000 characters, kept as is.
    * ``tags`` (optional): a list of at most 10 strings; each, after strip and
      lower, must fullmatch ``TAG_RE``.
    * Any other key is an error ``{"field": key, "message": "unknown field"}``.
    * PATCH with none of url/title/notes/tags: error field ``"body"``
      ("nothing to update").

    Collect EVERY error before raising, in the order: body, url, title,
    notes, tags, then unknown keys sorted by name. Clients fix all their
    mistakes in one round trip that way.

    Returns:
        POST: ``{"url", "title", "notes", "tags"}`` with url/title stripped,
        tags stripped and lowercased, defaults ``notes=""`` and ``tags=[]``.
        PATCH: only the keys that were given, cleaned the same way.

    Raises:
        ValidationError: with the list of ``{"field", "message"}`` errors.
    """
    raise NotImplementedError("check each field, collect errors, raise ValidationError or return the clean dict")


def encode_cursor(before_id: int) -> str:
    """Make the opaque ``next_cursor`` string for a page whose last id is ``before_id``.

    Clients must treat it as opaque, so do not send the bare id: for example
    ``base64.urlsafe_b64encode(f"before:{before_id}".encode())`` without the
    ``=`` padding.
    """
    raise NotImplementedError("encode the id into an opaque url-safe string")


def decode_cursor(cursor: str) -> int:
    """Reverse ``encode_cursor``.

    Raises:
        ValueError: for any string ``encode_cursor`` could not have produced
            (empty, not base64, wrong prefix, not a number).
    """
    raise NotImplementedError("decode and check the cursor, ValueError if it is not one of yours")


class BookmarkAPI:
    """WSGI application serving ``/bookmarks`` and ``/bookmarks/{id}``."""

    def __init__(self, store: BookmarkStore, *, default_limit: int = 20, max_limit: int = 100) -> None:
        """Serve bookmarks from ``store`` with page sizes up to ``max_limit``."""
        self.store = store
        self.default_limit = default_limit
        self.max_limit = max_limit

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Handle one request.

        Decide in this order:

        1. Path: ``/bookmarks`` or ``/bookmarks/<digits>``, else 404.
        2. Method: ``GET, POST`` on the collection, ``GET, PATCH, DELETE`` on
           an item, else 405 with an ``Allow`` header listing exactly those,
           in that order (for example ``"GET, POST"``).
        3. User: ``environ.get(USER_KEY)``; missing -> 401 with
           ``WWW-Authenticate: Bearer realm="linkshelf"``.
        4. Items owned by ANOTHER user are answered 404, exactly like missing
           ones, so ids cannot be probed.

        Endpoints:

        * ``GET /bookmarks?limit=&cursor=&tag=`` -> 200
          ``{"items": [...], "next_cursor": str | None}``, newest first.
          ``limit`` is an integer 1..max_limit (default default_limit),
          otherwise 400; a cursor ``decode_cursor`` rejects -> 400. Ask the
          store for ``limit + 1`` rows: only if the extra row exists is there
          a next page, and ``next_cursor`` encodes the last returned id.
        * ``POST /bookmarks`` -> ``read_json`` + ``validate_bookmark`` ->
          201 with the bookmark and ``Location: /bookmarks/{id}``;
          ValidationError -> 422 problem with ``errors=[...]``; a URL the
          user already saved -> 409.
        * ``GET /bookmarks/{id}`` -> 200 with the bookmark.
        * ``PATCH /bookmarks/{id}`` -> partial validation (422 on errors) ->
          200 with the updated bookmark.
        * ``DELETE /bookmarks/{id}`` -> 204, empty body, no Content-Type.

        Bodies are ``bookmark_to_json(...)``; every error is a
        ``problem_response``. Raising ``HTTPError`` from helper methods and
        converting it in one place here keeps the handlers short.

        Returns:
            A list with the response body bytes.
        """
        raise NotImplementedError("route, check method and user, call the handler, start_response, return [body]")
