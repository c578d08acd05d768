"""Tests for ex05: a circuit breaker with an injected clock."""

from __future__ import annotations

from typing import Any, Protocol

import pytest
from practice.circuit_breaker import CircuitBreaker, CircuitOpenError


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...
    def set(self, now: float) -> None: ...


class Dependency:
    """A fake downstream service that counts calls and can be broken or fixed."""

    def __init__(self) -> None:
        self.calls = 0
        self.broken = False

    def __call__(self, value: int = 1) -> int:
        self.calls += 1
        if self.broken:
            raise ConnectionError("downstream unavailable")
        return value * 2


def fail(breaker: CircuitBreaker, dep: Dependency, times: int) -> None:
    for _ in range(times):
        with pytest.raises(ConnectionError):
            breaker.call(dep)


def test_closed_breaker_passes_calls_and_results(clock: Clock) -> None:
    breaker = CircuitBreaker(clock=clock)
    dep = Dependency()
    assert breaker.call(dep, 21) == 42, "call() should return the function's result"
    assert breaker.call(dep, value=5) == 10, "keyword arguments must be passed through"
    assert breaker.state == "closed", f"a healthy breaker stays closed, got {breaker.state!r}"


def test_opens_after_threshold_and_fails_fast(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout=10.0, clock=clock)
    dep = Dependency()
    dep.broken = True
    fail(breaker, dep, 2)
    assert breaker.state == "closed", "two failures are below the threshold of 3"
    fail(breaker, dep, 1)
    assert breaker.state == "open", "the third consecutive failure opens the breaker"
    clock.advance(4.0)
    with pytest.raises(CircuitOpenError) as info:
        breaker.call(dep)
    assert dep.calls == 3, f"an open breaker must not call the dependency, calls={dep.calls}"
    assert info.value.retry_after == pytest.approx(6.0), f"retry_after should be 6.0, got {info.value.retry_after}"
    assert breaker.rejected == 1, f"rejected should count fast failures, got {breaker.rejected}"


def test_success_resets_the_failure_count(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=2, clock=clock)
    dep = Dependency()
    for broken in [True, False, True, False, True]:
        dep.broken = broken
        if broken:
            fail(breaker, dep, 1)
        else:
            breaker.call(dep)
    assert breaker.state == "closed", "failures must be consecutive to open the breaker"


def test_half_open_after_timeout_then_closes_on_success(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=10.0, clock=clock)
    dep = Dependency()
    dep.broken = True
    fail(breaker, dep, 1)
    clock.advance(9.999)
    assert breaker.state == "open", "still open just before the timeout"
    clock.advance(0.001)
    assert breaker.state == "half-open", "after reset_timeout the breaker allows a trial"
    dep.broken = False
    assert breaker.call(dep, 1) == 2, "the trial call goes through"
    assert breaker.state == "closed", "a successful trial closes the breaker"


def test_failed_trial_reopens_with_a_fresh_timeout(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout=10.0, clock=clock)
    dep = Dependency()
    dep.broken = True
    fail(breaker, dep, 3)
    clock.advance(10.0)
    fail(breaker, dep, 1)
    assert breaker.state == "open", "one failed trial reopens the breaker, whatever the threshold"
    clock.advance(9.0)
    with pytest.raises(CircuitOpenError):
        breaker.call(dep)
    clock.advance(1.0)
    assert breaker.state == "half-open", "the new timeout counts from the failed trial"


def test_success_threshold_needs_consecutive_trial_successes(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=5.0, success_threshold=3, clock=clock)
    dep = Dependency()
    dep.broken = True
    fail(breaker, dep, 1)
    clock.advance(5.0)
    dep.broken = False
    breaker.call(dep)
    breaker.call(dep)
    assert breaker.state == "half-open", "two of three required successes keep it half-open"
    breaker.call(dep)
    assert breaker.state == "closed", "the third success closes it"


def test_unexpected_exceptions_pass_through_without_counting(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=1, expected=(ConnectionError, TimeoutError), clock=clock)

    def buggy() -> None:
        raise KeyError("caller bug")

    for _ in range(3):
        with pytest.raises(KeyError):
            breaker.call(buggy)
    assert breaker.state == "closed", "a KeyError is not a dependency failure and must not open the breaker"


def test_listener_sees_every_transition(clock: Clock) -> None:
    changes: list[tuple[str, str]] = []
    breaker = CircuitBreaker(
        failure_threshold=1, reset_timeout=1.0, clock=clock, listener=lambda a, b: changes.append((a, b))
    )
    dep = Dependency()
    dep.broken = True
    fail(breaker, dep, 1)
    clock.advance(1.0)
    fail(breaker, dep, 1)
    clock.advance(1.0)
    dep.broken = False
    breaker.call(dep)
    want = [
        ("closed", "open"),
        ("open", "half-open"),
        ("half-open", "open"),
        ("open", "half-open"),
        ("half-open", "closed"),
    ]
    assert changes == want, f"listener calls:\nwant {want}\ngot  {changes}"


def test_protect_decorator(clock: Clock) -> None:
    breaker = CircuitBreaker(failure_threshold=1, clock=clock)
    dep = Dependency()

    @breaker.protect
    def fetch(value: int) -> int:
        """Fetch a value."""
        return dep(value)

    assert fetch(4) == 8, "the wrapper returns the result"
    assert fetch.__name__ == "fetch" and fetch.__doc__ == "Fetch a value.", "use functools.wraps"
    dep.broken = True
    with pytest.raises(ConnectionError):
        fetch(1)
    with pytest.raises(CircuitOpenError):
        fetch(1)


@pytest.mark.parametrize(
    "kwargs",
    [{"failure_threshold": 0}, {"success_threshold": 0}, {"reset_timeout": 0}, {"reset_timeout": -1.0}],
)
def test_rejects_bad_settings(clock: Clock, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(clock=clock, **kwargs)
