"""Code ownership: who must review a change, following GitHub's CODEOWNERS rules.

A ``CODEOWNERS`` file maps path patterns to the people or teams responsible
for them; the code host then requests their review on every pull request
that touches those paths. The rules implemented here:

* one rule per line: a pattern, then zero or more owners separated by
  whitespace; blank lines and lines starting with ``#`` are skipped, and a
  `` #`` after the owners starts a comment;
* owners are ``@user``, ``@org/team`` or an email address;
* **the last matching rule wins**, and a matching rule without owners makes
  the path explicitly unowned;
* patterns follow gitignore rules, with GitHub's restrictions:

  - a pattern containing a ``/`` anywhere except at the end is anchored at
    the repository root (``/docs/`` and ``build/logs`` only match at the
    root); otherwise it matches at any depth (``*.js``, ``apps/``);
  - ``*`` matches within one path segment, ``?`` one character of a
    segment, ``**`` any number of segments;
  - a pattern ending in ``/`` matches everything inside that directory;
  - a pattern whose last segment contains ``*`` or ``?`` matches only that
    level (``docs/*`` matches ``docs/a.md`` but not ``docs/x/b.md``);
    otherwise it also matches everything below a directory of that name;
  - ``!`` negation, ``[...]`` character ranges and ``\\`` escapes are not
    supported by GitHub, so they are errors here.

Exercise ex05: implement the functions below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_OWNER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+")


class CodeownersError(ValueError):
    """A CODEOWNERS line cannot be used; the message starts with ``line N:``."""


@dataclass(frozen=True)
class Rule:
    """One CODEOWNERS rule.

    Attributes:
        line: 1-based line number in the file.
        pattern: the pattern as written.
        owners: the owners in file order (may be empty).
        regex: the compiled pattern from ``pattern_to_regex``.
    """

    line: int
    pattern: str
    owners: tuple[str, ...]
    regex: re.Pattern[str]


@dataclass(frozen=True)
class ReviewPlan:
    """Who has to review a set of changed paths.

    Attributes:
        reviewers: owner to the sorted changed paths they own.
        unowned: sorted changed paths that no owner covers.
    """

    reviewers: dict[str, tuple[str, ...]]
    unowned: tuple[str, ...]


def pattern_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate a CODEOWNERS pattern into a regex matched against whole paths.

    Paths are relative to the repository root, use ``/`` and have no leading
    ``/`` (``src/app.py``). See the module docstring for the rules. A ``**``
    followed by ``/`` matches zero or more whole directories; any other ``**``
    matches anything, including ``/``.

    Args:
        pattern: a pattern such as ``*.js``, ``/docs/`` or ``apps/**/test_*.py``.

    Returns:
        A compiled regex for ``fullmatch``.

    Raises:
        ValueError: for an empty pattern or unsupported syntax (``!``, ``[``, ``\\``).
    """
    raise NotImplementedError(
        "check the syntax, decide anchored/directory/last-segment rules, translate ** * ? and escape the rest"
    )


def parse_codeowners(text: str) -> list[Rule]:
    """Parse a CODEOWNERS file into rules, in file order.

    Args:
        text: the file content.

    Returns:
        The rules; comment and blank lines produce none.

    Raises:
        CodeownersError: for an unsupported pattern or an owner that is not
            ``@user``, ``@org/team`` or an email; the message starts with
            ``line N:``.
    """
    raise NotImplementedError("skip blanks and comments, split pattern and owners, cut a trailing # comment, validate")


def owners_for(rules: Iterable[Rule], path: str) -> tuple[str, ...]:
    """Return the owners of ``path``: those of the last rule that matches it.

    Args:
        rules: parsed rules in file order.
        path: a file path relative to the root, e.g. ``src/app.py``; a
            leading ``/`` is ignored.

    Returns:
        The owners, or ``()`` when no rule matches or the last match has none.
    """
    raise NotImplementedError("loop over all rules and keep the owners of the last one whose regex fullmatches")


def review_plan(rules: Iterable[Rule], changed_paths: Iterable[str]) -> ReviewPlan:
    """Work out which owners must review a change touching ``changed_paths``.

    Args:
        rules: parsed rules in file order.
        changed_paths: paths changed by a pull request (duplicates allowed).

    Returns:
        A plan: every owner with the sorted, de-duplicated paths they own
        (owners in sorted order), and the sorted unowned paths.
    """
    raise NotImplementedError("group the de-duplicated paths by owner, collect the unowned ones, sort everything")
