"""Tests for ex04: static file serving that refuses path traversal."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice.safe_file_serving import UnsafePathError, resolve_static_path, serve_static

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}


@pytest.mark.parametrize(
    ("url_path", "relative"),
    [
        ("/index.html", "index.html"),
        ("css/site.css", "css/site.css"),
        ("/docs/", "docs/index.html"),
        ("/", "index.html"),
        ("/docs/a%20b.txt", "docs/a b.txt"),
        ("/caf%C3%A9.txt", "caf\u00e9.txt"),
        ("/home.html", "index.html"),
        ("/missing.txt", "missing.txt"),
    ],
    ids=["plain", "no-leading-slash", "dir-index", "root-index", "space", "utf8", "inner-symlink", "missing"],
)
def test_resolve_maps_paths_inside_the_root(site: Path, url_path: str, relative: str) -> None:
    got = resolve_static_path(site, url_path)
    want = site.resolve() / relative
    assert got == want, f"resolve_static_path(root, {url_path!r}) should be {want}, got {got}"


@pytest.mark.parametrize(
    "url_path",
    [
        "/../secret.txt",
        "../secret.txt",
        "/css/../../secret.txt",
        "/css/../index.html",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%2Fetc/passwd",
        "/index.html\x00.png",
        "/index.html%00.png",
        "/leak",
        "/.env",
        "/css//site.css",
        "/./index.html",
        "/%ff.txt",
    ],
)
def test_resolve_refuses_traversal(site: Path, url_path: str) -> None:
    with pytest.raises(UnsafePathError):
        resolve_static_path(site, url_path)


def test_unsafe_path_error_is_a_value_error(site: Path) -> None:
    with pytest.raises(ValueError):
        resolve_static_path(site, "/../secret.txt")


@pytest.mark.parametrize(
    ("url_path", "content_type", "body"),
    [
        ("/index.html", "text/html; charset=utf-8", b"<h1>home</h1>"),
        ("/css/site.css", "text/css; charset=utf-8", b"body { color: black; }"),
        ("/docs/", "text/html; charset=utf-8", b"<h1>docs</h1>"),
        ("/caf%C3%A9.txt", "text/plain; charset=utf-8", "cr\u00e8me".encode()),
        ("/data.bin", "application/octet-stream", b"\x00\x01\x02"),
    ],
)
def test_serve_returns_files_with_headers(site: Path, url_path: str, content_type: str, body: bytes) -> None:
    status, headers, got = serve_static(site, url_path)
    assert status == 200, f"serve_static({url_path!r}) should be 200, got {status}"
    want = {"Content-Type": content_type, "Content-Length": str(len(body)), "X-Content-Type-Options": "nosniff"}
    assert headers == want, f"headers for {url_path!r}: want {want!r}, got {headers!r}"
    assert got == body, f"body for {url_path!r}: want {body!r}, got {got!r}"


@pytest.mark.parametrize(
    ("url_path", "status"),
    [
        ("/../secret.txt", 403),
        ("/leak", 403),
        ("/%2e%2e/secret.txt", 403),
        ("/.env", 403),
        ("/missing.txt", 404),
        ("/css", 404),
        ("/%252e%252e/secret.txt", 404),
    ],
)
def test_serve_answers_403_for_unsafe_and_404_for_missing(site: Path, url_path: str, status: int) -> None:
    got_status, headers, body = serve_static(site, url_path)
    want_body = b"Forbidden" if status == 403 else b"Not Found"
    assert (got_status, headers, body) == (status, PLAIN, want_body), (
        f"serve_static({url_path!r}) should answer {status} {want_body!r}, got {got_status} {headers!r} {body!r}"
    )
    assert b"SECRET" not in body, f"the secret outside the root leaked through {url_path!r}"
