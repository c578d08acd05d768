"""HTTP freshness: parse Cache-Control and decide if a stored response is fresh.

Every CDN, reverse proxy and HTTP client library does this arithmetic
(RFC 9111, sections 4.2 and 5.2). Getting it right decides whether users see
stale prices or your origin melts under traffic that a cache should absorb.

Headers are passed as a ``Mapping[str, str]`` whose keys may use any case
(``"cache-control"`` and ``"Cache-Control"`` mean the same header).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

MAX_DELTA_SECONDS = 2**31
"""Largest delta-seconds value; bigger numbers are capped to it (RFC 9111 1.2.2)."""

_DIGITS = re.compile(r"[0-9]+")


def header(headers: Mapping[str, str], name: str) -> str | None:
    """Return the value of header ``name`` looked up case-insensitively, or None."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def _split_outside_quotes(value: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    escaped = False
    for ch in value:
        if escaped:
            current.append(ch)
            escaped = False
        elif in_quotes and ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"':
            current.append(ch)
            in_quotes = not in_quotes
        elif ch == "," and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_cache_control(value: str) -> dict[str, str | None]:
    """Parse a Cache-Control header value into ``{directive: argument}``.

    Rules:
        * Directives are separated by commas, but commas inside a quoted
          string do not split (``no-cache="Set-Cookie, Authorization"``).
        * Whitespace around directives, names and ``=`` is ignored; empty
          members (``"a,,b"``) are skipped; directive names are lowercased.
        * A directive without ``=`` maps to ``None`` (``no-store``).
        * A quoted argument is unquoted, with backslash escapes removed
          (``max-age="60"`` gives ``"60"``). Arguments keep their case.
        * If a directive appears more than once, the FIRST one wins.

    Examples:
        >>> parse_cache_control('public, Max-Age=60, no-cache="a, b"')
        {'public': None, 'max-age': '60', 'no-cache': 'a, b'}
        >>> parse_cache_control("")
        {}
    """
    result: dict[str, str | None] = {}
    for member in _split_outside_quotes(value):
        name, sep, arg = member.partition("=")
        name = name.strip().lower()
        if not name:
            continue
        if name in result:
            continue
        result[name] = _unquote(arg.strip()) if sep else None
    return result


def parse_delta_seconds(value: str | None) -> int | None:
    """Parse an RFC 9111 delta-seconds value.

    Returns:
        The integer for a string of ASCII digits (capped at
        ``MAX_DELTA_SECONDS``), or ``None`` for anything else: ``None``,
        ``""``, ``"-1"``, ``"1.5"``, ``" 60"``, non-ASCII digits.
    """
    if value is None or not _DIGITS.fullmatch(value):
        return None
    return min(int(value), MAX_DELTA_SECONDS)


def parse_http_date(value: str | None) -> datetime | None:
    """Parse an HTTP date (``"Sun, 06 Nov 1994 08:49:37 GMT"``) to aware UTC.

    Returns ``None`` for ``None`` or an unparseable value (``"0"``, ``""``).
    A date without a zone is taken as UTC.
    """
    if value is None:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def freshness_lifetime(headers: Mapping[str, str], *, shared: bool = False) -> int:
    """How many seconds a response stays fresh after it was generated.

    Follows RFC 9111 4.2.1, first match wins:
        1. ``shared`` caches only: ``s-maxage`` from Cache-Control.
        2. ``max-age`` from Cache-Control.
        3. ``Expires`` minus ``Date`` (clamped at 0), in whole seconds.
        4. Otherwise 0 (this module does no heuristic freshness).

    If the chosen directive (step 1 or 2) is present but its argument is not
    valid delta-seconds, the response is stale: return 0 without falling back
    to later steps. An invalid ``Expires`` (e.g. ``"0"``) means already
    expired: 0. A missing or invalid ``Date`` with ``Expires`` present also
    gives 0. Arguments larger than ``MAX_DELTA_SECONDS`` are capped.
    """
    directives = parse_cache_control(header(headers, "cache-control") or "")
    names = ["s-maxage", "max-age"] if shared else ["max-age"]
    for name in names:
        if name in directives:
            return parse_delta_seconds(directives[name]) or 0
    expires_value = header(headers, "expires")
    if expires_value is None:
        return 0
    expires = parse_http_date(expires_value)
    date = parse_http_date(header(headers, "date"))
    if expires is None or date is None:
        return 0
    return max(0, int((expires - date).total_seconds()))


def current_age(headers: Mapping[str, str], *, now: datetime) -> int:
    """Estimate how old a stored response is, in whole seconds.

    ``apparent_age = max(0, now - Date)`` (0 if Date is missing or invalid);
    ``age_value`` is the ``Age`` header as delta-seconds (0 if missing or
    invalid). Returns ``max(apparent_age, age_value)`` (truncated to int).

    Raises:
        ValueError: if ``now`` is a naive datetime.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    date = parse_http_date(header(headers, "date"))
    apparent = 0 if date is None else max(0, int((now - date).total_seconds()))
    age_value = parse_delta_seconds(header(headers, "age")) or 0
    return max(apparent, age_value)


def is_fresh(headers: Mapping[str, str], *, now: datetime, shared: bool = False) -> bool:
    """True if a cache may reuse this stored response without revalidating.

    A response carrying ``no-cache`` or ``no-store`` is never fresh.
    Otherwise it is fresh while ``freshness_lifetime > current_age``
    (so at age == lifetime it is already stale).

    Raises:
        ValueError: if ``now`` is a naive datetime.
    """
    age = current_age(headers, now=now)
    directives = parse_cache_control(header(headers, "cache-control") or "")
    if "no-cache" in directives or "no-store" in directives:
        return False
    return freshness_lifetime(headers, shared=shared) > age
