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
import inspect
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
    lines = inspect.cleandoc(docstring).splitlines()
    sections: dict[str, list[str]] = {"summary": lines[:1] if lines and lines[0].strip() else []}
    current: str | None = None
    entry_indent: int | None = None
    for line in lines[1:]:
        header = _HEADER.fullmatch(line)
        if header and header.group(1).lower() in SECTION_NAMES:
            current = SECTION_NAMES[header.group(1).lower()]
            sections.setdefault(current, [])
            entry_indent = None
            continue
        if line.strip() and not line[0].isspace():
            current = None
        if current is None or not line.strip():
            continue
        if current not in {"args", "raises"}:
            sections[current].append(line.strip())
            continue
        indent = len(line) - len(line.lstrip())
        entry_indent = indent if entry_indent is None else entry_indent
        entry = _ENTRY.match(line)
        if indent == entry_indent and entry:
            sections[current].append(entry.group(2).lstrip("*"))
    return sections


def _own_nodes(function: FunctionNode) -> list[ast.AST]:
    """Return the nodes of ``function``'s body without nested functions, classes and lambdas."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        pending.extend(ast.iter_child_nodes(node))
    return found


def _parameters(function: FunctionNode) -> list[str]:
    args = function.args
    names = [arg.arg for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    names += [arg.arg for arg in (args.vararg, args.kwarg) if arg is not None]
    return [name for name in names if name not in {"self", "cls"}]


def _raised_names(nodes: list[ast.AST]) -> set[str]:
    names = set()
    for node in nodes:
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name[:1].isupper():
            names.add(name)
    return names


def _returns_value(nodes: list[ast.AST]) -> bool:
    for node in nodes:
        value = node.value if isinstance(node, ast.Return) else None
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            return True
    return False


def _is_property(function: FunctionNode) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "property" for d in function.decorator_list)


def _public_functions(tree: ast.Module) -> list[tuple[str, FunctionNode]]:
    found: list[tuple[str, FunctionNode]] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            found.append((node.name, node))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                is_function = isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                if is_function and not item.name.startswith("_") and not _is_property(item):
                    found.append((f"{node.name}.{item.name}", item))
    return found


def _audit_function(name: str, function: FunctionNode) -> list[Issue]:
    line = function.lineno
    docstring = ast.get_docstring(function, clean=False)
    if not docstring or not docstring.strip():
        return [Issue(line, name, "missing-docstring")]
    sections = parse_sections(docstring)
    issues = []
    summary = sections["summary"]
    if not summary or not summary[0].rstrip().endswith("."):
        issues.append(Issue(line, name, "summary-period"))
    parameters = _parameters(function)
    documented = sections.get("args", [])
    issues += [Issue(line, name, "arg-undocumented", p) for p in parameters if p not in documented]
    issues += [Issue(line, name, "arg-unknown", d) for d in documented if d not in parameters]
    nodes = _own_nodes(function)
    is_generator = any(isinstance(node, ast.Yield | ast.YieldFrom) for node in nodes)
    if is_generator and "yields" not in sections:
        issues.append(Issue(line, name, "yields-missing"))
    if not is_generator and _returns_value(nodes) and "returns" not in sections:
        issues.append(Issue(line, name, "returns-missing"))
    if "returns" in sections and not _returns_value(nodes):
        issues.append(Issue(line, name, "returns-unexpected"))
    documented_raises = set(sections.get("raises", []))
    issues += [Issue(line, name, "raises-undocumented", e) for e in sorted(_raised_names(nodes) - documented_raises)]
    return issues


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
    tree = ast.parse(source)
    issues: list[Issue] = []
    for name, function in _public_functions(tree):
        issues.extend(_audit_function(name, function))
    return sorted(issues)
