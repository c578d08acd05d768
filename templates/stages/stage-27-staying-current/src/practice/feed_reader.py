"""A small RSS 2.0 / Atom 1.0 feed reader and aggregator (no network: feeds come in as text).

Staying current is a habit, and feeds are still the cheapest way to follow
release announcements, security advisories and engineering blogs without
an algorithm choosing for you. Here you build the core of a personal
aggregator: parse both common formats into one ``Entry`` type, normalise
dates to UTC, and merge many feeds into one de-duplicated, newest-first list.

Formats (element names):

* RSS 2.0: ``<rss><channel>`` with ``title``, ``link`` and ``item``
  elements; an item has ``title``, ``link``, ``guid`` (attribute
  ``isPermaLink``, default ``"true"``), ``pubDate`` (RFC 822, for example
  ``Mon, 07 Oct 2024 18:00:00 +0000``) and ``description`` (HTML).
* Atom 1.0: root ``{http://www.w3.org/2005/Atom}feed`` (every element is in
  that namespace) with ``title``, ``link`` elements (``href`` attribute,
  ``rel`` defaulting to ``"alternate"``) and ``entry`` elements having
  ``id``, ``title``, ``link``, ``published`` / ``updated`` (RFC 3339) and
  ``summary`` / ``content``. Text constructs have ``type="text"`` (default)
  or ``type="html"``.

Never feed untrusted XML with a DTD to a parser that expands entities (the
"billion laughs" attack); this reader refuses DOCTYPE and ENTITY declarations.

TODO: implement every function below.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

ATOM = "{http://www.w3.org/2005/Atom}"


class FeedError(ValueError):
    """The document is not a feed this reader can handle."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed.

    Attributes:
        id: a stable identifier used for de-duplication.
        title: plain text.
        link: the entry's web page, or None.
        published: aware UTC datetime, or None if missing or unparseable.
        summary: plain text.
        source: the title of the feed it came from.
    """

    id: str
    title: str
    link: str | None
    published: datetime | None
    summary: str
    source: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed; ``kind`` is ``"rss"`` or ``"atom"``."""

    kind: str
    title: str
    link: str | None
    entries: tuple[Entry, ...]


def parse_date(text: str) -> datetime:
    """Parse a feed date into an aware datetime in UTC.

    Accept RFC 3339 / ISO 8601 (``datetime.fromisoformat`` handles
    ``2024-10-07T18:05:00Z`` and offsets on Python 3.11+) and RFC 822
    (``email.utils.parsedate_to_datetime``, which handles ``GMT`` and
    ``-0400``). A result without timezone is taken to be UTC. Convert the
    result with ``.astimezone(UTC)``.

    Raises:
        ValueError: for empty or unrecognised text (never TypeError or
            IndexError, whatever the underlying parser does).
    """
    raise NotImplementedError("try fromisoformat, then parsedate_to_datetime; normalise to UTC")


def html_to_text(fragment: str) -> str:
    """Turn an HTML fragment into plain text.

    Replace tags with spaces, decode entities with ``html.unescape`` and
    collapse all whitespace runs into single spaces (stripped at both ends).
    """
    raise NotImplementedError("strip tags, html.unescape, collapse whitespace")


def parse_feed(document: str | bytes) -> Feed:
    """Parse an RSS 2.0 or Atom 1.0 document.

    Common rules: titles and summaries have their whitespace collapsed;
    entry ``source`` is the feed title; entries with no usable id are
    skipped; a missing or unparseable date gives ``published=None`` (one bad
    date must not lose the whole feed).

    RSS:
        * ``title``, ``link`` from the channel.
        * entry link: ``<link>``; if there is none and the guid is a
          permalink (``isPermaLink`` not ``"false"``) starting with
          ``http://`` or ``https://``, the guid.
        * entry id: the guid, else the link, else ``f"{title}|{pubDate}"``
          when there is a title; else skip the item.
        * summary: ``html_to_text(description)``; title is plain text.

    Atom:
        * feed link and entry link: the ``href`` of the first ``link``
          whose ``rel`` is ``"alternate"`` or absent (not ``self``/``edit``).
        * entry id: ``<id>``, else the link; else skip.
        * published: ``<published>``, else ``<updated>``.
        * title and summary (``<summary>``, else ``<content>``): with
          ``type="html"`` apply ``html_to_text``; otherwise the text is
          already plain (``<b>`` in it is literal text, keep it).

    Raises:
        FeedError: empty document; a DOCTYPE or ENTITY declaration
            (refuse before parsing); malformed XML (chain the
            ``xml.etree.ElementTree.ParseError``); RSS without ``<channel>``;
            any other root element.
    """
    raise NotImplementedError("refuse DTDs, ET.fromstring, dispatch on the root tag, build Entries")


def merge_feeds(feeds: Iterable[Feed], *, limit: int | None = None, since: datetime | None = None) -> list[Entry]:
    """Merge the entries of several feeds into one reading list.

    * De-duplicate: an entry whose id OR link was already seen is dropped,
      so the first feed given wins (a story cross-posted to two feeds
      appears once).
    * ``since``: keep only entries with ``published >= since``; undated
      entries are dropped when ``since`` is given.
    * Order: newest ``published`` first; undated entries after all dated
      ones; ties keep their input order (use a stable sort).
    * ``limit``: keep only the first ``limit`` entries.

    Raises:
        ValueError: if ``limit < 0`` or ``since`` is a naive datetime.
    """
    raise NotImplementedError("dedupe by id and link, filter by since, sort newest first, apply limit")
