"""Tests for ex03: base62 codes, aliases, collisions and expiry in a URL shortener."""

from __future__ import annotations

from typing import Protocol

import pytest
from practice.url_shortener import (
    AliasTakenError,
    ExpiredError,
    NotFoundError,
    Shortener,
    decode_base62,
    encode_base62,
)


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...
    def set(self, now: float) -> None: ...


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (0, "0"),
        (9, "9"),
        (10, "a"),
        (35, "z"),
        (36, "A"),
        (61, "Z"),
        (62, "10"),
        (3843, "ZZ"),
        (100_000, "q0U"),
        (2**64, "lYGhA16ahyg"),
    ],
)
def test_base62_encode_and_decode(number: int, code: str) -> None:
    assert encode_base62(number) == code, f"encode_base62({number}) should be {code!r}, got {encode_base62(number)!r}"
    assert decode_base62(code) == number, f"decode_base62({code!r}) should be {number}, got {decode_base62(code)!r}"


def test_base62_round_trips() -> None:
    for number in [*range(0, 5000, 7), 10**12, 10**18 + 3]:
        assert decode_base62(encode_base62(number)) == number, f"round trip failed for {number}"


@pytest.mark.parametrize("code", ["", "ab!", "caf\u00e9", " 1", "a-b"])
def test_decode_rejects_bad_codes(code: str) -> None:
    with pytest.raises(ValueError):
        decode_base62(code)


def test_encode_rejects_negative() -> None:
    with pytest.raises(ValueError):
        encode_base62(-1)


def test_automatic_codes_count_up_and_resolve(clock: Clock) -> None:
    short = Shortener(clock=clock)
    first = short.shorten("https://example.com/a")
    second = short.shorten("https://example.com/b")
    assert (first, second) == ("q0U", "q0V"), f"codes should be base62 of ids 100000, 100001, got {(first, second)}"
    assert short.resolve(first) == "https://example.com/a", "resolve should return the long URL"
    assert short.resolve(second) == "https://example.com/b", "resolve should return the long URL"


def test_same_url_reuses_its_code_but_ttl_links_do_not(clock: Clock) -> None:
    short = Shortener(clock=clock)
    code = short.shorten("https://example.com/x")
    assert short.shorten("https://example.com/x") == code, "shortening the same URL twice should return the same code"
    temp = short.shorten("https://example.com/x", ttl=60)
    assert temp != code, "a link with a ttl is always new"
    assert short.shorten("https://example.com/y") == encode_base62(100_002), "ids are not wasted on duplicates"


def test_custom_alias(clock: Clock) -> None:
    short = Shortener(clock=clock)
    assert short.shorten("https://example.com/launch", alias="Launch-2024") == "Launch-2024"
    assert short.resolve("Launch-2024") == "https://example.com/launch"
    with pytest.raises(NotFoundError):
        short.resolve("launch-2024")
    with pytest.raises(AliasTakenError):
        short.shorten("https://example.com/other", alias="Launch-2024")
    assert issubclass(AliasTakenError, ValueError), "AliasTakenError should subclass ValueError"


@pytest.mark.parametrize("alias", ["ab", "x" * 31, "has space", "caf\u00e9", "a/b", "ADMIN", "api", "Health"])
def test_malformed_or_reserved_alias(clock: Clock, alias: str) -> None:
    with pytest.raises(ValueError):
        Shortener(clock=clock).shorten("https://example.com/", alias=alias)


def test_auto_codes_skip_codes_taken_by_aliases(clock: Clock) -> None:
    short = Shortener(clock=clock, start_id=3844)
    short.shorten("https://example.com/alias", alias="100")
    got = short.shorten("https://example.com/auto")
    assert got == "101", f"id 3844 encodes to '100', which an alias took, so the next code should be '101', got {got!r}"
    assert short.resolve("100") == "https://example.com/alias", "the alias must keep its URL"


def test_expiry_and_reuse(clock: Clock) -> None:
    short = Shortener(clock=clock)
    code = short.shorten("https://example.com/sale", alias="sale", ttl=60)
    clock.set(59.9)
    assert short.resolve(code) == "https://example.com/sale", "still live just before the ttl"
    clock.set(60.0)
    with pytest.raises(ExpiredError):
        short.resolve(code)
    assert short.shorten("https://example.com/new-sale", alias="sale") == "sale", "an expired alias can be reused"
    assert short.resolve("sale") == "https://example.com/new-sale"
    with pytest.raises(NotFoundError):
        short.resolve("never")


def test_hits_are_counted(clock: Clock) -> None:
    short = Shortener(clock=clock)
    code = short.shorten("https://example.com/")
    for _ in range(3):
        short.resolve(code)
    assert short.hits(code) == 3, f"three resolves should count 3 hits, got {short.hits(code)}"
    with pytest.raises(NotFoundError):
        short.hits("nope")


@pytest.mark.parametrize(
    ("url", "kwargs"),
    [
        ("ftp://example.com/file", {}),
        ("javascript:alert(1)", {}),
        ("https://", {}),
        ("example.com/no-scheme", {}),
        ("https://example.com/" + "a" * 2048, {}),
        ("https://example.com/", {"ttl": 0}),
        ("https://example.com/", {"ttl": -5}),
    ],
)
def test_rejects_bad_urls_and_ttls(clock: Clock, url: str, kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Shortener(clock=clock).shorten(url, **kwargs)
