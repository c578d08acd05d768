"""Pydantic models for the bookmarks service: what clients send and what they get back.

FastAPI validates every request body against these models before your route code
runs, and turns a failed validation into a 422 response. So the rules written here
are the service's first line of defence: anything that reaches a handler is clean.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_URL_LENGTH = 2048
MAX_TITLE_LENGTH = 200
MAX_TAGS = 10
TAG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")


def clean_url(value: str) -> str:
    """Return the url without surrounding whitespace, or raise ValueError."""
    url = value.strip()
    if not url:
        raise ValueError("url must not be empty")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"url must be at most {MAX_URL_LENGTH} characters")
    if any(ch.isspace() for ch in url):
        raise ValueError("url must not contain whitespace")
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise ValueError("url must start with http:// or https://")
    if not parts.hostname:
        raise ValueError("url must name a host")
    return url


def clean_title(value: str) -> str:
    """Return the title with whitespace runs collapsed, or raise ValueError."""
    title = " ".join(value.split())
    if not title:
        raise ValueError("title must not be blank")
    if len(title) > MAX_TITLE_LENGTH:
        raise ValueError(f"title must be at most {MAX_TITLE_LENGTH} characters")
    return title


def clean_tags(values: list[str]) -> list[str]:
    """Return the tags lowercased and de-duplicated in first-seen order, or raise ValueError."""
    tags: list[str] = []
    for raw in values:
        tag = raw.strip().lower()
        if not TAG_PATTERN.fullmatch(tag):
            raise ValueError(f"tag {raw!r} must be 1-30 of a-z, 0-9 and '-', not starting with '-'")
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} distinct tags are allowed")
    return tags


class BookmarkCreate(BaseModel):
    """Body of POST /bookmarks."""

    model_config = ConfigDict(extra="forbid")

    url: str
    title: str
    tags: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def check_url(cls, value: str) -> str:
        """Validate and clean the url."""
        return clean_url(value)

    @field_validator("title")
    @classmethod
    def check_title(cls, value: str) -> str:
        """Validate and clean the title."""
        return clean_title(value)

    @field_validator("tags")
    @classmethod
    def check_tags(cls, value: list[str]) -> list[str]:
        """Validate and normalise the tags."""
        return clean_tags(value)


class BookmarkUpdate(BaseModel):
    """Body of PATCH /bookmarks/{bookmark_id}: a partial update."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    title: str | None = None
    tags: list[str] | None = None

    @field_validator("url")
    @classmethod
    def check_url(cls, value: str | None) -> str:
        """Validate the url exactly like BookmarkCreate; null is refused."""
        if value is None:
            raise ValueError("url may be left out but not set to null")
        return clean_url(value)

    @field_validator("title")
    @classmethod
    def check_title(cls, value: str | None) -> str:
        """Validate the title exactly like BookmarkCreate; null is refused."""
        if value is None:
            raise ValueError("title may be left out but not set to null")
        return clean_title(value)

    @field_validator("tags")
    @classmethod
    def check_tags(cls, value: list[str] | None) -> list[str]:
        """Validate the tags exactly like BookmarkCreate; null is refused."""
        if value is None:
            raise ValueError("tags may be left out but not set to null")
        return clean_tags(value)

    @model_validator(mode="after")
    def check_not_empty(self) -> BookmarkUpdate:
        """Refuse an update that changes nothing."""
        if not self.model_fields_set:
            raise ValueError("send at least one of url, title, tags")
        return self


class Bookmark(BaseModel):
    """A stored bookmark, as the API returns it."""

    id: int
    url: str
    title: str
    tags: list[str]
    owner: str
    created_at: datetime


class BookmarkPage(BaseModel):
    """One page of a bookmark listing."""

    items: list[Bookmark]
    total: int
    limit: int
    offset: int
