"""Tests for ex05: routing raw requests and serving them over a loopback socket."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from practice.http_message import Request
from practice.tiny_server import Routes, TinyHTTPServer, handle_raw

CLIENT_TIMEOUT = 3.0


def parse_response(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Split response bytes into (status, headers with lower-case names, body)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    assert sep, f"response has no blank line ending its headers: {raw[:200]!r}"
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 "), f"status line should start with 'HTTP/1.1 ', got {lines[0]!r}"
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def hello(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    return 200, [("Content-Type", "text/plain")], b"hello, world"


def echo(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    return 201, [("Content-Type", "application/octet-stream")], request.body[::-1]


def crash(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    raise RuntimeError("secret database password is hunter2")


def bad_header(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    return 200, [("X-Oops", "line\r\nbreak")], b""


ROUTES: Routes = {
    "/hello": {"GET": hello},
    "/echo": {"POST": echo, "PUT": echo},
    "/crash": {"GET": crash},
    "/bad-header": {"GET": bad_header},
}


def request_bytes(method: str, target: str, body: bytes = b"") -> bytes:
    head = f"{method} {target} HTTP/1.1\r\nHost: test\r\n"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


@pytest.mark.parametrize(
    ("raw", "want_status"),
    [
        (request_bytes("GET", "/hello"), 200),
        (request_bytes("GET", "/hello?name=ada"), 200),
        (request_bytes("GET", "/nowhere"), 404),
        (request_bytes("GET", "/hello/"), 404),
        (request_bytes("DELETE", "/hello"), 405),
        (request_bytes("GET", "/crash"), 500),
        (request_bytes("GET", "/bad-header"), 500),
        (b"NONSENSE\r\n\r\n", 400),
        (b"GET /hello HTTP/1.1\r\n\r\n", 400),
        (request_bytes("GET", "http://test/hello"), 400),
    ],
)
def test_handle_raw_status(raw: bytes, want_status: int) -> None:
    status, headers, _ = parse_response(handle_raw(raw, ROUTES))
    assert status == want_status, f"handle_raw({raw!r}) should answer {want_status}, got {status}"
    assert headers.get("connection") == "close", f"every response needs 'Connection: close', got {headers!r}"


def test_handle_raw_calls_the_handler() -> None:
    status, headers, body = parse_response(handle_raw(request_bytes("POST", "/echo", b"abc"), ROUTES))
    assert (status, body) == (201, b"cba"), f"the /echo POST handler reverses the body with 201, got {(status, body)!r}"
    assert headers.get("content-length") == "3", f"Content-Length should be 3, got {headers.get('content-length')!r}"


def test_handle_raw_405_lists_allowed_methods() -> None:
    status, headers, _ = parse_response(handle_raw(request_bytes("GET", "/echo"), ROUTES))
    assert status == 405, f"GET on a POST/PUT route is 405, got {status}"
    assert headers.get("allow") == "POST, PUT", f"Allow should be 'POST, PUT', got {headers.get('allow')!r}"
    status, headers, _ = parse_response(handle_raw(request_bytes("POST", "/hello"), ROUTES))
    assert headers.get("allow") == "GET, HEAD", (
        f"a GET route also allows HEAD: want 'GET, HEAD', got {headers.get('allow')!r}"
    )


def test_handle_raw_head_has_headers_but_no_body() -> None:
    raw = handle_raw(request_bytes("HEAD", "/hello"), ROUTES)
    status, headers, body = parse_response(raw)
    assert status == 200, f"HEAD on a GET route should be 200, got {status}"
    assert headers.get("content-length") == "12", (
        f"HEAD keeps GET's Content-Length (12), got {headers.get('content-length')!r}"
    )
    assert body == b"", f"a HEAD response has no body bytes, got {body!r}"


def test_handle_raw_500_does_not_leak_the_exception() -> None:
    _, _, body = parse_response(handle_raw(request_bytes("GET", "/crash"), ROUTES))
    assert b"hunter2" not in body, f"the 500 body must not contain the exception text, got {body!r}"


@contextmanager
def running(routes: Routes, **options: float) -> Iterator[int]:
    server = TinyHTTPServer(routes, **options)  # type: ignore[arg-type]
    port = server.start()
    try:
        yield port
    finally:
        server.stop()


def exchange(port: int, *parts: bytes, close_write: bool = True) -> bytes:
    """Connect, send each part, optionally half-close, and read until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT) as sock:
        for part in parts:
            sock.sendall(part)
        if close_write:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        try:
            while chunk := sock.recv(4096):
                chunks.append(chunk)
        except TimeoutError as exc:
            raise AssertionError(f"server did not answer and close within {CLIENT_TIMEOUT}s") from exc
    return b"".join(chunks)


def test_server_answers_over_loopback() -> None:
    with running(ROUTES) as port:
        assert isinstance(port, int) and port > 0, f"start() should return the real port the OS picked, got {port!r}"
        status, headers, body = parse_response(exchange(port, request_bytes("GET", "/hello")))
    assert (status, body) == (200, b"hello, world"), f"GET /hello over a socket, got {(status, body)!r}"
    assert headers.get("content-type") == "text/plain", f"handler's Content-Type missing in {headers!r}"


def test_server_error_statuses_over_loopback() -> None:
    with running(ROUTES) as port:
        got = [
            parse_response(exchange(port, raw))[0]
            for raw in (request_bytes("GET", "/missing"), request_bytes("PATCH", "/hello"), b"HELLO?\r\n\r\n")
        ]
    assert got == [404, 405, 400], f"unknown path, wrong method, garbage should give [404, 405, 400], got {got}"


def test_server_waits_for_a_body_sent_in_pieces() -> None:
    body = b"x" * 50_000 + b"END"
    head = f"PUT /echo HTTP/1.1\r\nHost: test\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    with running(ROUTES) as port:
        raw = exchange(port, head[:10], head[10:], body[:1000], body[1000:], close_write=False)
    status, _, got = parse_response(raw)
    assert status == 201, f"a request split over several sends is still one request; want 201, got {status}"
    assert got == body[::-1], f"the server must read all {len(body)} body bytes, echo returned {len(got)} bytes"


def test_server_handles_many_requests() -> None:
    calls = []

    def count(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
        calls.append(request.target)
        return 200, [], str(len(calls)).encode()

    with running({"/count": {"GET": count}}) as port:
        bodies = [parse_response(exchange(port, request_bytes("GET", f"/count?i={i}")))[2] for i in range(5)]
    assert bodies == [b"1", b"2", b"3", b"4", b"5"], f"five requests should be served in turn, got {bodies}"
    assert calls == [f"/count?i={i}" for i in range(5)], f"the handler gets the full target, got {calls}"


def test_server_rejects_huge_body_with_413() -> None:
    head = b"POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 10000000\r\n\r\n"
    with running(ROUTES, max_body_bytes=1000) as port:
        status, _, _ = parse_response(exchange(port, head, close_write=False))
    assert status == 413, f"Content-Length above max_body_bytes must be refused with 413 at once, got {status}"


def test_server_times_out_silent_client_with_408() -> None:
    with running(ROUTES, timeout=0.3) as port:
        status, _, _ = parse_response(exchange(port, b"GET /hello HTTP/1.1\r\nHost: te", close_write=False))
    assert status == 408, f"a client that stops sending mid-request should get 408 after the timeout, got {status}"


def test_slow_client_does_not_block_others() -> None:
    with running(ROUTES, timeout=10.0) as port:
        slow = socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT)
        try:
            slow.sendall(b"GET /hello HTTP/1.1\r\n")
            result: list[bytes] = []
            worker = threading.Thread(target=lambda: result.append(exchange(port, request_bytes("GET", "/hello"))))
            worker.start()
            worker.join(CLIENT_TIMEOUT + 1)
        finally:
            slow.close()
    assert result, (
        "a second client got no answer while the first one was still sending: serve each connection in its own thread"
    )
    assert parse_response(result[0])[0] == 200, f"the second client should get 200, got {result[0][:60]!r}"


def test_stop_closes_the_port() -> None:
    server = TinyHTTPServer(ROUTES)
    port = server.start()
    server.stop()
    server.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT).close()
