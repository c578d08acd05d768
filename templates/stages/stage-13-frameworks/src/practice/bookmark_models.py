"""Pydantic models for the bookmarks service: what clients send and what they get back.

FastAPI validates every request body against these models before your route code
runs, and turns a failed validation into a 422 response. So the rules written here
are the service's first line of defence: anything that reaches a handler is clean.

Exercise ex01: fill in the validators of BookmarkCreate and BookmarkUpdate.
`Bookmark` and `BookmarkPage` (the response models) are complete.

Inside a pydantic validator, raise ValueError("what is wrong") to reject a value:
pydantic collects it into a ValidationError whose `.errors()` name the field.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, Field, field_validator, model_validator

MAX_URL_LENGTH = 2048
MAX_TITLE_LENGTH = 200
MAX_TAGS = 10
TAG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")


class BookmarkCreate(BaseModel):
    """Body of POST /bookmarks.

    Rules (each broken rule is a ValueError raised in a validator):

    - Unknown fields are refused: set `model_config = ConfigDict(extra="forbid")`
      (import ConfigDict from pydantic), so `{"url": ..., "title": ..., "owner": "x"}`
      is a ValidationError.
    - url: surrounding whitespace is stripped; the rest must be non-empty, at most
      MAX_URL_LENGTH characters, contain no whitespace, have scheme http or https
      (any case, e.g. "HTTPS://x.org" is fine) and name a host
      (`urllib.parse.urlsplit(url).hostname` is truthy). The stripped url is kept as
      sent otherwise (no lowercasing).
    - title: every run of whitespace becomes one space and the ends are stripped
      ("  Fast   API \\n" -> "Fast API"); the result must be 1..MAX_TITLE_LENGTH
      characters. Any unicode text is fine (accents, CJK, emoji).
    - tags (optional, default []): each tag is stripped and lowercased, then must
      fullmatch TAG_PATTERN (1-30 of a-z, 0-9, '-', not starting with '-').
      Duplicates are dropped keeping the first occurrence, so
      ["Python", " web ", "python"] -> ["python", "web"]. After de-duplication
      there may be at most MAX_TAGS tags.

    Tip: write the three checks as module-level functions (clean_url, clean_title,
    clean_tags) so BookmarkUpdate can reuse them.
    """

    url: str
    title: str
    tags: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def check_url(cls, value: str) -> str:
        """Return the cleaned url or raise ValueError (rules in the class docstring)."""
        raise NotImplementedError("strip the url and check scheme, host, whitespace, length")

    @field_validator("title")
    @classmethod
    def check_title(cls, value: str) -> str:
        """Return the cleaned title or raise ValueError (rules in the class docstring)."""
        raise NotImplementedError("collapse whitespace in the title and check its length")

    @field_validator("tags")
    @classmethod
    def check_tags(cls, value: list[str]) -> list[str]:
        """Return the normalised tags or raise ValueError (rules in the class docstring)."""
        raise NotImplementedError("lowercase, check and de-duplicate the tags")


class BookmarkUpdate(BaseModel):
    """Body of PATCH /bookmarks/{bookmark_id}: a partial update.

    Every field is optional, and a field left out means "do not change it"
    (`model.model_dump(exclude_unset=True)` then holds only what was sent).

    - Unknown fields are refused (extra="forbid"), as in BookmarkCreate.
    - A field that is sent follows the same rules as in BookmarkCreate.
    - A field sent as null (`{"title": null}`) is refused with ValueError: these
      fields can be changed, not erased.
    - An empty update (`{}`) is refused: a model validator raises ValueError when
      `self.model_fields_set` is empty.
    """

    url: str | None = None
    title: str | None = None
    tags: list[str] | None = None

    @field_validator("url")
    @classmethod
    def check_url(cls, value: str | None) -> str:
        """Refuse None, otherwise clean the url like BookmarkCreate does."""
        raise NotImplementedError("refuse None, then reuse the url check")

    @field_validator("title")
    @classmethod
    def check_title(cls, value: str | None) -> str:
        """Refuse None, otherwise clean the title like BookmarkCreate does."""
        raise NotImplementedError("refuse None, then reuse the title check")

    @field_validator("tags")
    @classmethod
    def check_tags(cls, value: list[str] | None) -> list[str]:
        """Refuse None, otherwise normalise the tags like BookmarkCreate does."""
        raise NotImplementedError("refuse None, then reuse the tags check")

    @model_validator(mode="after")
    def check_not_empty(self) -> BookmarkUpdate:
        """Raise ValueError when no field was sent; otherwise return self."""
        raise NotImplementedError("refuse an update whose model_fields_set is empty")


class Bookmark(BaseModel):
    """A stored bookmark, as the API returns it (complete: nothing to do here)."""

    id: int
    url: str
    title: str
    tags: list[str]
    owner: str
    created_at: datetime


class BookmarkPage(BaseModel):
    """One page of a bookmark listing (complete: nothing to do here)."""

    items: list[Bookmark]
    total: int
    limit: int
    offset: int
