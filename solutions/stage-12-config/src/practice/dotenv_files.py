"""Read ``.env`` files: the local-development way to provide environment variables.

A ``.env`` file looks simple, but the tools that read it disagree on the
details, and the details bite: a ``#`` inside a password, a quoted value that
spans lines (a PEM key), ``export`` copied from a shell script, a key defined
twice, Windows line endings. This module implements one precise dialect and
reports every problem with its line number.

The dialect::

    # a comment line; blank lines are ignored
    export PORT=8080                 # 'export ' is optional
    NAME = plain value   # comment   # unquoted: trimmed, ' #' starts a comment
    GREETING='single: ${NOT} \\n'    # single quotes: exactly as written
    MOTD="line one\\nline two"        # double quotes: escapes, may span lines
    URL=http://${HOST:-localhost}:${PORT}/   # ${VAR} and ${VAR:-default}
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ASSIGNMENT = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=")
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}
_TRAILER = re.compile(r"[ \t]*(#.*)?")


class DotenvError(ValueError):
    """A line of a ``.env`` file that cannot be read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}")


class _Scope:
    def __init__(self, values: Mapping[str, str], environ: Mapping[str, str], line: int) -> None:
        self.values = values
        self.environ = environ
        self.line = line

    def lookup(self, name: str, default: str | None) -> str:
        value = self.values.get(name, self.environ.get(name))
        if default is not None and not value:
            return default
        return value or ""

    def expand(self, text: str) -> str:
        """Replace ``${...}`` references in a piece of text that has no escapes."""
        out: list[str] = []
        position = 0
        while True:
            start = text.find("${", position)
            if start == -1:
                out.append(text[position:])
                return "".join(out)
            out.append(text[position:start])
            match = _REFERENCE.match(text, start)
            if not match:
                raise DotenvError(self.line, "bad ${...} reference; use ${NAME} or ${NAME:-default}")
            out.append(self.lookup(match.group(1), match.group(2)))
            position = match.end()


def _double_quoted(text: str, start: int, scope: _Scope) -> tuple[str, int]:
    """Read a double-quoted value whose opening quote is at ``start``."""
    out: list[str] = []
    position = start + 1
    while position < len(text):
        char = text[position]
        if char == '"':
            return "".join(out), position + 1
        if char == "\\" and position + 1 < len(text):
            nxt = text[position + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            position += 2
            continue
        if char == "$" and text.startswith("${", position):
            match = _REFERENCE.match(text, position)
            if not match:
                raise DotenvError(scope.line, "bad ${...} reference; use ${NAME} or ${NAME:-default}")
            out.append(scope.lookup(match.group(1), match.group(2)))
            position = match.end()
            continue
        out.append(char)
        position += 1
    raise DotenvError(scope.line, 'unterminated double-quoted value (missing closing ")')


def parse_dotenv(
    text: str,
    *,
    environ: Mapping[str, str] | None = None,
    allow_duplicates: bool = False,
) -> dict[str, str]:
    """Parse the text of a ``.env`` file into ``{KEY: value}`` in file order.

    Lines (``\\n``, ``\\r\\n`` and a leading UTF-8 byte-order mark are handled):

    * Blank lines and lines whose first non-blank character is ``#`` are skipped.
    * An assignment is ``[export ]KEY=value``; spaces/tabs are allowed around
      ``=``. ``KEY`` matches ``[A-Za-z_][A-Za-z0-9_]*``.
    * Unquoted value: the rest of the line. A ``#`` preceded by a space or tab
      starts a comment (``COLOR=#fff`` keeps its ``#``). Then strip spaces and
      tabs. ``${...}`` references are expanded. No escapes.
    * Single-quoted value (the value starts with ``'``): everything up to the
      next ``'``, literally: no escapes, no expansion; it may span lines.
    * Double-quoted value (starts with ``"``): up to the next unescaped ``"``;
      may span lines. Escapes: ``\\n \\t \\r \\" \\\\ \\$``; any other backslash
      pair is kept as written (``\\d`` stays ``\\d``). ``${...}`` is expanded;
      ``\\${`` is a literal ``${``.
    * After a closing quote only spaces/tabs and an optional ``# comment`` may follow.

    Expansion: ``${NAME}`` is the value of NAME from the keys already parsed
    in this file, else from ``environ``, else ``""``. ``${NAME:-default}``
    uses ``default`` (literally) when NAME is unset OR empty. A bare ``$NAME``
    is not expanded. Only ``${...}`` is special: a ``$`` alone is literal.

    Args:
        text: The file's content.
        environ: Variables visible to ``${...}`` after this file's own keys
            (usually ``os.environ``); None means none.
        allow_duplicates: When False a key defined twice is an error; when
            True the later value wins (and later ``${...}`` see the new value).

    Returns:
        The keys in the order they were first defined.

    Raises:
        DotenvError: With the 1-based ``line`` of the problem: a line that is
            not an assignment (e.g. ``KEY`` alone, ``1KEY=x``, ``MY-KEY=x``);
            an unterminated quote (the line of the opening quote); text after a
            closing quote; a malformed ``${`` reference such as ``${}`` or
            ``${NAME``; a duplicate key when not allowed (the message names the
            key and the line where it was first set).
    """
    environ = environ or {}
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    values: dict[str, str] = {}
    first_line: dict[str, int] = {}
    position = 0
    line = 1
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        physical = text[position:end]
        stripped = physical.strip()
        if not stripped or stripped.startswith("#"):
            position = end + 1
            line += 1
            continue
        match = _ASSIGNMENT.match(physical)
        if not match:
            raise DotenvError(line, f"expected KEY=value, got {stripped[:40]!r}")
        key = match.group(1)
        scope = _Scope(values, environ, line)
        rest_start = position + match.end()
        while rest_start < end and text[rest_start] in " \t":
            rest_start += 1
        opener = text[rest_start] if rest_start < end else ""
        if opener in ("'", '"'):
            if opener == "'":
                close = text.find("'", rest_start + 1)
                if close == -1:
                    raise DotenvError(line, "unterminated single-quoted value (missing closing ')")
                value, after = text[rest_start + 1 : close], close + 1
            else:
                value, after = _double_quoted(text, rest_start, scope)
            consumed_lines = text.count("\n", position, after)
            trailer_end = text.find("\n", after)
            trailer_end = len(text) if trailer_end == -1 else trailer_end
            if not _TRAILER.fullmatch(text[after:trailer_end]):
                raise DotenvError(line + consumed_lines, "unexpected text after the closing quote")
            next_position = trailer_end + 1
            next_line = line + consumed_lines + 1
        else:
            raw = text[position + match.end() : end]
            comment = re.search(r"[ \t]#", raw)
            if comment:
                raw = raw[: comment.start()]
            value = scope.expand(raw.strip(" \t"))
            next_position = end + 1
            next_line = line + 1
        if key in first_line and not allow_duplicates:
            raise DotenvError(line, f"duplicate key {key!r} (first set on line {first_line[key]})")
        first_line.setdefault(key, line)
        values[key] = value
        position = next_position
        line = next_line
    return values
