"""The application factory: one function that assembles the whole bookmarks service.

Building the app inside a function (instead of at import time) gives every test,
and every worker process, a fresh app with its own state, and is the one place
where routers, error handlers and shared state are wired together.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI
from practice.bookmark_router import router as bookmark_router
from practice.dependencies import BookmarkStore, get_store
from practice.error_handlers import install_error_handlers

API_TITLE = "Bookmarks API"
API_VERSION = "1.0.0"


def create_app() -> FastAPI:
    """Build a new bookmarks service with its own empty store."""
    app = FastAPI(title=API_TITLE, version=API_VERSION)
    app.state.store = BookmarkStore()
    app.include_router(bookmark_router)
    install_error_handlers(app)

    @app.get("/health", tags=["meta"])
    def health(store: Annotated[BookmarkStore, Depends(get_store)]) -> dict[str, object]:
        """Say the service is up and how many bookmarks it holds."""
        return {"status": "ok", "bookmarks": len(store)}

    return app
