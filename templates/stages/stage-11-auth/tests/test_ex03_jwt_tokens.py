"""Tests for ex03: HS256 JSON Web Tokens from scratch."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest
from practice.jwt_tokens import (
    AlgorithmNotAllowedError,
    ExpiredTokenError,
    InvalidAudienceError,
    InvalidIssuerError,
    InvalidSignatureError,
    MalformedTokenError,
    MissingClaimError,
    TokenError,
    TokenNotYetValidError,
    b64url_decode,
    b64url_encode,
    sign_jwt,
    verify_jwt,
)

KEY = b"0123456789abcdef0123456789abcdef"
NOW = 1_700_000_000


def enc(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def forge(header: Any, payload: Any, key: bytes = KEY, digest: Any = hashlib.sha256) -> str:
    """Build a token by hand, the way an attacker would (bytes are used as they are)."""
    h = enc(header if isinstance(header, bytes) else json.dumps(header).encode())
    p = enc(payload if isinstance(payload, bytes) else json.dumps(payload).encode())
    sig = enc(hmac.new(key, f"{h}.{p}".encode(), digest).digest()) if key else ""
    return f"{h}.{p}.{sig}"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", ""),
        (b"f", "Zg"),
        (b"fo", "Zm8"),
        (b"foo", "Zm9v"),
        (b"\xfb\xff", "-_8"),
        (b'{"alg":"HS256"}', "eyJhbGciOiJIUzI1NiJ9"),
    ],
)
def test_b64url_round_trip_without_padding(data: bytes, text: str) -> None:
    got = b64url_encode(data)
    assert got == text, f"b64url_encode({data!r}) should be {text!r} (no '=', '-' and '_'), got {got!r}"
    back = b64url_decode(text)
    assert back == data, f"b64url_decode({text!r}) should be {data!r}, got {back!r}"


@pytest.mark.parametrize("text", ["Zm8=", "a+b/", "Zm9vY", "Zm 9v", "Zm9v\u00e9", "Zm9v\n"])
def test_b64url_decode_rejects_non_canonical_text(text: str) -> None:
    with pytest.raises(MalformedTokenError):
        b64url_decode(text)


def test_sign_builds_the_exact_compact_token() -> None:
    claims = {"sub": "user-1", "role": "admin", "exp": NOW + 60}
    header = enc(b'{"alg":"HS256","typ":"JWT"}')
    payload = enc(json.dumps(claims, separators=(",", ":")).encode())
    sig = enc(hmac.new(KEY, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    want = f"{header}.{payload}.{sig}"
    got = sign_jwt(claims, KEY)
    assert got == want, (
        "sign_jwt should give base64url(header).base64url(payload).base64url(HMAC-SHA256) "
        f"with compact JSON:\n want {want}\n got  {got}"
    )


def test_verifies_the_rfc_7515_example_token() -> None:
    key = base64.urlsafe_b64decode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow=="
    )
    token = (
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    )
    got = verify_jwt(token, key, now=1300819000, issuer="joe")
    want = {"iss": "joe", "exp": 1300819380, "http://example.com/is_root": True}
    assert got == want, (
        "the RFC 7515 appendix A.1 token (whitespace inside its JSON, signed over the parts "
        f"as received) should verify to {want!r}, got {got!r}"
    )


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "42", "exp": NOW + 1},
        {"sub": "caf\u00e9 \u2615", "exp": NOW + 3600, "roles": ["admin", "editor"]},
        {"exp": NOW + 10.5, "nested": {"a": [1, 2, None, True]}},
    ],
)
def test_round_trip_returns_the_claims(claims: dict[str, Any]) -> None:
    token = sign_jwt(claims, KEY)
    got = verify_jwt(token, KEY, now=NOW)
    assert got == claims, f"verify_jwt(sign_jwt(claims)) should give back {claims!r}, got {got!r}"


@pytest.mark.parametrize(
    ("now", "leeway", "ok"),
    [
        (NOW + 59, 0, True),
        (NOW + 60, 0, False),
        (NOW + 1000, 0, False),
        (NOW + 89, 30, True),
        (NOW + 90, 30, False),
    ],
)
def test_exp_boundaries_with_leeway(now: int, leeway: int, ok: bool) -> None:
    token = sign_jwt({"sub": "1", "exp": NOW + 60}, KEY)
    if ok:
        got = verify_jwt(token, KEY, now=now, leeway=leeway)
        assert got["sub"] == "1", f"exp=NOW+60 at now=NOW+{now - NOW}, leeway={leeway} should be valid"
    else:
        with pytest.raises(ExpiredTokenError):
            verify_jwt(token, KEY, now=now, leeway=leeway)


@pytest.mark.parametrize(
    ("now", "leeway", "ok"),
    [
        (NOW - 1, 0, False),
        (NOW, 0, True),
        (NOW - 10, 10, True),
        (NOW - 11, 10, False),
    ],
)
def test_nbf_boundaries_with_leeway(now: int, leeway: int, ok: bool) -> None:
    token = sign_jwt({"nbf": NOW, "exp": NOW + 600}, KEY)
    if ok:
        got = verify_jwt(token, KEY, now=now, leeway=leeway)
        assert got["nbf"] == NOW, f"nbf=NOW at now=NOW{now - NOW:+d}, leeway={leeway} should be valid"
    else:
        with pytest.raises(TokenNotYetValidError):
            verify_jwt(token, KEY, now=now, leeway=leeway)


@pytest.mark.parametrize(
    "token",
    [
        forge({"alg": "none", "typ": "JWT"}, {"sub": "admin", "exp": NOW + 60}, key=b""),
        forge({"alg": "None"}, {"sub": "admin", "exp": NOW + 60}, key=b""),
        forge({"alg": "nOnE"}, {"sub": "admin", "exp": NOW + 60}),
        forge({"alg": "HS512"}, {"sub": "admin", "exp": NOW + 60}, digest=hashlib.sha512),
        forge({"alg": "RS256"}, {"sub": "admin", "exp": NOW + 60}),
        forge({"alg": "hs256"}, {"sub": "admin", "exp": NOW + 60}),
    ],
    ids=["none", "None", "nOnE-signed", "HS512", "RS256", "lowercase-hs256"],
)
def test_algorithm_confusion_is_refused(token: str) -> None:
    with pytest.raises(AlgorithmNotAllowedError):
        verify_jwt(token, KEY, now=NOW)


def _swap_payload(token: str) -> str:
    header, _, sig = token.split(".")
    evil = enc(json.dumps({"sub": "1", "role": "admin", "exp": NOW + 60}).encode())
    return f"{header}.{evil}.{sig}"


def _flip_last_signature_char(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize(
    "tamper",
    [
        _swap_payload,
        _flip_last_signature_char,
        lambda t: t.rsplit(".", 1)[0] + ".",
        lambda t: t[: t.rindex(".") + 11],
        lambda t: sign_jwt({"sub": "1", "role": "admin", "exp": NOW + 60}, b"z" * 32),
    ],
    ids=["swapped-payload", "flipped-signature", "empty-signature", "truncated-signature", "other-key"],
)
def test_tampered_tokens_are_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    token = sign_jwt({"sub": "1", "role": "user", "exp": NOW + 60}, KEY)
    bad = tamper(token)
    with pytest.raises(InvalidSignatureError):
        verify_jwt(bad, KEY, now=NOW)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "!!!.e30.sig",
        forge(b"not json", b"{}"),
        forge(b'["alg","HS256"]', b"{}"),
        forge({"typ": "JWT"}, {"exp": NOW + 60}),
        forge({"alg": 256}, {"exp": NOW + 60}),
        forge({"alg": "HS256"}, b"[1, 2]"),
        forge({"alg": "HS256"}, b"\xff\xfe"),
        forge({"alg": "HS256"}, {"exp": "tomorrow"}),
        forge({"alg": "HS256"}, {"exp": True}),
        forge({"alg": "HS256"}, {"exp": NOW + 60, "nbf": "now"}),
    ],
    ids=[
        "empty",
        "one-part",
        "two-parts",
        "four-parts",
        "header-not-base64url",
        "header-not-json",
        "header-not-object",
        "no-alg",
        "alg-not-string",
        "payload-not-object",
        "payload-not-utf8",
        "exp-string",
        "exp-bool",
        "nbf-string",
    ],
)
def test_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(MalformedTokenError):
        verify_jwt(token, KEY, now=NOW)


@pytest.mark.parametrize(
    ("aud", "audience", "ok"),
    [
        ("api", "api", True),
        (["web", "api"], "api", True),
        ("web", "api", False),
        (["web", "mobile"], "api", False),
        (None, "api", False),
        ("api", None, False),
        ([1, 2], "api", False),
    ],
)
def test_audience_rules(aud: Any, audience: str | None, ok: bool) -> None:
    claims: dict[str, Any] = {"sub": "1", "exp": NOW + 60}
    if aud is not None:
        claims["aud"] = aud
    token = sign_jwt(claims, KEY)
    if ok:
        got = verify_jwt(token, KEY, now=NOW, audience=audience)
        assert got["aud"] == aud, f"aud={aud!r} should be accepted for audience={audience!r}"
    else:
        with pytest.raises(InvalidAudienceError):
            verify_jwt(token, KEY, now=NOW, audience=audience)


@pytest.mark.parametrize(
    ("iss", "ok"), [("https://auth.example.com", True), ("https://evil.example", False), (None, False)]
)
def test_issuer_rules(iss: str | None, ok: bool) -> None:
    claims: dict[str, Any] = {"sub": "1", "exp": NOW + 60}
    if iss is not None:
        claims["iss"] = iss
    token = sign_jwt(claims, KEY)
    if ok:
        got = verify_jwt(token, KEY, now=NOW, issuer="https://auth.example.com")
        assert got["iss"] == iss, "a matching issuer should be accepted"
    else:
        with pytest.raises(InvalidIssuerError):
            verify_jwt(token, KEY, now=NOW, issuer="https://auth.example.com")


def test_exp_is_required_by_default() -> None:
    token = sign_jwt({"sub": "forever"}, KEY)
    with pytest.raises(MissingClaimError):
        verify_jwt(token, KEY, now=NOW)
    got = verify_jwt(token, KEY, now=NOW, required=())
    assert got == {"sub": "forever"}, f"with required=() a token without exp is accepted, got {got!r}"
    with pytest.raises(MissingClaimError):
        verify_jwt(sign_jwt({"exp": NOW + 5}, KEY), KEY, now=NOW, required=("exp", "sub"))


def test_every_failure_is_a_token_error() -> None:
    bad_tokens = [
        "a.b",
        forge({"alg": "none"}, {"exp": NOW + 1}, key=b""),
        _flip_last_signature_char(sign_jwt({"exp": NOW + 1}, KEY)),
        sign_jwt({"exp": NOW - 1}, KEY),
    ]
    for token in bad_tokens:
        with pytest.raises(TokenError):
            verify_jwt(token, KEY, now=NOW)


@pytest.mark.parametrize(
    "call",
    [
        lambda: sign_jwt({"exp": NOW}, b"short-key"),
        lambda: sign_jwt({"exp": NOW}, b""),
        lambda: verify_jwt("a.b.c", b"short-key", now=NOW),
        lambda: verify_jwt(sign_jwt({"exp": NOW + 5}, KEY), KEY, now=NOW, leeway=-1),
    ],
    ids=["sign-short-key", "sign-empty-key", "verify-short-key", "negative-leeway"],
)
def test_weak_keys_and_bad_options_are_programmer_errors(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call()
