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

import time
from collections.abc import Callable, Iterable
from typing import Any

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


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
    raise NotImplementedError("return a WSGI callable (a class with __call__ works well) holding its own books")
