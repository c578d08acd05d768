"""Linkshelf, part 5: request ids, structured JSON logs and Prometheus metrics.

``ObservabilityMiddleware`` is the OUTERMOST layer of the service:

    ObservabilityMiddleware(AuthMiddleware(CachingMiddleware(BookmarkAPI(store)), store, ...), ...)

For every request it assigns a request id (echoed in ``X-Request-ID`` so a
user's bug report can be matched to the logs), times the request with an
injected clock, counts it in ``http_requests_total`` and
``http_request_duration_seconds``, and writes one JSON access-log line. It
also answers ``GET /metrics`` in the Prometheus text exposition format, so a
Prometheus server can scrape the service, and turns any unhandled exception
into a safe 500 problem response.

Metric labels must have a small, bounded set of values: label by route
TEMPLATE (``/bookmarks/{id}``), never by raw path, or every bookmark id
creates a new time series.

TODO: implement ``format_number``, ``Metrics``, ``JsonFormatter.format``,
``route_for`` and ``ObservabilityMiddleware.__call__``. ``call_inner`` from
part 4 and ``problem_response`` from part 2 will be useful.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from practice.caching import WSGIApp
from practice.rest_api import StartResponse

REQUEST_ID_KEY = "linkshelf.request_id"
DEFAULT_BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
METRIC_NAME_RE = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL_NAME_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def format_number(value: float) -> str:
    """Format a sample value (or bucket bound) for the exposition format.

    Integral values have no fraction (``3.0`` -> ``"3"``, ``1.0`` -> ``"1"``),
    others use ``repr`` (``0.25`` -> ``"0.25"``), and infinity is ``"+Inf"``
    (``"-Inf"`` for negative infinity).
    """
    raise NotImplementedError("integers without a fraction, repr() otherwise, +Inf/-Inf")


class Metrics:
    """In-process counters and histograms rendered in Prometheus text format.

    A metric name is used for ONE kind only (counter or histogram). Label
    sets are given as a mapping; ``{"a": "1", "b": "2"}`` and
    ``{"b": "2", "a": "1"}`` are the same series.
    """

    def __init__(self, buckets: Iterable[float] = DEFAULT_BUCKETS) -> None:
        """Create an empty registry; histograms use the SORTED ``buckets`` as upper bounds.

        Raises:
            ValueError: if ``buckets`` is empty.
        """
        raise NotImplementedError("store sorted buckets and empty dicts for kinds, help texts and series")

    def describe(self, name: str, help_text: str) -> None:
        """Set the ``# HELP`` text of a metric (optional; without it no HELP line is rendered)."""
        raise NotImplementedError("remember the help text")

    def inc(self, name: str, labels: Mapping[str, str] | None = None, amount: float = 1.0) -> None:
        """Add ``amount`` to the counter series ``name{labels}``.

        Raises:
            ValueError: if ``amount < 0`` (counters never go down), ``name``
                does not fullmatch ``METRIC_NAME_RE``, a label name does not
                fullmatch ``LABEL_NAME_RE`` or starts with ``__``, or ``name``
                is already a histogram.
        """
        raise NotImplementedError("validate, then add amount to the series")

    def value(self, name: str, labels: Mapping[str, str] | None = None) -> float:
        """Current value of a counter series (0.0 if it was never incremented)."""
        raise NotImplementedError("look the series up, default 0.0")

    def observe(self, name: str, value: float, labels: Mapping[str, str] | None = None) -> None:
        """Record one observation in the histogram series ``name{labels}``.

        Keep, per series, how many observations were ``<= bound`` for each
        bucket bound, their sum and their count.

        Raises:
            ValueError: for the same name/label problems as ``inc``, if a
                label is called ``le`` (reserved for buckets), or if ``name``
                is already a counter.
        """
        raise NotImplementedError("validate, then update bucket counts, sum and count")

    def render(self) -> str:
        """The whole registry in the Prometheus text exposition format (version 0.0.4).

        Metrics sorted by name; for each: ``# HELP name text`` (only if
        described), ``# TYPE name counter|histogram``, then its series sorted
        by their (sorted) label pairs. Labels render as
        ``{a="x",b="y"}`` sorted by label name, with ``\\``, ``"`` and
        newline escaped as ``\\\\``, ``\\"`` and ``\\n``; no braces when
        there are no labels. Values use ``format_number``.

        A counter series is one line ``name{labels} value``. A histogram
        series is, in order: one ``name_bucket{labels,le="bound"} n`` line per
        bound (``n`` is CUMULATIVE: observations ``<= bound``), then
        ``le="+Inf"`` with the total count, ``name_sum{labels} sum`` and
        ``name_count{labels} count``; ``le`` comes after the other labels.

        Returns:
            The text, every line ending in ``\\n``; ``""`` for an empty registry.
        """
        raise NotImplementedError("render HELP/TYPE lines and every series")


class JsonFormatter(logging.Formatter):
    """One JSON object per line.

    Keys, in order: ``ts`` (``record.created`` as UTC
    ``2024-05-01T12:00:00.123Z``, milliseconds), ``level``, ``logger``,
    ``message`` (``record.getMessage()``), then every key of the mapping
    passed as ``extra={"ctx": {...}}`` (keys that clash with the four above
    are skipped), then ``exc`` (``self.formatException(record.exc_info)``)
    when there is exception info. Use ``json.dumps(..., ensure_ascii=False,
    default=str)``; it escapes newlines, so a traceback stays on one line.
    """

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a single line of JSON."""
        raise NotImplementedError("build the dict in order and json.dumps it")


def route_for(path: str) -> str:
    """The route template of a path, for use as a low-cardinality label.

    ``/bookmarks``, ``/users``, ``/tokens``, ``/healthz`` and ``/metrics`` map
    to themselves, ``/bookmarks/<digits>`` to ``/bookmarks/{id}``, and
    anything else to ``"unmatched"``.
    """
    raise NotImplementedError("map known paths to their template, the rest to 'unmatched'")


class ObservabilityMiddleware:
    """Outermost WSGI middleware: request ids, access logs, metrics and ``GET /metrics``."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        metrics: Metrics,
        logger: logging.Logger,
        clock: Callable[[], float] = time.perf_counter,
        request_id_factory: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        """Observe ``app``.

        Also describe the two metrics: ``http_requests_total`` ("HTTP requests
        by method, route and status.") and ``http_request_duration_seconds``
        ("HTTP request duration in seconds.").
        """
        raise NotImplementedError("store the collaborators and describe the two metrics")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Handle ``/metrics`` or observe one request to the inner app.

        * ``PATH_INFO == "/metrics"``: GET -> 200 with ``metrics.render()``
          and ``Content-Type: METRICS_CONTENT_TYPE``; any other method -> 405
          problem with ``Allow: GET``. These are NOT recorded or logged.
        * Otherwise: the request id is the incoming ``X-Request-ID``
          (``HTTP_X_REQUEST_ID``) if it fullmatches ``REQUEST_ID_RE`` (it is
          untrusted input), else ``request_id_factory()``. Store it in
          ``environ[REQUEST_ID_KEY]`` before calling the inner app.
        * Read ``clock()`` before and after running the inner app (collect
          the full response with ``call_inner``). If it raises, answer a 500
          ``problem_response(500, "unexpected error", request_id=...)``; no
          exception text may reach the client.
        * Record ``http_requests_total{method, route, status}`` (+1) and
          ``http_request_duration_seconds{method, route}`` (the elapsed
          seconds), where route is ``route_for(path)``, method is the
          upper-case method if in ``KNOWN_METHODS`` else ``"OTHER"``, and
          status is the status code as a string.
        * Log one record, message ``"request"``, with ``extra={"ctx": {...}}``
          holding ``request_id``, ``method``, ``path`` (no query string: it
          may hold secrets), ``route``, ``status`` (int), ``duration_ms``
          (elapsed * 1000 rounded to 3 places) and ``user_id``
          (``environ.get("linkshelf.user_id")`` read AFTER the inner app ran,
          since the auth layer sets it). Level INFO below 500, ERROR from 500
          on; for an exception log ``"request failed"`` with ``exc_info``.
        * Respond with the inner app's status and headers plus
          ``X-Request-ID``.
        """
        raise NotImplementedError("serve /metrics, or assign a request id, time, count, log and respond")
