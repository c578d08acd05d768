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
from urllib.parse import parse_qs, quote, unquote, urlencode, urljoin, urlsplit

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
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ValueError(f"URL must not contain whitespace or control characters: {url!r}")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"only http and https URLs are supported, got {url!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("credentials in URLs are not accepted")
    if not parts.hostname:
        raise ValueError(f"URL has no host: {url!r}")
    port = parts.port
    if port is None:
        port = DEFAULT_PORTS[scheme]
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be 1-65535, got {port}")
    return URL(
        scheme=scheme,
        host=parts.hostname,
        port=port,
        path=unquote(parts.path) or "/",
        query=parse_qs(parts.query, keep_blank_values=True),
        fragment=unquote(parts.fragment),
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
    scheme = scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"only http and https URLs are supported, got {scheme!r}")
    if not host:
        raise ValueError("host must not be empty")
    if path and not path.startswith("/"):
        raise ValueError(f"path must start with '/', got {path!r}")
    if port is not None and not 1 <= port <= 65535:
        raise ValueError(f"port must be 1-65535, got {port}")
    host = host.lower()
    if ":" in host:
        netloc = f"[{host}]"
    elif not host.isascii():
        netloc = host.encode("idna").decode("ascii")
    else:
        netloc = host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    url = f"{scheme}://{netloc}{quote(path or '/', safe='/')}"
    if query:
        url += "?" + urlencode(query, doseq=True, quote_via=quote, safe="")
    if fragment:
        url += "#" + quote(fragment, safe="")
    return url


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
    parse_url(base)
    joined = urljoin(base, reference)
    parse_url(joined)
    return joined


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
    first, second = parse_url(a), parse_url(b)
    return (first.scheme, first.host, first.port) == (second.scheme, second.host, second.port)
