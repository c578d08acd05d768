"""The core of a URL shortener: base62 codes, custom aliases and expiry.

"Design a URL shortener" is the classic system design interview question
because it touches id generation, encoding, collisions, validation, expiry and
read-heavy traffic. This is its in-memory core; a real service puts the same
logic in front of a key-value store and a cache.

* Automatic codes are ``encode_base62(next_id)`` where ids come from a
  counter starting at ``start_id`` (a large start gives codes of a
  comfortable length). A code that is already taken (by a custom alias)
  is skipped and the next id is tried.
* Custom aliases must fully match ``[A-Za-z0-9_-]{3,30}``, must not be a
  reserved word (compared case-insensitively) and must not be in use.
* A link may expire: ``ttl`` seconds after creation (by the injected clock)
  it stops resolving, and its code may be taken again by a new alias.

Exercise ex03: implement the base62 functions and ``Shortener``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_URL_LENGTH = 2048
DEFAULT_RESERVED = frozenset({"api", "admin", "login", "static", "health"})

_ALIAS = re.compile(r"[A-Za-z0-9_-]{3,30}")


class NotFoundError(LookupError):
    """No link has this code."""


class ExpiredError(LookupError):
    """The link existed but has expired."""


class AliasTakenError(ValueError):
    """The requested custom alias is already in use."""


def encode_base62(number: int) -> str:
    """Encode a non-negative integer with ``ALPHABET`` (most significant digit first).

    Args:
        number: the integer, >= 0. ``0`` encodes as ``"0"``.

    Returns:
        The base62 text, e.g. ``encode_base62(61) == "Z"``, ``encode_base62(62) == "10"``.

    Raises:
        ValueError: if ``number`` is negative.
    """
    if number < 0:
        raise ValueError("only non-negative numbers can be encoded")
    digits = []
    while True:
        number, remainder = divmod(number, 62)
        digits.append(ALPHABET[remainder])
        if number == 0:
            return "".join(reversed(digits))


def decode_base62(text: str) -> int:
    """Decode base62 text made of ``ALPHABET`` characters (case-sensitive).

    Args:
        text: the code.

    Returns:
        The integer; ``decode_base62(encode_base62(n)) == n``.

    Raises:
        ValueError: if ``text`` is empty or has a character outside ``ALPHABET``.
    """
    if not text:
        raise ValueError("empty code")
    value = 0
    for char in text:
        digit = ALPHABET.find(char)
        if digit < 0:
            raise ValueError(f"invalid base62 character {char!r}")
        value = value * 62 + digit
    return value


@dataclass
class _Link:
    url: str
    expires_at: float | None
    hits: int = 0


class Shortener:
    """Create and resolve short codes."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        start_id: int = 100_000,
        reserved: Iterable[str] = DEFAULT_RESERVED,
    ) -> None:
        """Create an empty shortener.

        Args:
            clock: returns the current time in seconds.
            start_id: the first id for automatic codes, >= 0.
            reserved: words that cannot be used as aliases (any case).

        Raises:
            ValueError: if ``start_id`` is negative.
        """
        if start_id < 0:
            raise ValueError("start_id must not be negative")
        self._clock = clock
        self._next_id = start_id
        self._reserved = frozenset(word.lower() for word in reserved)
        self._links: dict[str, _Link] = {}
        self._auto_codes: dict[str, str] = {}

    def _live(self, code: str) -> _Link | None:
        link = self._links.get(code)
        if link is None or (link.expires_at is not None and self._clock() >= link.expires_at):
            return None
        return link

    def shorten(self, url: str, *, alias: str | None = None, ttl: float | None = None) -> str:
        """Return a short code for ``url``.

        Rules:

        * ``url`` must be at most ``MAX_URL_LENGTH`` characters, use ``http``
          or ``https`` and have a host;
        * without ``alias`` and ``ttl``, shortening a URL that already has a
          live automatic code without expiry returns that same code (no new
          id is used);
        * otherwise an automatic code comes from the id counter, skipping
          codes that are in use (live); with ``alias`` that alias is the code.

        Args:
            url: the long URL.
            alias: an optional custom code.
            ttl: optional lifetime in seconds, > 0; the link stops resolving
                when ``clock() >= created + ttl``.

        Returns:
            The code.

        Raises:
            ValueError: for a bad URL, a malformed or reserved alias, or ttl <= 0.
            AliasTakenError: if ``alias`` is in use by a live link.
        """
        parts = urlsplit(url)
        if len(url) > MAX_URL_LENGTH or parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"not a shortenable URL: {url[:80]!r}")
        if ttl is not None and ttl <= 0:
            raise ValueError("ttl must be positive")
        expires_at = None if ttl is None else self._clock() + ttl
        if alias is not None:
            return self._store_alias(alias, url, expires_at)
        if ttl is None:
            existing = self._auto_codes.get(url)
            if existing is not None and self._live(existing) is not None:
                return existing
        code = encode_base62(self._next_id)
        while self._live(code) is not None:
            self._next_id += 1
            code = encode_base62(self._next_id)
        self._next_id += 1
        self._links[code] = _Link(url, expires_at)
        if ttl is None:
            self._auto_codes[url] = code
        return code

    def _store_alias(self, alias: str, url: str, expires_at: float | None) -> str:
        if not _ALIAS.fullmatch(alias) or alias.lower() in self._reserved:
            raise ValueError(f"alias {alias!r} is malformed or reserved")
        if self._live(alias) is not None:
            raise AliasTakenError(f"alias {alias!r} is taken")
        self._links[alias] = _Link(url, expires_at)
        return alias

    def resolve(self, code: str) -> str:
        """Return the long URL for ``code`` and count a hit.

        Args:
            code: the short code (case-sensitive).

        Returns:
            The long URL.

        Raises:
            NotFoundError: if no link ever had this code.
            ExpiredError: if the link has expired.
        """
        link = self._links.get(code)
        if link is None:
            raise NotFoundError(code)
        if self._live(code) is None:
            raise ExpiredError(code)
        link.hits += 1
        return link.url

    def hits(self, code: str) -> int:
        """Return how many times ``code`` was resolved successfully.

        Raises:
            NotFoundError: if no link has this code.
        """
        link = self._links.get(code)
        if link is None:
            raise NotFoundError(code)
        return link.hits
