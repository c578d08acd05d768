"""Dependencies for the bookmarks service: settings, clock, storage, caller, paging.

A route declares what it needs (`user: Annotated[str, Depends(require_user)]`) and
FastAPI calls these functions for every request and passes in their results. Tests
swap any of them out with `app.dependency_overrides[get_clock] = ...`, which is why
nothing here reaches for a global: settings, time and storage all come in this way.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request, status
from practice.bookmark_models import Bookmark, BookmarkCreate
from pydantic import BaseModel, ConfigDict, Field

Clock = Callable[[], datetime]

DEFAULT_MAX_PAGE_SIZE = 50


class Settings(BaseModel):
    """Service settings: which API keys exist and how big a page may be."""

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
    """Which slice of a listing to return."""

    limit: int
    offset: int


def get_settings() -> Settings:
    """Read the settings from the environment."""
    keys: dict[str, str] = {}
    raw = os.environ.get("BOOKMARKS_API_KEYS", "")
    for entry in raw.split(","):
        if not entry.strip():
            continue
        key, sep, user = entry.partition("=")
        key, user = key.strip(), user.strip()
        if not sep or not key or not user:
            raise ValueError(f"BOOKMARKS_API_KEYS entry {entry.strip()!r} must look like KEY=USER")
        keys[key] = user
    size_text = os.environ.get("BOOKMARKS_MAX_PAGE_SIZE", str(DEFAULT_MAX_PAGE_SIZE)).strip()
    try:
        size = int(size_text)
    except ValueError:
        raise ValueError(f"BOOKMARKS_MAX_PAGE_SIZE must be a whole number, got {size_text!r}") from None
    if size < 1:
        raise ValueError(f"BOOKMARKS_MAX_PAGE_SIZE must be at least 1, got {size}")
    return Settings(api_keys=keys, max_page_size=size)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def get_clock() -> Clock:
    """Return the function the service uses to read the current time."""
    return _utc_now


def get_store(request: Request) -> BookmarkStore:
    """Return the store the app keeps in `app.state.store`."""
    store = getattr(request.app.state, "store", None)
    if not isinstance(store, BookmarkStore):
        raise RuntimeError("app.state.store is not set: create_app() must put a BookmarkStore there")
    return store


def require_user(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> str:
    """Return the user that owns the X-API-Key header, or answer 401."""
    challenge = {"WWW-Authenticate": "ApiKey"}
    if x_api_key is None or not x_api_key.strip():
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key", headers=challenge)
    sent = x_api_key.strip().encode()
    owner: str | None = None
    for key, user in settings.api_keys.items():
        if hmac.compare_digest(sent, key.encode()):
            owner = user
    if owner is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key", headers=challenge)
    return owner


def pagination(
    settings: Annotated[Settings, Depends(get_settings)],
    limit: Annotated[int, Query(ge=1)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page:
    """Return the requested page, with the limit capped at settings.max_page_size."""
    return Page(limit=min(limit, settings.max_page_size), offset=offset)
