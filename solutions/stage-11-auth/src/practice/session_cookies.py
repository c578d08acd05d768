"""Session cookies: safe Set-Cookie headers, Cookie parsing and signed session ids.

After a login the server hands the browser a session id in a cookie. Three
things decide whether that is safe: the cookie's attributes (``HttpOnly`` keeps
JavaScript away from it, ``Secure`` keeps it off plain HTTP, ``SameSite``
limits cross-site requests), the id itself (long and random), and an HMAC
signature that lets the server reject ids it never issued without a database
lookup. Signing keys get rotated, so verification accepts a list of keys.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence

SAME_SITE_VALUES = ("Strict", "Lax", "None")
"""Allowed SameSite values, spelled as they appear in the header."""

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_COOKIE_VALUE = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*")
_ATTRIBUTE_VALUE = re.compile(r"[\x20-\x3a\x3c-\x7e]+")


class CookieError(ValueError):
    """A cookie name, value or attribute that must not go into a header."""


class BadSignatureError(ValueError):
    """A signed session id was tampered with, truncated or signed with an unknown key."""


def build_set_cookie(
    name: str,
    value: str,
    *,
    max_age: int | None = None,
    path: str = "/",
    domain: str | None = None,
    secure: bool = True,
    http_only: bool = True,
    same_site: str = "Lax",
) -> str:
    """Return the value of a ``Set-Cookie`` header.

    Attributes appear in this exact order, each separated by ``"; "``, and
    only when they apply::

        name=value; Max-Age=3600; Domain=example.com; Path=/; Secure; HttpOnly; SameSite=Lax

    The defaults are the safe ones: ``Secure``, ``HttpOnly``, ``SameSite=Lax``,
    ``Path=/``, no ``Max-Age`` (a browser-session cookie) and no ``Domain``
    (host-only).

    Args:
        name: Cookie name: one or more RFC 7230 token characters (letters,
            digits and ``!#$%&'*+-.^_`|~``).
        value: Cookie value: zero or more cookie-octets (printable ASCII except
            space, ``"``, ``,``, ``;`` and backslash).
        max_age: Lifetime in seconds, an ``int >= 0`` (``0`` deletes the
            cookie); ``None`` leaves it out. ``bool`` is not an int here.
        path: Must start with ``/``; printable ASCII without ``;``.
        domain: ``None`` or a non-empty printable ASCII string without ``;``.
        secure: Add ``Secure``.
        http_only: Add ``HttpOnly``.
        same_site: ``"Strict"``, ``"Lax"`` or ``"None"``, in any letter case;
            written in the canonical spelling.

    Raises:
        CookieError: Any rule above is broken; also ``SameSite=None`` without
            ``secure`` (browsers drop it), a name starting with ``__Secure-``
            without ``secure``, or a name starting with ``__Host-`` without
            ``secure``, with a ``domain`` or with a path other than ``/``.
            Prefixes are matched case-insensitively.
    """
    if not _TOKEN.fullmatch(name):
        raise CookieError(f"invalid cookie name {name!r}")
    if not _COOKIE_VALUE.fullmatch(value):
        raise CookieError(f"invalid characters in the value of cookie {name!r}")
    if max_age is not None and (isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < 0):
        raise CookieError(f"max_age must be an int >= 0, got {max_age!r}")
    if not path.startswith("/") or not _ATTRIBUTE_VALUE.fullmatch(path):
        raise CookieError(f"path must start with '/' and be plain ASCII, got {path!r}")
    if domain is not None and not _ATTRIBUTE_VALUE.fullmatch(domain):
        raise CookieError(f"invalid domain {domain!r}")
    canonical = {v.lower(): v for v in SAME_SITE_VALUES}.get(same_site.lower())
    if canonical is None:
        raise CookieError(f"same_site must be one of {SAME_SITE_VALUES}, got {same_site!r}")
    if canonical == "None" and not secure:
        raise CookieError("SameSite=None requires Secure")
    lowered = name.lower()
    if lowered.startswith("__secure-") and not secure:
        raise CookieError("a __Secure- cookie must be Secure")
    if lowered.startswith("__host-") and (not secure or domain is not None or path != "/"):
        raise CookieError("a __Host- cookie must be Secure, have Path=/ and no Domain")

    parts = [f"{name}={value}"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if domain is not None:
        parts.append(f"Domain={domain}")
    parts.append(f"Path={path}")
    if secure:
        parts.append("Secure")
    if http_only:
        parts.append("HttpOnly")
    parts.append(f"SameSite={canonical}")
    return "; ".join(parts)


def expire_cookie(
    name: str,
    *,
    path: str = "/",
    domain: str | None = None,
    secure: bool = True,
    http_only: bool = True,
    same_site: str = "Lax",
) -> str:
    """Return a ``Set-Cookie`` value that deletes cookie ``name`` (logout).

    A browser only replaces a cookie whose name, path and domain all match, so
    the caller passes the same ``path``/``domain`` the cookie was set with. The
    result is :func:`build_set_cookie` with an empty value and ``max_age=0``,
    e.g. ``"session=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax"``.

    Raises:
        CookieError: The same rules as :func:`build_set_cookie`.
    """
    return build_set_cookie(
        name,
        "",
        max_age=0,
        path=path,
        domain=domain,
        secure=secure,
        http_only=http_only,
        same_site=same_site,
    )


def parse_cookie_header(header: str) -> dict[str, str]:
    """Parse a request's ``Cookie`` header into ``{name: value}``.

    Pairs are separated by ``;``. Around each name and value whitespace is
    stripped; a value wrapped in one pair of double quotes loses them. A piece
    without ``=`` or with an empty name is skipped. The value is everything
    after the first ``=`` (so ``a=x=y`` gives ``"x=y"``). When a name appears
    twice the FIRST value wins (browsers send the most specific path first).
    Names are case-sensitive. An empty header gives ``{}``.
    """
    cookies: dict[str, str] = {}
    for piece in header.split(";"):
        name, sep, value = piece.partition("=")
        name = name.strip()
        if not sep or not name:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        cookies.setdefault(name, value)
    return cookies


def new_session_id() -> str:
    """Return a fresh session id: 32 random bytes from :mod:`secrets`, base64url.

    ``secrets.token_urlsafe(32)`` does exactly this: 43 characters from
    ``A-Z a-z 0-9 - _``, about 256 bits of randomness.
    """
    return secrets.token_urlsafe(32)


def _signature(session_id: str, key: bytes) -> str:
    digest = hmac.new(key, session_id.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_session_id(session_id: str, key: bytes) -> str:
    """Return ``"<session_id>.<signature>"`` for use as a cookie value.

    ``signature`` is HMAC-SHA256 of the ASCII ``session_id`` under ``key``,
    base64url-encoded without ``=`` padding (43 characters).

    Raises:
        ValueError: ``key`` is empty.
        CookieError: ``session_id`` is empty or contains a character that is
            not a cookie-octet (see :func:`build_set_cookie`).
    """
    if not key:
        raise ValueError("the signing key must not be empty")
    if not session_id or not _COOKIE_VALUE.fullmatch(session_id):
        raise CookieError(f"invalid session id {session_id!r}")
    return f"{session_id}.{_signature(session_id, key)}"


def unsign_session_id(signed: str, keys: Sequence[bytes]) -> str:
    """Check a signed value from :func:`sign_session_id` and return the session id.

    The value is split at its LAST ``.``; the signature is recomputed under
    each key in turn (newest first, so rotated-out keys keep working until
    they are removed) and compared with ``hmac.compare_digest`` on bytes.

    Args:
        signed: The cookie value as received (untrusted: any string).
        keys: Accepted keys; ``keys[0]`` is the one new cookies are signed with.

    Raises:
        ValueError: ``keys`` is empty or contains an empty key.
        BadSignatureError: No ``.``, an empty id or signature, or no key
            produces the same signature (this includes non-ASCII input).
    """
    if not keys or any(not key for key in keys):
        raise ValueError("at least one non-empty key is needed")
    session_id, sep, signature = signed.rpartition(".")
    if not sep or not session_id or not signature:
        raise BadSignatureError("not a signed session id")
    if not _COOKIE_VALUE.fullmatch(session_id):
        raise BadSignatureError("not a signed session id")
    given = signature.encode("utf-8")
    for key in keys:
        if hmac.compare_digest(_signature(session_id, key).encode("ascii"), given):
            return session_id
    raise BadSignatureError("signature does not match")


def read_session(cookie_header: str | None, keys: Sequence[bytes], *, name: str = "session") -> str | None:
    """Return the verified session id from a request's Cookie header, or None.

    None means "no valid session": the header is missing or empty, the cookie
    ``name`` is absent, or its signature does not verify. A tampered cookie is
    treated exactly like no cookie; it never raises.

    Raises:
        ValueError: ``keys`` is empty (a server bug, not a client problem).
    """
    if not keys or any(not key for key in keys):
        raise ValueError("at least one non-empty key is needed")
    value = parse_cookie_header(cookie_header or "").get(name)
    if value is None:
        return None
    try:
        return unsign_session_id(value, keys)
    except BadSignatureError:
        return None
