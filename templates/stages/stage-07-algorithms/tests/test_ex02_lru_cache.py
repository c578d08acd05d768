"""Tests for ex02: an O(1) LRU cache."""

from __future__ import annotations

import pytest
from practice.lru_cache import LRUCache


class EqualityBudget:
    """Counts key comparisons and stops the test when they exceed the budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.calls = 0


class CountingKey:
    """A key that counts every ``==`` it takes part in.

    A dict compares keys only when their hashes match, so an O(1) cache compares about
    once per operation. Scanning a list of keys (``list.remove``, ``key in list``)
    compares with every key it passes, so the count grows with the cache size.
    """

    def __init__(self, value: int, counter: EqualityBudget) -> None:
        self.value = value
        self.counter = counter

    def __hash__(self) -> int:
        return hash(("key", self.value))

    def __eq__(self, other: object) -> bool:
        self.counter.calls += 1
        assert self.counter.calls <= self.counter.budget, (
            f"keys were compared more than {self.counter.budget} times: some operation "
            "scans the entries (list.remove, key in list, index). Each get/put/evict "
            "must be O(1): find nodes through the dict, move them with pointers."
        )
        return isinstance(other, CountingKey) and other.value == self.value

    def __repr__(self) -> str:
        return f"CountingKey({self.value})"


@pytest.mark.parametrize("capacity", [0, -1, -100])
def test_capacity_below_one_is_rejected(capacity: int) -> None:
    with pytest.raises(ValueError):
        LRUCache(capacity)


def test_get_returns_stored_value_or_default() -> None:
    cache: LRUCache[str, int] = LRUCache(3)
    cache.put("a", 1)
    assert cache.get("a") == 1, f"get('a') after put('a', 1) should be 1, got {cache.get('a')!r}"
    missing = cache.get("zzz")
    assert missing is None, f"get of a missing key should return None, got {missing!r}"
    fallback = cache.get("zzz", -1)
    assert fallback == -1, f"get('zzz', -1) should return the default -1, got {fallback!r}"
    assert len(cache) == 1, f"one put should give len 1, got {len(cache)}"


def test_none_is_a_value_not_a_miss() -> None:
    cache: LRUCache[str, int | None] = LRUCache(2)
    cache.put("k", None)
    got = cache.get("k", -1)
    assert got is None, f"a stored None must come back as None, not the default; got {got!r}"
    assert "k" in cache, "'k' was stored with value None, so 'k' in cache should be True"
    assert (cache.hits, cache.misses) == (1, 0), (
        f"finding a stored None is a hit: want hits=1 misses=0, got {cache.hits}, {cache.misses}"
    )


@pytest.mark.parametrize(
    ("ops", "want_keys"),
    [
        ([("put", "a"), ("put", "b"), ("put", "c")], ["c", "b", "a"]),
        ([("put", "a"), ("put", "b"), ("put", "c"), ("put", "d")], ["d", "c", "b"]),
        ([("put", "a"), ("put", "b"), ("put", "c"), ("get", "a"), ("put", "d")], ["d", "a", "c"]),
        ([("put", "a"), ("put", "b"), ("put", "c"), ("put", "a"), ("put", "d")], ["d", "a", "c"]),
        ([("put", "a"), ("get", "zzz"), ("put", "b"), ("get", "a")], ["a", "b"]),
        (
            [("put", "\u043a\u043b\u044e\u0447"), ("put", "\U0001f511"), ("get", "\u043a\u043b\u044e\u0447")],
            ["\u043a\u043b\u044e\u0447", "\U0001f511"],
        ),
    ],
)
def test_recency_order_and_eviction(ops: list[tuple[str, str]], want_keys: list[str]) -> None:
    cache: LRUCache[str, str] = LRUCache(3)
    for op, key in ops:
        if op == "put":
            cache.put(key, key.upper())
        else:
            cache.get(key)
    got = cache.keys()
    assert got == want_keys, f"after {ops} with capacity 3, keys() (newest first) should be {want_keys}, got {got}"
    assert len(cache) == len(want_keys), f"len should be {len(want_keys)}, got {len(cache)}"


def test_put_existing_key_replaces_value_without_eviction() -> None:
    evicted: list[tuple[str, int]] = []
    cache: LRUCache[str, int] = LRUCache(2, on_evict=lambda k, v: evicted.append((k, v)))
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert evicted == [], f"updating an existing key at capacity must not evict, got {evicted}"
    assert cache.get("a") == 10, f"get('a') should be the new value 10, got {cache.get('a')!r}"
    assert cache.keys() == ["a", "b"], f"the updated key moves to the front, got {cache.keys()}"


def test_on_evict_receives_each_evicted_entry_once() -> None:
    evicted: list[tuple[str, int]] = []
    cache: LRUCache[str, int] = LRUCache(2, on_evict=lambda k, v: evicted.append((k, v)))
    for i, key in enumerate(["a", "b", "c", "d"]):
        cache.put(key, i)
    assert evicted == [("a", 0), ("b", 1)], f"capacity 2 after a,b,c,d should evict a then b, got {evicted}"
    assert cache.invalidate("c") is True, "invalidate('c') should return True for a cached key"
    assert evicted == [("a", 0), ("b", 1)], f"invalidate must not call on_evict, got {evicted}"


def test_capacity_one_keeps_only_the_latest() -> None:
    cache: LRUCache[int, str] = LRUCache(1)
    cache.put(1, "one")
    cache.put(2, "two")
    assert 1 not in cache, "capacity 1: putting key 2 must evict key 1"
    assert cache.get(2) == "two", f"capacity 1: get(2) should be 'two', got {cache.get(2)!r}"
    assert len(cache) == 1, f"capacity 1 never holds more than 1 entry, got len {len(cache)}"


def test_contains_does_not_refresh_recency() -> None:
    cache: LRUCache[str, int] = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert "a" in cache, "'a' was just stored"
    cache.put("c", 3)
    assert "a" not in cache, "'a' in cache only looks; 'a' stays least recent and is evicted by 'c'"
    assert cache.keys() == ["c", "b"], f"keys() should be ['c', 'b'], got {cache.keys()}"


def test_invalidate_missing_and_present() -> None:
    cache: LRUCache[str, int] = LRUCache(3)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.invalidate("nope") is False, "invalidate of an unknown key returns False"
    assert cache.invalidate("a") is True, "invalidate of a cached key returns True"
    assert cache.invalidate("a") is False, "invalidating the same key twice returns False the second time"
    assert cache.keys() == ["b"], f"only 'b' should remain, got {cache.keys()}"
    cache.put("c", 3)
    cache.put("d", 4)
    assert cache.keys() == ["d", "c", "b"], f"the freed slot is reusable, got {cache.keys()}"


def test_hits_and_misses_are_counted() -> None:
    cache: LRUCache[str, int] = LRUCache(2)
    cache.put("a", 1)
    for key in ["a", "a", "b", "a", "c"]:
        cache.get(key)
    assert (cache.hits, cache.misses) == (3, 2), (
        f"gets of a,a,b,a,c with only 'a' cached: want hits=3 misses=2, got {cache.hits}, {cache.misses}"
    )


@pytest.mark.parametrize("size", [500, 2_000])
def test_operations_do_not_scan_the_cache(size: int) -> None:
    operations = 4 * size
    counter = EqualityBudget(budget=3 * operations)
    cache: LRUCache[CountingKey, int] = LRUCache(size)
    for i in range(size):
        cache.put(CountingKey(i, counter), i)
    for i in range(size):
        got = cache.get(CountingKey(i, counter))
        assert got == i, f"get of key {i} should return {i}, got {got!r}"
    for i in range(0, size, 2):
        cache.put(CountingKey(i, counter), -i)
    for i in range(size, size + size // 2):
        cache.put(CountingKey(i, counter), i)
    assert len(cache) == size, f"the cache must stay at capacity {size}, got {len(cache)}"
    survivors = cache.keys()
    assert survivors[-1].value == 0, (
        f"after refreshing the even keys (0 first) and adding {size // 2} new ones, the "
        f"least recent survivor should be key 0, got {survivors[-1]!r}"
    )
    odd_left = [k.value for k in survivors if k.value < size and k.value % 2]
    assert odd_left == [], f"the odd keys were least recent and must all be evicted, left: {odd_left[:5]}"
