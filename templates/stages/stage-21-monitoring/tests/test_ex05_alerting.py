"""Tests for ex05: alert rules with for: durations and pending/firing/resolved states."""

from __future__ import annotations

import math
from typing import Protocol

import pytest
from practice.alerting import AlertEvaluator, AlertEvent, AlertRule, replay


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...


HIGH_ERRORS = AlertRule("HighErrorRate", "error_rate", ">", 0.05, for_seconds=120)


def states(events: list[AlertEvent]) -> list[tuple[str, str, float]]:
    return [(e.rule, e.state, e.at) for e in events]


@pytest.mark.parametrize(
    ("op", "value", "want"),
    [
        (">", 0.06, True),
        (">", 0.05, False),
        (">=", 0.05, True),
        ("<", 0.04, True),
        ("<=", 0.06, False),
        ("==", 0.05, True),
        ("!=", 0.05, False),
    ],
)
def test_matches_operators(op: str, value: float, want: bool) -> None:
    rule = AlertRule("r", "m", op, 0.05)
    got = rule.matches({"m": value})
    assert got is want, f"{value} {op} 0.05 should be {want}, got {got!r}"


@pytest.mark.parametrize("values", [{}, {"other": 1.0}, {"m": math.nan}], ids=["empty", "other-metric", "nan"])
def test_missing_or_nan_never_matches(values: dict[str, float]) -> None:
    for op in (">", "<", "!="):
        rule = AlertRule("r", "m", op, 0.05)
        assert rule.matches(values) is False, f"{values!r} with {op} should be False (no data is not an alert)"
    assert AlertRule("r", "m", "<", 0.05).matches({"m": 0.0}) is True, "0.0 < 0.05 should match"


def test_pending_then_firing_then_resolved() -> None:
    series = [
        (0.0, {"error_rate": 0.01}),
        (60.0, {"error_rate": 0.09}),
        (120.0, {"error_rate": 0.10}),
        (180.0, {"error_rate": 0.20}),
        (240.0, {"error_rate": 0.30}),
        (300.0, {"error_rate": 0.01}),
    ]
    got = replay([HIGH_ERRORS], series)
    want = [
        ("HighErrorRate", "pending", 60.0),
        ("HighErrorRate", "firing", 180.0),
        ("HighErrorRate", "resolved", 300.0),
    ]
    assert states(got) == want, (
        "true from t=60 with for=120 s: pending at 60, firing at 180 (not before), resolved at 300; "
        f"got {states(got)!r}"
    )
    assert [e.value for e in got] == [0.09, 0.20, 0.01], f"events carry the value seen, got {[e.value for e in got]!r}"


def test_for_zero_fires_immediately_without_pending() -> None:
    rule = AlertRule("Down", "up", "==", 0)
    got = replay([rule], [(0.0, {"up": 1}), (15.0, {"up": 0}), (30.0, {"up": 0}), (45.0, {"up": 1})])
    want = [("Down", "firing", 15.0), ("Down", "resolved", 45.0)]
    assert states(got) == want, f"for=0 goes straight to firing: want {want!r}, got {states(got)!r}"


def test_short_blip_never_fires_and_restarts_the_wait() -> None:
    series = [
        (0.0, {"error_rate": 0.5}),
        (60.0, {"error_rate": 0.5}),
        (90.0, {"error_rate": 0.0}),
        (100.0, {"error_rate": 0.5}),
        (200.0, {"error_rate": 0.5}),
        (220.0, {"error_rate": 0.5}),
    ]
    got = replay([HIGH_ERRORS], series)
    want = [
        ("HighErrorRate", "pending", 0.0),
        ("HighErrorRate", "pending", 100.0),
        ("HighErrorRate", "firing", 220.0),
    ]
    assert states(got) == want, (
        "the dip at t=90 cancels the pending alert silently; the wait restarts at t=100 and fires at 220 "
        f"(not at 120 or 200); got {states(got)!r}"
    )


def test_keep_firing_for_absorbs_flapping() -> None:
    rule = AlertRule("Latency", "p99", ">", 1.0, keep_firing_for=120)
    series = [
        (0.0, {"p99": 2.0}),
        (60.0, {"p99": 0.5}),
        (120.0, {"p99": 2.0}),
        (180.0, {"p99": 0.5}),
        (239.0, {"p99": 0.5}),
        (240.0, {"p99": 0.5}),
        (300.0, {"p99": 2.0}),
    ]
    got = replay([rule], series)
    want = [("Latency", "firing", 0.0), ("Latency", "resolved", 240.0), ("Latency", "firing", 300.0)]
    assert states(got) == want, (
        f"keep_firing_for=120 keeps the alert firing until 120 s after the last true value (t=120): "
        f"want {want!r}, got {states(got)!r}"
    )


def test_missing_metric_resolves_a_firing_alert(clock: Clock) -> None:
    evaluator = AlertEvaluator([AlertRule("QueueBacklog", "queue_depth", ">=", 100)], clock=clock)
    assert states(evaluator.evaluate({"queue_depth": 150})) == [("QueueBacklog", "firing", 1000.0)]
    assert evaluator.state("QueueBacklog") == "firing", "state() should report 'firing'"
    clock.advance(30)
    got = evaluator.evaluate({})
    assert [(e.state, e.value) for e in got] == [("resolved", None)], f"missing data resolves with value None: {got!r}"
    assert evaluator.state("QueueBacklog") == "inactive", "after resolving the rule is inactive again"


def test_events_come_in_rule_order_and_state_tracks_each_rule(clock: Clock) -> None:
    rules = [
        AlertRule("B-Slow", "latency", ">", 1.0, for_seconds=60),
        AlertRule("A-Errors", "errors", ">", 0.0),
    ]
    evaluator = AlertEvaluator(rules, clock=clock)
    got = states(evaluator.evaluate({"latency": 3.0, "errors": 1.0}))
    assert got == [("B-Slow", "pending", 1000.0), ("A-Errors", "firing", 1000.0)], (
        f"events follow the rules' order, not alphabetical order: {got!r}"
    )
    assert [evaluator.state("B-Slow"), evaluator.state("A-Errors")] == ["pending", "firing"]
    clock.advance(30)
    assert evaluator.evaluate({"latency": 3.0, "errors": 1.0}) == [], "nothing changes at t+30, so no events"
    clock.advance(30)
    got = states(evaluator.evaluate({"latency": 3.0, "errors": 1.0}))
    assert got == [("B-Slow", "firing", 1060.0)], f"at t+60 B-Slow fires (for=60 s is reached), got {got!r}"
    with pytest.raises(KeyError):
        evaluator.state("Nope")


def test_clock_going_backwards_is_refused(clock: Clock) -> None:
    evaluator = AlertEvaluator([HIGH_ERRORS], clock=clock)
    evaluator.evaluate({"error_rate": 0.5})
    clock.advance(-1)
    with pytest.raises(ValueError):
        evaluator.evaluate({"error_rate": 0.5})


@pytest.mark.parametrize(
    "rules",
    [
        [AlertRule("a", "m", ">", 1), AlertRule("a", "n", "<", 1)],
        [AlertRule("a", "m", "=>", 1)],
        [AlertRule("a", "m", ">", 1, for_seconds=-1)],
        [AlertRule("a", "m", ">", 1, keep_firing_for=-5)],
    ],
    ids=["duplicate-name", "bad-operator", "negative-for", "negative-keep"],
)
def test_invalid_rules_raise_value_error(clock: Clock, rules: list[AlertRule]) -> None:
    with pytest.raises(ValueError):
        AlertEvaluator(rules, clock=clock)
