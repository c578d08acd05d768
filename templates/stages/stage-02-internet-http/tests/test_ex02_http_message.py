"""Tests for ex02: raw HTTP/1.1 requests in, raw responses out."""

from __future__ import annotations

import pytest
from practice.http_message import Headers, HTTPParseError, parse_request, serialize_response


def test_headers_are_case_insensitive_and_ordered() -> None:
    h = Headers([("Content-Type", "text/plain")])
    h.add("Accept", "text/html")
    h.add("accept", "application/json")
    assert h.get("CONTENT-TYPE") == "text/plain", f"get() ignores case, got {h.get('CONTENT-TYPE')!r}"
    assert h.get("Accept") == "text/html", f"get() returns the first value, got {h.get('Accept')!r}"
    got_all = h.get_all("ACCEPT")
    assert got_all == ["text/html", "application/json"], f"get_all() keeps every value in order, got {got_all!r}"
    assert "content-type" in h, "'content-type' in h should be True for a Content-Type field"
    assert "X-Missing" not in h, "a field that was never added is not in the headers"
    assert len(h) == 3, f"len() counts each field, repeated names too: want 3, got {len(h)}"
    want_items = [("Content-Type", "text/plain"), ("Accept", "text/html"), ("accept", "application/json")]
    assert h.items() == want_items, f"items() keeps names as added, got {h.items()!r}"


def test_headers_missing_field() -> None:
    h = Headers()
    assert h.get("Host") is None, f"get() of a missing field is None, got {h.get('Host')!r}"
    assert h.get("Host", "fallback") == "fallback", "get() returns the given default for a missing field"
    assert h.get_all("Host") == [], f"get_all() of a missing field is [], got {h.get_all('Host')!r}"
    assert len(h) == 0, f"empty Headers has length 0, got {len(h)}"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-Note", "ok\r\nSet-Cookie: admin=1"),
        ("X-Note", "line\nbreak"),
        ("X-Note", "nul\0byte"),
        ("Bad Name", "value"),
        ("Bad:Name", "value"),
        ("", "value"),
    ],
)
def test_headers_reject_injection(name: str, value: str) -> None:
    with pytest.raises(ValueError):
        Headers().add(name, value)


def test_parse_simple_get() -> None:
    raw = b"GET /search?q=tea HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: curl/8.5\r\n\r\n"
    req = parse_request(raw)
    got = (req.method, req.target, req.version, req.body)
    want = ("GET", "/search?q=tea", "HTTP/1.1", b"")
    assert got == want, f"method/target/version/body should be {want}, got {got!r}"
    assert req.headers.get("host") == "shop.example.com", f"Host header lost, got {req.headers.items()!r}"
    assert len(req.headers) == 2, f"two header lines make two fields, got {len(req.headers)}"


def test_parse_post_reads_exactly_content_length() -> None:
    raw = b"POST /notes HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\n"
    req = parse_request(raw)
    assert req.body == b"hello", (
        f"body is exactly Content-Length (5) bytes; the rest is the next request. got {req.body!r}"
    )


def test_parse_keeps_utf8_body_bytes() -> None:
    body = '{"name": "Zo\u00eb"}'.encode()
    raw = b"PUT /users/7 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(
        body
    )
    req = parse_request(raw + body)
    assert req.body == body, f"Content-Length counts bytes, not characters; want {body!r}, got {req.body!r}"


def test_parse_header_values_are_trimmed_and_repeatable() -> None:
    raw = b"GET / HTTP/1.1\r\nHost:   example.com \t\r\nAccept: text/html\r\naccept: */*\r\nX-Empty:\r\n\r\n"
    req = parse_request(raw)
    assert req.headers.get("Host") == "example.com", (
        f"spaces/tabs around values are trimmed, got {req.headers.get('Host')!r}"
    )
    assert req.headers.get_all("Accept") == ["text/html", "*/*"], (
        f"both Accept fields kept, got {req.headers.get_all('Accept')!r}"
    )
    assert req.headers.get("X-Empty") == "", f"an empty value is allowed, got {req.headers.get('X-Empty')!r}"


def test_parse_http10_without_host() -> None:
    req = parse_request(b"GET /old HTTP/1.0\r\n\r\n")
    assert (req.method, req.version) == ("GET", "HTTP/1.0"), "HTTP/1.0 does not require a Host header"


def test_parse_repeated_equal_content_length_is_fine() -> None:
    raw = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"
    assert parse_request(raw).body == b"ok", "repeated Content-Length fields that agree are allowed"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"GET / HTTP/1.1\r\nHost: x\r\n", id="no-blank-line"),
        pytest.param(b"GET / HTTP/1.1\nHost: x\n\n", id="bare-LF"),
        pytest.param(b"GET /\r\n\r\n", id="two-part-request-line"),
        pytest.param(b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n", id="double-space"),
        pytest.param(b"get / HTTP/1.1\r\nHost: x\r\n\r\n", id="lowercase-method"),
        pytest.param(b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", id="wrong-version"),
        pytest.param(b"GET / HTTPS/1.1\r\nHost: x\r\n\r\n", id="bad-protocol"),
        pytest.param(b"GET / HTTP/1.1\r\nHost x\r\n\r\n", id="header-without-colon"),
        pytest.param(b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", id="space-before-colon"),
        pytest.param(b"GET / HTTP/1.1\r\n: x\r\nHost: x\r\n\r\n", id="empty-header-name"),
        pytest.param(b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n b\r\n\r\n", id="obs-fold"),
        pytest.param(b"GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", id="missing-host"),
        pytest.param(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", id="two-hosts"),
        pytest.param(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", id="non-numeric-length"),
        pytest.param(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", id="negative-length"),
        pytest.param(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            id="conflicting-lengths",
        ),
        pytest.param(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nshort", id="body-too-short"),
        pytest.param(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", id="chunked"),
    ],
)
def test_parse_rejects_malformed(raw: bytes) -> None:
    with pytest.raises(HTTPParseError) as info:
        parse_request(raw)
    assert isinstance(info.value, ValueError), "HTTPParseError should subclass ValueError"


def test_serialize_ok_response_exact_bytes() -> None:
    got = serialize_response(200, [("Content-Type", "text/plain")], b"hi")
    want = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"
    assert got == want, f"\n  want {want!r}\n  got  {got!r}"


@pytest.mark.parametrize(
    ("status", "headers", "body", "want"),
    [
        (404, [], b"nope", b"HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope"),
        (
            201,
            [("Location", "/notes/7")],
            b"",
            b"HTTP/1.1 201 Created\r\nLocation: /notes/7\r\nContent-Length: 0\r\n\r\n",
        ),
        (204, [("X-Request-Id", "abc")], b"", b"HTTP/1.1 204 No Content\r\nX-Request-Id: abc\r\n\r\n"),
        (304, [], b"", b"HTTP/1.1 304 Not Modified\r\n\r\n"),
        (200, [("content-length", "3")], b"abc", b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc"),
        (299, [], b"", b"HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n"),
        (200, [], "caf\u00e9".encode(), b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\ncaf\xc3\xa9"),
    ],
)
def test_serialize_response(status: int, headers: list[tuple[str, str]], body: bytes, want: bytes) -> None:
    got = serialize_response(status, headers, body)
    assert got == want, f"serialize_response({status}, {headers}, {body!r})\n  want {want!r}\n  got  {got!r}"


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        pytest.param(99, [], b"", id="status-too-low"),
        pytest.param(600, [], b"", id="status-too-high"),
        pytest.param(204, [], b"x", id="body-on-204"),
        pytest.param(200, [("Content-Length", "9")], b"abc", id="wrong-content-length"),
        pytest.param(302, [("Location", "/a\r\nSet-Cookie: s=1")], b"", id="response-splitting"),
        pytest.param(200, [("Bad Header", "x")], b"", id="bad-name"),
        pytest.param(200, [("X-Price", "5\u20ac")], b"", id="not-latin-1"),
    ],
)
def test_serialize_rejects(status: int, headers: list[tuple[str, str]], body: bytes) -> None:
    with pytest.raises(ValueError):
        serialize_response(status, headers, body)
