"""linkheader: parse and build HTTP ``Link`` headers (RFC 8288).

APIs such as GitHub's paginate with a header like::

    Link: <https://api.example.com/items?page=2>; rel="next",
          <https://api.example.com/items?page=9>; rel="last"

This small library turns that header into ``Link`` objects and back, so API
clients can follow ``rel="next"`` until there is no next page.

Grammar (RFC 8288 section 3, simplified)::

    Link       = #link-value                    ; comma-separated, empty items allowed
    link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
    link-param = token BWS [ "=" BWS ( token / quoted-string ) ]

Parameter names are case-insensitive. The ``rel`` value is a
space-separated list of relation types, which are case-insensitive too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

__version__ = "0.4.2"


@dataclass(frozen=True)
class Link:
    """One target of a Link header.

    Attributes:
        url: the target URL (resolved against ``base_url`` when one is given).
        rel: ONE relation type, lowercase (``"next"``, ``"last"`` ...).
        params: the other parameters, names lowercase, values unquoted.
    """

    url: str
    rel: str
    params: dict[str, str] = field(default_factory=dict)


def _split_outside(text: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is outside ``<...>`` and quoted strings."""
    parts: list[str] = []
    current: list[str] = []
    in_url = in_quote = escaped = False
    for ch in text:
        if in_quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_quote = False
        elif in_url:
            if ch == ">":
                in_url = False
        elif ch == "<":
            in_url = True
        elif ch == '"':
            in_quote = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    if in_url:
        raise ValueError(f"unclosed '<' in {text!r}")
    if in_quote:
        raise ValueError(f"unclosed quoted string in {text!r}")
    parts.append("".join(current))
    return parts


def _unquote(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        out: list[str] = []
        escaped = False
        for ch in raw[1:-1]:
            if escaped:
                out.append(ch)
                escaped = False
            elif ch == "\\":
                escaped = True
            else:
                out.append(ch)
        return "".join(out)
    return raw


def _parse_link_value(item: str, base_url: str | None) -> list[Link]:
    text = item.strip()
    if not text.startswith("<"):
        raise ValueError(f"a link-value must start with '<': {item!r}")
    end = text.index(">")
    url = text[1:end].strip()
    rest = text[end + 1 :].strip()
    if rest and not rest.startswith(";"):
        raise ValueError(f"unexpected text after the URL: {rest!r}")
    params: dict[str, str] = {}
    rel: str | None = None
    for param in _split_outside(rest, ";")[1:] if rest else []:
        if not param.strip():
            continue
        name, _, raw = param.partition("=")
        key = name.strip().lower()
        value = _unquote(raw.strip())
        if key == "rel":
            if rel is None:
                rel = value
            continue
        params.setdefault(key, value)
    if base_url is not None:
        url = urljoin(base_url, url)
    if not rel:
        return []
    return [Link(url, relation.lower(), dict(params)) for relation in rel.split()]


def parse_link_header(value: str, *, base_url: str | None = None) -> list[Link]:
    """Parse a Link header value into links, in header order.

    A link-value whose ``rel`` lists several relation types (``rel="next
    last"``) yields one ``Link`` per type, in the order listed. Link-values
    without a ``rel`` are skipped; a second ``rel`` parameter on the same
    link-value is ignored (RFC 8288 3.3). Empty list items (``", ,"``) are
    skipped.

    Raises:
        ValueError: if a non-empty item does not start with ``<``, a ``<`` or a
            quoted string is never closed, or text follows the ``>`` that is
            not a ``;`` parameter list.
    """
    links: list[Link] = []
    for item in _split_outside(value, ","):
        if item.strip():
            links.extend(_parse_link_value(item, base_url))
    return links


def links_by_rel(value: str, *, base_url: str | None = None) -> dict[str, str]:
    """Map each relation type to its URL; the first link with a given rel wins."""
    found: dict[str, str] = {}
    for link in parse_link_header(value, base_url=base_url):
        found.setdefault(link.rel, link.url)
    return found


def next_page_url(value: str, *, base_url: str | None = None) -> str | None:
    """The URL of ``rel="next"``, or None when there is no next page."""
    return links_by_rel(value, base_url=base_url).get("next")


def format_link_header(links: Mapping[str, str]) -> str:
    """Build a header value from ``{rel: url}`` in mapping order."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
