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


def _content_lines(message: str) -> list[tuple[int, str]]:
    """Return ``(line_number, text)`` for every non-comment line, trailing blank lines dropped."""
    lines = enumerate(message.splitlines(), start=1)
    kept = [(number, text) for number, text in lines if not text.startswith("#")]
    while kept and not kept[-1][1].strip():
        kept.pop()
    return kept


def _split_footers(rest: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Split the lines after the header into (body lines, footer lines)."""
    start = len(rest)
    while start > 0 and rest[start - 1][1].strip():
        start -= 1
    block = rest[start:]
    if block and start > 0 and all(TRAILER.fullmatch(text) for _, text in block):
        return rest[:start], block
    return rest, []


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
    lines = _content_lines(message)
    if not lines:
        raise ValueError("empty commit message")
    match = HEADER.fullmatch(lines[0][1])
    if match is None:
        raise ValueError(f"header does not follow 'type(scope): subject': {lines[0][1]!r}")
    body_lines, footer_lines = _split_footers(lines[1:])
    footers = []
    for _, text in footer_lines:
        trailer = TRAILER.fullmatch(text)
        if trailer is not None:
            footers.append((trailer.group("token"), trailer.group("value")))
    breaking = match.group("bang") is not None or any(token in BREAKING_TOKENS for token, _ in footers)
    return CommitMessage(
        type=match.group("type"),
        scope=match.group("scope"),
        breaking=breaking,
        subject=match.group("subject"),
        body="\n".join(text for _, text in body_lines).strip(),
        footers=tuple(footers),
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


def _header_findings(number: int, header: str, types: Iterable[str], max_subject: int) -> list[Finding]:
    findings = []
    if len(header) > max_subject:
        findings.append(Finding(number, "header-too-long", f"header is {len(header)} characters, max {max_subject}"))
    match = HEADER.fullmatch(header)
    if match is None:
        findings.append(Finding(number, "header-format", "header must look like 'type(scope): subject'"))
        return findings
    kind, scope, subject = match.group("type"), match.group("scope"), match.group("subject")
    if kind != kind.lower():
        findings.append(Finding(number, "type-case", f"type {kind!r} must be lowercase"))
    if kind.lower() not in set(types):
        findings.append(Finding(number, "type-unknown", f"type {kind.lower()!r} is not one of the allowed types"))
    if scope is not None and not SCOPE.fullmatch(scope):
        findings.append(Finding(number, "scope-format", f"scope {scope!r} must be lowercase words joined by -"))
    findings.extend(_subject_findings(number, subject))
    return findings


def _subject_findings(number: int, subject: str) -> list[Finding]:
    if not subject.strip():
        return [Finding(number, "subject-empty", "subject must not be empty")]
    findings = []
    if len(subject) > 1 and subject[0].isupper() and subject[1].islower():
        findings.append(Finding(number, "subject-case", "subject must start with a lowercase letter"))
    if subject.endswith("."):
        findings.append(Finding(number, "subject-period", "subject must not end with a period"))
    first_word = re.sub(r"[^a-z]", "", subject.split()[0].lower())
    if first_word in NON_IMPERATIVE:
        findings.append(Finding(number, "subject-mood", f"use the imperative mood ('add', not {first_word!r})"))
    return findings


def _rest_findings(rest: list[tuple[int, str]], max_line: int) -> list[Finding]:
    findings = []
    if rest and rest[0][1].strip():
        findings.append(Finding(rest[0][0], "body-leading-blank", "leave one blank line after the header"))
    for number, text in rest:
        if len(text) > max_line and "://" not in text:
            findings.append(Finding(number, "line-too-long", f"line is {len(text)} characters, max {max_line}"))
        findings.extend(_breaking_findings(number, text))
    return findings


def _breaking_findings(number: int, text: str) -> list[Finding]:
    if text.strip() in {"BREAKING CHANGE:", "BREAKING-CHANGE:"}:
        return [Finding(number, "breaking-change-empty", "describe what breaks")]
    trailer = TRAILER.fullmatch(text)
    if trailer is not None and trailer.group("token") in BREAKING_TOKENS:
        return []
    if LOOSE_BREAKING.match(text):
        return [Finding(number, "breaking-change-format", "write exactly 'BREAKING CHANGE: ...'")]
    return []


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
    lines = _content_lines(message)
    if not lines:
        return [Finding(1, "empty", "the commit message is empty")]
    number, header = lines[0]
    findings = _header_findings(number, header, types, max_subject)
    findings.extend(_rest_findings(lines[1:], max_line))
    return sorted(findings)
