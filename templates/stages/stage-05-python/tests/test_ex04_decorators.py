"""Tests for ex04: retry with injected sleep, memoize, timed."""

from __future__ import annotations

import inspect

import pytest
from practice.decorators import memoize, retry, timed


class Flaky:
    """Fails with the given exceptions first, then returns 'ok'. Counts calls."""

    def __init__(self, *failures: BaseException) -> None:
        self.failures = list(failures)
        self.calls = 0

    def __call__(self, value: str = "ok") -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return value


# ---------------------------------------------------------------- retry


def test_retry_succeeds_after_failures_with_backoff() -> None:
    sleeps: list[float] = []
    flaky = Flaky(ConnectionError("1"), ConnectionError("2"), ConnectionError("3"))
    wrapped = retry(attempts=4, delay=0.5, backoff=2.0, sleep=sleeps.append)(flaky)
    assert wrapped("done") == "done", "the value from the successful attempt should be returned"
    assert flaky.calls == 4, f"three failures then success means 4 calls, got {flaky.calls}"
    assert sleeps == [0.5, 1.0, 2.0], f"delays should be 0.5, 1.0, 2.0 (exponential backoff), got {sleeps}"


def test_retry_no_sleep_when_first_call_works() -> None:
    sleeps: list[float] = []
    flaky = Flaky()
    assert retry(sleep=sleeps.append)(flaky)() == "ok", "a working call should return its value"
    assert (flaky.calls, sleeps) == (1, []), f"no retry and no sleep expected, got calls={flaky.calls} sleeps={sleeps}"


def test_retry_gives_up_and_reraises_last_exception() -> None:
    sleeps: list[float] = []
    last = TimeoutError("third")
    flaky = Flaky(TimeoutError("first"), TimeoutError("second"), last, TimeoutError("never reached"))
    wrapped = retry(attempts=3, delay=1.0, backoff=3.0, sleep=sleeps.append)(flaky)
    with pytest.raises(TimeoutError) as info:
        wrapped()
    assert info.value is last, f"the exception from the last attempt should be re-raised as is, got {info.value!r}"
    assert flaky.calls == 3, f"attempts=3 means exactly 3 calls, got {flaky.calls}"
    assert sleeps == [1.0, 3.0], f"no sleep after the final failure; expected [1.0, 3.0], got {sleeps}"


def test_retry_only_retries_listed_exceptions() -> None:
    sleeps: list[float] = []
    flaky = Flaky(ConnectionError("transient"), KeyError("bug"))
    wrapped = retry(attempts=5, exceptions=(ConnectionError,), delay=0.1, sleep=sleeps.append)(flaky)
    with pytest.raises(KeyError):
        wrapped()
    assert flaky.calls == 2, f"a KeyError is not retryable: stop after call 2, got {flaky.calls} calls"
    assert sleeps == [0.1], f"only one sleep, before the second call; got {sleeps}"


def test_retry_attempts_one_means_no_retry() -> None:
    sleeps: list[float] = []
    flaky = Flaky(ConnectionError("down"))
    with pytest.raises(ConnectionError):
        retry(attempts=1, sleep=sleeps.append)(flaky)()
    assert (flaky.calls, sleeps) == (1, []), f"attempts=1: one call, no sleep; got calls={flaky.calls} sleeps={sleeps}"


@pytest.mark.parametrize(
    "kwargs",
    [{"attempts": 0}, {"attempts": -2}, {"attempts": 2.5}, {"delay": -0.1}, {"backoff": 0.5}],
)
def test_retry_rejects_bad_configuration(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        retry(**kwargs)  # type: ignore[arg-type]


def test_retry_preserves_metadata() -> None:
    def fetch_user(user_id: int, *, fresh: bool = False) -> str:
        """Load a user from the upstream service."""
        return f"user-{user_id}-{fresh}"

    wrapped = retry(sleep=lambda _s: None)(fetch_user)
    assert wrapped.__name__ == "fetch_user", f"__name__ should be kept, got {wrapped.__name__!r}"
    assert wrapped.__doc__ == "Load a user from the upstream service.", (
        f"__doc__ should be kept, got {wrapped.__doc__!r}"
    )
    assert wrapped.__wrapped__ is fetch_user, "__wrapped__ should point at the original (functools.wraps does it)"  # type: ignore[attr-defined]
    params = list(inspect.signature(wrapped).parameters)
    assert params == ["user_id", "fresh"], f"the signature should look like the original's, got {params}"
    assert wrapped(7, fresh=True) == "user-7-True", "arguments must be passed through unchanged"


# ---------------------------------------------------------------- memoize


def test_memoize_caches_by_arguments() -> None:
    calls: list[tuple[int, int]] = []

    def price(product_id: int, quantity: int = 1) -> int:
        """Expensive price lookup."""
        calls.append((product_id, quantity))
        return product_id * 100 * quantity

    cached = memoize(price)
    assert cached(3) == 300 and cached(3) == 300, "cached result should equal the real one"
    assert cached(3, quantity=2) == 600, "different arguments give a different result"
    assert cached(3, quantity=2) == 600, "second call with the same kwargs comes from the cache"
    assert calls == [(3, 1), (3, 2)], f"each distinct argument set should be computed once, calls were {calls}"
    assert cached.cache_size == 2, f"two distinct calls cached, cache_size={cached.cache_size}"
    assert cached.__name__ == "price" and cached.__doc__ == "Expensive price lookup.", "metadata should be kept"


def test_memoize_kwargs_order_does_not_matter() -> None:
    calls = 0

    def area(*, width: int, height: int) -> int:
        nonlocal calls
        calls += 1
        return width * height

    cached = memoize(area)
    assert cached(width=2, height=3) == 6 and cached(height=3, width=2) == 6, "both orders give 6"
    assert calls == 1, f"keyword order must not create a second cache entry; function ran {calls} times"


def test_memoize_does_not_cache_exceptions() -> None:
    flaky = Flaky(ConnectionError("down"))
    cached = memoize(flaky)
    with pytest.raises(ConnectionError):
        cached("x")
    assert cached("x") == "x", "after a failure the next call should run the function again"
    assert cached("x") == "x" and flaky.calls == 2, f"then the result is cached; calls={flaky.calls}"


def test_memoize_unhashable_arguments_bypass_cache() -> None:
    calls = 0

    def total(values: list[int]) -> int:
        nonlocal calls
        calls += 1
        return sum(values)

    cached = memoize(total)
    assert cached([1, 2]) == 3 and cached([1, 2]) == 3, "lists cannot be cache keys but the call must still work"
    assert calls == 2, f"unhashable arguments should call through each time, function ran {calls} times"
    assert cached.cache_size == 0, f"nothing should be cached for unhashable arguments, cache_size={cached.cache_size}"


def test_memoize_cache_clear() -> None:
    calls = 0

    def square(n: int) -> int:
        nonlocal calls
        calls += 1
        return n * n

    cached = memoize(square)
    cached(4)
    cached.cache_clear()
    assert cached.cache_size == 0, f"cache_clear should empty the cache, cache_size={cached.cache_size}"
    assert cached(4) == 16 and calls == 2, f"after clearing, the function runs again; calls={calls}"


# ---------------------------------------------------------------- timed


def test_timed_records_duration_and_name() -> None:
    readings = iter([10.0, 10.25])
    seen: list[tuple[str, float]] = []

    def handle_request(path: str) -> str:
        """Serve one request."""
        return f"200 {path}"

    wrapped = timed(lambda name, s: seen.append((name, s)), clock=lambda: next(readings))(handle_request)
    assert wrapped("/health") == "200 /health", "the wrapped function's result should be returned"
    assert seen == [("test_timed_records_duration_and_name.<locals>.handle_request", 0.25)], (
        f"record should get (__qualname__, 0.25), got {seen}"
    )
    assert wrapped.__name__ == "handle_request", "timed should keep the function's metadata"


def test_timed_records_even_when_function_raises() -> None:
    readings = iter([1.0, 4.0])
    seen: list[float] = []

    def parse_body(raw: str) -> int:
        return int(raw)

    wrapped = timed(lambda _name, s: seen.append(s), clock=lambda: next(readings))(parse_body)
    with pytest.raises(ValueError):
        wrapped("not a number")
    assert seen == [3.0], f"a failing call still takes time and must be recorded; got {seen}"
