"""ex03: a middleware chain on plain callables, where the order matters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from practice.middleware import (
    Middleware,
    access_log,
    bearer_auth,
    compose,
    cors,
    json_errors,
    request_id,
)
from practice.router import Handler, HTTPError, MethodNotAllowed, Request, Response

ORIGIN = "https://app.example.com"
TOKENS = {"t-alice": "alice"}


def ids(*values: str) -> Callable[[], str]:
    """A predictable id generator."""
    remaining = list(values)
    return lambda: remaining.pop(0)


def echo_handler(request: Request) -> Response:
    """Answer with what the middleware put in the context."""
    return Response.json({"user": request.context.get("user"), "request_id": request.context.get("request_id")})


def tracer(name: str, trace: list[str]) -> Middleware:
    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            trace.append(f"{name}:in")
            response = call_next(request)
            trace.append(f"{name}:out")
            return response

        return handle

    return middleware


def test_compose_puts_the_first_middleware_outermost() -> None:
    trace: list[str] = []

    def handler(request: Request) -> Response:
        trace.append("handler")
        return Response()

    app = compose(handler, [tracer("a", trace), tracer("b", trace), tracer("c", trace)])
    app(Request("GET", "/"))
    assert trace == ["a:in", "b:in", "c:in", "handler", "c:out", "b:out", "a:out"], (
        f"compose(h, [a, b, c]) must behave like a(b(c(h))), got {trace}"
    )
    assert compose(handler, [])(Request("GET", "/")).status == 200, "no middleware means the bare handler"


@pytest.mark.parametrize(
    ("incoming", "want"),
    [
        (None, "gen-1"),
        ("abc-123_X.y", "abc-123_X.y"),
        ("", "gen-1"),
        ("has space", "gen-1"),
        ("x" * 65, "gen-1"),
        ("x" * 64, "x" * 64),
        ("caf\u00e9", "gen-1"),
    ],
)
def test_request_id(incoming: str | None, want: str) -> None:
    app = compose(echo_handler, [request_id(ids("gen-1"))])
    headers = {} if incoming is None else {"x-request-id": incoming}
    response = app(Request("GET", "/", headers=headers))
    assert response.headers.get("x-request-id") == want, (
        f"incoming x-request-id {incoming!r} should give {want!r}, got {response.headers.get('x-request-id')!r}"
    )
    assert response.json_body()["request_id"] == want, "the handler must see the same id in request.context"


def test_access_log_records_status_duration_and_id() -> None:
    ticks = iter([10.0, 10.25, 20.0, 20.0125])
    entries: list[dict[str, Any]] = []

    def boom(request: Request) -> Response:
        raise RuntimeError("kaput")

    ok = compose(echo_handler, [request_id(ids("r1")), access_log(entries.append, lambda: next(ticks))])
    ok(Request("get", "/things"))
    failing = compose(boom, [access_log(entries.append, lambda: next(ticks))])
    with pytest.raises(RuntimeError):
        failing(Request("POST", "/boom"))
    assert entries == [
        {"method": "GET", "path": "/things", "status": 200, "duration_ms": 250.0, "request_id": "r1"},
        {"method": "POST", "path": "/boom", "status": 500, "duration_ms": 12.5, "request_id": None},
    ], f"expected one entry per request (a crash logs 500 and re-raises), got {entries}"


def test_cors_preflight_is_answered_without_calling_the_handler() -> None:
    calls: list[str] = []

    def handler(request: Request) -> Response:
        calls.append(request.method)
        return Response()

    app = compose(handler, [cors([ORIGIN], allowed_methods=("GET", "POST"), max_age=60)])
    preflight = Request("OPTIONS", "/items", {"origin": ORIGIN, "access-control-request-method": "post"})
    response = app(preflight)
    assert response.status == 204, f"an allowed preflight is 204, got {response.status}"
    assert {k: v for k, v in response.headers.items() if k.startswith("access-control") or k == "vary"} == {
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "authorization, content-type",
        "access-control-max-age": "60",
        "vary": "Origin",
    }, f"wrong preflight headers: {response.headers}"
    assert calls == [], "the preflight must be answered by the middleware"


@pytest.mark.parametrize(
    ("origin", "method"),
    [("https://evil.example", "GET"), (ORIGIN, "DELETE"), ("https://app.example.com.evil.example", "GET")],
)
def test_cors_rejects_bad_preflights(origin: str, method: str) -> None:
    app = compose(echo_handler, [cors([ORIGIN], allowed_methods=("GET", "POST"))])
    response = app(Request("OPTIONS", "/x", {"origin": origin, "access-control-request-method": method}))
    assert response.status == 403, f"preflight from {origin} for {method} should be 403, got {response.status}"
    assert not any(k.startswith("access-control") for k in response.headers), (
        f"a rejected preflight carries no access-control headers, got {response.headers}"
    )


def test_cors_labels_simple_requests() -> None:
    def handler(request: Request) -> Response:
        return Response(headers={"vary": "Accept"})

    app = compose(handler, [cors([ORIGIN])])
    allowed = app(Request("GET", "/x", {"origin": ORIGIN}))
    assert allowed.headers.get("access-control-allow-origin") == ORIGIN, f"got {allowed.headers}"
    assert allowed.headers.get("vary") == "Accept, Origin", f"Origin is added to Vary, got {allowed.headers}"
    other = app(Request("GET", "/x", {"origin": "https://evil.example"}))
    assert "access-control-allow-origin" not in other.headers, "a foreign origin gets no CORS header"
    plain = app(Request("GET", "/x"))
    assert plain.headers == {"vary": "Accept"}, f"no Origin header means nothing changes, got {plain.headers}"
    star = compose(handler, [cors(["*"])])(Request("GET", "/x", {"origin": "https://any.example"}))
    assert star.headers.get("access-control-allow-origin") == "*", "with '*' the wildcard is echoed"


@pytest.mark.parametrize(
    ("path", "headers", "user"),
    [
        ("/me", {"authorization": "Bearer t-alice"}, "alice"),
        ("/me", {"authorization": "bearer t-alice"}, "alice"),
        ("/health", {}, None),
    ],
)
def test_bearer_auth_accepts(path: str, headers: dict[str, str], user: str | None) -> None:
    app = compose(echo_handler, [bearer_auth(TOKENS, public_paths={"/health"})])
    got = app(Request("GET", path, headers)).json_body()["user"]
    assert got == user, f"GET {path} with {headers} should run as {user!r}, got {got!r}"


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer nope"}, {"authorization": "Basic t-alice"}, {"authorization": "t-alice"}],
)
def test_bearer_auth_rejects(headers: dict[str, str]) -> None:
    app = compose(echo_handler, [bearer_auth(TOKENS, public_paths={"/health"})])
    with pytest.raises(HTTPError) as caught:
        app(Request("GET", "/me", headers))
    assert (caught.value.status, caught.value.headers) == (401, {"www-authenticate": "Bearer"}), (
        f"{headers} should raise HTTPError 401 with www-authenticate: Bearer, "
        f"got {caught.value.status} {caught.value.headers}"
    )


def test_json_errors_renders_http_errors_and_hides_crashes() -> None:
    reported: list[Exception] = []

    def not_allowed(request: Request) -> Response:
        raise MethodNotAllowed("PUT", ("GET", "HEAD", "OPTIONS"))

    def crash(request: Request) -> Response:
        raise KeyError("secret-table")

    response = compose(not_allowed, [json_errors(reported.append)])(Request("PUT", "/x"))
    assert (response.status, response.json_body()) == (405, {"error": "method PUT not allowed", "status": 405}), (
        f"an HTTPError becomes a JSON response with its status, got {response.status} {response.body!r}"
    )
    assert response.headers.get("allow") == "GET, HEAD, OPTIONS", "the HTTPError's headers must be kept"
    response = compose(crash, [json_errors(reported.append)])(Request("GET", "/x"))
    assert (response.status, response.json_body()) == (500, {"error": "internal server error", "status": 500}), (
        f"an unexpected exception becomes a generic 500, got {response.status} {response.body!r}"
    )
    assert b"secret" not in response.body, "the exception text must not leak"
    assert len(reported) == 1 and isinstance(reported[0], KeyError), f"the crash is reported once, got {reported}"
    fine = compose(echo_handler, [json_errors()])(Request("GET", "/x"))
    assert fine.status == 200, "a normal response passes through untouched"


def test_order_cors_must_be_outside_auth() -> None:
    preflight = Request("OPTIONS", "/me", {"origin": ORIGIN, "access-control-request-method": "GET"})
    good = compose(echo_handler, [json_errors(), cors([ORIGIN]), bearer_auth(TOKENS)])
    assert good(preflight).status == 204, "with CORS outside auth, a browser's preflight (no token) succeeds"
    bad = compose(echo_handler, [json_errors(), bearer_auth(TOKENS), cors([ORIGIN])])
    response = bad(Request("OPTIONS", "/me", {"origin": ORIGIN, "access-control-request-method": "GET"}))
    assert response.status == 401, (
        f"with auth outside CORS the preflight is rejected for lacking a token: that is the bug, got {response.status}"
    )


def test_order_error_responses_carry_the_request_id_only_when_errors_are_inside() -> None:
    inside = compose(echo_handler, [request_id(ids("id-1")), json_errors(), bearer_auth(TOKENS)])
    response = inside(Request("GET", "/me"))
    assert (response.status, response.headers.get("x-request-id")) == (401, "id-1"), (
        f"[request_id, json_errors, auth]: the 401 is a response by the time request_id sees it, got {response!r}"
    )
    outside = compose(echo_handler, [json_errors(), request_id(ids("id-2")), bearer_auth(TOKENS)])
    response = outside(Request("GET", "/me"))
    assert response.status == 401 and "x-request-id" not in response.headers, (
        f"[json_errors, request_id, auth]: the exception skips request_id's labelling, got {response!r}"
    )
