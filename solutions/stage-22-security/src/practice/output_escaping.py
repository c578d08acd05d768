"""Context-aware output escaping: the same string needs different treatment in each place.

Cross-site scripting (XSS) happens when user data reaches a page and the browser
reads it as markup or code. The fix is not one magic ``escape()`` but the right
encoding for the context the data lands in:

* HTML text between tags: escape ``& < > " '``;
* a quoted HTML attribute value: the same escaping, always inside double quotes,
  and never into event-handler attributes (``onclick``...) or ``style``;
* a URL in ``href``/``src``: first check the scheme (``javascript:`` runs code
  even when perfectly escaped), then attribute-escape it;
* data for JavaScript: serialize as JSON inside ``<script type="application/json">``
  and escape ``<``, ``>`` and ``&`` so the text can never close the script element.

Exercise ex02: implement the functions below (``html.escape`` and ``json.dumps``
are allowed building blocks).
"""

from __future__ import annotations

import json
import re

DEFAULT_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction"})
FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_ATTR_NAME = re.compile(r"[a-z][a-z0-9-]*")


class UnsafeURLError(ValueError):
    """Raised when a URL may not be placed in a link or resource attribute."""


def escape_html(text: str) -> str:
    """Escape ``text`` for HTML text content or a double-quoted attribute value.

    Replaces ``&`` with ``&amp;`` (first, so nothing is escaped twice), ``<`` with
    ``&lt;``, ``>`` with ``&gt;``, ``"`` with ``&quot;`` and ``'`` with ``&#x27;``.
    Everything else, including non-ASCII text, is kept as is.

    Args:
        text: untrusted text.

    Returns:
        The escaped text.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def safe_url(url: str, *, allowed_schemes: frozenset[str] = DEFAULT_SCHEMES) -> str:
    """Return a cleaned URL that is safe to put into ``href``, or raise.

    Browsers ignore ASCII tab, LF and CR anywhere in a URL and strip leading and
    trailing spaces and control characters (code points 0-32), so
    ``" java\\tscript:alert(1)"`` is a ``javascript:`` URL. Clean the same way:
    remove every tab/LF/CR, then strip characters with code point <= 32 from
    both ends. Then look for a scheme: letters, digits, ``+ . -`` starting with
    a letter, followed by ``:``. A URL with a scheme must use one (compared
    case-insensitively) from ``allowed_schemes``. A URL without a scheme (such
    as ``/path``, ``page.html?a=1`` or ``#top``) is relative and allowed.

    Args:
        url: untrusted URL text.
        allowed_schemes: lowercase schemes that may be linked to.

    Returns:
        The cleaned URL (not yet HTML-escaped).

    Raises:
        UnsafeURLError: if the cleaned URL is empty or its scheme is not allowed
            (``javascript:``, ``data:``, ``vbscript:``, ``file:``...).
    """
    cleaned = re.sub(r"[\t\n\r]", "", url)
    cleaned = cleaned.strip("".join(chr(code) for code in range(33)))
    if not cleaned:
        raise UnsafeURLError("empty URL")
    match = _SCHEME.match(cleaned)
    if match and match.group(1).lower() not in allowed_schemes:
        raise UnsafeURLError(f"scheme {match.group(1).lower()!r} is not allowed")
    return cleaned


def html_attribute(name: str, value: str) -> str:
    """Render one attribute as ``name="escaped value"``.

    The name is lowercased and must then match ``[a-z][a-z0-9-]*``. Event
    handlers (any name starting with ``on``) and the names in
    ``FORBIDDEN_ATTRIBUTES`` are refused, because no escaping makes untrusted
    data safe there. For names in ``URL_ATTRIBUTES`` the value first goes
    through ``safe_url``. The value is escaped with ``escape_html``.

    Args:
        name: the attribute name.
        value: untrusted attribute value.

    Returns:
        For example ``html_attribute("title", 'a"b')`` gives ``'title="a&quot;b"'``.

    Raises:
        ValueError: for an invalid, event-handler or forbidden name.
        UnsafeURLError: for a URL attribute whose value ``safe_url`` refuses.
    """
    lowered = name.lower()
    if not _ATTR_NAME.fullmatch(lowered):
        raise ValueError(f"invalid attribute name {name!r}")
    if lowered.startswith("on") or lowered in FORBIDDEN_ATTRIBUTES:
        raise ValueError(f"attribute {lowered!r} cannot hold untrusted data")
    if lowered in URL_ATTRIBUTES:
        value = safe_url(value)
    return f'{lowered}="{escape_html(value)}"'


def script_json(data: object) -> str:
    """Serialize ``data`` for a ``<script type="application/json">`` block.

    Use ``json.dumps(data, separators=(",", ":"))`` (its default ``ensure_ascii``
    already writes U+2028/U+2029 and all other non-ASCII as ``\\uXXXX``), then
    replace ``<`` with ``\\u003c``, ``>`` with ``\\u003e`` and ``&`` with
    ``\\u0026``. The result is still valid JSON that decodes to ``data``, and it
    can never contain ``</script`` or ``<!--``.

    Args:
        data: JSON-serializable data.

    Returns:
        The JSON text, e.g. ``script_json({"a": "</b>"}) == '{"a":"\\u003c/b\\u003e"}'``.

    Raises:
        TypeError: if ``data`` is not JSON-serializable (from ``json.dumps``).
    """
    text = json.dumps(data, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_comment(author: str, website: str, body: str) -> str:
    """Render a user comment as an HTML list item, escaping every context.

    With a website that ``safe_url`` accepts::

        <li class="comment"><a href="URL" rel="nofollow ugc">AUTHOR</a><p>BODY</p></li>

    and when ``safe_url`` refuses the website (or it is empty), the author is not
    linked::

        <li class="comment"><span>AUTHOR</span><p>BODY</p></li>

    AUTHOR and BODY are ``escape_html``-escaped; in BODY every ``\\n`` then
    becomes ``<br>``. URL is rendered through ``html_attribute("href", ...)``.

    Args:
        author: untrusted display name.
        website: untrusted URL the author gave.
        body: untrusted comment text, may contain newlines.

    Returns:
        The HTML fragment, on one line.
    """
    body_html = escape_html(body).replace("\n", "<br>")
    try:
        href = html_attribute("href", website)
    except UnsafeURLError:
        return f'<li class="comment"><span>{escape_html(author)}</span><p>{body_html}</p></li>'
    return f'<li class="comment"><a {href} rel="nofollow ugc">{escape_html(author)}</a><p>{body_html}</p></li>'
