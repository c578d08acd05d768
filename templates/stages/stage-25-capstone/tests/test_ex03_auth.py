"""Tests for ex03: scrypt password hashes, HMAC-signed tokens and the auth middleware."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pytest
from practice.auth import (
    AuthMiddleware,
    ExpiredToken,
    InvalidToken,
    TokenClaims,
    hash_password,
    issue_token,
    verify_password,
    verify_token,
)
from practice.bookmark_store import BookmarkStore
from practice.rest_api import BookmarkAPI

SECRET = b"test-secret-key-0123456789abcdef"
FAST_N = 2**4  # scrypt cost kept tiny so the tests stay fast; production uses 2**14 or more
NOW = 1_714_564_800


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def build(make_client, clock) -> tuple[Any, BookmarkStore]:
    store = BookmarkStore.open(":memory:", clock=clock)
    app = AuthMiddleware(BookmarkAPI(store), store, secret=SECRET, clock=clock, token_ttl=600, scrypt_n=FAST_N)
    return make_client(app), store


def signup_and_login(client, username: str, password: str = "correct horse", scopes: list[str] | None = None) -> str:
    made = client.post("/users", json_body={"username": username, "password": password})
    assert made.status == 201, f"POST /users for {username!r} should be 201, got {made.describe()}"
    body: dict[str, Any] = {"username": username, "password": password}
    if scopes is not None:
        body["scopes"] = scopes
    resp = client.post("/tokens", json_body=body)
    assert resp.status == 200, f"POST /tokens with the right password should be 200, got {resp.describe()}"
    return resp.json()["access_token"]


def test_hash_password_format_and_round_trip() -> None:
    encoded = hash_password("correct horse", n=FAST_N)
    parts = encoded.split("$")
    assert len(parts) == 6 and parts[:4] == ["scrypt", str(FAST_N), "8", "1"], (
        f"hash should look like 'scrypt$16$8$1$<salt>$<hash>', got {encoded!r}"
    )
    assert verify_password("correct horse", encoded), "verify_password should accept the right password"
    assert not verify_password("correct horsE", encoded), "verify_password should reject a wrong password"
    again = hash_password("correct horse", n=FAST_N)
    assert again != encoded, "two hashes of one password must differ (a fresh random salt each time)"


def test_hash_password_matches_scrypt_with_given_salt() -> None:
    salt = bytes(range(16))
    encoded = hash_password("pässwörd-ключ", n=FAST_N, salt=salt)
    digest = hashlib.scrypt("pässwörd-ключ".encode(), salt=salt, n=FAST_N, r=8, p=1, dklen=32)
    want = f"scrypt${FAST_N}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert encoded == want, f"with a fixed salt the hash should be {want!r}, got {encoded!r}"
    assert verify_password("pässwörd-ключ", encoded), "unicode passwords must round-trip (encode as UTF-8)"


def test_hash_password_rejects_empty() -> None:
    with pytest.raises(ValueError):
        hash_password("", n=FAST_N)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "scrypt$",
        "bcrypt$16$8$1$AAAA$AAAA",
        "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "scrypt$16$8$1$!!notbase64!!$AAAA",
    ],
    ids=["empty", "truncated", "other-algorithm", "n-not-power-of-two", "n-absurdly-large", "bad-base64"],
)
def test_verify_password_is_false_for_malformed_hashes(encoded: str) -> None:
    got = verify_password("whatever", encoded)
    assert got is False, f"verify_password must return False (not crash, not hang) for {encoded!r}, got {got!r}"


def test_token_round_trip() -> None:
    token = issue_token(7, secret=SECRET, now=NOW, ttl=600, scopes=["write", "read"])
    payload, _, _ = token.partition(".")
    claims_json = json.loads(unb64url(payload))
    assert claims_json == {"sub": 7, "exp": NOW + 600, "scope": "read write"}, (
        f"the token payload should be {{'sub': 7, 'exp': {NOW + 600}, 'scope': 'read write'}}, got {claims_json!r}"
    )
    got = verify_token(token, secret=SECRET, now=NOW + 1)
    want = TokenClaims(user_id=7, expires_at=NOW + 600, scopes=frozenset({"read", "write"}))
    assert got == want, f"verify_token should return {want!r}, got {got!r}"


@pytest.mark.parametrize(("offset", "valid"), [(0, True), (599, True), (600, False), (10_000, False)])
def test_token_expiry_boundary(offset: int, valid: bool) -> None:
    token = issue_token(1, secret=SECRET, now=NOW, ttl=600)
    if valid:
        assert verify_token(token, secret=SECRET, now=NOW + offset).user_id == 1, f"token should be valid at +{offset}s"
    else:
        with pytest.raises(ExpiredToken):
            verify_token(token, secret=SECRET, now=NOW + offset)


def forged_tokens() -> dict[str, str]:
    good = issue_token(1, secret=SECRET, now=NOW, ttl=600)
    payload, _, signature = good.partition(".")
    claims = json.loads(unb64url(payload))
    claims["sub"] = 2
    evil = b64url(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
    return {
        "other-user-same-signature": f"{evil}.{signature}",
        "signed-with-another-key": issue_token(1, secret=b"another-secret-key-xxxxxxxxxxxxx", now=NOW, ttl=600),
        "signature-removed": f"{payload}.",
        "three-parts": f"{good}.extra",
        "empty": "",
        "garbage": "not-a-token",
    }


@pytest.mark.parametrize(
    "name",
    [
        "other-user-same-signature",
        "signed-with-another-key",
        "signature-removed",
        "three-parts",
        "empty",
        "garbage",
    ],
)
def test_forged_or_malformed_tokens_are_rejected(name: str) -> None:
    token = forged_tokens()[name]
    with pytest.raises(InvalidToken) as info:
        verify_token(token, secret=SECRET, now=NOW)
    assert not isinstance(info.value, ExpiredToken), f"{name}: a forged token is invalid, not expired"
    assert issubclass(ExpiredToken, InvalidToken), "ExpiredToken should be a subclass of InvalidToken"


@pytest.mark.parametrize(
    "kwargs",
    [{"ttl": 0}, {"ttl": -5}, {"scopes": ["admin"]}, {"scopes": []}, {"secret": b""}],
)
def test_issue_token_rejects_bad_arguments(kwargs: dict[str, Any]) -> None:
    args: dict[str, Any] = {"secret": SECRET, "now": NOW, "ttl": 600, **kwargs}
    with pytest.raises(ValueError):
        issue_token(1, **args)


def test_register_login_and_use_token(make_client, clock) -> None:
    client, store = build(make_client, clock)
    made = client.post("/users", json_body={"username": "ann_1", "password": "correct horse"})
    assert made.status == 201, f"POST /users should be 201, got {made.describe()}"
    assert set(made.json()) == {"id", "username"}, f"the new account's body must not contain the hash: {made.json()!r}"
    stored = store.get_user(made.json()["id"]).password_hash
    assert stored.startswith("scrypt$") and "correct horse" not in stored, "store the scrypt hash, never the password"
    resp = client.post("/tokens", json_body={"username": "ANN_1", "password": "correct horse"})
    assert resp.status == 200, f"login (username is case-insensitive) should be 200, got {resp.describe()}"
    body = resp.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 600, f"unexpected token response {body!r}"
    assert resp.header("Cache-Control") == "no-store", "token responses must be sent with Cache-Control: no-store"
    created = client.post(
        "/bookmarks", json_body={"url": "https://a.example", "title": "A"}, token=body["access_token"]
    )
    assert created.status == 201, f"POST /bookmarks with a valid token should be 201, got {created.describe()}"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"username": "ab", "password": "long enough"}, 422),
        ({"username": "bad name!", "password": "long enough"}, 422),
        ({"username": "carol", "password": "short"}, 422),
        ({"username": "carol", "password": "long enough", "admin": True}, 422),
        ({"username": "ANN", "password": "long enough"}, 409),
    ],
)
def test_register_validation_and_conflicts(make_client, clock, body: dict[str, Any], status: int) -> None:
    client, _ = build(make_client, clock)
    client.post("/users", json_body={"username": "ann", "password": "correct horse"})
    resp = client.post("/users", json_body=body)
    assert resp.status == status, f"POST /users {body!r} should be {status}, got {resp.describe()}"
    assert (resp.header("Content-Type") or "").startswith("application/problem+json"), "errors are problem+json"


def test_failed_logins_do_not_reveal_which_part_was_wrong(make_client, clock) -> None:
    client, _ = build(make_client, clock)
    client.post("/users", json_body={"username": "ann", "password": "correct horse"})
    wrong_password = client.post("/tokens", json_body={"username": "ann", "password": "wrong horse"})
    unknown_user = client.post("/tokens", json_body={"username": "nobody", "password": "wrong horse"})
    assert wrong_password.status == unknown_user.status == 401, (
        f"bad credentials should be 401, got {wrong_password.status} and {unknown_user.status}"
    )
    assert wrong_password.body == unknown_user.body, "wrong password and unknown user must give identical responses"


@pytest.mark.parametrize(
    "authorization",
    [None, "Basic YW5uOnB3", "Bearer", "Bearer not-a-token", "expired", "other-key"],
)
def test_bad_credentials_are_401_with_challenge(make_client, clock, authorization: str | None) -> None:
    client, _ = build(make_client, clock)
    token = signup_and_login(client, "ann")
    headers = {}
    if authorization == "expired":
        clock.advance(600)
        headers["Authorization"] = f"Bearer {token}"
    elif authorization == "other-key":
        headers["Authorization"] = "Bearer " + issue_token(1, secret=b"x" * 32, now=clock(), ttl=600)
    elif authorization is not None:
        headers["Authorization"] = authorization
    resp = client.get("/bookmarks", headers=headers)
    assert resp.status == 401, f"Authorization {authorization!r} should give 401, got {resp.describe()}"
    challenge = resp.header("WWW-Authenticate") or ""
    assert challenge.startswith("Bearer"), f"401 must carry WWW-Authenticate: Bearer ..., got {challenge!r}"
    if authorization in ("Bearer not-a-token", "expired", "other-key"):
        assert 'error="invalid_token"' in challenge, f'a rejected token should say error="invalid_token": {challenge!r}'


def test_read_only_token_can_read_but_not_write(make_client, clock) -> None:
    client, _ = build(make_client, clock)
    token = signup_and_login(client, "ann", scopes=["read"])
    listed = client.get("/bookmarks", token=token)
    assert listed.status == 200, f"a read token may GET /bookmarks, got {listed.describe()}"
    resp = client.post("/bookmarks", json_body={"url": "https://a.example", "title": "A"}, token=token)
    assert resp.status == 403, (
        f"a read-only token must get 403 Forbidden on POST (it is authenticated), got {resp.describe()}"
    )
    assert "insufficient_scope" in (resp.header("WWW-Authenticate") or ""), '403 should name error="insufficient_scope"'


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_users_cannot_touch_each_others_bookmarks(make_client, clock, method: str) -> None:
    client, store = build(make_client, clock)
    ann = signup_and_login(client, "ann")
    bob = signup_and_login(client, "bob")
    bid = client.post("/bookmarks", json_body={"url": "https://a.example", "title": "A"}, token=ann).json()["id"]
    body = {"title": "mine now"} if method == "PATCH" else None
    resp = client.request(method, f"/bookmarks/{bid}", json_body=body, token=bob)
    assert resp.status == 404, f"Bob's {method} on Ann's bookmark should be 404, got {resp.describe()}"
    assert store.get_bookmark(bid).title == "A", "Ann's bookmark must be unchanged"


def test_account_routes_only_accept_post(make_client, clock) -> None:
    client, _ = build(make_client, clock)
    resp = client.get("/users")
    assert resp.status == 405 and resp.header("Allow") == "POST", (
        f"GET /users should be 405 Allow: POST, got {resp.describe()}"
    )
