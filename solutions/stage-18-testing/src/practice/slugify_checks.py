"""Write the checks for a ``slugify`` function (you test it; you do not write it).

A slug is the readable, URL-safe part of a link: the blog post
"Crème Brûlée: 5 Tips!" lives at ``/posts/creme-brulee-5-tips``. Slug bugs
break links, create duplicate URLs and fail on non-English titles, so a team
wants tests that catch them.

The function under test has this contract:

``slugify(text: str, max_length: int = 40) -> str``

1. Unicode is decomposed (NFKD) and combining marks are removed, so accented
   letters become plain ASCII letters: ``"Crème Brûlée"`` -> ``"creme-brulee"``.
   Fullwidth and ligature forms decompose too (``"ﬁle"`` -> ``"file"``).
2. The result is lowercase.
3. Only ``a-z`` and ``0-9`` are kept as word characters. Every other
   character (spaces, punctuation, ``_``, dashes, emoji, characters with no
   ASCII form such as ``"日"`` or ``"ß"``) is a separator. A run of
   separators becomes ONE ``-``: ``"Hello,   World!!"`` -> ``"hello-world"``,
   ``"Zürich\u2013Genève"`` (an en dash) -> ``"zurich-geneve"``,
   ``"snake_case"`` -> ``"snake-case"``.
4. The result never starts or ends with ``-``.
5. The result is at most ``max_length`` characters, cut at a word
   boundary: keep as many whole words as fit (a result of exactly
   ``max_length`` characters is fine). ``slugify("hello big world", 9)`` ->
   ``"hello-big"``; ``slugify("hello big world", 8)`` -> ``"hello"``. If even
   the first word is longer than ``max_length``, it is cut to its first
   ``max_length`` characters: ``slugify("extraordinary", 5)`` -> ``"extra"``.
6. ``ValueError`` if ``max_length < 1``, and ``ValueError`` if the result
   would be empty (``""``, ``"!!!"``, ``"日本"``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

CASES: list[tuple[str, int, str]] = [
    # rule 1: folding
    ("Cr\u00e8me Br\u00fbl\u00e9e", 40, "creme-brulee"),
    ("\ufb01le \uff2e\uff41\uff4d\uff45", 40, "file-name"),
    # rule 2: lowercase
    ("Hello World", 40, "hello-world"),
    # rule 3: separators
    ("Hello,   World!!", 40, "hello-world"),
    ("Z\u00fcrich\u2013Gen\u00e8ve", 40, "zurich-geneve"),
    ("snake_case_name", 40, "snake-case-name"),
    ("a\u65e5b", 40, "a-b"),
    ("stra\u00dfe 2024", 40, "stra-e-2024"),
    ("rock \U0001f3b8 roll", 40, "rock-roll"),
    # rule 4: edges
    ("  --Hello--  ", 40, "hello"),
    ("...launch day!", 40, "launch-day"),
    # rule 5: length
    ("hello big world", 9, "hello-big"),
    ("hello big world", 8, "hello"),
    ("hello big world", 15, "hello-big-world"),
    ("hello world", 11, "hello-world"),
    ("hello world", 10, "hello"),
    ("extraordinary", 5, "extra"),
    ("extraordinary words", 13, "extraordinary"),
    ("a " * 30, 40, "-".join(["a"] * 20)),
]


def check_slugify(slugify: Callable[..., str]) -> None:
    """Assert that ``slugify`` follows the contract in this module's docstring.

    Args:
        slugify: the implementation under test, called as ``slugify(text)``
            or ``slugify(text, max_length=n)``.

    Raises:
        AssertionError: (via ``assert`` / ``pytest.raises``) when ``slugify``
            breaks the contract. Return normally when it follows it.
    """
    for text, max_length, want in CASES:
        got = slugify(text, max_length=max_length)
        assert got == want, f"slugify({text!r}, max_length={max_length}) should be {want!r}, got {got!r}"
        assert len(got) <= max_length, f"slugify({text!r}) is longer than {max_length}: {got!r}"

    default = slugify("word " * 20)
    assert default == "-".join(["word"] * 8), f"the default max_length is 40, got {default!r}"

    for empty in ["", "!!!", "\u65e5\u672c", "   ", "___"]:
        with pytest.raises(ValueError):
            slugify(empty)
    for bad_length in [0, -1]:
        with pytest.raises(ValueError):
            slugify("hello", max_length=bad_length)
