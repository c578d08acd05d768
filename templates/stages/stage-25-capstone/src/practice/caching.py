"""Linkshelf, part 4: a per-user response cache with TTL, invalidation and ETags.

Listing bookmarks is by far the most frequent request, and its answer only
changes when the same user writes. ``CachingMiddleware`` sits between the
auth layer of part 3 and the ``BookmarkAPI`` of part 2:

    AuthMiddleware(CachingMiddleware(BookmarkAPI(store), ttl=30), store, ...)

so ``environ["linkshelf.user_id"]`` is already set when it runs. It keeps
each user's successful GET responses for ``ttl`` seconds (read-through: a
miss asks the inner app and stores the answer) and drops ALL of a user's
entries as soon as that user's write succeeds. Since only the owner can
change their bookmarks, per-user invalidation is exact, not a guess.

On top of that it adds HTTP validators: every GET 200 carries an ``ETag``
(a hash of the body), and a client that sends it back in ``If-None-Match``
gets ``304 Not Modified`` with no body, which saves bandwidth even when the
server had to recompute the answer.

TODO: implement ``TTLCache``, ``make_etag``, ``etag_matches``, ``call_inner``
and ``CachingMiddleware.__call__``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from practice.rest_api import StartResponse

WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
CACHE_CONTROL = "private, no-cache"


class TTLCache:
    """A small in-memory cache whose entries expire ``ttl`` seconds after being set.

    ``None`` is never stored as a value (``get`` uses it to mean "miss").
    """

    def __init__(self, *, ttl: float, clock: Callable[[], float] = time.monotonic, max_entries: int = 1024) -> None:
        """Create an empty cache.

        Args:
            ttl: lifetime of an entry in seconds; 0 means "store nothing"
                (every ``get`` misses).
            clock: returns the current time in seconds.
            max_entries: capacity; when full, ``set`` first drops expired
                entries, then the OLDEST inserted ones.

        Raises:
            ValueError: if ``ttl < 0`` or ``max_entries < 1``.
        """
        raise NotImplementedError("validate, keep a dict key -> (expires_at, value) and hit/miss counters")

    @property
    def hits(self) -> int:
        """Number of ``get`` calls that found a live entry."""
        raise NotImplementedError("return the hit counter")

    @property
    def misses(self) -> int:
        """Number of ``get`` calls that found nothing or an expired entry."""
        raise NotImplementedError("return the miss counter")

    def get(self, key: Hashable) -> Any | None:
        """Return the live value for ``key`` or None, counting a hit or a miss.

        An entry set at time ``t`` is live while ``clock() < t + ttl``; an
        expired entry found here is deleted.
        """
        raise NotImplementedError("look up, check expiry, count hit/miss")

    def set(self, key: Hashable, value: Any) -> None:
        """Store ``value`` under ``key`` until ``clock() + ttl`` (replacing any old entry)."""
        raise NotImplementedError("evict if full, store (clock() + ttl, value)")

    def invalidate(self, predicate: Callable[[Hashable], bool]) -> int:
        """Remove every entry whose key satisfies ``predicate``; return how many were removed."""
        raise NotImplementedError("delete matching keys, return the count")

    def __len__(self) -> int:
        """Number of entries that have not expired."""
        raise NotImplementedError("count live entries")


def make_etag(body: bytes) -> str:
    """A strong ETag for ``body``.

    Returns:
        The first 32 hex digits of ``hashlib.sha256(body)`` wrapped in double
        quotes, for example ``'"3f2a...c9"'`` (34 characters in all).
    """
    raise NotImplementedError("quote the first 32 hex digits of sha256(body)")


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Does an ``If-None-Match`` header value match ``etag``?

    The header is ``*`` (matches anything) or a comma-separated list of
    entity tags. If-None-Match uses WEAK comparison (RFC 9110, 13.1.2): a
    ``W/`` prefix on either side is ignored. An empty header matches nothing.
    """
    raise NotImplementedError("handle '', '*', and a comma-separated list with optional W/ prefixes")


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A complete response as produced by the inner app."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def call_inner(app: WSGIApp, environ: dict[str, Any]) -> CachedResponse:
    """Run a WSGI ``app`` and collect its whole response.

    Pass your own ``start_response`` that records the status line and
    headers, join the returned iterable into one ``bytes``, and ALWAYS call
    its ``close()`` if it has one (use ``finally``), as PEP 3333 requires.

    Returns:
        ``CachedResponse(status_code_as_int, tuple(headers), body)``.
    """
    raise NotImplementedError("call app with a recording start_response, join the body, close the iterable")


class CachingMiddleware:
    """WSGI middleware that caches each user's successful GET responses."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = 1024,
    ) -> None:
        """Cache ``app``'s GET 200 responses for ``ttl`` seconds in ``self.cache`` (a TTLCache)."""
        raise NotImplementedError("keep app and a TTLCache(ttl=ttl, clock=clock, max_entries=max_entries)")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve from the cache, fill it, or invalidate it.

        * No ``environ["linkshelf.user_id"]``: pass the request straight
          through to the inner app.
        * Any method other than GET: call the inner app (``call_inner``); if
          the status is below 400, invalidate every entry of THIS user (keys
          are ``(user_id, path, query)``); return the response unchanged.
        * GET: key ``(user_id, PATH_INFO, QUERY_STRING)``. On a miss call the
          inner app and store the response only if it is 200. Non-200
          responses are returned unchanged (no ETag, not cached).
        * For a 200 (hit or miss) add ``ETag: make_etag(body)``,
          ``Cache-Control: private, no-cache`` and ``X-Cache: HIT`` or
          ``MISS``. If ``HTTP_IF_NONE_MATCH`` matches the ETag, answer
          ``304 Not Modified`` instead, with only those three headers and an
          empty body (no Content-Type).
        """
        raise NotImplementedError("pass through, invalidate on writes, or serve GETs from the cache with ETags")
