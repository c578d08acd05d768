"""The application factory: one function that assembles the whole bookmarks service.

Building the app inside a function (instead of at import time) gives every test,
and every worker process, a fresh app with its own state, and is the one place
where routers, error handlers and shared state are wired together.

Exercise ex05: write create_app.
"""

from __future__ import annotations

from fastapi import FastAPI

API_TITLE = "Bookmarks API"
API_VERSION = "1.0.0"


def create_app() -> FastAPI:
    """Build a new bookmarks service with its own empty store.

    Steps:
    1. `app = FastAPI(title=API_TITLE, version=API_VERSION)` (they appear in the
       OpenAPI document at /openapi.json and in the docs at /docs).
    2. `app.state.store = BookmarkStore()` (from practice.dependencies): a new
       store per app, so two apps never share bookmarks.
    3. `app.include_router(router)` with the router from practice.bookmark_router.
    4. `install_error_handlers(app)` from practice.error_handlers, so every error,
       including 401, 404, 409 and 422 from the router, has the envelope shape.
    5. A `GET /health` route (define it inside create_app with `@app.get`), that
       takes the store through `Depends(get_store)` and returns
       {"status": "ok", "bookmarks": <number of stored bookmarks>}.

    Settings and the clock stay dependencies (get_settings, get_clock), so a test
    can still replace them with `app.dependency_overrides`.

    Returns:
        The assembled FastAPI application.
    """
    raise NotImplementedError("assemble the app: store, router, error handlers, /health")
