"""A commit-message linter for Conventional Commits.

Teams agree on a commit format so that history is readable, changelogs and
version bumps can be generated, and reviewers see at a glance what a change
does. The Conventional Commits format is::

    type(scope)!: subject

    body paragraphs, wrapped

    Token: value
    BREAKING CHANGE: what breaks and how to migrate

This linter reports every rule a message breaks as ``Finding(line, code,
message)`` so a commit-msg hook or CI job can print them all at once.

Exercise ex02: implement ``parse_commit`` and ``lint_commit_message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_TYPES = ("build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test")

_VERB_LIST = """
add allow bump change check clean convert create delete deprecate document drop enable disable
ensure extract fix handle implement improve introduce log make merge move optimize prevent raise
reduce refactor release remove rename replace return revert set simplify support test update
upgrade use validate write
"""
IMPERATIVE_VERBS = frozenset(_VERB_LIST.split())
"""Verbs whose non-imperative forms (adds, added, adding...) are reported."""

HEADER = re.compile(r"(?P<type>[A-Za-z]+)(?:\((?P<scope>[^()]*)\))?(?P<bang>!)?: (?P<subject>.*)")
SCOPE = re.compile(r"[a-z0-9][a-z0-9-]*")
TRAILER = re.compile(r"(?P<token>BREAKING CHANGE|[A-Za-z][A-Za-z0-9-]*)(?:: | #)(?P<value>.*)")
BREAKING_TOKENS = frozenset({"BREAKING CHANGE", "BREAKING-CHANGE"})
LOOSE_BREAKING = re.compile(r"breaking[ -]changes?\s*:", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Finding:
    """One broken rule: 1-based line number in the original message, a code, and a human message."""

    line: int
    code: str
    message: str


@dataclass(frozen=True)
class CommitMessage:
    """A parsed Conventional Commit.

    Attributes:
        type: the type as written, e.g. ``"feat"``.
        scope: the scope without parentheses, or None.
        breaking: True if the header has ``!`` or a footer token is
            ``BREAKING CHANGE`` / ``BREAKING-CHANGE``.
        subject: the text after ``": "``.
        body: body paragraphs joined with ``"\\n"`` (blank lines between
            paragraphs kept), stripped; ``""`` if none.
        footers: ``(token, value)`` pairs in order.
    """

    type: str
    scope: str | None
    breaking: bool
    subject: str
    body: str
    footers: tuple[tuple[str, str], ...]


def parse_commit(message: str) -> CommitMessage:
    """Parse a commit message into its parts.

    Lines starting with ``#`` are comments (git strips them) and are ignored,
    as are trailing blank lines. The first remaining line is the header and
    must fully match ``HEADER``. The footer block is the last paragraph after
    a blank line, but only if every line of it fully matches ``TRAILER``
    (``Token: value`` or ``Token #value``; only ``BREAKING CHANGE`` may contain
    a space). Everything between header and footers is the body.

    Args:
        message: the full commit message.

    Returns:
        The parsed message.

    Raises:
        ValueError: if the message is empty or the header does not match.
    """
    raise NotImplementedError(
        "drop comment lines, match HEADER on the first line, split off a trailing footer paragraph"
    )


def _verb_forms(verb: str) -> set[str]:
    """Return the -s, -es, -ed, -d, -ing and doubled-consonant forms of ``verb`` (never the verb itself)."""
    forms = {verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")
    forms.add(verb + verb[-1] + "ed")
    forms.add(verb + verb[-1] + "ing")
    if verb.endswith("y"):
        forms.update({verb[:-1] + "ies", verb[:-1] + "ied"})
    return forms - {verb}


NON_IMPERATIVE = frozenset(form for verb in IMPERATIVE_VERBS for form in _verb_forms(verb))


def lint_commit_message(
    message: str,
    *,
    types: Iterable[str] = DEFAULT_TYPES,
    max_subject: int = 72,
    max_line: int = 100,
) -> list[Finding]:
    """Check a commit message and return all findings, sorted by (line, code).

    Comment lines (``#`` first) and trailing blank lines are ignored, but line
    numbers always refer to the original message (1-based). Codes:

    * ``empty``: nothing but comments/blank lines (one finding, line 1);
    * ``header-too-long``: the header line is longer than ``max_subject``;
    * ``header-format``: the header does not fully match ``HEADER``; the
      type/scope/subject rules below are then skipped;
    * ``type-case``: the type is not all lowercase (``Feat``);
    * ``type-unknown``: the lowercased type is not in ``types``;
    * ``scope-format``: a scope that does not fully match ``SCOPE``
      (including an empty ``()``);
    * ``subject-empty``: the subject is empty or only spaces (the other
      subject rules are then skipped);
    * ``subject-case``: the subject starts with an uppercase letter followed
      by a lowercase one (``Add``; ``API`` is fine);
    * ``subject-period``: the subject ends with ``.``;
    * ``subject-mood``: the first word, lowercased with non-letters removed,
      is in ``NON_IMPERATIVE`` (derived forms of ``IMPERATIVE_VERBS``);
    * ``body-leading-blank``: the line after the header is not blank;
    * ``line-too-long``: a line after the header is longer than ``max_line``
      and contains no ``://`` (URLs may be long);
    * ``breaking-change-empty``: a ``BREAKING CHANGE:`` or
      ``BREAKING-CHANGE:`` line with nothing after it;
    * ``breaking-change-format``: a line after the header that starts like a
      breaking-change note (``LOOSE_BREAKING``, any case, optional "S") but is
      not exactly ``BREAKING CHANGE: `` / ``BREAKING-CHANGE: `` followed by text.

    Args:
        message: the full commit message.
        types: allowed lowercase types.
        max_subject: maximum header length in characters.
        max_line: maximum length of later lines.

    Returns:
        The findings; an empty list for a good message.
    """
    raise NotImplementedError("drop comments but keep original line numbers; check the header, then every later line")
