"""Tests for ex02: the bookmarks REST API as a WSGI application.

The API reads the signed-in user from ``environ["linkshelf.user_id"]``; these
tests set it directly, as the authentication layer of part 3 will.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import pytest
from practice.bookmark_store import BookmarkStore
from practice.rest_api import (
    USER_KEY,
    BookmarkAPI,
    ValidationError,
    decode_cursor,
    encode_cursor,
    problem_response,
    validate_bookmark,
)

GOOD = {"url": "https://example.org/post", "title": "A post"}


def setup(make_client, clock) -> tuple[Any, Any, Any, BookmarkStore]:
    """Return (ann's client, bob's client, anonymous client, store)."""
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    bob = store.create_user("bob", "h")
    app = BookmarkAPI(store, default_limit=20, max_limit=50)
    return (
        make_client(app, environ={USER_KEY: ann.id}),
        make_client(app, environ={USER_KEY: bob.id}),
        make_client(app),
        store,
    )


def assert_problem(resp, status: int, context: str) -> dict[str, Any]:
    assert resp.status == status, f"{context}: expected status {status}, got {resp.describe()}"
    ctype = resp.header("Content-Type") or ""
    assert ctype.startswith("application/problem+json"), (
        f"{context}: errors must use Content-Type application/problem+json, got {ctype!r}"
    )
    body = resp.json()
    assert body.get("status") == status, f"{context}: problem body 'status' should be {status}, got {body!r}"
    assert body.get("title") == HTTPStatus(status).phrase, (
        f"{context}: problem 'title' should be {HTTPStatus(status).phrase!r}, got {body.get('title')!r}"
    )
    assert "detail" in body and "type" in body, f"{context}: a problem needs 'type' and 'detail', got {body!r}"
    return body


def error_fields(exc: ValidationError) -> list[str]:
    return [e["field"] for e in exc.errors]


def test_validate_create_fills_defaults_and_normalises() -> None:
    got = validate_bookmark({"url": " https://Example.org/a ", "title": "  Hello  ", "tags": [" Py", "web-dev"]})
    want = {"url": "https://Example.org/a", "title": "Hello", "notes": "", "tags": ["py", "web-dev"]}
    assert got == want, (
        f"validate_bookmark should strip url/title, default notes and lowercase tags: {want!r}, got {got!r}"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "no url"}, "url"),
        ({"url": "ftp://example.org/file", "title": "t"}, "url"),
        ({"url": "https:///no-host", "title": "t"}, "url"),
        ({"url": "https://exa mple.org", "title": "t"}, "url"),
        ({"url": 42, "title": "t"}, "url"),
        ({"url": "https://example.org"}, "title"),
        ({"url": "https://example.org", "title": "   "}, "title"),
        ({"url": "https://example.org", "title": "x" * 201}, "title"),
        ({**GOOD, "notes": 5}, "notes"),
        ({**GOOD, "tags": "python"}, "tags"),
        ({**GOOD, "tags": ["ok", "not ok"]}, "tags"),
        ({**GOOD, "tags": [f"t{i}" for i in range(11)]}, "tags"),
        ({**GOOD, "owner_id": 2}, "owner_id"),
        ([GOOD], "body"),
    ],
)
def test_validate_create_rejects_bad_fields(body: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_bookmark(body)
    fields = error_fields(info.value)
    assert field in fields, f"validate_bookmark({body!r}) should report an error for field {field!r}, got {fields}"
    assert all(isinstance(e.get("message"), str) and e["message"] for e in info.value.errors), (
        f"every error needs a non-empty 'message', got {info.value.errors!r}"
    )


def test_validate_reports_every_error_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        validate_bookmark({"url": "nope", "title": "", "extra": True})
    fields = error_fields(info.value)
    assert fields == ["url", "title", "extra"], (
        f"all problems should be reported together, in the order url, title, notes, tags, unknown; got {fields}"
    )


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ({"title": " New "}, {"title": "New"}),
        ({"tags": []}, {"tags": []}),
        ({"notes": "", "tags": ["A"]}, {"notes": "", "tags": ["a"]}),
    ],
)
def test_validate_partial_keeps_only_given_fields(body: dict[str, Any], want: dict[str, Any]) -> None:
    got = validate_bookmark(body, partial=True)
    assert got == want, f"validate_bookmark({body!r}, partial=True) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(("body", "field"), [({}, "body"), ({"url": "https://x.example"}, "url")])
def test_validate_partial_rejects_empty_and_url_changes(body: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_bookmark(body, partial=True)
    assert field in error_fields(info.value), f"PATCH body {body!r} should be an error on {field!r}"


@pytest.mark.parametrize("before_id", [1, 42, 10**12])
def test_cursor_round_trip(before_id: int) -> None:
    cursor = encode_cursor(before_id)
    assert isinstance(cursor, str) and cursor, "encode_cursor should return a non-empty string"
    assert cursor != str(before_id), "the cursor should be opaque, not the bare id"
    assert decode_cursor(cursor) == before_id, f"decode_cursor(encode_cursor({before_id})) should give it back"


@pytest.mark.parametrize("cursor", ["", "garbage!!", "MTIz", "%%%"])
def test_decode_cursor_rejects_foreign_strings(cursor: str) -> None:
    with pytest.raises(ValueError):
        decode_cursor(cursor)


def test_problem_response_shape() -> None:
    status, headers, body = problem_response(409, "already saved", [("X-Extra", "1")], hint="try PATCH")
    assert status == 409, f"problem_response status should be 409, got {status}"
    names = {k.lower(): v for k, v in headers}
    assert names.get("content-type") == "application/problem+json", f"wrong Content-Type in {headers!r}"
    assert names.get("content-length") == str(len(body)), f"Content-Length must match the body in {headers!r}"
    assert names.get("x-extra") == "1", "extra headers must be kept"
    data = json.loads(body)
    want = {"type": "about:blank", "title": "Conflict", "status": 409, "detail": "already saved", "hint": "try PATCH"}
    assert data == want, f"problem body should be {want!r}, got {data!r}"


def test_create_returns_201_with_location(make_client, clock) -> None:
    ann, _, _, _ = setup(make_client, clock)
    resp = ann.post("/bookmarks", json_body={**GOOD, "tags": ["Read-Later"], "notes": "für später"})
    assert resp.status == 201, f"POST /bookmarks should answer 201 Created, got {resp.describe()}"
    body = resp.json()
    assert resp.header("Location") == f"/bookmarks/{body['id']}", (
        f"Location should point at the new bookmark: {resp.headers}"
    )
    assert (resp.header("Content-Type") or "").startswith("application/json"), "success bodies are application/json"
    want = {
        **GOOD,
        "id": body["id"],
        "notes": "für später",
        "tags": ["read-later"],
        "created_at": "2024-05-01T12:00:00Z",
    }
    assert body == want, f"the created bookmark should be {want!r}, got {body!r}"


def test_create_invalid_body_is_422_problem_with_errors(make_client, clock) -> None:
    ann, _, _, store = setup(make_client, clock)
    resp = ann.post("/bookmarks", json_body={"url": "javascript:alert(1)"})
    body = assert_problem(resp, 422, "POST with a bad url and no title")
    fields = [e["field"] for e in body.get("errors", [])]
    assert fields == ["url", "title"], f"the 422 problem should list errors for url and title, got {body!r}"
    assert store.count_bookmarks(1) == 0, "an invalid POST must not save anything"


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"body": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
        ({"body": b"\xff\xfe", "headers": {"Content-Type": "application/json"}}, 400),
        ({"body": b'{"url": "https://a.example", "title": "t"}', "headers": {"Content-Type": "text/plain"}}, 415),
        ({"body": b"x" * (64 * 1024 + 1), "headers": {"Content-Type": "application/json"}}, 413),
    ],
    ids=["malformed-json", "not-utf8", "wrong-content-type", "too-large"],
)
def test_create_rejects_unreadable_bodies(make_client, clock, kwargs: dict[str, Any], status: int) -> None:
    ann, _, _, _ = setup(make_client, clock)
    assert_problem(ann.post("/bookmarks", **kwargs), status, f"POST /bookmarks with {kwargs!r}"[:120])


def test_duplicate_url_is_409(make_client, clock) -> None:
    ann, _, _, _ = setup(make_client, clock)
    ann.post("/bookmarks", json_body=GOOD)
    assert_problem(ann.post("/bookmarks", json_body=GOOD), 409, "saving the same URL twice")


def test_list_pages_with_opaque_cursor(make_client, clock) -> None:
    ann, bob, _, _ = setup(make_client, clock)
    created = [
        ann.post("/bookmarks", json_body={"url": f"https://s{i}.example", "title": f"S{i}"}).json()["id"]
        for i in range(5)
    ]
    bob.post("/bookmarks", json_body={"url": "https://bob.example", "title": "Bob's"})
    seen: list[int] = []
    path = "/bookmarks?limit=2"
    for _ in range(5):
        resp = ann.get(path)
        assert resp.status == 200, f"GET {path} should be 200, got {resp.describe()}"
        page = resp.json()
        assert set(page) == {"items", "next_cursor"}, f"a page is {{'items', 'next_cursor'}}, got keys {sorted(page)}"
        assert len(page["items"]) <= 2, f"limit=2 must return at most 2 items, got {len(page['items'])}"
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        path = f"/bookmarks?limit=2&cursor={page['next_cursor']}"
    assert seen == created[::-1], (
        f"following next_cursor should visit Ann's bookmarks newest first {created[::-1]}, got {seen}"
    )


def test_last_full_page_has_no_next_cursor(make_client, clock) -> None:
    ann, _, _, _ = setup(make_client, clock)
    for i in range(2):
        ann.post("/bookmarks", json_body={"url": f"https://s{i}.example", "title": f"S{i}"})
    page = ann.get("/bookmarks?limit=2").json()
    assert len(page["items"]) == 2 and page["next_cursor"] is None, (
        f"exactly 2 bookmarks with limit=2 should give next_cursor null (fetch limit+1 rows to know), got {page!r}"
    )
    empty = ann.get("/bookmarks?tag=nothing").json()
    assert empty == {"items": [], "next_cursor": None}, f"no matches should give an empty page, got {empty!r}"


@pytest.mark.parametrize("query", ["limit=0", "limit=51", "limit=abc", "limit=-1", "cursor=garbage!!"])
def test_bad_query_parameters_are_400(make_client, clock, query: str) -> None:
    ann, _, _, _ = setup(make_client, clock)
    assert_problem(ann.get(f"/bookmarks?{query}"), 400, f"GET /bookmarks?{query}")


def test_list_filters_by_tag(make_client, clock) -> None:
    ann, _, _, _ = setup(make_client, clock)
    ann.post("/bookmarks", json_body={**GOOD, "tags": ["python"]})
    ann.post("/bookmarks", json_body={"url": "https://other.example", "title": "Other", "tags": ["go"]})
    items = ann.get("/bookmarks?tag=Python").json()["items"]
    assert [i["url"] for i in items] == [GOOD["url"]], (
        f"?tag=Python should return only the python bookmark, got {items!r}"
    )


def test_get_patch_delete_lifecycle(make_client, clock) -> None:
    ann, _, _, _ = setup(make_client, clock)
    bid = ann.post("/bookmarks", json_body=GOOD).json()["id"]
    got = ann.get(f"/bookmarks/{bid}")
    assert got.status == 200 and got.json()["title"] == "A post", (
        f"GET /bookmarks/{bid} should be 200, got {got.describe()}"
    )
    patched = ann.patch(f"/bookmarks/{bid}", json_body={"title": "Renamed", "tags": ["x"]})
    assert patched.status == 200, f"PATCH should answer 200 with the new state, got {patched.describe()}"
    assert (patched.json()["title"], patched.json()["tags"]) == ("Renamed", ["x"]), (
        f"PATCH result wrong: {patched.json()!r}"
    )
    bad = ann.patch(f"/bookmarks/{bid}", json_body={"url": "https://elsewhere.example"})
    assert_problem(bad, 422, "PATCH that tries to change the url")
    deleted = ann.delete(f"/bookmarks/{bid}")
    assert deleted.status == 204 and deleted.body == b"", (
        f"DELETE should be 204 with an empty body, got {deleted.describe()}"
    )
    assert_problem(ann.get(f"/bookmarks/{bid}"), 404, "GET after DELETE")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nope", 404),
        ("GET", "/bookmarks/abc", 404),
        ("GET", "/bookmarks/999", 404),
        ("PUT", "/bookmarks/1", 405),
        ("DELETE", "/bookmarks", 405),
    ],
)
def test_routing_errors(make_client, clock, method: str, path: str, status: int) -> None:
    ann, _, _, _ = setup(make_client, clock)
    ann.post("/bookmarks", json_body=GOOD)
    resp = ann.request(method, path)
    assert_problem(resp, status, f"{method} {path}")
    if status == 405:
        allow = resp.header("Allow") or ""
        want = "GET, PATCH, DELETE" if path != "/bookmarks" else "GET, POST"
        assert allow == want, f"405 responses must list the allowed methods: Allow should be {want!r}, got {allow!r}"


def test_missing_user_is_401(make_client, clock) -> None:
    _, _, anonymous, _ = setup(make_client, clock)
    resp = anonymous.get("/bookmarks")
    assert_problem(resp, 401, "GET /bookmarks without environ['linkshelf.user_id']")
    assert (resp.header("WWW-Authenticate") or "").startswith("Bearer"), (
        "401 must carry a WWW-Authenticate: Bearer header"
    )


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_other_users_bookmarks_look_missing(make_client, clock, method: str) -> None:
    ann, bob, _, store = setup(make_client, clock)
    bid = ann.post("/bookmarks", json_body=GOOD).json()["id"]
    resp = bob.request(method, f"/bookmarks/{bid}", json_body={"title": "hijack"} if method == "PATCH" else None)
    assert_problem(resp, 404, f"Bob's {method} on Ann's bookmark (404 hides that it exists)")
    assert store.get_bookmark(bid).title == "A post", "Ann's bookmark must be untouched"
