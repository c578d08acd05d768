"""Tests for ex01: an LRU cache with per-entry TTL and an injected clock."""

from __future__ import annotations

from typing import Protocol

import pytest
from practice.lru_ttl_cache import CacheStats, LRUTTLCache


class Clock(Protocol):
    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...


def test_get_returns_stored_value_and_default_on_miss(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(3, clock=clock)
    cache.set("a", 1)
    got = cache.get("a")
    assert got == 1, f"get('a') after set('a', 1) should return 1, got {got!r}"
    got = cache.get("missing")
    assert got is None, f"get('missing') should return None, got {got!r}"
    got = cache.get("missing", -1)
    assert got == -1, f"get('missing', -1) should return the default -1, got {got!r}"


def test_full_cache_evicts_least_recently_used(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(2, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("c", 3)
    assert "a" not in cache, "with capacity 2, adding 'c' should evict 'a' (oldest)"
    assert cache.keys() == ["b", "c"], f"keys() should list live keys LRU -> MRU ['b', 'c'], got {cache.keys()!r}"
    assert len(cache) == 2, f"len() should be 2, got {len(cache)}"


def test_get_marks_entry_most_recently_used(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(2, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.get("a")
    cache.set("c", 3)
    assert cache.keys() == ["a", "c"], (
        f"get('a') should make 'a' most recently used, so adding 'c' evicts 'b'; keys() gave {cache.keys()!r}"
    )


def test_contains_does_not_change_recency_or_stats(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(2, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2)
    assert "a" in cache, "'a' in cache should be True right after set"
    cache.set("c", 3)
    assert cache.keys() == ["b", "c"], (
        f"'a' in cache must not refresh recency, so 'a' is evicted by 'c'; keys() gave {cache.keys()!r}"
    )
    stats = cache.stats
    assert (stats.hits, stats.misses) == (0, 0), f"membership tests must not count hits/misses, got {stats!r}"


@pytest.mark.parametrize(
    ("elapsed", "alive"),
    [(0.0, True), (9.999, True), (10.0, False), (25.0, False)],
    ids=["just-set", "just-before", "exactly-at-ttl", "long-after"],
)
def test_entry_expires_exactly_at_ttl(clock: Clock, elapsed: float, alive: bool) -> None:
    cache: LRUTTLCache[str, str] = LRUTTLCache(4, default_ttl=10.0, clock=clock)
    cache.set("k", "v")
    clock.advance(elapsed)
    got = cache.get("k")
    want = "v" if alive else None
    assert got == want, (
        f"ttl=10s, {elapsed}s later get('k') should return {want!r} "
        f"(an entry expires when now >= set_time + ttl), got {got!r}"
    )


def test_per_entry_ttl_overrides_default_and_none_means_forever(clock: Clock) -> None:
    cache: LRUTTLCache[str, str] = LRUTTLCache(4, clock=clock)
    cache.set("forever", "x")
    cache.set("short", "y", ttl=1.0)
    clock.advance(1_000_000.0)
    assert cache.get("forever") == "x", "with no default_ttl and no ttl, an entry should never expire"
    assert cache.get("short") is None, "set(..., ttl=1.0) should expire after 1 second"

    timed: LRUTTLCache[str, str] = LRUTTLCache(4, default_ttl=5.0, clock=clock)
    timed.set("long", "z", ttl=60.0)
    timed.set("default", "w")
    clock.advance(30.0)
    assert timed.get("long") == "z", "an explicit ttl=60 must win over default_ttl=5"
    assert timed.get("default") is None, "without ttl, default_ttl=5 applies"


def test_full_cache_drops_expired_entries_before_live_ones(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(3, clock=clock)
    cache.set("old-live", 1)
    cache.set("short-a", 2, ttl=5.0)
    cache.set("short-b", 3, ttl=5.0)
    clock.advance(6.0)
    cache.set("new", 4)
    assert cache.keys() == ["old-live", "new"], (
        f"when full, expired entries must be removed before evicting a live LRU entry; keys() gave {cache.keys()!r}"
    )
    stats = cache.stats
    assert (stats.evictions, stats.expirations) == (0, 2), (
        f"that set should count 2 expirations and 0 evictions, got {stats!r}"
    )


def test_overwrite_updates_value_and_recency_without_eviction(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(2, default_ttl=10.0, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2)
    clock.advance(8.0)
    cache.set("a", 100)
    assert cache.keys() == ["b", "a"], f"overwriting 'a' should make it MRU and evict nothing, got {cache.keys()!r}"
    clock.advance(5.0)
    assert cache.get("a") == 100, "overwrite should also restart the entry's ttl"
    assert cache.get("b") is None, "'b' (set 13s ago with ttl 10) should be expired"
    assert cache.stats.evictions == 0, "overwriting must never count an eviction"


@pytest.mark.parametrize(
    "make",
    [
        lambda c: LRUTTLCache(0, clock=c),
        lambda c: LRUTTLCache(-3, clock=c),
        lambda c: LRUTTLCache(2, default_ttl=0, clock=c),
        lambda c: LRUTTLCache(2, default_ttl=-1.5, clock=c),
        lambda c: LRUTTLCache(2, clock=c).set("k", "v", ttl=0),
        lambda c: LRUTTLCache(2, clock=c).set("k", "v", ttl=-2),
    ],
    ids=[
        "capacity-0",
        "capacity-negative",
        "default-ttl-0",
        "default-ttl-negative",
        "ttl-0",
        "ttl-negative",
    ],
)
def test_invalid_arguments_raise_value_error(clock: Clock, make: object) -> None:
    with pytest.raises(ValueError):
        make(clock)  # type: ignore[operator]


def test_stats_count_hits_misses_evictions_expirations(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(2, default_ttl=10.0, clock=clock)
    cache.set("a", 1)
    cache.get("a")
    cache.get("a")
    cache.get("nope")
    cache.set("b", 2)
    cache.set("c", 3)
    clock.advance(10.0)
    cache.get("c")
    want = CacheStats(hits=2, misses=2, evictions=1, expirations=1)
    got = cache.stats
    assert got == want, f"stats should be {want!r}, got {got!r}"
    got.hits = 999
    assert cache.stats.hits == 2, "stats must be a snapshot copy, not the live object"


def test_len_purge_and_delete(clock: Clock) -> None:
    cache: LRUTTLCache[str, int] = LRUTTLCache(5, clock=clock)
    cache.set("a", 1, ttl=1.0)
    cache.set("b", 2, ttl=1.0)
    cache.set("c", 3)
    clock.advance(2.0)
    assert len(cache) == 1, f"len() should count only live entries (1), got {len(cache)}"
    removed = cache.purge_expired()
    assert removed == 2, f"purge_expired() should remove 2 expired entries, got {removed}"
    assert cache.purge_expired() == 0, "a second purge should find nothing to remove"
    assert cache.delete("c") is True, "delete('c') should return True when it removed c"
    assert cache.delete("c") is False, "deleting a missing key should return False"
    assert len(cache) == 0, "the cache should be empty now"


def test_unicode_and_tuple_keys(clock: Clock) -> None:
    cache: LRUTTLCache[object, str] = LRUTTLCache(3, clock=clock)
    cache.set("caf\u00e9", "accented")
    cache.set(("user", 42), "tuple")
    assert cache.get("caf\u00e9") == "accented", "unicode keys must work"
    assert cache.get(("user", 42)) == "tuple", "tuple keys must work"
    assert cache.get("cafe") is None, "'cafe' and 'caf\u00e9' are different keys"
