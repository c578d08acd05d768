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

from collections.abc import Mapping


class DotenvError(ValueError):
    """A line of a ``.env`` file that cannot be read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}")


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
    raise NotImplementedError(
        "walk the text line by line; match [export ]KEY=; read an unquoted, single-quoted or "
        "double-quoted value; expand ${...}; track first lines of keys for duplicates; raise "
        "DotenvError(line, message)"
    )
