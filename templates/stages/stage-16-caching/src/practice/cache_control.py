"""HTTP freshness: parse Cache-Control and decide if a stored response is fresh.

Every CDN, reverse proxy and HTTP client library does this arithmetic
(RFC 9111, sections 4.2 and 5.2). Getting it right decides whether users see
stale prices or your origin melts under traffic that a cache should absorb.

Headers are passed as a ``Mapping[str, str]`` whose keys may use any case
(``"cache-control"`` and ``"Cache-Control"`` mean the same header).

``header`` and ``parse_http_date`` are given. TODO: implement the functions
that raise ``NotImplementedError``.
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
    raise NotImplementedError("split on commas outside quotes, then name[=value]; first wins")


def parse_delta_seconds(value: str | None) -> int | None:
    """Parse an RFC 9111 delta-seconds value.

    Returns:
        The integer for a string of ASCII digits (capped at
        ``MAX_DELTA_SECONDS``), or ``None`` for anything else: ``None``,
        ``""``, ``"-1"``, ``"1.5"``, ``" 60"``, non-ASCII digits.
    """
    raise NotImplementedError("accept only ASCII digits; cap at MAX_DELTA_SECONDS")


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
    raise NotImplementedError("s-maxage (shared) -> max-age -> Expires - Date -> 0")


def current_age(headers: Mapping[str, str], *, now: datetime) -> int:
    """Estimate how old a stored response is, in whole seconds.

    ``apparent_age = max(0, now - Date)`` (0 if Date is missing or invalid);
    ``age_value`` is the ``Age`` header as delta-seconds (0 if missing or
    invalid). Returns ``max(apparent_age, age_value)`` (truncated to int).

    Raises:
        ValueError: if ``now`` is a naive datetime.
    """
    raise NotImplementedError("max(now - Date, Age header), never negative")


def is_fresh(headers: Mapping[str, str], *, now: datetime, shared: bool = False) -> bool:
    """True if a cache may reuse this stored response without revalidating.

    A response carrying ``no-cache`` or ``no-store`` is never fresh.
    Otherwise it is fresh while ``freshness_lifetime > current_age``
    (so at age == lifetime it is already stale).

    Raises:
        ValueError: if ``now`` is a naive datetime.
    """
    raise NotImplementedError("no-cache/no-store -> False; else lifetime > age")
