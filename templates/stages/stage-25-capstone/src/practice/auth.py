"""Linkshelf, part 3: accounts, password hashing, signed tokens and access control.

Three layers of the same question, "who is asking, and may they do this?":

* Passwords are stored only as slow, salted scrypt hashes
  (``hashlib.scrypt``), so a leaked database does not leak passwords.
* After logging in, a client gets a bearer token it sends as
  ``Authorization: Bearer <token>``. The token is ``payload.signature``: the
  payload is base64url JSON claims and the signature an HMAC-SHA256 over the
  payload with a server secret. Anyone can read the claims, nobody without
  the secret can change them.
* ``AuthMiddleware`` wraps the ``BookmarkAPI`` of part 2. It answers
  ``POST /users`` (sign up) and ``POST /tokens`` (log in) itself, and for
  every other request checks the token and tells the inner app who is asking
  through ``environ["linkshelf.user_id"]``.

Status codes matter here: 401 means "I do not know who you are" (no, bad or
expired token) and comes with a ``WWW-Authenticate`` challenge; 403 means "I
know who you are and you may not do this" (a read-only token trying to
write); someone else's bookmark is 404, so its existence is not revealed.

TODO: implement ``hash_password``, ``verify_password``, ``issue_token``,
``verify_token`` and the ``AuthMiddleware`` methods.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from practice.bookmark_store import BookmarkStore
from practice.rest_api import StartResponse

SCOPES_KEY = "linkshelf.scopes"
KNOWN_SCOPES = frozenset({"read", "write"})
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


def hash_password(password: str, *, n: int = 2**14, r: int = 8, p: int = 1, salt: bytes | None = None) -> str:
    """Hash ``password`` with scrypt.

    Use ``hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
    dklen=32)`` (pass ``maxmem`` generously, for example 256 MiB, so large
    ``n`` works) with a fresh ``os.urandom(16)`` salt when ``salt`` is None.

    Returns:
        ``f"scrypt${n}${r}${p}${salt_b64}${hash_b64}"`` where both base64
        parts use the standard alphabet with padding
        (``base64.b64encode(...).decode("ascii")``). Storing the parameters
        with the hash lets you raise the cost later without breaking old
        accounts.

    Raises:
        ValueError: if ``password`` is empty.
    """
    raise NotImplementedError("salt, hashlib.scrypt, and format 'scrypt$n$r$p$salt$hash'")


def verify_password(password: str, encoded: str) -> bool:
    """Check ``password`` against a ``hash_password`` string.

    Recompute scrypt with the salt and parameters stored in ``encoded`` (and
    ``dklen`` equal to the stored hash's length) and compare with
    ``hmac.compare_digest`` (constant time, so response timing does not leak
    how many bytes matched).

    Returns:
        True if the password matches. False, never an exception, for anything
        malformed: wrong number of ``$`` parts, another algorithm name,
        non-integer parameters, invalid base64 (decode with
        ``validate=True``), or parameters outside safe bounds (``n`` must be a
        power of two with ``2 <= n <= MAX_SCRYPT_N``, ``1 <= r <= 32``,
        ``1 <= p <= 16``), which also stops a crafted hash from making the
        server burn memory.
    """
    raise NotImplementedError("parse, bound-check, recompute scrypt, hmac.compare_digest")


def issue_token(
    user_id: int,
    *,
    secret: bytes,
    now: float,
    ttl: int,
    scopes: Iterable[str] = ("read", "write"),
) -> str:
    """Create a signed bearer token.

    Claims: ``{"sub": user_id, "exp": int(now) + ttl, "scope": "read write"}``
    where scope is the sorted, space-separated, de-duplicated scopes. The
    payload is ``base64url(json.dumps(claims, separators=(",", ":"),
    sort_keys=True))`` and the signature is
    ``base64url(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())``;
    base64url here means ``base64.urlsafe_b64encode`` with the trailing ``=``
    stripped.

    Returns:
        ``f"{payload}.{signature}"``.

    Raises:
        ValueError: if ``secret`` is empty, ``ttl <= 0``, or ``scopes`` is
            empty or contains anything but ``"read"`` and ``"write"``.
    """
    raise NotImplementedError("build claims, base64url the JSON, sign it with HMAC-SHA256")


def verify_token(token: str, *, secret: bytes, now: float) -> TokenClaims:
    """Check a token and return its claims.

    Order matters: split into exactly two non-empty parts, then check the
    signature with ``hmac.compare_digest`` BEFORE decoding or trusting the
    payload, then decode it and check the claim types (``sub`` and ``exp``
    ints, ``scope`` a string), then the expiry. A token is valid while
    ``now < exp``.

    Returns:
        ``TokenClaims(user_id=sub, expires_at=exp, scopes=frozenset(scope.split()))``.

    Raises:
        ExpiredToken: a genuine token with ``now >= exp``.
        InvalidToken: anything else wrong (format, signature, payload).
    """
    raise NotImplementedError("split, verify the HMAC, decode the claims, check exp")


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
        """Protect ``app``; accounts live in ``store``.

        Args:
            app: the inner WSGI app (a ``BookmarkAPI``, later with caching).
            store: where users are created and looked up.
            secret: the HMAC key for tokens.
            clock: returns Unix seconds; used for issuing and checking tokens.
            token_ttl: token lifetime in seconds.
            scrypt_n: scrypt cost for NEW password hashes.
        """
        self.app = app
        self.store = store
        self.secret = secret
        self.clock = clock
        self.token_ttl = token_ttl
        self.scrypt_n = scrypt_n

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Handle the account routes, or authenticate and delegate to the inner app.

        Reuse ``read_json``, ``json_response``, ``problem_response``,
        ``status_line`` and ``HTTPError`` from ``practice.rest_api``; every
        error below is a problem+json response.

        ``/users`` and ``/tokens`` accept only POST (else 405, ``Allow: POST``):

        * ``POST /users`` ``{"username", "password"}``: username fullmatches
          ``[A-Za-z0-9_]{3,32}``, password is a string of 8-128 characters,
          no other keys; violations -> 422 with ``errors``
          (``{"field", "message"}`` like part 2). A taken name
          (case-insensitive) -> 409. Success -> 201
          ``{"id", "username"}`` and ``Location: /users/{id}``; store
          ``hash_password(password, n=self.scrypt_n)``, never the password.
        * ``POST /tokens`` ``{"username", "password", "scopes"?}``: scopes
          defaults to ``["read", "write"]`` and must be a non-empty list of
          those (else 422). Unknown user or wrong password -> the SAME 401
          response for both (and verify against a dummy hash when the user
          is unknown, so timing does not tell either). Success -> 200
          ``{"access_token", "token_type": "Bearer", "expires_in":
          token_ttl, "scope": "read write"}`` with ``Cache-Control: no-store``.

        Every other path needs ``Authorization: Bearer <token>`` (scheme
        case-insensitive):

        * Missing header, another scheme, or an empty token -> 401 with
          ``WWW-Authenticate: Bearer realm="linkshelf"``.
        * ``verify_token`` fails (invalid or expired), or the token's user no
          longer exists -> 401 with
          ``WWW-Authenticate: Bearer realm="linkshelf", error="invalid_token"``.
        * A method outside ``SAFE_METHODS`` with a token lacking the
          ``write`` scope -> 403 with
          ``WWW-Authenticate: Bearer realm="linkshelf", error="insufficient_scope", scope="write"``.
        * Otherwise set ``environ["linkshelf.user_id"] = user_id`` and
          ``environ[SCOPES_KEY] = scopes`` ON THE GIVEN environ dict (outer
          middleware reads them later) and return ``self.app(environ,
          start_response)``. Ownership (404 for other people's bookmarks) is
          the API's job from part 2.
        """
        raise NotImplementedError("route /users and /tokens, else authenticate, check scope and delegate")
