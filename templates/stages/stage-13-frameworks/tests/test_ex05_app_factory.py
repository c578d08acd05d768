"""ex05: an application factory that assembles the whole service."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from practice.app_factory import create_app
from practice.dependencies import Settings, get_clock, get_settings

FIXED_TIME = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
ALICE = {"X-API-Key": "key-alice"}
BOB = {"X-API-Key": "key-bob"}


def build() -> tuple[FastAPI, TestClient]:
    """A fresh service with test settings and a frozen clock."""
    app = create_app()
    app.dependency_overrides[get_settings] = lambda: Settings(
        api_keys={"key-alice": "alice", "key-bob": "bob"}, max_page_size=10
    )
    app.dependency_overrides[get_clock] = lambda: lambda: FIXED_TIME
    return app, TestClient(app)


def test_health_reports_the_number_of_bookmarks() -> None:
    _, client = build()
    response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "bookmarks": 0}), (
        f"GET /health on a new app should be 200 {{'status': 'ok', 'bookmarks': 0}}, got {response.text}"
    )
    client.post("/bookmarks", json={"url": "https://example.org/", "title": "x"}, headers=ALICE)
    assert client.get("/health").json() == {"status": "ok", "bookmarks": 1}, (
        "after one POST /bookmarks the health check should count 1 bookmark"
    )


def test_each_app_has_its_own_store() -> None:
    first_app, first = build()
    _, second = build()
    made = first.post("/bookmarks", json={"url": "https://example.org/", "title": "x"}, headers=ALICE)
    assert made.status_code == 201, f"POST /bookmarks should be 201, got {made.status_code} {made.text}"
    assert second.get("/bookmarks").json()["total"] == 0, (
        "a second create_app() must start empty: create the store inside the factory, not at import"
    )
    assert len(first_app.state.store) == 1, "the first app's bookmark lives in its app.state.store"


def test_openapi_document_describes_the_service() -> None:
    _, client = build()
    response = client.get("/openapi.json")
    assert response.status_code == 200, f"/openapi.json should be served, got {response.status_code}"
    doc = response.json()
    assert (doc["info"]["title"], doc["info"]["version"]) == ("Bookmarks API", "1.0.0"), (
        f"the app should be titled 'Bookmarks API' version '1.0.0', got {doc['info']}"
    )
    paths = doc["paths"]
    for path, methods in {
        "/bookmarks": {"get", "post"},
        "/bookmarks/{bookmark_id}": {"get", "patch", "delete"},
        "/health": {"get"},
    }.items():
        assert path in paths and methods <= set(paths[path]), (
            f"OpenAPI should list {sorted(methods)} on {path}, got {sorted(paths.get(path, {}))}"
        )
    assert "201" in paths["/bookmarks"]["post"]["responses"], "POST /bookmarks should document its 201"
    assert "BookmarkCreate" in doc["components"]["schemas"], "the request model should appear in the schema"


def test_a_whole_journey() -> None:
    _, client = build()
    for url, title, tags, who in [
        ("https://docs.python.org/3/", "Python docs", ["python", "docs"], ALICE),
        ("https://fastapi.tiangolo.com/", "FastAPI", ["python", "web"], ALICE),
        ("https://developer.mozilla.org/", "MDN", ["web", "docs"], BOB),
    ]:
        made = client.post("/bookmarks", json={"url": url, "title": title, "tags": tags}, headers=who)
        assert made.status_code == 201, f"creating {url} should work, got {made.status_code} {made.text}"
    docs = client.get("/bookmarks", params={"tag": "docs"}).json()
    assert [item["title"] for item in docs["items"]] == ["Python docs", "MDN"], (
        f"?tag=docs should list the two docs bookmarks in id order, got {docs}"
    )
    patched = client.patch("/bookmarks/2", json={"tags": ["python", "api"]}, headers=ALICE)
    assert patched.json()["tags"] == ["python", "api"], f"PATCH should replace the tags, got {patched.text}"
    assert client.delete("/bookmarks/1", headers=ALICE).status_code == 204, "alice deletes her bookmark"
    remaining = client.get("/bookmarks").json()
    assert [item["id"] for item in remaining["items"]] == [2, 3] and remaining["total"] == 2, (
        f"after deleting 1, ids 2 and 3 remain, got {remaining}"
    )
    assert all(datetime.fromisoformat(item["created_at"]) == FIXED_TIME for item in remaining["items"]), (
        "created_at must come from the overridden clock"
    )


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("get", "/bookmarks/42", {}, 404, "not_found"),
        ("post", "/bookmarks", {"json": {"url": "https://x.org/", "title": "x"}}, 401, "unauthorized"),
        ("post", "/bookmarks", {"json": {"url": "nope", "title": "x"}, "headers": ALICE}, 422, "validation_error"),
        ("get", "/bookmarks?limit=0", {}, 422, "validation_error"),
        ("get", "/nowhere", {}, 404, "not_found"),
        ("put", "/bookmarks/1", {"json": {}}, 405, "method_not_allowed"),
    ],
)
def test_errors_use_the_envelope(method: str, path: str, kwargs: dict[str, object], status: int, code: str) -> None:
    _, client = build()
    response = client.request(method.upper(), path, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, f"{method.upper()} {path} should be {status}, got {response.status_code}"
    body = response.json()
    assert set(body) == {"error"} and body["error"].get("code") == code, (
        f"{method.upper()} {path} should answer the envelope with code {code!r}, got {body}"
    )


def test_envelope_details_and_headers_survive_end_to_end() -> None:
    _, client = build()
    bad = client.post("/bookmarks", json={"url": "ftp://x.org/", "title": " "}, headers=ALICE)
    fields = sorted(item["field"] for item in bad.json()["error"]["details"])
    assert fields == ["body.title", "body.url"], f"a 422 should list body.title and body.url, got {fields}"
    locked = client.post("/bookmarks", json={"url": "https://x.org/", "title": "x"})
    assert locked.headers.get("www-authenticate") == "ApiKey", "the 401 keeps WWW-Authenticate"
    assert locked.json()["error"]["message"] == "missing API key", locked.text
    client.post("/bookmarks", json={"url": "https://x.org/", "title": "x"}, headers=ALICE)
    again = client.post("/bookmarks", json={"url": "https://x.org/", "title": "x"}, headers=ALICE)
    assert again.json() == {"error": {"code": "conflict", "message": "you already saved https://x.org/"}}, (
        f"the 409 from the router should be an envelope, got {again.text}"
    )
