"""Tests for ex04: SM-2 spaced repetition and a persistent learning log. Time is injected as ``today``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from practice.learning_log import Card, LearningLog, Review, new_card, review

D0 = date(2024, 5, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_new_card_is_due_today_with_defaults() -> None:
    card = new_card("py313", "  What does PEP 703 add?  ", "An optional free-threaded build", D0)
    want = Card("py313", "What does PEP 703 add?", "An optional free-threaded build", D0, 2.5, 0, 0, ())
    assert card == want, (
        f"new_card should strip text and start with ease 2.5, interval 0, due today: {want!r}, got {card!r}"
    )


@pytest.mark.parametrize(("card_id", "front", "back"), [("", "f", "b"), ("x", "  ", "b"), ("x", "f", "")])
def test_new_card_rejects_blank_fields(card_id: str, front: str, back: str) -> None:
    with pytest.raises(ValueError):
        new_card(card_id, front, back, D0)


def test_three_good_reviews_follow_sm2_intervals() -> None:
    card = new_card("c", "front", "back", D0)
    card = review(card, 5, day(0))
    assert (card.interval, card.ease, card.due, card.repetitions) == (1, 2.6, day(1), 1), f"1st review wrong: {card!r}"
    card = review(card, 5, day(1))
    assert (card.interval, card.ease, card.due, card.repetitions) == (6, 2.7, day(7), 2), f"2nd review wrong: {card!r}"
    card = review(card, 5, day(7))
    assert (card.interval, card.ease, card.due) == (17, 2.8, day(24)), (
        f"3rd review: interval = ceil(6 * 2.7) = 17 using the ease BEFORE this review, due 17 days later; got {card!r}"
    )
    want_history = (Review(day(0), 5, 1, 2.6), Review(day(1), 5, 6, 2.7), Review(day(7), 5, 17, 2.8))
    assert card.history == want_history, f"every review is appended to history: {want_history!r}, got {card.history!r}"


@pytest.mark.parametrize(("quality", "ease"), [(5, 2.6), (4, 2.5), (3, 2.36), (2, 2.18), (1, 1.96), (0, 1.7)])
def test_ease_update_formula(quality: int, ease: float) -> None:
    card = review(new_card("c", "f", "b", D0), quality, D0)
    assert card.ease == pytest.approx(ease), (
        f"quality {quality}: ease' = ease + 0.1 - (5-q)*(0.08 + (5-q)*0.02) from 2.5 should be {ease}, got {card.ease}"
    )


def test_a_lapse_restarts_the_intervals_but_keeps_the_ease() -> None:
    card = Card("c", "f", "b", day(24), ease=2.8, interval=17, repetitions=3)
    card = review(card, 2, day(24))
    assert (card.repetitions, card.interval, card.due) == (0, 1, day(25)), f"quality < 3 restarts at 1 day: {card!r}"
    assert card.ease == pytest.approx(2.48), f"the ease still drops by 0.32 for quality 2: {card.ease}"
    card = review(card, 4, day(25))
    card = review(card, 4, day(26))
    assert (card.repetitions, card.interval) == (2, 6), f"after a lapse the intervals go 1, then 6 again: {card!r}"


def test_ease_never_drops_below_1_3() -> None:
    card = new_card("c", "f", "b", D0)
    for n in range(4):
        card = review(card, 0, day(n))
    assert card.ease == pytest.approx(1.3), f"repeated failures must floor the ease at 1.3, got {card.ease}"


def test_interval_product_is_rounded_up_without_float_noise() -> None:
    card = Card("c", "f", "b", D0, ease=2.6, interval=15, repetitions=3)
    got = review(card, 4, D0).interval
    assert got == 39, f"15 * 2.6 is 39 (39.000000000000004 in floating point); round up only real fractions, got {got}"
    card = Card("c", "f", "b", D0, ease=2.5, interval=7, repetitions=3)
    assert review(card, 4, D0).interval == 18, "7 * 2.5 = 17.5 rounds UP to 18"


@pytest.mark.parametrize("quality", [-1, 6, 3.5, True, "5"])
def test_review_rejects_bad_quality(quality: Any) -> None:
    with pytest.raises(ValueError):
        review(new_card("c", "f", "b", D0), quality, D0)


def test_review_cannot_go_back_in_time_and_does_not_mutate() -> None:
    original = review(new_card("c", "f", "b", D0), 4, day(5))
    with pytest.raises(ValueError):
        review(original, 4, day(4))
    later = review(original, 4, day(5))
    assert original.repetitions == 1 and later.repetitions == 2, "review returns a NEW card; the old one is unchanged"


def test_log_due_list_and_errors() -> None:
    log = LearningLog()
    log.add("b-card", "B", "b", D0)
    log.add("a-card", "A", "a", D0)
    log.add("c-card", "C", "c", day(-2))
    assert [c.id for c in log.due(D0)] == ["c-card", "a-card", "b-card"], "due(): most overdue first, then by id"
    log.review("a-card", 5, D0)
    assert [c.id for c in log.due(D0)] == ["c-card", "b-card"], "a reviewed card is no longer due today"
    assert [c.id for c in log.due(day(1))] == ["c-card", "b-card", "a-card"], "a-card is due again tomorrow, last"
    with pytest.raises(ValueError):
        log.add("a-card", "dup", "dup", D0)
    with pytest.raises(KeyError):
        log.review("missing", 5, D0)
    assert len(log) == 3 and log.get("a-card").repetitions == 1, "len() counts cards and get() returns the stored card"


def test_stats_retention_and_streak() -> None:
    log = LearningLog()
    log.add("x", "X", "x", day(0))
    log.add("y", "Y", "y", day(0))
    assert log.stats(day(0)) == {"cards": 2, "due": 2, "reviews": 0, "retention": None, "streak": 0}, (
        f"a new log has no reviews and no retention yet, got {log.stats(day(0))}"
    )
    log.review("x", 5, day(0))
    log.review("y", 2, day(1))
    log.review("y", 4, day(2))
    got = log.stats(day(2))
    want = {"cards": 2, "due": 1, "reviews": 3, "retention": 0.67, "streak": 3}
    assert got == want, f"stats on day 2 should be {want}, got {got}"
    assert log.stats(day(3))["streak"] == 3, "no review yet today does not break the streak until the day is over"
    assert log.stats(day(4))["streak"] == 0, "a whole day without reviews resets the streak"


def test_json_round_trip() -> None:
    log = LearningLog()
    log.add("ünïcode", "Qu'est-ce que c'est ?", "Ça marche", D0)
    log.add("ast", "Which module parses Python code?", "ast", D0)
    log.review("ast", 5, D0)
    log.review("ast", 3, day(1))
    text = log.to_json()
    data = json.loads(text)
    assert data["version"] == 1 and [c["id"] for c in data["cards"]] == ["ast", "ünïcode"], (
        f"to_json should write version 1 and cards sorted by id, got {text[:200]}"
    )
    assert data["cards"][0]["history"][0] == {"day": "2024-05-01", "quality": 5, "interval": 1, "ease": 2.6}, (
        f"review history should be stored with ISO dates, got {data['cards'][0]['history'][0]}"
    )
    loaded = LearningLog.from_json(text)
    for card_id in ("ast", "ünïcode"):
        assert loaded.get(card_id) == log.get(card_id), f"card {card_id!r} should survive the JSON round trip"


@pytest.mark.parametrize(
    "text",
    ["", "[]", '{"version": 2, "cards": []}', '{"version": 1, "cards": [{"id": "x"}]}', '{"version": 1}'],
    ids=["empty", "not-an-object", "future-version", "card-missing-fields", "no-cards"],
)
def test_from_json_rejects_invalid_documents(text: str) -> None:
    with pytest.raises(ValueError):
        LearningLog.from_json(text)
