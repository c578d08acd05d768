"""Tests for ex02: percentiles, splitting a latency budget, finding the hop that breaks it."""

from __future__ import annotations

import pytest
from practice.latency_budget import Breach, find_breaches, percentile, split_budget


@pytest.mark.parametrize(
    ("samples", "p", "want"),
    [
        ([7], 50, 7),
        ([7], 99, 7),
        ([1, 2, 3, 4], 50, 2),
        ([4, 1, 3, 2, 5], 50, 3),
        (list(range(1, 101)), 99, 99),
        (list(range(1, 101)), 100, 100),
        (list(range(100, 0, -1)), 90, 90),
        (list(range(1, 1001)), 99.9, 999),
        ([10, 10, 10, 500], 75, 10),
        ([10, 10, 10, 500], 76, 500),
    ],
)
def test_nearest_rank_percentile(samples: list[float], p: float, want: float) -> None:
    got = percentile(samples, p)
    assert got == want, f"percentile of {len(samples)} samples at p{p} should be {want}, got {got!r}"


def test_percentile_does_not_reorder_the_callers_list() -> None:
    samples = [30, 10, 20]
    percentile(samples, 50)
    assert samples == [30, 10, 20], f"percentile must not sort the caller's list in place, it became {samples}"


@pytest.mark.parametrize(("samples", "p"), [([], 99), ([1, 2], 0), ([1, 2], 100.5), ([1, 2], -1)])
def test_percentile_rejects_bad_input(samples: list[float], p: float) -> None:
    with pytest.raises(ValueError):
        percentile(samples, p)


@pytest.mark.parametrize(
    ("total", "weights", "want"),
    [
        (300, {"lb": 1, "app": 1, "db": 1}, {"lb": 100, "app": 100, "db": 100}),
        (100, {"lb": 1, "app": 1, "db": 1}, {"lb": 34, "app": 33, "db": 33}),
        (200, {"lb": 1, "app": 3, "db": 6}, {"lb": 20, "app": 60, "db": 120}),
        (10, {"a": 1, "b": 2}, {"a": 3, "b": 7}),
        (7, {"a": 0.5, "b": 0.5}, {"a": 4, "b": 3}),
        (0, {"a": 1, "b": 9}, {"a": 0, "b": 0}),
        (250, {"only": 42}, {"only": 250}),
    ],
)
def test_split_budget(total: int, weights: dict[str, float], want: dict[str, int]) -> None:
    got = split_budget(total, weights)
    assert got == want, f"split_budget({total}, {weights}) should be {want}, got {got!r}"
    assert sum(got.values()) == total, f"shares must add up to exactly {total}, got {sum(got.values())}"
    assert list(got) == list(weights), f"keys should keep the order of weights {list(weights)}, got {list(got)}"


def test_split_budget_shares_are_whole_milliseconds() -> None:
    got = split_budget(99, {"a": 1, "b": 1, "c": 1, "d": 1})
    assert all(type(v) is int for v in got.values()), f"every share should be an int, got {got!r}"
    assert sorted(got.values(), reverse=True) == [25, 25, 25, 24], f"99 over 4 equal hops is 25+25+25+24, got {got!r}"


@pytest.mark.parametrize(
    ("total", "weights"),
    [(-1, {"a": 1}), (100, {}), (100, {"a": 1, "b": 0}), (100, {"a": -2})],
)
def test_split_budget_rejects_bad_input(total: int, weights: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        split_budget(total, weights)


def samples_with_tail(typical: float, tail: float) -> list[float]:
    """99 typical requests and one slow one: p99 is typical, p100 is the tail."""
    return [typical] * 99 + [tail]


def test_find_breaches_reports_worst_first() -> None:
    budget = {"lb": 5, "app": 50, "cache": 5, "db": 100}
    samples = {
        "lb": samples_with_tail(2, 30),
        "app": [80] * 100,
        "cache": [5] * 100,
        "db": [145] * 100,
    }
    got = find_breaches(budget, samples)
    want = [Breach("db", 100, 145, 45), Breach("app", 50, 80, 30)]
    assert got == want, (
        "db is 45 ms over and app 30 ms over; lb's single slow request is above p99 and "
        f"cache sitting exactly at budget is fine. want {want}, got {got!r}"
    )


def test_find_breaches_ties_sorted_by_name() -> None:
    budget = {"search": 20, "auth": 10}
    samples = {"search": [25] * 10, "auth": [15] * 10}
    got = [b.hop for b in find_breaches(budget, samples)]
    assert got == ["auth", "search"], f"both are 5 ms over, so sort by name: want ['auth', 'search'], got {got!r}"


def test_find_breaches_uses_the_requested_percentile() -> None:
    budget = {"lb": 5}
    samples = {"lb": samples_with_tail(2, 30)}
    assert find_breaches(budget, samples, p=99) == [], "p99 of lb is 2 ms, within its 5 ms budget"
    got = find_breaches(budget, samples, p=100)
    want = [Breach("lb", 5, 30, 25)]
    assert got == want, f"at p100 the 30 ms outlier counts: want {want}, got {got!r}"


def test_no_breaches_when_everything_fits() -> None:
    got = find_breaches({"app": 50, "db": 100}, {"app": [10, 20, 50], "db": [99, 100]})
    assert got == [], f"observed == budget is not a breach; want [], got {got!r}"


@pytest.mark.parametrize(
    ("budget", "samples"),
    [
        ({"app": 50, "db": 100}, {"app": [10]}),
        ({"app": 50}, {"app": [10], "mystery": [1]}),
        ({"app": 50}, {"app": []}),
    ],
)
def test_find_breaches_rejects_unmatched_hops(budget: dict[str, float], samples: dict[str, list[float]]) -> None:
    with pytest.raises(ValueError):
        find_breaches(budget, samples)
