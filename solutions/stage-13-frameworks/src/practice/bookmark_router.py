"""The /bookmarks routes, collected on an APIRouter that an app includes.

A router groups related routes under a prefix so the app factory can mount them
with one `app.include_router(router)`. Each handler only declares what it needs
(body model, current user, store, clock, page) and FastAPI supplies it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response, status
from practice.bookmark_models import Bookmark, BookmarkCreate, BookmarkPage, BookmarkUpdate
from practice.dependencies import (
    BookmarkStore,
    Clock,
    Page,
    get_clock,
    get_store,
    pagination,
    require_user,
)

router = APIRouter(prefix="/bookmarks", tags=["bookmarks"])

Store = Annotated[BookmarkStore, Depends(get_store)]
User = Annotated[str, Depends(require_user)]


def _existing(store: BookmarkStore, bookmark_id: int) -> Bookmark:
    bookmark = store.get(bookmark_id)
    if bookmark is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"bookmark {bookmark_id} not found")
    return bookmark


def _owned(store: BookmarkStore, bookmark_id: int, user: str) -> Bookmark:
    bookmark = _existing(store, bookmark_id)
    if bookmark.owner != user:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the owner can change this bookmark")
    return bookmark


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Bookmark)
def create_bookmark(
    payload: BookmarkCreate,
    response: Response,
    user: User,
    store: Store,
    clock: Annotated[Clock, Depends(get_clock)],
) -> Bookmark:
    """Save a bookmark for the calling user."""
    if store.find_by_url(user, payload.url) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"you already saved {payload.url}")
    bookmark = store.add(payload, owner=user, created_at=clock())
    response.headers["Location"] = f"/bookmarks/{bookmark.id}"
    return bookmark


@router.get("", response_model=BookmarkPage)
def list_bookmarks(
    store: Store,
    page: Annotated[Page, Depends(pagination)],
    tag: str | None = None,
) -> BookmarkPage:
    """List bookmarks, optionally only those with a tag, one page at a time."""
    wanted = tag.strip().lower() if tag is not None and tag.strip() else None
    items = store.search(wanted)
    return BookmarkPage(
        items=items[page.offset : page.offset + page.limit],
        total=len(items),
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/{bookmark_id}", response_model=Bookmark)
def read_bookmark(bookmark_id: int, store: Store) -> Bookmark:
    """Return one bookmark."""
    return _existing(store, bookmark_id)


@router.patch("/{bookmark_id}", response_model=Bookmark)
def update_bookmark(bookmark_id: int, payload: BookmarkUpdate, user: User, store: Store) -> Bookmark:
    """Change some fields of a bookmark the caller owns."""
    bookmark = _owned(store, bookmark_id, user)
    updated = bookmark.model_copy(update=payload.model_dump(exclude_unset=True))
    store.save(updated)
    return updated


@router.delete("/{bookmark_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_bookmark(bookmark_id: int, user: User, store: Store) -> Response:
    """Delete a bookmark the caller owns."""
    _owned(store, bookmark_id, user)
    store.delete(bookmark_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
