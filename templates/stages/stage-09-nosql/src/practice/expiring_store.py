"""A key-value store with Redis-style expiry (SET EX, EXPIRE, TTL, PERSIST, INCR).

Redis keeps every key in memory and lets any key carry a time-to-live. Expired
keys are removed in two ways: lazily, when a command touches the key, and
actively, by a periodic sweep. This module models both, with the clock injected
so that tests can move time forward without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

NO_EXPIRY = -1
"""What :meth:`ExpiringStore.ttl` returns for a key that exists without a TTL."""

MISSING = -2
"""What :meth:`ExpiringStore.ttl` returns for a key that does not exist."""


class ExpiringStore:
    """An in-memory string store whose keys may expire.

    Args:
        clock: Returns the current time in seconds as a float. It is called
            whenever the store needs "now"; tests pass a fake clock.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._values: dict[str, str] = {}
        self._deadlines: dict[str, float] = {}

    def set(
        self,
        key: str,
        value: str,
        *,
        ex: float | None = None,
        nx: bool = False,
        xx: bool = False,
        keepttl: bool = False,
    ) -> bool:
        """Store ``value`` under ``key`` (Redis ``SET key value [EX s] [NX|XX] [KEEPTTL]``).

        Args:
            key: The key.
            value: The value; must be a ``str``.
            ex: Time to live in seconds (floats allowed). The key expires at
                ``clock() + ex``: it is gone once ``clock()`` reaches that moment.
            nx: Only set when the key does not exist (an expired key does not exist).
            xx: Only set when the key already exists.
            keepttl: Keep the key's current expiry instead of clearing it.

        Returns:
            True if the value was stored, False if ``nx``/``xx`` prevented it.

        Raises:
            TypeError: ``key`` or ``value`` is not a ``str``.
            ValueError: ``ex`` is zero or negative; ``nx`` and ``xx`` are both
                set; ``ex`` and ``keepttl`` are both given.

        Without ``ex`` and ``keepttl``, setting a key removes any expiry it had,
        exactly as Redis does.
        """
        raise NotImplementedError("validate types/options, honour nx/xx, then set or clear the deadline")

    def get(self, key: str) -> str | None:
        """Return the value stored under ``key``, or None if it is missing or expired."""
        raise NotImplementedError("return the value, or None (and remove the key) once its deadline is reached")

    def exists(self, key: str) -> bool:
        """Return True if ``key`` is present and not expired."""
        raise NotImplementedError("return True only for a live key (reuse your expiry check)")

    def delete(self, *keys: str) -> int:
        """Remove keys (Redis ``DEL``).

        Returns:
            How many of the given keys existed (expired keys do not count).
            A key named twice counts once.
        """
        raise NotImplementedError("remove each named live key once; return how many existed")

    def expire(self, key: str, seconds: float) -> bool:
        """Give an existing key a time to live (Redis ``EXPIRE``).

        Args:
            key: The key.
            seconds: Seconds from now. Zero or negative deletes the key at once,
                as Redis does.

        Returns:
            True if the key existed (and now has the new expiry or was deleted),
            False if it did not exist.
        """
        raise NotImplementedError("set deadline = clock() + seconds on a live key; seconds <= 0 deletes it")

    def ttl(self, key: str) -> int:
        """Return the remaining time to live in whole seconds (Redis ``TTL``).

        Returns:
            ``MISSING`` (-2) if the key does not exist or has expired,
            ``NO_EXPIRY`` (-1) if it exists without an expiry, otherwise the
            remaining seconds rounded UP, so a live key never reports 0
            (4.2 seconds left gives 5).
        """
        raise NotImplementedError("-2 missing/expired, -1 without deadline, else math.ceil(deadline - now)")

    def persist(self, key: str) -> bool:
        """Remove a key's expiry (Redis ``PERSIST``).

        Returns:
            True if the key existed and had an expiry that was removed; False if
            the key is missing or had no expiry.
        """
        raise NotImplementedError("drop the deadline of a live key; say whether it had one")

    def incr(self, key: str, amount: int = 1) -> int:
        """Add ``amount`` to the integer stored at ``key`` (Redis ``INCRBY``).

        A missing (or expired) key counts as ``"0"``. The result is stored back
        as a decimal string and the key KEEPS its expiry, as in Redis.

        Returns:
            The new integer value.

        Raises:
            ValueError: The stored value is not a base-10 integer such as
                ``"42"`` or ``"-7"`` (``"4.2"``, ``"abc"`` and ``""`` are not).
        """
        raise NotImplementedError("read ('0' if missing), check ASCII integer, add, store str(result), keep TTL")

    def purge_expired(self) -> int:
        """Actively remove every expired key (the periodic sweep).

        Returns:
            How many keys were removed by this call. Keys already removed lazily
            (because a command touched them after they expired) are not counted.
        """
        raise NotImplementedError("remove every key whose deadline <= clock(); return how many")

    def __len__(self) -> int:
        """Return the number of live (unexpired) keys."""
        raise NotImplementedError("count keys without a deadline or with a deadline still ahead")
