"""Dependencies for the bookmarks service: settings, clock, storage, caller, paging.

A route declares what it needs (`user: Annotated[str, Depends(require_user)]`) and
FastAPI calls these functions for every request and passes in their results. Tests
swap any of them out with `app.dependency_overrides[get_clock] = ...`, which is why
nothing here reaches for a global: settings, time and storage all come in this way.

Exercise ex02: write get_settings, get_clock, get_store, require_user and
pagination. Settings, BookmarkStore and Page are complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from practice.bookmark_models import Bookmark, BookmarkCreate
from pydantic import BaseModel, ConfigDict, Field

Clock = Callable[[], datetime]

DEFAULT_MAX_PAGE_SIZE = 50


class Settings(BaseModel):
    """Service settings: which API keys exist and how big a page may be.

    Attributes:
        api_keys: maps each valid API key to the user it belongs to.
        max_page_size: the largest `limit` a listing may use.
    """

    model_config = ConfigDict(frozen=True)

    api_keys: dict[str, str] = Field(default_factory=dict)
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE


class BookmarkStore:
    """In-memory storage for bookmarks (complete: nothing to do here)."""

    def __init__(self) -> None:
        """Start empty; ids are handed out from 1 upwards and never reused."""
        self._items: dict[int, Bookmark] = {}
        self._next_id = 1

    def __len__(self) -> int:
        """Return how many bookmarks are stored."""
        return len(self._items)

    def add(self, data: BookmarkCreate, owner: str, created_at: datetime) -> Bookmark:
        """Store a new bookmark and return it with its id."""
        bookmark = Bookmark(id=self._next_id, owner=owner, created_at=created_at, **data.model_dump())
        self._items[bookmark.id] = bookmark
        self._next_id += 1
        return bookmark

    def get(self, bookmark_id: int) -> Bookmark | None:
        """Return the bookmark with this id, or None."""
        return self._items.get(bookmark_id)

    def find_by_url(self, owner: str, url: str) -> Bookmark | None:
        """Return this owner's bookmark with exactly this url, or None."""
        for bookmark in self._items.values():
            if bookmark.owner == owner and bookmark.url == url:
                return bookmark
        return None

    def search(self, tag: str | None = None) -> list[Bookmark]:
        """Return all bookmarks (only those carrying `tag` when given), oldest id first."""
        items = sorted(self._items.values(), key=lambda b: b.id)
        if tag is None:
            return items
        return [b for b in items if tag in b.tags]

    def save(self, bookmark: Bookmark) -> None:
        """Replace the stored bookmark that has the same id."""
        self._items[bookmark.id] = bookmark

    def delete(self, bookmark_id: int) -> bool:
        """Remove a bookmark; return whether it existed."""
        return self._items.pop(bookmark_id, None) is not None


@dataclass(frozen=True)
class Page:
    """Which slice of a listing to return (complete: nothing to do here)."""

    limit: int
    offset: int


def get_settings() -> Settings:
    """Read the settings from the environment (called once per request; no caching).

    - BOOKMARKS_API_KEYS: comma-separated KEY=USER pairs, e.g.
      "k-1=alice, k-2=bob" -> {"k-1": "alice", "k-2": "bob"}. Spaces around keys and
      users are stripped; empty entries (",,", a trailing comma) are skipped; unset
      or empty means no keys at all.
    - BOOKMARKS_MAX_PAGE_SIZE: a whole number >= 1; unset means
      DEFAULT_MAX_PAGE_SIZE.

    Raises:
        ValueError: for an entry without "=", with an empty key or user, or for a
            page size that is not a whole number >= 1. Say which value is wrong.
    """
    raise NotImplementedError("parse BOOKMARKS_API_KEYS and BOOKMARKS_MAX_PAGE_SIZE")


def get_clock() -> Clock:
    """Return the function the service uses to read the current time.

    The returned function takes no arguments and returns a timezone-aware
    datetime in UTC (`datetime.now(UTC)`). Routes ask for the clock instead of
    calling datetime.now themselves, so tests can freeze time with
    `app.dependency_overrides[get_clock] = lambda: (lambda: FIXED_TIME)`.
    """
    raise NotImplementedError("return a function that gives the current UTC time")


def get_store(request: Request) -> BookmarkStore:
    """Return the store the app keeps in `app.state.store`.

    `request.app` is the FastAPI application serving the request; create_app()
    (ex05) puts one BookmarkStore in `app.state.store`, so each app has its own.

    Raises:
        RuntimeError: when `app.state.store` is missing or not a BookmarkStore,
            with a message saying create_app() must set it.
    """
    raise NotImplementedError("return request.app.state.store")


def require_user(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: str | None = None,
) -> str:
    """Return the user that owns the X-API-Key header, or answer 401.

    Declare the header with `Annotated[str | None, Header()] = None` (import
    Header from fastapi): FastAPI then reads the `X-API-Key` request header into
    `x_api_key`. Surrounding whitespace in the key is ignored.

    Raises:
        HTTPException: status 401 with detail "missing API key" when the header is
            absent or blank, and detail "invalid API key" when the key is not in
            settings.api_keys. Both carry the header `WWW-Authenticate: ApiKey`
            (`HTTPException(401, detail, headers={...})`). Compare keys with
            `hmac.compare_digest`, which does not leak timing information.
    """
    raise NotImplementedError("look the X-API-Key header up in settings.api_keys")


def pagination(
    settings: Annotated[Settings, Depends(get_settings)],
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """Return the requested page from the `limit` and `offset` query parameters.

    Declare them as `Annotated[int, Query(ge=1)] = 20` and
    `Annotated[int, Query(ge=0)] = 0`, so FastAPI itself answers 422 for
    `?limit=0`, `?offset=-1` or `?limit=abc`. A limit above
    settings.max_page_size is lowered to it (not an error):
    `?limit=500` with max_page_size 50 gives Page(limit=50, offset=0).
    """
    raise NotImplementedError("validate limit/offset with Query and cap the limit")
