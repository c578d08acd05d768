"""A small RSS 2.0 / Atom 1.0 feed reader and aggregator (no network: feeds come in as text)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

ATOM = "{http://www.w3.org/2005/Atom}"
TAG_RE = re.compile(r"<[^>]*>")
DTD_RE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class FeedError(ValueError):
    """The document is not a feed this reader can handle."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed."""

    id: str
    title: str
    link: str | None
    published: datetime | None
    summary: str
    source: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed."""

    kind: str
    title: str
    link: str | None
    entries: tuple[Entry, ...]


def parse_date(text: str) -> datetime:
    """Parse an RFC 822 (RSS) or RFC 3339 (Atom) date into an aware UTC datetime."""
    value = text.strip()
    if not value:
        raise ValueError("empty date")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"unrecognised date {text!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def html_to_text(fragment: str) -> str:
    """Strip tags, decode entities and collapse whitespace."""
    return " ".join(html.unescape(TAG_RE.sub(" ", fragment)).split())


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _plain(text: str) -> str:
    return " ".join(text.split())


def _date_or_none(text: str) -> datetime | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _parse_rss(root: ET.Element) -> Feed:
    channel = root.find("channel")
    if channel is None:
        raise FeedError("RSS document without <channel>")
    title = _plain(_text(channel.find("title")))
    feed_link = _plain(_text(channel.find("link"))) or None
    entries = []
    for item in channel.findall("item"):
        item_title = _plain(_text(item.find("title")))
        link = _plain(_text(item.find("link"))) or None
        guid_el = item.find("guid")
        guid = _plain(_text(guid_el))
        permalink = guid_el is not None and guid_el.get("isPermaLink", "true") != "false"
        if link is None and permalink and guid.startswith(("http://", "https://")):
            link = guid
        raw_date = _text(item.find("pubDate"))
        published = _date_or_none(raw_date)
        entry_id = guid or link or (f"{item_title}|{raw_date.strip()}" if item_title else "")
        if not entry_id:
            continue
        summary = html_to_text(_text(item.find("description")))
        entries.append(Entry(entry_id, item_title, link, published, summary, title))
    return Feed("rss", title, feed_link, tuple(entries))


def _atom_link(element: ET.Element) -> str | None:
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip()
    return None


def _atom_text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    if element.get("type") == "html":
        return html_to_text(_text(element))
    return _plain(_text(element))


def _parse_atom(root: ET.Element) -> Feed:
    title = _atom_text(root.find(f"{ATOM}title"))
    entries = []
    for item in root.findall(f"{ATOM}entry"):
        link = _atom_link(item)
        entry_id = _plain(_text(item.find(f"{ATOM}id"))) or link
        if not entry_id:
            continue
        raw_date = _text(item.find(f"{ATOM}published")) or _text(item.find(f"{ATOM}updated"))
        summary_el = item.find(f"{ATOM}summary")
        if summary_el is None:
            summary_el = item.find(f"{ATOM}content")
        entries.append(
            Entry(
                entry_id,
                _atom_text(item.find(f"{ATOM}title")),
                link,
                _date_or_none(raw_date),
                _atom_text(summary_el),
                title,
            )
        )
    return Feed("atom", title, _atom_link(root), tuple(entries))


def parse_feed(document: str | bytes) -> Feed:
    """Parse an RSS 2.0 or Atom 1.0 document."""
    probe = document.decode("utf-8", "replace") if isinstance(document, bytes) else document
    if not probe.strip():
        raise FeedError("empty document")
    if DTD_RE.search(probe):
        raise FeedError("documents with a DOCTYPE or ENTITY declaration are refused")
    try:
        root = ET.fromstring(document)
    except ET.ParseError as exc:
        raise FeedError(f"malformed XML: {exc}") from exc
    if root.tag == "rss":
        return _parse_rss(root)
    if root.tag == f"{ATOM}feed":
        return _parse_atom(root)
    raise FeedError(f"unsupported root element <{root.tag}>")


def merge_feeds(feeds: Iterable[Feed], *, limit: int | None = None, since: datetime | None = None) -> list[Entry]:
    """Merge entries of several feeds: de-duplicated, newest first, undated last."""
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    if since is not None and since.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    seen_ids: set[str] = set()
    seen_links: set[str] = set()
    merged: list[Entry] = []
    for feed in feeds:
        for entry in feed.entries:
            if entry.id in seen_ids or (entry.link is not None and entry.link in seen_links):
                continue
            seen_ids.add(entry.id)
            if entry.link is not None:
                seen_links.add(entry.link)
            if since is not None and (entry.published is None or entry.published < since):
                continue
            merged.append(entry)
    dated = [e for e in merged if e.published is not None]
    dated.sort(key=lambda e: e.published.timestamp() if e.published else 0.0, reverse=True)
    undated = [e for e in merged if e.published is None]
    result = dated + undated
    return result if limit is None else result[:limit]
