"""Tests for ex01: parsing RSS 2.0 and Atom feeds and merging them into one reading list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from practice.feed_reader import Entry, Feed, FeedError, html_to_text, merge_feeds, parse_date, parse_feed

DATA = Path(__file__).resolve().parent / "data"
RSS = (DATA / "backend_weekly.rss").read_text(encoding="utf-8")
ATOM = (DATA / "release_radar.atom").read_text(encoding="utf-8")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Mon, 07 Oct 2024 18:00:00 +0000", utc(2024, 10, 7, 18, 0)),
        ("Thu, 26 Sep 2024 09:30:00 -0400", utc(2024, 9, 26, 13, 30)),
        ("Thu, 26 Sep 2024 09:30:00 GMT", utc(2024, 9, 26, 9, 30)),
        ("2024-10-08T08:00:00+02:00", utc(2024, 10, 8, 6, 0)),
        ("2024-10-07T18:05:00Z", utc(2024, 10, 7, 18, 5)),
        ("2024-10-07T18:05:00.250Z", datetime(2024, 10, 7, 18, 5, 0, 250000, tzinfo=UTC)),
        ("2024-10-07T18:05:00", utc(2024, 10, 7, 18, 5)),
    ],
)
def test_parse_date_gives_aware_utc(text: str, want: datetime) -> None:
    got = parse_date(text)
    assert got == want and got.tzinfo == UTC, f"parse_date({text!r}) should be {want!r} in UTC, got {got!r}"


@pytest.mark.parametrize("text", ["", "   ", "sometime last week", "32 Foo 2024", "2024-13-45T00:00:00Z"])
def test_parse_date_rejects_junk(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("fragment", "want"),
    [
        ("<p>The <b>free</b> build</p>", "The free build"),
        ("Tom &amp; Jerry &eacute;t&eacute;", "Tom & Jerry été"),
        ("  line\n\n  break\t", "line break"),
        ("", ""),
    ],
)
def test_html_to_text(fragment: str, want: str) -> None:
    got = html_to_text(fragment)
    assert got == want, f"html_to_text({fragment!r}) should be {want!r}, got {got!r}"


def test_parse_rss() -> None:
    feed = parse_feed(RSS)
    assert (feed.kind, feed.title, feed.link) == ("rss", "Backend Weekly", "https://backend-weekly.example.org/"), (
        f"feed metadata wrong: {(feed.kind, feed.title, feed.link)!r}"
    )
    want = (
        Entry(
            id="bw-2024-101",
            title="Python 3.13 released",
            link="https://backend-weekly.example.org/python-313",
            published=utc(2024, 10, 7, 18, 0),
            summary="The free-threaded build is experimental.",
            source="Backend Weekly",
        ),
        Entry(
            id="https://backend-weekly.example.org/pg17",
            title="PostgreSQL 17 is out",
            link="https://backend-weekly.example.org/pg17",
            published=utc(2024, 9, 26, 13, 30),
            summary="Faster vacuum & incremental backups.",
            source="Backend Weekly",
        ),
        Entry(
            id="https://backend-weekly.example.org/cafe",
            title="Café-driven development",
            link="https://backend-weekly.example.org/cafe",
            published=None,
            summary="Naïve ideas é",
            source="Backend Weekly",
        ),
    )
    for index, (got, expected) in enumerate(zip(feed.entries, want, strict=False)):
        assert got == expected, f"RSS entry {index} should be\n {expected!r}\ngot\n {got!r}"
    assert len(feed.entries) == 3, (
        f"the item with no title, link or guid must be skipped; got {len(feed.entries)} entries"
    )


def test_parse_atom() -> None:
    feed = parse_feed(ATOM.encode("utf-8"))
    assert (feed.kind, feed.title, feed.link) == ("atom", "Release Radar", "https://radar.example.com/"), (
        f"Atom metadata wrong (the feed link is the rel=alternate one, not rel=self): "
        f"{(feed.kind, feed.title, feed.link)!r}"
    )
    first, second, third = feed.entries
    assert first.link == "https://radar.example.com/django-512", f"use the alternate link, not rel=edit: {first.link!r}"
    assert first.published == utc(2024, 10, 8, 6, 0), f"<published> wins over <updated>: {first.published!r}"
    assert (second.title, second.summary) == ("Python 3.13 released", "Cross-posted from Backend Weekly."), (
        f"type='html' text must be turned into plain text: {(second.title, second.summary)!r}"
    )
    assert second.published == utc(2024, 10, 7, 18, 5), "without <published>, fall back to <updated>"
    assert (third.title, third.summary) == ("Use <b> tags sparingly", "Plain text keeps <angle brackets>."), (
        f"type='text' content is already text; do not strip what looks like tags: {(third.title, third.summary)!r}"
    )
    assert all(e.source == "Release Radar" for e in feed.entries), "each entry names its feed as source"


@pytest.mark.parametrize(
    "document",
    [
        "",
        "<rss><channel><title>x</title>",
        "<html><body>not a feed</body></html>",
        '<rss version="2.0"></rss>',
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><rss><channel><title>&lol;</title></channel></rss>',
    ],
    ids=["empty", "truncated", "html-page", "rss-without-channel", "entity-declaration"],
)
def test_malformed_or_unsafe_documents_raise_feed_error(document: str) -> None:
    with pytest.raises(FeedError):
        parse_feed(document)
    assert issubclass(FeedError, ValueError), "FeedError should subclass ValueError"


def test_merge_dedupes_and_sorts_newest_first() -> None:
    merged = merge_feeds([parse_feed(RSS), parse_feed(ATOM)])
    titles = [e.title for e in merged]
    want = [
        "Django 5.1.2 security release",
        "Python 3.13 released",
        "Use <b> tags sparingly",
        "PostgreSQL 17 is out",
        "Café-driven development",
    ]
    assert titles == want, (
        f"merged list should be newest first, undated last, the cross-post once:\n{want}\ngot\n{titles}"
    )
    assert merged[1].source == "Backend Weekly", "for duplicates (same id or same link) the first feed given wins"


def test_merge_respects_since_and_limit() -> None:
    feeds = [parse_feed(RSS), parse_feed(ATOM)]
    recent = merge_feeds(feeds, since=datetime(2024, 10, 7, 20, 0, tzinfo=timezone(timedelta(hours=2))))
    got = [e.title for e in recent]
    assert got == ["Django 5.1.2 security release", "Python 3.13 released"], (
        f"since=2024-10-07 18:00 UTC keeps entries published at or after it (undated ones are dropped), got {got}"
    )
    top = merge_feeds(feeds, limit=1)
    assert [e.title for e in top] == ["Django 5.1.2 security release"], f"limit=1 keeps only the newest, got {top!r}"
    assert merge_feeds([], limit=3) == [], "no feeds, no entries"


@pytest.mark.parametrize("kwargs", [{"limit": -1}, {"since": datetime(2024, 1, 1)}])
def test_merge_rejects_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        merge_feeds([Feed("rss", "t", None, ())], **kwargs)  # type: ignore[arg-type]
