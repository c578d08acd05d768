"""Tests for ex04: ETags and conditional requests (304 / 412)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from practice.conditional_requests import (
    etags_match,
    evaluate_preconditions,
    make_etag,
    parse_etag,
    serve,
)

CHANGED = datetime(2024, 3, 5, 10, 0, 0, 500_000, tzinfo=UTC)
CHANGED_HTTP = "Tue, 05 Mar 2024 10:00:00 GMT"
EARLIER_HTTP = "Tue, 05 Mar 2024 09:59:59 GMT"
LATER_HTTP = "Tue, 05 Mar 2024 10:00:01 GMT"
TAG = '"abc123"'


@pytest.mark.parametrize(
    ("value", "want"),
    [('"v1"', (False, "v1")), ('W/"v1"', (True, "v1")), ('""', (False, "")), ('"a,b"', (False, "a,b"))],
    ids=["strong", "weak", "empty-opaque", "comma-is-allowed"],
)
def test_parse_etag_valid(value: str, want: tuple[bool, str]) -> None:
    got = parse_etag(value)
    assert got == want, f"parse_etag({value!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("value", ["v1", '"v1', 'w/"v1"', ' "v1"', '"a"b"', "", "*"])
def test_parse_etag_invalid_raises_value_error(value: str) -> None:
    with pytest.raises(ValueError):
        parse_etag(value)


@pytest.mark.parametrize(
    ("a", "b", "strong", "weak"),
    [
        ('W/"1"', 'W/"1"', False, True),
        ('W/"1"', 'W/"2"', False, False),
        ('W/"1"', '"1"', False, True),
        ('"1"', '"1"', True, True),
        ('"1"', '"2"', False, False),
    ],
    ids=["weak-weak-same", "weak-weak-different", "weak-strong-same", "strong-strong-same", "strong-different"],
)
def test_etags_match_rfc_table(a: str, b: str, strong: bool, weak: bool) -> None:
    got_strong = etags_match(a, b, strong=True)
    got_weak = etags_match(a, b, strong=False)
    assert got_strong is strong, f"strong comparison of {a} and {b} should be {strong}, got {got_strong}"
    assert got_weak is weak, f"weak comparison of {a} and {b} should be {weak}, got {got_weak}"


def test_make_etag() -> None:
    tag = make_etag(b"hello")
    assert tag == '"2cf24dba5fb0a30e"', f"make_etag(b'hello') should be the quoted first 16 hex of sha256, got {tag}"
    assert make_etag(b"hello", weak=True) == 'W/"2cf24dba5fb0a30e"', "weak=True should add the W/ prefix"
    assert make_etag(b"hello!") != tag, "different bodies must give different tags"
    assert make_etag("caf\u00e9".encode()) == make_etag("caf\u00e9".encode()), "equal bodies must give equal tags"


@pytest.mark.parametrize(
    ("method", "headers", "want"),
    [
        ("GET", {}, 200),
        ("GET", {"If-None-Match": TAG}, 304),
        ("HEAD", {"if-none-match": TAG}, 304),
        ("GET", {"If-None-Match": f'"other", W/{TAG}'}, 304),
        ("GET", {"If-None-Match": '"other", "another"'}, 200),
        ("GET", {"If-None-Match": "*"}, 304),
        ("PUT", {"If-None-Match": "*"}, 412),
        ("GET", {"If-Modified-Since": CHANGED_HTTP}, 304),
        ("GET", {"If-Modified-Since": LATER_HTTP}, 304),
        ("GET", {"If-Modified-Since": EARLIER_HTTP}, 200),
        ("GET", {"If-Modified-Since": "not a date"}, 200),
        ("POST", {"If-Modified-Since": LATER_HTTP}, 200),
        ("GET", {"If-None-Match": '"other"', "If-Modified-Since": LATER_HTTP}, 200),
        ("PUT", {"If-Match": TAG}, 200),
        ("PUT", {"If-Match": '"stale-version"'}, 412),
        ("PUT", {"If-Match": f"W/{TAG}"}, 412),
        ("PUT", {"If-Match": "*"}, 200),
        ("PUT", {"If-Unmodified-Since": EARLIER_HTTP}, 412),
        ("PUT", {"If-Unmodified-Since": CHANGED_HTTP}, 200),
        ("PUT", {"If-Match": TAG, "If-Unmodified-Since": EARLIER_HTTP}, 200),
        ("GET", {"If-Match": '"nope"', "If-None-Match": TAG}, 412),
    ],
    ids=[
        "unconditional",
        "inm-match",
        "inm-head-lowercase-header",
        "inm-list-weak-member",
        "inm-no-match",
        "inm-star",
        "inm-star-on-put",
        "ims-equal-second",
        "ims-later",
        "ims-earlier",
        "ims-invalid-ignored",
        "ims-ignored-for-post",
        "inm-overrides-ims",
        "if-match-ok",
        "if-match-lost-update",
        "if-match-weak-never-strong",
        "if-match-star",
        "ius-modified-since",
        "ius-not-modified",
        "if-match-overrides-ius",
        "if-match-checked-first",
    ],
)
def test_evaluate_preconditions(method: str, headers: dict[str, str], want: int) -> None:
    got = evaluate_preconditions(method, headers, etag=TAG, last_modified=CHANGED)
    assert got == want, (
        f"{method} with {headers!r} (current ETag {TAG}, modified {CHANGED}) should be {want}, got {got}"
    )


def test_resource_without_validators() -> None:
    got = evaluate_preconditions("GET", {"If-None-Match": "*"}, etag=None, last_modified=None)
    assert got == 200, f"If-None-Match: * with no current representation should be 200, got {got}"
    got = evaluate_preconditions("PUT", {"If-Match": "*"}, etag=None, last_modified=None)
    assert got == 412, f"If-Match: * with no current representation should be 412, got {got}"
    got = evaluate_preconditions("GET", {"If-Modified-Since": LATER_HTTP}, etag=None, last_modified=None)
    assert got == 200, f"If-Modified-Since without a known Last-Modified should be 200, got {got}"


def test_naive_last_modified_raises_value_error() -> None:
    with pytest.raises(ValueError):
        evaluate_preconditions("GET", {}, etag=TAG, last_modified=datetime(2024, 3, 5, 10, 0, 0))


def test_serve_full_then_not_modified() -> None:
    body = '{"name": "Bj\u00f8rn"}'.encode()
    first = serve("GET", {}, body=body, last_modified=CHANGED, cache_control="max-age=60")
    assert first.status == 200, f"an unconditional GET should be 200, got {first.status}"
    assert first.body == body, "a 200 GET must carry the body"
    want_headers = {
        "ETag": make_etag(body),
        "Last-Modified": CHANGED_HTTP,
        "Cache-Control": "max-age=60",
        "Content-Length": str(len(body)),
    }
    assert first.headers == want_headers, f"200 headers should be {want_headers!r}, got {first.headers!r}"

    again = serve("GET", {"If-None-Match": first.headers["ETag"]}, body=body, last_modified=CHANGED)
    assert again.status == 304, f"revalidating with the ETag just received should give 304, got {again.status}"
    assert again.body == b"", "a 304 must not carry a body"
    assert "Content-Length" not in again.headers, "a 304 must not send Content-Length"
    assert again.headers.get("ETag") == first.headers["ETag"], "a 304 must repeat the ETag"

    by_date = serve("GET", {"If-Modified-Since": first.headers["Last-Modified"]}, body=body, last_modified=CHANGED)
    assert by_date.status == 304, (
        "If-Modified-Since with the Last-Modified we sent must give 304 even though the real "
        f"timestamp has microseconds; got {by_date.status}"
    )


def test_serve_changed_body_and_head() -> None:
    old_tag = make_etag(b"version 1")
    resp = serve("GET", {"If-None-Match": old_tag}, body=b"version 2", last_modified=CHANGED)
    assert resp.status == 200, f"a changed body must be sent in full (200), got {resp.status}"
    assert resp.body == b"version 2", "the new body must be returned"
    head = serve("HEAD", {}, body=b"version 2", last_modified=CHANGED)
    assert (head.status, head.body) == (200, b""), f"HEAD should be 200 with no body, got {head.status}, {head.body!r}"
    assert head.headers.get("Content-Length") == "9", "HEAD should still report the full Content-Length"


@pytest.mark.parametrize("method", ["POST", "DELETE", "get"])
def test_serve_rejects_other_methods(method: str) -> None:
    with pytest.raises(ValueError):
        serve(method, {}, body=b"x", last_modified=CHANGED)
