"""Idempotency keys: make POST safe to retry.

A client that times out on ``POST /payments`` cannot know whether the payment
was made. If it sends an ``Idempotency-Key`` header, the server remembers the
first response for that key and replays it for every retry, so the action
happens at most once. A retry must be the SAME request: reusing a key for a
different request is a client bug and is refused (the IETF draft
"The Idempotency-Key HTTP Header Field" suggests 422), and a retry that
arrives while the first request is still running gets 409.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_TTL = 24 * 60 * 60
"""Keys are remembered for a day, as many payment APIs do."""

MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(Exception):
    """The key was already used for a different request (answer 422)."""


class IdempotencyKeyInProgress(Exception):
    """The first request with this key has not finished yet (answer 409)."""


@dataclass(frozen=True)
class StoredResponse:
    """A response saved so it can be replayed byte for byte."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    """Return a SHA-256 hex digest identifying a request's method, path and body.

    The three parts must be combined unambiguously: ``("POST", "/ab", b"")``
    and ``("POST", "/a", b"b")`` are different requests and must get different
    fingerprints (prefix each part with its length, for example). Equal inputs
    give equal fingerprints. The method is used as given.
    """
    raise NotImplementedError("hash each part with a length prefix so parts cannot run into each other")


def check_key(key: str) -> None:
    """Check an Idempotency-Key header value.

    A valid key has 1 to 255 characters, each visible ASCII (``!`` to ``~``,
    so no spaces or control characters). UUIDs are the usual choice.

    Raises:
        ValueError: The key is empty, too long or has another character.
    """
    raise NotImplementedError("check 1..255 characters, each between '!' and '~'")


class IdempotencyStore:
    """Remember the response to each idempotency key for ``ttl`` seconds.

    The life of a key: :meth:`begin` claims it (the request is "in progress"),
    then :meth:`complete` saves the response, or :meth:`abandon` releases the
    claim if the server failed before it had a response. A record expires
    ``ttl`` seconds after the :meth:`begin` that created it; after that the
    key is free again.

    Args:
        ttl: Seconds a key is remembered.
        clock: Returns the current time in seconds (injected for tests).
    """

    def __init__(self, *, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        # TODO: a dict from key to a small record (fingerprint, expiry time, saved response or None).
        self._records: dict[str, object] = {}

    def begin(self, key: str, fingerprint: str) -> StoredResponse | None:
        """Claim ``key`` for a request, or return the response to replay.

        Returns:
            None when the key is new (or expired): the caller must now handle
            the request and then call :meth:`complete` or :meth:`abandon`.
            The saved response when the same request already completed.

        Raises:
            ValueError: ``key`` fails :func:`check_key`.
            IdempotencyKeyReused: The key is known with a different fingerprint
                (whether that request finished or not).
            IdempotencyKeyInProgress: The same request is still in progress.
        """
        raise NotImplementedError("check the key, drop an expired record, then claim / refuse / replay")

    def complete(self, key: str, response: StoredResponse) -> None:
        """Save the response for a key claimed with :meth:`begin`.

        Raises:
            KeyError: The key is not currently in progress (never begun,
                expired, abandoned, or already completed).
        """
        raise NotImplementedError("store the response on the in-progress record, else raise KeyError")

    def abandon(self, key: str) -> None:
        """Release an in-progress claim so the client may retry; otherwise do nothing.

        A completed record is kept: its response must still be replayed.
        """
        raise NotImplementedError("delete the record only if it is still in progress")

    def __len__(self) -> int:
        """Return how many keys are remembered and not yet expired."""
        raise NotImplementedError("count records whose expiry is still ahead of clock()")
