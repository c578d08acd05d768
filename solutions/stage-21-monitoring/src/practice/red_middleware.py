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
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from practice.metrics import CONTENT_TYPE, DEFAULT_BUCKETS, Registry

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
METRICS_PATH = "/metrics"

_ID_SEGMENT = re.compile(
    r"[0-9]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}"
)


def normalize_path(path: str) -> str:
    """Reduce a URL path to a low-cardinality route label.

    Split on ``/`` and replace every segment that is all ASCII digits, a
    UUID (8-4-4-4-12 hex digits, any case) or 16 or more hex digits with
    ``:id``. Empty segments are kept (so a trailing slash stays); an
    empty path becomes ``/``.

    ``"/users/42/orders/7f1c2b3a-0d4e-4f5a-9b6c-7d8e9f0a1b2c"`` ->
    ``"/users/:id/orders/:id"``.
    """
    if not path:
        return "/"
    return "/".join(":id" if _ID_SEGMENT.fullmatch(segment) else segment for segment in path.split("/"))


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
        self._app = app
        self._registry = registry
        self._clock = clock
        self._route_for = route_for
        self.requests = registry.counter("http_requests_total", "HTTP requests handled.", ["method", "route", "status"])
        self.duration = registry.histogram(
            "http_request_duration_seconds", "Time to serve HTTP requests.", ["method", "route"], list(buckets)
        )
        self.in_flight = registry.gauge("http_requests_in_flight", "HTTP requests being served.")

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
        path = environ.get("PATH_INFO", "") or "/"
        raw_method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        if path == METRICS_PATH and raw_method == "GET":
            body = self._registry.exposition().encode("utf-8")
            start_response("200 OK", [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(body)))])
            return [body]

        method = raw_method if raw_method in KNOWN_METHODS else "OTHER"
        route = self._route_for(path)
        state: dict[str, Any] = {"status": "500", "done": False}
        self.in_flight.inc()
        started = self._clock()

        def record(status: str) -> None:
            if state["done"]:
                return
            state["done"] = True
            self.duration.labels(method=method, route=route).observe(self._clock() - started)
            self.requests.labels(method=method, route=route, status=status).inc()
            self.in_flight.dec()

        def recording_start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            state["status"] = status[:3]
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        try:
            result = self._app(environ, recording_start_response)
        except BaseException:
            record("500")
            raise
        return _Recorded(result, lambda: record(state["status"]), lambda: record("500"))


class _Recorded:
    def __init__(self, inner: Iterable[bytes], on_close: Callable[[], None], on_error: Callable[[], None]) -> None:
        self._inner = inner
        self._on_close = on_close
        self._on_error = on_error

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._inner
        except BaseException:
            self._on_error()
            raise

    def close(self) -> None:
        try:
            close = getattr(self._inner, "close", None)
            if close is not None:
                close()
        finally:
            self._on_close()
