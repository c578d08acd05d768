"""Tests for ex01: parsing, building and resolving http(s) URLs."""

from __future__ import annotations

import pytest
from practice.url_parts import URL, build_url, join_url, parse_url, same_origin


@pytest.mark.parametrize(
    ("url", "want"),
    [
        (
            "https://shop.example.com/cart",
            URL("https", "shop.example.com", 443, "/cart", {}, ""),
        ),
        (
            "HTTP://Example.COM",
            URL("http", "example.com", 80, "/", {}, ""),
        ),
        (
            "http://localhost:8000/api/v1/items?limit=10&offset=20",
            URL("http", "localhost", 8000, "/api/v1/items", {"limit": ["10"], "offset": ["20"]}, ""),
        ),
        (
            "https://shop.example.com/caf%C3%A9?q=tea+cup&q=mug%21",
            URL("https", "shop.example.com", 443, "/caf\u00e9", {"q": ["tea cup", "mug!"]}, ""),
        ),
        (
            "http://[::1]:8080/health?verbose=#top",
            URL("http", "::1", 8080, "/health", {"verbose": [""]}, "top"),
        ),
        (
            "https://example.com/a+b?x=%2B1",
            URL("https", "example.com", 443, "/a+b", {"x": ["+1"]}, ""),
        ),
        (
            "https://example.com/docs#section%202",
            URL("https", "example.com", 443, "/docs", {}, "section 2"),
        ),
    ],
)
def test_parse_url(url: str, want: URL) -> None:
    got = parse_url(url)
    assert got == want, f"parse_url({url!r})\n  want {want}\n  got  {got!r}"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "example.com/path",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "http:///no-host",
        "https://user:secret@example.com/",
        "https://example.com:99999/",
        "https://example.com:0/",
        "https://example.com:http/",
        "https://example.com/a b",
        " https://example.com/",
        "https://example.com/\r\nSet-Cookie:x=1",
    ],
)
def test_parse_url_rejects(url: str) -> None:
    with pytest.raises(ValueError):
        parse_url(url)


@pytest.mark.parametrize(
    ("kwargs", "want"),
    [
        ({"scheme": "https", "host": "example.com"}, "https://example.com/"),
        ({"scheme": "HTTP", "host": "Example.com", "path": ""}, "http://example.com/"),
        ({"scheme": "https", "host": "example.com", "port": 443}, "https://example.com/"),
        ({"scheme": "http", "host": "example.com", "port": 8080, "path": "/x"}, "http://example.com:8080/x"),
        ({"scheme": "https", "host": "example.com", "path": "/a b/caf\u00e9"}, "https://example.com/a%20b/caf%C3%A9"),
        (
            {"scheme": "https", "host": "example.com", "path": "/search", "query": {"q": "fish & chips", "page": "2"}},
            "https://example.com/search?q=fish%20%26%20chips&page=2",
        ),
        (
            {"scheme": "https", "host": "example.com", "query": {"tag": ["a", "b/c"], "empty": ""}},
            "https://example.com/?tag=a&tag=b%2Fc&empty=",
        ),
        ({"scheme": "https", "host": "example.com", "query": {}}, "https://example.com/"),
        ({"scheme": "http", "host": "::1", "port": 8000}, "http://[::1]:8000/"),
        ({"scheme": "https", "host": "b\u00fccher.example"}, "https://xn--bcher-kva.example/"),
        ({"scheme": "https", "host": "example.com", "fragment": "part 2"}, "https://example.com/#part%202"),
    ],
)
def test_build_url(kwargs: dict[str, object], want: str) -> None:
    got = build_url(**kwargs)  # type: ignore[arg-type]
    assert got == want, f"build_url(**{kwargs!r}) should be {want!r}, got {got!r}"


def test_build_then_parse_round_trips() -> None:
    query = {"q": ["na\u00efve = 100%", "x&y"], "emoji": ["\N{SNOWMAN}"]}
    url = build_url(
        "https", "api.example.com", "/v1/caf\N{LATIN SMALL LETTER E WITH ACUTE}/a b", query, 8443, "frag ment"
    )
    got = parse_url(url)
    want = URL("https", "api.example.com", 8443, "/v1/caf\u00e9/a b", query, "frag ment")
    assert got == want, (
        f"parse_url(build_url(...)) should give the parts back\n  url  {url}\n  want {want}\n  got  {got!r}"
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"scheme": "ftp", "host": "example.com"},
        {"scheme": "https", "host": ""},
        {"scheme": "https", "host": "example.com", "path": "relative/path"},
        {"scheme": "https", "host": "example.com", "port": 70000},
        {"scheme": "https", "host": "example.com", "port": 0},
    ],
)
def test_build_url_rejects(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        build_url(**kwargs)  # type: ignore[arg-type]


BASE = "https://api.example.com/v1/users/?page=1"


@pytest.mark.parametrize(
    ("reference", "want"),
    [
        ("42", "https://api.example.com/v1/users/42"),
        ("../orders", "https://api.example.com/v1/orders"),
        ("/health", "https://api.example.com/health"),
        ("?page=2", "https://api.example.com/v1/users/?page=2"),
        ("//cdn.example.com/app.js", "https://cdn.example.com/app.js"),
        ("http://other.example/x", "http://other.example/x"),
    ],
)
def test_join_url(reference: str, want: str) -> None:
    got = join_url(BASE, reference)
    assert got == want, f"join_url({BASE!r}, {reference!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("base", "reference"),
    [
        (BASE, "javascript:alert(1)"),
        (BASE, "mailto:admin@example.com"),
        ("/relative/base", "x"),
        ("ftp://files.example.com/", "x"),
    ],
)
def test_join_url_rejects(base: str, reference: str) -> None:
    with pytest.raises(ValueError):
        join_url(base, reference)


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [
        ("http://example.com", "http://example.com:80/x?y=1", True),
        ("https://Example.com/a", "https://example.COM:443/b#c", True),
        ("http://example.com", "https://example.com", False),
        ("https://example.com", "https://example.com:8443", False),
        ("https://example.com", "https://api.example.com", False),
        ("http://[::1]:8000/", "http://[::1]:8000/docs", True),
    ],
)
def test_same_origin(a: str, b: str, want: bool) -> None:
    got = same_origin(a, b)
    assert got is want, f"same_origin({a!r}, {b!r}) should be {want}, got {got!r}"


def test_same_origin_rejects_bad_urls() -> None:
    with pytest.raises(ValueError):
        same_origin("https://example.com", "not a url")
