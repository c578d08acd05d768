"""Grades ex01: your check_slugify must accept the correct slugify and catch every mutant."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest
from practice.slugify_checks import check_slugify

Slugify = Callable[..., str]


def _chars(text: str, *, fold: bool = True, lower: bool = True, keep: str = "", drop_non_ascii: bool = False) -> str:
    """Map text to word characters and spaces (spaces = separators)."""
    source = unicodedata.normalize("NFKD", text) if fold else text
    out: list[str] = []
    for ch in source:
        if fold and unicodedata.combining(ch):
            continue
        if (ch.isascii() and ch.isalnum()) or ch in keep:
            out.append(ch.lower() if lower else ch)
        elif drop_non_ascii and not ch.isascii():
            continue
        else:
            out.append(" ")
    return "".join(out)


def _fit(words: list[str], max_length: int, *, exact_fits: bool = True, hard_cut_first: bool = True) -> str:
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        too_long = len(candidate) > max_length if exact_fits else len(candidate) >= max_length
        if too_long:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length] if hard_cut_first else words[0]
    return slug


def reference(text: str, max_length: int = 40) -> str:
    if max_length < 1:
        raise ValueError(f"max_length must be >= 1, got {max_length}")
    slug = _fit(_chars(text).split(), max_length)
    if not slug:
        raise ValueError(f"{text!r} has no characters usable in a slug")
    return slug


def keeps_uppercase(text: str, max_length: int = 40) -> str:
    """does not lowercase (rule 2)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = _fit(_chars(text, lower=False).split(), max_length)
    if not slug:
        raise ValueError("empty")
    return slug


def no_accent_folding(text: str, max_length: int = 40) -> str:
    """does not decompose accents, so 'Creme' with an accent loses the letter (rule 1)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = _fit(_chars(text, fold=False).split(), max_length)
    if not slug:
        raise ValueError("empty")
    return slug


def drops_non_ascii(text: str, max_length: int = 40) -> str:
    """deletes non-ASCII characters instead of treating them as separators (rule 3)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = _fit(_chars(text, drop_non_ascii=True).split(), max_length)
    if not slug:
        raise ValueError("empty")
    return slug


def keeps_underscores(text: str, max_length: int = 40) -> str:
    """treats '_' as a word character (rule 3)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = _fit(_chars(text, keep="_").split(), max_length)
    if not slug:
        raise ValueError("empty")
    return slug


def double_dashes(text: str, max_length: int = 40) -> str:
    """turns every separator character into its own '-' (rule 3: runs must collapse)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    dashed = re.sub(r" ", "-", _chars(text).strip())
    slug = dashed[:max_length].rstrip("-") if len(dashed) > max_length else dashed
    if not slug:
        raise ValueError("empty")
    return slug


def edge_dashes(text: str, max_length: int = 40) -> str:
    """keeps a '-' for leading/trailing separators (rule 4)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    mapped = _chars(text)
    core = _fit(mapped.split(), max_length)
    if not core:
        raise ValueError("empty")
    lead = "-" if mapped[:1] == " " else ""
    trail = "-" if mapped[-1:] == " " and core == "-".join(mapped.split()) else ""
    return f"{lead}{core}{trail}"


def cuts_mid_word(text: str, max_length: int = 40) -> str:
    """truncates in the middle of a word instead of at a word boundary (rule 5)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = "-".join(_chars(text).split())[:max_length].rstrip("-")
    if not slug:
        raise ValueError("empty")
    return slug


def rejects_exact_fit(text: str, max_length: int = 40) -> str:
    """drops a word that would make the slug exactly max_length long (rule 5 boundary)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = _fit(_chars(text).split(), max_length, exact_fits=False)
    if not slug:
        raise ValueError("empty")
    return slug


def overlong_single_word(text: str, max_length: int = 40) -> str:
    """returns a first word longer than max_length uncut (rule 5)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    slug = _fit(_chars(text).split(), max_length, hard_cut_first=False)
    if not slug:
        raise ValueError("empty")
    return slug


def blank_instead_of_error(text: str, max_length: int = 40) -> str:
    """returns '' instead of raising ValueError when nothing is left (rule 6)"""
    if max_length < 1:
        raise ValueError("bad max_length")
    return _fit(_chars(text).split(), max_length)


def ignores_bad_max_length(text: str, max_length: int = 40) -> str:
    """treats max_length < 1 as the default 40 instead of raising ValueError (rule 6)"""
    return reference(text, max_length if max_length >= 1 else 40)


MUTANTS: list[Slugify] = [
    keeps_uppercase,
    no_accent_folding,
    drops_non_ascii,
    keeps_underscores,
    double_dashes,
    edge_dashes,
    cuts_mid_word,
    rejects_exact_fit,
    overlong_single_word,
    blank_instead_of_error,
    ignores_bad_max_length,
]


def disguise(fn: Slugify) -> Slugify:
    """Give every implementation the same public name."""

    def slugify(text: str, max_length: int = 40) -> str:
        return fn(text, max_length)

    return slugify


def test_check_accepts_the_correct_slugify(outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_slugify, disguise(reference))
    assert failure is None, (
        f"check_slugify rejected a CORRECT slugify: {type(failure).__name__}: {failure}. "
        "One of your expectations does not match the contract in the module docstring."
    )


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.__name__ for m in MUTANTS])
def test_check_catches_mutant(mutant: Slugify, outcome: Callable[..., BaseException | None]) -> None:
    failure = outcome(check_slugify, disguise(mutant))
    assert failure is not None, (
        f"check_slugify passed a BROKEN slugify that {mutant.__doc__}. Add an assertion that this bug would fail."
    )
