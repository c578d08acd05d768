"""Write a parametrized test table for ``parse_duration`` (as data).

Table-driven tests are how teams cover many inputs without many test
functions: one ``@pytest.mark.parametrize`` over a list of cases, each with
a readable id so a failure reads ``test_parse[hours-and-minutes]``. Here you
write the TABLES; the grader runs them the way this decorator would::

    @pytest.mark.parametrize(("text", "seconds"), valid_cases())
    def test_parses(text, seconds):
        assert parse_duration(text) == seconds

    @pytest.mark.parametrize("text", invalid_cases())
    def test_rejects(text):
        with pytest.raises(ValueError):
            parse_duration(text)

The function under test has this contract:

``parse_duration(text: str) -> int`` returns a number of seconds.

1. The text is one or more parts ``<digits><unit>``; units are ``d``
   (86400 s), ``h`` (3600 s), ``m`` (60 s) and ``s`` (1 s):
   ``"90m"`` -> 5400, ``"1d2h"`` -> 93600, ``"0s"`` -> 0.
2. Units appear in the order d, h, m, s, each at most once:
   ``"30m1h"`` and ``"1h1h"`` are invalid.
3. Units are lowercase only (``"1H"`` is invalid); digits are ASCII only
   (``"\\u0661h"``, an Arabic-Indic one, is invalid); no sign, no
   decimal point (``"-5m"``, ``"+5m"``, ``"1.5h"`` are invalid).
4. Whitespace is allowed around the whole text and between parts
   (``" 1h 30m "`` -> 5400), but not inside a part (``"1 h"`` is invalid).
5. Nothing else may appear: ``""``, ``"   "``, ``"90"`` (no unit), ``"5x"``,
   ``"about 5m"`` are invalid.
6. Every invalid input raises ``ValueError``.
"""

from __future__ import annotations

from typing import Any

import pytest


def valid_cases() -> list[Any]:
    """Return the table of valid inputs.

    Returns:
        At least 6 items, each made with
        ``pytest.param(text, expected_seconds, id="short-name")``: ``text`` a
        ``str``, ``expected_seconds`` an ``int``, and an explicit id that is
        unique across BOTH tables.
    """
    return [
        pytest.param("45s", 45, id="seconds-only"),
        pytest.param("90m", 5400, id="minutes-only"),
        pytest.param("2h", 7200, id="hours-only"),
        pytest.param("1d", 86400, id="one-day"),
        pytest.param("0s", 0, id="zero"),
        pytest.param("1h30m", 5400, id="hours-and-minutes"),
        pytest.param("1d2h3m4s", 93784, id="all-units"),
        pytest.param("1h 30m", 5400, id="space-between-parts"),
        pytest.param("  15m\t", 900, id="outer-whitespace"),
        pytest.param("007s", 7, id="leading-zeros"),
    ]


def invalid_cases() -> list[Any]:
    """Return the table of inputs that must raise ``ValueError``.

    Returns:
        At least 6 items, each made with ``pytest.param(text, id="...")``
        (one value: the ``str`` input), with ids unique across both tables.
    """
    return [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("90", id="no-unit"),
        pytest.param("5x", id="unknown-unit"),
        pytest.param("1H", id="uppercase-unit"),
        pytest.param("30m1h", id="wrong-order"),
        pytest.param("1h1h", id="repeated-unit"),
        pytest.param("-5m", id="negative"),
        pytest.param("1.5h", id="decimal"),
        pytest.param("1 h", id="space-inside-part"),
        pytest.param("about 5m", id="surrounding-junk"),
        pytest.param("\u0661h", id="non-ascii-digit"),
    ]
