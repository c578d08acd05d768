"""Linkshelf, part 2: the REST API as a plain WSGI application.

The API serves the signed-in user's bookmarks as JSON. Who the user is comes
from ``environ["linkshelf.user_id"]``, which the authentication layer (part 3)
sets; this module never looks at credentials.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from practice.bookmark_store import Bookmark, BookmarkStore, ConflictError, NotFoundError

USER_KEY = "linkshelf.user_id"
MAX_BODY = 64 * 1024
TAG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")
FIELDS = ("url", "title", "notes", "tags")

StartResponse = Callable[..., Any]
WSGIResponse = tuple[int, list[tuple[str, str]], bytes]


class ValidationError(Exception):
    """A request body broke one or more rules; ``errors`` lists them all."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class HTTPError(Exception):
    """Raised inside handlers to answer with a problem response."""

    def __init__(self, status: int, detail: str, headers: list[tuple[str, str]] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or []
        self.extra = extra


def status_line(status: int) -> str:
    """``404`` -> ``"404 Not Found"``."""
    return f"{status} {HTTPStatus(status).phrase}"


def json_response(status: int, data: Any, headers: list[tuple[str, str]] | None = None) -> WSGIResponse:
    """A JSON response triple with Content-Type and Content-Length set."""
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    all_headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *(headers or [])]
    return status, all_headers, body


def problem_response(
    status: int, detail: str, headers: list[tuple[str, str]] | None = None, **extra: Any
) -> WSGIResponse:
    """An RFC 9457 problem+json response triple."""
    data = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail, **extra}
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    all_headers = [
        ("Content-Type", "application/problem+json"),
        ("Content-Length", str(len(body))),
        *(headers or []),
    ]
    return status, all_headers, body


def read_json(environ: dict[str, Any]) -> Any:
    """Read and decode a JSON request body, raising HTTPError 400/413/415."""
    content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise HTTPError(415, "send the body as application/json")
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HTTPError(400, "invalid Content-Length") from None
    if length > MAX_BODY:
        raise HTTPError(413, f"body larger than {MAX_BODY} bytes")
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPError(400, "body is not valid UTF-8 JSON") from None


def _check_url(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    url = value.strip()
    if not url or len(url) > 2048 or any(ch.isspace() for ch in url):
        return "must be 1 to 2048 characters without spaces"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an absolute http or https URL"
    return None


def validate_bookmark(data: Any, *, partial: bool = False) -> dict[str, Any]:
    """Check a decoded JSON body for POST (``partial=False``) or PATCH (``partial=True``)."""
    if not isinstance(data, dict):
        raise ValidationError([{"field": "body", "message": "must be a JSON object"}])
    errors: list[dict[str, str]] = []
    clean: dict[str, Any] = {}
    if partial and not any(key in data for key in FIELDS):
        errors.append({"field": "body", "message": "nothing to update"})
    if "url" in data:
        if partial:
            errors.append({"field": "url", "message": "cannot be changed; delete and re-add instead"})
        else:
            problem = _check_url(data["url"])
            if problem:
                errors.append({"field": "url", "message": problem})
            else:
                clean["url"] = data["url"].strip()
    elif not partial:
        errors.append({"field": "url", "message": "is required"})
    if "title" in data:
        title = data["title"]
        if not isinstance(title, str) or not 1 <= len(title.strip()) <= 200:
            errors.append({"field": "title", "message": "must be a string of 1 to 200 characters"})
        else:
            clean["title"] = title.strip()
    elif not partial:
        errors.append({"field": "title", "message": "is required"})
    if "notes" in data:
        notes = data["notes"]
        if not isinstance(notes, str) or len(notes) > 2000:
            errors.append({"field": "notes", "message": "must be a string of at most 2000 characters"})
        else:
            clean["notes"] = notes
    elif not partial:
        clean["notes"] = ""
    if "tags" in data:
        tags = data["tags"]
        if not isinstance(tags, list) or len(tags) > 10 or not all(isinstance(t, str) for t in tags):
            errors.append({"field": "tags", "message": "must be a list of at most 10 strings"})
        else:
            normal = [t.strip().lower() for t in tags]
            if not all(TAG_RE.fullmatch(t) for t in normal):
                errors.append({"field": "tags", "message": "each tag: 1-30 of a-z, 0-9 and '-', not starting with '-'"})
            else:
                clean["tags"] = normal
    elif not partial:
        clean["tags"] = []
    for key in sorted(k for k in data if k not in FIELDS):
        errors.append({"field": str(key), "message": "unknown field"})
    if errors:
        raise ValidationError(errors)
    return clean


def bookmark_to_json(bookmark: Bookmark) -> dict[str, Any]:
    """The public JSON shape of a bookmark."""
    return {
        "id": bookmark.id,
        "url": bookmark.url,
        "title": bookmark.title,
        "notes": bookmark.notes,
        "tags": list(bookmark.tags),
        "created_at": bookmark.created_at,
    }


def encode_cursor(before_id: int) -> str:
    """Make the opaque ``next_cursor`` for a page ending at ``before_id``."""
    return base64.urlsafe_b64encode(f"before:{before_id}".encode()).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> int:
    """Reverse ``encode_cursor``; ValueError for anything it did not produce."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError(f"bad cursor {cursor!r}") from None
    prefix, _, number = text.partition(":")
    if prefix != "before" or not number.isdigit() or not number.isascii():
        raise ValueError(f"bad cursor {cursor!r}")
    return int(number)


class BookmarkAPI:
    """WSGI application serving ``/bookmarks`` and ``/bookmarks/{id}``."""

    def __init__(self, store: BookmarkStore, *, default_limit: int = 20, max_limit: int = 100) -> None:
        """Serve bookmarks from ``store`` with page sizes up to ``max_limit``."""
        self.store = store
        self.default_limit = default_limit
        self.max_limit = max_limit

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Handle one request."""
        try:
            status, headers, body = self.dispatch(environ)
        except HTTPError as err:
            status, headers, body = problem_response(err.status, err.detail, err.headers, **err.extra)
        start_response(status_line(status), headers)
        return [body]

    def dispatch(self, environ: dict[str, Any]) -> WSGIResponse:
        """Route the request and return ``(status, headers, body)``."""
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"].upper()
        match = re.fullmatch(r"/bookmarks(?:/(\d+))?", path)
        if match is None or not path.isascii():
            raise HTTPError(404, f"no resource at {path}")
        item = match.group(1)
        allowed = ("GET", "PATCH", "DELETE") if item else ("GET", "POST")
        if method not in allowed:
            raise HTTPError(405, f"{method} is not allowed here", [("Allow", ", ".join(allowed))])
        user_id = environ.get(USER_KEY)
        if user_id is None:
            raise HTTPError(401, "authentication required", [("WWW-Authenticate", 'Bearer realm="linkshelf"')])
        if item is None:
            return self.list_bookmarks(user_id, environ) if method == "GET" else self.create(user_id, environ)
        bookmark = self._owned(user_id, int(item))
        if method == "GET":
            return json_response(200, bookmark_to_json(bookmark))
        if method == "PATCH":
            return self.update(bookmark, environ)
        self.store.delete_bookmark(bookmark.id)
        return 204, [], b""

    def _owned(self, user_id: int, bookmark_id: int) -> Bookmark:
        try:
            bookmark = self.store.get_bookmark(bookmark_id)
        except NotFoundError:
            bookmark = None
        if bookmark is None or bookmark.owner_id != user_id:
            raise HTTPError(404, f"bookmark {bookmark_id} not found")
        return bookmark

    def _query_limit(self, query: dict[str, list[str]]) -> int:
        raw = query.get("limit", [str(self.default_limit)])[-1]
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_limit:
            raise HTTPError(400, f"limit must be an integer from 1 to {self.max_limit}")
        return int(raw)

    def list_bookmarks(self, user_id: int, environ: dict[str, Any]) -> WSGIResponse:
        """GET /bookmarks."""
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        limit = self._query_limit(query)
        before_id = None
        if "cursor" in query:
            try:
                before_id = decode_cursor(query["cursor"][-1])
            except ValueError:
                raise HTTPError(400, "cursor is not valid; use the next_cursor from a previous page") from None
        tag = query["tag"][-1] if "tag" in query else None
        rows = self.store.list_bookmarks(user_id, limit=limit + 1, before_id=before_id, tag=tag)
        page = rows[:limit]
        next_cursor = encode_cursor(page[-1].id) if len(rows) > limit else None
        return json_response(200, {"items": [bookmark_to_json(b) for b in page], "next_cursor": next_cursor})

    def create(self, user_id: int, environ: dict[str, Any]) -> WSGIResponse:
        """POST /bookmarks."""
        try:
            data = validate_bookmark(read_json(environ))
        except ValidationError as err:
            raise HTTPError(422, "the bookmark is not valid", errors=err.errors) from None
        try:
            bookmark = self.store.add_bookmark(
                user_id, data["url"], data["title"], notes=data["notes"], tags=data["tags"]
            )
        except ConflictError:
            raise HTTPError(409, f"{data['url']} is already saved") from None
        return json_response(201, bookmark_to_json(bookmark), [("Location", f"/bookmarks/{bookmark.id}")])

    def update(self, bookmark: Bookmark, environ: dict[str, Any]) -> WSGIResponse:
        """PATCH /bookmarks/{id}."""
        try:
            data = validate_bookmark(read_json(environ), partial=True)
        except ValidationError as err:
            raise HTTPError(422, "the changes are not valid", errors=err.errors) from None
        updated = self.store.update_bookmark(
            bookmark.id, title=data.get("title"), notes=data.get("notes"), tags=data.get("tags")
        )
        return json_response(200, bookmark_to_json(updated))
