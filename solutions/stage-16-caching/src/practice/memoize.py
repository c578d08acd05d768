"""A memoizing decorator with per-argument invalidation and hit/miss stats.

``functools.lru_cache`` is great, but production code often needs two things
it lacks: dropping ONE entry when the underlying data changes
(``invalidate(user_id=7)`` after user 7 is updated) and an optional time-to-
live. This module builds that decorator and, on the way, shows how to turn a
call's arguments into a reliable cache key.
"""

from __future__ import annotations

import functools
import inspect
import time
from collections.abc import Callable, Hashable
from typing import Any, Generic, NamedTuple, TypeVar, overload

R = TypeVar("R")


class MemoInfo(NamedTuple):
    """Cache statistics of one memoized function.

    Attributes:
        hits: calls answered from the cache.
        misses: calls that ran the wrapped function.
        size: number of entries currently stored.
    """

    hits: int
    misses: int
    size: int


class Memoized(Generic[R]):
    """A callable wrapper that caches results of ``func`` per argument set."""

    def __init__(
        self,
        func: Callable[..., R],
        *,
        ttl: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Wrap ``func``.

        Args:
            func: a plain function (not a method) to memoize.
            ttl: seconds a stored result stays valid; ``None`` = forever.
            clock: returns the current time in seconds.

        Raises:
            ValueError: if ``ttl`` is given and ``<= 0``.

        The wrapper copies ``__name__``, ``__doc__``, ``__qualname__``,
        ``__module__`` and sets ``__wrapped__`` (use ``functools.update_wrapper``).
        """
        if ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be > 0, got {ttl!r}")
        self._func = func
        self._ttl = ttl
        self._clock = clock
        self._signature = inspect.signature(func)
        self._store: dict[Hashable, tuple[R, float | None]] = {}
        self._hits = 0
        self._misses = 0
        functools.update_wrapper(self, func)

    def make_key(self, *args: Any, **kwargs: Any) -> Hashable:
        """Build the cache key for a call with these arguments.

        Rules:
            * Arguments are bound to the signature and defaults are applied,
              so ``f(1, 2)``, ``f(1, b=2)``, ``f(b=2, a=1)`` and (if ``b``
              defaults to 2) ``f(1)`` all give the same key.
            * ``**kwargs`` collected by the function are keyed independently
              of the order they were passed in.
            * The type of each argument is part of the key, so ``f(1)``,
              ``f(1.0)`` and ``f(True)`` are three different entries.

        Raises:
            TypeError: if the arguments do not fit the signature, or if an
                argument is unhashable (the message names the argument).
        """
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        parts: list[Hashable] = []
        for name, value in bound.arguments.items():
            kind = self._signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_KEYWORD:
                items = sorted(value.items())
                part: Hashable = (name, tuple((k, type(v), v) for k, v in items))
            elif kind is inspect.Parameter.VAR_POSITIONAL:
                part = (name, tuple((type(v), v) for v in value))
            else:
                part = (name, type(value), value)
            try:
                hash(part)
            except TypeError:
                raise TypeError(
                    f"{self._func.__name__}(): argument {name!r} is unhashable and cannot be part of a cache key"
                ) from None
            parts.append(part)
        return tuple(parts)

    def __call__(self, *args: Any, **kwargs: Any) -> R:
        """Return the cached result for these arguments, computing it on a miss.

        A stored result older than ``ttl`` seconds (``now >= stored_at + ttl``)
        is recomputed and counts as a miss. If ``func`` raises, nothing is
        stored and the exception propagates (the call still counts as a miss).
        """
        key = self.make_key(*args, **kwargs)
        now = self._clock()
        entry = self._store.get(key)
        if entry is not None:
            value, expires_at = entry
            if expires_at is None or now < expires_at:
                self._hits += 1
                return value
        self._misses += 1
        result = self._func(*args, **kwargs)
        expires_at = None if self._ttl is None else now + self._ttl
        self._store[key] = (result, expires_at)
        return result

    def cache_info(self) -> MemoInfo:
        """Return the current hits, misses and number of stored entries."""
        return MemoInfo(self._hits, self._misses, len(self._store))

    def cache_clear(self) -> None:
        """Drop every stored entry and reset hits and misses to zero."""
        self._store.clear()
        self._hits = 0
        self._misses = 0

    def invalidate(self, *args: Any, **kwargs: Any) -> bool:
        """Drop the entry for these arguments (normalized like a call).

        Returns:
            True if an entry was removed, False if there was none.

        Raises:
            TypeError: as ``make_key`` does. Never changes hits or misses.
        """
        return self._store.pop(self.make_key(*args, **kwargs), None) is not None


@overload
def memoize(func: Callable[..., R], /) -> Memoized[R]: ...


@overload
def memoize(
    *, ttl: float | None = None, clock: Callable[[], float] = time.monotonic
) -> Callable[[Callable[..., R]], Memoized[R]]: ...


def memoize(
    func: Callable[..., R] | None = None,
    /,
    *,
    ttl: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Memoized[R] | Callable[[Callable[..., R]], Memoized[R]]:
    """Memoize a function; usable bare or with options.

    Examples:
        >>> @memoize
        ... def square(x: int) -> int:
        ...     return x * x
        >>> @memoize(ttl=30)
        ... def rate(base: str, quote: str) -> float: ...

    Raises:
        ValueError: if ``ttl`` is given and ``<= 0`` (raised when the
            options are given, before any function is decorated).
    """
    if ttl is not None and ttl <= 0:
        raise ValueError(f"ttl must be > 0, got {ttl!r}")
    if func is not None:
        return Memoized(func, ttl=ttl, clock=clock)

    def decorate(f: Callable[..., R]) -> Memoized[R]:
        return Memoized(f, ttl=ttl, clock=clock)

    return decorate
