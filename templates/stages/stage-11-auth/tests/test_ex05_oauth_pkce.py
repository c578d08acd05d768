"""Tests for ex05: OAuth 2.0 authorization code flow with PKCE (RFC 7636)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from practice.oauth_pkce import (
    AuthorizationError,
    PKCEError,
    build_authorization_url,
    code_challenge,
    generate_code_verifier,
    is_valid_verifier,
    parse_callback,
    verify_code_verifier,
)

# RFC 7636, appendix B.
RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def counting_bytes(n: int) -> bytes:
    return bytes(i % 256 for i in range(n))


def test_rfc_7636_appendix_b_example() -> None:
    got = code_challenge(RFC_VERIFIER, "S256")
    assert got == RFC_CHALLENGE, (
        f"S256 challenge of the RFC 7636 example verifier should be {RFC_CHALLENGE!r}, got {got!r} "
        "(base64url of SHA-256, no '=')"
    )
    got = code_challenge(RFC_VERIFIER)
    assert got == RFC_CHALLENGE, f"the default method should be S256, got {got!r}"


def test_plain_method_returns_the_verifier() -> None:
    verifier = "a" * 43
    got = code_challenge(verifier, "plain")
    assert got == verifier, f"the 'plain' challenge is the verifier itself, got {got!r}"


@pytest.mark.parametrize(("length", "want"), [(43, 43), (64, 64), (100, 100), (128, 128)])
def test_generated_verifier_length_and_alphabet(length: int, want: int) -> None:
    got = generate_code_verifier(length)
    assert len(got) == want, f"generate_code_verifier({length}) should have {want} characters, got {len(got)}"
    assert re.fullmatch(r"[A-Za-z0-9_-]+", got), f"a verifier should be base64url characters only, got {got!r}"
    assert is_valid_verifier(got), f"a generated verifier must itself be valid: {got!r}"


def test_generated_verifier_uses_the_injected_randomness() -> None:
    requested: list[int] = []

    def source(n: int) -> bytes:
        requested.append(n)
        return counting_bytes(n)

    got = generate_code_verifier(43, random_bytes=source)
    assert requested == [33], f"43 characters need ceil(43*3/4) = 33 random bytes, asked for {requested}"
    want = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g"[:43]
    assert got == want, f"base64url of bytes 0..32, cut to 43 characters, should be {want!r}, got {got!r}"


def test_generated_verifiers_differ() -> None:
    verifiers = {generate_code_verifier() for _ in range(50)}
    assert len(verifiers) == 50, "50 default verifiers should all be different (use secrets)"
    assert all(len(v) == 64 for v in verifiers), "the default length should be 64"


@pytest.mark.parametrize("length", [42, 129, 0, -1, True, 64.0])
def test_generate_rejects_lengths_outside_the_rfc(length: object) -> None:
    with pytest.raises(PKCEError):
        generate_code_verifier(length)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("verifier", "valid"),
    [
        ("a" * 43, True),
        ("A-._~" * 25 + "abc", True),
        ("a" * 42, False),
        ("a" * 129, False),
        ("a" * 42 + "+", False),
        ("a" * 42 + "/", False),
        ("a" * 42 + "=", False),
        ("a" * 42 + " ", False),
        ("a" * 42 + "\u00e9", False),
        ("", False),
    ],
)
def test_verifier_validation(verifier: str, valid: bool) -> None:
    got = is_valid_verifier(verifier)
    assert got is valid, f"is_valid_verifier({verifier!r}) should be {valid}, got {got!r}"
    if not valid:
        with pytest.raises(PKCEError):
            code_challenge(verifier)


@pytest.mark.parametrize("method", ["s256", "SHA256", "PLAIN", ""])
def test_unknown_method_is_refused(method: str) -> None:
    with pytest.raises(PKCEError):
        code_challenge(RFC_VERIFIER, method)
    with pytest.raises(PKCEError):
        verify_code_verifier(RFC_VERIFIER, RFC_CHALLENGE, method)


@pytest.mark.parametrize(
    ("verifier", "challenge", "method", "want"),
    [
        (RFC_VERIFIER, RFC_CHALLENGE, "S256", True),
        (RFC_VERIFIER[:-1] + "l", RFC_CHALLENGE, "S256", False),
        (RFC_VERIFIER, RFC_CHALLENGE[:-1] + "d", "S256", False),
        (RFC_VERIFIER, RFC_VERIFIER, "S256", False),
        (RFC_VERIFIER, RFC_VERIFIER, "plain", True),
        ("short", "short", "plain", False),
        (RFC_VERIFIER, RFC_CHALLENGE + "\u00e9", "S256", False),
    ],
)
def test_server_side_verification(verifier: str, challenge: str, method: str, want: bool) -> None:
    got = verify_code_verifier(verifier, challenge, method)
    assert got is want, f"verify_code_verifier({verifier!r}, {challenge!r}, {method!r}) should be {want}, got {got!r}"


def test_authorization_url_exact() -> None:
    got = build_authorization_url(
        "https://auth.example.com/authorize",
        client_id="my app",
        redirect_uri="https://app.example.com/callback",
        scopes=["openid", "profile"],
        state="xyz123",
        challenge=RFC_CHALLENGE,
    )
    want = (
        "https://auth.example.com/authorize?response_type=code&client_id=my%20app"
        "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&scope=openid%20profile"
        f"&state=xyz123&code_challenge={RFC_CHALLENGE}&code_challenge_method=S256"
    )
    assert got == want, f"authorization URL mismatch:\n want {want}\n got  {got}"


def test_authorization_url_keeps_existing_query() -> None:
    got = build_authorization_url(
        "https://login.example.org/oauth2/auth?tenant=acme",
        client_id="c1",
        redirect_uri="http://127.0.0.1:8765/cb",
        scopes=["read"],
        state="s",
        challenge="c",
    )
    parts = urlsplit(got)
    params = parse_qsl(parts.query)
    assert params[0] == ("tenant", "acme"), f"the endpoint's own query must be kept first, got {params!r}"
    want = [
        ("response_type", "code"),
        ("client_id", "c1"),
        ("redirect_uri", "http://127.0.0.1:8765/cb"),
        ("scope", "read"),
        ("state", "s"),
        ("code_challenge", "c"),
        ("code_challenge_method", "S256"),
    ]
    assert params[1:] == want, f"parameters after the existing query should be {want!r}, got {params[1:]!r}"
    assert got.count("?") == 1, f"join with '&' when the endpoint already has a '?': {got}"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"endpoint": "http://auth.example.com/authorize"},
        {"endpoint": "auth.example.com/authorize"},
        {"endpoint": "https:///authorize"},
        {"state": ""},
        {"client_id": ""},
        {"challenge": ""},
        {"scopes": []},
        {"scopes": ["read write"]},
        {"scopes": "openid"},
    ],
)
def test_authorization_url_rejects_bad_input(kwargs: dict[str, object]) -> None:
    args: dict[str, object] = {
        "endpoint": "https://auth.example.com/authorize",
        "client_id": "c1",
        "redirect_uri": "https://app.example.com/cb",
        "scopes": ["openid"],
        "state": "s1",
        "challenge": RFC_CHALLENGE,
    }
    args.update(kwargs)
    endpoint = args.pop("endpoint")
    with pytest.raises(PKCEError):
        build_authorization_url(endpoint, **args)  # type: ignore[arg-type]


def test_callback_returns_the_code() -> None:
    got = parse_callback("https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", expected_state="xyz")
    assert got == "SplxlOBeZQQYbYS6WxSbIA", f"parse_callback should return the code, got {got!r}"
    got = parse_callback("https://app.example.com/cb?state=caf%C3%A9&code=a%2Fb", expected_state="caf\u00e9")
    assert got == "a/b", f"percent-encoded values should be decoded, got {got!r}"


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("https://app/cb?code=abc&state=other", "state"),
        ("https://app/cb?code=abc", "state"),
        ("https://app/cb?code=abc&state=", "state"),
        ("https://app/cb?state=xyz", "code"),
        ("https://app/cb?state=xyz&code=", "code"),
        ("https://app/cb?error=access_denied&error_description=User%20said%20no&state=xyz", "access_denied"),
        ("https://app/cb?error=server_error&state=xyz", "server_error"),
        ("https://app/cb?code=abc&state=xyz&code=evil", "code"),
        ("https://app/cb?code=abc&state=xyz&state=xyz", "state"),
    ],
    ids=[
        "wrong-state",
        "missing-state",
        "empty-state",
        "missing-code",
        "empty-code",
        "error-with-description",
        "error",
        "repeated-code",
        "repeated-state",
    ],
)
def test_callback_refuses_bad_redirects(url: str, fragment: str) -> None:
    with pytest.raises(AuthorizationError) as info:
        parse_callback(url, expected_state="xyz")
    assert fragment in str(info.value), f"the error for {url!r} should mention {fragment!r}, got {str(info.value)!r}"


def test_error_description_is_reported() -> None:
    with pytest.raises(AuthorizationError, match="User said no"):
        parse_callback(
            "https://app/cb?error=access_denied&error_description=User+said+no&state=xyz", expected_state="xyz"
        )


def test_callback_needs_an_expected_state() -> None:
    with pytest.raises(ValueError):
        parse_callback("https://app/cb?code=abc&state=", expected_state="")
