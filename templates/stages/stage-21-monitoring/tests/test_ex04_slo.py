"""Tests for ex04: error budgets and multi-window, multi-burn-rate alerts."""

from __future__ import annotations

import math

import pytest
from practice.slo import (
    DAY,
    HOUR,
    WORKBOOK_RULES,
    Alert,
    Sample,
    budget_remaining,
    burn_rate,
    burn_rate_threshold,
    error_budget,
    error_ratio,
    evaluate_burn_rate_alerts,
    hours_until_exhausted,
)

NOW = 10 * DAY
SLO = 0.999


def per_minute(minutes: int, bad: int, *, end: float = NOW, total: int = 10_000) -> list[Sample]:
    """One sample per minute for ``minutes`` minutes ending at ``end`` (newest first)."""
    return [Sample(end - k * 60, total, bad) for k in range(minutes)]


def history(*recent: tuple[int, int]) -> list[Sample]:
    """Three days of traffic: ``recent`` (minutes, bad per 10,000) newest first, then 0.05% errors."""
    samples: list[Sample] = []
    offset = 0
    for minutes, bad in recent:
        samples += per_minute(minutes, bad, end=NOW - offset * 60)
        offset += minutes
    samples += per_minute(3 * 24 * 60 - offset, 5, end=NOW - offset * 60)
    return samples


@pytest.mark.parametrize(("slo", "want"), [(0.999, 0.001), (0.99, 0.01), (0.5, 0.5)])
def test_error_budget(slo: float, want: float) -> None:
    got = error_budget(slo)
    assert got == pytest.approx(want), f"error_budget({slo}) should be about {want}, got {got!r}"


@pytest.mark.parametrize("slo", [0, 1, 1.0, 99.9, -0.5])
def test_error_budget_rejects_impossible_slos(slo: float) -> None:
    with pytest.raises(ValueError):
        error_budget(slo)


@pytest.mark.parametrize(
    ("ratio", "slo", "want"),
    [(0.001, 0.999, 1.0), (0.0144, 0.999, 14.4), (0.0, 0.999, 0.0), (0.05, 0.99, 5.0), (1.0, 0.9, 10.0)],
)
def test_burn_rate(ratio: float, slo: float, want: float) -> None:
    got = burn_rate(ratio, slo)
    assert got == pytest.approx(want), f"burn_rate({ratio}, {slo}) should be about {want}, got {got!r}"


@pytest.mark.parametrize(("ratio", "slo"), [(1.5, 0.999), (-0.1, 0.999), (0.01, 1.0)])
def test_burn_rate_rejects_bad_input(ratio: float, slo: float) -> None:
    with pytest.raises(ValueError):
        burn_rate(ratio, slo)


@pytest.mark.parametrize(
    ("fraction", "window", "want"),
    [(0.02, HOUR, 14.4), (0.05, 6 * HOUR, 6.0), (0.10, 3 * DAY, 1.0), (1.0, 30 * DAY, 1.0)],
)
def test_burn_rate_threshold_matches_the_workbook(fraction: float, window: float, want: float) -> None:
    got = burn_rate_threshold(fraction, window)
    assert got == pytest.approx(want), (
        f"spending {fraction:.0%} of a 30-day budget in {window / HOUR:g} h is burn rate {want}, got {got!r}"
    )
    rates = sorted(rule.burn_rate for rule in WORKBOOK_RULES)
    assert rates == [1.0, 6.0, 14.4], f"WORKBOOK_RULES should use burn rates 14.4, 6 and 1, got {rates}"


@pytest.mark.parametrize(("fraction", "window"), [(0, HOUR), (1.5, HOUR), (0.02, 0), (0.02, 31 * DAY)])
def test_burn_rate_threshold_rejects_bad_input(fraction: float, window: float) -> None:
    with pytest.raises(ValueError):
        burn_rate_threshold(fraction, window)


@pytest.mark.parametrize(
    ("total", "bad", "want"),
    [(1_000_000, 0, 1.0), (1_000_000, 500, 0.5), (1_000_000, 1000, 0.0), (1_000_000, 2000, -1.0), (0, 0, 1.0)],
    ids=["untouched", "half", "spent", "overspent", "no-traffic"],
)
def test_budget_remaining(total: int, bad: int, want: float) -> None:
    got = budget_remaining(SLO, total, bad)
    assert got == pytest.approx(want), f"budget_remaining(0.999, {total}, {bad}) should be about {want}, got {got!r}"


@pytest.mark.parametrize(("total", "bad"), [(-1, 0), (10, -1), (10, 11)])
def test_budget_remaining_rejects_bad_counts(total: int, bad: int) -> None:
    with pytest.raises(ValueError):
        budget_remaining(SLO, total, bad)


@pytest.mark.parametrize(
    ("remaining", "rate", "want"),
    [(1.0, 1.0, 720.0), (0.5, 14.4, 25.0), (1.0, 6.0, 120.0), (0.0, 5.0, 0.0), (-0.2, 5.0, 0.0), (0.5, 0.0, math.inf)],
)
def test_hours_until_exhausted(remaining: float, rate: float, want: float) -> None:
    got = hours_until_exhausted(remaining, rate)
    assert got == pytest.approx(want), f"hours_until_exhausted({remaining}, {rate}) should be {want}, got {got!r}"


def test_error_ratio_uses_a_half_open_window() -> None:
    samples = [Sample(300, 100, 100), Sample(301, 100, 10), Sample(600, 100, 0), Sample(601, 100, 100)]
    got = error_ratio(samples, now=600, window=300)
    assert got == pytest.approx(0.05), (
        f"the window (300, 600] holds t=301 and t=600 only: 10 bad of 200 = 0.05, got {got!r}"
    )
    assert error_ratio([], now=600, window=300) == 0.0, "no traffic means an error ratio of 0.0"
    assert error_ratio([Sample(600, 0, 0)], now=600, window=300) == 0.0, "zero requests means 0.0, not a crash"


def test_steady_low_errors_do_not_alert() -> None:
    got = evaluate_burn_rate_alerts(history(), NOW, SLO)
    assert got == [], f"0.05% errors is burn rate 0.5, well inside a 99.9% SLO: no alert, got {got!r}"
    assert evaluate_burn_rate_alerts([], NOW, SLO) == [], "no traffic at all raises no alert"
    outage = per_minute(10, 10_000)
    got = [a.rule for a in evaluate_burn_rate_alerts(outage, NOW, SLO)]
    assert got == ["page-1h", "page-6h", "ticket-3d"], f"10 minutes of 100% errors should fire every rule, got {got!r}"


def test_fast_burn_pages_within_the_hour() -> None:
    got = evaluate_burn_rate_alerts(history((60, 200)), NOW, SLO)
    assert [a.rule for a in got] == ["page-1h"], f"an hour of 2% errors (burn 20) should fire page-1h only, got {got!r}"
    alert = got[0]
    assert isinstance(alert, Alert) and alert.severity == "page", f"page-1h has severity 'page', got {alert!r}"
    assert alert.long_burn_rate == pytest.approx(20.0) and alert.short_burn_rate == pytest.approx(20.0), (
        f"both windows see 2% errors, burn rate 20; got {alert!r}"
    )


def test_alert_resets_once_the_problem_stops() -> None:
    samples = history((10, 5), (60, 200))
    got = evaluate_burn_rate_alerts(samples, NOW, SLO)
    assert got == [], (
        "the spike ended 10 minutes ago: the 1h window is still above 14.4 but the 5m window is back to 0.5, "
        f"so nothing should fire; got {got!r}"
    )
    earlier = [a.rule for a in evaluate_burn_rate_alerts(samples, NOW - 600, SLO)]
    assert earlier == ["page-1h"], f"10 minutes earlier, at the end of the spike, page-1h was firing; got {earlier!r}"


def test_slow_burn_pages_and_opens_a_ticket() -> None:
    got = evaluate_burn_rate_alerts(history((8 * 60, 100)), NOW, SLO)
    assert [a.rule for a in got] == ["page-6h", "ticket-3d"], (
        f"8 hours of 1% errors (burn 10) should fire page-6h and ticket-3d, in rule order; got {got!r}"
    )
    assert got[1].long_burn_rate == pytest.approx(1.5555, abs=1e-3), f"3-day burn rate should be ~1.556: {got[1]!r}"
