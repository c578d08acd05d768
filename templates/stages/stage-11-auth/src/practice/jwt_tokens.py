"""HS256 JSON Web Tokens (RFC 7519) built from hmac, base64 and json.

A JWT is ``base64url(header).base64url(payload).base64url(signature)``. The
header names the algorithm, and that is the trap: a verifier that trusts the
header can be talked into ``"alg": "none"`` or another algorithm. This module
knows one algorithm, HS256, and refuses everything else before it looks at the
signature. The current time is a parameter so that expiry can be tested
without sleeping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

ALGORITHM = "HS256"
"""The only algorithm this module signs with or accepts."""

MIN_KEY_BYTES = 32
"""RFC 7518 section 3.2: an HS256 key must be at least 256 bits."""


class TokenError(Exception):
    """Base class: the token must not be trusted."""


class MalformedTokenError(TokenError):
    """The token is not three base64url parts with JSON objects inside."""


class AlgorithmNotAllowedError(TokenError):
    """The header asks for an algorithm other than HS256 (including "none")."""


class InvalidSignatureError(TokenError):
    """The signature does not match header and payload under this key."""


class ExpiredTokenError(TokenError):
    """The ``exp`` claim is in the past."""


class TokenNotYetValidError(TokenError):
    """The ``nbf`` claim is in the future."""


class InvalidAudienceError(TokenError):
    """The ``aud`` claim does not name this service."""


class InvalidIssuerError(TokenError):
    """The ``iss`` claim is not the expected issuer."""


class MissingClaimError(TokenError):
    """A claim that the caller requires is absent."""


def b64url_encode(data: bytes) -> str:
    """Return ``data`` as base64url (``-`` and ``_``) without ``=`` padding."""
    raise NotImplementedError("base64.urlsafe_b64encode, then strip the '=' padding and decode to str")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url text.

    Raises:
        MalformedTokenError: ``text`` contains a character outside
            ``A-Z a-z 0-9 - _`` (``=`` padding, ``+``, ``/``, spaces and
            non-ASCII included) or its length leaves 1 character over a
            multiple of 4 (no byte string encodes to that).
    """
    raise NotImplementedError(
        "reject characters outside A-Z a-z 0-9 - _ and lengths with len % 4 == 1 (MalformedTokenError), "
        "add the '=' padding back, then decode"
    )


def sign_jwt(claims: Mapping[str, Any], key: bytes) -> str:
    """Return a compact HS256 JWT carrying ``claims``.

    * header: ``json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":"))``
    * payload: ``json.dumps(dict(claims), separators=(",", ":"))``
    * both UTF-8 encoded and base64url-encoded without padding, joined by ``.``
    * signature: HMAC-SHA256 under ``key`` of the ASCII bytes of
      ``"<header>.<payload>"``, base64url without padding, appended after a ``.``

    Raises:
        ValueError: ``key`` is shorter than :data:`MIN_KEY_BYTES`.
        TypeError: A claim value cannot be serialized to JSON.
    """
    raise NotImplementedError(
        "check the key length, encode the compact JSON header and payload with b64url_encode, sign "
        "'<header>.<payload>' with HMAC-SHA256 and append the signature"
    )


def verify_jwt(
    token: str,
    key: bytes,
    *,
    now: float,
    audience: str | None = None,
    issuer: str | None = None,
    leeway: float = 0,
    required: Iterable[str] = ("exp",),
) -> dict[str, Any]:
    """Verify an HS256 token and return its claims.

    Checks run in this order, and the first failure raises:

    1. ``token`` has exactly three ``.``-separated parts, and the header is a
       base64url JSON object with a string ``alg`` -> else MalformedTokenError.
    2. ``alg`` is exactly ``"HS256"`` -> else AlgorithmNotAllowedError. This is
       checked BEFORE the signature: ``"none"``, ``"None"``, ``"HS512"``,
       ``"RS256"`` are all refused, whatever the signature part holds.
    3. The signature part (base64url) equals HMAC-SHA256 of the ASCII
       ``"<header part>.<payload part>"`` exactly as received, compared with
       ``hmac.compare_digest`` -> else InvalidSignatureError (a signature part
       that is not base64url is Malformed).
    4. The payload is a base64url JSON object -> else MalformedTokenError.
    5. Every name in ``required`` is a claim -> else MissingClaimError.
    6. ``exp`` (if present) is a number (not bool) and ``now < exp + leeway``
       -> else ExpiredTokenError (Malformed if not a number). At ``now == exp``
       the token has expired.
    7. ``nbf`` (if present) is a number and ``now >= nbf - leeway`` -> else
       TokenNotYetValidError (Malformed if not a number).
    8. If ``issuer`` is given, ``iss`` equals it -> else InvalidIssuerError.
    9. ``aud`` may be a string or a list of strings. If ``audience`` is given,
       ``aud`` must equal it or contain it; if ``audience`` is None, a token
       that HAS an ``aud`` is refused (it was meant for a specific service and
       the caller did not say which one it is) -> else InvalidAudienceError.

    Args:
        token: The compact token, untrusted.
        key: The HMAC key; at least :data:`MIN_KEY_BYTES` bytes.
        now: Current time as seconds since the epoch (injected, not read).
        audience: This service's identifier, or None.
        issuer: The expected issuer, or None to skip the check.
        leeway: Seconds of clock skew tolerated for ``exp`` and ``nbf``; >= 0.
        required: Claim names that must be present.

    Raises:
        ValueError: ``key`` is too short or ``leeway`` is negative.
        TokenError: One of the subclasses above.
    """
    raise NotImplementedError(
        "split into three parts, check the header and alg == 'HS256' BEFORE the signature, compare "
        "signatures with hmac.compare_digest, then check required claims, exp, nbf, iss and aud in that "
        "order"
    )
