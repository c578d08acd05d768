"""Linkshelf, part 4: a per-user response cache with TTL, invalidation and ETags."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from practice.rest_api import USER_KEY, StartResponse, status_line

WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
CACHE_CONTROL = "private, no-cache"


class TTLCache:
    """A small in-memory cache whose entries expire ``ttl`` seconds after being set."""

    def __init__(self, *, ttl: float, clock: Callable[[], float] = time.monotonic, max_entries: int = 1024) -> None:
        """Create an empty cache."""
        if ttl < 0:
            raise ValueError("ttl must be >= 0")
        if max_entries < 1:
            raise ValueError("max_entries must be >= 1")
        self.ttl = ttl
        self.clock = clock
        self.max_entries = max_entries
        self._hits = 0
        self._misses = 0
        self._entries: dict[Hashable, tuple[float, Any]] = {}

    @property
    def hits(self) -> int:
        """Number of ``get`` calls that found a live entry."""
        return self._hits

    @property
    def misses(self) -> int:
        """Number of ``get`` calls that found nothing or an expired entry."""
        return self._misses

    def get(self, key: Hashable) -> Any | None:
        """Return the live value for ``key`` or None, counting a hit or a miss."""
        entry = self._entries.get(key)
        if entry is not None and self.clock() < entry[0]:
            self._hits += 1
            return entry[1]
        if entry is not None:
            del self._entries[key]
        self._misses += 1
        return None

    def set(self, key: Hashable, value: Any) -> None:
        """Store ``value`` under ``key`` until ``clock() + ttl``."""
        if self.ttl == 0:
            return
        self._entries.pop(key, None)
        if len(self._entries) >= self.max_entries:
            now = self.clock()
            for old in [k for k, (exp, _) in self._entries.items() if exp <= now]:
                del self._entries[old]
        while len(self._entries) >= self.max_entries:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = (self.clock() + self.ttl, value)

    def invalidate(self, predicate: Callable[[Hashable], bool]) -> int:
        """Remove every entry whose key matches ``predicate``; return how many."""
        doomed = [key for key in self._entries if predicate(key)]
        for key in doomed:
            del self._entries[key]
        return len(doomed)

    def __len__(self) -> int:
        """Number of entries that have not expired."""
        now = self.clock()
        return sum(1 for exp, _ in self._entries.values() if now < exp)


def make_etag(body: bytes) -> str:
    """A strong ETag for ``body``: the quoted first 32 hex digits of its SHA-256."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Does an ``If-None-Match`` header value match ``etag`` (weak comparison)?"""
    value = if_none_match.strip()
    if not value:
        return False
    if value == "*":
        return True

    def opaque(tag: str) -> str:
        tag = tag.strip()
        return tag[2:] if tag.startswith("W/") else tag

    return any(opaque(candidate) == opaque(etag) for candidate in value.split(","))


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A response as produced by the inner app."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def call_inner(app: WSGIApp, environ: dict[str, Any]) -> CachedResponse:
    """Run ``app`` and collect its whole response."""
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        captured["status"] = status
        captured["headers"] = headers
        return lambda chunk: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return CachedResponse(int(captured["status"].split(" ", 1)[0]), tuple(captured["headers"]), body)


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
        """Cache ``app``'s GET 200 responses for ``ttl`` seconds."""
        self.app = app
        self.cache = TTLCache(ttl=ttl, clock=clock, max_entries=max_entries)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve from the cache, fill it, or invalidate it."""
        user_id = environ.get(USER_KEY)
        method = environ["REQUEST_METHOD"].upper()
        if user_id is None:
            return self.app(environ, start_response)
        if method != "GET":
            response = call_inner(self.app, environ)
            if response.status < 400:
                self.cache.invalidate(lambda key: isinstance(key, tuple) and key[0] == user_id)
            start_response(status_line(response.status), list(response.headers))
            return [response.body]
        key = (user_id, environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
        cached = self.cache.get(key)
        state = "HIT"
        if cached is None:
            state = "MISS"
            cached = call_inner(self.app, environ)
            if cached.status == 200:
                self.cache.set(key, cached)
        if cached.status != 200:
            start_response(status_line(cached.status), list(cached.headers))
            return [cached.body]
        etag = make_etag(cached.body)
        extra = [("ETag", etag), ("Cache-Control", CACHE_CONTROL), ("X-Cache", state)]
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            start_response(status_line(304), extra)
            return [b""]
        start_response(status_line(200), [*cached.headers, *extra])
        return [cached.body]
