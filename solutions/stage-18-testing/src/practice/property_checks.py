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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

Interval = tuple[int, int]

_URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")

intervals_strategy = st.lists(
    st.tuples(st.integers(-20, 20), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8,
)
positions_strategy = st.dictionaries(st.text(max_size=8), st.one_of(st.integers(), st.text(max_size=8)), max_size=4)


def _points(intervals: list[Interval]) -> set[int]:
    return {p for start, end in intervals for p in range(start, end)}


def check_merge_intervals(merge: Callable[[list[Interval]], list[Interval]]) -> None:
    """Check ``merge`` against contract 1 with Hypothesis properties.

    Raises:
        AssertionError: (directly or through Hypothesis) on a violation.
    """

    @settings(max_examples=100, deadline=None, derandomize=True, database=None, report_multiple_bugs=False)
    @given(intervals_strategy)
    @example([(1, 3), (3, 5)])
    @example([(5, 8), (1, 2), (6, 7)])
    def merged_like_the_model(intervals: list[Interval]) -> None:
        original = list(intervals)
        result = merge(intervals)
        assert intervals == original, f"merge modified its input: {original} -> {intervals}"
        assert all(isinstance(iv, tuple) for iv in result), f"result items must be tuples: {result}"
        assert all(start < end for start, end in result), f"empty or reversed interval in {result}"
        for (_, prev_end), (next_start, _) in itertools.pairwise(result):
            assert next_start > prev_end, f"{result} is unsorted, overlapping or touching"
        assert _points(result) == _points(original), f"merge({original}) = {result} covers different points"

    @settings(max_examples=100, deadline=None, derandomize=True, database=None, report_multiple_bugs=False)
    @given(intervals_strategy, st.integers(-20, 20), st.integers(0, 5))
    @example([], 3, 0)
    def rejects_empty_or_reversed(intervals: list[Interval], start: int, back: int) -> None:
        bad = [*intervals, (start, start - back)]
        with pytest.raises(ValueError):
            merge(bad)

    merged_like_the_model()
    rejects_empty_or_reversed()
    assert merge([]) == [], "merge([]) should be []"
    assert merge([(1, 3), (3, 5)]) == [(1, 5)], "touching intervals must merge"


def check_cursor_codec(encode: Callable[[dict[str, Any]], str], decode: Callable[[str], dict[str, Any]]) -> None:
    """Check ``encode``/``decode`` against contract 2 with Hypothesis properties.

    Raises:
        AssertionError: (directly or through Hypothesis) on a violation.
    """

    @settings(max_examples=100, deadline=None, derandomize=True, database=None, report_multiple_bugs=False)
    @given(positions_strategy)
    @example({"id": 7, "name": "7"})
    @example({"q": " padded "})
    @example({"k": "???"})
    def round_trips(position: dict[str, Any]) -> None:
        cursor = encode(position)
        assert _URL_SAFE.fullmatch(cursor), f"cursor {cursor!r} for {position!r} is not URL-safe"
        back = decode(cursor)
        assert back == position, f"decode(encode({position!r})) gave {back!r}"
        assert {k: type(v) for k, v in back.items()} == {k: type(v) for k, v in position.items()}, "types changed"

    @settings(max_examples=100, deadline=None, derandomize=True, database=None, report_multiple_bugs=False)
    @given(st.text())
    def decode_never_returns_junk(text: str) -> None:
        try:
            result = decode(text)
        except ValueError:
            return
        assert isinstance(result, dict), f"decode({text!r}) returned a non-dict {result!r}"
        for key, value in result.items():
            assert isinstance(key, str), f"decode({text!r}) returned a non-str key {key!r}"
            assert isinstance(value, int | str) and not isinstance(value, bool), f"bad value {value!r}"

    round_trips()
    decode_never_returns_junk()
    garbage = {
        "": "empty",
        "!!!": "not base64",
        "e30=": "padding",
        "WzFd": "a JSON list",
        "IjEi": "a JSON string",
        "eyJhIjogMS41fQ": "a float value",
        "eyJhIjp0cnVlfQ": "a boolean value",
        "eyJhIjpudWxsfQ": "a null value",
    }
    for text, what in garbage.items():
        try:
            decode(text)
        except ValueError:
            continue
        raise AssertionError(f"decode({text!r}) ({what}) should raise ValueError")
