"""Linkshelf, part 5: request ids, structured JSON logs and Prometheus metrics."""

from __future__ import annotations

import json
import logging
import math
import re
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from practice.caching import WSGIApp, call_inner
from practice.rest_api import USER_KEY, StartResponse, problem_response, status_line

REQUEST_ID_KEY = "linkshelf.request_id"
DEFAULT_BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
METRIC_NAME_RE = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL_NAME_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

LabelKey = tuple[tuple[str, str], ...]


def format_number(value: float) -> str:
    """Prometheus sample value text: integral values without a fraction."""
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels_text(labels: LabelKey) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{name}="{_escape(value)}"' for name, value in labels) + "}"


class Metrics:
    """In-process counters and histograms rendered in Prometheus text format."""

    def __init__(self, buckets: Iterable[float] = DEFAULT_BUCKETS) -> None:
        """Create an empty registry; histograms use the sorted ``buckets``."""
        self.buckets = tuple(sorted(buckets))
        if not self.buckets:
            raise ValueError("at least one bucket is needed")
        self._kinds: dict[str, str] = {}
        self._help: dict[str, str] = {}
        self._counters: dict[str, dict[LabelKey, float]] = {}
        self._histograms: dict[str, dict[LabelKey, tuple[list[int], float, int]]] = {}

    def describe(self, name: str, help_text: str) -> None:
        """Set the ``# HELP`` text of a metric."""
        self._help[name] = help_text

    def _key(self, name: str, kind: str, labels: Mapping[str, str] | None) -> LabelKey:
        if not METRIC_NAME_RE.fullmatch(name):
            raise ValueError(f"invalid metric name {name!r}")
        if self._kinds.setdefault(name, kind) != kind:
            raise ValueError(f"{name} is already a {self._kinds[name]}")
        items = tuple(sorted((labels or {}).items()))
        for label, _ in items:
            if not LABEL_NAME_RE.fullmatch(label) or label.startswith("__") or (kind == "histogram" and label == "le"):
                raise ValueError(f"invalid label name {label!r}")
        return tuple((label, str(value)) for label, value in items)

    def inc(self, name: str, labels: Mapping[str, str] | None = None, amount: float = 1.0) -> None:
        """Add ``amount`` (>= 0) to a counter."""
        if amount < 0:
            raise ValueError("counters only go up")
        key = self._key(name, "counter", labels)
        series = self._counters.setdefault(name, {})
        series[key] = series.get(key, 0.0) + amount

    def value(self, name: str, labels: Mapping[str, str] | None = None) -> float:
        """Current value of a counter (0.0 if never incremented)."""
        key = tuple(sorted((k, str(v)) for k, v in (labels or {}).items()))
        return self._counters.get(name, {}).get(key, 0.0)

    def observe(self, name: str, value: float, labels: Mapping[str, str] | None = None) -> None:
        """Record one observation in a histogram."""
        key = self._key(name, "histogram", labels)
        series = self._histograms.setdefault(name, {})
        counts, total, count = series.get(key, ([0] * len(self.buckets), 0.0, 0))
        counts = [c + (1 if value <= bound else 0) for c, bound in zip(counts, self.buckets, strict=True)]
        series[key] = (counts, total + value, count + 1)

    def render(self) -> str:
        """The whole registry in the Prometheus text exposition format."""
        lines: list[str] = []
        for name in sorted(self._kinds):
            kind = self._kinds[name]
            if name in self._help:
                help_text = self._help[name].replace("\\", "\\\\").replace("\n", "\\n")
                lines.append(f"# HELP {name} {help_text}")
            lines.append(f"# TYPE {name} {kind}")
            if kind == "counter":
                for key, amount in sorted(self._counters.get(name, {}).items()):
                    lines.append(f"{name}{_labels_text(key)} {format_number(amount)}")
                continue
            for key, (counts, total, count) in sorted(self._histograms.get(name, {}).items()):
                for bound, cumulative in zip(self.buckets, counts, strict=True):
                    le = (*key, ("le", format_number(bound)))
                    lines.append(f"{name}_bucket{_labels_text(le)} {cumulative}")
                lines.append(f"{name}_bucket{_labels_text((*key, ('le', '+Inf')))} {count}")
                lines.append(f"{name}_sum{_labels_text(key)} {format_number(total)}")
                lines.append(f"{name}_count{_labels_text(key)} {count}")
        return "\n".join(lines) + "\n" if lines else ""


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, the ``ctx`` fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a single line of JSON."""
        stamp = datetime.fromtimestamp(record.created, UTC)
        data: dict[str, Any] = {
            "ts": stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        ctx = getattr(record, "ctx", None)
        if isinstance(ctx, Mapping):
            for key, value in ctx.items():
                if key not in data:
                    data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def route_for(path: str) -> str:
    """The route template of a path, for use as a low-cardinality label."""
    if path in ("/bookmarks", "/users", "/tokens", "/healthz", "/metrics"):
        return path
    if re.fullmatch(r"/bookmarks/\d+", path) and path.isascii():
        return "/bookmarks/{id}"
    return "unmatched"


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
        """Observe ``app``."""
        self.app = app
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        self.request_id_factory = request_id_factory
        metrics.describe("http_requests_total", "HTTP requests by method, route and status.")
        metrics.describe("http_request_duration_seconds", "HTTP request duration in seconds.")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Handle ``/metrics`` or observe one request to the inner app."""
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"].upper()
        if path == "/metrics":
            if method != "GET":
                status, headers, body = problem_response(405, "only GET is allowed", [("Allow", "GET")])
            else:
                body = self.metrics.render().encode("utf-8")
                status, headers = 200, [("Content-Type", METRICS_CONTENT_TYPE), ("Content-Length", str(len(body)))]
            start_response(status_line(status), headers)
            return [body]
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if REQUEST_ID_RE.fullmatch(incoming) else self.request_id_factory()
        environ[REQUEST_ID_KEY] = request_id
        started = self.clock()
        error: BaseException | None = None
        try:
            response = call_inner(self.app, environ)
            status, headers, body = response.status, list(response.headers), response.body
        except Exception as exc:
            error = exc
            status, headers, body = problem_response(500, "unexpected error", request_id=request_id)
        elapsed = max(0.0, self.clock() - started)
        route = route_for(path)
        method_label = method if method in KNOWN_METHODS else "OTHER"
        self.metrics.inc("http_requests_total", {"method": method_label, "route": route, "status": str(status)})
        self.metrics.observe("http_request_duration_seconds", elapsed, {"method": method_label, "route": route})
        ctx = {
            "request_id": request_id,
            "method": method,
            "path": path,
            "route": route,
            "status": status,
            "duration_ms": round(elapsed * 1000, 3),
            "user_id": environ.get(USER_KEY),
        }
        if error is not None:
            self.logger.error("request failed", extra={"ctx": ctx}, exc_info=error)
        elif status >= 500:
            self.logger.error("request", extra={"ctx": ctx})
        else:
            self.logger.info("request", extra={"ctx": ctx})
        start_response(status_line(status), [*headers, ("X-Request-ID", request_id)])
        return [body]
