"""ex05: pure ASGI middleware around a real framework, tested with TestClient."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi import Request as FastAPIRequest
from practice.asgi_middleware import BodySizeLimitMiddleware, RequestIDMiddleware, header_value
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

Message = dict[str, Any]


def ids(*values: str) -> Callable[[], str]:
    remaining = list(values)
    return lambda: remaining.pop(0)


def starlette_app(events: list[str], bodies: list[bytes]) -> Starlette:
    """A Starlette app that reports the request id and the body it was given."""

    async def whoami(request: Request) -> JSONResponse:
        return JSONResponse({"request_id": request.state.request_id})

    async def stamped(request: Request) -> JSONResponse:
        return JSONResponse({"ok": True}, headers={"x-request-id": "set-by-the-app"})

    async def upload(request: Request) -> JSONResponse:
        body = await request.body()
        bodies.append(body)
        return JSONResponse({"size": len(body)})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        events.append("startup")
        yield
        events.append("shutdown")

    return Starlette(
        routes=[Route("/whoami", whoami), Route("/stamped", stamped), Route("/upload", upload, methods=["POST"])],
        lifespan=lifespan,
    )


def call_asgi(app: Any, scope: dict[str, Any], incoming: list[Message]) -> list[Message]:
    """Run one ASGI connection by hand and return the messages the app sent."""
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(dict(message))

    asyncio.run(app(scope, receive, send))
    return sent


def http_scope(headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {"type": "http", "method": "POST", "path": "/upload", "headers": headers or []}


def chunks(*parts: bytes) -> list[Message]:
    return [
        {"type": "http.request", "body": part, "more_body": index < len(parts) - 1} for index, part in enumerate(parts)
    ]


def recording_app(received: list[bytes]) -> Any:
    """An inner ASGI app that reads the whole body and answers 200."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        received.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


@pytest.mark.parametrize(
    ("headers", "name", "want"),
    [
        ([(b"content-length", b"12")], "content-length", "12"),
        ([(b"content-length", b"12")], "Content-Length", "12"),
        ([(b"x-a", b"1"), (b"x-a", b"2")], "x-a", "1"),
        ([(b"x-name", "caf\u00e9".encode("latin-1"))], "x-name", "caf\u00e9"),
        ([], "x-missing", None),
    ],
)
def test_header_value(headers: list[tuple[bytes, bytes]], name: str, want: str | None) -> None:
    got = header_value({"type": "http", "headers": headers}, name)
    assert got == want, f"header_value(headers={headers!r}, {name!r}) should be {want!r}, got {got!r}"


def test_request_id_reaches_the_app_and_the_response() -> None:
    app = RequestIDMiddleware(starlette_app([], []), generate=ids("gen-1", "gen-2"))
    client = TestClient(app)
    response = client.get("/whoami")
    assert response.json() == {"request_id": "gen-1"}, (
        f"the app should see the generated id as request.state.request_id, got {response.text}"
    )
    assert response.headers.get("x-request-id") == "gen-1", "the response should carry the same id"
    response = client.get("/whoami", headers={"X-Request-ID": "upstream.42"})
    assert (response.json()["request_id"], response.headers.get("x-request-id")) == ("upstream.42", "upstream.42"), (
        f"a valid incoming id (from a proxy) is kept, got {response.text} / {response.headers}"
    )
    response = client.get("/whoami", headers={"X-Request-ID": "no spaces allowed"})
    assert response.headers.get("x-request-id") == "gen-2", "an invalid incoming id is replaced"


def test_request_id_replaces_an_id_the_app_set() -> None:
    client = TestClient(RequestIDMiddleware(starlette_app([], []), generate=ids("gen-1")))
    response = client.get("/stamped")
    values = response.headers.get_list("x-request-id")
    assert values == ["gen-1"], f"the response must carry exactly one x-request-id, ours, got {values}"
    assert response.json() == {"ok": True}, "the body is untouched"


def test_request_id_with_a_custom_header_on_fastapi() -> None:
    app = FastAPI()

    @app.get("/trace")
    def trace(request: FastAPIRequest) -> dict[str, str]:
        return {"seen": request.state.request_id}

    app.add_middleware(RequestIDMiddleware, header="X-Correlation-ID", generate=ids("corr-1"))
    response = TestClient(app).get("/trace")
    assert (response.json(), response.headers.get("x-correlation-id")) == ({"seen": "corr-1"}, "corr-1"), (
        f"add_middleware(RequestIDMiddleware, header='X-Correlation-ID') should work on FastAPI, "
        f"got {response.text} / {dict(response.headers)}"
    )
    assert "x-request-id" not in response.headers, "only the configured header is set"


@pytest.mark.parametrize("wrap", ["request_id", "body_limit"])
def test_lifespan_passes_through(wrap: str) -> None:
    events: list[str] = []
    inner = starlette_app(events, [])
    app: Any = (
        RequestIDMiddleware(inner, generate=ids("x"))
        if wrap == "request_id"
        else BodySizeLimitMiddleware(inner, max_bytes=10)
    )
    with TestClient(app) as client:
        assert events == ["startup"], f"{wrap} must pass the lifespan scope through, events: {events}"
        client.post("/upload", content=b"tiny")
    assert events == ["startup", "shutdown"], f"shutdown must run too, events: {events}"


def test_body_limit_with_test_client() -> None:
    bodies: list[bytes] = []
    client = TestClient(BodySizeLimitMiddleware(starlette_app([], bodies), max_bytes=10))
    exact = client.post("/upload", content=b"x" * 10)
    assert (exact.status_code, exact.json()) == (200, {"size": 10}), f"10 bytes fits max_bytes=10, got {exact.text}"
    big = client.post("/upload", content=b"x" * 11)
    assert (big.status_code, big.json()) == (413, {"error": "request body too large", "max_bytes": 10}), (
        f"11 bytes is too large, got {big.status_code} {big.text}"
    )

    def stream() -> Iterator[bytes]:
        yield b"x" * 6
        yield b"y" * 6

    streamed = client.post("/upload", content=stream())
    assert streamed.status_code == 413, f"a body without content-length is counted as it arrives, got {streamed.text}"
    assert bodies == [b"x" * 10], f"the app may only see the body that fitted, saw {bodies}"


def test_body_limit_counts_chunks_and_replays_the_body() -> None:
    received: list[bytes] = []
    app = BodySizeLimitMiddleware(recording_app(received), max_bytes=8)
    sent = call_asgi(app, http_scope(), chunks(b"abc", b"de", b"fgh"))
    assert received == [b"abcdefgh"], f"the inner app should get the 3 chunks as one 8-byte body, got {received}"
    assert sent[0]["status"] == 200, f"the inner app answers, got {sent}"
    received.clear()
    sent = call_asgi(app, http_scope(), chunks(b"abcd", b"efgh", b"i"))
    assert received == [], "a body that grows past the limit must never reach the app"
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413, f"expected a 413 start, got {sent}"
    body = json.loads(b"".join(m.get("body", b"") for m in sent[1:]))
    assert body == {"error": "request body too large", "max_bytes": 8}, body
    assert (b"connection", b"close") in [tuple(h) for h in sent[0]["headers"]], "a refusal closes the connection"


@pytest.mark.parametrize(
    ("headers", "status"),
    [([(b"content-length", b"999")], 413), ([(b"content-length", b"ten")], 400), ([(b"content-length", b"-1")], 400)],
)
def test_body_limit_trusts_no_one_but_checks_content_length_first(
    headers: list[tuple[bytes, bytes]], status: int
) -> None:
    received: list[bytes] = []
    incoming = chunks(b"x")
    sent = call_asgi(BodySizeLimitMiddleware(recording_app(received), max_bytes=100), http_scope(headers), incoming)
    assert sent and sent[0]["status"] == status, f"content-length {headers[0][1]!r} should give {status}, got {sent}"
    assert received == [], "the app must not be called"
    assert incoming == chunks(b"x"), "a refused content-length is answered without reading the body"


def test_body_limit_gives_up_quietly_when_the_client_disconnects() -> None:
    received: list[bytes] = []
    sent = call_asgi(
        BodySizeLimitMiddleware(recording_app(received), max_bytes=100),
        http_scope(),
        [{"type": "http.request", "body": b"abc", "more_body": True}, {"type": "http.disconnect"}],
    )
    assert (received, sent) == ([], []), f"after a disconnect nothing is called or sent, got {received} {sent}"


def test_body_limit_refuses_a_negative_limit() -> None:
    with pytest.raises(ValueError):
        BodySizeLimitMiddleware(recording_app([]), max_bytes=-1)
    assert BodySizeLimitMiddleware(recording_app([]), max_bytes=0).max_bytes == 0, "0 means: no body at all"
