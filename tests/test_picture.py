"""The roadmap as pictures: SVG, Markdown with Mermaid, and a self-contained HTML page seen in Chromium."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scaffolder import curriculum, picture
from scaffolder.practice_repo import PracticeRepo
from scaffolder.progress import StageProgress

BUNDLED = curriculum.load()
SVG = "{http://www.w3.org/2000/svg}"
WHEN = datetime(2027, 1, 4, tzinfo=UTC)


def progress(stage_id: str, done: int) -> StageProgress:
    stage = BUNDLED.stage(stage_id)
    finished = done == len(stage.exercises)
    return StageProgress(
        stage, PracticeRepo(Path(f"/practice/{stage.folder}"), stage.id, f"0.1.0+{stage.id}"),
        tuple(e.id for e in stage.exercises[:done]), WHEN, WHEN if finished else None, WHEN,
    )  # fmt: skip


@pytest.fixture
def states() -> tuple[picture.StageState, ...]:
    first = BUNDLED.stage("1")
    found = (progress("1", len(first.exercises)), progress("5", 2), progress("5", 1))
    return picture.stage_states(BUNDLED, found)


def test_states_take_the_furthest_repo_of_each_stage(states: tuple[picture.StageState, ...]) -> None:
    assert len(states) == 27
    by_id = {s.stage.id: s for s in states}
    assert by_id["stage-01"].state == "complete"
    assert (by_id["stage-05"].state, by_id["stage-05"].done) == ("in-progress", 2)
    assert by_id["stage-27"].state == "not-started"


def test_the_svg_has_one_element_per_stage_with_its_state(states: tuple[picture.StageState, ...]) -> None:
    root = ET.fromstring(picture.svg(states))
    groups = root.findall(f"{SVG}g")
    assert [g.get("id") for g in groups] == [s.id for s in BUNDLED.stages]
    classes = {g.get("id"): g.get("class") for g in groups}
    assert classes["stage-01"] == "stage complete"
    assert classes["stage-05"] == "stage in-progress"
    assert classes["stage-02"] == "stage not-started"
    five = next(g for g in groups if g.get("id") == "stage-05")
    assert five.find(f"{SVG}circle[@class='progress']") is not None, "in progress shows an arc"
    assert "(in progress, 2/" in five.find(f"{SVG}title").text
    assert "1 of 27 stages complete" in root.get("aria-label")


def test_markdown_has_a_table_and_a_mermaid_path(states: tuple[picture.StageState, ...]) -> None:
    text = picture.markdown(states)
    assert "| stage-01 | " in text and "| complete | " in text
    assert "```mermaid\nflowchart LR" in text
    assert text.count(" --> ") == 26
    assert ":::complete" in text and ":::inprogress" in text and ":::notstarted" in text


def test_the_html_page_is_self_contained(states: tuple[picture.StageState, ...]) -> None:
    page = picture.html(states)
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "<script" not in page and "<link" not in page
    assert "1 of 27 stages complete." in page
    assert page.count('<tr class="') == 27


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _flags(profile: Path) -> list[str]:
    return [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", f"--user-data-dir={profile}",
    ]  # fmt: skip


def _pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG into its pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "a plain 8-bit screenshot"
    size = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(b"".join(chunks)), width * size, [], bytearray(width * size)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            guess = {0: 0, 1: left, 2: up, 3: (left + up) // 2}.get(kind)
            if guess is None:
                p = left + up - corner
                guess = min((abs(p - left), left), (abs(p - up), up), (abs(p - corner), corner))[1]
            line[i] = (line[i] + guess) & 0xFF
        rows.append(line)
        previous = line
    return width, height, [tuple(row[x * size : x * size + 3]) for row in rows for x in range(width)]


def _near(pixel: tuple[int, int, int], colour: str) -> bool:
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= 12 for a, b in zip(pixel, want, strict=True))


def test_chromium_shows_the_page(states: tuple[picture.StageState, ...], tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (Debian package `chromium`; .ci/run installs it)")
    page = tmp_path / "roadmap.html"
    page.write_text(picture.html(states))
    shot = tmp_path / "shot.png"
    run = subprocess.run(
        [browser, *_flags(tmp_path / "profile"), "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shot.is_file(), run.stderr[-2000:]
    dom = subprocess.run(
        [browser, *_flags(tmp_path / "profile2"), "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "1 of 27 stages complete." in dom
    assert dom.count('class="stage ') == 27
    width, height, pixels = _pixels(shot.read_bytes())
    assert (width, height) == (1100, 1400)
    green = sum(_near(p, picture.COLOURS["complete"]) for p in pixels)
    amber = sum(_near(p, picture.COLOURS["in-progress"]) for p in pixels)
    assert green > 1500, f"the complete stage is drawn filled in green ({green} green pixels)"
    assert 50 < amber < green, f"the stage in progress shows a partial amber arc ({amber} amber pixels)"
