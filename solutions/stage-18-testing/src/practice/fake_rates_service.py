"""Test an HTTP client against a fake service: timeouts, 5xx, retries.

Code that calls other services is only as good as its error handling, and
you cannot make a real exchange-rate API time out on demand. Instead, the
client takes an injected ``httpx.Client``, and the test builds one whose
transport is a FAKE: ``httpx.MockTransport(handler)`` calls your
``handler(request)`` instead of the network, so the test decides exactly
what the "server" answers, one scripted outcome per request.

The client under test (``RatesClient``) has this contract::

    client = make_client(http, max_attempts=3, sleep=sleep)
    client.get_rate(base, quote) -> Decimal

1. ``base`` and ``quote`` must each be exactly 3 ASCII letters (any case);
   otherwise ``ValueError`` is raised WITHOUT sending any request. Codes are
   sent uppercased.
2. It sends ``GET /v1/rates?base=<BASE>&quote=<QUOTE>`` (relative to the
   http client's ``base_url``).
3. 200 with JSON ``{"rate": "<decimal string>"}`` returns
   ``Decimal(<that string>)`` exactly (never through float). A 200 whose
   body is not JSON, has no ``"rate"``, or whose rate is not a string of a
   valid positive decimal, raises ``RatesError`` without retrying.
4. 404 raises ``UnknownCurrency`` without retrying. Any other 4xx except
   429 raises ``RatesError`` without retrying.
5. Retryable outcomes: 429, any 5xx, and ``httpx.TransportError`` (which
   includes timeouts such as ``httpx.ConnectTimeout`` and
   ``httpx.ReadTimeout``, and ``httpx.ConnectError``). The client makes at
   most ``max_attempts`` attempts in total. Between two attempts it calls
   ``sleep(delay)`` with ``delay = 0.5 * 2 ** (attempt - 1)`` (0.5, 1.0,
   2.0, ...), except after a 429 whose ``Retry-After`` header is a whole
   number of seconds: then ``delay`` is that number (as a float). It never
   sleeps after the last attempt.
6. When every attempt failed with a retryable outcome it raises
   ``RatesUnavailable``.

``RatesError``, ``UnknownCurrency`` and ``RatesUnavailable`` are defined
below and shared with the implementations under test.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest

BASE_URL = "https://rates.example.test"


class RatesError(Exception):
    """The rates service gave an answer the client cannot use."""


class UnknownCurrency(RatesError):
    """The service does not know one of the currency codes (HTTP 404)."""


class RatesUnavailable(RatesError):
    """Every attempt failed with a retryable outcome."""


Outcome = httpx.Response | Exception


class ScriptedRatesService:
    """A fake rates API that answers each request with the next scripted outcome."""

    def __init__(self, *outcomes: Outcome) -> None:
        """Script the answers, in order.

        Args:
            *outcomes: for each expected request, either an ``httpx.Response``
                to return or an exception instance to raise (for example
                ``httpx.ConnectTimeout("timed out")``).

        Attributes:
            requests: every ``httpx.Request`` received, in order.
        """
        self._outcomes: list[Outcome] = list(outcomes)
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        """Handle one request (use as ``httpx.MockTransport(service.handler)``).

        Records ``request`` in ``self.requests``, then returns or raises the
        next scripted outcome.

        Raises:
            AssertionError: if no scripted outcome is left (the client made
                more requests than the test expected); the message names the
                request's method and URL.
        """
        self.requests.append(request)
        if not self._outcomes:
            raise AssertionError(f"unexpected extra request: {request.method} {request.url}")
        outcome = self._outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def client(self) -> httpx.Client:
        """Return an ``httpx.Client`` with ``base_url=BASE_URL`` served by this fake."""
        return httpx.Client(transport=httpx.MockTransport(self.handler), base_url=BASE_URL)

    def assert_all_used(self) -> None:
        """Raise ``AssertionError`` if scripted outcomes were never requested."""
        assert not self._outcomes, f"{len(self._outcomes)} scripted outcome(s) were never requested"


class Sleeps:
    """Records the delays passed to ``sleep`` instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def _ok(rate: str) -> httpx.Response:
    return httpx.Response(200, json={"rate": rate})


def _run(
    make_client: Callable[..., Any],
    *outcomes: Outcome,
    max_attempts: int = 3,
    base: str = "EUR",
    quote: str = "USD",
) -> tuple[Any, ScriptedRatesService, Sleeps]:
    """Call get_rate once; return (result or raised exception, service, sleeps)."""
    service, sleeps = ScriptedRatesService(*outcomes), Sleeps()
    client = make_client(service.client(), max_attempts=max_attempts, sleep=sleeps)
    try:
        result: Any = client.get_rate(base, quote)
    except RatesError as exc:
        result = exc
    return result, service, sleeps


def check_rates_client(make_client: Callable[..., Any]) -> None:
    """Assert that clients built by ``make_client`` follow the contract above.

    Args:
        make_client: ``make_client(http, *, max_attempts, sleep)`` returns a
            client with ``get_rate(base, quote) -> Decimal``.

    Raises:
        AssertionError: when the client breaks the contract.
    """
    # happy path: request shape and exact Decimal
    result, service, sleeps = _run(make_client, _ok("1.0842"), base="eur", quote="usd")
    assert result == Decimal("1.0842") and isinstance(result, Decimal), f"want Decimal('1.0842'), got {result!r}"
    assert len(service.requests) == 1 and sleeps.calls == [], "one request, no sleep on success"
    request = service.requests[0]
    assert request.method == "GET" and request.url.path == "/v1/rates", f"wrong request {request.method} {request.url}"
    assert dict(request.url.params) == {"base": "EUR", "quote": "USD"}, f"wrong params {request.url.params}"

    # 5xx then success: retried with exponential backoff
    result, service, sleeps = _run(make_client, httpx.Response(503), httpx.Response(502), _ok("0.91"))
    assert result == Decimal("0.91"), f"503, 502 then 200 should succeed, got {result!r}"
    assert len(service.requests) == 3 and sleeps.calls == [0.5, 1.0], f"sleeps {sleeps.calls}"

    # timeouts and connection errors are retryable too
    result, service, sleeps = _run(
        make_client, httpx.ConnectTimeout("connect timed out"), httpx.ReadTimeout("read timed out"), _ok("2")
    )
    assert result == Decimal("2"), f"timeouts should be retried, got {result!r}"
    assert sleeps.calls == [0.5, 1.0], f"sleeps {sleeps.calls}"
    result, service, sleeps = _run(make_client, *[httpx.ConnectError("refused")] * 3)
    assert isinstance(result, RatesUnavailable), f"3 connection errors should give RatesUnavailable, got {result!r}"

    # giving up: exactly max_attempts requests, no sleep after the last one
    for attempts in (1, 2, 4):
        result, service, sleeps = _run(make_client, *[httpx.Response(500)] * attempts, max_attempts=attempts)
        assert isinstance(result, RatesUnavailable), f"max_attempts={attempts}: want RatesUnavailable, got {result!r}"
        assert len(service.requests) == attempts, f"max_attempts={attempts}: made {len(service.requests)} requests"
        assert sleeps.calls == [0.5 * 2**i for i in range(attempts - 1)], f"sleeps {sleeps.calls}"

    # 429 with Retry-After
    result, service, sleeps = _run(make_client, httpx.Response(429, headers={"Retry-After": "7"}), _ok("1.5"))
    assert result == Decimal("1.5") and sleeps.calls == [7.0], f"Retry-After: 7 should sleep 7.0, got {sleeps.calls}"

    # permanent errors: no retry
    result, service, sleeps = _run(make_client, httpx.Response(404))
    assert isinstance(result, UnknownCurrency), f"404 should raise UnknownCurrency, got {result!r}"
    assert len(service.requests) == 1 and sleeps.calls == [], "404 must not be retried"
    result, service, sleeps = _run(make_client, httpx.Response(400))
    assert type(result) is RatesError, f"400 should raise plain RatesError, got {result!r}"
    assert len(service.requests) == 1, "400 must not be retried"

    # bad bodies
    for body in [httpx.Response(200, text="<html>"), httpx.Response(200, json={"price": "1"}),
                 httpx.Response(200, json={"rate": 1.08}), httpx.Response(200, json={"rate": "abc"})]:  # fmt: skip
        result, service, _ = _run(make_client, body)
        assert type(result) is RatesError, f"a bad 200 body {body.content!r} should raise RatesError, got {result!r}"
        assert len(service.requests) == 1, "a bad body must not be retried"

    # invalid codes: ValueError before any request
    for base, quote in [("EURO", "USD"), ("EUR", "U5D"), ("", "USD"), ("\u20acUR", "USD")]:
        service = ScriptedRatesService()
        client = make_client(service.client(), max_attempts=3, sleep=Sleeps())
        with pytest.raises(ValueError):
            client.get_rate(base, quote)
        assert service.requests == [], f"get_rate({base!r}, {quote!r}) must not send a request"
