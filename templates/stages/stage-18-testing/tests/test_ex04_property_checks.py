"""Grades ex04: your Hypothesis checks must pass correct code and fail every mutant."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from practice.property_checks import check_cursor_codec, check_merge_intervals

Interval = tuple[int, int]
Merge = Callable[[list[Interval]], list[Interval]]
Encode = Callable[[dict[str, Any]], str]
Decode = Callable[[str], dict[str, Any]]

# ---- merge_intervals ---------------------------------------------------------


def _validate(intervals: list[Interval]) -> None:
    for start, end in intervals:
        if start >= end:
            raise ValueError(f"interval ({start}, {end}) is empty or reversed")


def _merge_sorted(
    ordered: list[Interval], *, touching: bool = True, keep_max: bool = True, gap: int = 0
) -> list[Interval]:
    result: list[Interval] = []
    for start, end in ordered:
        if result and (start <= result[-1][1] + gap if touching else start < result[-1][1]):
            last_start, last_end = result[-1]
            result[-1] = (last_start, max(last_end, end) if keep_max else end)
        else:
            result.append((start, end))
    return result


def merge_reference(intervals: list[Interval]) -> list[Interval]:
    _validate(intervals)
    return _merge_sorted(sorted(intervals))


def assumes_sorted_input(intervals: list[Interval]) -> list[Interval]:
    """only merges neighbours in the order given (never sorts)"""
    _validate(intervals)
    return _merge_sorted(list(intervals))


def keeps_touching_apart(intervals: list[Interval]) -> list[Interval]:
    """does not merge intervals that only touch, like (1, 3) and (3, 5)"""
    _validate(intervals)
    return _merge_sorted(sorted(intervals), touching=False)


def shrinks_on_contained(intervals: list[Interval]) -> list[Interval]:
    """takes the later interval's end, so (1, 10) + (2, 3) becomes (1, 3)"""
    _validate(intervals)
    return _merge_sorted(sorted(intervals), keep_max=False)


def drops_last_run(intervals: list[Interval]) -> list[Interval]:
    """forgets to emit the final merged interval"""
    _validate(intervals)
    merged = _merge_sorted(sorted(intervals))
    return merged[:-1]


def sorts_input_in_place(intervals: list[Interval]) -> list[Interval]:
    """returns the right answer but sorts the caller's list in place"""
    _validate(intervals)
    intervals.sort()
    return _merge_sorted(intervals)


def skips_invalid_intervals(intervals: list[Interval]) -> list[Interval]:
    """silently drops empty or reversed intervals instead of raising ValueError"""
    return _merge_sorted(sorted(iv for iv in intervals if iv[0] < iv[1]))


def bridges_gaps_of_one(intervals: list[Interval]) -> list[Interval]:
    """also merges intervals separated by a gap of one point, like (1, 2) and (3, 4)"""
    _validate(intervals)
    return _merge_sorted(sorted(intervals), gap=1)


MERGE_MUTANTS: list[Merge] = [
    assumes_sorted_input,
    keeps_touching_apart,
    shrinks_on_contained,
    drops_last_run,
    sorts_input_in_place,
    skips_invalid_intervals,
    bridges_gaps_of_one,
]


def as_merge(fn: Merge) -> Merge:
    def merge_intervals(intervals: list[Interval]) -> list[Interval]:
        return fn(intervals)

    return merge_intervals


# ---- cursor codec ------------------------------------------------------------

_URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")


def _dump(position: dict[str, Any], *, charset: str = "utf-8") -> bytes:
    text = json.dumps(position, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.encode(charset, errors="replace")


def _load(cursor: str, *, charset: str = "utf-8") -> Any:
    if not _URL_SAFE.fullmatch(cursor):
        raise ValueError(f"not a cursor: {cursor!r}")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return json.loads(raw.decode(charset))
    except (ValueError, binascii.Error) as exc:
        raise ValueError(f"not a cursor: {cursor!r}") from exc


def _valid_value(value: object, *, allow_bool: bool = False) -> bool:
    return isinstance(value, int | str) and (allow_bool or not isinstance(value, bool))


def _check_shape(data: Any, *, allow_bool: bool = False) -> dict[str, Any]:
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and _valid_value(v, allow_bool=allow_bool) for k, v in data.items()
    ):
        raise ValueError("a cursor must hold a JSON object of str -> int | str")
    return data


def encode_reference(position: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(_dump(position)).decode("ascii").rstrip("=")


def decode_reference(cursor: str) -> dict[str, Any]:
    return _check_shape(_load(cursor))


class Codec:
    """One encode/decode pair; mutants override one side."""

    doc = "the correct codec"

    def encode(self, position: dict[str, Any]) -> str:
        return encode_reference(position)

    def decode(self, cursor: str) -> dict[str, Any]:
        return decode_reference(cursor)


class KeepsPadding(Codec):
    doc = "leaves '=' padding on the cursor"

    def encode(self, position: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(_dump(position)).decode("ascii")

    def decode(self, cursor: str) -> dict[str, Any]:
        return decode_reference(cursor.rstrip("="))


class StandardAlphabet(Codec):
    doc = "uses the standard base64 alphabet, so cursors may contain '+' and '/'"

    def encode(self, position: dict[str, Any]) -> str:
        return base64.b64encode(_dump(position)).decode("ascii").rstrip("=")

    def decode(self, cursor: str) -> dict[str, Any]:
        return decode_reference(cursor.replace("+", "-").replace("/", "_"))


class IntsBecomeStrings(Codec):
    doc = "decodes int values as strings (7 comes back as '7')"

    def decode(self, cursor: str) -> dict[str, Any]:
        return {k: str(v) for k, v in decode_reference(cursor).items()}


class AcceptsNonObjects(Codec):
    doc = "returns any JSON value (a list, a string) instead of requiring an object"

    def decode(self, cursor: str) -> dict[str, Any]:
        data = _load(cursor)
        return _check_shape(data) if isinstance(data, dict) else data


class AcceptsBooleans(Codec):
    doc = "accepts true/false values because bool is a subclass of int"

    def decode(self, cursor: str) -> dict[str, Any]:
        return _check_shape(_load(cursor), allow_bool=True)


class StripsStringValues(Codec):
    doc = "strips whitespace from string values"

    def decode(self, cursor: str) -> dict[str, Any]:
        return {k: v.strip() if isinstance(v, str) else v for k, v in decode_reference(cursor).items()}


class ManglesNonLatin1(Codec):
    doc = "encodes text as latin-1, turning characters such as CJK or emoji into '?'"

    def encode(self, position: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(_dump(position, charset="latin-1")).decode("ascii").rstrip("=")

    def decode(self, cursor: str) -> dict[str, Any]:
        return _check_shape(_load(cursor, charset="latin-1"))


class GarbageIsEmptyCursor(Codec):
    doc = "returns {} for an invalid cursor instead of raising ValueError"

    def decode(self, cursor: str) -> dict[str, Any]:
        try:
            return decode_reference(cursor)
        except ValueError:
            return {}


CODEC_MUTANTS: list[type[Codec]] = [
    KeepsPadding,
    StandardAlphabet,
    IntsBecomeStrings,
    AcceptsNonObjects,
    AcceptsBooleans,
    StripsStringValues,
    ManglesNonLatin1,
    GarbageIsEmptyCursor,
]


def as_pair(codec: Codec) -> tuple[Encode, Decode]:
    def encode_cursor(position: dict[str, Any]) -> str:
        return codec.encode(position)

    def decode_cursor(cursor: str) -> dict[str, Any]:
        return codec.decode(cursor)

    return encode_cursor, decode_cursor


# ---- grading -----------------------------------------------------------------


def test_merge_check_accepts_the_correct_implementation(outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_merge_intervals, as_merge(merge_reference))
    assert failure is None, (
        f"check_merge_intervals rejected a CORRECT merge_intervals: {type(failure).__name__}: {failure}"
    )


@pytest.mark.parametrize("mutant", MERGE_MUTANTS, ids=[m.__name__ for m in MERGE_MUTANTS])
def test_merge_check_catches_mutant(mutant: Merge, outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_merge_intervals, as_merge(mutant))
    assert failure is not None, (
        f"check_merge_intervals passed a BROKEN merge_intervals that {mutant.__doc__}; "
        "which property would this bug violate?"
    )


def test_codec_check_accepts_the_correct_codec(outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_cursor_codec, *as_pair(Codec()))
    assert failure is None, f"check_cursor_codec rejected a CORRECT codec: {type(failure).__name__}: {failure}"


@pytest.mark.parametrize("mutant", CODEC_MUTANTS, ids=[m.__name__ for m in CODEC_MUTANTS])
def test_codec_check_catches_mutant(mutant: type[Codec], outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_cursor_codec, *as_pair(mutant()))
    assert failure is not None, (
        f"check_cursor_codec passed a BROKEN codec that {mutant.doc}; add a property or an example that fails"
    )
