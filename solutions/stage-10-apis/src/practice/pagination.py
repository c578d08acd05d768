"""Pagination for collection endpoints: limit/offset, Link headers and cursors.

A collection endpoint never returns "everything". Clients ask for a page with
``?limit=20&offset=40`` and find the neighbouring pages in the ``Link`` header
(RFC 8288), the way the GitHub API does::

    Link: </books?limit=20&offset=60>; rel="next", </books?limit=20&offset=20>; rel="prev"

Offsets are simple but shift when rows are inserted or deleted between two
requests. Keyset ("cursor") pagination avoids that: the client sends back an
opaque token that says "continue after id 41".
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode


class QueryError(ValueError):
    """A query parameter is malformed or out of range (the API answers 400)."""


@dataclass(frozen=True)
class Page:
    """Which slice of a collection a request asks for."""

    limit: int
    offset: int


def _single(pairs: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in pairs if key == name]
    if len(values) > 1:
        raise QueryError(f"{name} is given {len(values)} times")
    return values[0] if values else None


def _natural(name: str, text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise QueryError(f"{name} must be a whole number, got {text!r}")
    return int(text)


def parse_page(query_string: str, *, default_limit: int = 20, max_limit: int = 100) -> Page:
    """Read ``limit`` and ``offset`` from a raw query string such as ``"limit=5&offset=10"``.

    Other parameters are ignored. A missing ``limit`` is ``default_limit``; a
    missing ``offset`` is 0. Values must be plain ASCII decimal digits:
    ``"+5"``, ``" 5"``, ``"5.0"``, ``"1e3"``, ``"-1"`` and ``""`` are all
    errors, not "close enough".

    Raises:
        QueryError: A value is not digits; ``limit`` is below 1 or above
            ``max_limit``; a parameter appears more than once (``limit=5&limit=6``
            is ambiguous, so it is refused).
    """
    pairs = parse_qsl(query_string, keep_blank_values=True)
    raw_limit = _single(pairs, "limit")
    raw_offset = _single(pairs, "offset")
    limit = default_limit if raw_limit is None else _natural("limit", raw_limit)
    offset = 0 if raw_offset is None else _natural("offset", raw_offset)
    if not 1 <= limit <= max_limit:
        raise QueryError(f"limit must be between 1 and {max_limit}, got {limit}")
    return Page(limit=limit, offset=offset)


def link_header(path: str, query_string: str, page: Page, total: int) -> str:
    """Build an RFC 8288 ``Link`` header value for a page of ``total`` items.

    Each link is ``<URL>; rel="NAME"``, joined with ``", "``, in the order
    first, prev, next, last. Every URL is ``path`` + ``?`` + the request's
    other query parameters (same order and values, re-encoded with
    ``urllib.parse.urlencode``) followed by ``limit`` and ``offset``:

    * ``first``: offset 0 - always present;
    * ``prev``: offset ``max(offset - limit, 0)`` - only when offset > 0;
    * ``next``: offset ``offset + limit`` - only when that is below ``total``;
    * ``last``: the offset of the last full-or-partial page,
      ``((total - 1) // limit) * limit`` (0 when total is 0) - always present.

    Example: ``link_header("/books", "author=Le%20Guin&limit=2", Page(2, 2), 5)``
    gives first (offset 0), prev (offset 0), next (offset 4) and last (offset 4),
    each URL starting ``/books?author=Le+Guin&limit=2&offset=``.
    """
    others = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k not in ("limit", "offset")]

    def url(offset: int) -> str:
        query = urlencode([*others, ("limit", str(page.limit)), ("offset", str(offset))])
        return f"{path}?{query}"

    links = [(0, "first")]
    if page.offset > 0:
        links.append((max(page.offset - page.limit, 0), "prev"))
    if page.offset + page.limit < total:
        links.append((page.offset + page.limit, "next"))
    last = ((total - 1) // page.limit) * page.limit if total > 0 else 0
    links.append((last, "last"))
    return ", ".join(f'<{url(offset)}>; rel="{rel}"' for offset, rel in links)


def encode_cursor(position: dict[str, Any]) -> str:
    """Encode a position as an opaque, URL-safe cursor token.

    The token is the compact JSON of ``position`` (keys sorted, no spaces),
    base64url-encoded WITHOUT ``=`` padding, so it can go in a query string
    unescaped. It is opaque, not secret: never put private data in it.

    Raises:
        TypeError: ``position`` is not a dict.
    """
    if not isinstance(position, dict):
        raise TypeError("a cursor position must be a dict")
    raw = json.dumps(position, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(token: str) -> dict[str, Any]:
    """Decode a token made by :func:`encode_cursor`.

    Raises:
        QueryError: The token is empty, not base64url, not JSON, or not a JSON
            object. Clients can send anything; a bad cursor is a 400, never a 500.
    """
    if not token or not token.isascii():
        raise QueryError("bad cursor")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        position = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError) as exc:
        raise QueryError("bad cursor") from exc
    if not isinstance(position, dict):
        raise QueryError("bad cursor")
    return position


def page_after(
    items: Sequence[dict[str, Any]], *, limit: int, cursor: str | None = None, key: str = "id"
) -> tuple[list[dict[str, Any]], str | None]:
    """Return one keyset page of ``items`` and the cursor for the next page.

    The items are ordered by ``item[key]`` ascending (sort them; do not trust
    the input order). Without a cursor the page starts at the smallest key;
    with a cursor ``{"after": K}`` it holds the items whose key is greater than
    K - even if the item with key K has been deleted since.

    Returns:
        ``(page, next_cursor)``: at most ``limit`` items, and
        ``encode_cursor({"after": <key of the page's last item>})`` when more
        items follow, else None.

    Raises:
        QueryError: ``limit`` below 1, or a cursor that does not decode to an
            object with an ``"after"`` member.
    """
    if limit < 1:
        raise QueryError(f"limit must be at least 1, got {limit}")
    ordered = sorted(items, key=lambda item: item[key])
    if cursor is not None:
        position = decode_cursor(cursor)
        if "after" not in position:
            raise QueryError("bad cursor")
        after = position["after"]
        try:
            ordered = [item for item in ordered if item[key] > after]
        except TypeError as exc:
            raise QueryError("bad cursor") from exc
    page = ordered[:limit]
    next_cursor = encode_cursor({"after": page[-1][key]}) if len(ordered) > limit else None
    return page, next_cursor
