"""Tests for ex04: TTLCache, ETags and the per-user caching middleware."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from practice.bookmark_store import BookmarkStore
from practice.caching import CachingMiddleware, TTLCache, etag_matches, make_etag
from practice.rest_api import USER_KEY, BookmarkAPI


class CountingApp:
    """An inner WSGI app that counts its calls; each GET body shows the call number."""

    def __init__(self, statuses: dict[tuple[str, str], int] | None = None) -> None:
        self.calls = 0
        self.statuses = statuses or {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        self.calls += 1
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        status = self.statuses.get((method, path), 200 if method == "GET" else 201)
        reasons = {200: "OK", 201: "Created", 404: "Not Found", 422: "Unprocessable Entity"}
        body = json.dumps({"call": self.calls, "path": path, "user": environ.get(USER_KEY)}).encode()
        start_response(f"{status} {reasons[status]}", [("Content-Type", "application/json")])
        return [body]


def make(make_client, clock, ttl: float = 30, statuses: dict[tuple[str, str], int] | None = None):
    inner = CountingApp(statuses)
    app = CachingMiddleware(inner, ttl=ttl, clock=clock)
    return inner, make_client(app, environ={USER_KEY: 1}), make_client(app, environ={USER_KEY: 2})


def test_ttl_cache_hit_miss_and_expiry(clock) -> None:
    cache = TTLCache(ttl=10, clock=clock)
    assert cache.get("k") is None, "an empty cache should return None"
    cache.set("k", "v")
    clock.advance(9.999)
    assert cache.get("k") == "v", "9.999s after set with ttl=10 the entry is still fresh"
    clock.advance(0.001)
    assert cache.get("k") is None, "an entry expires when clock() >= set time + ttl"
    assert (cache.hits, cache.misses) == (1, 2), f"expected 1 hit and 2 misses, got {(cache.hits, cache.misses)}"


def test_ttl_cache_invalidate_and_len(clock) -> None:
    cache = TTLCache(ttl=10, clock=clock)
    for key in [(1, "/a"), (1, "/b"), (2, "/a")]:
        cache.set(key, "x")
    removed = cache.invalidate(lambda key: key[0] == 1)
    assert removed == 2, f"invalidate should return the number of removed entries (2), got {removed}"
    assert len(cache) == 1 and cache.get((2, "/a")) == "x", "only user 2's entry should remain"
    clock.advance(10)
    assert len(cache) == 0, "len() counts only entries that have not expired"


def test_ttl_cache_evicts_oldest_when_full(clock) -> None:
    cache = TTLCache(ttl=100, clock=clock, max_entries=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("c", 3)
    assert cache.get("a") is None, "with max_entries=2, setting a third key should evict the oldest ('a')"
    assert (cache.get("b"), cache.get("c")) == (2, 3), "the two newest entries should remain"


@pytest.mark.parametrize("kwargs", [{"ttl": -1}, {"ttl": 5, "max_entries": 0}])
def test_ttl_cache_rejects_bad_settings(clock, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        TTLCache(clock=clock, **kwargs)


def test_make_etag_is_a_quoted_content_hash() -> None:
    etag = make_etag(b'{"items": []}')
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34, (
        f"want a quoted 32-hex-digit tag, got {etag!r}"
    )
    assert etag == make_etag(b'{"items": []}'), "the same body must give the same ETag"
    assert etag != make_etag(b'{"items": [1]}'), "different bodies must give different ETags"


@pytest.mark.parametrize(
    ("header", "want"),
    [
        ('"abc"', True),
        ('"zzz", "abc"', True),
        ('W/"abc"', True),
        ("*", True),
        ('"abd"', False),
        ("", False),
    ],
)
def test_etag_matches(header: str, want: bool) -> None:
    got = etag_matches(header, '"abc"')
    assert got is want, f"etag_matches({header!r}, '\"abc\"') should be {want}, got {got!r}"


def test_repeated_get_is_served_from_cache(make_client, clock) -> None:
    inner, user1, _ = make(make_client, clock)
    first = user1.get("/bookmarks?limit=5")
    second = user1.get("/bookmarks?limit=5")
    assert inner.calls == 1, (
        f"the second identical GET should not reach the inner app; it was called {inner.calls} times"
    )
    assert second.body == first.body, "a cache hit must return the same body"
    assert (first.header("X-Cache"), second.header("X-Cache")) == ("MISS", "HIT"), (
        f"X-Cache should be MISS then HIT, got {first.header('X-Cache')!r}, {second.header('X-Cache')!r}"
    )
    user1.get("/bookmarks?limit=6")
    assert inner.calls == 2, "a different query string is a different cache key"


def test_cache_is_per_user(make_client, clock) -> None:
    inner, user1, user2 = make(make_client, clock)
    user1.get("/bookmarks")
    resp = user2.get("/bookmarks")
    assert inner.calls == 2, "user 2 must never get user 1's cached response"
    assert resp.json()["user"] == 2, f"user 2 should see their own data, got {resp.json()!r}"


def test_entries_expire_after_ttl(make_client, clock) -> None:
    inner, user1, _ = make(make_client, clock, ttl=30)
    user1.get("/bookmarks")
    clock.advance(29)
    user1.get("/bookmarks")
    assert inner.calls == 1, "29s later (ttl=30) the cached response is still fresh"
    clock.advance(1)
    user1.get("/bookmarks")
    assert inner.calls == 2, "at ttl the entry has expired and the inner app runs again"


def test_successful_write_invalidates_only_that_users_entries(make_client, clock) -> None:
    inner, user1, user2 = make(make_client, clock)
    user1.get("/bookmarks")
    user1.get("/bookmarks/1")
    user2.get("/bookmarks")
    user2.post("/bookmarks", json_body={"url": "https://x.example", "title": "x"})
    calls = inner.calls
    user1.get("/bookmarks")
    user1.get("/bookmarks/1")
    assert inner.calls == calls, "user 2's write must not invalidate user 1's entries"
    user1.delete("/bookmarks/1")
    calls = inner.calls
    user1.get("/bookmarks")
    user1.get("/bookmarks/1")
    assert inner.calls == calls + 2, "after user 1's successful DELETE, all of user 1's entries must be dropped"


def test_failed_write_and_error_responses_are_not_cached(make_client, clock) -> None:
    statuses = {("POST", "/bookmarks"): 422, ("GET", "/bookmarks/9"): 404}
    inner, user1, _ = make(make_client, clock, statuses=statuses)
    user1.get("/bookmarks")
    user1.post("/bookmarks", json_body={})
    user1.get("/bookmarks")
    assert inner.calls == 2, "a failed (4xx) write changes nothing, so the cached list should survive it"
    user1.get("/bookmarks/9")
    missing = user1.get("/bookmarks/9")
    assert inner.calls == 4, "only 200 responses may be cached; the 404 must be asked again"
    assert missing.status == 404 and missing.header("ETag") is None, "error responses get no ETag"


def test_if_none_match_gives_304_without_body(make_client, clock) -> None:
    _, user1, _ = make(make_client, clock)
    first = user1.get("/bookmarks")
    etag = first.header("ETag")
    assert etag == make_etag(first.body), f"a GET 200 should carry ETag make_etag(body), got {etag!r}"
    assert first.header("Cache-Control") == "private, no-cache", (
        "per-user data must be Cache-Control: private, no-cache"
    )
    again = user1.get("/bookmarks", headers={"If-None-Match": etag})
    assert again.status == 304, f"If-None-Match with the current ETag should give 304, got {again.describe()}"
    assert again.body == b"" and again.header("Content-Type") is None, "a 304 has no body and no Content-Type"
    assert again.header("ETag") == etag, "a 304 repeats the ETag"


def test_stale_etag_gets_the_new_representation(make_client, clock) -> None:
    _, user1, _ = make(make_client, clock)
    old = user1.get("/bookmarks").header("ETag")
    user1.post("/bookmarks", json_body={"url": "https://x.example", "title": "x"})
    fresh = user1.get("/bookmarks", headers={"If-None-Match": old})
    assert fresh.status == 200, f"after a change the old ETag no longer matches: expected 200, got {fresh.describe()}"
    assert fresh.header("ETag") != old, "the new body must have a new ETag"


def test_works_in_front_of_the_real_api(make_client, clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    client = make_client(CachingMiddleware(BookmarkAPI(store), ttl=60, clock=clock), environ={USER_KEY: ann.id})
    assert client.get("/bookmarks").json()["items"] == [], "a new user starts with no bookmarks"
    created = client.post("/bookmarks", json_body={"url": "https://a.example", "title": "A"})
    assert created.status == 201, f"POST through the cache should still work, got {created.describe()}"
    items = client.get("/bookmarks").json()["items"]
    assert [i["title"] for i in items] == ["A"], f"after a POST the list must not be served stale, got {items!r}"
