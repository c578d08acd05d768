"""Tests for ex03: ETags and conditional requests (RFC 9110)."""

from __future__ import annotations

import hashlib

import pytest
from practice.conditional_requests import (
    evaluate_preconditions,
    make_etag,
    parse_etags,
    strong_match,
    weak_match,
)


@pytest.mark.parametrize("body", [b"", b"foo", '{"title": "caf\u00e9"}'.encode()])
def test_make_etag(body: bytes) -> None:
    got = make_etag(body)
    want = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    assert got == want, f"make_etag({body!r}) should be {want!r}, got {got!r}"


def test_make_etag_changes_with_content() -> None:
    assert make_etag(b"v1") == make_etag(b"v1"), "equal bodies need equal ETags"
    assert make_etag(b"v1") != make_etag(b"v2"), "a changed body needs a new ETag"
    assert make_etag(b"v1") != make_etag(b"v1 "), "even one extra byte changes the ETag"


@pytest.mark.parametrize(
    ("header", "want"),
    [
        ("*", "*"),
        ("  *\t", "*"),
        ('"abc"', ['"abc"']),
        ('W/"abc"', ['W/"abc"']),
        ('"a", W/"b",\t"c"', ['"a"', 'W/"b"', '"c"']),
        ('"a",,  , "b"', ['"a"', '"b"']),
        ('"a,b", "c"', ['"a,b"', '"c"']),
        ('""', ['""']),
        ('"caf\u00e9"', ['"caf\u00e9"']),
    ],
)
def test_parse_etags(header: str, want: object) -> None:
    got = parse_etags(header)
    assert got == want, f"parse_etags({header!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "header",
    ["abc", '"abc', '"a" "b"', '*, "a"', '"a", *', 'w/"a"', '"a b"', "", " , ", '"\u2603"'],
)
def test_parse_etags_rejects(header: str) -> None:
    with pytest.raises(ValueError):
        parse_etags(header)


@pytest.mark.parametrize(
    ("a", "b", "strong", "weak"),
    [
        ('"1"', '"1"', True, True),
        ('W/"1"', '"1"', False, True),
        ('W/"1"', 'W/"1"', False, True),
        ('"1"', '"2"', False, False),
        ('W/"1"', 'W/"2"', False, False),
    ],
)
def test_comparison(a: str, b: str, strong: bool, weak: bool) -> None:
    assert strong_match(a, b) is strong, f"strong_match({a}, {b}) should be {strong}"
    assert weak_match(a, b) is weak, f"weak_match({a}, {b}) should be {weak}"


CURRENT = '"v2"'


@pytest.mark.parametrize(
    ("method", "current", "if_match", "if_none_match", "want"),
    [
        ("GET", CURRENT, None, None, None),
        ("GET", CURRENT, None, '"v2"', 304),
        ("HEAD", CURRENT, None, '"v2"', 304),
        ("GET", CURRENT, None, 'W/"v2"', 304),
        ("GET", CURRENT, None, '"v1", "v2"', 304),
        ("GET", CURRENT, None, '"v1"', None),
        ("GET", CURRENT, None, "*", 304),
        ("PUT", CURRENT, None, '"v2"', 412),
        ("PUT", None, None, "*", None),
        ("PUT", CURRENT, None, "*", 412),
        ("PUT", CURRENT, '"v2"', None, None),
        ("PUT", CURRENT, '"v1"', None, 412),
        ("PUT", CURRENT, '"v1", "v2"', None, None),
        ("PUT", CURRENT, 'W/"v2"', None, 412),
        ("DELETE", CURRENT, "*", None, None),
        ("DELETE", None, "*", None, 412),
        ("DELETE", None, '"v2"', None, 412),
        ("GET", CURRENT, '"v1"', '"v2"', 412),
        ("GET", CURRENT, '"v2"', '"v2"', 304),
        ("get", CURRENT, None, '"v2"', 412),
    ],
)
def test_evaluate_preconditions(
    method: str, current: str | None, if_match: str | None, if_none_match: str | None, want: int | None
) -> None:
    got = evaluate_preconditions(method, current, if_match=if_match, if_none_match=if_none_match)
    assert got == want, (
        f"{method} with current ETag {current!r}, If-Match {if_match!r}, If-None-Match {if_none_match!r} "
        f"should give {want!r}, got {got!r}"
    )


@pytest.mark.parametrize(("if_match", "if_none_match"), [("v2", None), (None, "nope"), (None, '"a" "b"')])
def test_evaluate_preconditions_rejects_malformed_headers(if_match: str | None, if_none_match: str | None) -> None:
    with pytest.raises(ValueError):
        evaluate_preconditions("GET", CURRENT, if_match=if_match, if_none_match=if_none_match)
