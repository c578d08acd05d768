"""Tests for ex06: CSP builder with nonces, security headers and a header audit."""

from __future__ import annotations

from typing import Any

import pytest
from practice.security_headers import audit_headers, build_csp, new_nonce, parse_csp, security_headers

NONCE = "r4nd0mN0nce+/AAAAAAAAA=="


def test_new_nonce_is_base64_of_16_random_bytes() -> None:
    got = new_nonce(lambda n: bytes(range(n)))
    assert got == "AAECAwQFBgcICQoLDA0ODw==", f"new_nonce should base64-encode 16 bytes, got {got!r}"
    seen = {new_nonce() for _ in range(20)}
    assert len(seen) == 20, "new_nonce() must be random: 20 calls gave duplicates"
    assert all(len(nonce) == 24 for nonce in seen), f"nonces should be 24 characters, got {seen!r}"


@pytest.mark.parametrize(
    ("directives", "nonce", "want"),
    [
        ({"default-src": ["'self'"]}, None, "default-src 'self'"),
        (
            {"script-src": ["'self'"], "default-src": ["'none'"]},
            None,
            "default-src 'none'; script-src 'self'",
        ),
        ({"default-src": ["'self'"]}, "abc", "default-src 'self'; script-src 'nonce-abc'"),
        (
            {"script-src": ["'self'", "https://cdn.example"], "style-src": ["'self'"], "img-src": ["'self'", "data:"]},
            "n1",
            "script-src 'self' https://cdn.example 'nonce-n1'; style-src 'self' 'nonce-n1'; img-src 'self' data:",
        ),
        (
            {"img-src": ["'self'", "'self'", "https:"], "upgrade-insecure-requests": []},
            None,
            "img-src 'self' https:; upgrade-insecure-requests",
        ),
    ],
    ids=["single", "default-first", "nonce-creates-script-src", "nonce-in-script-and-style", "dedupe-and-bare"],
)
def test_build_csp(directives: dict[str, list[str]], nonce: str | None, want: str) -> None:
    got = build_csp(directives, nonce=nonce)
    assert got == want, f"build_csp({directives!r}, nonce={nonce!r}):\nwant {want!r}\ngot  {got!r}"


@pytest.mark.parametrize(
    ("directives", "nonce"),
    [
        ({"script-src": ["'self'", "'unsafe-inline'"]}, None),
        ({"default-src": ["'unsafe-eval'"]}, None),
        ({"Script-Src": ["'self'"]}, None),
        ({"script-src": ["'self'; object-src *"]}, None),
        ({"script-src": ["a b"]}, None),
        ({"script-src": [""]}, None),
        ({"script-src": ["'self'"]}, "bad nonce'"),
    ],
    ids=["unsafe-inline", "unsafe-eval", "uppercase-name", "semicolon-injection", "space", "empty", "bad-nonce"],
)
def test_build_csp_refuses_unsafe_or_malformed_input(directives: dict[str, list[str]], nonce: str | None) -> None:
    with pytest.raises(ValueError):
        build_csp(directives, nonce=nonce)


def test_security_headers_defaults() -> None:
    got = security_headers(NONCE)
    csp = (
        f"default-src 'self'; script-src 'self' 'nonce-{NONCE}'; style-src 'self' 'nonce-{NONCE}'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    want = {
        "Content-Security-Policy": csp,
        "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for name in want:
        assert got.get(name) == want[name], f"{name}: want {want[name]!r}, got {got.get(name)!r}"
    assert set(got) == set(want), f"unexpected or missing headers: {sorted(set(got) ^ set(want))}"
    assert audit_headers(got) == [], f"our own headers should pass the audit, got {audit_headers(got)!r}"


@pytest.mark.parametrize(
    ("kwargs", "name", "want"),
    [
        ({"https": False}, "Strict-Transport-Security", None),
        ({"preload": True}, "Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload"),
        ({"include_subdomains": False, "hsts_max_age": 600}, "Strict-Transport-Security", "max-age=600"),
        ({"frame_ancestors": "'self'"}, "X-Frame-Options", "SAMEORIGIN"),
        ({"frame_ancestors": "https://partner.example"}, "X-Frame-Options", None),
    ],
)
def test_security_headers_options(kwargs: dict[str, Any], name: str, want: str | None) -> None:
    got = security_headers(NONCE, **kwargs).get(name)
    assert got == want, f"security_headers(nonce, **{kwargs!r})[{name!r}] should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"preload": True, "include_subdomains": False},
        {"preload": True, "hsts_max_age": 86400},
        {"hsts_max_age": -1},
        {"frame_ancestors": "'unsafe-inline'"},
    ],
)
def test_security_headers_refuse_bad_options(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        security_headers(NONCE, **kwargs)


def test_parse_csp() -> None:
    got = parse_csp("Default-Src 'self' ;; script-src  'self'  'nonce-x'; script-src *; upgrade-insecure-requests")
    want = {"default-src": ["'self'"], "script-src": ["'self'", "'nonce-x'"], "upgrade-insecure-requests": []}
    assert got == want, f"parse_csp: want {want!r}, got {got!r}"


GOOD = {
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
    "strict-transport-security": "max-age=31536000",
    "x-content-type-options": "nosniff",
}


@pytest.mark.parametrize(
    ("changes", "want"),
    [
        ({}, []),
        ({"content-security-policy": None}, ["csp-missing", "frame-protection-missing"]),
        ({"content-security-policy": None, "X-Frame-Options": "DENY"}, ["csp-missing"]),
        (
            {"content-security-policy": "script-src 'self' 'unsafe-inline'; frame-ancestors 'self'"},
            ["csp-unsafe-inline"],
        ),
        ({"content-security-policy": "script-src 'unsafe-inline' 'nonce-abc'; frame-ancestors 'self'"}, []),
        (
            {"content-security-policy": "default-src 'unsafe-inline' https:"},
            ["csp-unsafe-inline", "csp-wildcard-script", "frame-protection-missing"],
        ),
        ({"content-security-policy": "default-src *; script-src 'self'; frame-ancestors 'none'"}, []),
        ({"strict-transport-security": None}, ["hsts-missing"]),
        ({"strict-transport-security": "max-age=86400; includeSubDomains"}, ["hsts-short"]),
        ({"strict-transport-security": "includeSubDomains; MAX-AGE=31536000"}, []),
        ({"strict-transport-security": "max-age=forever"}, ["hsts-short"]),
        ({"x-content-type-options": " NoSniff "}, []),
        ({"x-content-type-options": None}, ["nosniff-missing"]),
    ],
)
def test_audit_headers(changes: dict[str, str | None], want: list[str]) -> None:
    headers = {**GOOD}
    for name, value in changes.items():
        if value is None:
            headers.pop(name, None)
        else:
            headers[name] = value
    shouted = {name.upper() if i % 2 else name.title(): value for i, (name, value) in enumerate(headers.items())}
    got = audit_headers(shouted)
    assert got == want, f"audit_headers({shouted!r}) should find {want!r}, got {got!r}"
