"""Top-k and de-duplication over a stream that does not fit in memory.

Access logs, queue messages and click events arrive as a stream: a generator, a file
read line by line, a Kafka consumer. "The 10 slowest requests today" and "skip messages
we already processed" must work on a stream of any length, so the memory they use may
depend on ``k`` or on a window size, never on the length of the stream.

* ``top_k`` keeps a min-heap of at most ``k`` items: the smallest of the best-so-far
  sits on top and is replaced when a better item arrives (``heapq.heappushpop``), or
  you let ``heapq.nlargest`` do exactly that.
* ``dedupe_recent`` remembers only the last ``window`` keys it let through (a
  ``collections.deque`` for the order plus a ``set`` or ``dict`` for O(1) lookups),
  which is how message consumers drop redelivered messages.

The tests feed huge lazy streams and count how many stream items are alive at once.
Calling ``list(stream)``, ``sorted(stream)`` or keeping a set of every key fails them.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def top_k(stream: Iterable[T], k: int, key: Callable[[T], Any] | None = None) -> list[T]:
    """Return the ``k`` largest items of ``stream``, largest first.

    Equivalent to ``sorted(stream, key=key, reverse=True)[:k]`` (which is stable, so
    among items with equal keys the one that came first in the stream ranks first),
    but holding at most ``k`` items in memory at any time. Items themselves are never
    compared with each other, only their keys, so items such as dicts work.

    Args:
        stream: Any iterable, read once, possibly a generator of millions of items.
        k: How many items to return; 0 gives ``[]``.
        key: Computes the value to rank by; ``None`` ranks the items themselves.

    Returns:
        A list of at most ``k`` items (fewer when the stream is shorter).

    Raises:
        ValueError: ``k`` is negative.
    """
    if k < 0:
        raise ValueError(f"k must be 0 or more, got {k}")
    if k == 0:
        return []
    rank: Callable[[T], Any] = key if key is not None else _itself
    # Min-heap of the best k so far. On equal keys a later item (more negative index)
    # is smaller, so it is the first to go and earlier items win ties. The unique
    # index also means two items are never compared.
    best: list[tuple[Any, int, T]] = []
    for index, item in enumerate(stream):
        entry = (rank(item), -index, item)
        if len(best) < k:
            heapq.heappush(best, entry)
        elif entry > best[0]:
            heapq.heapreplace(best, entry)
    return [item for _, _, item in sorted(best, reverse=True)]


def dedupe_recent(stream: Iterable[T], window: int, key: Callable[[T], Hashable] | None = None) -> Iterator[T]:
    """Yield the items of ``stream`` whose key is not among the last ``window`` let through.

    The function remembers the keys of the last ``window`` items it yielded, oldest
    first. An incoming item whose key is remembered is dropped (and does not refresh
    anything); otherwise it is yielded and its key is remembered, forgetting the
    oldest key when more than ``window`` are remembered. Example with ``window=2``::

        a b a c a  ->  a b c a
        (the second "a" is dropped; by the last "a", only b and c are remembered)

    The result is lazy: items are read from ``stream`` only as the caller asks for
    output, so it works on endless streams.

    Args:
        stream: Any iterable of items.
        window: How many recent keys to remember; at least 1.
        key: Computes the identity of an item (e.g. a message id); ``None`` uses the
            item itself.

    Returns:
        An iterator over the kept items, in stream order.

    Raises:
        ValueError: ``window`` is less than 1. Raised by the call itself, before any
            iteration (so validate first, then return an inner generator).
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    identify: Callable[[T], Hashable] = key if key is not None else _itself
    return _dedupe(stream, window, identify)


def _itself(item: Any) -> Any:
    """Return ``item``: the default key."""
    return item


def _dedupe(stream: Iterable[T], window: int, identify: Callable[[T], Hashable]) -> Iterator[T]:
    """Do the work of :func:`dedupe_recent` once its arguments are checked."""
    order: deque[Hashable] = deque()
    remembered: set[Hashable] = set()
    for item in stream:
        ident = identify(item)
        if ident in remembered:
            continue
        yield item
        order.append(ident)
        remembered.add(ident)
        if len(order) > window:
            remembered.discard(order.popleft())
