"""Tests for ex03: Cache-Control parsing and HTTP freshness (RFC 9111)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from practice.cache_control import (
    MAX_DELTA_SECONDS,
    current_age,
    freshness_lifetime,
    is_fresh,
    parse_cache_control,
    parse_delta_seconds,
)

DATE = "Tue, 05 Mar 2024 10:00:00 GMT"
GENERATED = datetime(2024, 3, 5, 10, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("no-store", {"no-store": None}),
        ("public, max-age=60", {"public": None, "max-age": "60"}),
        ("  Max-Age = 60 ,PRIVATE ", {"max-age": "60", "private": None}),
        ('max-age="120"', {"max-age": "120"}),
        (
            'no-cache="Set-Cookie, Authorization", max-age=5',
            {"no-cache": "Set-Cookie, Authorization", "max-age": "5"},
        ),
        ('ext="a \\"quoted\\" word"', {"ext": 'a "quoted" word'}),
        ("max-age=10, max-age=99", {"max-age": "10"}),
        ("a,,b, ,", {"a": None, "b": None}),
        ("", {}),
    ],
    ids=[
        "flag",
        "two-directives",
        "whitespace-and-case",
        "quoted-argument",
        "comma-inside-quotes",
        "escaped-quotes",
        "duplicate-first-wins",
        "empty-members",
        "empty-header",
    ],
)
def test_parse_cache_control(value: str, want: dict[str, str | None]) -> None:
    got = parse_cache_control(value)
    assert got == want, f"parse_cache_control({value!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("0", 0),
        ("3600", 3600),
        ("99999999999", MAX_DELTA_SECONDS),
        ("-1", None),
        ("1.5", None),
        ("", None),
        (" 60", None),
        ("\u0660\u0661", None),
        (None, None),
    ],
    ids=["zero", "hour", "capped", "negative", "decimal", "empty", "space", "arabic-digits", "none"],
)
def test_parse_delta_seconds(value: str | None, want: int | None) -> None:
    got = parse_delta_seconds(value)
    assert got == want, f"parse_delta_seconds({value!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("headers", "shared", "want"),
    [
        ({"Cache-Control": "max-age=300"}, False, 300),
        ({"cache-control": "MAX-AGE=300"}, False, 300),
        ({"Cache-Control": "max-age=300, s-maxage=30"}, False, 300),
        ({"Cache-Control": "max-age=300, s-maxage=30"}, True, 30),
        ({"Cache-Control": "s-maxage=30"}, False, 0),
        (
            {"Cache-Control": "public", "Date": DATE, "Expires": "Tue, 05 Mar 2024 11:30:00 GMT"},
            False,
            5400,
        ),
        (
            {"Cache-Control": "max-age=10", "Date": DATE, "Expires": "Tue, 05 Mar 2024 11:30:00 GMT"},
            False,
            10,
        ),
        ({"Date": DATE, "Expires": "Tue, 05 Mar 2024 09:00:00 GMT"}, False, 0),
        ({"Date": DATE, "Expires": "0"}, False, 0),
        ({"Expires": "Tue, 05 Mar 2024 11:30:00 GMT"}, False, 0),
        ({"Cache-Control": "max-age=soon", "Date": DATE, "Expires": "Tue, 05 Mar 2024 11:30:00 GMT"}, False, 0),
        ({"Cache-Control": "max-age=99999999999"}, False, MAX_DELTA_SECONDS),
        ({}, False, 0),
    ],
    ids=[
        "max-age",
        "header-and-directive-case",
        "private-cache-ignores-s-maxage",
        "shared-cache-prefers-s-maxage",
        "s-maxage-only-private",
        "expires-minus-date",
        "max-age-beats-expires",
        "expires-in-the-past",
        "invalid-expires",
        "expires-without-date",
        "invalid-max-age-is-stale",
        "huge-max-age-capped",
        "no-information",
    ],
)
def test_freshness_lifetime(headers: dict[str, str], shared: bool, want: int) -> None:
    got = freshness_lifetime(headers, shared=shared)
    assert got == want, f"freshness_lifetime({headers!r}, shared={shared}) should be {want}, got {got}"


@pytest.mark.parametrize(
    ("headers", "seconds_later", "want"),
    [
        ({"Date": DATE}, 90, 90),
        ({"Date": DATE, "Age": "500"}, 90, 500),
        ({"Date": DATE, "Age": "30"}, 90, 90),
        ({"Date": DATE}, -60, 0),
        ({"Age": "12"}, 90, 12),
        ({"Date": "yesterday", "Age": "bogus"}, 90, 0),
    ],
    ids=["apparent-age", "age-header-larger", "date-larger", "clock-skew", "age-only", "all-invalid"],
)
def test_current_age(headers: dict[str, str], seconds_later: int, want: int) -> None:
    now = GENERATED + timedelta(seconds=seconds_later)
    got = current_age(headers, now=now)
    assert got == want, f"current_age({headers!r}) at Date+{seconds_later}s should be {want}, got {got}"


@pytest.mark.parametrize(
    ("cache_control", "seconds_later", "want"),
    [
        ("max-age=60", 59, True),
        ("max-age=60", 60, False),
        ("max-age=60", 61, False),
        ("max-age=60, no-cache", 0, False),
        ("no-store, max-age=60", 0, False),
        ("max-age=0", 0, False),
    ],
    ids=["just-fresh", "boundary-is-stale", "stale", "no-cache", "no-store", "max-age-zero"],
)
def test_is_fresh(cache_control: str, seconds_later: int, want: bool) -> None:
    headers = {"Cache-Control": cache_control, "Date": DATE}
    got = is_fresh(headers, now=GENERATED + timedelta(seconds=seconds_later))
    assert got is want, f"is_fresh with {cache_control!r}, {seconds_later}s after Date should be {want}, got {got}"


def test_is_fresh_uses_s_maxage_only_for_shared_caches() -> None:
    headers = {"Cache-Control": "max-age=600, s-maxage=60", "Date": DATE}
    later = GENERATED + timedelta(seconds=120)
    assert is_fresh(headers, now=later) is True, "a private cache uses max-age=600: fresh at 120s"
    assert is_fresh(headers, now=later, shared=True) is False, "a shared cache uses s-maxage=60: stale at 120s"


def test_naive_now_raises_value_error() -> None:
    with pytest.raises(ValueError):
        current_age({"Date": DATE}, now=datetime(2024, 3, 5, 10, 0, 0))
    with pytest.raises(ValueError):
        is_fresh({"Cache-Control": "max-age=60"}, now=datetime(2024, 3, 5, 10, 0, 0))
