"""Parse, build and resolve http(s) URLs the way a backend has to.

Every request a backend sees starts with a URL: the host picks the server, the path
picks the handler, and the query string carries parameters that arrive
percent-encoded. Redirects and links must be resolved against a base URL, and
browsers decide what a page may call by comparing origins. Getting these details
wrong causes broken links, double-encoded parameters and open redirects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}


@dataclass(frozen=True)
class URL:
    """The parts of an absolute http(s) URL that a server cares about.

    Attributes:
        scheme: ``"http"`` or ``"https"`` (lower case).
        host: Host name in lower case, or an IP address (IPv6 without brackets).
        port: The explicit port, or the scheme's default (80 or 443).
        path: The percent-decoded path, ``"/"`` when the URL has none.
        query: Each query parameter name mapped to all of its values, in order of
            first appearance; ``"+"`` and percent-escapes are decoded and blank
            values are kept (``"?a="`` gives ``{"a": [""]}``).
        fragment: The percent-decoded part after ``#`` (browsers never send it to
            the server, but links and redirects carry it).
    """

    scheme: str
    host: str
    port: int
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    fragment: str = ""


def parse_url(url: str) -> URL:
    """Split an absolute http or https URL into a :class:`URL`.

    Use :func:`urllib.parse.urlsplit`, then check and normalise its result.

    Examples:
        ``parse_url("HTTPS://Shop.Example.com/caf%C3%A9?q=tea+cup&q=mug")`` gives
        scheme ``"https"``, host ``"shop.example.com"``, port 443, path ``"/café"``
        and query ``{"q": ["tea cup", "mug"]}``.

    Args:
        url: The URL text.

    Returns:
        The parsed :class:`URL`.

    Raises:
        ValueError: If the URL contains any whitespace or control character
            (code point below 32, or 127); the scheme is not http or https (any
            case); there is no host; the URL carries credentials (``user:pw@``);
            or the port is not a number from 1 to 65535.
    """
    raise NotImplementedError(
        "Reject whitespace/control characters, call urllib.parse.urlsplit, then check the scheme "
        "(http/https), the host, credentials and the port (use parts.port and DEFAULT_PORTS); decode "
        "the path and fragment with unquote and the query with parse_qs(..., keep_blank_values=True)."
    )


def build_url(
    scheme: str,
    host: str,
    path: str = "/",
    query: Mapping[str, str | Sequence[str]] | None = None,
    port: int | None = None,
    fragment: str = "",
) -> str:
    """Build an absolute URL from unencoded parts, percent-encoding as needed.

    Rules:

    - ``scheme`` is lower-cased and must be http or https.
    - ``host`` is lower-cased. A host containing ``":"`` is an IPv6 address and is
      wrapped in brackets. A non-ASCII host name is converted with the ``"idna"``
      codec (``"bücher.example"`` becomes ``"xn--bcher-kva.example"``).
    - The port is written only when given and different from the scheme's default.
    - ``path`` is UTF-8 percent-encoded, keeping ``/`` (``"/a b"`` becomes
      ``"/a%20b"``); an empty path becomes ``"/"``.
    - ``query`` values may be a string or a sequence of strings (repeated
      parameter). Names and values are encoded with
      ``urllib.parse.quote(..., safe="")``, so a space is ``%20`` and ``&``, ``=``
      and ``/`` are escaped. Parameters keep their order; an empty or missing
      mapping adds no ``?``.
    - ``fragment`` is encoded like a query value and added after ``#`` when
      non-empty.

    Args:
        scheme: ``"http"`` or ``"https"``.
        host: Host name or IP address, without brackets.
        path: Decoded path; must be empty or start with ``/``.
        query: Decoded query parameters.
        port: Port number from 1 to 65535, or ``None`` for the default.
        fragment: Decoded fragment.

    Returns:
        The URL text. :func:`parse_url` of it gives back the same parts (a
        non-ASCII host comes back in its ``xn--`` form).

    Raises:
        ValueError: For another scheme, an empty host, a path not starting with
            ``/``, or a port outside 1-65535.
    """
    raise NotImplementedError(
        "Validate scheme, host, path and port; put IPv6 hosts in brackets and encode non-ASCII hosts "
        "with the 'idna' codec; add the port only when it is not the default; encode the path with "
        "quote(path, safe='/') and the query with urlencode(query, doseq=True, quote_via=quote, "
        "safe='')."
    )


def join_url(base: str, reference: str) -> str:
    """Resolve a link or ``Location`` header value against the URL it came from.

    Uses :func:`urllib.parse.urljoin` semantics: ``"42"`` against
    ``"https://api.example.com/v1/users/"`` gives ``".../v1/users/42"``,
    ``"../orders"`` climbs one segment, ``"/health"`` replaces the whole path,
    ``"?page=2"`` replaces only the query, and ``"//cdn.example.com/a.js"`` keeps
    the base's scheme.

    Args:
        base: An absolute http(s) URL, as accepted by :func:`parse_url`.
        reference: An absolute or relative reference.

    Returns:
        The absolute URL.

    Raises:
        ValueError: If ``base`` is not accepted by :func:`parse_url`, or the result
            is not an http(s) URL with a host (e.g. ``"javascript:alert(1)"``).
    """
    raise NotImplementedError(
        "Check the base with parse_url, resolve with urllib.parse.urljoin, and check the result with parse_url too."
    )


def same_origin(a: str, b: str) -> bool:
    """Say whether two URLs share an origin: the same scheme, host and port.

    Default ports count as written: ``http://example.com`` and
    ``http://example.com:80/x`` are the same origin; ``http`` and ``https`` versions
    of a site are not, and neither are a domain and its subdomain. Path, query and
    fragment do not matter.

    Args:
        a: An absolute http(s) URL.
        b: Another absolute http(s) URL.

    Returns:
        ``True`` if the origins match.

    Raises:
        ValueError: If either URL is rejected by :func:`parse_url`.
    """
    raise NotImplementedError("Parse both URLs with parse_url and compare (scheme, host, port).")
