"""Tests for ex02: a memoizing decorator with invalidation and stats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import pytest
from practice.memoize import MemoInfo, memoize


class Clock(Protocol):
    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...


class Counter:
    """Counts calls so tests can see when the real function ran."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []


def test_computes_once_per_distinct_arguments() -> None:
    seen = Counter()

    @memoize
    def square(x: int) -> int:
        seen.calls.append((x,))
        return x * x

    results = [square(3), square(3), square(4), square(3)]
    assert results == [9, 9, 16, 9], f"square results wrong: {results!r}"
    assert seen.calls == [(3,), (4,)], f"the real function should run once per distinct argument, ran {seen.calls!r}"
    info = square.cache_info()
    assert info == MemoInfo(hits=2, misses=2, size=2), f"cache_info() should be hits=2 misses=2 size=2, got {info!r}"


@pytest.mark.parametrize(
    "call",
    [
        lambda f: f(1, 2),
        lambda f: f(1, b=2),
        lambda f: f(a=1, b=2),
        lambda f: f(b=2, a=1),
        lambda f: f(1),
    ],
    ids=["positional", "mixed", "keywords", "keywords-reordered", "default-applied"],
)
def test_equivalent_spellings_share_one_entry(call: Callable[[Any], Any]) -> None:
    seen = Counter()

    @memoize
    def add(a: int, b: int = 2) -> int:
        seen.calls.append((a, b))
        return a + b

    first = add(1, 2)
    again = call(add)
    assert (first, again) == (3, 3), f"add should return 3 both times, got {first}, {again}"
    assert len(seen.calls) == 1, (
        "add(1, 2) and this equivalent spelling must share one cache entry "
        f"(bind to the signature + apply_defaults); the function ran {len(seen.calls)}x"
    )


def test_var_keyword_order_does_not_matter() -> None:
    seen = Counter()

    @memoize
    def query(table: str, **filters: object) -> str:
        seen.calls.append((table, tuple(filters)))
        return f"{table}:{sorted(filters.items())}"

    query("users", active=True, country="NO")
    query("users", country="NO", active=True)
    assert len(seen.calls) == 1, (
        "query('users', active=True, country='NO') and the same filters in another "
        f"order must hit the same entry; the function ran {len(seen.calls)}x"
    )
    query("users", active=True)
    assert len(seen.calls) == 2, "a different set of **kwargs is a different entry"


def test_argument_types_are_part_of_the_key() -> None:
    @memoize
    def describe(x: object) -> str:
        return type(x).__name__

    got = [describe(1), describe(1.0), describe(True)]
    assert got == ["int", "float", "bool"], (
        f"1, 1.0 and True are equal and hash alike, but must be separate entries; got {got!r}"
    )
    assert describe.cache_info().size == 3, "three typed entries should be stored"


def test_unhashable_argument_raises_type_error_without_calling() -> None:
    seen = Counter()

    @memoize
    def total(items: object) -> int:
        seen.calls.append((items,))
        return 0

    with pytest.raises(TypeError, match="items"):
        total([1, 2, 3])
    assert seen.calls == [], "the function must not run when the key cannot be built"


def test_bad_arguments_raise_type_error_without_calling() -> None:
    seen = Counter()

    @memoize
    def pair(a: int, b: int) -> tuple[int, int]:
        seen.calls.append((a, b))
        return (a, b)

    with pytest.raises(TypeError):
        pair(1)
    with pytest.raises(TypeError):
        pair(1, 2, c=3)
    assert seen.calls == [], "calls that do not fit the signature must not run func"


def test_exceptions_are_not_cached() -> None:
    attempts = Counter()

    @memoize
    def flaky(x: int) -> int:
        attempts.calls.append((x,))
        if len(attempts.calls) == 1:
            raise ConnectionError("database went away")
        return x * 10

    with pytest.raises(ConnectionError):
        flaky(5)
    got = flaky(5)
    assert got == 50, f"after a failure the next call must run again and return 50, got {got}"
    info = flaky.cache_info()
    assert info == MemoInfo(hits=0, misses=2, size=1), (
        f"a failed call is a miss that stores nothing; cache_info() gave {info!r}"
    )


def test_invalidate_drops_only_that_entry() -> None:
    seen = Counter()

    @memoize
    def profile(user_id: int, lang: str = "en") -> str:
        seen.calls.append((user_id, lang))
        return f"{user_id}-{lang}-v{len(seen.calls)}"

    profile(7)
    profile(8)
    removed = profile.invalidate(user_id=7, lang="en")
    assert removed is True, "invalidate(user_id=7, lang='en') should find profile(7)'s entry"
    assert profile.invalidate(7) is False, "a second invalidate should return False"
    assert profile(7) == "7-en-v3", "after invalidate, profile(7) must be recomputed"
    assert profile(8) == "8-en-v2", "other entries must survive invalidate"
    info = profile.cache_info()
    assert (info.hits, info.misses) == (1, 3), f"invalidate must not touch hits/misses; got {info!r}"


def test_cache_clear_resets_entries_and_counters() -> None:
    @memoize
    def double(x: int) -> int:
        return 2 * x

    double(1)
    double(1)
    double(2)
    double.cache_clear()
    assert double.cache_info() == MemoInfo(0, 0, 0), (
        f"cache_clear() should reset to MemoInfo(0, 0, 0), got {double.cache_info()!r}"
    )


def test_ttl_with_injected_clock(clock: Clock) -> None:
    seen = Counter()

    @memoize(ttl=30, clock=clock)
    def rate(base: str, quote: str) -> str:
        seen.calls.append((base, quote))
        return f"{base}/{quote}#{len(seen.calls)}"

    assert rate("EUR", "USD") == "EUR/USD#1"
    clock.advance(29.9)
    assert rate("EUR", "USD") == "EUR/USD#1", "29.9s after caching with ttl=30: still cached"
    clock.advance(0.1)
    got = rate("EUR", "USD")
    assert got == "EUR/USD#2", f"at exactly ttl the entry is stale and recomputed, got {got}"


def test_wrapper_keeps_function_metadata() -> None:
    def greet(name: str) -> str:
        """Say hello."""
        return f"hello {name}"

    wrapped = memoize(greet)
    assert wrapped.__name__ == "greet", f"__name__ should be 'greet', got {wrapped.__name__!r}"
    assert wrapped.__doc__ == "Say hello.", "__doc__ should be copied from the function"
    assert wrapped.__wrapped__ is greet, "__wrapped__ should point at the original"
    assert wrapped("\u00e5se") == "hello \u00e5se", "unicode arguments must pass through"


@pytest.mark.parametrize("ttl", [0, -1, -0.5])
def test_non_positive_ttl_raises_value_error(ttl: float) -> None:
    with pytest.raises(ValueError):
        memoize(ttl=ttl)
