"""Grades ex02: your parametrized tables must hold for parse_duration and catch every mutant."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from practice.duration_cases import invalid_cases, valid_cases

ParameterSet = type(pytest.param(None))
Parser = Callable[[str], int]
UNIT_ORDER = "dhms"


def _parse(
    text: str,
    *,
    day: int = 86400,
    ordered: bool = True,
    unique: bool = True,
    empty_is_zero: bool = False,
    bare_number_is_seconds: bool = False,
    ignore_case: bool = False,
    ascii_digits: bool = True,
    spaces_between: bool = True,
    strip: bool = True,
    signed: bool = False,
    search: bool = False,
) -> int:
    """A configurable parser: the defaults are the correct behaviour."""
    seconds = {"d": day, "h": 3600, "m": 60, "s": 1}
    body = text.strip() if strip else text
    if not body:
        if empty_is_zero:
            return 0
        raise ValueError("empty duration")
    if bare_number_is_seconds and body.isdigit():
        return int(body)
    flags = (re.ASCII if ascii_digits else 0) | (re.IGNORECASE if ignore_case else 0)
    number = r"[+-]?\d+" if signed else r"\d+"
    part = re.compile(rf"({number})([dhms])", flags)
    if search:
        found = part.findall(body)
    else:
        gap = r"\s*" if spaces_between else ""
        if not re.fullmatch(rf"(?:{number}[dhms]{gap})*{number}[dhms]", body, flags):
            raise ValueError(f"invalid duration {text!r}")
        found = part.findall(body)
    if not found:
        raise ValueError(f"invalid duration {text!r}")
    total, last, used = 0, -1, set()
    for digits, unit in found:
        unit = unit.lower()
        index = UNIT_ORDER.index(unit)
        if unique and unit in used:
            raise ValueError(f"unit {unit!r} repeated in {text!r}")
        if ordered and index < last:
            raise ValueError(f"units out of order in {text!r}")
        used.add(unit)
        last = index
        total += int(digits) * seconds[unit]
    return total


def _variant(name: str, doc: str, **flaws: Any) -> Parser:
    def parse_duration(text: str) -> int:
        return _parse(text, **flaws)

    parse_duration.__doc__ = doc
    parse_duration.mutant_name = name  # type: ignore[attr-defined]
    return parse_duration


reference = _variant("reference", "the correct implementation")
MUTANTS: list[Parser] = [
    _variant("day-is-12-hours", "counts a day as 43200 seconds", day=43200),
    _variant("units-in-any-order", "accepts units out of order such as '30m1h'", ordered=False),
    _variant("repeated-units-add-up", "accepts a repeated unit such as '1h1h'", unique=False),
    _variant("empty-is-zero", "returns 0 for an empty or blank string", empty_is_zero=True),
    _variant("bare-number-is-seconds", "accepts a number without a unit such as '90'", bare_number_is_seconds=True),
    _variant("uppercase-units", "accepts uppercase units such as '1H'", ignore_case=True),
    _variant("unicode-digits", "accepts non-ASCII digits such as Arabic-Indic ones", ascii_digits=False),
    _variant("no-space-between-parts", "rejects '1h 30m' (whitespace between parts)", spaces_between=False),
    _variant("no-outer-whitespace", "rejects surrounding whitespace such as ' 15m '", strip=False),
    _variant("signed-numbers", "accepts signs such as '-5m'", signed=True),
    _variant("ignores-junk", "searches for parts and ignores everything else ('about 5m', '1.5h')", search=True),
]


def run_tables(parse: Parser) -> list[str]:
    """Run both tables against ``parse``; return a description of each failing case."""
    failures: list[str] = []
    for case in valid_cases():
        text, seconds = case.values
        try:
            got = parse(text)
        except ValueError as exc:
            failures.append(f"[{case.id}] parse_duration({text!r}) raised ValueError({exc}) instead of {seconds}")
            continue
        if got != seconds:
            failures.append(f"[{case.id}] parse_duration({text!r}) returned {got}, table says {seconds}")
    for case in invalid_cases():
        (text,) = case.values
        try:
            got = parse(text)
        except ValueError:
            continue
        failures.append(f"[{case.id}] parse_duration({text!r}) returned {got} instead of raising ValueError")
    return failures


def test_tables_are_well_formed() -> None:
    valid, invalid = valid_cases(), invalid_cases()
    assert len(valid) >= 6, f"valid_cases() needs at least 6 cases, got {len(valid)}"
    assert len(invalid) >= 6, f"invalid_cases() needs at least 6 cases, got {len(invalid)}"
    for case in [*valid, *invalid]:
        assert isinstance(case, ParameterSet), f"build every case with pytest.param(...), got {case!r}"
        assert isinstance(case.id, str) and case.id.strip(), f"every case needs an explicit id=..., got {case!r}"
    for case in valid:
        assert len(case.values) == 2, f"valid cases are pytest.param(text, seconds, id=...), got {case!r}"
        text, seconds = case.values
        assert isinstance(text, str), f"[{case.id}] text must be a str, got {text!r}"
        assert isinstance(seconds, int) and not isinstance(seconds, bool), f"[{case.id}] seconds must be an int"
    for case in invalid:
        assert len(case.values) == 1 and isinstance(case.values[0], str), (
            f"invalid cases are pytest.param(text, id=...), got {case!r}"
        )
    ids = [case.id for case in [*valid, *invalid]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"ids must be unique across both tables, duplicated: {duplicates}"


def test_tables_hold_for_the_correct_parser() -> None:
    failures = run_tables(reference)
    assert not failures, "these cases disagree with the CORRECT parse_duration (fix the table):\n" + "\n".join(failures)


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.mutant_name for m in MUTANTS])  # type: ignore[attr-defined]
def test_tables_catch_mutant(mutant: Parser) -> None:
    failures = run_tables(mutant)
    assert failures, f"no case in your tables fails on a BROKEN parse_duration that {mutant.__doc__}; add one that does"
