"""Tests for ex02: Set-Cookie headers, Cookie parsing and signed session ids."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

import pytest
from practice.session_cookies import (
    BadSignatureError,
    CookieError,
    build_set_cookie,
    expire_cookie,
    new_session_id,
    parse_cookie_header,
    read_session,
    sign_session_id,
    unsign_session_id,
)

KEY = b"k" * 32
OLD_KEY = b"o" * 32


def test_default_set_cookie_is_the_safe_one() -> None:
    got = build_set_cookie("session", "abc123")
    want = "session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax"
    assert got == want, f"build_set_cookie('session', 'abc123') should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("kwargs", "want"),
    [
        (
            {"max_age": 3600},
            "sid=v1; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax",
        ),
        (
            {"max_age": 0, "path": "/app", "same_site": "strict"},
            "sid=v1; Max-Age=0; Path=/app; Secure; HttpOnly; SameSite=Strict",
        ),
        (
            {"domain": "example.com", "http_only": False},
            "sid=v1; Domain=example.com; Path=/; Secure; SameSite=Lax",
        ),
        (
            {"secure": False, "same_site": "LAX"},
            "sid=v1; Path=/; HttpOnly; SameSite=Lax",
        ),
        (
            {"same_site": "none", "max_age": 60, "domain": "api.example.com"},
            "sid=v1; Max-Age=60; Domain=api.example.com; Path=/; Secure; HttpOnly; SameSite=None",
        ),
    ],
)
def test_set_cookie_attributes_in_order(kwargs: dict[str, object], want: str) -> None:
    got = build_set_cookie("sid", "v1", **kwargs)  # type: ignore[arg-type]
    assert got == want, f"build_set_cookie('sid', 'v1', **{kwargs}) should be\n {want!r}\ngot\n {got!r}"


def test_host_prefixed_cookie_is_allowed_when_it_follows_the_rules() -> None:
    got = build_set_cookie("__Host-sid", "x", max_age=10)
    want = "__Host-sid=x; Max-Age=10; Path=/; Secure; HttpOnly; SameSite=Lax"
    assert got == want, f"a valid __Host- cookie should be built as {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("name", "value", "kwargs"),
    [
        ("", "v", {}),
        ("my session", "v", {}),
        ("a;b", "v", {}),
        ("a=b", "v", {}),
        ("caf\u00e9", "v", {}),
        ("sid", "has space", {}),
        ("sid", "semi;colon", {}),
        ("sid", 'quo"te', {}),
        ("sid", "comma,", {}),
        ("sid", "back\\slash", {}),
        ("sid", "\u00fcnicode", {}),
        ("sid", "v", {"max_age": -1}),
        ("sid", "v", {"max_age": True}),
        ("sid", "v", {"max_age": 1.5}),
        ("sid", "v", {"same_site": "sometimes"}),
        ("sid", "v", {"same_site": "None", "secure": False}),
        ("sid", "v", {"path": "app"}),
        ("sid", "v", {"path": "/a;b"}),
        ("sid", "v", {"domain": "evil.com; Secure"}),
        ("__Secure-sid", "v", {"secure": False}),
        ("__Host-sid", "v", {"domain": "example.com"}),
        ("__Host-sid", "v", {"path": "/app"}),
        ("__host-sid", "v", {"secure": False}),
    ],
)
def test_set_cookie_rejects_unsafe_input(name: str, value: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(CookieError):
        build_set_cookie(name, value, **kwargs)  # type: ignore[arg-type]


def test_cookie_error_is_a_value_error() -> None:
    with pytest.raises(ValueError) as info:
        build_set_cookie("bad name", "v")
    assert isinstance(info.value, CookieError), (
        f"an invalid cookie name should raise CookieError, got {type(info.value).__name__}"
    )


def test_expire_cookie_matches_path_and_domain() -> None:
    got = expire_cookie("session")
    want = "session=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax"
    assert got == want, f"expire_cookie('session') should be {want!r}, got {got!r}"
    got = expire_cookie("prefs", path="/app", domain="example.com", http_only=False)
    want = "prefs=; Max-Age=0; Domain=example.com; Path=/app; Secure; SameSite=Lax"
    assert got == want, f"expire_cookie must keep the cookie's path and domain: want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("header", "want"),
    [
        ("", {}),
        ("a=1", {"a": "1"}),
        ("a=1; b=2", {"a": "1", "b": "2"}),
        ("  a = 1 ;b=2;  ", {"a": "1", "b": "2"}),
        ('theme="dark"', {"theme": "dark"}),
        ('q="', {"q": '"'}),
        ("a=1; a=2", {"a": "1"}),
        ("flag; a=1", {"a": "1"}),
        ("token=x=y==", {"token": "x=y=="}),
        ("=nameless; a=1", {"a": "1"}),
        ("empty=; a=1", {"empty": "", "a": "1"}),
        ("A=1; a=2", {"A": "1", "a": "2"}),
        ("lang=caf\u00e9", {"lang": "caf\u00e9"}),
    ],
)
def test_parse_cookie_header(header: str, want: dict[str, str]) -> None:
    got = parse_cookie_header(header)
    assert got == want, f"parse_cookie_header({header!r}) should be {want!r}, got {got!r}"


def test_new_session_ids_are_long_random_and_url_safe() -> None:
    ids = [new_session_id() for _ in range(200)]
    assert len(set(ids)) == 200, "200 new session ids should all be different"
    for sid in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", sid), (
            f"a session id should be at least 43 base64url characters (32 random bytes), got {sid!r}"
        )


def test_sign_session_id_format() -> None:
    digest = hmac.new(KEY, b"abc123", hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    want = f"abc123.{signature}"
    got = sign_session_id("abc123", KEY)
    assert got == want, (
        "sign_session_id should return '<id>.<base64url(HMAC-SHA256(key, id)) without =>':\n"
        f" want {want!r}\n got  {got!r}"
    )
    assert unsign_session_id(got, [KEY]) == "abc123", "unsign should return the original id"


def test_round_trip_with_real_session_ids() -> None:
    for _ in range(20):
        sid = new_session_id()
        signed = sign_session_id(sid, KEY)
        got = unsign_session_id(signed, [KEY])
        assert got == sid, f"unsign(sign({sid!r})) should give {sid!r}, got {got!r}"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: "abd123" + s[6:],
        lambda s: s[:-1] + ("A" if s[-1] != "A" else "B"),
        lambda s: s[:-5],
        lambda s: s.split(".")[0],
        lambda s: s + ".",
        lambda s: "." + s.split(".")[1],
        lambda s: "",
        lambda s: s[:-1] + "\u00e9",
        lambda s: sign_session_id("abc123", b"x" * 32),
    ],
    ids=[
        "changed-id",
        "changed-signature",
        "truncated",
        "no-signature",
        "trailing-dot",
        "no-id",
        "empty",
        "non-ascii",
        "other-key",
    ],
)
def test_tampered_values_are_rejected(tamper) -> None:  # type: ignore[no-untyped-def]
    signed = sign_session_id("abc123", KEY)
    bad = tamper(signed)
    with pytest.raises(BadSignatureError):
        unsign_session_id(bad, [KEY])


def test_key_rotation_accepts_old_keys_until_removed() -> None:
    old_cookie = sign_session_id("user-7", OLD_KEY)
    new_cookie = sign_session_id("user-8", KEY)
    assert unsign_session_id(old_cookie, [KEY, OLD_KEY]) == "user-7", (
        "a cookie signed with a rotated-out key should still verify while the key is listed"
    )
    assert unsign_session_id(new_cookie, [KEY, OLD_KEY]) == "user-8", (
        "a cookie signed with the newest key should verify"
    )
    with pytest.raises(BadSignatureError):
        unsign_session_id(old_cookie, [KEY])


@pytest.mark.parametrize(
    ("call", "exc"),
    [
        (lambda: sign_session_id("abc", b""), ValueError),
        (lambda: sign_session_id("", KEY), CookieError),
        (lambda: sign_session_id("a b", KEY), CookieError),
        (lambda: unsign_session_id("abc.def", []), ValueError),
        (lambda: unsign_session_id("abc.def", [b""]), ValueError),
    ],
    ids=["empty-key", "empty-id", "space-in-id", "no-keys", "empty-key-in-list"],
)
def test_signing_rejects_programmer_errors(call, exc: type[Exception]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(exc):
        call()


def test_read_session_from_request_headers() -> None:
    signed = sign_session_id("user-42", KEY)
    header = f"theme=dark; session={signed}; lang=en"
    got = read_session(header, [KEY])
    assert got == "user-42", f"read_session should find and verify the session cookie, got {got!r}"
    got = read_session(f"sid={signed}", [KEY], name="sid")
    assert got == "user-42", f"read_session should use the given cookie name, got {got!r}"


@pytest.mark.parametrize(
    "header",
    [None, "", "theme=dark", "session=user-42", "session=user-42.forged", "session="],
)
def test_read_session_returns_none_for_missing_or_forged(header: str | None) -> None:
    got = read_session(header, [KEY])
    assert got is None, f"read_session({header!r}) should return None (no valid session), got {got!r}"
