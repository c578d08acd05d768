"""Write to the terminal: lines, a little colour when it is wanted, tables that fit, a spinner.

Plain code on purpose: every command prints through this module, so it must cost next to
nothing to import (a table library added ~60 ms to every command).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple, TextIO

STYLES = {"bold": "1", "red": "31", "green": "32", "yellow": "33"}
# Heavy rules under the title row, light ones around the body, as most terminal tables draw them.
_TOP, _HEAD_RULE, _BOTTOM = ("┏", "━", "┳", "┓"), ("┡", "━", "╇", "┩"), ("└", "─", "┴", "┘")
_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Cell(NamedTuple):
    """A table cell: its text and, when colour is on, a style from STYLES."""

    text: str
    style: str = ""


class Column(NamedTuple):
    """A table column: its heading, alignment, and whether its cells may wrap to fit the width."""

    heading: str
    right: bool = False
    wrap: bool = True


class Table:
    """Rows of cells under a title and column headings."""

    def __init__(self, title: str, columns: Sequence[Column]) -> None:
        self.title = title
        self.columns = columns
        self.rows: list[tuple[Cell, ...]] = []

    @classmethod
    def of(cls, title: str, headings: Sequence[str], right: Sequence[str] = (), unwrapped: Sequence[str] = ()) -> Table:
        """Return an empty table with these headings; `right` columns align right, `unwrapped` ones never wrap."""
        return cls(title, [Column(h, right=h in right, wrap=h not in unwrapped) for h in headings])

    def add(self, *cells: str | Cell) -> None:
        """Add a row; plain strings are unstyled cells."""
        self.rows.append(tuple(cell if isinstance(cell, Cell) else Cell(cell) for cell in cells))


class Stream:
    """One output stream (stdout or stderr) and what it can show."""

    def __init__(self, file: TextIO) -> None:
        self.file = file

    @property
    def is_terminal(self) -> bool:
        """Return whether a person is watching this stream."""
        try:
            return self.file.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def colour(self) -> bool:
        """Return whether to colour: on a terminal unless NO_COLOR or TERM=dumb; always with FORCE_COLOR."""
        if os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        return self.is_terminal and os.environ.get("TERM") != "dumb"

    @property
    def width(self) -> int | None:
        """Return the columns available: $COLUMNS, else the terminal's width, else no limit."""
        given = os.environ.get("COLUMNS", "")
        if given.isdigit() and int(given) > 0:
            return int(given)
        if not self.is_terminal:
            return None
        try:
            return os.get_terminal_size(self.file.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return 80

    def print(self, text: str = "") -> None:
        """Write text and a newline."""
        self.file.write(text + "\n")
        self.file.flush()

    def style(self, text: str, style: str) -> str:
        """Return text in a style when colour is on, else as it is."""
        return styled(text, style) if self.colour else text

    def table(self, table: Table) -> None:
        """Write a table sized to this stream's width."""
        self.file.write(render(table, self.width, self.colour))
        self.file.flush()

    @contextmanager
    def spinner(self, message: str) -> Iterator[Progress]:
        """Show a spinner and message while the block runs, only on a terminal; the line is cleared after."""
        progress = Progress(message)
        if not self.is_terminal:
            yield progress
            return
        stop = threading.Event()

        def spin() -> None:
            frame = 0
            while not stop.wait(0.1 if frame else 0.0):
                self.file.write(f"\r\x1b[2K{_SPINNER[frame % len(_SPINNER)]} {progress.message}")
                self.file.flush()
                frame += 1

        thread = threading.Thread(target=spin, daemon=True)
        thread.start()
        try:
            yield progress
        finally:
            stop.set()
            thread.join()
            self.file.write("\r\x1b[2K")
            self.file.flush()


class Progress:
    """The message a spinner shows; change it to report progress."""

    def __init__(self, message: str) -> None:
        self.message = message


def stdout() -> Stream:
    """Return the stream for results."""
    return Stream(sys.stdout)


def stderr() -> Stream:
    """Return the stream for problems and progress."""
    return Stream(sys.stderr)


def styled(text: str, style: str) -> str:
    """Return text wrapped in the ANSI codes of a style from STYLES."""
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m" if style else text


def render(table: Table, width: int | None = None, colour: bool = False) -> str:
    """Return the table as text, wrapping the widest wrappable columns until it fits in width."""
    headings = [column.heading for column in table.columns]
    widths = [max([cells(h), *(cells(row[i].text) for row in table.rows)]) for i, h in enumerate(headings)]
    if width is not None:
        _fit(widths, table.columns, width)
    lines = [table.title] if table.title else []
    lines.append(_rule(_TOP, widths))
    lines += _row([Cell(h, "bold") for h in headings], widths, table.columns, colour, heavy=True)
    lines.append(_rule(_HEAD_RULE, widths))
    for row in table.rows:
        lines += _row(list(row), widths, table.columns, colour, heavy=False)
    lines.append(_rule(_BOTTOM, widths))
    return "\n".join(lines) + "\n"


def cells(text: str) -> int:
    """Return how many terminal columns text takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fit(widths: list[int], columns: Sequence[Column], width: int) -> None:
    """Narrow the widest wrappable column, one column of text at a time, until the table fits."""
    borders = 3 * len(widths) + 1
    while sum(widths) + borders > width:
        candidates = [i for i, column in enumerate(columns) if column.wrap and widths[i] > 8]
        if not candidates:
            return
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1


def _rule(parts: tuple[str, str, str, str], widths: list[int]) -> str:
    left, line, middle, right = parts
    return left + middle.join(line * (w + 2) for w in widths) + right


def _row(row: list[Cell], widths: list[int], columns: Sequence[Column], colour: bool, heavy: bool) -> list[str]:
    wrapped = [_wrap(cell.text, w) for cell, w in zip(row, widths, strict=True)]
    bar = "┃" if heavy else "│"
    lines = []
    for n in range(max(len(parts) for parts in wrapped)):
        shown = []
        for cell, parts, w, column in zip(row, wrapped, widths, columns, strict=True):
            text = parts[n] if n < len(parts) else ""
            pad = " " * (w - cells(text))
            text = styled(text, cell.style) if colour and text else text
            shown.append(f" {pad}{text} " if column.right else f" {text}{pad} ")
        lines.append(bar + bar.join(shown) + bar)
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most width columns, at spaces where it can, else anywhere."""
    if cells(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if cells(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while cells(word) > width:
            lines.append(word[:width])
            word = word[width:]
        current = word
    lines.append(current)
    return lines
