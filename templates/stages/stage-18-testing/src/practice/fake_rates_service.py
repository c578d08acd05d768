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

TODO: implement ``ScriptedRatesService`` (your fake; it is graded too) and
``check_rates_client``. Inject a fake ``sleep`` that records its argument so
your checks never wait. A scenario helper that builds a service and a client,
calls ``get_rate`` once and returns (result or exception, service, sleeps)
keeps each check to two or three lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

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
        raise NotImplementedError("keep a list of outcomes and an empty list of requests")

    def handler(self, request: httpx.Request) -> httpx.Response:
        """Handle one request (use as ``httpx.MockTransport(service.handler)``).

        Records ``request`` in ``self.requests``, then returns or raises the
        next scripted outcome.

        Raises:
            AssertionError: if no scripted outcome is left (the client made
                more requests than the test expected); the message names the
                request's method and URL.
        """
        raise NotImplementedError("record the request; pop the next outcome; raise it or return it")

    def client(self) -> httpx.Client:
        """Return an ``httpx.Client`` with ``base_url=BASE_URL`` served by this fake."""
        raise NotImplementedError("httpx.Client(transport=httpx.MockTransport(self.handler), base_url=BASE_URL)")

    def assert_all_used(self) -> None:
        """Raise ``AssertionError`` if scripted outcomes were never requested."""
        raise NotImplementedError("assert that no scripted outcome is left")


def check_rates_client(make_client: Callable[..., Any]) -> None:
    """Assert that clients built by ``make_client`` follow the contract above.

    Args:
        make_client: ``make_client(http, *, max_attempts, sleep)`` returns a
            client with ``get_rate(base, quote) -> Decimal``.

    Raises:
        AssertionError: when the client breaks the contract.
    """
    raise NotImplementedError("script each scenario with ScriptedRatesService and assert the contract")
