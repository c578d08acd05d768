"""Context managers: set something up, and always tear it down.

Backends are full of "do X, and whatever happens, undo it": release a lock, close a
connection, roll back a transaction, restore a setting after a test. ``with``
blocks make that guarantee explicit. This module builds three of them:

- ``Timer``: a class-based manager that measures a block with an injected clock;
- ``temp_env``: a generator-based manager (``@contextmanager``) that changes
  environment variables and restores them exactly, even when the block raises;
- ``KeyValueStore.transaction``: all-or-nothing updates with nested savepoints.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from types import TracebackType
from typing import Self


class Timer:
    """Measure how long a ``with`` block takes.

    ``clock`` is any zero-argument callable returning seconds as a float; tests
    pass a fake clock so nothing really sleeps. Usage::

        with Timer() as t:
            handle_request()
        print(t.elapsed)

    Attributes:
        elapsed: None before the first block finishes and while a block runs;
            afterwards, ``clock()`` at exit minus ``clock()`` at entry. It is
            recorded even when the block raises.
        clock: The clock used.
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        """Create a stopped timer that reads ``clock``; call nothing yet."""
        self.clock = clock
        self.elapsed: float | None = None
        self._start: float | None = None

    def __enter__(self) -> Self:
        """Start timing and return the timer itself (for ``as t``).

        Reading the clock exactly once here. Re-using a finished timer is allowed
        and resets ``elapsed`` to None.

        Raises:
            RuntimeError: if this timer is already running (nested use of the same
                instance), message mentions ``running``.
        """
        if self._start is not None:
            raise RuntimeError("Timer is already running")
        self.elapsed = None
        self._start = self.clock()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop timing (reading the clock exactly once) and set ``elapsed``.

        Returns None (falsy), so an exception raised in the block propagates.
        """
        assert self._start is not None
        self.elapsed = self.clock() - self._start
        self._start = None


@contextmanager
def temp_env(
    changes: Mapping[str, str | None],
    environ: MutableMapping[str, str] | None = None,
) -> Iterator[MutableMapping[str, str]]:
    """Temporarily set or unset environment variables.

    Example::

        with temp_env({"APP_MODE": "test", "DEBUG": None}):
            ...  # APP_MODE is "test", DEBUG is not set
        # both are back to exactly what they were before

    Args:
        changes: Variable name to new value; ``None`` means "unset it inside the block".
        environ: The mapping to change; defaults to ``os.environ`` (looked up at
            call time). Tests pass a plain dict.

    Yields:
        The environ mapping being changed.

    Raises:
        ValueError: before changing anything, if a name is empty or contains ``=``.
        TypeError: before changing anything, if a value is neither str nor None.

    On exit (normal or by exception, which is NOT suppressed) every name in
    ``changes`` is restored: set back to its old value if it had one, removed if it
    did not exist before, even if the block changed or deleted it meanwhile. Names
    not in ``changes`` are left alone.
    """
    env = os.environ if environ is None else environ
    for name, value in changes.items():
        if not isinstance(name, str) or not name or "=" in name:
            raise ValueError(f"invalid environment variable name {name!r}")
        if value is not None and not isinstance(value, str):
            raise TypeError(f"value for {name} must be str or None, got {type(value).__name__}")
    saved = {name: env.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        yield env
    finally:
        for name, old in saved.items():
            if old is None:
                env.pop(name, None)
            else:
                env[name] = old


class KeyValueStore:
    """A tiny in-memory store with all-or-nothing transactions.

    Values are treated as immutable (a snapshot is a shallow copy).
    """

    def __init__(self, data: Mapping[str, object] | None = None) -> None:
        """Create the store with an optional copy of ``data`` as its contents."""
        self._data: dict[str, object] = dict(data or {})
        self._savepoints: list[dict[str, object]] = []

    def get(self, key: str, default: object = None) -> object:
        """Return the value for ``key``, or ``default`` if it is missing."""
        return self._data.get(key, default)

    def set(self, key: str, value: object) -> None:
        """Store ``value`` under ``key``."""
        self._data[key] = value

    def delete(self, key: str) -> None:
        """Remove ``key``.

        Raises:
            KeyError: if the key is missing.
        """
        del self._data[key]

    def snapshot(self) -> dict[str, object]:
        """Return a copy of the current contents (changing it does not affect the store)."""
        return dict(self._data)

    @property
    def in_transaction(self) -> bool:
        """True while at least one ``transaction()`` block is open."""
        return bool(self._savepoints)

    @contextmanager
    def transaction(self) -> Iterator[KeyValueStore]:
        """Group changes so they all happen or none do.

        Inside the block, reads see the block's own writes. If the block raises,
        the store goes back to exactly its state at the start of this block and
        the exception propagates unchanged. Transactions nest like savepoints: a
        failing inner block undoes only the inner block's changes; if the outer
        block catches that error and finishes normally, the outer changes stay.

        Yields:
            The store itself.
        """
        self._savepoints.append(dict(self._data))
        try:
            yield self
        except BaseException:
            self._data = self._savepoints[-1]
            raise
        finally:
            self._savepoints.pop()
