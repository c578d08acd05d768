"""Session cookies: safe Set-Cookie headers, Cookie parsing and signed session ids.

After a login the server hands the browser a session id in a cookie. Three
things decide whether that is safe: the cookie's attributes (``HttpOnly`` keeps
JavaScript away from it, ``Secure`` keeps it off plain HTTP, ``SameSite``
limits cross-site requests), the id itself (long and random), and an HMAC
signature that lets the server reject ids it never issued without a database
lookup. Signing keys get rotated, so verification accepts a list of keys.
"""

from __future__ import annotations

from collections.abc import Sequence

SAME_SITE_VALUES = ("Strict", "Lax", "None")
"""Allowed SameSite values, spelled as they appear in the header."""


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
    raise NotImplementedError(
        "validate name, value and every attribute (CookieError), then join 'name=value' and the "
        "attributes in the documented order with '; '"
    )


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
    raise NotImplementedError(
        "call build_set_cookie with an empty value and max_age=0, passing path, domain and the flags through"
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
    raise NotImplementedError(
        "split on ';', partition each piece at the first '=', strip whitespace and one pair of double "
        "quotes, keep the first value per name"
    )


def new_session_id() -> str:
    """Return a fresh session id: 32 random bytes from :mod:`secrets`, base64url.

    ``secrets.token_urlsafe(32)`` does exactly this: 43 characters from
    ``A-Z a-z 0-9 - _``, about 256 bits of randomness.
    """
    raise NotImplementedError("return secrets.token_urlsafe(32)")


def sign_session_id(session_id: str, key: bytes) -> str:
    """Return ``"<session_id>.<signature>"`` for use as a cookie value.

    ``signature`` is HMAC-SHA256 of the ASCII ``session_id`` under ``key``,
    base64url-encoded without ``=`` padding (43 characters).

    Raises:
        ValueError: ``key`` is empty.
        CookieError: ``session_id`` is empty or contains a character that is
            not a cookie-octet (see :func:`build_set_cookie`).
    """
    raise NotImplementedError(
        "validate key and id, then return f'{session_id}.{signature}' with an unpadded base64url HMAC-SHA256 signature"
    )


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
    raise NotImplementedError(
        "split at the last '.', recompute the signature under each key and compare bytes with "
        "hmac.compare_digest; raise BadSignatureError when none matches"
    )


def read_session(cookie_header: str | None, keys: Sequence[bytes], *, name: str = "session") -> str | None:
    """Return the verified session id from a request's Cookie header, or None.

    None means "no valid session": the header is missing or empty, the cookie
    ``name`` is absent, or its signature does not verify. A tampered cookie is
    treated exactly like no cookie; it never raises.

    Raises:
        ValueError: ``keys`` is empty (a server bug, not a client problem).
    """
    raise NotImplementedError(
        "parse the Cookie header, find the cookie, unsign it; return None when it is missing or its signature is bad"
    )
