"""Tests for ex05: a canary analysis deployment gate."""

from __future__ import annotations

import pytest
from practice.canary_gate import (
    CONTINUE,
    PROMOTE,
    ROLLBACK,
    CanaryPolicy,
    Verdict,
    WindowStats,
    analyze_canary,
    next_traffic_percent,
    two_proportion_z,
)

HEALTHY_BASELINE = WindowStats(requests=2000, errors=10, p95_latency_ms=200.0)


@pytest.mark.parametrize(
    ("counts", "want"),
    [
        ((5, 1000, 30, 1000), 4.2632),
        ((10, 1000, 30, 1000), 3.1944),
        ((0, 50, 1, 50), 1.0050),
        ((3, 1000, 3, 1000), 0.0),
        ((30, 1000, 5, 1000), -4.2632),
    ],
    ids=["worse", "somewhat-worse", "tiny-sample", "equal", "better"],
)
def test_two_proportion_z(counts: tuple[int, int, int, int], want: float) -> None:
    got = two_proportion_z(*counts)
    assert got == pytest.approx(want, abs=1e-3), f"two_proportion_z{counts} should be about {want}, got {got!r}"


@pytest.mark.parametrize("counts", [(0, 100, 0, 100), (100, 100, 50, 50)], ids=["no-errors", "all-errors"])
def test_two_proportion_z_is_zero_when_pooled_rate_is_degenerate(counts: tuple[int, int, int, int]) -> None:
    got = two_proportion_z(*counts)
    assert got == 0.0, f"two_proportion_z{counts} should be 0.0 (pooled rate 0 or 1, no division by zero), got {got!r}"


@pytest.mark.parametrize(
    "counts",
    [(0, 0, 1, 10), (1, 10, 0, 0), (-1, 10, 1, 10), (11, 10, 1, 10), (1, 10, 12, 10)],
    ids=["no-baseline-requests", "no-canary-requests", "negative-errors", "too-many-a", "too-many-b"],
)
def test_two_proportion_z_rejects_bad_counts(counts: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError):
        two_proportion_z(*counts)


def test_not_enough_traffic_means_continue() -> None:
    canary = WindowStats(requests=120, errors=30, p95_latency_ms=900.0)
    got = analyze_canary(HEALTHY_BASELINE, canary)
    want = Verdict(CONTINUE, ("not enough traffic: canary 120/500, baseline 2000/500 requests",))
    assert got == want, f"with 120 < 500 canary requests the gate must wait, want {want!r}, got {got!r}"
    got = analyze_canary(WindowStats(499, 0, 1.0), WindowStats(500, 0, 1.0))
    assert got.decision == CONTINUE, f"the baseline also needs min_requests, got {got!r}"


def test_real_error_regression_rolls_back() -> None:
    canary = WindowStats(requests=2000, errors=60, p95_latency_ms=210.0)
    got = analyze_canary(HEALTHY_BASELINE, canary)
    want = Verdict(ROLLBACK, ("error rate 3.00% vs baseline 0.50% (z=6.03)",))
    assert got == want, f"3% vs 0.5% errors on 2000 requests each is a real regression: want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("baseline", "canary", "policy"),
    [
        (WindowStats(100_000, 0, 100.0), WindowStats(1000, 5, 100.0), CanaryPolicy()),
        (WindowStats(50, 0, 100.0), WindowStats(50, 1, 100.0), CanaryPolicy(min_requests=50)),
        (WindowStats(1000, 5, 100.0), WindowStats(1000, 15, 100.0), CanaryPolicy()),
        (WindowStats(1000, 40, 100.0), WindowStats(1000, 10, 100.0), CanaryPolicy()),
    ],
    ids=["significant-but-small", "large-but-noise", "one-point-more-but-noise", "canary-better"],
)
def test_noise_and_small_differences_promote(baseline: WindowStats, canary: WindowStats, policy: CanaryPolicy) -> None:
    got = analyze_canary(baseline, canary, policy)
    want = Verdict(PROMOTE, ("canary is healthy",))
    worse = WindowStats(baseline.requests, baseline.requests // 2, baseline.p95_latency_ms)
    assert analyze_canary(baseline, worse, policy).decision == ROLLBACK, "half the requests failing must roll back"
    assert got == want, (
        f"baseline {baseline}, canary {canary}: a regression needs BOTH increase > "
        f"{policy.max_error_rate_increase} AND z > {policy.z_threshold}; want {want!r}, got {got!r}"
    )


@pytest.mark.parametrize(
    ("canary_p95", "decision"),
    [(199.0, PROMOTE), (240.0, PROMOTE), (240.5, ROLLBACK), (1000.0, ROLLBACK)],
    ids=["faster", "exactly-1.2x", "just-over", "much-slower"],
)
def test_latency_ratio(canary_p95: float, decision: str) -> None:
    canary = WindowStats(requests=2000, errors=10, p95_latency_ms=canary_p95)
    got = analyze_canary(HEALTHY_BASELINE, canary)
    assert got.decision == decision, f"canary p95 {canary_p95} ms vs baseline 200 ms should {decision}, got {got!r}"
    if decision == ROLLBACK:
        want = f"p95 latency {canary_p95:.1f} ms vs baseline 200.0 ms"
        assert got.reasons == (want,), f"reasons should be ({want!r},), got {got.reasons!r}"


def test_both_regressions_are_reported_error_first() -> None:
    canary = WindowStats(requests=2000, errors=60, p95_latency_ms=300.0)
    got = analyze_canary(HEALTHY_BASELINE, canary, CanaryPolicy(max_latency_ratio=1.1))
    want = (
        "error rate 3.00% vs baseline 0.50% (z=6.03)",
        "p95 latency 300.0 ms vs baseline 200.0 ms",
    )
    assert got == Verdict(ROLLBACK, want), f"want rollback with {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "canary",
    [WindowStats(1000, 1001, 1.0), WindowStats(1000, -1, 1.0), WindowStats(-5, 0, 1.0), WindowStats(1000, 0, -1.0)],
    ids=["errors-above-requests", "negative-errors", "negative-requests", "negative-latency"],
)
def test_invalid_stats_raise_value_error(canary: WindowStats) -> None:
    with pytest.raises(ValueError):
        analyze_canary(HEALTHY_BASELINE, canary)


@pytest.mark.parametrize(
    ("current", "decision", "want"),
    [
        (1, PROMOTE, 5),
        (25, PROMOTE, 50),
        (100, PROMOTE, 100),
        (25, CONTINUE, 25),
        (50, ROLLBACK, 0),
    ],
)
def test_next_traffic_percent(current: int, decision: str, want: int) -> None:
    got = next_traffic_percent(current, Verdict(decision, ()))
    assert got == want, f"at {current}% a {decision!r} verdict should move traffic to {want}%, got {got}"


@pytest.mark.parametrize(
    ("current", "decision", "steps"),
    [
        (10, PROMOTE, (1, 5, 25, 50, 100)),
        (5, PROMOTE, ()),
        (5, PROMOTE, (5, 5, 100)),
        (5, PROMOTE, (5, 150)),
        (5, "deploy-anyway", (5, 100)),
    ],
    ids=["not-a-step", "no-steps", "not-increasing", "over-100", "unknown-decision"],
)
def test_next_traffic_percent_rejects_bad_input(current: int, decision: str, steps: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        next_traffic_percent(current, Verdict(decision, ()), steps)
