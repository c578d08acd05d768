"""HS256 JSON Web Tokens (RFC 7519) built from hmac, base64 and json.

A JWT is ``base64url(header).base64url(payload).base64url(signature)``. The
header names the algorithm, and that is the trap: a verifier that trusts the
header can be talked into ``"alg": "none"`` or another algorithm. This module
knows one algorithm, HS256, and refuses everything else before it looks at the
signature. The current time is a parameter so that expiry can be tested
without sleeping.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

ALGORITHM = "HS256"
"""The only algorithm this module signs with or accepts."""

MIN_KEY_BYTES = 32
"""RFC 7518 section 3.2: an HS256 key must be at least 256 bits."""

_B64URL = re.compile(r"[A-Za-z0-9_-]*")


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
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url text.

    Raises:
        MalformedTokenError: ``text`` contains a character outside
            ``A-Z a-z 0-9 - _`` (``=`` padding, ``+``, ``/``, spaces and
            non-ASCII included) or its length leaves 1 character over a
            multiple of 4 (no byte string encodes to that).
    """
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise MalformedTokenError(f"not unpadded base64url: {text[:20]!r}")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedTokenError("not unpadded base64url") from exc


def _check_key(key: bytes) -> None:
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"an HS256 key must be at least {MIN_KEY_BYTES} bytes")


def _sign(signing_input: str, key: bytes) -> bytes:
    return hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()


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
    _check_key(key)
    header = json.dumps({"alg": ALGORITHM, "typ": "JWT"}, separators=(",", ":"))
    payload = json.dumps(dict(claims), separators=(",", ":"))
    signing_input = f"{b64url_encode(header.encode('utf-8'))}.{b64url_encode(payload.encode('utf-8'))}"
    return f"{signing_input}.{b64url_encode(_sign(signing_input, key))}"


def _json_object(part: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(b64url_decode(part))
    except ValueError as exc:
        raise MalformedTokenError(f"{what} is not valid JSON") from exc
    if not isinstance(value, dict):
        raise MalformedTokenError(f"{what} is not a JSON object")
    return value


def _numeric_date(claims: Mapping[str, Any], name: str) -> float | None:
    if name not in claims:
        return None
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedTokenError(f"claim {name!r} must be a number of seconds")
    return float(value)


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
    _check_key(key)
    if leeway < 0:
        raise ValueError("leeway must be >= 0")
    if not isinstance(token, str):
        raise MalformedTokenError("a token must be a str")
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedTokenError("a JWT has exactly three parts")
    header_part, payload_part, signature_part = parts
    header = _json_object(header_part, "header")
    alg = header.get("alg")
    if not isinstance(alg, str):
        raise MalformedTokenError("the header has no 'alg'")
    if alg != ALGORITHM:
        raise AlgorithmNotAllowedError(f"algorithm {alg!r} is not allowed; only HS256 is")
    signature = b64url_decode(signature_part)
    expected = _sign(f"{header_part}.{payload_part}", key)
    if not hmac.compare_digest(expected, signature):
        raise InvalidSignatureError("signature does not match")
    claims = _json_object(payload_part, "payload")

    for name in required:
        if name not in claims:
            raise MissingClaimError(f"claim {name!r} is required")
    exp = _numeric_date(claims, "exp")
    if exp is not None and not now < exp + leeway:
        raise ExpiredTokenError("the token has expired")
    nbf = _numeric_date(claims, "nbf")
    if nbf is not None and now < nbf - leeway:
        raise TokenNotYetValidError("the token is not valid yet")
    if issuer is not None and claims.get("iss") != issuer:
        raise InvalidIssuerError(f"expected issuer {issuer!r}")
    if "aud" in claims or audience is not None:
        aud = claims.get("aud")
        if audience is None:
            raise InvalidAudienceError("the token names an audience but none was expected")
        if aud is None:
            raise InvalidAudienceError(f"the token has no 'aud'; expected {audience!r}")
        if isinstance(aud, str):
            allowed = [aud]
        elif isinstance(aud, list) and all(isinstance(item, str) for item in aud):
            allowed = aud
        else:
            raise InvalidAudienceError("'aud' must be a string or a list of strings")
        if audience not in allowed:
            raise InvalidAudienceError(f"the token is not meant for {audience!r}")
    return claims
