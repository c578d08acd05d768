"""Tests for ex04: round robin, smooth weighted, least connections and health checks."""

from __future__ import annotations

from collections import Counter
from typing import Any, Protocol

import pytest
from practice.load_balancer import LoadBalancer, NoHealthyBackendError


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...
    def set(self, now: float) -> None: ...


def picks(lb: LoadBalancer, count: int, *, release: bool = True) -> list[str]:
    chosen = []
    for _ in range(count):
        name = lb.pick()
        chosen.append(name)
        if release:
            lb.release(name, ok=True)
    return chosen


def test_round_robin_cycles_in_order(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1, "b": 1, "c": 1}, clock=clock)
    got = picks(lb, 7)
    assert got == ["a", "b", "c", "a", "b", "c", "a"], f"round robin should cycle a b c, got {got}"


def test_round_robin_skips_backends_marked_down(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1, "b": 1, "c": 1}, clock=clock)
    assert picks(lb, 1) == ["a"]
    lb.mark_down("b")
    got = picks(lb, 4)
    assert got == ["c", "a", "c", "a"], f"with b down, picks after 'a' should be c a c a, got {got}"
    lb.mark_up("b")
    got = picks(lb, 3)
    assert got == ["b", "c", "a"], f"after mark_up('b') the cycle continues with b, got {got}"
    assert lb.is_healthy("b") is True


@pytest.mark.parametrize(
    ("weights", "want"),
    [
        ({"a": 5, "b": 1, "c": 1}, ["a", "a", "b", "a", "c", "a", "a"]),
        ({"a": 3, "b": 2}, ["a", "b", "a", "b", "a"]),
        ({"a": 1, "b": 1}, ["a", "b", "a", "b", "a"]),
    ],
)
def test_smooth_weighted_sequence(clock: Clock, weights: dict[str, int], want: list[str]) -> None:
    lb = LoadBalancer(weights, strategy="weighted", clock=clock)
    got = picks(lb, len(want))
    assert got == want, f"smooth weighted round robin with {weights} should pick {want}, got {got}"


def test_weighted_shares_match_weights_and_skip_down_backends(clock: Clock) -> None:
    lb = LoadBalancer({"a": 5, "b": 1, "c": 1}, strategy="weighted", clock=clock)
    shares = Counter(picks(lb, 70))
    assert shares == Counter({"a": 50, "b": 10, "c": 10}), f"70 picks should split 50/10/10, got {dict(shares)}"
    lb.mark_down("a")
    shares = Counter(picks(lb, 10))
    assert shares == Counter({"b": 5, "c": 5}), f"with a down, b and c share evenly, got {dict(shares)}"


def test_least_connections_prefers_idle_backends(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1, "b": 1, "c": 1}, strategy="least-connections", clock=clock)
    got = picks(lb, 3, release=False)
    assert got == ["a", "b", "c"], f"with nothing in flight, ties go to the earlier backend: got {got}"
    lb.release("b", ok=True)
    assert lb.pick() == "b", "b has the fewest requests in flight"
    lb.release("a", ok=True)
    lb.release("c", ok=True)
    assert [lb.active(n) for n in "abc"] == [0, 1, 0], "active() counts requests in flight"
    assert picks(lb, 2, release=False) == ["a", "c"], "idle a and c come before busy b"


def test_passive_health_ejects_after_consecutive_failures(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1, "b": 1}, failure_threshold=3, cooldown=30.0, clock=clock)
    for _ in range(2):
        lb.pick()
        lb.release("a", ok=False)
        lb.pick()
        lb.release("b", ok=True)
    assert lb.is_healthy("a"), "two failures are below the threshold of 3"
    lb.pick()
    lb.release("a", ok=False)
    assert not lb.is_healthy("a"), "the third consecutive failure ejects a"
    assert picks(lb, 4) == ["b", "b", "b", "b"], "an ejected backend gets no traffic"
    clock.advance(29.9)
    assert not lb.is_healthy("a"), "still ejected just before the cooldown ends"
    clock.advance(0.1)
    assert lb.is_healthy("a"), "eligible again after 30 s"


def test_probation_after_cooldown(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1}, failure_threshold=3, cooldown=10.0, clock=clock)
    for _ in range(3):
        lb.release(lb.pick(), ok=False)
    clock.advance(10.0)
    lb.release(lb.pick(), ok=False)
    assert not lb.is_healthy("a"), "one failure on probation ejects again"
    clock.advance(10.0)
    lb.release(lb.pick(), ok=True)
    for _ in range(2):
        lb.release(lb.pick(), ok=False)
    assert lb.is_healthy("a"), "a success resets the count, so two failures are not enough"


def test_success_resets_the_failure_count(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1}, failure_threshold=2, clock=clock)
    for ok in [False, True, False, True, False]:
        lb.release(lb.pick(), ok=ok)
    assert lb.is_healthy("a"), "failures must be consecutive to eject"


def test_no_healthy_backend(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1, "b": 1}, strategy="least-connections", clock=clock)
    lb.mark_down("a")
    lb.mark_down("b")
    with pytest.raises(NoHealthyBackendError):
        lb.pick()


@pytest.mark.parametrize(
    ("backends", "kwargs"),
    [
        ({}, {}),
        ({"a": 0}, {}),
        ({"a": 1}, {"strategy": "random"}),
        ({"a": 1}, {"failure_threshold": 0}),
        ({"a": 1}, {"cooldown": 0}),
    ],
)
def test_rejects_bad_settings(clock: Clock, backends: dict[str, int], kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        LoadBalancer(backends, clock=clock, **kwargs)


def test_release_errors(clock: Clock) -> None:
    lb = LoadBalancer({"a": 1}, clock=clock)
    with pytest.raises(ValueError):
        lb.release("a", ok=True)
    with pytest.raises(KeyError):
        lb.release("zzz", ok=True)
    with pytest.raises(KeyError):
        lb.mark_down("zzz")
