"""A spaced-repetition learning log using the SM-2 algorithm."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

MIN_EASE = 1.3
START_EASE = 2.5


@dataclass(frozen=True, slots=True)
class Review:
    """One review of a card."""

    day: date
    quality: int
    interval: int
    ease: float


@dataclass(frozen=True, slots=True)
class Card:
    """Something you want to remember, with its SM-2 state."""

    id: str
    front: str
    back: str
    due: date
    ease: float = START_EASE
    interval: int = 0
    repetitions: int = 0
    history: tuple[Review, ...] = ()


def new_card(card_id: str, front: str, back: str, today: date) -> Card:
    """A fresh card, due today."""
    if not card_id.strip() or not front.strip() or not back.strip():
        raise ValueError("id, front and back must not be blank")
    return Card(id=card_id, front=front.strip(), back=back.strip(), due=today)


def review(card: Card, quality: int, today: date) -> Card:
    """Apply one SM-2 review and return the updated card."""
    if isinstance(quality, bool) or not isinstance(quality, int) or not 0 <= quality <= 5:
        raise ValueError(f"quality must be an integer from 0 to 5, got {quality!r}")
    if card.history and today < card.history[-1].day:
        raise ValueError(f"cannot review on {today}, before the last review on {card.history[-1].day}")
    if quality >= 3:
        if card.repetitions == 0:
            interval = 1
        elif card.repetitions == 1:
            interval = 6
        else:
            interval = math.ceil(round(card.interval * card.ease, 6))
        repetitions = card.repetitions + 1
    else:
        repetitions = 0
        interval = 1
    miss = 5 - quality
    ease = round(max(MIN_EASE, card.ease + 0.1 - miss * (0.08 + miss * 0.02)), 4)
    entry = Review(day=today, quality=quality, interval=interval, ease=ease)
    return replace(
        card,
        ease=ease,
        interval=interval,
        repetitions=repetitions,
        due=today + timedelta(days=interval),
        history=(*card.history, entry),
    )


class LearningLog:
    """A collection of cards with review scheduling, statistics and JSON persistence."""

    def __init__(self, cards: list[Card] | None = None) -> None:
        """Start with ``cards`` (ids must be unique)."""
        self._cards: dict[str, Card] = {}
        for card in cards or []:
            if card.id in self._cards:
                raise ValueError(f"duplicate card id {card.id!r}")
            self._cards[card.id] = card

    def __len__(self) -> int:
        """Number of cards."""
        return len(self._cards)

    def get(self, card_id: str) -> Card:
        """The card with ``card_id``; KeyError if unknown."""
        return self._cards[card_id]

    def add(self, card_id: str, front: str, back: str, today: date) -> Card:
        """Create a new card due today."""
        if card_id in self._cards:
            raise ValueError(f"duplicate card id {card_id!r}")
        card = new_card(card_id, front, back, today)
        self._cards[card_id] = card
        return card

    def review(self, card_id: str, quality: int, today: date) -> Card:
        """Review a card and store the result."""
        card = review(self._cards[card_id], quality, today)
        self._cards[card_id] = card
        return card

    def due(self, today: date) -> list[Card]:
        """Cards due on or before ``today``, most overdue first, then by id."""
        return sorted((c for c in self._cards.values() if c.due <= today), key=lambda c: (c.due, c.id))

    def stats(self, today: date) -> dict[str, Any]:
        """Numbers for a dashboard."""
        reviews = [r for card in self._cards.values() for r in card.history]
        days = {r.day for r in reviews}
        streak = 0
        day = today if today in days else today - timedelta(days=1)
        while day in days:
            streak += 1
            day -= timedelta(days=1)
        return {
            "cards": len(self._cards),
            "due": len(self.due(today)),
            "reviews": len(reviews),
            "retention": round(sum(r.quality >= 3 for r in reviews) / len(reviews), 2) if reviews else None,
            "streak": streak,
        }

    def to_json(self) -> str:
        """Serialise all cards (sorted by id) to JSON."""
        cards = []
        for card in sorted(self._cards.values(), key=lambda c: c.id):
            cards.append(
                {
                    "id": card.id,
                    "front": card.front,
                    "back": card.back,
                    "due": card.due.isoformat(),
                    "ease": card.ease,
                    "interval": card.interval,
                    "repetitions": card.repetitions,
                    "history": [
                        {"day": r.day.isoformat(), "quality": r.quality, "interval": r.interval, "ease": r.ease}
                        for r in card.history
                    ],
                }
            )
        return json.dumps({"version": 1, "cards": cards}, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> LearningLog:
        """Load a log written by ``to_json``."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != 1:
                raise ValueError("unsupported learning log format")
            cards = [
                Card(
                    id=str(item["id"]),
                    front=str(item["front"]),
                    back=str(item["back"]),
                    due=date.fromisoformat(item["due"]),
                    ease=float(item["ease"]),
                    interval=int(item["interval"]),
                    repetitions=int(item["repetitions"]),
                    history=tuple(
                        Review(date.fromisoformat(r["day"]), int(r["quality"]), int(r["interval"]), float(r["ease"]))
                        for r in item["history"]
                    ),
                )
                for item in data["cards"]
            ]
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"invalid learning log: {exc}") from exc
        return cls(cards)
