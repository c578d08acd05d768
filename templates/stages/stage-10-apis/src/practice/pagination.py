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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class QueryError(ValueError):
    """A query parameter is malformed or out of range (the API answers 400)."""


@dataclass(frozen=True)
class Page:
    """Which slice of a collection a request asks for."""

    limit: int
    offset: int


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
    raise NotImplementedError(
        "parse_qsl(keep_blank_values=True); refuse repeats and non-digits; apply defaults and bounds"
    )


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
    raise NotImplementedError("keep the other parameters, add limit/offset per link, join '<url>; rel=\"x\"' parts")


def encode_cursor(position: dict[str, Any]) -> str:
    """Encode a position as an opaque, URL-safe cursor token.

    The token is the compact JSON of ``position`` (keys sorted, no spaces),
    base64url-encoded WITHOUT ``=`` padding, so it can go in a query string
    unescaped. It is opaque, not secret: never put private data in it.

    Raises:
        TypeError: ``position`` is not a dict.
    """
    raise NotImplementedError("compact sorted JSON -> urlsafe_b64encode -> strip '=' padding")


def decode_cursor(token: str) -> dict[str, Any]:
    """Decode a token made by :func:`encode_cursor`.

    Raises:
        QueryError: The token is empty, not base64url, not JSON, or not a JSON
            object. Clients can send anything; a bad cursor is a 400, never a 500.
    """
    raise NotImplementedError("re-pad, urlsafe_b64decode, json.loads; any failure or non-dict -> QueryError")


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
    raise NotImplementedError("sort by key, skip keys <= cursor's 'after', take limit, make the next cursor")
