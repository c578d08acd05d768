"""Tests for ex02: RED metrics middleware around a WSGI app."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from practice.metrics import CONTENT_TYPE, Registry
from practice.red_middleware import REDMiddleware, normalize_path

Scrape = Callable[[str], dict[str, float]]


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...


def call(app: Any, path: str, method: str = "GET", *, close_twice: bool = False) -> tuple[str, list[Any], bytes]:
    environ: dict[str, Any] = {"SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": "", "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[Any], exc_info: Any = None) -> Callable[[bytes], None]:
        seen["status"], seen["headers"] = status, headers
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
            if close_twice:
                close()
    return seen.get("status", ""), seen.get("headers", []), body


def ok_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def not_found_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"nope"]


def crashing_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    raise RuntimeError("database exploded")


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("/users/42", "/users/:id"),
        ("/users/42/orders/7F1C2B3A-0D4E-4F5A-9B6C-7D8E9F0A1B2C", "/users/:id/orders/:id"),
        ("/blobs/3f786850e387550fdab836ed7e6dc881de23001b", "/blobs/:id"),
        ("/v2/users", "/v2/users"),
        ("/products/abc123", "/products/abc123"),
        ("/teams/42/", "/teams/:id/"),
        ("", "/"),
        ("/", "/"),
        ("/caf\u00e9/\u0661\u0662", "/caf\u00e9/\u0661\u0662"),
    ],
    ids=["digits", "uuid", "sha1", "version-prefix", "word-with-digits", "trailing-slash", "empty", "root", "unicode"],
)
def test_normalize_path(path: str, want: str) -> None:
    got = normalize_path(path)
    assert got == want, f"normalize_path({path!r}) should be {want!r}, got {got!r}"


def test_requests_are_counted_by_method_route_and_status(clock: Clock, scrape: Scrape) -> None:
    registry = Registry()
    app = validator(REDMiddleware(ok_app, registry, clock=clock))
    for path in ("/users/42", "/users/7", "/health"):
        call(app, path)
    call(app, "/users/9", method="POST")
    got = {k: v for k, v in scrape(registry.exposition()).items() if k.startswith("http_requests_total")}
    want = {
        'http_requests_total{method="GET",route="/users/:id",status="200"}': 2.0,
        'http_requests_total{method="GET",route="/health",status="200"}': 1.0,
        'http_requests_total{method="POST",route="/users/:id",status="200"}': 1.0,
    }
    assert got == want, f"requests should be grouped by route template, want {want!r}, got {got!r}"


def test_status_and_method_labels(clock: Clock, scrape: Scrape) -> None:
    registry = Registry()
    call(REDMiddleware(not_found_app, registry, clock=clock), "/x", method="BREW")
    got = {k: v for k, v in scrape(registry.exposition()).items() if k.startswith("http_requests_total")}
    want = {'http_requests_total{method="OTHER",route="/x",status="404"}': 1.0}
    assert got == want, f"unknown methods become OTHER and the status code comes from start_response: {got!r}"


def test_duration_covers_streaming_until_close(clock: Clock, scrape: Scrape) -> None:
    def streaming_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterator[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        clock.advance(0.05)
        yield b"part 1"
        clock.advance(0.25)
        yield b"part 2"
        clock.advance(0.5)

    registry = Registry()
    app = validator(REDMiddleware(streaming_app, registry, clock=clock, buckets=[0.1, 1.0]))
    status, _, body = call(app, "/export")
    assert (status, body) == ("200 OK", b"part 1part 2"), f"the body must pass through unchanged, got {body!r}"
    got = scrape(registry.exposition())
    labels = 'method="GET",route="/export"'
    assert got[f"http_request_duration_seconds_sum{{{labels}}}"] == pytest.approx(0.8), (
        "the duration should run from the call until close(): 0.05 + 0.25 + 0.5 = 0.8 s, "
        f"got {got.get(f'http_request_duration_seconds_sum{{{labels}}}')}"
    )
    assert got[f'http_request_duration_seconds_bucket{{{labels},le="0.1"}}'] == 0, "0.8 s is not <= 0.1"
    assert got[f'http_request_duration_seconds_bucket{{{labels},le="1"}}'] == 1, "0.8 s is <= 1"


def test_in_flight_gauge_rises_during_a_request(clock: Clock, scrape: Scrape) -> None:
    registry = Registry()
    seen: list[float] = []

    def peeking_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        seen.append(scrape(registry.exposition())["http_requests_in_flight"])
        return ok_app(environ, start_response)

    call(REDMiddleware(peeking_app, registry, clock=clock), "/")
    assert seen == [1.0], f"while the app runs, http_requests_in_flight should be 1, saw {seen!r}"
    after = scrape(registry.exposition())["http_requests_in_flight"]
    assert after == 0.0, f"after close() it should be back to 0, got {after}"


def test_exception_in_app_is_recorded_as_500_and_reraised(clock: Clock, scrape: Scrape) -> None:
    registry = Registry()
    app = REDMiddleware(crashing_app, registry, clock=clock)
    with pytest.raises(RuntimeError, match="database exploded"):
        call(app, "/orders/5")
    got = scrape(registry.exposition())
    assert got.get('http_requests_total{method="GET",route="/orders/:id",status="500"}') == 1.0, (
        f"a crash counts as a 500: {got!r}"
    )
    assert got["http_requests_in_flight"] == 0.0, "a crashed request must not stay in flight forever"


def test_exception_while_streaming_is_recorded_once(clock: Clock, scrape: Scrape) -> None:
    closed: list[bool] = []

    class Body:
        def __iter__(self) -> Iterator[bytes]:
            yield b"first"
            raise OSError("disk gone")

        def close(self) -> None:
            closed.append(True)

    def broken_stream(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return Body()

    registry = Registry()
    with pytest.raises(OSError, match="disk gone"):
        call(REDMiddleware(broken_stream, registry, clock=clock), "/download")
    got = {k: v for k, v in scrape(registry.exposition()).items() if k.startswith("http_requests_total")}
    want = {'http_requests_total{method="GET",route="/download",status="500"}': 1.0}
    assert got == want, f"a stream that fails is one 500, not a 200 as well: {got!r}"
    assert closed == [True], f"the app's iterable must still be closed exactly once, got {closed!r}"


def test_double_close_records_once_and_closes_inner(clock: Clock, scrape: Scrape) -> None:
    closed: list[bool] = []

    class Body(list[bytes]):
        def close(self) -> None:
            closed.append(True)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response("201 Created", [("Content-Type", "text/plain")])
        return Body([b"made"])

    registry = Registry()
    call(REDMiddleware(app, registry, clock=clock), "/things", method="post", close_twice=True)
    got = scrape(registry.exposition())
    assert got['http_requests_total{method="POST",route="/things",status="201"}'] == 1.0, f"got {got!r}"
    assert got['http_request_duration_seconds_count{method="POST",route="/things"}'] == 1.0, "one observation"
    assert got["http_requests_in_flight"] == 0.0, (
        f"in flight must not go negative, got {got['http_requests_in_flight']}"
    )
    assert closed, "the app iterable's close() must be called"


def test_metrics_endpoint_serves_the_registry_and_is_not_counted(clock: Clock, scrape: Scrape) -> None:
    registry = Registry()
    calls: list[str] = []

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        calls.append(environ["PATH_INFO"])
        return ok_app(environ, start_response)

    middleware = validator(REDMiddleware(app, registry, clock=clock))
    call(middleware, "/")
    status, headers, body = call(middleware, "/metrics")
    assert status == "200 OK", f"/metrics should answer 200 OK, got {status!r}"
    assert ("Content-Type", CONTENT_TYPE) in headers, f"/metrics needs Content-Type {CONTENT_TYPE!r}: {headers!r}"
    assert calls == ["/"], f"/metrics is answered by the middleware, not the app: app saw {calls!r}"
    got = scrape(body.decode("utf-8"))
    counted = [k for k in got if k.startswith("http_requests_total")]
    assert counted == ['http_requests_total{method="GET",route="/",status="200"}'], (
        f"scrapes are not counted: {counted}"
    )


def test_custom_route_for_and_duplicate_registration(clock: Clock, scrape: Scrape) -> None:
    registry = Registry()
    app = REDMiddleware(
        ok_app, registry, clock=clock, route_for=lambda path: "/api/*" if path.startswith("/api") else "other"
    )
    call(app, "/api/v1/things")
    call(app, "/favicon.ico")
    got = {k: v for k, v in scrape(registry.exposition()).items() if k.startswith("http_requests_total")}
    want = {
        'http_requests_total{method="GET",route="/api/*",status="200"}': 1.0,
        'http_requests_total{method="GET",route="other",status="200"}': 1.0,
    }
    assert got == want, f"route_for decides the route label: want {want!r}, got {got!r}"
    with pytest.raises(ValueError):
        REDMiddleware(ok_app, registry, clock=clock)
