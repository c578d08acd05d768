"""A dated plan for the whole roadmap, and how a learner's progress compares with it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from scaffolder.curriculum import Curriculum, Stage
from scaffolder.errors import RoadmapError

# The suggested weeks in stages.yaml assume this many hours of practice a week.
SUGGESTED_HOURS_PER_WEEK = 10
AHEAD, ON_TRACK, BEHIND = "ahead", "on track", "behind"


@dataclass(frozen=True)
class PlannedStage:
    """One stage's slot in the plan."""

    stage: Stage
    start: date
    end: date

    @property
    def days(self) -> int:
        """Return the length of the slot in days."""
        return (self.end - self.start).days


@dataclass(frozen=True)
class Plan:
    """Every stage with its dates, at a given pace."""

    start: date
    hours_per_week: float
    stages: tuple[PlannedStage, ...]

    @property
    def end(self) -> date:
        """Return the day the last stage is planned to end."""
        return self.stages[-1].end

    def slot(self, stage_id: str) -> PlannedStage:
        """Return one stage's slot."""
        return next(p for p in self.stages if p.stage.id == stage_id)


def make_plan(curriculum: Curriculum, start: date, hours_per_week: float) -> Plan:
    """Schedule every stage back to back from start, scaling the suggested weeks to the hours available."""
    if not 1 <= hours_per_week <= 80:
        raise RoadmapError(f"--hours-per-week must be between 1 and 80, got {hours_per_week:g}")
    scale = SUGGESTED_HOURS_PER_WEEK / hours_per_week
    slots: list[PlannedStage] = []
    cursor = start
    for stage in curriculum.stages:
        days = max(1, math.ceil(stage.weeks * 7 * scale))
        slots.append(PlannedStage(stage, cursor, cursor + timedelta(days=days)))
        cursor += timedelta(days=days)
    return Plan(start, hours_per_week, tuple(slots))


def pace(slot: PlannedStage, done: int, total: int, completed: datetime | None, today: date) -> str:
    """Return ahead, on track or behind: the share of exercises done against the share of the slot gone by."""
    if completed is not None or (total and done == total):
        finished = completed.date() if completed else today
        if finished < slot.end - timedelta(days=max(1, slot.days // 4)):
            return AHEAD
        return ON_TRACK if finished <= slot.end else BEHIND
    elapsed = (today - slot.start).days / max(1, slot.days)
    share = done / total if total else 0.0
    if share >= min(1.0, max(0.0, elapsed)) + 0.2:
        return AHEAD
    return BEHIND if share < min(1.0, elapsed) - 0.2 or today > slot.end else ON_TRACK


def write_calendar(plan: Plan, path: Path) -> int:
    """Write the plan as an iCalendar file, one all-day event per stage; return the number of events."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//roadmap//backend developer roadmap plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Backend developer roadmap")
    stamp = datetime.now().astimezone()
    for slot in plan.stages:
        event = Event()
        event.add("uid", f"{slot.stage.id}-{plan.start.isoformat()}@roadmap")
        event.add("dtstamp", stamp)
        event.add("summary", f"{slot.stage.id}: {slot.stage.title}")
        event.add("dtstart", slot.start)
        event.add("dtend", slot.end)
        skills = "\n".join(f"- {skill}" for skill in slot.stage.skills)
        event.add("description", f"{slot.stage.why}\n\nSkills:\n{skills}\n\nStart it with: roadmap new {slot.stage.id}")
        calendar.add_component(event)
    try:
        path.write_bytes(calendar.to_ical())
    except OSError as error:
        raise RoadmapError(f"cannot write {path}: {error.strerror or error}") from None
    return len(plan.stages)
