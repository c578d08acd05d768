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
    raise NotImplementedError("repeated divmod by 62, digits from ALPHABET, reversed")


def decode_base62(text: str) -> int:
    """Decode base62 text made of ``ALPHABET`` characters (case-sensitive).

    Args:
        text: the code.

    Returns:
        The integer; ``decode_base62(encode_base62(n)) == n``.

    Raises:
        ValueError: if ``text`` is empty or has a character outside ``ALPHABET``.
    """
    raise NotImplementedError("value = value * 62 + ALPHABET.index(char) for each character")


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
        raise NotImplementedError(
            "validate start_id, keep the clock, the counter, lowercase reserved words and a dict of links"
        )

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
        raise NotImplementedError(
            "validate url and ttl; handle alias; reuse a live auto code; otherwise take the next free id"
        )

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
        raise NotImplementedError("NotFoundError if unknown, ExpiredError if clock() >= expires_at, else count a hit")

    def hits(self, code: str) -> int:
        """Return how many times ``code`` was resolved successfully.

        Raises:
            NotFoundError: if no link has this code.
        """
        raise NotImplementedError("return the hit count of the link")
