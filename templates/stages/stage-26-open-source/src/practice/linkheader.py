"""linkheader: parse and build HTTP ``Link`` headers (RFC 8288).

APIs such as GitHub's paginate with a header like::

    Link: <https://api.example.com/items?page=2>; rel="next",
          <https://api.example.com/items?page=9>; rel="last"

This small library turns that header into ``Link`` objects and back, so API
clients can follow ``rel="next"`` until there is no next page.

You are a new contributor. The library works for the common case, but users
have reported bugs: read ``tests/data/ISSUES.md``. The maintainers have
already written regression tests for those issues in
``tests/test_ex01_linkheader.py``; they fail today. Fix the library so they
pass, without changing the public API or breaking what already works, and
keep the change focused the way a reviewer would want.

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

__version__ = "0.4.1"


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


def parse_link_header(value: str, *, base_url: str | None = None) -> list[Link]:
    """Parse a Link header value into links, in header order.

    A link-value whose ``rel`` lists several relation types (``rel="next
    last"``) yields one ``Link`` per type, in the order listed. Link-values
    without a ``rel`` are skipped; a second ``rel`` parameter on the same
    link-value is ignored (RFC 8288 3.3). Empty list items (``", ,"``) are
    skipped.

    Args:
        value: the header value (without ``Link:``).
        base_url: if given, relative target URLs are resolved against it
            with ``urllib.parse.urljoin``.

    Returns:
        The links; ``[]`` for an empty or blank header.

    Raises:
        ValueError: if a non-empty item does not start with ``<``, a ``<`` or a
            quoted string is never closed, or text follows the ``>`` that is
            not a ``;`` parameter list.
    """
    links = []
    for part in value.split(","):
        if not part.strip():
            continue
        url_part, *param_parts = part.split(";")
        url = url_part.strip()[1:-1]
        params = {}
        for param in param_parts:
            name, _, raw = param.strip().partition("=")
            params[name] = raw.strip('"')
        rel = params.pop("rel", "")
        if rel:
            links.append(Link(url, rel, params))
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
    """Build a header value from ``{rel: url}`` in mapping order.

    Example: ``{"next": "https://a/?page=2"}`` -> ``'<https://a/?page=2>; rel="next"'``;
    several links are joined with ``", "``.
    """
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
