"""Property-based checks with Hypothesis: state what is always true.

Example tests check the inputs you thought of. Property-based tests state a
rule that must hold for EVERY input ("the output is sorted", "decode undoes
encode") and let Hypothesis generate hundreds of inputs, including the
nasty ones (empty lists, huge numbers, odd unicode), then shrink any failure
to a minimal example. You write two checks here.

Contract 1: ``merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]``
(e.g. merging booked time slots). Each interval ``(start, end)`` is
half-open, ``[start, end)``, and needs ``start < end``.

1. ``ValueError`` if any interval has ``start >= end``.
2. The result covers exactly the same integer points as the input: a point
   ``p`` is covered when ``start <= p < end`` for some interval.
3. The result is sorted by start, and consecutive intervals neither overlap
   nor touch (``next_start > previous_end``), so ``[(1, 3), (3, 5)]``
   becomes ``[(1, 5)]``. Every interval in the result has ``start < end``
   and is a ``tuple``.
4. The input list is not modified. ``[]`` gives ``[]``.

Contract 2: ``encode_cursor(position: dict[str, int | str]) -> str`` and
``decode_cursor(cursor: str) -> dict[str, int | str]`` (opaque pagination
cursors such as ``?after=eyJpZCI6NDJ9``).

1. ``decode_cursor(encode_cursor(p)) == p`` for every dict with ``str`` keys
   (any unicode) and values that are ``int`` or ``str`` (any unicode,
   including whitespace); value types are preserved (``7`` stays ``7``,
   ``"7"`` stays ``"7"``).
2. A cursor is non-empty and uses only URL-safe characters: ``A-Z``,
   ``a-z``, ``0-9``, ``-`` and ``_`` (no ``+``, ``/`` or ``=`` padding).
3. ``decode_cursor`` raises ``ValueError`` for anything that is not a valid
   cursor: ``""``, ``"!!!"``, text that is not valid base64, and also valid
   URL-safe base64 of something that is not a JSON object of str -> int/str
   (for example the encoding of ``b"[1]"``, which is ``"WzFd"``).

TODO: implement ``check_merge_intervals`` and ``check_cursor_codec``. The
grader runs them against correct implementations (they must pass) and
against broken ones (each must fail). Inside a check, define a function
decorated with ``@given(...)`` and call it: Hypothesis runs it for many
inputs and re-raises the first failing assertion. Useful pieces:
``hypothesis.strategies`` (``lists``, ``tuples``, ``integers``, ``text``,
``dictionaries``, ``one_of``), ``@example(...)`` to always include a case,
and ``@settings(derandomize=True, database=None, deadline=None,
report_multiple_bugs=False)`` for repeatable runs. Compare the result with
a simple, obviously-correct model (for intervals: the set of covered
points) rather than re-implementing the algorithm.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Interval = tuple[int, int]


def check_merge_intervals(merge: Callable[[list[Interval]], list[Interval]]) -> None:
    """Check ``merge`` against contract 1 with Hypothesis properties.

    Args:
        merge: the implementation under test.

    Raises:
        AssertionError: (directly or through Hypothesis) on a violation;
            return normally when ``merge`` follows the contract.
    """
    raise NotImplementedError("write @given properties: same covered points, sorted, not touching, input untouched")


def check_cursor_codec(encode: Callable[[dict[str, Any]], str], decode: Callable[[str], dict[str, Any]]) -> None:
    """Check ``encode``/``decode`` against contract 2 with Hypothesis properties.

    Args:
        encode: turns a position dict into a cursor string.
        decode: turns a cursor string back into the position dict.

    Raises:
        AssertionError: (directly or through Hypothesis) on a violation;
            return normally when the codec follows the contract.
    """
    raise NotImplementedError("write a round-trip property, a URL-safety property and garbage-rejection checks")
