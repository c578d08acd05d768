"""Tests for ex03: status classes, safe retries and content negotiation."""

from __future__ import annotations

import pytest
from practice.status_negotiation import is_retryable, negotiate, parse_accept, status_class


@pytest.mark.parametrize(
    ("code", "want"),
    [
        (100, "informational"),
        (101, "informational"),
        (200, "success"),
        (204, "success"),
        (299, "success"),
        (301, "redirection"),
        (304, "redirection"),
        (400, "client_error"),
        (404, "client_error"),
        (429, "client_error"),
        (499, "client_error"),
        (500, "server_error"),
        (503, "server_error"),
        (599, "server_error"),
    ],
)
def test_status_class(code: int, want: str) -> None:
    got = status_class(code)
    assert got == want, f"status_class({code}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("code", [0, 99, 600, 1000, -200])
def test_status_class_rejects_out_of_range(code: int) -> None:
    with pytest.raises(ValueError):
        status_class(code)


@pytest.mark.parametrize("code", ["200", 200.0, True, None])
def test_status_class_rejects_non_int(code: object) -> None:
    with pytest.raises(TypeError):
        status_class(code)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("method", "status", "want"),
    [
        ("GET", 503, True),
        ("get", 502, True),
        ("PUT", 504, True),
        ("DELETE", 500, True),
        ("POST", 503, False),
        ("PATCH", 502, False),
        ("POST", 429, True),
        ("POST", 408, True),
        ("GET", 404, False),
        ("GET", 400, False),
        ("GET", 501, False),
        ("GET", 200, False),
        ("GET", 302, False),
    ],
)
def test_is_retryable(method: str, status: int, want: bool) -> None:
    got = is_retryable(method, status)
    assert got is want, f"is_retryable({method!r}, {status}) should be {want}, got {got!r}"


def test_is_retryable_rejects_bad_status() -> None:
    with pytest.raises(ValueError):
        is_retryable("GET", 700)


@pytest.mark.parametrize(
    ("header", "want"),
    [
        ("application/json", [("application/json", 1.0)]),
        (
            "text/html, application/json;q=0.9, */*;q=0.1",
            [("text/html", 1.0), ("application/json", 0.9), ("*/*", 0.1)],
        ),
        ("Text/HTML ; level=1 ; Q=0.5", [("text/html", 0.5)]),
        ("image/*;q=0", [("image/*", 0.0)]),
        ("a/b,, c/d", [("a/b", 1.0), ("c/d", 1.0)]),
        ("", []),
    ],
)
def test_parse_accept(header: str, want: list[tuple[str, float]]) -> None:
    got = parse_accept(header)
    assert got == want, f"parse_accept({header!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    "header",
    ["text", "text/", "/json", "*/json", "text/html;q=abc", "text/html;q=1.5", "text/html;q=-0.1", "a/b/c"],
)
def test_parse_accept_rejects(header: str) -> None:
    with pytest.raises(ValueError):
        parse_accept(header)


JSON_FIRST = ["application/json", "text/html", "text/csv"]


@pytest.mark.parametrize(
    ("accept", "available", "want"),
    [
        ("application/json", JSON_FIRST, "application/json"),
        ("text/html,application/json;q=0.9", JSON_FIRST, "text/html"),
        ("*/*", JSON_FIRST, "application/json"),
        ("text/*", JSON_FIRST, "text/html"),
        ("text/*;q=0.5, application/json;q=0.4", ["application/json", "text/csv"], "text/csv"),
        ("application/json;q=0, */*", ["application/json", "application/xml"], "application/xml"),
        ("text/*;q=0.2, text/csv;q=0.9", JSON_FIRST, "text/csv"),
        ("image/png", JSON_FIRST, None),
        ("*/*;q=0", JSON_FIRST, None),
        (None, JSON_FIRST, "application/json"),
        ("   ", ["text/csv"], "text/csv"),
        ("APPLICATION/JSON", ["Application/Json"], "Application/Json"),
    ],
)
def test_negotiate(accept: str | None, available: list[str], want: str | None) -> None:
    got = negotiate(accept, available)
    assert got == want, f"negotiate({accept!r}, {available}) should be {want!r}, got {got!r}"


def test_negotiate_needs_something_to_offer() -> None:
    with pytest.raises(ValueError):
        negotiate("*/*", [])


def test_negotiate_rejects_malformed_accept() -> None:
    with pytest.raises(ValueError):
        negotiate("text/html;q=2", JSON_FIRST)
