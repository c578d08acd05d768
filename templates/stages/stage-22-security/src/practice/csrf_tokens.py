"""CSRF protection: HMAC-signed tokens bound to a session, with expiry and origin checks.

A cross-site request forgery makes a victim's browser send a state-changing
request (with the victim's cookies) from another site. The defence is a value
the attacker cannot read or forge: a token that the server signs, binds to the
user's session, and checks on every unsafe request. This module implements the
"signed double-submit cookie" pattern:

* the server issues ``token = NONCE.ISSUED.SIGNATURE`` where NONCE is 16 random
  bytes in unpadded base64url (22 characters), ISSUED is ``int(clock())`` in
  decimal, and SIGNATURE is the unpadded base64url (43 characters) of
  ``HMAC-SHA256(secret, f"{session_id}\\n{NONCE}\\n{ISSUED}".encode())``;
* the token travels in a cookie AND in a header or form field; a request is
  accepted only if both copies match and the signature is valid for this
  session and not expired;
* signatures are compared with ``hmac.compare_digest`` (call it through the
  ``hmac`` module, as ``hmac.compare_digest``) so timing leaks nothing.

Exercise ex03: implement ``CsrfTokens`` and ``check_request``.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable, Collection

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CLOCK_SKEW = 60
"""Seconds a token's issue time may lie in the future (clock differences between servers)."""

_TOKEN = re.compile(r"([A-Za-z0-9_-]{22})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})")


class CsrfError(Exception):
    """Base class: the request must be rejected with 403 Forbidden."""


class TokenMissingError(CsrfError):
    """No token was sent (None or empty string)."""


class TokenMalformedError(CsrfError):
    """The token does not have the NONCE.ISSUED.SIGNATURE shape."""


class TokenInvalidError(CsrfError):
    """Bad signature, other session, future issue time, or cookie/form mismatch."""


class TokenExpiredError(CsrfError):
    """The signature is valid but the token is older than ``max_age``."""


class OriginRejectedError(CsrfError):
    """The request's Origin header names a site that is not allowed."""


def _b64(data: bytes) -> str:
    raise NotImplementedError("base64.urlsafe_b64encode without the = padding, as str")


class CsrfTokens:
    """Issue and verify session-bound CSRF tokens."""

    def __init__(
        self,
        secret: bytes,
        *,
        max_age: int = 3600,
        clock: Callable[[], float] = time.time,
        random_bytes: Callable[[int], bytes] = secrets.token_bytes,
    ) -> None:
        """Keep the settings.

        Args:
            secret: the server-side HMAC key, at least 32 bytes.
            max_age: seconds a token stays valid, > 0.
            clock: returns the current Unix time in seconds.
            random_bytes: returns n random bytes (``secrets.token_bytes``).

        Raises:
            ValueError: if the secret is shorter than 32 bytes or max_age <= 0.
        """
        raise NotImplementedError("validate secret length and max_age, keep clock and random_bytes")

    def _sign(self, session_id: str, nonce: str, issued: str) -> str:
        raise NotImplementedError("HMAC-SHA256 over f'{session_id}\\n{nonce}\\n{issued}', unpadded base64url")

    def issue(self, session_id: str) -> str:
        """Return a new token for ``session_id`` (see the module docstring for the format).

        Two calls give different tokens because each has a fresh nonce.

        Args:
            session_id: the user's session identifier; must not be empty.

        Returns:
            ``NONCE.ISSUED.SIGNATURE``.

        Raises:
            ValueError: if ``session_id`` is empty.
        """
        raise NotImplementedError("nonce = unpadded base64url of 16 random bytes, issued = int(clock()), then sign")

    def verify(self, session_id: str, token: str | None) -> None:
        """Check ``token`` for ``session_id``; return None if it is good.

        Checks, in this order: present; shape (a full match of 22 base64url
        characters, a dot, 1-12 digits, a dot, 43 base64url characters);
        signature (recomputed and compared with ``hmac.compare_digest``); issue
        time not more than ``CLOCK_SKEW`` seconds in the future; age. A token
        issued at ``t`` is accepted up to and including ``t + max_age`` and
        rejected after. The signature is checked before the age so a forged
        token is reported as invalid, never as expired.

        Args:
            session_id: the session the request belongs to.
            token: the submitted token.

        Raises:
            TokenMissingError: token is None or empty.
            TokenMalformedError: token has the wrong shape.
            TokenInvalidError: bad signature, wrong or empty session, or an issue
                time too far in the future.
            TokenExpiredError: the token is older than ``max_age``.
        """
        raise NotImplementedError("check presence, shape, signature (hmac.compare_digest), future skew, then age")


def check_request(
    tokens: CsrfTokens,
    *,
    method: str,
    session_id: str,
    cookie_token: str | None,
    submitted_token: str | None,
    origin: str | None,
    allowed_origins: Collection[str],
) -> None:
    """Decide whether a request passes CSRF protection; return None if it does.

    Safe methods (``SAFE_METHODS``, compared case-insensitively) pass without
    any check: they must not change state anyway. For every other method:

    1. if ``origin`` is not None it must be in ``allowed_origins`` (exact
       string match; the literal ``"null"`` origin is only allowed if listed);
    2. both ``cookie_token`` and ``submitted_token`` (header or form field) must
       be present;
    3. they must be equal, compared with ``hmac.compare_digest``;
    4. ``tokens.verify(session_id, submitted_token)`` must pass.

    Args:
        tokens: the token issuer/verifier.
        method: the HTTP method.
        session_id: the session the cookie belongs to.
        cookie_token: the token from the CSRF cookie, or None.
        submitted_token: the token from the ``X-CSRF-Token`` header or form, or None.
        origin: the request's ``Origin`` header, or None when absent.
        allowed_origins: origins such as ``"https://shop.example"``.

    Raises:
        OriginRejectedError: for an Origin that is not allowed.
        TokenMissingError: a copy of the token is missing.
        TokenInvalidError: the two copies differ, or ``verify`` says so.
        TokenMalformedError: from ``verify``.
        TokenExpiredError: from ``verify``.
    """
    raise NotImplementedError("skip safe methods; check Origin, both copies present and equal, then tokens.verify")
