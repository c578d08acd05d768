"""A REST resource for books, as a plain WSGI application (PEP 3333).

No framework: the app is a callable ``app(environ, start_response)``, which is
what every Python web server (gunicorn, uWSGI, ``wsgiref``) calls and what
frameworks such as Flask build on. Tests call it directly with an environ
dict, so no server or port is needed. Running it for real is one line::

    from wsgiref.simple_server import make_server
    make_server("127.0.0.1", 8000, create_app()).serve_forever()

Build it from the earlier exercises: ``problem``, ``problem_response`` and
``clean_book`` (ex01), ``parse_page`` and ``link_header`` (ex02),
``make_etag`` and ``evaluate_preconditions`` (ex03), ``IdempotencyStore``,
``check_key`` and ``request_fingerprint`` (ex04).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from practice.conditional_requests import evaluate_preconditions, make_etag
from practice.idempotency_keys import (
    IdempotencyKeyInProgress,
    IdempotencyKeyReused,
    IdempotencyStore,
    StoredResponse,
    check_key,
    request_fingerprint,
)
from practice.pagination import QueryError, link_header, parse_page
from practice.problem_details import ValidationError, clean_book, problem, problem_response

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_ITEM_PATH = re.compile(r"/books/([1-9][0-9]*)")
_COLLECTION_METHODS = "GET, POST"
_ITEM_METHODS = "GET, PUT, DELETE"


class _Reply(Exception):
    """Raised inside a handler to answer with an error problem right away."""

    def __init__(self, status: int, detail: str | None = None, **extra: Any) -> None:
        super().__init__(status)
        self.response = _problem(status, detail, **extra)


def _problem(
    status: int, detail: str | None = None, headers: tuple[tuple[str, str], ...] = (), **extra: Any
) -> StoredResponse:
    _, problem_headers, body = problem_response(problem(status, detail=detail, **extra))
    return StoredResponse(status, (*problem_headers, *headers), body)


def _json(status: int, payload: Any, headers: tuple[tuple[str, str], ...] = ()) -> StoredResponse:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    base = (("Content-Type", "application/json"), ("Content-Length", str(len(body))))
    return StoredResponse(status, (*base, *headers), body)


def _empty(status: int, headers: tuple[tuple[str, str], ...] = ()) -> StoredResponse:
    return StoredResponse(status, (*headers, ("Content-Length", "0")), b"")


def _book_body(book: dict[str, Any]) -> bytes:
    return json.dumps(book, ensure_ascii=False).encode("utf-8")


class BooksApp:
    """The WSGI application; one instance holds its own in-memory books."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._books: dict[int, dict[str, Any]] = {}
        self._next_id = 1
        self._idempotency = IdempotencyStore(clock=clock)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self._route(environ)
        except _Reply as reply:
            response = reply.response
        start_response(f"{response.status} {HTTPStatus(response.status).phrase}", list(response.headers))
        return [response.body]

    def _route(self, environ: dict[str, Any]) -> StoredResponse:
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"]
        if path == "/books":
            if method == "GET":
                return self._list(environ)
            if method == "POST":
                return self._create(environ)
            raise _Reply(405, f"{method} is not allowed on /books", headers=(("Allow", _COLLECTION_METHODS),))
        match = _ITEM_PATH.fullmatch(path)
        if match is None:
            raise _Reply(404, f"nothing at {path}")
        book_id = int(match.group(1))
        if method not in ("GET", "PUT", "DELETE"):
            raise _Reply(405, f"{method} is not allowed on {path}", headers=(("Allow", _ITEM_METHODS),))
        book = self._books.get(book_id)
        if book is None:
            raise _Reply(404, f"no book with id {book_id}")
        etag = make_etag(_book_body(book))
        try:
            status = evaluate_preconditions(
                method,
                etag,
                if_match=environ.get("HTTP_IF_MATCH"),
                if_none_match=environ.get("HTTP_IF_NONE_MATCH"),
            )
        except ValueError as exc:
            raise _Reply(400, str(exc)) from exc
        if status == 304:
            return _empty(304, (("ETag", etag),))
        if status is not None:
            raise _Reply(status, "the book has changed since you last read it")
        if method == "GET":
            return _json(200, book, (("ETag", etag),))
        if method == "DELETE":
            del self._books[book_id]
            return _empty(204)
        cleaned = self._validated(environ)
        self._check_isbn_free(cleaned["isbn"], book_id)
        updated = {"id": book_id, **cleaned}
        self._books[book_id] = updated
        return _json(200, updated, (("ETag", make_etag(_book_body(updated))),))

    def _list(self, environ: dict[str, Any]) -> StoredResponse:
        query = environ.get("QUERY_STRING", "")
        try:
            page = parse_page(query)
        except QueryError as exc:
            raise _Reply(400, str(exc)) from exc
        authors = [value for key, value in parse_qsl(query, keep_blank_values=True) if key == "author"]
        books = list(self._books.values())
        if authors:
            wanted = authors[-1].casefold()
            books = [book for book in books if book["author"].casefold() == wanted]
        items = books[page.offset : page.offset + page.limit]
        payload = {"items": items, "total": len(books), "limit": page.limit, "offset": page.offset}
        return _json(200, payload, (("Link", link_header("/books", query, page, len(books))),))

    def _create(self, environ: dict[str, Any]) -> StoredResponse:
        key = environ.get("HTTP_IDEMPOTENCY_KEY")
        if key is None:
            return self._insert(environ, self._read_body(environ))
        try:
            check_key(key)
        except ValueError as exc:
            raise _Reply(400, str(exc)) from exc
        body = self._read_body(environ)
        fingerprint = request_fingerprint("POST", "/books", body)
        try:
            saved = self._idempotency.begin(key, fingerprint)
        except IdempotencyKeyReused as exc:
            raise _Reply(422, "this Idempotency-Key was used for a different request") from exc
        except IdempotencyKeyInProgress as exc:
            raise _Reply(409, "a request with this Idempotency-Key is still being processed") from exc
        if saved is not None:
            return saved
        try:
            response = self._insert(environ, body)
        except _Reply as reply:
            response = reply.response
        except BaseException:
            self._idempotency.abandon(key)
            raise
        self._idempotency.complete(key, response)
        return response

    def _insert(self, environ: dict[str, Any], body: bytes) -> StoredResponse:
        cleaned = self._validated(environ, body)
        self._check_isbn_free(cleaned["isbn"], None)
        book = {"id": self._next_id, **cleaned}
        self._books[self._next_id] = book
        self._next_id += 1
        etag = make_etag(_book_body(book))
        return _json(201, book, (("Location", f"/books/{book['id']}"), ("ETag", etag)))

    @staticmethod
    def _read_body(environ: dict[str, Any]) -> bytes:
        raw_length = environ.get("CONTENT_LENGTH") or "0"
        if not raw_length.isdigit():
            raise _Reply(400, "Content-Length must be a whole number")
        length = int(raw_length)
        return environ["wsgi.input"].read(length) if length else b""

    def _validated(self, environ: dict[str, Any], body: bytes | None = None) -> dict[str, Any]:
        media_type = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            raise _Reply(415, "send the book as application/json")
        if body is None:
            body = self._read_body(environ)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Reply(400, f"the body is not valid JSON: {exc}") from exc
        try:
            return clean_book(payload)
        except ValidationError as exc:
            raise _Reply(422, "the book has invalid fields", errors=exc.errors) from exc

    def _check_isbn_free(self, isbn: str, own_id: int | None) -> None:
        for other in self._books.values():
            if other["isbn"] == isbn and other["id"] != own_id:
                raise _Reply(409, f"ISBN {isbn} already belongs to /books/{other['id']}")


def create_app(*, clock: Callable[[], float] = time.monotonic) -> WSGIApp:
    """Return a new WSGI app serving a books collection, with an empty store.

    Representation of a book (``application/json``)::

        {"id": 1, "title": "Dune", "author": "Frank Herbert",
         "isbn": "9780441013593", "year": 1965}

    Routes (anything else is 404; a known path with another method is 405
    with an ``Allow`` header listing ``GET, POST`` or ``GET, PUT, DELETE``):

    ``GET /books``
        200 with ``{"items": [...], "total": N, "limit": L, "offset": O}``.
        Books in id order; ``?author=`` keeps books whose author equals it
        ignoring case (``str.casefold``); ``total`` counts after filtering.
        ``limit``/``offset`` as in ex02 (``parse_page``); a bad value is 400.
        A ``Link`` header from ex02's ``link_header("/books", query, page, total)``.

    ``POST /books``
        Checks, in order: the ``Idempotency-Key`` header if present (invalid
        -> 400, see below); Content-Type must be ``application/json``
        (parameters such as ``; charset=utf-8`` allowed, case-insensitive)
        else 415; the body must be UTF-8 JSON else 400; ``clean_book`` errors
        -> 422 with the ``errors`` list as an extension member; an ISBN
        already used by another book -> 409. Success: 201, the book as body,
        ``Location: /books/<id>`` and an ``ETag``. Ids start at 1 and are
        never reused, even after a delete.

        With an ``Idempotency-Key`` (ex04, fingerprint of
        ``("POST", "/books", body)``): the first request's response - success
        or error - is saved and replayed unchanged for the same key and body;
        the same key with a different body is 422; a key still in progress is
        409.

    ``GET /books/<id>``
        404 if there is no such book (ids are positive integers without
        leading zeros; ``/books/abc`` and ``/books/01`` are 404). Else 200
        with the book and ``ETag: make_etag(body)``; If-Match/If-None-Match
        are evaluated with ex03's ``evaluate_preconditions``: 304 (empty body,
        with the ``ETag``) or 412; a malformed header is 400.

    ``PUT /books/<id>``
        Replaces title/author/isbn/year. In order: 404, preconditions (412;
        ``If-Match`` protects against lost updates), 415, 400, 422, 409 (the
        ISBN of ANOTHER book). Success: 200 with the new book and its new ETag.

    ``DELETE /books/<id>``
        404, preconditions (412), else 204 with an empty body.

    Every error body is an RFC 9457 problem (ex01, ``problem_response``) with
    ``Content-Type: application/problem+json``. Every response has a correct
    ``Content-Length``; 204 and 304 have no body and no Content-Type.

    Args:
        clock: Time source for the idempotency-key store.
    """
    return BooksApp(clock)
