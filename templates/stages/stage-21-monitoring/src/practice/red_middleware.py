"""RED metrics (Rate, Errors, Duration) for any WSGI application.

The RED method says: for every service, measure how many requests it
gets, how many fail, and how long they take. Three metrics answer all
three questions, and this middleware records them for every request:

* ``http_requests_total`` (counter; labels ``method``, ``route``,
  ``status``): rate, and errors as the 5xx share of it;
* ``http_request_duration_seconds`` (histogram; labels ``method``,
  ``route``): duration;
* ``http_requests_in_flight`` (gauge, no labels): saturation.

Two things make it production-grade rather than a toy:

* **Cardinality.** Every distinct label value is a new time series stored
  by Prometheus. ``route="/users/18734"`` creates one per user and
  eventually takes the monitoring down, so paths are reduced to route
  templates (``/users/:id``) and unknown methods to ``OTHER``.
* **Streaming.** A WSGI response is an iterable the server consumes after
  the app returns; the request is only over when the server calls its
  ``close()``. Measuring until ``app(...)`` returns would time a streamed
  file download as instant.

The middleware also answers ``GET /metrics`` itself with the registry's
exposition text; scrapes are not counted.

TODO: implement ``normalize_path`` and ``REDMiddleware``. You will also want
``CONTENT_TYPE`` from ``practice.metrics`` for the /metrics response.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from practice.metrics import DEFAULT_BUCKETS, Registry

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
METRICS_PATH = "/metrics"


def normalize_path(path: str) -> str:
    """Reduce a URL path to a low-cardinality route label.

    Split on ``/`` and replace every segment that is all ASCII digits, a
    UUID (8-4-4-4-12 hex digits, any case) or 16 or more hex digits with
    ``:id``. Empty segments are kept (so a trailing slash stays); an
    empty path becomes ``/``.

    ``"/users/42/orders/7f1c2b3a-0d4e-4f5a-9b6c-7d8e9f0a1b2c"`` ->
    ``"/users/:id/orders/:id"``.
    """
    raise NotImplementedError("split on '/', replace id-looking segments using a regex with fullmatch, and join again")


class REDMiddleware:
    """WSGI middleware that records RED metrics into a ``Registry``."""

    def __init__(
        self,
        app: WSGIApp,
        registry: Registry,
        *,
        clock: Callable[[], float] = time.perf_counter,
        route_for: Callable[[str], str] = normalize_path,
        buckets: Iterable[float] = DEFAULT_BUCKETS,
    ) -> None:
        """Wrap ``app`` and register the three metrics in ``registry``.

        Args:
            app: the WSGI application to measure.
            registry: where to register ``http_requests_total``,
                ``http_request_duration_seconds`` (with ``buckets``) and
                ``http_requests_in_flight``.
            clock: seconds, read once when a request starts and once when
                it ends.
            route_for: turns ``PATH_INFO`` into the ``route`` label.
            buckets: histogram bucket bounds.

        Raises:
            ValueError: if the registry already has one of these metrics.
        """
        raise NotImplementedError("keep the app, clock and route_for, and register the counter, histogram and gauge")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request and record it exactly once.

        * ``GET /metrics``: answer ``200 OK`` with ``Content-Type:
          CONTENT_TYPE`` and the registry's exposition text (UTF-8), without
          calling the app or recording anything.
        * Otherwise: add 1 to the in-flight gauge, read the clock, and call
          the app with a ``start_response`` wrapper that remembers the
          status code (the first three characters of the status string; if
          the app calls it again with ``exc_info``, the later one wins).
        * Return an iterable that yields the app's chunks unchanged and,
          when the server calls its ``close()``, calls the app iterable's
          ``close()`` if it has one and then records the request.
        * Recording (exactly once per request, even if ``close()`` is called
          twice): read the clock, observe the elapsed time in the
          histogram, add 1 to ``http_requests_total`` with the status
          label, subtract 1 from the in-flight gauge.
        * If the app raises (while being called or while its iterable is
          consumed), record the request with status ``"500"`` right away and
          re-raise the exception.
        * Labels: ``method`` is ``REQUEST_METHOD`` upper-cased if it is in
          ``KNOWN_METHODS``, else ``"OTHER"``; ``route`` is
          ``route_for(PATH_INFO)``.
        """
        raise NotImplementedError(
            "serve /metrics, otherwise wrap start_response and the response iterable so the request is recorded once"
        )
