"""Tests for ex04: decoding JSON request bodies and encoding JSON responses."""

from __future__ import annotations

import json

import pytest
from practice.json_body import HTTPError, decode_json_body, json_response, problem_response


@pytest.mark.parametrize(
    ("content_type", "body", "want"),
    [
        ("application/json", b'{"title": "Buy milk", "done": false}', {"title": "Buy milk", "done": False}),
        ("application/json; charset=utf-8", b"[1, 2.5, null]", [1, 2.5, None]),
        ('Application/JSON;Charset="UTF8"', b'"just a string"', "just a string"),
        ("application/merge-patch+json", b'{"done": true}', {"done": True}),
        (
            "application/json",
            '{"name": "Zo\u00eb", "city": "\u6771\u4eac"}'.encode(),
            {"name": "Zo\u00eb", "city": "\u6771\u4eac"},
        ),
        ("application/json", b"  \n 0 \n", 0),
    ],
)
def test_decode_valid_json(content_type: str, body: bytes, want: object) -> None:
    got = decode_json_body(content_type, body)
    assert got == want, f"decode_json_body({content_type!r}, {body!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonp", "application/json; charset=latin-1"],
)
def test_decode_wrong_content_type_is_415(content_type: str | None) -> None:
    with pytest.raises(HTTPError) as info:
        decode_json_body(content_type, b"{}")
    assert info.value.status == 415, (
        f"Content-Type {content_type!r} should be 415 Unsupported Media Type, got {info.value.status}"
    )


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"  \r\n ", id="whitespace"),
        pytest.param(b'{"a": 1,}', id="trailing-comma"),
        pytest.param(b"{'a': 1}", id="single-quotes"),
        pytest.param(b"\xff\xfe{}", id="not-utf8"),
        pytest.param(b"NaN", id="nan"),
        pytest.param(b'{"x": -Infinity}', id="infinity"),
        pytest.param(b'{"id": 1, "id": 2}', id="duplicate-key"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deeply-nested"),
    ],
)
def test_decode_bad_body_is_400(body: bytes) -> None:
    with pytest.raises(HTTPError) as info:
        decode_json_body("application/json", body)
    assert info.value.status == 400, f"a bad body should be 400 Bad Request, got {info.value.status}"
    assert info.value.detail, "the 400 should say what is wrong in .detail"


def test_decode_error_names_line_and_column() -> None:
    with pytest.raises(HTTPError) as info:
        decode_json_body("application/json", b'{\n  "a": 1,\n  "b": }')
    detail = info.value.detail
    assert "line 3" in detail and "column 8" in detail, (
        f"the detail should point at line 3 column 8 so the client can fix the body, got {detail!r}"
    )


def test_json_response_is_compact_utf8() -> None:
    status, headers, body = json_response({"name": "Zo\u00eb", "tags": ["a", "b"]}, 201)
    want_body = '{"name":"Zo\u00eb","tags":["a","b"]}'.encode()
    assert status == 201, f"status should be passed through, got {status}"
    assert body == want_body, f"body should be compact UTF-8 JSON {want_body!r}, got {body!r}"
    want_headers = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(want_body)))]
    assert headers == want_headers, f"headers should be {want_headers}, got {headers!r}"


@pytest.mark.parametrize(
    "data",
    [{"a": [1, 2, {"b": None}]}, [], "\u00e9t\u00e9", 3.25, True, None, {"emoji": "\N{SNOWMAN}"}],
)
def test_json_response_round_trips(data: object) -> None:
    status, headers, body = json_response(data)
    assert status == 200, f"default status should be 200, got {status}"
    content_type = dict(headers)["Content-Type"]
    got = decode_json_body(content_type, body)
    assert got == data, f"decoding our own response should give back {data!r}, got {got!r}"
    assert dict(headers)["Content-Length"] == str(len(body)), "Content-Length must count body bytes"


@pytest.mark.parametrize(
    ("data", "status", "error"),
    [
        ({"x": float("nan")}, 200, ValueError),
        ([float("inf")], 200, ValueError),
        ({"when": {1, 2}}, 200, TypeError),
        ({}, 100, ValueError),
        ({}, 600, ValueError),
    ],
)
def test_json_response_rejects(data: object, status: int, error: type[Exception]) -> None:
    with pytest.raises(error):
        json_response(data, status)


@pytest.mark.parametrize(
    ("status", "detail", "title"),
    [
        (404, "no order 42", "Not Found"),
        (400, "title is required", "Bad Request"),
        (503, "database is down", "Service Unavailable"),
    ],
)
def test_problem_response(status: int, detail: str, title: str) -> None:
    got_status, headers, body = problem_response(status, detail)
    want = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    assert got_status == status, f"status should be {status}, got {got_status}"
    assert json.loads(body) == want, f"problem body should be {want}, got {body!r}"
    assert list(json.loads(body)) == list(want), f"keys should be in the order {list(want)}"
    assert dict(headers).get("Content-Type") == "application/problem+json", f"wrong Content-Type in {headers!r}"
    assert dict(headers).get("Content-Length") == str(len(body)), f"Content-Length must match body in {headers!r}"


@pytest.mark.parametrize("status", [200, 302, 399, 600, 499])
def test_problem_response_rejects_non_error_status(status: int) -> None:
    with pytest.raises(ValueError):
        problem_response(status, "x")
