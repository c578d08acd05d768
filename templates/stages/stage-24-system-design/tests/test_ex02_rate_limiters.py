"""Tests for ex02: fixed window, sliding log and sliding window counter limiters."""

from __future__ import annotations

from typing import Any, Protocol

import pytest
from practice.rate_limiters import FixedWindowLimiter, SlidingLogLimiter, SlidingWindowCounterLimiter

LIMITERS = [FixedWindowLimiter, SlidingLogLimiter, SlidingWindowCounterLimiter]


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...
    def set(self, now: float) -> None: ...


def burst(limiter: Any, key: str, count: int) -> int:
    """Send ``count`` requests at the current time and return how many were allowed."""
    return sum(limiter.allow(key) for _ in range(count))


@pytest.mark.parametrize("kind", LIMITERS, ids=lambda k: k.__name__)
def test_allows_up_to_the_limit_then_denies(kind: type, clock: Clock) -> None:
    limiter = kind(3, 10.0, clock)
    got = [limiter.allow("ana") for _ in range(5)]
    assert got == [True, True, True, False, False], f"{kind.__name__}(3, 10s): 5 requests at t=0 gave {got}"


@pytest.mark.parametrize("kind", LIMITERS, ids=lambda k: k.__name__)
def test_keys_are_independent(kind: type, clock: Clock) -> None:
    limiter = kind(2, 60.0, clock)
    assert burst(limiter, "ana", 5) == 2, f"{kind.__name__}: ana should get 2 of 5"
    assert burst(limiter, "bo", 5) == 2, f"{kind.__name__}: bo has his own budget and should also get 2 of 5"


@pytest.mark.parametrize("kind", LIMITERS, ids=lambda k: k.__name__)
@pytest.mark.parametrize(("limit", "window"), [(0, 1.0), (-1, 1.0), (1, 0.0), (1, -5.0)])
def test_rejects_bad_settings(kind: type, clock: Clock, limit: int, window: float) -> None:
    with pytest.raises(ValueError):
        kind(limit, window, clock)


def test_fixed_window_resets_at_the_boundary(clock: Clock) -> None:
    limiter = FixedWindowLimiter(3, 10.0, clock)
    assert burst(limiter, "k", 4) == 3, "3 of 4 at t=0"
    clock.set(9.999)
    assert burst(limiter, "k", 1) == 0, "t=9.999 is still window 0"
    clock.set(10.0)
    assert burst(limiter, "k", 4) == 3, "t=10.0 starts window 1 with a fresh budget"


@pytest.mark.parametrize(
    ("kind", "allowed_at_60", "allowed_at_90"),
    [(FixedWindowLimiter, 10, 0), (SlidingLogLimiter, 0, 0), (SlidingWindowCounterLimiter, 0, 5)],
    ids=["fixed", "sliding-log", "sliding-counter"],
)
def test_boundary_burst(kind: type, allowed_at_60: int, allowed_at_90: int, clock: Clock) -> None:
    limiter = kind(10, 60.0, clock)
    clock.set(59.0)
    assert burst(limiter, "k", 10) == 10, "the first 10 requests at t=59 are allowed"
    clock.set(60.0)
    got = burst(limiter, "k", 10)
    assert got == allowed_at_60, f"{kind.__name__}: 10 more at t=60 (1 s later) should allow {allowed_at_60}, got {got}"
    clock.set(90.0)
    got = burst(limiter, "k", 10)
    assert got == allowed_at_90, f"{kind.__name__}: 10 more at t=90 should allow {allowed_at_90}, got {got}"


def test_sliding_log_is_exact(clock: Clock) -> None:
    limiter = SlidingLogLimiter(2, 10.0, clock)
    script = [(0.0, True), (5.0, True), (9.999, False), (10.0, True), (14.9, False), (15.0, True), (15.0, False)]
    for when, want in script:
        clock.set(when)
        got = limiter.allow("k")
        assert got is want, f"SlidingLogLimiter(2, 10s) at t={when} should return {want}, got {got}"


def test_rejected_requests_do_not_count(clock: Clock) -> None:
    limiter = SlidingLogLimiter(1, 10.0, clock)
    assert limiter.allow("k") is True
    for _ in range(9):
        clock.advance(1.0)
        assert limiter.allow("k") is False, f"t={clock.now}: the budget is used up"
    clock.advance(1.0)
    assert limiter.allow("k") is True, "at t=10 the only accepted request (t=0) has left the window"


def test_sliding_log_memory_is_bounded(clock: Clock) -> None:
    limiter = SlidingLogLimiter(5, 1.0, clock)
    for _ in range(1000):
        limiter.allow("k")
        clock.advance(0.01)
    assert limiter.stored("k") <= 5, f"only timestamps inside the window may be kept, stored {limiter.stored('k')}"
    assert limiter.stored("nobody") == 0, "an unknown key stores nothing"


def test_sliding_counter_estimate_weights_the_previous_window(clock: Clock) -> None:
    limiter = SlidingWindowCounterLimiter(100, 60.0, clock)
    clock.set(30.0)
    assert burst(limiter, "k", 40) == 40
    clock.set(75.0)
    got = limiter.estimate("k")
    assert got == pytest.approx(30.0), f"40 in the previous window * (60-15)/60 + 0 should be 30.0, got {got}"
    assert burst(limiter, "k", 80) == 70, "with an estimate of 30 only 70 more fit under 100"
    clock.set(185.0)
    assert limiter.estimate("k") == 0.0, "two windows later nothing counts any more"
    assert burst(limiter, "k", 100) == 100, "a fresh budget after an idle window"
