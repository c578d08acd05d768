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

TODO: implement ``check_slugify``. The grader calls it with a correct
``slugify`` (your check must finish without raising) and with many subtly
broken versions (your check must fail on every one of them). Each broken
version violates exactly one numbered rule above, so make sure every rule
is pinned down by at least one assertion, including the boundaries.
"""

from __future__ import annotations

from collections.abc import Callable


def check_slugify(slugify: Callable[..., str]) -> None:
    """Assert that ``slugify`` follows the contract in this module's docstring.

    Args:
        slugify: the implementation under test, called as ``slugify(text)``
            or ``slugify(text, max_length=n)``.

    Raises:
        AssertionError: (via ``assert`` / ``pytest.raises``) when ``slugify``
            breaks the contract. Return normally when it follows it.

    Tip: a table of ``(input, expected)`` pairs in a loop covers rules 1-5
    quickly; put the input in each assert message so a failure says which
    case broke. Use ``pytest.raises(ValueError)`` for rule 6.
    """
    raise NotImplementedError("assert every rule of the slugify contract, boundaries included")
