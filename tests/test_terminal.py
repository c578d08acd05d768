"""Terminal output: tables fit the width they are given, colour only when wanted."""

from __future__ import annotations

import io

import pytest

from scaffolder import terminal


def _table() -> terminal.Table:
    table = terminal.Table.of("Stages", ("stage", "title", "weeks"), right=("weeks",), unwrapped=("stage",))
    table.add("stage-01", "Where the backend fits in the whole system", "1")
    table.add("stage-27", "Staying current", terminal.Cell("12", "green"))
    return table


def test_a_table_keeps_every_cell_whole_without_a_width() -> None:
    lines = terminal.render(_table()).splitlines()
    assert lines[0] == "Stages"
    assert "│ stage-01 │ Where the backend fits in the whole system │     1 │" in lines
    assert "│ stage-27 │ Staying current                            │    12 │" in lines
    assert len({len(line) for line in lines[1:]}) == 1  # every row is as wide as the rules


@pytest.mark.parametrize("width", [34, 40, 60])
def test_a_table_wraps_its_widest_column_to_fit(width: int) -> None:
    lines = terminal.render(_table(), width=width).splitlines()
    assert all(len(line) <= width for line in lines)
    assert any("stage-01" in line for line in lines)  # an unwrapped column keeps its cells whole
    words = " ".join(line.split("│")[2].strip() for line in lines if line.startswith("│"))
    assert " ".join(words.split()) == "Where the backend fits in the whole system Staying current"


def test_colour_codes_never_count_towards_widths() -> None:
    plain = terminal.render(_table()).splitlines()
    coloured = terminal.render(_table(), colour=True).splitlines()
    assert "\x1b[32m12\x1b[0m" in coloured[-2]
    assert coloured[-2].replace("\x1b[32m", "").replace("\x1b[0m", "") == plain[-2]


def test_wide_characters_take_two_columns() -> None:
    table = terminal.Table.of("", ("name",))
    table.add("日本")
    table.add("abcd")
    lines = terminal.render(table).splitlines()
    assert lines[-3] == "│ 日本 │" and lines[-2] == "│ abcd │"


def test_a_stream_that_is_not_a_terminal_gets_no_colour_and_no_spinner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    buffer = io.StringIO()
    stream = terminal.Stream(buffer)
    assert not stream.colour and stream.width is None
    with stream.spinner("working") as shown:
        shown.message = "still working"
    assert buffer.getvalue() == ""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "50")
    assert stream.colour and stream.width == 50
    monkeypatch.setenv("NO_COLOR", "1")
    assert not stream.colour
