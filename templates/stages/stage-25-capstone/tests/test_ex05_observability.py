"""Tests for ex05: Prometheus metrics, JSON logs and the observability middleware."""

from __future__ import annotations

import io
import itertools
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from practice.observability import (
    JsonFormatter,
    Metrics,
    ObservabilityMiddleware,
    format_number,
    route_for,
)
from practice.rest_api import USER_KEY


class ScriptedApp:
    """Inner app: advances the clock by ``cost`` seconds and answers a fixed status."""

    def __init__(self, clock, cost: float = 0.02, status: str = "200 OK", boom: bool = False) -> None:
        self.clock, self.cost, self.status, self.boom = clock, cost, status, boom
        self.seen: list[dict[str, Any]] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        self.seen.append(environ)
        self.clock.advance(self.cost)
        if self.boom:
            raise RuntimeError("database exploded: password=hunter2")
        environ[USER_KEY] = 7
        start_response(self.status, [("Content-Type", "application/json")])
        return [b'{"ok": true}']


def capture_logger() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    logger = logging.getLogger(f"linkshelf.test.{next(_ids)}")
    logger.handlers.clear()
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    return logger, stream


_ids = itertools.count()


def build(make_client, clock, **app_kwargs: Any):
    metrics = Metrics()
    logger, stream = capture_logger()
    inner = ScriptedApp(clock, **app_kwargs)
    counter = itertools.count(1)
    app = ObservabilityMiddleware(
        inner, metrics=metrics, logger=logger, clock=clock, request_id_factory=lambda: f"req-{next(counter)}"
    )
    return make_client(app), inner, metrics, stream


def log_lines(stream: io.StringIO, expected: int) -> list[dict[str, Any]]:
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    assert len(lines) == expected, f"expected {expected} JSON log line(s), got {len(lines)}: {stream.getvalue()!r}"
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize(
    ("value", "want"), [(3.0, "3"), (0.25, "0.25"), (0, "0"), (1e-3, "0.001"), (float("inf"), "+Inf")]
)
def test_format_number(value: float, want: str) -> None:
    got = format_number(value)
    assert got == want, f"format_number({value!r}) should be {want!r}, got {got!r}"


def test_counter_values_and_label_order() -> None:
    metrics = Metrics()
    metrics.inc("jobs_total", {"queue": "mail", "result": "ok"})
    metrics.inc("jobs_total", {"result": "ok", "queue": "mail"}, amount=2)
    got = metrics.value("jobs_total", {"queue": "mail", "result": "ok"})
    assert got == 3, f"label order must not matter: the series should be 3, got {got!r}"
    assert metrics.value("jobs_total", {"queue": "sms", "result": "ok"}) == 0, "an unseen series reads as 0"


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.inc("jobs_total", amount=-1),
        lambda m: m.inc("9bad-name"),
        lambda m: m.inc("ok_total", {"bad-label": "x"}),
        lambda m: (m.inc("dual"), m.observe("dual", 1.0)),
    ],
    ids=["negative", "bad-metric-name", "bad-label-name", "counter-then-histogram"],
)
def test_metrics_reject_invalid_use(call: Callable[[Metrics], Any]) -> None:
    with pytest.raises(ValueError):
        call(Metrics())


def test_render_counter_exposition_text() -> None:
    metrics = Metrics()
    metrics.describe("jobs_total", "Jobs processed.")
    metrics.inc("jobs_total", {"queue": "b"})
    metrics.inc("jobs_total", {"queue": 'quote"back\\slash\nnewline'}, amount=2.5)
    want = (
        "# HELP jobs_total Jobs processed.\n"
        "# TYPE jobs_total counter\n"
        'jobs_total{queue="b"} 1\n'
        'jobs_total{queue="quote\\"back\\\\slash\\nnewline"} 2.5\n'
    )
    got = metrics.render()
    assert got == want, f"render() should produce exactly:\n{want}\ngot:\n{got}"


def test_render_histogram_with_cumulative_buckets() -> None:
    metrics = Metrics(buckets=[0.1, 1.0, 0.5])
    for value in (0.0625, 0.25, 0.25, 2.0):
        metrics.observe("latency_seconds", value, {"route": "/x"})
    want = (
        "# TYPE latency_seconds histogram\n"
        'latency_seconds_bucket{route="/x",le="0.1"} 1\n'
        'latency_seconds_bucket{route="/x",le="0.5"} 3\n'
        'latency_seconds_bucket{route="/x",le="1"} 3\n'
        'latency_seconds_bucket{route="/x",le="+Inf"} 4\n'
        'latency_seconds_sum{route="/x"} 2.5625\n'
        'latency_seconds_count{route="/x"} 4\n'
    )
    got = metrics.render()
    assert got == want, f"histogram render() should produce exactly:\n{want}\ngot:\n{got}"


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("/bookmarks", "/bookmarks"),
        ("/bookmarks/42", "/bookmarks/{id}"),
        ("/bookmarks/42/extra", "unmatched"),
        ("/users", "/users"),
        ("/tokens", "/tokens"),
        ("/healthz", "/healthz"),
        ("/wp-admin.php", "unmatched"),
    ],
)
def test_route_for_keeps_label_cardinality_low(path: str, want: str) -> None:
    got = route_for(path)
    assert got == want, f"route_for({path!r}) should be {want!r}, got {got!r}"


def test_json_formatter_fields_and_exceptions() -> None:
    logger, stream = capture_logger()
    logger.info("saved %s", "bookmark", extra={"ctx": {"request_id": "r1", "title": "naïve café"}})
    try:
        raise KeyError("missing")
    except KeyError:
        logger.exception("failed", extra={"ctx": {"request_id": "r2"}})
    first, second = log_lines(stream, 2)  # one line per record, even with a traceback
    assert {k: first[k] for k in ("level", "logger", "message", "request_id", "title")} == {
        "level": "INFO",
        "logger": logger.name,
        "message": "saved bookmark",
        "request_id": "r1",
        "title": "naïve café",
    }, f"unexpected first log object {first!r}"
    assert first["ts"].endswith("Z") and "T" in first["ts"], (
        f"ts should be ISO 8601 UTC ending in Z, got {first['ts']!r}"
    )
    assert "KeyError" in second.get("exc", ""), f"exceptions should appear as text under 'exc', got {second!r}"


def test_request_ids_are_generated_and_echoed(make_client, clock) -> None:
    client, inner, _, _ = build(make_client, clock)
    resp = client.get("/bookmarks")
    assert resp.header("X-Request-ID") == "req-1", f"a new request id should come from the factory, got {resp.headers}"
    assert inner.seen[0].get("linkshelf.request_id") == "req-1", (
        "the inner app should see environ['linkshelf.request_id']"
    )


@pytest.mark.parametrize(
    ("incoming", "want"),
    [("abc-123_x.y", "abc-123_x.y"), ("has space", "req-1"), ("x" * 65, "req-1"), ("evil\x7fbyte", "req-1")],
)
def test_incoming_request_id_is_validated(make_client, clock, incoming: str, want: str) -> None:
    client, _, _, _ = build(make_client, clock)
    resp = client.get("/bookmarks", environ={"HTTP_X_REQUEST_ID": incoming})
    assert resp.header("X-Request-ID") == want, f"X-Request-ID {incoming!r} should become {want!r}, got {resp.headers}"


@pytest.mark.filterwarnings("ignore:Unknown REQUEST_METHOD")
def test_requests_are_counted_and_timed(make_client, clock) -> None:
    client, _, metrics, _ = build(make_client, clock, cost=0.02)
    client.get("/bookmarks/1")
    client.get("/bookmarks/2")
    client.request("BREW", "/bookmarks/2")
    got = metrics.value("http_requests_total", {"method": "GET", "route": "/bookmarks/{id}", "status": "200"})
    assert got == 2, f"two GETs to /bookmarks/<n> should count under route '/bookmarks/{{id}}', got {got!r}"
    other = metrics.value("http_requests_total", {"method": "OTHER", "route": "/bookmarks/{id}", "status": "200"})
    assert other == 1, "unknown methods should be labelled OTHER to keep cardinality bounded"
    text = metrics.render()
    line = 'http_request_duration_seconds_bucket{method="GET",route="/bookmarks/{id}",le="0.025"} 2'
    assert line in text, f"each request took 0.02s on the injected clock; expected the line {line!r} in:\n{text}"


def test_metrics_endpoint(make_client, clock) -> None:
    client, inner, _, _ = build(make_client, clock)
    client.get("/bookmarks")
    resp = client.get("/metrics")
    assert resp.status == 200, f"GET /metrics should be 200, got {resp.describe()}"
    assert resp.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8", "wrong Prometheus Content-Type"
    text = resp.body.decode()
    assert "# TYPE http_requests_total counter" in text and "# TYPE http_request_duration_seconds histogram" in text
    assert 'route="/metrics"' not in text, "scrapes of /metrics itself should not be recorded"
    assert len(inner.seen) == 1, "/metrics is answered by the middleware, not passed to the inner app"


def test_access_log_line_per_request(make_client, clock) -> None:
    client, _, _, stream = build(make_client, clock, cost=0.0125)
    client.get("/bookmarks?token=secret-in-query")
    (line,) = log_lines(stream, 1)
    want = {
        "request_id": "req-1",
        "method": "GET",
        "path": "/bookmarks",
        "route": "/bookmarks",
        "status": 200,
        "duration_ms": 12.5,
        "user_id": 7,
    }
    assert {k: line.get(k) for k in want} == want, f"the access log should contain {want!r}, got {line!r}"
    assert "secret-in-query" not in stream.getvalue(), "query strings can hold secrets and must not be logged"


def test_unhandled_exception_becomes_500_problem(make_client, clock) -> None:
    client, _, metrics, stream = build(make_client, clock, boom=True)
    resp = client.get("/bookmarks")
    assert resp.status == 500, f"an exception in the app should become a 500 response, got {resp.describe()}"
    body = resp.json()
    assert body.get("request_id") == "req-1" and body.get("status") == 500, (
        f"500 problem should carry request_id: {body!r}"
    )
    assert "hunter2" not in resp.body.decode(), "the response must not leak exception details"
    (line,) = log_lines(stream, 1)
    assert line["level"] == "ERROR" and "RuntimeError" in line.get("exc", ""), f"log the error with traceback: {line!r}"
    assert metrics.value("http_requests_total", {"method": "GET", "route": "/bookmarks", "status": "500"}) == 1
