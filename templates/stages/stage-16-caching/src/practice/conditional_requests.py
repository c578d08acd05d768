"""Validators and conditional requests: ETags, 304 Not Modified, 412.

A cache holding a stale response does not have to download it again: it
asks "has it changed?" with ``If-None-Match`` / ``If-Modified-Since`` and the
server answers ``304 Not Modified`` with no body. The same validators protect
writes: ``If-Match`` makes a PUT fail with ``412 Precondition Failed`` when
someone else changed the resource first (no lost updates).
Rules follow RFC 9110, sections 8.8 and 13.

TODO: implement the functions that raise ``NotImplementedError``. Reuse the
helpers given in your ex03 module:
``from practice.cache_control import header, parse_http_date``.
``email.utils.format_datetime(dt, usegmt=True)`` writes an HTTP date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

_ETAG = re.compile(r'(W/)?"([\x21\x23-\x7e\x80-\xff]*)"')


def parse_etag(value: str) -> tuple[bool, str]:
    """Split one entity-tag into ``(is_weak, opaque_tag)``.

    Examples:
        >>> parse_etag('"v1"')
        (False, 'v1')
        >>> parse_etag('W/"v1"')
        (True, 'v1')

    Raises:
        ValueError: if ``value`` is not exactly one entity-tag: a double-
            quoted string, optionally prefixed by ``W/`` (capital W), with no
            surrounding whitespace and no ``"`` inside (``'v1'``, ``'"v1'``,
            ``'w/"v1"'`` and ``' "v1"'`` are all invalid).
    """
    raise NotImplementedError("fullmatch the entity-tag grammar; return (is_weak, opaque)")


def etags_match(a: str, b: str, *, strong: bool) -> bool:
    """Compare two entity-tags (RFC 9110 8.8.3.2).

    Strong comparison: both tags are strong and their opaque parts are equal.
    Weak comparison: the opaque parts are equal (``W/`` is ignored).

    ======== ======== ====== ====
    a        b        strong weak
    ======== ======== ====== ====
    W/"1"    W/"1"    no     yes
    W/"1"    W/"2"    no     no
    W/"1"    "1"      no     yes
    "1"      "1"      yes    yes
    ======== ======== ====== ====

    Raises:
        ValueError: if either argument is not a valid entity-tag.
    """
    raise NotImplementedError("parse both; strong needs both strong; compare opaque parts")


def make_etag(body: bytes, *, weak: bool = False) -> str:
    """Derive an entity-tag from a response body.

    The opaque part is the first 16 hex digits of the SHA-256 of ``body``;
    the result is ``'"<hex>"'``, or ``'W/"<hex>"'`` when ``weak`` is True.
    Equal bodies give equal tags; different bodies (practically) never do.
    """
    raise NotImplementedError("sha256(body).hexdigest()[:16], quoted, W/ prefix when weak")


def evaluate_preconditions(
    method: str,
    request_headers: Mapping[str, str],
    *,
    etag: str | None,
    last_modified: datetime | None,
) -> int:
    """Decide the status for a conditional request: 200, 304 or 412.

    ``etag`` and ``last_modified`` describe the CURRENT representation
    (``None`` if the server has none). Header names are case-insensitive.
    Evaluated in the order of RFC 9110 13.2.2:

    1. ``If-Match`` present: if it is ``*`` and ``etag`` is not None, or one
       of its listed tags matches ``etag`` by STRONG comparison, go on;
       otherwise return 412.
    2. Else ``If-Unmodified-Since`` with a valid date and a known
       ``last_modified``: if ``last_modified`` is later than the date, 412.
    3. ``If-None-Match`` present: if it is ``*`` and ``etag`` is not None, or
       a listed tag matches by WEAK comparison, return 304 for GET/HEAD and
       412 for any other method. (When present, ``If-Modified-Since`` is
       ignored.)
    4. Else, for GET/HEAD only, ``If-Modified-Since`` with a valid date and a
       known ``last_modified``: if ``last_modified`` is not later than the
       date, return 304.
    5. Otherwise 200.

    HTTP dates have whole seconds, so ``last_modified`` is compared after
    dropping its microseconds. Invalid dates make their header ignored.
    List members that are not entity-tags are ignored.

    Raises:
        ValueError: if ``last_modified`` is a naive datetime.
    """
    raise NotImplementedError("If-Match -> If-Unmodified-Since -> If-None-Match -> If-Modified-Since -> 200")


@dataclass
class Response:
    """A minimal HTTP response."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def serve(
    method: str,
    request_headers: Mapping[str, str],
    *,
    body: bytes,
    last_modified: datetime,
    cache_control: str = "no-cache",
) -> Response:
    """Answer a GET or HEAD for a resource, honouring conditional headers.

    Every response carries ``ETag`` (``make_etag(body)``, strong),
    ``Last-Modified`` (IMF-fixdate such as ``"Tue, 05 Mar 2024 10:00:00 GMT"``,
    microseconds dropped) and ``Cache-Control`` (``cache_control``).

    * 200: for GET the body, for HEAD an empty body; both add
      ``Content-Length`` with the length of the full ``body``.
    * 304: empty body, no ``Content-Length``.
    * 412: empty body, no ``Content-Length``.

    Raises:
        ValueError: if ``method`` is not ``"GET"`` or ``"HEAD"``, or
            ``last_modified`` is naive.
    """
    raise NotImplementedError("build ETag/Last-Modified/Cache-Control, evaluate, shape the response")
