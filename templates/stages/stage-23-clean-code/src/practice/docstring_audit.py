"""Audit Google-style docstrings of a module's public API with ``ast``.

Reviewers ask the same questions about every public function: is it
documented, do the documented arguments match the signature, does it say what
it returns and which exceptions it raises? This tool answers them
mechanically so reviews can focus on design. It reads source code with
``ast`` (nothing is imported or executed) and reports ``Issue`` records.

What counts as public: module-level functions and methods of module-level
classes whose names do not start with ``_`` (so ``__init__`` and other dunder
methods are skipped), not nested functions, and not methods decorated with
``@property``. A Google-style docstring looks like::

    Summary line ending with a period.

    Args:
        name: what it is.
        limit (int): how many; continuation lines
            are indented further.
        *args: extra values.

    Returns:
        What comes back.

    Raises:
        ValueError: when it is bad.

Exercise ex04: implement ``parse_sections`` and ``audit_source``; the tests
also run ``audit_source`` on this very file, so your own public functions
must pass your audit.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

SECTION_NAMES = {
    "args": "args",
    "arguments": "args",
    "parameters": "args",
    "returns": "returns",
    "return": "returns",
    "yields": "yields",
    "yield": "yields",
    "raises": "raises",
    "attributes": "attributes",
    "example": "examples",
    "examples": "examples",
    "note": "notes",
    "notes": "notes",
}
"""Section header word (lowercased) to canonical section name."""

_HEADER = re.compile(r"([A-Za-z]+):\s*")
_ENTRY = re.compile(r"(\s+)(\*{0,2}[A-Za-z_][A-Za-z0-9_.]*)\s*(?:\([^)]*\))?\s*:")

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True, order=True)
class Issue:
    """One documentation problem.

    Attributes:
        line: line number of the ``def`` (1-based).
        name: ``function`` or ``Class.method``.
        code: the rule, see ``audit_source``.
        detail: the parameter or exception name the issue is about, else ``""``.
    """

    line: int
    name: str
    code: str
    detail: str = ""


def parse_sections(docstring: str) -> dict[str, list[str]]:
    """Split a Google-style docstring into sections.

    The docstring is first normalised with ``inspect.cleandoc``. A section
    starts at an unindented line consisting of a word from ``SECTION_NAMES``
    (any case) and a colon, and ends at the next unindented non-blank line.
    The text before the first section is ``"summary"``: its first line only.

    For ``args`` and ``raises`` the value is the list of entry names: lines
    indented exactly as deep as the section's first entry and fully matching
    ``name:`` or ``name (type):`` at their start (``_ENTRY``); deeper lines
    are continuations. Leading ``*``/``**`` are removed from argument names.
    For every other section the value is its non-blank lines, stripped.

    Args:
        docstring: the raw docstring text.

    Returns:
        Canonical section name to a list of strings, e.g.
        ``{"summary": ["Do it."], "args": ["x", "kwargs"], "raises": ["KeyError"]}``.
    """
    raise NotImplementedError("cleandoc, then walk the lines: headers switch the section, unindented text ends it")


def audit_source(source: str) -> list[Issue]:
    """Audit the public API documented in ``source`` and return sorted issues.

    Codes (``detail`` names the parameter or exception where there is one):

    * ``missing-docstring``: no docstring (or only whitespace); nothing else
      is checked for that function;
    * ``summary-period``: the first docstring line is empty or does not end
      with ``.``;
    * ``arg-undocumented``: a parameter (``self``/``cls`` excluded,
      ``*args``/``**kwargs`` by bare name) is not in the Args section;
    * ``arg-unknown``: the Args section names something not in the signature;
    * ``returns-missing``: the function's own body (not nested functions)
      has ``return <value>`` other than ``return None`` and there is no
      Returns section (generators are checked for Yields instead);
    * ``yields-missing``: the function contains ``yield`` but no Yields section;
    * ``returns-unexpected``: a Returns section but no ``return <value>``;
    * ``raises-undocumented``: the own body has ``raise Name(...)``,
      ``raise Name`` or ``raise module.Name(...)`` with a capitalised name
      that the Raises section does not list (bare ``raise`` and raising a
      lowercase variable are ignored).

    Args:
        source: Python source code.

    Returns:
        Issues sorted by (line, name, code, detail); empty when all is well.

    Raises:
        SyntaxError: if ``source`` is not valid Python (from ``ast.parse``).
    """
    raise NotImplementedError(
        "ast.parse, find public functions and methods, compare each docstring's sections with the code"
    )
