"""ex02: dependencies that routes declare with Depends, and that tests override."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from practice.bookmark_models import BookmarkCreate
from practice.dependencies import (
    BookmarkStore,
    Page,
    Settings,
    get_clock,
    get_settings,
    get_store,
    pagination,
    require_user,
)
from starlette.requests import Request

TEST_SETTINGS = Settings(api_keys={"key-alice": "alice", "key-bob": "bob"}, max_page_size=5)


def probe_app() -> FastAPI:
    """A tiny app whose routes only report what the dependencies gave them."""
    app = FastAPI()

    @app.get("/whoami")
    def whoami(user: Annotated[str, Depends(require_user)]) -> dict[str, str]:
        return {"user": user}

    @app.get("/page")
    def page(current: Annotated[Page, Depends(pagination)]) -> dict[str, int]:
        return {"limit": current.limit, "offset": current.offset}

    @app.get("/count")
    def count(store: Annotated[BookmarkStore, Depends(get_store)]) -> dict[str, int]:
        return {"count": len(store), "same": int(store is app.state.store)}

    app.dependency_overrides[get_settings] = lambda: TEST_SETTINGS
    return app


def request_for(app: FastAPI) -> Request:
    """A bare request object served by `app`, for calling get_store directly."""
    return Request({"type": "http", "app": app, "headers": []})


def test_get_settings_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOKMARKS_API_KEYS", " k-1 = alice ,k-2=bob,, ")
    monkeypatch.setenv("BOOKMARKS_MAX_PAGE_SIZE", "7")
    got = get_settings()
    assert got.api_keys == {"k-1": "alice", "k-2": "bob"}, (
        f"'k-1 = alice ,k-2=bob,,' should parse to two keys, got {got.api_keys!r}"
    )
    assert got.max_page_size == 7, f"max_page_size should come from the env, got {got.max_page_size!r}"
    monkeypatch.delenv("BOOKMARKS_API_KEYS")
    monkeypatch.delenv("BOOKMARKS_MAX_PAGE_SIZE")
    got = get_settings()
    assert got == Settings(api_keys={}, max_page_size=50), (
        f"with nothing set, expect no keys and a page size of 50, got {got!r}"
    )


@pytest.mark.parametrize(
    ("keys", "size"),
    [("just-a-key", "10"), ("=alice", "10"), ("k-1=", "10"), ("k-1=alice", "0"), ("k-1=alice", "ten")],
)
def test_get_settings_refuses_malformed_values(monkeypatch: pytest.MonkeyPatch, keys: str, size: str) -> None:
    monkeypatch.setenv("BOOKMARKS_API_KEYS", keys)
    monkeypatch.setenv("BOOKMARKS_MAX_PAGE_SIZE", size)
    with pytest.raises(ValueError):
        get_settings()


def test_clock_gives_aware_utc_time() -> None:
    clock = get_clock()
    first = clock()
    second = clock()
    assert isinstance(first, datetime), f"the clock should return a datetime, got {first!r}"
    assert first.utcoffset() == timedelta(0), (
        f"the clock should return timezone-aware UTC time, got tzinfo={first.tzinfo!r}"
    )
    assert first <= second, "two readings of the clock must not go backwards"
    assert abs(first - datetime.now(UTC)) < timedelta(minutes=5), "the clock should tell the real time"


@pytest.mark.parametrize(
    ("headers", "status", "body"),
    [
        ({"X-API-Key": "key-alice"}, 200, {"user": "alice"}),
        ({"X-API-Key": "  key-bob  "}, 200, {"user": "bob"}),
        ({}, 401, {"detail": "missing API key"}),
        ({"X-API-Key": "   "}, 401, {"detail": "missing API key"}),
        ({"X-API-Key": "key-mallory"}, 401, {"detail": "invalid API key"}),
        ({"X-API-Key": "KEY-ALICE"}, 401, {"detail": "invalid API key"}),
    ],
)
def test_require_user(headers: dict[str, str], status: int, body: dict[str, str]) -> None:
    key = headers.get("X-API-Key")
    if status == 200:
        got = require_user(TEST_SETTINGS, x_api_key=key)
        assert got == body["user"], f"require_user(settings, x_api_key={key!r}) should be {body['user']!r}, got {got!r}"
    else:
        with pytest.raises(HTTPException) as caught:
            require_user(TEST_SETTINGS, x_api_key=key)
        got_error = (caught.value.status_code, caught.value.detail)
        assert got_error == (401, body["detail"]), (
            f"require_user(settings, x_api_key={key!r}) should raise HTTPException(401, {body['detail']!r}), "
            f"got {got_error}"
        )
    client = TestClient(probe_app())
    response = client.get("/whoami", headers=headers)
    assert (response.status_code, response.json()) == (status, body), (
        f"GET /whoami with headers {headers!r} should give {status} {body!r}, "
        f"got {response.status_code} {response.text}"
    )
    if status == 401:
        assert response.headers.get("www-authenticate") == "ApiKey", (
            "a 401 must tell the client how to authenticate: WWW-Authenticate: ApiKey"
        )


def test_require_user_does_not_accept_the_key_as_a_query_parameter() -> None:
    assert require_user(TEST_SETTINGS, x_api_key="key-alice") == "alice", "key-alice belongs to alice"
    client = TestClient(probe_app())
    response = client.get("/whoami", params={"x_api_key": "key-alice"})
    assert response.status_code == 401, (
        "the API key belongs in the X-API-Key header (Header()), never in the URL, "
        f"got {response.status_code} {response.text}"
    )


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("", {"limit": 5, "offset": 0}),
        ("?limit=2", {"limit": 2, "offset": 0}),
        ("?limit=2&offset=4", {"limit": 2, "offset": 4}),
        ("?limit=500", {"limit": 5, "offset": 0}),
        ("?limit=1&offset=0", {"limit": 1, "offset": 0}),
    ],
)
def test_pagination(query: str, want: dict[str, int]) -> None:
    got = pagination(TEST_SETTINGS, limit=500, offset=2)
    assert got == Page(limit=5, offset=2), f"pagination(limit=500, offset=2) caps at 5, got {got!r}"
    client = TestClient(probe_app())
    response = client.get("/page" + query)
    assert response.status_code == 200, f"GET /page{query} should work, got {response.text}"
    assert response.json() == want, f"GET /page{query} with max_page_size=5 should give {want}, got {response.json()}"


@pytest.mark.parametrize("query", ["?limit=0", "?limit=-3", "?offset=-1", "?limit=abc"])
def test_pagination_refuses_bad_numbers(query: str) -> None:
    got = pagination(TEST_SETTINGS, limit=3, offset=0)
    assert got == Page(limit=3, offset=0), f"pagination(limit=3, offset=0) should be Page(3, 0), got {got!r}"
    client = TestClient(probe_app())
    response = client.get("/page" + query)
    assert response.status_code == 422, (
        f"GET /page{query} should be a 422 from Query(ge=...), got {response.status_code}"
    )
    assert client.get("/page?limit=3").json() == {"limit": 3, "offset": 0}, (
        "a good limit must still work after a refused one"
    )


def test_get_store_returns_the_apps_own_store() -> None:
    app = probe_app()
    app.state.store = BookmarkStore()
    app.state.store.add(
        BookmarkCreate.model_construct(url="https://example.org/", title="Example", tags=[]),
        owner="alice",
        created_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    assert get_store(request_for(app)) is app.state.store, "get_store should return app.state.store itself"
    client = TestClient(app)
    assert client.get("/count").json() == {"count": 1, "same": 1}, (
        "get_store should hand the route the very BookmarkStore in app.state.store"
    )


def test_get_store_complains_when_the_app_has_no_store() -> None:
    app = probe_app()
    with pytest.raises(RuntimeError) as caught:
        get_store(request_for(app))
    if isinstance(caught.value, NotImplementedError):
        raise caught.value
    assert "create_app" in str(caught.value), (
        f"the error should tell the developer that create_app() must set the store, got {caught.value}"
    )


def test_dependencies_can_be_overridden() -> None:
    assert require_user(TEST_SETTINGS, x_api_key="key-bob") == "bob", "key-bob belongs to bob"
    app = probe_app()
    app.dependency_overrides[require_user] = lambda: "test-user"
    client = TestClient(app)
    assert client.get("/whoami").json() == {"user": "test-user"}, "overrides replace the dependency"
    del app.dependency_overrides[require_user]
    response = client.get("/whoami", headers={"X-API-Key": "key-alice"})
    assert response.json() == {"user": "alice"}, (
        f"without the override your require_user runs again, got {response.text}"
    )
