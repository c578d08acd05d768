"""A dated plan for the 27 stages, its calendar, and how progress compares with it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from scaffolder import curriculum, plan
from scaffolder.errors import RoadmapError

BUNDLED = curriculum.load()
START = date(2027, 1, 4)


def test_the_plan_covers_every_stage_back_to_back() -> None:
    made = plan.make_plan(BUNDLED, START, plan.SUGGESTED_HOURS_PER_WEEK)
    assert [slot.stage.id for slot in made.stages] == [s.id for s in BUNDLED.stages]
    assert made.stages[0].start == START
    for before, after in zip(made.stages, made.stages[1:], strict=False):
        assert after.start == before.end
    for slot in made.stages:
        assert slot.days == slot.stage.weeks * 7, "at the suggested pace a stage takes its suggested weeks"


@pytest.mark.parametrize(("hours", "factor"), [(5, 2.0), (20, 0.5), (40, 0.25)])
def test_fewer_hours_stretch_the_plan(hours: float, factor: float) -> None:
    base = plan.make_plan(BUNDLED, START, plan.SUGGESTED_HOURS_PER_WEEK)
    scaled = plan.make_plan(BUNDLED, START, hours)
    total = (base.end - START).days
    assert abs((scaled.end - START).days - total * factor) <= len(BUNDLED.stages), "rounding is per stage, up"


@pytest.mark.parametrize("hours", [0, 0.5, 81, -3])
def test_impossible_hours_are_refused(hours: float) -> None:
    with pytest.raises(RoadmapError, match="hours-per-week"):
        plan.make_plan(BUNDLED, START, hours)


def test_the_calendar_has_one_event_per_stage(tmp_path: Path) -> None:
    from icalendar import Calendar

    made = plan.make_plan(BUNDLED, START, 8)
    path = tmp_path / "roadmap.ics"
    assert plan.write_calendar(made, path) == 27
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert len(events) == 27
    first = events[0]
    assert str(first["summary"]).startswith("stage-01: ")
    assert first.decoded("dtstart") == START
    assert first.decoded("dtend") == made.stages[0].end
    assert len({str(e["uid"]) for e in events}) == 27
    assert "roadmap new stage-05" in str(events[4]["description"])


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("done", "total", "completed_offset", "today_offset", "expected"),
    [
        (4, 4, 3, None, plan.AHEAD),  # finished in the first days of a four-week slot
        (4, 4, 27, None, plan.ON_TRACK),  # finished just in time
        (4, 4, 40, None, plan.BEHIND),  # finished after the slot ended
        (1, 4, None, 7, plan.ON_TRACK),  # a quarter done after a quarter of the time
        (0, 4, None, 21, plan.BEHIND),  # nothing done three weeks in
        (3, 4, None, 5, plan.AHEAD),  # most done early
        (3, 4, None, 35, plan.BEHIND),  # slot over, not finished
    ],
)
def test_pace_compares_progress_with_the_slot(
    done: int, total: int, completed_offset: int | None, today_offset: int | None, expected: str
) -> None:
    slot = plan.PlannedStage(BUNDLED.stages[4], START, START + timedelta(days=28))
    completed = _at(START + timedelta(days=completed_offset)) if completed_offset is not None else None
    today = START + timedelta(days=today_offset if today_offset is not None else 60)
    assert plan.pace(slot, done, total, completed, today) == expected
