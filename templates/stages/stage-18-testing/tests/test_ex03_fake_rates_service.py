"""Grades ex03: your fake service works, and check_rates_client catches every broken client."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx
import pytest
from practice.fake_rates_service import (
    BASE_URL,
    RatesError,
    RatesUnavailable,
    ScriptedRatesService,
    UnknownCurrency,
    check_rates_client,
)

_CODE = re.compile(r"[A-Za-z]{3}")


class RatesClient:
    """The correct client. Mutants below override one hook each."""

    def __init__(
        self, http: httpx.Client, *, max_attempts: int = 3, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.http = http
        self.max_attempts = max_attempts
        self.sleep = sleep

    def code(self, value: str) -> str:
        if not _CODE.fullmatch(value):
            raise ValueError(f"currency codes are 3 ASCII letters, got {value!r}")
        return value.upper()

    def params(self, base: str, quote: str) -> dict[str, str]:
        return {"base": base, "quote": quote}

    def attempts(self) -> int:
        return self.max_attempts

    def caught(self) -> tuple[type[Exception], ...]:
        return (httpx.TransportError,)

    def retryable(self, status: int) -> bool:
        return status == 429 or status >= 500

    def backoff(self, attempt: int, response: httpx.Response | None) -> float:
        if response is not None and response.status_code == 429:
            retry_after = response.headers.get("Retry-After", "")
            if retry_after.isascii() and retry_after.isdigit():
                return float(retry_after)
        return 0.5 * 2 ** (attempt - 1)

    def sleeps_after(self, attempt: int) -> bool:
        return attempt < self.attempts()

    def decimal(self, text: str) -> Decimal:
        return Decimal(text)

    def parse(self, response: httpx.Response) -> Decimal:
        try:
            rate = response.json()["rate"]
        except (ValueError, KeyError, TypeError) as exc:
            raise RatesError(f"unusable body: {response.text[:50]!r}") from exc
        if not isinstance(rate, str):
            raise RatesError(f"rate must be a string, got {rate!r}")
        try:
            value = self.decimal(rate)
        except InvalidOperation as exc:
            raise RatesError(f"rate is not a decimal: {rate!r}") from exc
        if not value.is_finite() or value <= 0:
            raise RatesError(f"rate must be positive, got {rate!r}")
        return value

    def get_rate(self, base: str, quote: str) -> Decimal:
        params = self.params(self.code(base), self.code(quote))
        last: Exception | None = None
        for attempt in range(1, self.attempts() + 1):
            response: httpx.Response | None = None
            try:
                response = self.http.get("/v1/rates", params=params)
            except self.caught() as exc:
                last = exc
            else:
                status = response.status_code
                if status == 200:
                    return self.parse(response)
                if self.retryable(status):
                    last = RatesError(f"HTTP {status}")
                elif status == 404:
                    raise UnknownCurrency(f"unknown currency in {base}/{quote}")
                else:
                    raise RatesError(f"unexpected HTTP {status}")
            if self.sleeps_after(attempt):
                self.sleep(self.backoff(attempt, response))
        raise RatesUnavailable(f"gave up after {self.attempts()} attempts") from last


class NoRetryOn5xx(RatesClient):
    """gives up at the first 5xx instead of retrying it"""

    def retryable(self, status: int) -> bool:
        return status == 429

    def get_rate(self, base: str, quote: str) -> Decimal:
        try:
            return super().get_rate(base, quote)
        except RatesError as exc:
            if str(exc).startswith("unexpected HTTP 5"):
                raise RatesUnavailable(str(exc)) from exc
            raise


class Retries404(RatesClient):
    """retries a 404 (a permanent error) until attempts run out"""

    def retryable(self, status: int) -> bool:
        return status == 404 or super().retryable(status)


class TimeoutsEscape(RatesClient):
    """only handles connection errors: timeouts escape as raw httpx exceptions"""

    def caught(self) -> tuple[type[Exception], ...]:
        return (httpx.NetworkError,)


class OneAttemptTooMany(RatesClient):
    """makes max_attempts + 1 attempts"""

    def attempts(self) -> int:
        return self.max_attempts + 1


class RateThroughFloat(RatesClient):
    """converts the rate through float, so Decimal('1.0842') comes back as 1.08419999..."""

    def decimal(self, text: str) -> Decimal:
        return Decimal(float(text))


class IgnoresRetryAfter(RatesClient):
    """ignores the Retry-After header of a 429"""

    def backoff(self, attempt: int, response: httpx.Response | None) -> float:
        return 0.5 * 2 ** (attempt - 1)


class SleepsAfterLastAttempt(RatesClient):
    """sleeps once more after the final failed attempt"""

    def sleeps_after(self, attempt: int) -> bool:
        return True


class SwapsParameters(RatesClient):
    """sends base and quote swapped"""

    def params(self, base: str, quote: str) -> dict[str, str]:
        return {"base": quote, "quote": base}


class NoCodeValidation(RatesClient):
    """sends any currency code to the server without validating it"""

    def code(self, value: str) -> str:
        return value.upper()


class NoUppercase(RatesClient):
    """sends currency codes in the case the caller used ('eur')"""

    def code(self, value: str) -> str:
        super().code(value)
        return value


class BadBodyCrashes(RatesClient):
    """lets a malformed 200 body crash with KeyError/JSONDecodeError instead of RatesError"""

    def parse(self, response: httpx.Response) -> Decimal:
        return Decimal(response.json()["rate"])


MUTANTS: list[type[RatesClient]] = [
    NoRetryOn5xx,
    Retries404,
    TimeoutsEscape,
    OneAttemptTooMany,
    RateThroughFloat,
    IgnoresRetryAfter,
    SleepsAfterLastAttempt,
    SwapsParameters,
    NoCodeValidation,
    NoUppercase,
    BadBodyCrashes,
]


def factory(cls: type[RatesClient]) -> Callable[..., Any]:
    def make_client(
        http: httpx.Client, *, max_attempts: int = 3, sleep: Callable[[float], None] = time.sleep
    ) -> RatesClient:
        return cls(http, max_attempts=max_attempts, sleep=sleep)

    return make_client


# ---- your fake -------------------------------------------------------------


def test_fake_returns_scripted_responses_in_order_and_records_requests() -> None:
    service = ScriptedRatesService(httpx.Response(503), httpx.Response(200, json={"rate": "1.1"}))
    http = service.client()
    first = http.get("/v1/rates", params={"base": "EUR", "quote": "USD"})
    second = http.get("/v1/other")
    assert (first.status_code, second.json()) == (503, {"rate": "1.1"}), "responses must come back in script order"
    assert [r.url.path for r in service.requests] == ["/v1/rates", "/v1/other"], "requests must be recorded"
    assert str(service.requests[0].url).startswith(BASE_URL), f"client() must use base_url={BASE_URL!r}"
    service.assert_all_used()


def test_fake_raises_scripted_exceptions() -> None:
    timeout = httpx.ConnectTimeout("connect timed out")
    service = ScriptedRatesService(timeout)
    with pytest.raises(httpx.ConnectTimeout) as info:
        service.client().get("/v1/rates")
    assert info.value is timeout, "the scripted exception object itself must be raised"
    assert len(service.requests) == 1, "a request that raised must still be recorded"


def test_fake_fails_loudly_on_unexpected_requests() -> None:
    service = ScriptedRatesService(httpx.Response(200))
    http = service.client()
    http.get("/v1/rates")
    with pytest.raises(AssertionError, match="GET"):
        http.get("/v1/rates?base=EUR")


def test_fake_reports_unused_outcomes() -> None:
    service = ScriptedRatesService(httpx.Response(200), httpx.Response(500))
    service.client().get("/v1/rates")
    with pytest.raises(AssertionError):
        service.assert_all_used()


# ---- your check ------------------------------------------------------------


def test_check_accepts_the_correct_client(outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_rates_client, factory(RatesClient))
    assert failure is None, (
        f"check_rates_client rejected a CORRECT client: {type(failure).__name__}: {failure}. "
        "One of your expectations does not match the contract."
    )


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.__name__ for m in MUTANTS])
def test_check_catches_mutant(mutant: type[RatesClient], outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_rates_client, factory(mutant))
    assert failure is not None, (
        f"check_rates_client passed a BROKEN client that {mutant.__doc__}. Script a scenario that exposes it."
    )
