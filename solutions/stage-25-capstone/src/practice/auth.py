"""Linkshelf, part 3: accounts, password hashing, signed tokens and access control."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from practice.bookmark_store import BookmarkStore, ConflictError
from practice.rest_api import (
    USER_KEY,
    HTTPError,
    StartResponse,
    WSGIResponse,
    json_response,
    problem_response,
    read_json,
    status_line,
)

SCOPES_KEY = "linkshelf.scopes"
KNOWN_SCOPES = frozenset({"read", "write"})
USERNAME_RE = re.compile(r"[A-Za-z0-9_]{3,32}")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_SCRYPT_N = 2**20
REALM = 'Bearer realm="linkshelf"'


class InvalidToken(Exception):
    """The token is malformed, forged or signed with another key."""


class ExpiredToken(InvalidToken):
    """The token was genuine but its ``exp`` has passed."""


@dataclass(frozen=True, slots=True)
class TokenClaims:
    """What a verified token says."""

    user_id: int
    expires_at: int
    scopes: frozenset[str]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64url(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, n: int = 2**14, r: int = 8, p: int = 1, salt: bytes | None = None) -> str:
    """Hash ``password`` with scrypt into ``scrypt$n$r$p$salt$hash``."""
    if not password:
        raise ValueError("password must not be empty")
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """Check ``password`` against a ``hash_password`` string in constant time."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return False
    if not (2 <= n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16 and salt and expected):
        return False
    try:
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=len(expected)
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest, expected)


def _sign(secret: bytes, payload: str) -> str:
    return _b64url(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())


def issue_token(
    user_id: int,
    *,
    secret: bytes,
    now: float,
    ttl: int,
    scopes: Iterable[str] = ("read", "write"),
) -> str:
    """Create a signed bearer token ``payload.signature``."""
    scope_set = set(scopes)
    if not secret:
        raise ValueError("secret must not be empty")
    if ttl <= 0:
        raise ValueError("ttl must be positive")
    if not scope_set or not scope_set <= KNOWN_SCOPES:
        raise ValueError(f"scopes must be a non-empty subset of {sorted(KNOWN_SCOPES)}")
    claims = {"sub": user_id, "exp": int(now) + ttl, "scope": " ".join(sorted(scope_set))}
    payload = _b64url(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    return f"{payload}.{_sign(secret, payload)}"


def verify_token(token: str, *, secret: bytes, now: float) -> TokenClaims:
    """Check a token's signature and expiry and return its claims."""
    parts = token.split(".")
    if len(parts) != 2 or not parts[0] or not parts[1] or not token.isascii():
        raise InvalidToken("malformed token")
    payload, signature = parts
    if not hmac.compare_digest(_sign(secret, payload), signature):
        raise InvalidToken("bad signature")
    try:
        claims = json.loads(_unb64url(payload))
    except (ValueError, binascii.Error):
        raise InvalidToken("unreadable payload") from None
    if not isinstance(claims, dict):
        raise InvalidToken("payload is not an object")
    sub, exp, scope = claims.get("sub"), claims.get("exp"), claims.get("scope")
    if type(sub) is not int or type(exp) is not int or not isinstance(scope, str):
        raise InvalidToken("missing or mistyped claims")
    if now >= exp:
        raise ExpiredToken("token expired")
    return TokenClaims(user_id=sub, expires_at=exp, scopes=frozenset(scope.split()))


def _body_fields(environ: dict[str, Any]) -> dict[str, Any]:
    data = read_json(environ)
    if not isinstance(data, dict):
        raise HTTPError(422, "body must be a JSON object", errors=[{"field": "body", "message": "must be an object"}])
    return data


class AuthMiddleware:
    """WSGI middleware: ``POST /users``, ``POST /tokens``, and bearer checks for everything else."""

    def __init__(
        self,
        app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]],
        store: BookmarkStore,
        *,
        secret: bytes,
        clock: Callable[[], float] = time.time,
        token_ttl: int = 3600,
        scrypt_n: int = 2**14,
    ) -> None:
        """Protect ``app``; accounts live in ``store``."""
        self.app = app
        self.store = store
        self.secret = secret
        self.clock = clock
        self.token_ttl = token_ttl
        self.scrypt_n = scrypt_n
        self._dummy_hash = hash_password("not-a-real-password", n=scrypt_n)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Handle account routes or authenticate and delegate."""
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"].upper()
        try:
            if path in ("/users", "/tokens"):
                if method != "POST":
                    raise HTTPError(405, f"{method} is not allowed here", [("Allow", "POST")])
                status, headers, body = self.register(environ) if path == "/users" else self.login(environ)
            else:
                claims = self.authenticate(environ)
                if method not in SAFE_METHODS and "write" not in claims.scopes:
                    raise HTTPError(
                        403,
                        "this token may only read",
                        [("WWW-Authenticate", f'{REALM}, error="insufficient_scope", scope="write"')],
                    )
                environ[USER_KEY] = claims.user_id
                environ[SCOPES_KEY] = claims.scopes
                return self.app(environ, start_response)
        except HTTPError as err:
            status, headers, body = problem_response(err.status, err.detail, err.headers, **err.extra)
        start_response(status_line(status), headers)
        return [body]

    def authenticate(self, environ: dict[str, Any]) -> TokenClaims:
        """Return the claims of the request's bearer token, or raise HTTPError 401."""
        header = environ.get("HTTP_AUTHORIZATION", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPError(401, "send Authorization: Bearer <token>", [("WWW-Authenticate", REALM)])
        invalid = [("WWW-Authenticate", f'{REALM}, error="invalid_token"')]
        try:
            claims = verify_token(token.strip(), secret=self.secret, now=self.clock())
        except ExpiredToken:
            raise HTTPError(401, "the token has expired", invalid) from None
        except InvalidToken:
            raise HTTPError(401, "the token is not valid", invalid) from None
        try:
            self.store.get_user(claims.user_id)
        except LookupError:
            raise HTTPError(401, "the token's user no longer exists", invalid) from None
        return claims

    def register(self, environ: dict[str, Any]) -> WSGIResponse:
        """POST /users."""
        data = _body_fields(environ)
        errors = []
        username, password = data.get("username"), data.get("password")
        if not isinstance(username, str) or not USERNAME_RE.fullmatch(username):
            errors.append({"field": "username", "message": "3-32 characters: letters, digits and _"})
        if not isinstance(password, str) or not 8 <= len(password) <= 128:
            errors.append({"field": "password", "message": "8-128 characters"})
        for key in sorted(k for k in data if k not in ("username", "password")):
            errors.append({"field": str(key), "message": "unknown field"})
        if errors:
            raise HTTPError(422, "the account is not valid", errors=errors)
        try:
            user = self.store.create_user(username, hash_password(password, n=self.scrypt_n))
        except ConflictError:
            raise HTTPError(409, "that username is taken") from None
        return json_response(201, {"id": user.id, "username": user.username}, [("Location", f"/users/{user.id}")])

    def login(self, environ: dict[str, Any]) -> WSGIResponse:
        """POST /tokens."""
        data = _body_fields(environ)
        username, password = data.get("username"), data.get("password")
        scopes = data.get("scopes", ["read", "write"])
        errors = []
        if not isinstance(username, str) or not isinstance(password, str):
            errors.append({"field": "username", "message": "username and password are required strings"})
        if (
            not isinstance(scopes, list)
            or not scopes
            or not all(isinstance(s, str) and s in KNOWN_SCOPES for s in scopes)
        ):
            errors.append({"field": "scopes", "message": "a non-empty list of 'read' and 'write'"})
        if errors:
            raise HTTPError(422, "the login request is not valid", errors=errors)
        user = self.store.find_user(username)
        ok = verify_password(password, user.password_hash if user else self._dummy_hash)
        if user is None or not ok:
            raise HTTPError(401, "invalid username or password", [("WWW-Authenticate", REALM)])
        token = issue_token(user.id, secret=self.secret, now=self.clock(), ttl=self.token_ttl, scopes=scopes)
        body = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.token_ttl,
            "scope": " ".join(sorted(set(scopes))),
        }
        return json_response(200, body, [("Cache-Control", "no-store")])
