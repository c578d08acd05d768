"""Tests for ex01: strict parsing of configuration strings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from practice.typed_values import parse_bool, parse_duration, parse_int, parse_list


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("true", True),
        ("TRUE", True),
        (" yes ", True),
        ("On", True),
        ("1", True),
        ("false", False),
        ("No", False),
        ("off\n", False),
        ("0", False),
        ("FALSE", False),
    ],
)
def test_parse_bool_accepts_documented_words(raw: str, want: bool) -> None:
    got = parse_bool(raw)
    assert got is want, f"parse_bool({raw!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize("raw", ["", "  ", "ture", "y", "n", "2", "-1", "enabled", "t", "truee", "0.0"])
def test_parse_bool_refuses_everything_else(raw: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_bool(raw)
    message = str(info.value)
    assert repr(raw) in message, f"the error should quote the raw value {raw!r}, got {message!r}"
    assert "yes" in message and "no" in message, (
        f"the error should list the accepted words (yes/no/...), got {message!r}"
    )


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("8080", 8080),
        (" 42 ", 42),
        ("-5", -5),
        ("+7", 7),
        ("0", 0),
        ("007", 7),
        ("12345678901234567890", 12345678901234567890),
    ],
)
def test_parse_int_accepts_plain_whole_numbers(raw: str, want: int) -> None:
    got = parse_int(raw)
    assert got == want, f"parse_int({raw!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    "raw", ["", " ", "80a", "1.0", "1e3", "0x10", "1_000", "\u0661\u0662", "- 5", "++1", "one", "\uff18\uff10"]
)
def test_parse_int_refuses_what_int_would_guess_at(raw: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_int(raw)
    message = str(info.value)
    assert repr(raw) in message, f"the error should quote the raw value {raw!r}, got {message!r}"
    assert "whole number" in message, f"the error should say a whole number was expected, got {message!r}"


@pytest.mark.parametrize(
    ("raw", "minimum", "maximum", "ok"),
    [
        ("1", 1, 65535, True),
        ("65535", 1, 65535, True),
        ("0", 1, 65535, False),
        ("65536", 1, 65535, False),
        ("-1", 0, None, False),
        ("999999", None, None, True),
    ],
)
def test_parse_int_range(raw: str, minimum: int | None, maximum: int | None, ok: bool) -> None:
    if ok:
        got = parse_int(raw, minimum=minimum, maximum=maximum)
        assert got == int(raw), f"parse_int({raw!r}, minimum={minimum}, maximum={maximum}) should be {int(raw)}"
    else:
        with pytest.raises(ValueError) as info:
            parse_int(raw, minimum=minimum, maximum=maximum)
        limit = str(minimum) if int(raw) < (minimum or 0) else str(maximum)
        assert limit in str(info.value), f"the range error should name the limit {limit}, got {str(info.value)!r}"


@pytest.mark.parametrize(
    ("raw", "kwargs", "want"),
    [
        ("a,b,c", {}, ["a", "b", "c"]),
        (" a , b ,c ", {}, ["a", "b", "c"]),
        ("a,,b,", {}, ["a", "b"]),
        ("", {}, []),
        ("  ", {}, []),
        (",", {}, []),
        ("solo", {}, ["solo"]),
        ("x,x,y", {}, ["x", "x", "y"]),
        ("/usr/bin:/bin", {"separator": ":"}, ["/usr/bin", "/bin"]),
        ("caf\u00e9; na\u00efve", {"separator": ";"}, ["caf\u00e9", "na\u00efve"]),
    ],
)
def test_parse_list(raw: str, kwargs: dict[str, str], want: list[str]) -> None:
    got = parse_list(raw, **kwargs)
    assert got == want, f"parse_list({raw!r}, **{kwargs}) should be {want!r}, got {got!r}"


def test_parse_list_refuses_empty_separator() -> None:
    with pytest.raises(ValueError):
        parse_list("a,b", separator="")


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("30s", timedelta(seconds=30)),
        ("5m", timedelta(minutes=5)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("250ms", timedelta(milliseconds=250)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1d2h3m4s5ms", timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)),
        ("90s", timedelta(seconds=90)),
        ("0s", timedelta(0)),
        (" 15m ", timedelta(minutes=15)),
        ("1m500ms", timedelta(minutes=1, milliseconds=500)),
    ],
)
def test_parse_duration(raw: str, want: timedelta) -> None:
    got = parse_duration(raw)
    assert got == want, f"parse_duration({raw!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "raw",
    ["", "30", "1.5h", "-5s", "+5s", "5 m", "1h 30m", "5x", "5sec", "30m1h", "1m1m", "ms", "h1", "5S", "5m\u00e9"],
)
def test_parse_duration_refuses_ambiguous_or_odd_input(raw: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(raw)
    message = str(info.value)
    assert repr(raw) in message, f"the error should quote the raw value {raw!r}, got {message!r}"
    assert "1h30m" in message, f"the error should show an example such as '1h30m', got {message!r}"
