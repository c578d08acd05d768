"""Tests for ex01: a request's journey as data, its total latency and critical path."""

from __future__ import annotations

import pytest
from practice.request_journey import (
    Hop,
    JourneyError,
    critical_path,
    finish_times,
    slack_ms,
    topological_order,
)


def page_load() -> list[Hop]:
    """A page load where the app reads the cache and the database in parallel."""
    return [
        Hop("dns", "dns", 20),
        Hop("tls", "network", 30, after=("dns",)),
        Hop("cdn", "cdn", 5, after=("tls",)),
        Hop("lb", "load_balancer", 1, after=("cdn",)),
        Hop("app", "app", 10, after=("lb",)),
        Hop("session-cache", "cache", 2, after=("app",)),
        Hop("orders-db", "database", 40, after=("app",)),
        Hop("render", "app", 8, after=("session-cache", "orders-db")),
    ]


@pytest.mark.parametrize(
    ("latencies", "want_total"),
    [
        ([5], 5),
        ([20, 30, 5], 55),
        ([1, 1, 1, 1], 4),
        ([0, 12.5, 0], 12.5),
    ],
)
def test_a_chain_of_hops_adds_up(latencies: list[float], want_total: float) -> None:
    names = [f"hop{i}" for i in range(len(latencies))]
    hops = [
        Hop(name, "app", ms, after=(names[i - 1],) if i else ())
        for i, (name, ms) in enumerate(zip(names, latencies, strict=True))
    ]
    total, path = critical_path(hops)
    assert total == pytest.approx(want_total), (
        f"a chain {latencies} runs one hop after another: total should be {want_total}, got {total!r}"
    )
    assert path == names, f"every hop of a chain is on the critical path {names}, got {path!r}"


def test_parallel_hops_count_once_not_twice() -> None:
    total, path = critical_path(page_load())
    assert total == pytest.approx(114), (
        "cache (2 ms) and database (40 ms) run in parallel, so only the slower one counts: "
        f"20+30+5+1+10+40+8 = 114, got {total!r}"
    )
    assert path == ["dns", "tls", "cdn", "lb", "app", "orders-db", "render"], (
        f"the critical path goes through the database, not the cache, got {path!r}"
    )


def test_finish_times_of_the_page_load() -> None:
    got = finish_times(page_load())
    want = {
        "dns": 20,
        "tls": 50,
        "cdn": 55,
        "lb": 56,
        "app": 66,
        "session-cache": 68,
        "orders-db": 106,
        "render": 114,
    }
    assert got == pytest.approx(want), f"finish_times(page_load()) should be {want}, got {got!r}"
    assert list(got) == list(want), f"keys should follow topological order {list(want)}, got {list(got)}"


def test_slack_shows_which_hop_has_room() -> None:
    got = slack_ms(page_load())
    assert got["session-cache"] == pytest.approx(38), (
        f"the cache finishes at 68 but render only needs it by 106: slack 38, got {got.get('session-cache')!r}"
    )
    on_path = ["dns", "tls", "cdn", "lb", "app", "orders-db", "render"]
    for name in on_path:
        assert got[name] == pytest.approx(0), f"{name!r} is on the critical path, slack should be 0, got {got[name]!r}"


def test_slack_with_two_end_hops() -> None:
    hops = [
        Hop("api", "app", 10),
        Hop("audit-log", "queue", 3, after=("api",)),
        Hop("db", "database", 25, after=("api",)),
    ]
    got = slack_ms(hops)
    assert got == pytest.approx({"api": 0, "audit-log": 22, "db": 0}), (
        f"audit-log ends at 13 while the request ends at 35, so its slack is 22; got {got!r}"
    )


def test_hops_listed_out_of_order_are_sorted_by_dependencies() -> None:
    hops = [
        Hop("render", "app", 8, after=("db",)),
        Hop("db", "database", 40, after=("app",)),
        Hop("app", "app", 10),
    ]
    order = topological_order(hops)
    assert order == ["app", "db", "render"], f"dependencies must come first, got {order!r}"
    total, path = critical_path(hops)
    assert (total, path) == (pytest.approx(58), ["app", "db", "render"]), (
        f"input order must not matter: want (58, ['app', 'db', 'render']), got {(total, path)!r}"
    )


def test_independent_hops_keep_their_input_order() -> None:
    hops = [Hop("b", "cdn", 1), Hop("a", "dns", 1), Hop("c", "app", 1, after=("a", "b"))]
    order = topological_order(hops)
    assert order == ["b", "a", "c"], f"ready hops go in input order, want ['b', 'a', 'c'], got {order!r}"


def test_ties_pick_the_first_listed_dependency() -> None:
    hops = [
        Hop("app", "app", 5),
        Hop("users-db", "database", 20, after=("app",)),
        Hop("orders-db", "database", 20, after=("app",)),
        Hop("render", "app", 1, after=("orders-db", "users-db")),
    ]
    total, path = critical_path(hops)
    assert path == ["app", "orders-db", "render"], (
        f"both databases take 20 ms; the tie goes to the one listed first in after, got {path!r}"
    )
    assert total == pytest.approx(26), f"total should be 5+20+1 = 26, got {total!r}"


def test_empty_journey() -> None:
    assert critical_path([]) == (0.0, []), f"an empty journey takes 0 ms, got {critical_path([])!r}"
    assert finish_times([]) == {}, f"finish_times([]) should be {{}}, got {finish_times([])!r}"
    assert slack_ms([]) == {}, f"slack_ms([]) should be {{}}, got {slack_ms([])!r}"


@pytest.mark.parametrize(
    "hops",
    [
        pytest.param([Hop("app", "app", 1), Hop("app", "app", 2)], id="duplicate-name"),
        pytest.param([Hop("app", "app", 1, after=("lb",))], id="unknown-dependency"),
        pytest.param([Hop("app", "app", -1)], id="negative-latency"),
        pytest.param([Hop("a", "app", 1, after=("b",)), Hop("b", "app", 1, after=("a",))], id="cycle"),
        pytest.param([Hop("a", "app", 1, after=("a",))], id="waits-for-itself"),
    ],
)
def test_inconsistent_journeys_raise_journey_error(hops: list[Hop]) -> None:
    with pytest.raises(JourneyError) as info:
        critical_path(hops)
    assert isinstance(info.value, ValueError), "JourneyError should be a subclass of ValueError"
    with pytest.raises(JourneyError):
        topological_order(hops)


def test_a_stub_summing_every_hop_is_wrong() -> None:
    total, _ = critical_path(page_load())
    work = sum(hop.latency_ms for hop in page_load())
    assert total != work, f"summing all hops ({work}) ignores parallelism; the end-to-end latency is the longest path"
