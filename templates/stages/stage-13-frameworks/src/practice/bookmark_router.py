"""The /bookmarks routes, collected on an APIRouter that an app includes.

A router groups related routes under a prefix so the app factory can mount them
with one `app.include_router(router)`. Each handler only declares what it needs
(body model, current user, store, clock, page) and FastAPI supplies it.

Exercise ex03: add these five routes to `router` (prefix "/bookmarks", so the
path "" means "/bookmarks"). Use the models from ex01 and the dependencies from
ex02; never create a store or read the clock yourself.

POST "" -> create_bookmark
    Body: BookmarkCreate. Needs the caller: `user: Annotated[str, Depends(require_user)]`.
    Answers 201 with the new Bookmark as JSON (owner = the caller, created_at =
    the injected clock's reading) and a `Location: /bookmarks/{id}` header
    (take a `response: Response` parameter and set `response.headers[...]`).
    Answers 409 with detail "you already saved {url}" when the caller already has
    a bookmark with exactly that (cleaned) url; another user may save the same url.
    Declare `status_code=201` on the decorator and `response_model=Bookmark`.

GET "" -> list_bookmarks
    Query: `tag` (optional; stripped and lowercased before filtering; blank means
    no filter) and the page from `Depends(pagination)`. Open to everyone (no key).
    Answers 200 with a BookmarkPage: the slice items[offset:offset + limit] of the
    matching bookmarks in id order, `total` = how many match in all, and the
    limit/offset actually used.

GET "/{bookmark_id}" -> read_bookmark
    `bookmark_id: int` (FastAPI answers 422 for "/bookmarks/abc" on its own).
    Open to everyone. Answers 200 with the Bookmark, or 404 with detail
    "bookmark {bookmark_id} not found" (`raise HTTPException(404, detail)`).

PATCH "/{bookmark_id}" -> update_bookmark
    Body: BookmarkUpdate. Needs the caller. 404 as above when missing; 403 with
    detail "only the owner can change this bookmark" when the caller is not the
    owner. Otherwise change only the fields that were sent
    (`bookmark.model_copy(update=payload.model_dump(exclude_unset=True))`), save
    it with `store.save(...)` and answer 200 with the updated Bookmark.

DELETE "/{bookmark_id}" -> delete_bookmark
    Needs the caller. 404 / 403 exactly like PATCH. Otherwise delete it and answer
    204 with an empty body (`return Response(status_code=204)`).
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/bookmarks", tags=["bookmarks"])

# TODO(ex03): write create_bookmark, list_bookmarks, read_bookmark, update_bookmark
# and delete_bookmark here, each decorated with @router.<method>(...).
