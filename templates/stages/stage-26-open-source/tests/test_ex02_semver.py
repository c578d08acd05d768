"""Tests for ex02: SemVer 2.0.0 parsing and precedence, and npm-style ranges."""

from __future__ import annotations

import random

import pytest
from practice.semver import (
    InvalidRange,
    InvalidVersion,
    Version,
    compare,
    max_satisfying,
    satisfies,
)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("1.2.3", (1, 2, 3, (), ())),
        ("v10.20.30", (10, 20, 30, (), ())),
        ("1.0.0-alpha.1", (1, 0, 0, ("alpha", 1), ())),
        ("1.0.0-0.3.7", (1, 0, 0, (0, 3, 7), ())),
        ("1.0.0-x-y-z.--", (1, 0, 0, ("x-y-z", "--"), ())),
        ("1.0.0+20130313144700", (1, 0, 0, (), ("20130313144700",))),
        ("1.0.0-beta+exp.sha.5114f85", (1, 0, 0, ("beta",), ("exp", "sha", "5114f85"))),
        ("  2.0.0-rc.1  ", (2, 0, 0, ("rc", 1), ())),
    ],
)
def test_parse_valid_versions(text: str, fields: tuple[object, ...]) -> None:
    v = Version.parse(text)
    got = (v.major, v.minor, v.patch, v.prerelease, v.build)
    assert got == fields, f"Version.parse({text!r}) fields should be {fields!r}, got {got!r}"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1.2",
        "1.2.3.4",
        "01.2.3",
        "1.02.3",
        "1.2.3-",
        "1.2.3-01",
        "1.2.3-a..b",
        "1.2.3+",
        "a.b.c",
        "1.2.3-bêta",
        "-1.2.3",
    ],
)
def test_parse_rejects_invalid_versions(text: str) -> None:
    with pytest.raises(InvalidVersion):
        Version.parse(text)
    assert issubclass(InvalidVersion, ValueError), "InvalidVersion should subclass ValueError"


@pytest.mark.parametrize("text", ["1.2.3", "1.0.0-alpha.1", "1.0.0-beta+exp.sha.5114f85", "0.0.0-0"])
def test_str_round_trips(text: str) -> None:
    got = str(Version.parse(text))
    assert got == text, f"str(Version.parse({text!r})) should give it back, got {got!r}"


def test_precedence_follows_the_spec_example() -> None:
    ordered = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.9.0",
        "1.10.0",
        "1.11.0",
        "2.0.0",
    ]
    shuffled = ordered[:]
    random.Random(7).shuffle(shuffled)
    got = [str(v) for v in sorted(Version.parse(t) for t in shuffled)]
    assert got == ordered, f"sorting by SemVer precedence should give\n {ordered}\ngot\n {got}"


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [
        ("1.0.0+build.1", "1.0.0+build.2", 0),
        ("1.0.0-2", "1.0.0-10", -1),
        ("1.0.0-10", "1.0.0-alpha", -1),
        ("1.0.0-rc.1", "1.0.0", -1),
        ("2.0.0", "1.99.99", 1),
        ("1.0.0-alpha.1", "1.0.0-alpha", 1),
    ],
)
def test_compare(a: str, b: str, want: int) -> None:
    got = compare(a, b)
    assert got == want, f"compare({a!r}, {b!r}) should be {want}, got {got!r}"
    assert compare(b, a) == -want, f"compare({b!r}, {a!r}) should be {-want}"


def test_equality_ignores_build_metadata() -> None:
    a, b = Version.parse("1.0.0+linux"), Version.parse("1.0.0+mac")
    assert a == b and hash(a) == hash(b), "versions differing only in build metadata have equal precedence"
    assert Version.parse("1.0.0-rc.1") != Version.parse("1.0.0"), "a pre-release differs from the release"
    assert Version.parse("1.0.0-rc.1") < Version.parse("1.0.0") <= Version.parse("1.0.0+x"), "ordering operators"


@pytest.mark.parametrize(
    ("version", "range_text", "want"),
    [
        ("1.2.3", "^1.2.3", True),
        ("1.9.9", "^1.2.3", True),
        ("2.0.0", "^1.2.3", False),
        ("1.2.2", "^1.2.3", False),
        ("0.2.5", "^0.2.3", True),
        ("0.3.0", "^0.2.3", False),
        ("0.0.3", "^0.0.3", True),
        ("0.0.4", "^0.0.3", False),
        ("0.0.9", "^0.0", True),
        ("1.4.0", "^1.2.x", True),
        ("1.2.9", "~1.2.3", True),
        ("1.3.0", "~1.2.3", False),
        ("1.9.0", "~1", True),
        ("1.2.0", "~1.2", True),
        ("3.4.5", "1.2.3 - 2.3.4", False),
        ("2.3.4", "1.2.3 - 2.3.4", True),
        ("2.3.9", "1.2.3 - 2.3", True),
        ("2.4.0", "1.2.3 - 2.3", False),
        ("1.2.0", "1.2 - 2", True),
        ("1.5.0", "1.x", True),
        ("2.0.0", "1.x", False),
        ("1.2.7", "1.2.*", True),
        ("0.0.1", "*", True),
        ("7.0.0", "", True),
        ("1.2.3", ">=1.2.3 <2.0.0", True),
        ("2.0.0", ">=1.2.3 <2.0.0", False),
        ("1.2.3", ">= 1.2.3", True),
        ("1.4.0", "<1.2.0 || >=1.4.0", True),
        ("1.3.0", "<1.2.0 || >=1.4.0", False),
        ("1.3.0", ">1.2", True),
        ("1.2.9", ">1.2", False),
        ("1.2.9", "<=1.2", True),
        ("1.3.0", "<=1.2", False),
        ("1.1.9", "<1.2", True),
        ("1.2.3+build.5", "=1.2.3", True),
        ("v1.2.3", "1.2.3", True),
    ],
)
def test_satisfies_ranges(version: str, range_text: str, want: bool) -> None:
    got = satisfies(version, range_text)
    assert got is want, f"satisfies({version!r}, {range_text!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    ("version", "range_text", "want"),
    [
        ("1.0.0-rc.1", "*", False),
        ("1.3.0-beta", "^1.2.3", False),
        ("1.2.3-beta.4", "^1.2.3-beta.2", True),
        ("1.2.3-beta.1", "^1.2.3-beta.2", False),
        ("1.2.4-beta.2", "^1.2.3-beta.2", False),
        ("1.2.4", "^1.2.3-beta.2", True),
        ("2.0.0-rc.1", "^1.0.0", False),
        ("1.2.3-alpha.7", ">=1.2.3-alpha.3 <1.2.3", True),
        ("3.0.0-rc.1", "1.x || >=3.0.0-rc.0", True),
    ],
)
def test_prereleases_only_match_when_opted_in(version: str, range_text: str, want: bool) -> None:
    got = satisfies(version, range_text)
    assert got is want, (
        f"satisfies({version!r}, {range_text!r}) should be {want}: a pre-release only matches a comparator set "
        f"that names a pre-release of the same major.minor.patch; got {got!r}"
    )


@pytest.mark.parametrize("range_text", ["=>1.2.3", ">=", "1.2.3 - ", "^1.2.3.4", "~01.2", ">=1.2.3 ||| 2", "latest"])
def test_invalid_ranges_raise(range_text: str) -> None:
    with pytest.raises(InvalidRange):
        satisfies("1.2.3", range_text)
    assert issubclass(InvalidRange, ValueError), "InvalidRange should subclass ValueError"


def test_max_satisfying() -> None:
    versions = ["1.2.3", "1.2.10", "1.3.0-beta", "2.0.0", "not-a-version", "1.2.9+build"]
    got = max_satisfying(versions, "^1.2")
    assert got == "1.2.10", f"max_satisfying(..., '^1.2') should be '1.2.10' (numeric, not string order), got {got!r}"
    assert max_satisfying(versions, "~1.2.9") == "1.2.10", "~1.2.9 allows 1.2.10"
    assert max_satisfying(versions, ">=3") is None, "nothing satisfies >=3, so None"
    assert max_satisfying([], "*") is None, "an empty list gives None"
