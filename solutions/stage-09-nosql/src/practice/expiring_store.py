"""A key-value store with Redis-style expiry (SET EX, EXPIRE, TTL, PERSIST, INCR).

Redis keeps every key in memory and lets any key carry a time-to-live. Expired
keys are removed in two ways: lazily, when a command touches the key, and
actively, by a periodic sweep. This module models both, with the clock injected
so that tests can move time forward without sleeping.
"""

from __future__ import annotations

import math
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

    def _alive(self, key: str) -> bool:
        """Return True when ``key`` exists; remove it first if it has expired."""
        if key not in self._values:
            return False
        deadline = self._deadlines.get(key)
        if deadline is not None and self._clock() >= deadline:
            del self._values[key]
            del self._deadlines[key]
            return False
        return True

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
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("keys and values must be str")
        if nx and xx:
            raise ValueError("nx and xx cannot be combined")
        if ex is not None and keepttl:
            raise ValueError("ex and keepttl cannot be combined")
        if ex is not None and ex <= 0:
            raise ValueError(f"invalid expire time {ex!r}: must be positive")
        exists = self._alive(key)
        if (nx and exists) or (xx and not exists):
            return False
        self._values[key] = value
        if ex is not None:
            self._deadlines[key] = self._clock() + ex
        elif not keepttl:
            self._deadlines.pop(key, None)
        return True

    def get(self, key: str) -> str | None:
        """Return the value stored under ``key``, or None if it is missing or expired."""
        if not self._alive(key):
            return None
        return self._values[key]

    def exists(self, key: str) -> bool:
        """Return True if ``key`` is present and not expired."""
        return self._alive(key)

    def delete(self, *keys: str) -> int:
        """Remove keys (Redis ``DEL``).

        Returns:
            How many of the given keys existed (expired keys do not count).
            A key named twice counts once.
        """
        removed = 0
        for key in dict.fromkeys(keys):
            if self._alive(key):
                del self._values[key]
                self._deadlines.pop(key, None)
                removed += 1
        return removed

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
        if not self._alive(key):
            return False
        if seconds <= 0:
            del self._values[key]
            self._deadlines.pop(key, None)
        else:
            self._deadlines[key] = self._clock() + seconds
        return True

    def ttl(self, key: str) -> int:
        """Return the remaining time to live in whole seconds (Redis ``TTL``).

        Returns:
            ``MISSING`` (-2) if the key does not exist or has expired,
            ``NO_EXPIRY`` (-1) if it exists without an expiry, otherwise the
            remaining seconds rounded UP, so a live key never reports 0
            (4.2 seconds left gives 5).
        """
        if not self._alive(key):
            return MISSING
        deadline = self._deadlines.get(key)
        if deadline is None:
            return NO_EXPIRY
        return math.ceil(deadline - self._clock())

    def persist(self, key: str) -> bool:
        """Remove a key's expiry (Redis ``PERSIST``).

        Returns:
            True if the key existed and had an expiry that was removed; False if
            the key is missing or had no expiry.
        """
        if not self._alive(key) or key not in self._deadlines:
            return False
        del self._deadlines[key]
        return True

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
        current = self.get(key)
        text = "0" if current is None else current
        digits = text[1:] if text[:1] == "-" else text
        if not (digits.isascii() and digits.isdigit()):
            raise ValueError(f"value at {key!r} is not an integer: {text!r}")
        result = int(text) + amount
        self._values[key] = str(result)
        return result

    def purge_expired(self) -> int:
        """Actively remove every expired key (the periodic sweep).

        Returns:
            How many keys were removed by this call. Keys already removed lazily
            (because a command touched them after they expired) are not counted.
        """
        now = self._clock()
        expired = [key for key, when in self._deadlines.items() if now >= when]
        for key in expired:
            del self._values[key]
            del self._deadlines[key]
        return len(expired)

    def __len__(self) -> int:
        """Return the number of live (unexpired) keys."""
        now = self._clock()
        return sum(1 for key in self._values if key not in self._deadlines or now < self._deadlines[key])
