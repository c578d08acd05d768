"""ex01: request models that validate and normalise what clients send."""

from __future__ import annotations

import pytest
from practice.bookmark_models import BookmarkCreate, BookmarkUpdate
from pydantic import ValidationError

GOOD_URL = "https://docs.python.org/3/"


def error_fields(exc: ValidationError) -> set[str]:
    """Return the names of the fields a ValidationError complains about."""
    return {".".join(str(part) for part in err["loc"]) for err in exc.errors()}


def test_valid_bookmark_is_cleaned() -> None:
    got = BookmarkCreate(
        url="  https://fastapi.tiangolo.com/tutorial/  ",
        title="  FastAPI \n  tutorial ",
        tags=["Python", " web ", "python", "WEB", "api-design"],
    )
    assert got.url == "https://fastapi.tiangolo.com/tutorial/", (
        f"url should lose its surrounding spaces, got {got.url!r}"
    )
    assert got.title == "FastAPI tutorial", f"title whitespace runs should collapse to one space, got {got.title!r}"
    assert got.tags == ["python", "web", "api-design"], (
        f"tags should be lowercased and de-duplicated in first-seen order, got {got.tags!r}"
    )


def test_tags_default_to_empty_and_unicode_titles_survive() -> None:
    title = "Caf\u00e9 cr\u00e8me \u65e5\u672c\u8a9e \U0001f4da"
    got = BookmarkCreate(url="HTTP://Example.org/Path?q=1", title=title)
    assert got.tags == [], f"tags left out should default to [], got {got.tags!r}"
    assert got.title == title, f"unicode titles must be kept intact, got {got.title!r}"
    assert got.url == "HTTP://Example.org/Path?q=1", (
        f"the url should keep its case (only surrounding whitespace goes), got {got.url!r}"
    )


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "example.org/page",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "https://",
        "https://exa mple.org/",
        "https://example.org/" + "a" * 2048,
    ],
)
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        BookmarkCreate(url=url, title="A title", tags=["ok"])
    assert error_fields(caught.value) == {"url"}, (
        f"BookmarkCreate(url={url[:40]!r}...) should fail on 'url' only, got errors on {error_fields(caught.value)}"
    )


def test_url_length_boundary() -> None:
    base = "https://example.org/"
    longest = base + "a" * (2048 - len(base))
    got = BookmarkCreate(url=longest, title="long", tags=[])
    assert got.url == longest, "a url of exactly 2048 characters is allowed"
    with pytest.raises(ValidationError) as caught:
        BookmarkCreate(url=longest + "a", title="long", tags=[])
    assert error_fields(caught.value) == {"url"}, "2049 characters is one too many"


@pytest.mark.parametrize("title", ["", "   ", "\n\t", "x" * 201])
def test_bad_titles_are_refused(title: str) -> None:
    with pytest.raises(ValidationError) as caught:
        BookmarkCreate(url=GOOD_URL, title=title, tags=[])
    assert error_fields(caught.value) == {"title"}, (
        f"title {title[:20]!r} (length {len(title)}) should be refused, got errors on {error_fields(caught.value)}"
    )


def test_title_of_exactly_200_characters_is_allowed() -> None:
    got = BookmarkCreate(url=GOOD_URL, title="  " + "y" * 200 + "  ", tags=[])
    assert got.title == "y" * 200, "200 characters after stripping is the maximum, not over it"


@pytest.mark.parametrize(
    "tags",
    [
        [""],
        ["   "],
        ["-leading-dash"],
        ["has space"],
        ["under_score"],
        ["caf\u00e9"],
        ["x" * 31],
        [f"tag{i}" for i in range(11)],
    ],
)
def test_bad_tags_are_refused(tags: list[str]) -> None:
    with pytest.raises(ValidationError) as caught:
        BookmarkCreate(url=GOOD_URL, title="Tags", tags=tags)
    assert error_fields(caught.value) == {"tags"}, (
        f"tags {tags!r} should be refused, got errors on {error_fields(caught.value)}"
    )


def test_ten_distinct_tags_plus_duplicates_are_allowed() -> None:
    tags = [f"tag{i}" for i in range(10)] + ["TAG0", "tag9 "]
    got = BookmarkCreate(url=GOOD_URL, title="Tags", tags=tags)
    assert got.tags == [f"tag{i}" for i in range(10)], (
        f"duplicates are dropped before counting, so 10 distinct tags pass, got {got.tags!r}"
    )


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        BookmarkCreate.model_validate({"url": GOOD_URL, "title": "Sneaky", "tags": [], "owner": "mallory"})
    assert "owner" in error_fields(caught.value), (
        f"an unknown field like 'owner' must be refused (extra='forbid'), got errors on {error_fields(caught.value)}"
    )


def test_update_keeps_only_the_fields_sent() -> None:
    got = BookmarkUpdate.model_validate({"title": "  New   title "})
    assert got.model_dump(exclude_unset=True) == {"title": "New title"}, (
        "a PATCH body with only a title should dump (exclude_unset=True) to just the "
        f"cleaned title, got {got.model_dump(exclude_unset=True)!r}"
    )
    got = BookmarkUpdate.model_validate({"tags": ["A", "a", "b"]})
    assert got.model_dump(exclude_unset=True) == {"tags": ["a", "b"]}, (
        f"tags in an update are normalised like on create, got {got.model_dump(exclude_unset=True)!r}"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": None}, "title"),
        ({"url": None}, "url"),
        ({"tags": None}, "tags"),
        ({"url": "mailto:me@example.org"}, "url"),
        ({"title": "  "}, "title"),
        ({"title": "ok", "color": "red"}, "color"),
    ],
)
def test_update_refuses_bad_fields(body: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        BookmarkUpdate.model_validate(body)
    assert field in error_fields(caught.value), (
        f"BookmarkUpdate({body!r}) should be refused on {field!r}, got errors on {error_fields(caught.value)}"
    )


def test_empty_update_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        BookmarkUpdate.model_validate({})
    messages = " ".join(err["msg"] for err in caught.value.errors())
    assert "at least one" in messages.lower() or caught.value.error_count() == 1, (
        f"an empty PATCH body should be refused by the model validator, got {messages!r}"
    )
