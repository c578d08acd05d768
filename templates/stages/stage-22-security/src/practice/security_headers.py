"""Security headers: a strict Content-Security-Policy with nonces, HSTS and friends.

Response headers are a cheap second line of defence. A strict CSP tells the
browser to run only scripts carrying this response's random nonce, so an XSS
bug that slips through cannot run injected ``<script>`` tags. HSTS keeps the
browser on HTTPS, ``X-Content-Type-Options: nosniff`` stops MIME sniffing, and
``frame-ancestors`` stops other sites from framing your pages (clickjacking).
The audit function checks a response the way a scanner or a code reviewer
would.

Exercise ex06: implement the functions below.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence

UNSAFE_SOURCES = frozenset({"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"})
WILDCARD_SOURCES = frozenset({"*", "http:", "https:", "data:"})
HSTS_MIN_AGE = 15_552_000
"""180 days: a shorter HSTS max-age is reported by ``audit_headers``."""
PRELOAD_MIN_AGE = 31_536_000

_DIRECTIVE = re.compile(r"[a-z]+(-[a-z]+)*")
_NONCE = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


def new_nonce(random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> str:
    """Return a fresh CSP nonce: standard base64 of 16 random bytes (24 characters).

    Args:
        random_bytes: returns n random bytes.

    Returns:
        The nonce, e.g. ``"AAAAAAAAAAAAAAAAAAAAAA=="`` for sixteen zero bytes.
    """
    raise NotImplementedError("base64.b64encode(random_bytes(16)) as str")


def build_csp(directives: Mapping[str, Sequence[str]], *, nonce: str | None = None) -> str:
    """Serialize a Content-Security-Policy header value.

    Rules:

    * directive names must fully match ``[a-z]+(-[a-z]+)*``;
    * a source must be non-empty and contain no whitespace, ``;`` or ``,``;
    * any source in ``UNSAFE_SOURCES`` is refused: the point of a strict
      policy is that inline code runs only with a nonce;
    * with a ``nonce`` (base64 characters, matching
      ``[A-Za-z0-9+/_-]+={0,2}``), ``'nonce-<nonce>'`` is appended to
      ``script-src`` (created if missing) and to ``style-src`` if present;
    * duplicate sources in one directive are dropped, keeping the first;
    * ``default-src`` (if present) comes first, the rest keep their order;
    * each directive is its name followed by its sources separated by single
      spaces (just the name if it has no sources), directives joined by ``"; "``.

    Args:
        directives: directive name to its sources.
        nonce: the per-response nonce, or None.

    Returns:
        e.g. ``"default-src 'self'; script-src 'self' 'nonce-abc'"``.

    Raises:
        ValueError: for a bad directive name, bad source, unsafe source or bad nonce.
    """
    raise NotImplementedError(
        "validate names and sources, refuse unsafe sources, add the nonce, dedupe, put default-src first"
    )


def security_headers(
    nonce: str,
    *,
    https: bool = True,
    hsts_max_age: int = 63_072_000,
    include_subdomains: bool = True,
    preload: bool = False,
    frame_ancestors: str = "'none'",
) -> dict[str, str]:
    """Return the security headers for one HTML response.

    The headers are exactly:

    * ``Content-Security-Policy``: ``build_csp`` of, in this order,
      ``default-src 'self'``, ``script-src 'self'``, ``style-src 'self'``,
      ``object-src 'none'``, ``base-uri 'none'``, ``form-action 'self'``,
      ``frame-ancestors <frame_ancestors>``, with ``nonce``;
    * ``Strict-Transport-Security`` only when ``https`` is True:
      ``max-age=<n>``, then ``; includeSubDomains`` and ``; preload`` when set;
    * ``X-Content-Type-Options: nosniff``;
    * ``Referrer-Policy: strict-origin-when-cross-origin``;
    * ``X-Frame-Options``: ``DENY`` when frame_ancestors is ``'none'``,
      ``SAMEORIGIN`` when it is ``'self'``, otherwise absent (the CSP
      directive is the modern control; this is for old browsers);
    * ``Cross-Origin-Opener-Policy: same-origin``.

    Args:
        nonce: the per-response nonce from ``new_nonce``.
        https: whether the response is served over HTTPS.
        hsts_max_age: seconds for HSTS, >= 0.
        include_subdomains: add ``includeSubDomains`` to HSTS.
        preload: add ``preload`` to HSTS.
        frame_ancestors: the CSP ``frame-ancestors`` source, e.g. ``'none'``.

    Returns:
        Header name to value.

    Raises:
        ValueError: if ``hsts_max_age < 0``; if ``preload`` is set without
            ``include_subdomains`` or with a max-age below ``PRELOAD_MIN_AGE``;
            or if ``build_csp`` refuses the policy.
    """
    raise NotImplementedError("validate the HSTS options, build the strict CSP and add the other headers")


def parse_csp(value: str) -> dict[str, list[str]]:
    """Parse a CSP header value into directive name (lowercased) to sources.

    Directives are separated by ``;``, tokens by whitespace; empty directives
    are skipped and only the first occurrence of a repeated directive counts
    (as in browsers).

    Args:
        value: the header value.

    Returns:
        e.g. ``{"default-src": ["'self'"], "upgrade-insecure-requests": []}``.
    """
    raise NotImplementedError("split on ';', then on whitespace; lowercase names; keep the first occurrence")


def audit_headers(headers: Mapping[str, str]) -> list[str]:
    """Review a response's headers and return the sorted list of finding codes.

    Header names are case-insensitive. Codes:

    * ``csp-missing``: no Content-Security-Policy header;
    * ``csp-unsafe-inline``: the effective script sources (``script-src``, or
      ``default-src`` when there is no ``script-src``) contain
      ``'unsafe-inline'`` and no ``'nonce-...'`` source (a nonce makes
      browsers ignore unsafe-inline);
    * ``csp-wildcard-script``: the effective script sources contain one of
      ``WILDCARD_SOURCES``;
    * ``frame-protection-missing``: neither a CSP ``frame-ancestors``
      directive nor an ``X-Frame-Options`` header;
    * ``hsts-missing``: no Strict-Transport-Security header;
    * ``hsts-short``: HSTS present but its ``max-age`` (case-insensitive
      attribute name) is missing, not a number, or below ``HSTS_MIN_AGE``;
    * ``nosniff-missing``: X-Content-Type-Options is absent or not ``nosniff``
      (value compared case-insensitively, surrounding whitespace ignored).

    Args:
        headers: response header names to values.

    Returns:
        The finding codes, sorted; an empty list for a well-configured response.
    """
    raise NotImplementedError("lowercase the header names, then check CSP, frame protection, HSTS and nosniff")


def _hsts_max_age(value: str) -> int:
    raise NotImplementedError("find the max-age attribute and return it as int, or -1")
