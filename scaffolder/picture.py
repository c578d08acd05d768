"""Pictures of a learner's roadmap: SVG for a profile README, Markdown with Mermaid, one HTML page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from scaffolder.curriculum import Curriculum, Stage
from scaffolder.progress import StageProgress

COLOURS = {"not-started": "#d0d7de", "in-progress": "#f2a33a", "complete": "#2da44e"}
LABELS = {"not-started": "not started", "in-progress": "in progress", "complete": "complete"}
PER_ROW = 9
STEP_X, STEP_Y, RADIUS, MARGIN = 100, 120, 30, 60


@dataclass(frozen=True)
class StageState:
    """Where the learner is with one stage, as the pictures show it."""

    stage: Stage
    state: str
    done: int
    total: int
    repo: str | None = None

    @property
    def fraction(self) -> float:
        """Return the share of exercises done."""
        return self.done / self.total if self.total else 0.0


def stage_states(curriculum: Curriculum, found: tuple[StageProgress, ...]) -> tuple[StageState, ...]:
    """Return every stage's state; where several repos practise a stage, the furthest one counts."""
    best: dict[str, StageProgress] = {}
    for progress in found:
        current = best.get(progress.stage.id)
        if current is None or len(progress.done) > len(current.done):
            best[progress.stage.id] = progress
    states = []
    for stage in curriculum.stages:
        progress = best.get(stage.id)
        if progress is None:
            states.append(StageState(stage, "not-started", 0, len(stage.exercises)))
            continue
        state = progress.state.replace(" ", "-")
        states.append(StageState(stage, state, len(progress.done), progress.total, str(progress.repo.root)))
    return tuple(states)


def _position(index: int) -> tuple[int, int]:
    row, column = divmod(index, PER_ROW)
    if row % 2:
        column = PER_ROW - 1 - column  # the path snakes back on every other row
    return MARGIN + column * STEP_X, MARGIN + row * STEP_Y


def svg(states: tuple[StageState, ...]) -> str:
    """Return the roadmap as a standalone SVG: one group per stage, coloured by its state."""
    rows = math.ceil(len(states) / PER_ROW)
    width = 2 * MARGIN + (PER_ROW - 1) * STEP_X
    height = 2 * MARGIN + (rows - 1) * STEP_Y + 20
    points = " ".join(f"{x},{y}" for x, y in (_position(i) for i in range(len(states))))
    done = sum(s.state == "complete" for s in states)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="Backend developer roadmap: {done} of {len(states)} stages complete" '
        'font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<polyline class="path" points="{points}" fill="none" stroke="#8c959f" stroke-width="4"/>',
    ]
    circumference = 2 * math.pi * RADIUS
    for index, item in enumerate(states):
        x, y = _position(index)
        colour = COLOURS[item.state]
        title = f"{item.stage.id}: {item.stage.title} ({LABELS[item.state]}, {item.done}/{item.total})"
        parts.append(
            f'<g class="stage {item.state}" id="{item.stage.id}" data-done="{item.done}" data-total="{item.total}">'
        )
        parts.append(f"<title>{escape(title)}</title>")
        fill = colour if item.state == "complete" else "#ffffff"
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{RADIUS}" fill="{fill}" stroke="{COLOURS["not-started"]}" stroke-width="6"/>'
        )
        if item.state == "in-progress":
            arc = circumference * max(item.fraction, 0.04)
            parts.append(
                f'<circle class="progress" cx="{x}" cy="{y}" r="{RADIUS}" fill="none" stroke="{colour}" '
                f'stroke-width="6" stroke-dasharray="{arc:.1f} {circumference:.1f}" transform="rotate(-90 {x} {y})"/>'
            )
        text = "#ffffff" if item.state == "complete" else "#24292f"
        parts.append(
            f'<text x="{x}" y="{y + 6}" text-anchor="middle" font-size="18" font-weight="bold" fill="{text}">'
            f"{item.stage.number:02d}</text>"
        )
        parts.append(
            f'<text x="{x}" y="{y + RADIUS + 20}" text-anchor="middle" font-size="11" fill="#57606a" '
            'stroke="#ffffff" stroke-width="4" paint-order="stroke">'
            f"{escape(item.stage.slug)}</text>"
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def markdown(states: tuple[StageState, ...]) -> str:
    """Return a Markdown table of the stages and a Mermaid diagram that GitHub renders."""
    lines = ["| stage | title | state | exercises |", "|---|---|---|---|"]
    for item in states:
        lines.append(f"| {item.stage.id} | {item.stage.title} | {LABELS[item.state]} | {item.done}/{item.total} |")
    lines += ["", "```mermaid", "flowchart LR"]
    for index, item in enumerate(states):
        label = f"{item.stage.number:02d} {item.stage.title}".replace('"', "'")
        if item.state == "in-progress":
            label += f" {item.done}/{item.total}"
        node = f's{item.stage.number:02d}["{label}"]:::{item.state.replace("-", "")}'
        lines.append(f"  {node}" if index == 0 else f"  s{states[index - 1].stage.number:02d} --> {node}")
    for state, colour in COLOURS.items():
        text = "#ffffff" if state == "complete" else "#24292f"
        lines.append(f"  classDef {state.replace('-', '')} fill:{colour},color:{text},stroke:#8c959f")
    lines.append("```")
    return "\n".join(lines) + "\n"


def html(states: tuple[StageState, ...]) -> str:
    """Return one self-contained HTML page (no network assets) with the picture and each stage's details."""
    done = sum(s.state == "complete" for s in states)
    rows = []
    for item in states:
        skills = "".join(f"<li>{escape(skill)}</li>" for skill in item.stage.skills)
        repo = f"<code>{escape(item.repo)}</code>" if item.repo else ""
        rows.append(
            f'<tr class="{item.state}" id="row-{item.stage.id}"><td>{item.stage.id}</td>'
            f"<td><details><summary>{escape(item.stage.title)}</summary><ul>{skills}</ul></details></td>"
            f'<td class="state">{LABELS[item.state]}</td><td>{item.done}/{item.total}</td>'
            f"<td>{item.stage.weeks}</td><td>{repo}</td></tr>"
        )
    style = (
        "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem;color:#24292f}"
        "table{border-collapse:collapse;margin-top:1.5rem}td,th{border-bottom:1px solid #d0d7de;padding:.4rem .8rem;"
        "text-align:left;vertical-align:top}tr.complete .state{color:#1a7f37;font-weight:bold}"
        "tr.in-progress .state{color:#9a6700;font-weight:bold}summary{cursor:pointer}td:first-child{white-space:nowrap}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Backend developer roadmap: progress</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{style}</style></head><body>'
        f'<h1>Backend developer roadmap</h1><p id="summary">{done} of {len(states)} stages complete.</p>'
        f"{svg(states)}"
        "<table><thead><tr><th>stage</th><th>title</th><th>state</th><th>exercises</th><th>weeks</th>"
        f"<th>practice repo</th></tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
