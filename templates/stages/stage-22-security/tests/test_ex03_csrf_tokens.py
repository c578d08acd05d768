"""Tests for ex03: signed, session-bound, expiring CSRF tokens and request checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import pytest
from practice.csrf_tokens import (
    CsrfError,
    CsrfTokens,
    OriginRejectedError,
    TokenExpiredError,
    TokenInvalidError,
    TokenMalformedError,
    TokenMissingError,
    check_request,
)

SECRET = b"k" * 32
START = 1_700_000_000.0


class Clock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class CountingBytes:
    """A fake ``random_bytes``: a different, predictable value on every call."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, n: int) -> bytes:
        self.calls += 1
        return (self.calls.to_bytes(4, "big") * n)[:n]


counting_bytes = CountingBytes()


def make(clock: Clock | None = None, **kwargs: Any) -> CsrfTokens:
    return CsrfTokens(SECRET, clock=clock or Clock(), random_bytes=counting_bytes, **kwargs)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_issue_follows_the_documented_format() -> None:
    tokens = CsrfTokens(SECRET, clock=Clock(START + 0.9), random_bytes=lambda n: b"\xfb" * n)
    token = tokens.issue("sess-1")
    nonce = b64(b"\xfb" * 16)
    issued = str(int(START))
    signature = b64(hmac.new(SECRET, f"sess-1\n{nonce}\n{issued}".encode(), hashlib.sha256).digest())
    want = f"{nonce}.{issued}.{signature}"
    assert token == want, f"issue('sess-1') should be NONCE.ISSUED.SIGNATURE:\nwant {want}\ngot  {token}"
    assert tokens.verify("sess-1", token) is None, "a fresh token must verify for its own session"


def test_each_token_is_unique_and_verifies() -> None:
    tokens = make()
    issued = [tokens.issue("sess-1") for _ in range(5)]
    assert len(set(issued)) == 5, f"every issue() needs a fresh nonce, got duplicates in {issued!r}"
    for token in issued:
        tokens.verify("sess-1", token)


@pytest.mark.parametrize("other_session", ["sess-2", "sess-1 ", "SESS-1", ""])
def test_token_is_bound_to_its_session(other_session: str) -> None:
    tokens = make()
    token = tokens.issue("sess-1")
    with pytest.raises(TokenInvalidError):
        tokens.verify(other_session, token)


@pytest.mark.parametrize("part", [0, 1, 2], ids=["nonce", "issued", "signature"])
def test_tampering_with_any_part_is_detected(part: int) -> None:
    tokens = make()
    pieces = tokens.issue("sess-1").split(".")
    piece = pieces[part]
    pieces[part] = piece[:-1] + ("A" if piece[-1] != "A" else "B") if part != 1 else str(int(piece) + 1000)
    with pytest.raises(TokenInvalidError):
        tokens.verify("sess-1", ".".join(pieces))


def test_token_from_another_secret_is_invalid() -> None:
    other = CsrfTokens(b"x" * 32, clock=Clock(), random_bytes=counting_bytes)
    with pytest.raises(TokenInvalidError):
        make().verify("sess-1", other.issue("sess-1"))


@pytest.mark.parametrize(
    ("token", "error"),
    [
        (None, TokenMissingError),
        ("", TokenMissingError),
        ("abc", TokenMalformedError),
        ("a.b.c", TokenMalformedError),
        ("A" * 22 + ".12x." + "B" * 43, TokenMalformedError),
        ("A" * 22 + ".1." + "B" * 43 + ".extra", TokenMalformedError),
        ("A" * 22 + ".1." + "B" * 42 + "\u00e9", TokenMalformedError),
        (" " + "A" * 22 + ".1." + "B" * 43, TokenMalformedError),
    ],
    ids=["none", "empty", "word", "three-words", "bad-time", "four-parts", "unicode", "leading-space"],
)
def test_missing_and_malformed_tokens(token: str | None, error: type[CsrfError]) -> None:
    with pytest.raises(error):
        make().verify("sess-1", token)


@pytest.mark.parametrize(("elapsed", "ok"), [(0, True), (3599.5, True), (3600, True), (3600.5, False), (86400, False)])
def test_expiry_boundary(elapsed: float, ok: bool) -> None:
    clock = Clock()
    tokens = make(clock, max_age=3600)
    token = tokens.issue("sess-1")
    clock.now += elapsed
    if ok:
        tokens.verify("sess-1", token)
    else:
        with pytest.raises(TokenExpiredError):
            tokens.verify("sess-1", token)


def test_future_tokens_beyond_skew_are_invalid() -> None:
    clock = Clock()
    tokens = make(clock)
    clock.now = START + 60
    near_future = tokens.issue("sess-1")
    clock.now = START + 61
    far_future = tokens.issue("sess-1")
    clock.now = START
    tokens.verify("sess-1", near_future)
    with pytest.raises(TokenInvalidError):
        tokens.verify("sess-1", far_future)


def test_forged_old_token_is_invalid_not_expired() -> None:
    clock = Clock()
    tokens = make(clock)
    nonce, issued, _ = tokens.issue("sess-1").split(".")
    forged = f"{nonce}.{issued}.{'A' * 43}"
    clock.now += 10 * 3600
    with pytest.raises(TokenInvalidError):
        tokens.verify("sess-1", forged)


def test_signatures_are_compared_with_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, object]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    tokens = make()
    tokens.verify("sess-1", tokens.issue("sess-1"))
    assert calls, "verify() must compare the signature with hmac.compare_digest, never with =="


def test_constructor_and_issue_validate_input() -> None:
    with pytest.raises(ValueError):
        CsrfTokens(b"short", clock=Clock())
    with pytest.raises(ValueError):
        CsrfTokens(SECRET, max_age=0, clock=Clock())
    with pytest.raises(ValueError):
        make().issue("")


ORIGINS = {"https://shop.example"}


def request(**overrides: Any) -> dict[str, Any]:
    tokens = make()
    token = tokens.issue("sess-1")
    kwargs: dict[str, Any] = {
        "method": "POST",
        "session_id": "sess-1",
        "cookie_token": token,
        "submitted_token": token,
        "origin": "https://shop.example",
        "allowed_origins": ORIGINS,
    }
    kwargs.update(overrides)
    return {"tokens": tokens, **kwargs}


@pytest.mark.parametrize(
    "overrides",
    [{}, {"origin": None}, {"method": "delete"}, {"method": "GET", "cookie_token": None, "submitted_token": None}],
    ids=["post", "no-origin-header", "lowercase-delete", "get-needs-nothing"],
)
def test_check_request_accepts_good_requests(overrides: dict[str, Any]) -> None:
    assert check_request(**request(**overrides)) is None, f"request with {overrides!r} should pass"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"origin": "https://evil.example"}, OriginRejectedError),
        ({"origin": "null"}, OriginRejectedError),
        ({"origin": "https://shop.example.evil.example"}, OriginRejectedError),
        ({"submitted_token": None}, TokenMissingError),
        ({"cookie_token": ""}, TokenMissingError),
        ({"submitted_token": "A" * 22 + ".1." + "B" * 43}, TokenInvalidError),
        ({"session_id": "sess-2"}, TokenInvalidError),
        ({"method": "PUT", "cookie_token": "x.y.z", "submitted_token": "x.y.z"}, TokenMalformedError),
    ],
    ids=[
        "evil-origin",
        "null-origin",
        "suffix-origin",
        "no-form-token",
        "no-cookie",
        "mismatch",
        "other-session",
        "junk",
    ],
)
def test_check_request_rejects_forgeries(overrides: dict[str, Any], error: type[CsrfError]) -> None:
    with pytest.raises(error):
        check_request(**request(**overrides))
