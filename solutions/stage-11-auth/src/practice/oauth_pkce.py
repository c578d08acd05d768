"""The client side of OAuth 2.0's authorization code flow with PKCE (RFC 7636).

"Log in with ..." sends the user to an authorization server, which redirects
back with a one-time ``code``. PKCE stops a stolen code from being useful: the
client makes a random ``code_verifier``, sends only its SHA-256 hash (the
``code_challenge``) with the first redirect, and later proves it started the
flow by presenting the verifier when it exchanges the code. The ``state``
parameter, checked on the way back, stops cross-site request forgery.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Callable, Sequence
from urllib.parse import parse_qs, quote, urlencode, urlsplit

VERIFIER_MIN_LENGTH = 43
VERIFIER_MAX_LENGTH = 128
METHODS = ("S256", "plain")
"""Challenge methods from RFC 7636, spelled exactly as on the wire."""

_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


class PKCEError(ValueError):
    """A verifier, challenge method or request parameter breaks RFC 7636 / RFC 6749."""


class AuthorizationError(Exception):
    """The redirect back from the authorization server must not be trusted or used."""


def generate_code_verifier(length: int = 64, *, random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> str:
    """Return a new code verifier of exactly ``length`` characters.

    Ask ``random_bytes`` for ``math.ceil(length * 3 / 4)`` bytes, base64url
    encode them, drop the ``=`` padding and keep the first ``length``
    characters. The result only uses ``A-Z a-z 0-9 - _`` (a subset of the
    unreserved characters RFC 7636 allows).

    Args:
        length: Between 43 and 128 inclusive (RFC 7636 section 4.1).
        random_bytes: Source of randomness; tests inject a fixed one.

    Raises:
        PKCEError: ``length`` is not an int (bool is not) in 43..128.
    """
    if (
        isinstance(length, bool)
        or not isinstance(length, int)
        or not VERIFIER_MIN_LENGTH <= length <= VERIFIER_MAX_LENGTH
    ):
        raise PKCEError(f"length must be an int from 43 to 128, got {length!r}")
    raw = random_bytes(math.ceil(length * 3 / 4))
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")[:length]


def is_valid_verifier(verifier: str) -> bool:
    """Return True if ``verifier`` has 43-128 characters, all from ``A-Z a-z 0-9 - . _ ~``."""
    return isinstance(verifier, str) and _VERIFIER.fullmatch(verifier) is not None


def code_challenge(verifier: str, method: str = "S256") -> str:
    """Return the code challenge for ``verifier``.

    * ``"S256"``: base64url, without ``=``, of SHA-256 of the ASCII verifier.
    * ``"plain"``: the verifier itself (only for clients that cannot hash).

    Raises:
        PKCEError: The verifier is invalid (see :func:`is_valid_verifier`) or
            ``method`` is not exactly ``"S256"`` or ``"plain"``.
    """
    if method not in METHODS:
        raise PKCEError(f"unknown code_challenge_method {method!r}; use 'S256'")
    if not is_valid_verifier(verifier):
        raise PKCEError("a code verifier has 43-128 characters from A-Z a-z 0-9 - . _ ~")
    if method == "plain":
        return verifier
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def verify_code_verifier(verifier: str, challenge: str, method: str = "S256") -> bool:
    """Server side: return True if ``verifier`` matches the stored ``challenge``.

    An invalid verifier (wrong length or characters) is simply False, since it
    comes from the network. Compare with ``hmac.compare_digest`` on ASCII bytes;
    a non-ASCII challenge or verifier never matches.

    Raises:
        PKCEError: ``method`` is not ``"S256"`` or ``"plain"`` (the server
            stored it, so a bad value is a server bug).
    """
    if method not in METHODS:
        raise PKCEError(f"unknown code_challenge_method {method!r}")
    if not is_valid_verifier(verifier) or not challenge.isascii():
        return False
    expected = code_challenge(verifier, method)
    return hmac.compare_digest(expected.encode("ascii"), challenge.encode("ascii"))


def build_authorization_url(
    endpoint: str,
    *,
    client_id: str,
    redirect_uri: str,
    scopes: Sequence[str],
    state: str,
    challenge: str,
) -> str:
    """Return the URL that starts the flow (RFC 6749 4.1.1 plus RFC 7636 4.3).

    Query parameters, in this order: ``response_type=code``, ``client_id``,
    ``redirect_uri``, ``scope`` (the scopes joined by one space),
    ``state``, ``code_challenge``, ``code_challenge_method=S256``. They are
    encoded with ``urllib.parse.urlencode(..., quote_via=urllib.parse.quote)``
    so spaces become ``%20`` and ``/`` and ``:`` are percent-encoded too. If
    ``endpoint`` already has a query string, join with ``&`` instead of ``?``.

    Raises:
        PKCEError: ``endpoint`` is not an ``https://`` URL with a host;
            ``client_id``, ``redirect_uri``, ``state`` or ``challenge`` is
            empty; ``scopes`` is empty or a scope is empty or contains a space.
    """
    parts = urlsplit(endpoint)
    if parts.scheme != "https" or not parts.netloc or parts.fragment:
        raise PKCEError(f"the authorization endpoint must be an https URL, got {endpoint!r}")
    for name, value in (
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("state", state),
        ("challenge", challenge),
    ):
        if not value:
            raise PKCEError(f"{name} must not be empty")
    if isinstance(scopes, str) or not scopes or any(not s or " " in s for s in scopes):
        raise PKCEError("scopes must be a non-empty list of words without spaces")
    query = urlencode(
        [
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
            ("scope", " ".join(scopes)),
            ("state", state),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ],
        quote_via=quote,
    )
    joiner = "&" if parts.query else "?"
    return f"{endpoint}{joiner}{query}"


def parse_callback(url: str, *, expected_state: str) -> str:
    """Check the redirect back to ``redirect_uri`` and return the authorization code.

    Steps, in order:

    1. Parse the query with ``parse_qs(..., keep_blank_values=True)``. Any
       parameter that appears more than once -> AuthorizationError (parameter
       pollution).
    2. ``error`` present -> AuthorizationError whose message contains the
       error code and, if given, ``error_description``.
    3. ``state`` missing or not equal to ``expected_state`` (compared with
       ``hmac.compare_digest`` on UTF-8 bytes) -> AuthorizationError. This is
       checked before the code is looked at.
    4. ``code`` missing or empty -> AuthorizationError.

    Raises:
        ValueError: ``expected_state`` is empty (the client lost its state).
        AuthorizationError: As above.
    """
    if not expected_state:
        raise ValueError("expected_state must not be empty")
    params = parse_qs(urlsplit(url).query, keep_blank_values=True)
    repeated = sorted(name for name, values in params.items() if len(values) > 1)
    if repeated:
        raise AuthorizationError(f"parameters repeated in the callback: {', '.join(repeated)}")
    values = {name: vals[0] for name, vals in params.items()}
    if "error" in values:
        description = values.get("error_description", "")
        detail = f": {description}" if description else ""
        raise AuthorizationError(f"authorization failed: {values['error']}{detail}")
    state = values.get("state")
    if state is None or not hmac.compare_digest(state.encode("utf-8"), expected_state.encode("utf-8")):
        raise AuthorizationError("state does not match: possible CSRF, start the login again")
    code = values.get("code", "")
    if not code:
        raise AuthorizationError("the callback has no authorization code")
    return code
