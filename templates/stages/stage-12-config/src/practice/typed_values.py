"""Turn configuration strings into typed values, or fail with a useful message.

Environment variables, flags and ``.env`` files only hold strings. A service
that reads ``PORT=80a`` or ``DEBUG=ture`` must refuse to start with a message
that says what was wrong and what would have been right, instead of crashing
later or, worse, silently running with ``debug`` on. These parsers are strict
on purpose: they accept a small, documented set of spellings.
"""

from __future__ import annotations

from datetime import timedelta

TRUE_WORDS = ("1", "true", "yes", "on")
"""Spellings of True, compared after stripping and lower-casing."""

FALSE_WORDS = ("0", "false", "no", "off")
"""Spellings of False, compared after stripping and lower-casing."""

DURATION_UNITS = ("d", "h", "m", "s", "ms")
"""Duration units, largest first: days, hours, minutes, seconds, milliseconds."""


def parse_bool(raw: str) -> bool:
    """Parse a boolean setting.

    Surrounding whitespace is ignored and case does not matter. True:
    ``1 true yes on``. False: ``0 false no off``.

    Raises:
        ValueError: Anything else, including ``""``. The message quotes the
            raw value and lists the accepted words, e.g.
            ``expected one of 1/true/yes/on or 0/false/no/off, got 'ture'``.
    """
    raise NotImplementedError(
        "strip and lower-case the text; return True for TRUE_WORDS, False for FALSE_WORDS, else raise "
        "ValueError quoting the raw value and listing the words"
    )


def parse_int(raw: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Parse a whole number, optionally within ``[minimum, maximum]``.

    Surrounding whitespace is ignored. Accepted: an optional ``+``/``-`` and
    ASCII digits ``0-9`` only. Refused, unlike ``int()``: ``"1_000"``,
    ``"1.0"``, ``"0x10"``, ``"1e3"``, and non-ASCII digits such as ``"\\u0661"``.

    Raises:
        ValueError: Not a whole number (message quotes the raw value and says
            "whole number"), or below ``minimum`` / above ``maximum`` (message
            names the limit, e.g. ``must be >= 1, got 0``).
    """
    raise NotImplementedError(
        "strip, fullmatch r'[+-]?[0-9]+' (ASCII digits only), convert with int(), then check minimum/maximum"
    )


def parse_list(raw: str, *, separator: str = ",") -> list[str]:
    """Split a list setting such as ``"a.example.com, b.example.com"``.

    Items are split on ``separator``, stripped, and empty items are dropped, so
    ``""``, ``" "`` and ``","`` give ``[]`` and a trailing separator is harmless.
    Order and duplicates are kept.

    Raises:
        ValueError: ``separator`` is empty.
    """
    raise NotImplementedError("refuse an empty separator, split, strip each item and drop the empty ones")


def parse_duration(raw: str) -> timedelta:
    """Parse a duration such as ``"30s"``, ``"5m"``, ``"1h30m"`` or ``"250ms"``.

    A duration is one or more ``<digits><unit>`` parts written without spaces
    between them, units from :data:`DURATION_UNITS`, each unit at most once and
    from largest to smallest (``"1h30m"`` yes, ``"30m1h"`` and ``"1m1m"`` no).
    Surrounding whitespace is ignored. ``"0s"`` is a zero duration.

    Raises:
        ValueError: Empty text, a bare number without a unit (``"30"``: seconds
            or minutes?), a sign, a decimal point, an unknown unit, spaces
            inside, or units repeated or out of order. The message quotes the
            raw value and gives an example such as ``'1h30m'``.
    """
    raise NotImplementedError(
        "match <digits><unit> parts one after another from the start; enforce largest-to-smallest units; "
        "add them up as timedelta"
    )
