"""Tests for ex02: liveness and readiness endpoints for a WSGI app."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from practice.health_endpoints import HealthApp


class Response:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.code = int(status.split()[0])
        self.headers = headers
        self.body = body

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def call(app: Callable[..., Iterable[bytes]], path: str, method: str = "GET") -> Response:
    """Call a WSGI app through wsgiref's protocol validator, like a real server would."""
    environ: dict[str, Any] = {"SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": "", "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        seen["status"], seen["headers"] = status, headers
        return lambda data: None

    result = validator(app)(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    assert "status" in seen, f"{method} {path}: start_response was never called"
    return Response(seen["status"], seen["headers"], body)


class Probe:
    """A readiness check that counts its calls and returns or raises what it is told."""

    def __init__(self, result: object = None, error: Exception | None = None) -> None:
        self.result, self.error, self.calls = result, error, 0

    def __call__(self) -> object:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.result


def fallback_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello from ", environ["PATH_INFO"].encode()]


def test_liveness_is_ok_and_runs_no_checks() -> None:
    db = Probe(error=ConnectionError("db down"))
    app = HealthApp({"db": db}, version="abc123")
    response = call(app, "/livez")
    assert response.status == "200 OK", f"/livez should be '200 OK' even with the db down, got {response.status!r}"
    assert response.json() == {"status": "ok", "version": "abc123"}, f"/livez body: {response.body!r}"
    assert db.calls == 0, f"/livez must not run dependency checks (restarting cannot fix the db), ran {db.calls}"


def test_ready_when_every_check_passes() -> None:
    checks = {"db": Probe(), "cache": Probe(result=True)}
    response = call(HealthApp(checks), "/readyz")
    assert response.status == "200 OK", f"all checks pass so /readyz should be 200 OK, got {response.status!r}"
    want = {"status": "ready", "checks": {"cache": "ok", "db": "ok"}}
    assert response.json() == want, f"/readyz body should be {want!r}, got {response.json()!r}"
    assert [p.calls for p in checks.values()] == [1, 1], "each check should run exactly once per request"


@pytest.mark.parametrize(
    ("probe", "entry"),
    [
        (Probe(result=False), "fail"),
        (Probe(error=ConnectionRefusedError("10.0.0.5:5432 password=hunter2")), "fail: ConnectionRefusedError"),
        (Probe(error=TimeoutError()), "fail: TimeoutError"),
    ],
    ids=["returns-false", "raises-with-secret", "times-out"],
)
def test_not_ready_when_a_check_fails(probe: Probe, entry: str) -> None:
    response = call(HealthApp({"db": probe, "cache": Probe()}), "/readyz")
    assert response.status == "503 Service Unavailable", f"a failing check means 503, got {response.status!r}"
    want = {"status": "not ready", "checks": {"cache": "ok", "db": entry}}
    assert response.json() == want, f"/readyz body should be {want!r}, got {response.json()!r}"
    assert b"hunter2" not in response.body and b"10.0.0.5" not in response.body, "never leak exception messages"


def test_draining_makes_readiness_fail_without_running_checks() -> None:
    db = Probe()
    app = HealthApp({"db": db})
    assert app.draining is False, "a new app is not draining"
    app.start_draining()
    assert app.draining is True, "start_draining() should set draining"
    response = call(app, "/readyz")
    assert response.code == 503 and response.json() == {"status": "draining"}, (
        f"while draining /readyz should be 503 {{'status': 'draining'}}, got {response.status} {response.body!r}"
    )
    assert db.calls == 0, "a draining app should not bother running checks"
    live = call(app, "/livez")
    assert live.code == 200, f"draining must not fail liveness (the process would be killed), got {live.status!r}"


def test_no_checks_means_ready() -> None:
    response = call(HealthApp(), "/readyz")
    assert (response.code, response.json()) == (200, {"status": "ready", "checks": {}}), (
        f"with no checks the app is ready, got {response.status} {response.body!r}"
    )


@pytest.mark.parametrize("path", ["/livez", "/readyz"])
def test_json_headers(path: str) -> None:
    response = call(HealthApp({"db": Probe()}), path)
    names = [key.lower() for key, _ in response.headers]
    assert names == ["content-type", "cache-control", "content-length"], f"{path} headers: {response.headers!r}"
    assert response.header("Content-Type") == "application/json", f"{path} should be JSON: {response.headers!r}"
    assert response.header("Cache-Control") == "no-store", "health answers must never be cached"
    assert response.header("Content-Length") == str(len(response.body)), (
        f"Content-Length should be {len(response.body)}, got {response.header('Content-Length')!r}"
    )


@pytest.mark.parametrize("path", ["/livez", "/readyz"])
def test_head_has_headers_but_no_body(path: str) -> None:
    app = HealthApp({"db": Probe()}, version="v1")
    get = call(app, path)
    head = call(app, path, method="HEAD")
    assert head.status == get.status, f"HEAD {path} status should equal GET's {get.status!r}, got {head.status!r}"
    assert head.body == b"", f"HEAD {path} must have an empty body, got {head.body!r}"
    assert head.header("Content-Length") == str(len(get.body)), "HEAD should announce the GET body's length"


@pytest.mark.parametrize("method", ["POST", "DELETE", "PUT"])
def test_other_methods_get_405_with_allow(method: str) -> None:
    db = Probe()
    response = call(HealthApp({"db": db}), "/readyz", method=method)
    assert response.status == "405 Method Not Allowed", f"{method} /readyz should be 405, got {response.status!r}"
    assert response.header("Allow") == "GET, HEAD", f"405 needs 'Allow: GET, HEAD', got {response.headers!r}"
    assert response.json() == {"error": "method not allowed"}, f"405 body: {response.body!r}"
    assert db.calls == 0, "a rejected method must not run checks"


@pytest.mark.parametrize("path", ["/", "/orders/42", "/livez/", "/READYZ", "/readyz.json"])
def test_other_paths_go_to_the_wrapped_app_or_404(path: str) -> None:
    wrapped = call(HealthApp(app=fallback_app), path)
    assert (wrapped.code, wrapped.body) == (200, b"hello from " + path.encode()), (
        f"{path} is not a health path, so the wrapped app should answer; got {wrapped.status} {wrapped.body!r}"
    )
    alone = call(HealthApp(), path)
    assert alone.status == "404 Not Found", (
        f"without a wrapped app {path} should be '404 Not Found', got {alone.status!r}"
    )
    assert alone.json() == {"error": "not found"}, f"404 body: {alone.body!r}"
