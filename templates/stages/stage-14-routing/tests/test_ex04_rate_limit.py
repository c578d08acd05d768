"""ex04: a token bucket with an injected clock, and a middleware that answers 429."""

from __future__ import annotations

import pytest
from practice.rate_limit import TokenBucket, rate_limit
from practice.router import Handler, Request, Response


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_bucket_starts_full_and_allows_a_burst() -> None:
    bucket = TokenBucket(capacity=3, refill_rate=1.0, clock=FakeClock())
    got = [bucket.try_acquire() for _ in range(5)]
    assert got == [True, True, True, False, False], f"a full bucket of 3 allows a burst of 3 then refuses, got {got}"
    assert bucket.tokens == 0, f"after the burst no tokens are left, got {bucket.tokens}"


def test_bucket_refills_with_time_up_to_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(capacity=4, refill_rate=2.0, clock=clock)
    for _ in range(4):
        bucket.try_acquire()
    clock.advance(0.25)
    assert bucket.tokens == 0.5, f"0.25 s at 2 tokens/s adds 0.5 tokens, got {bucket.tokens}"
    assert not bucket.try_acquire(), "half a token is not enough for a request"
    clock.advance(0.25)
    assert bucket.try_acquire(), "after 0.5 s a whole token is there"
    clock.advance(3600)
    assert bucket.tokens == 4, f"a long idle period refills only up to capacity, got {bucket.tokens}"


def test_costs_and_waits() -> None:
    clock = FakeClock()
    bucket = TokenBucket(capacity=10, refill_rate=4.0, clock=clock)
    assert bucket.seconds_until(10) == 0.0, "a full bucket needs no wait"
    assert bucket.try_acquire(7.5), "costs may be fractional"
    assert bucket.seconds_until(4.5) == 0.5, f"2 missing tokens at 4/s is 0.5 s, got {bucket.seconds_until(4.5)}"
    assert not bucket.try_acquire(4.5), "2.5 tokens cannot pay 4.5"
    assert bucket.tokens == 2.5, f"a refused attempt takes nothing, got {bucket.tokens}"
    clock.advance(0.5)
    assert bucket.try_acquire(4.5), "after the announced wait the request fits"


def test_clock_going_backwards_adds_nothing() -> None:
    clock = FakeClock(now=100.0)
    bucket = TokenBucket(capacity=2, refill_rate=1.0, clock=clock)
    bucket.try_acquire(2)
    clock.now = 50.0
    assert bucket.tokens == 0, f"time going backwards must not add tokens, got {bucket.tokens}"
    clock.now = 101.0
    assert bucket.tokens == 1, f"only the time after 100.0 counts: one second, one token, got {bucket.tokens}"


@pytest.mark.parametrize(
    ("capacity", "rate", "cost"),
    [(0, 1.0, None), (-1, 1.0, None), (5, 0.0, None), (5, -2.0, None), (5, 1.0, 0), (5, 1.0, -1), (5, 1.0, 6)],
)
def test_invalid_values_raise_value_error(capacity: float, rate: float, cost: float | None) -> None:
    with pytest.raises(ValueError):
        bucket = TokenBucket(capacity=capacity, refill_rate=rate, clock=FakeClock())
        if cost is not None:
            bucket.try_acquire(cost)


def limited_app(clock: FakeClock, calls: list[str]) -> Handler:
    def handler(request: Request) -> Response:
        calls.append(request.headers.get("x-api-key", "?"))
        return Response.json({"ok": True})

    return rate_limit(capacity=2, refill_rate=0.5, clock=clock, key=lambda r: r.headers.get("x-api-key", "anon"))(
        handler
    )


def test_middleware_answers_429_with_retry_after() -> None:
    clock = FakeClock()
    calls: list[str] = []
    app = limited_app(clock, calls)
    alice = Request("GET", "/", {"x-api-key": "alice"})
    first, second, third = app(alice), app(alice), app(alice)
    statuses = [first.status, second.status, third.status]
    assert statuses == [200, 200, 429], f"capacity 2 allows two requests then 429, got {statuses}"
    assert [first.headers.get("x-ratelimit-remaining"), second.headers.get("x-ratelimit-remaining")] == ["1", "0"], (
        f"remaining should count down 1, 0, got {first.headers} / {second.headers}"
    )
    assert third.headers.get("retry-after") == "2", (
        f"an empty bucket at 0.5 tokens/s needs 2 s for a token, got retry-after={third.headers.get('retry-after')!r}"
    )
    assert third.json_body() == {"error": "rate limit exceeded", "retry_after": 2}, third.body
    assert (third.headers.get("x-ratelimit-limit"), third.headers.get("x-ratelimit-remaining")) == ("2", "0")
    assert calls == ["alice", "alice"], f"a refused request must not reach the handler, handler saw {calls}"


def test_retry_after_rounds_up_and_time_heals() -> None:
    clock = FakeClock()
    app = limited_app(clock, [])
    bob = Request("GET", "/", {"x-api-key": "bob"})
    app(bob), app(bob)
    clock.advance(0.5)
    refused = app(bob)
    assert (refused.status, refused.headers.get("retry-after")) == (429, "2"), (
        f"0.25 tokens left: 1.5 s to wait, rounded up to '2', got {refused.status} {refused.headers}"
    )
    clock.advance(1.5)
    assert app(bob).status == 200, "once the wait is over the request goes through"
    clock.advance(1.9)
    late = app(bob)
    assert (late.status, late.headers.get("retry-after")) == (429, "1"), (
        f"0.95 tokens left: 0.1 s to wait, rounded up to '1', got {late.status} {late.headers}"
    )


def test_each_client_has_its_own_bucket() -> None:
    clock = FakeClock()
    calls: list[str] = []
    app = limited_app(clock, calls)
    for _ in range(3):
        app(Request("GET", "/", {"x-api-key": "alice"}))
    response = app(Request("GET", "/", {"x-api-key": "carol"}))
    assert response.status == 200, "carol is not slowed down by alice's burst"
    assert calls == ["alice", "alice", "carol"], f"got {calls}"


def test_rate_limit_checks_its_settings_at_once() -> None:
    with pytest.raises(ValueError):
        rate_limit(capacity=0, refill_rate=1.0, clock=FakeClock(), key=lambda r: "x")
    with pytest.raises(ValueError):
        rate_limit(capacity=1, refill_rate=0.0, clock=FakeClock(), key=lambda r: "x")
