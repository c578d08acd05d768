"""Tests for ex04: retry policies with capped exponential backoff."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from practice.retry import RetryExhausted, RetryPolicy, call_with_retry


class HttpError(Exception):
    """A stand-in for an HTTP client error carrying a status code."""

    def __init__(self, status: int, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        if retry_after is not None:
            self.retry_after = retry_after


class Script:
    """A fake remote call: raises the scripted errors in order, then returns."""

    def __init__(self, *outcomes: Any) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


class Sleeps:
    """Records requested sleeps instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def test_success_on_first_try_does_not_sleep() -> None:
    fn, sleep = Script("ok"), Sleeps()
    got = call_with_retry(fn, RetryPolicy(), sleep=sleep)
    assert got == "ok", f"should return fn()'s result, got {got!r}"
    assert (fn.calls, sleep.waits) == (1, []), f"one call, no sleep expected; got {fn.calls} calls, {sleep.waits}"


def test_transient_failures_are_retried_with_exponential_backoff() -> None:
    fn, sleep = Script(ConnectionError("reset"), TimeoutError("slow"), {"id": 7}), Sleeps()
    policy = RetryPolicy(max_attempts=4, base_delay=0.5, multiplier=3)
    got = call_with_retry(fn, policy, sleep=sleep)
    assert got == {"id": 7}, f"the third attempt succeeds and its result is returned, got {got!r}"
    assert fn.calls == 3, f"fn should be called 3 times, got {fn.calls}"
    assert sleep.waits == [0.5, 1.5], f"waits should be base*multiplier**(n-1): [0.5, 1.5], got {sleep.waits}"


@pytest.mark.parametrize(
    ("attempt", "want"),
    [(1, 0.1), (2, 0.2), (3, 0.4), (6, 3.2), (7, 5.0), (50, 5.0)],
)
def test_delay_for_is_capped(attempt: int, want: float) -> None:
    got = RetryPolicy().delay_for(attempt)
    assert got == pytest.approx(want), f"delay_for({attempt}) with defaults should be {want}, got {got}"


def test_delay_for_rejects_attempt_zero() -> None:
    with pytest.raises(ValueError):
        RetryPolicy().delay_for(0)


def test_non_retryable_error_is_raised_immediately_and_unchanged() -> None:
    boom = KeyError("missing column")
    fn, sleep = Script(boom, "never reached"), Sleeps()
    with pytest.raises(KeyError) as info:
        call_with_retry(fn, RetryPolicy(max_attempts=5), sleep=sleep)
    assert info.value is boom, "the very same exception object must propagate"
    assert (fn.calls, sleep.waits) == (1, []), f"no retry, no sleep for a bug; got {fn.calls} calls, {sleep.waits}"


def test_is_retryable_predicate_narrows_retry_on() -> None:
    policy = RetryPolicy(retry_on=(HttpError,), is_retryable=lambda e: getattr(e, "status", 0) in (502, 503, 504))
    fn, sleep = Script(HttpError(503), HttpError(502), "ok"), Sleeps()
    assert call_with_retry(fn, policy, sleep=sleep) == "ok", "503 and 502 are transient and must be retried"
    bad_request = HttpError(400)
    fn = Script(bad_request, "never reached")
    with pytest.raises(HttpError) as info:
        call_with_retry(fn, policy, sleep=sleep)
    assert info.value is bad_request and fn.calls == 1, "a 400 will never succeed: raise it at once"
    assert policy.should_retry(HttpError(504)) is True, "should_retry(HTTP 504) should be True"
    assert policy.should_retry(ConnectionError()) is False, "not in retry_on -> not retryable"


def test_giving_up_raises_retry_exhausted_with_context() -> None:
    errors = [ConnectionError("refused #1"), ConnectionError("refused #2"), ConnectionError("refused #3")]
    fn, sleep = Script(*errors), Sleeps()
    with pytest.raises(RetryExhausted) as info:
        call_with_retry(fn, RetryPolicy(max_attempts=3, base_delay=1, max_delay=10), sleep=sleep)
    exc = info.value
    assert exc.attempts == 3, f"attempts should be 3, got {exc.attempts}"
    assert exc.last_error is errors[-1], "last_error must be the final attempt's exception"
    assert exc.__cause__ is errors[-1], "raise RetryExhausted(...) from the last error so tracebacks show it"
    assert str(exc) == "gave up after 3 attempts: ConnectionError: refused #3", f"message wrong: {str(exc)!r}"
    assert fn.calls == 3, f"exactly max_attempts calls, got {fn.calls}"
    assert sleep.waits == [1, 2], f"no sleep after the last attempt; waits should be [1, 2], got {sleep.waits}"


def test_single_attempt_policy_never_sleeps() -> None:
    fn, sleep = Script(TimeoutError("slow")), Sleeps()
    with pytest.raises(RetryExhausted):
        call_with_retry(fn, RetryPolicy(max_attempts=1), sleep=sleep)
    assert sleep.waits == [], f"max_attempts=1 means no retry and no sleep, got {sleep.waits}"


@pytest.mark.parametrize(
    ("retry_after", "want"),
    [(2, 2.0), (0.25, 0.25), (600, 5.0), (-3, 0.0)],
    ids=["server-says-2s", "fractional", "capped-at-max-delay", "negative-means-now"],
)
def test_retry_after_from_the_server_wins(retry_after: float, want: float) -> None:
    policy = RetryPolicy(retry_on=(HttpError,), base_delay=0.1, max_delay=5.0)
    fn, sleep = Script(HttpError(429, retry_after=retry_after), "ok"), Sleeps()
    call_with_retry(fn, policy, sleep=sleep)
    assert sleep.waits == [pytest.approx(want)], (
        f"Retry-After {retry_after} should give a wait of {want}, got {sleep.waits}"
    )


def test_jitter_scales_the_wait_with_injected_random() -> None:
    fn, sleep = Script(ConnectionError(), ConnectionError(), "ok"), Sleeps()
    rolls = iter([0.5, 0.25])
    policy = RetryPolicy(base_delay=1.0, multiplier=2.0, jitter=True)
    call_with_retry(fn, policy, sleep=sleep, rand=lambda: next(rolls))
    assert sleep.waits == [pytest.approx(0.5), pytest.approx(0.5)], (
        f"full jitter: waits 1.0*0.5 and 2.0*0.25 expected, got {sleep.waits}"
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: RetryPolicy(max_attempts=0),
        lambda: RetryPolicy(base_delay=-0.1),
        lambda: RetryPolicy(multiplier=0.5),
        lambda: RetryPolicy(base_delay=2.0, max_delay=1.0),
    ],
    ids=["no-attempts", "negative-delay", "shrinking-multiplier", "max-below-base"],
)
def test_invalid_policies_raise_value_error(make: Callable[[], RetryPolicy]) -> None:
    with pytest.raises(ValueError):
        make()


def test_each_retry_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="practice.retry")
    fn = Script(ConnectionError("reset"), ConnectionError("reset"), ConnectionError("reset"))
    with pytest.raises(RetryExhausted):
        call_with_retry(fn, RetryPolicy(max_attempts=3), sleep=Sleeps())
    records = [r for r in caplog.records if r.name == "practice.retry"]
    levels = [r.levelname for r in records]
    assert levels == ["WARNING", "WARNING", "ERROR"], f"two retry warnings then one give-up error, got {levels}"
    assert [getattr(r, "attempt", None) for r in records] == [1, 2, 3], "each record needs extra attempt=N"
    assert getattr(records[0], "delay", None) == pytest.approx(0.1), "retry warnings need extra delay"
