"""Tests for ex02: limit/offset pagination, Link headers and keyset cursors."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from practice.pagination import (
    Page,
    QueryError,
    decode_cursor,
    encode_cursor,
    link_header,
    page_after,
    parse_page,
)


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("", Page(20, 0)),
        ("limit=5", Page(5, 0)),
        ("offset=40&limit=100", Page(100, 40)),
        ("author=Le+Guin&limit=1&sort=title", Page(1, 0)),
        ("limit=%35&offset=0", Page(5, 0)),
        ("offset=007", Page(20, 7)),
    ],
)
def test_parse_page(query: str, want: Page) -> None:
    got = parse_page(query)
    assert got == want, f"parse_page({query!r}) should be {want!r}, got {got!r}"


def test_parse_page_custom_limits() -> None:
    got = parse_page("", default_limit=3, max_limit=10)
    assert got == Page(3, 0), f"default_limit=3 should apply, got {got!r}"
    with pytest.raises(QueryError):
        parse_page("limit=11", max_limit=10)


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=-1",
        "limit=abc",
        "limit=",
        "limit",
        "limit=5.0",
        "limit=1e3",
        "limit=%2B5",
        "limit=5+",
        "offset=-3",
        "limit=5&limit=6",
        "offset=1&offset=1",
        "limit=\u0665",
    ],
)
def test_parse_page_rejects(query: str) -> None:
    with pytest.raises(QueryError):
        parse_page(query)


def parse_links(header: str) -> list[tuple[str, str, dict[str, str]]]:
    """Split a Link header into (rel, path, query dict) triples, in order."""
    links = []
    for part in header.split(", "):
        match = re.fullmatch(r'<([^>]*)>; rel="([a-z]+)"', part)
        assert match, f"each link must look like '<url>; rel=\"name\"', got {part!r} in {header!r}"
        url = urlsplit(match.group(1))
        links.append((match.group(2), url.path, dict(parse_qsl(url.query, keep_blank_values=True))))
    return links


def offsets(header: str) -> dict[str, int]:
    return {rel: int(query["offset"]) for rel, _, query in parse_links(header)}


@pytest.mark.parametrize(
    ("page", "total", "want"),
    [
        (Page(2, 0), 5, {"first": 0, "next": 2, "last": 4}),
        (Page(2, 2), 5, {"first": 0, "prev": 0, "next": 4, "last": 4}),
        (Page(2, 4), 5, {"first": 0, "prev": 2, "last": 4}),
        (Page(2, 3), 5, {"first": 0, "prev": 1, "last": 4}),
        (Page(10, 0), 10, {"first": 0, "last": 0}),
        (Page(10, 0), 11, {"first": 0, "next": 10, "last": 10}),
        (Page(20, 0), 0, {"first": 0, "last": 0}),
        (Page(5, 50), 12, {"first": 0, "prev": 45, "last": 10}),
    ],
)
def test_link_header_offsets(page: Page, total: int, want: dict[str, int]) -> None:
    header = link_header("/books", f"limit={page.limit}&offset={page.offset}", page, total)
    got = offsets(header)
    assert got == want, f"link_header for {page!r} of {total} should link offsets {want}, got {got} ({header!r})"
    rels = [rel for rel, _, _ in parse_links(header)]
    order = [rel for rel in ("first", "prev", "next", "last") if rel in rels]
    assert rels == order, f"links must be in the order first, prev, next, last, got {rels}"


def test_link_header_keeps_other_parameters() -> None:
    header = link_header("/books", "author=Ursula%20K.%20Le%20Guin&limit=2&lang=caf%C3%A9", Page(2, 0), 3)
    for rel, path, query in parse_links(header):
        assert path == "/books", f"{rel} link must keep the path, got {path!r}"
        want = {"author": "Ursula K. Le Guin", "lang": "caf\u00e9", "limit": "2"}
        assert {k: query[k] for k in want} == want, f"{rel} link must keep filters and limit, got {query}"
    assert "Ursula+K.+Le+Guin" in header or "Ursula%20K.%20Le%20Guin" in header, "values are URL-encoded"
    assert " " not in header.split(";")[0], "no raw spaces inside a URL"


@pytest.mark.parametrize("position", [{"after": 41}, {"after": "caf\u00e9", "v": 2}, {}])
def test_cursor_round_trip(position: dict) -> None:
    token = encode_cursor(position)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token), f"cursor must be URL-safe base64 without '=', got {token!r}"
    got = decode_cursor(token)
    assert got == position, f"decode_cursor(encode_cursor({position!r})) should round-trip, got {got!r}"


def test_cursor_is_deterministic() -> None:
    assert encode_cursor({"a": 1, "b": 2}) == encode_cursor({"b": 2, "a": 1}), "keys are sorted, so order is irrelevant"
    assert encode_cursor({"after": 1}) != encode_cursor({"after": 2}), "different positions give different tokens"


@pytest.mark.parametrize("token", ["", "!!!", "bm90IGpzb24", "WzEsMl0", "\u00e9\u00e9\u00e9\u00e9"])
def test_decode_cursor_rejects_garbage(token: str) -> None:
    with pytest.raises(QueryError):
        decode_cursor(token)


def test_page_after_walks_all_items_once() -> None:
    items = [{"id": i, "n": f"item {i}"} for i in (5, 1, 4, 2, 3, 6, 7)]
    seen: list[int] = []
    cursor = None
    for _ in range(10):
        page, cursor = page_after(items, limit=3, cursor=cursor)
        seen.extend(item["id"] for item in page)
        if cursor is None:
            break
    assert seen == [1, 2, 3, 4, 5, 6, 7], f"walking every page should yield ids 1..7 once, in order; got {seen}"


def test_page_after_is_stable_when_rows_are_deleted() -> None:
    items = [{"id": i} for i in range(1, 7)]
    first, cursor = page_after(items, limit=2)
    assert [i["id"] for i in first] == [1, 2], f"first page should be ids 1, 2, got {first}"
    del items[0:2]
    second, _ = page_after(items, limit=2, cursor=cursor)
    assert [i["id"] for i in second] == [3, 4], (
        f"after deleting ids 1-2 the cursor still continues at 3 (an offset would skip to 5), got {second}"
    )


def test_page_after_edges() -> None:
    page, cursor = page_after([], limit=5)
    assert page == [] and cursor is None, "an empty collection gives an empty page and no cursor"
    page, cursor = page_after([{"id": 1}, {"id": 2}], limit=2)
    assert cursor is None, "no cursor when the page reaches the end exactly"
    with pytest.raises(QueryError):
        page_after([{"id": 1}], limit=0)
    with pytest.raises(QueryError):
        page_after([{"id": 1}], limit=1, cursor=encode_cursor({"before": 1}))
