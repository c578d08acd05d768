"""ex03: CRUD routes on an APIRouter, wired with Depends and tested through overrides."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from practice.bookmark_router import router
from practice.dependencies import BookmarkStore, Settings, get_clock, get_settings, get_store

FIXED_TIME = datetime(2024, 5, 17, 12, 30, tzinfo=UTC)
ALICE = {"X-API-Key": "key-alice"}
BOB = {"X-API-Key": "key-bob"}


def make_client(store: BookmarkStore) -> TestClient:
    """An app with only the bookmarks router; settings, clock and store are injected."""
    app = FastAPI()
    app.include_router(router)
    app.dependency_overrides[get_settings] = lambda: Settings(
        api_keys={"key-alice": "alice", "key-bob": "bob"}, max_page_size=3
    )
    app.dependency_overrides[get_clock] = lambda: lambda: FIXED_TIME
    app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)


def create(client: TestClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    """POST a bookmark and insist that it was created."""
    response = client.post("/bookmarks", json=body, headers=headers)
    assert response.status_code == 201, (
        f"POST /bookmarks {body!r} should answer 201, got {response.status_code} {response.text}"
    )
    return response.json()


def test_create_returns_201_with_the_stored_bookmark() -> None:
    store = BookmarkStore()
    client = make_client(store)
    response = client.post(
        "/bookmarks",
        json={"url": " https://example.org/a ", "title": " Example ", "tags": ["Demo"]},
        headers=ALICE,
    )
    assert response.status_code == 201, f"expected 201 Created, got {response.status_code} {response.text}"
    body = response.json()
    created_at = body.pop("created_at", None)
    assert body == {
        "id": 1,
        "url": "https://example.org/a",
        "title": "Example",
        "tags": ["demo"],
        "owner": "alice",
    }, f"the response should be the cleaned bookmark owned by the caller, got {body!r}"
    assert created_at is not None and datetime.fromisoformat(created_at) == FIXED_TIME, (
        f"created_at must come from the injected clock ({FIXED_TIME.isoformat()}), got {created_at!r}"
    )
    assert response.headers.get("location") == "/bookmarks/1", (
        f"a 201 should say where the new resource lives, got Location={response.headers.get('location')!r}"
    )
    assert len(store) == 1, "the bookmark must be saved in the injected store"


@pytest.mark.parametrize(
    ("headers", "detail"),
    [({}, "missing API key"), ({"X-API-Key": "nope"}, "invalid API key")],
)
def test_create_needs_a_valid_api_key(headers: dict[str, str], detail: str) -> None:
    store = BookmarkStore()
    client = make_client(store)
    response = client.post("/bookmarks", json={"url": "https://example.org/", "title": "x"}, headers=headers)
    assert (response.status_code, response.json()) == (401, {"detail": detail}), (
        f"POST /bookmarks with headers {headers!r} should be 401 {detail!r}, got {response.status_code} {response.text}"
    )
    assert len(store) == 0, "nothing may be saved for an unauthenticated caller"


@pytest.mark.parametrize(
    "body",
    [
        {"title": "no url"},
        {"url": "ftp://example.org/", "title": "wrong scheme"},
        {"url": "https://example.org/", "title": "   "},
        {"url": "https://example.org/", "title": "x", "tags": ["bad tag"]},
        {"url": "https://example.org/", "title": "x", "owner": "bob"},
    ],
)
def test_create_refuses_invalid_bodies_with_422(body: dict[str, Any]) -> None:
    store = BookmarkStore()
    client = make_client(store)
    response = client.post("/bookmarks", json=body, headers=ALICE)
    assert response.status_code == 422, (
        f"POST /bookmarks {body!r} should be a 422, got {response.status_code} {response.text}"
    )
    assert len(store) == 0, "an invalid body must not be saved"


def test_the_same_url_twice_is_a_conflict_only_for_the_same_user() -> None:
    client = make_client(BookmarkStore())
    create(client, ALICE, url="https://example.org/", title="first")
    again = client.post("/bookmarks", json={"url": " https://example.org/ ", "title": "again"}, headers=ALICE)
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "you already saved https://example.org/"},
    ), f"alice saving the same url twice should be 409, got {again.status_code} {again.text}"
    other = client.post("/bookmarks", json={"url": "https://example.org/", "title": "bob's"}, headers=BOB)
    assert other.status_code == 201, f"bob may save a url alice saved, got {other.status_code} {other.text}"


def test_read_one_bookmark() -> None:
    client = make_client(BookmarkStore())
    made = create(client, ALICE, url="https://example.org/", title="Example")
    response = client.get("/bookmarks/1")
    assert (response.status_code, response.json()) == (200, made), (
        f"GET /bookmarks/1 needs no key and returns the bookmark, got {response.status_code} {response.text}"
    )
    missing = client.get("/bookmarks/99")
    assert (missing.status_code, missing.json()) == (404, {"detail": "bookmark 99 not found"}), (
        f"GET /bookmarks/99 should be 404 'bookmark 99 not found', got {missing.status_code} {missing.text}"
    )
    assert client.get("/bookmarks/abc").status_code == 422, "a non-integer id is a 422 (bookmark_id: int)"


@pytest.mark.parametrize(
    ("query", "ids", "total", "limit", "offset"),
    [
        ("", [1, 2, 3], 4, 3, 0),
        ("?offset=3", [4], 4, 3, 3),
        ("?limit=2&offset=1", [2, 3], 4, 2, 1),
        ("?limit=100", [1, 2, 3], 4, 3, 0),
        ("?tag=python", [1, 3], 2, 3, 0),
        ("?tag=%20PYTHON%20", [1, 3], 2, 3, 0),
        ("?tag=rust", [], 0, 3, 0),
        ("?offset=10", [], 4, 3, 10),
    ],
)
def test_list_filters_and_pages(query: str, ids: list[int], total: int, limit: int, offset: int) -> None:
    client = make_client(BookmarkStore())
    create(client, ALICE, url="https://a.example/", title="A", tags=["python"])
    create(client, BOB, url="https://b.example/", title="B", tags=["web"])
    create(client, ALICE, url="https://c.example/", title="C", tags=["web", "python"])
    create(client, BOB, url="https://d.example/", title="D")
    response = client.get("/bookmarks" + query)
    assert response.status_code == 200, f"GET /bookmarks{query} should be 200, got {response.text}"
    page = response.json()
    got = ([item["id"] for item in page["items"]], page["total"], page["limit"], page["offset"])
    assert got == (ids, total, limit, offset), (
        f"GET /bookmarks{query} (max page size 3) should give ids={ids} total={total} "
        f"limit={limit} offset={offset}, got ids={got[0]} total={got[1]} limit={got[2]} offset={got[3]}"
    )


def test_patch_changes_only_what_was_sent() -> None:
    client = make_client(BookmarkStore())
    create(client, ALICE, url="https://example.org/", title="Old", tags=["keep"])
    response = client.patch("/bookmarks/1", json={"title": "  New  title "}, headers=ALICE)
    assert response.status_code == 200, f"the owner may PATCH, got {response.status_code} {response.text}"
    body = response.json()
    assert (body["title"], body["tags"], body["url"]) == ("New title", ["keep"], "https://example.org/"), (
        f"only the title should change (cleaned), got {body!r}"
    )
    assert client.get("/bookmarks/1").json()["title"] == "New title", "the change must be saved"


@pytest.mark.parametrize(
    ("path", "body", "headers", "status"),
    [
        ("/bookmarks/1", {"title": "mine now"}, BOB, 403),
        ("/bookmarks/1", {"title": "no key"}, {}, 401),
        ("/bookmarks/42", {"title": "ghost"}, ALICE, 404),
        ("/bookmarks/1", {}, ALICE, 422),
        ("/bookmarks/1", {"title": None}, ALICE, 422),
    ],
)
def test_patch_refusals(path: str, body: dict[str, Any], headers: dict[str, str], status: int) -> None:
    client = make_client(BookmarkStore())
    create(client, ALICE, url="https://example.org/", title="Original")
    response = client.patch(path, json=body, headers=headers)
    assert response.status_code == status, (
        f"PATCH {path} {body!r} with {headers!r} should be {status}, got {response.status_code} {response.text}"
    )
    if status == 403:
        assert response.json() == {"detail": "only the owner can change this bookmark"}, response.text
    assert client.get("/bookmarks/1").json()["title"] == "Original", "a refused PATCH changes nothing"


def test_delete() -> None:
    store = BookmarkStore()
    client = make_client(store)
    create(client, ALICE, url="https://example.org/", title="Doomed")
    forbidden = client.delete("/bookmarks/1", headers=BOB)
    assert forbidden.status_code == 403, f"bob may not delete alice's bookmark, got {forbidden.status_code}"
    response = client.delete("/bookmarks/1", headers=ALICE)
    assert response.status_code == 204, f"DELETE by the owner should be 204, got {response.status_code}"
    assert response.content == b"", f"a 204 has no body, got {response.content!r}"
    assert len(store) == 0, "the bookmark must be gone from the store"
    again = client.delete("/bookmarks/1", headers=ALICE)
    assert (again.status_code, again.json()) == (404, {"detail": "bookmark 1 not found"}), (
        f"deleting twice should be 404 the second time, got {again.status_code} {again.text}"
    )
