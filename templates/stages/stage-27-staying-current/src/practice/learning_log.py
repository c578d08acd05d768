"""A spaced-repetition learning log using the SM-2 algorithm.

Staying current means learning a little every week for years, and most of
what you read is forgotten within days unless you review it at growing
intervals. SM-2 (the SuperMemo 2 algorithm behind Anki-style flashcards)
schedules those reviews. Here you implement it with an injected ``today``
(so tests never depend on the clock) and a small log that persists to JSON.

SM-2, for a review of quality ``q`` (0 = blackout ... 5 = perfect):

* If ``q >= 3`` (remembered): the new interval is 1 day if the card has 0
  successful repetitions, 6 days if it has 1, otherwise
  ``interval * ease`` ROUNDED UP to whole days, using the ease from BEFORE
  this review. Compute it as ``math.ceil(round(interval * ease, 6))`` so
  floating-point noise (``15 * 2.6 == 39.000000000000004``) does not add a
  day. ``repetitions`` goes up by one.
* If ``q < 3`` (forgotten): ``repetitions`` becomes 0 and the interval 1.
* In both cases the ease becomes
  ``ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)``, never below 1.3,
  rounded to 4 decimal places.
* The card is due ``today + interval`` days.

TODO: implement ``new_card``, ``review`` and the ``LearningLog`` methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

MIN_EASE = 1.3
START_EASE = 2.5


@dataclass(frozen=True, slots=True)
class Review:
    """One review of a card: when, how well, and the interval and ease it produced."""

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
    """A fresh card, due ``today``, with ``front`` and ``back`` stripped.

    Raises:
        ValueError: if the id, front or back is blank.
    """
    raise NotImplementedError("validate and return a Card due today")


def review(card: Card, quality: int, today: date) -> Card:
    """Apply one SM-2 review (see the module docstring) and return the UPDATED COPY.

    The returned card has the new ease, interval, repetitions and due date,
    and ``history`` extended with ``Review(today, quality, new_interval,
    new_ease)``. The given card is not modified (it is frozen; use
    ``dataclasses.replace``).

    Raises:
        ValueError: if ``quality`` is not an int from 0 to 5 (``bool`` is
            not accepted, nor floats or strings), or ``today`` is before the
            last review in the history.
    """
    raise NotImplementedError("compute interval, repetitions, ease and due; append the Review")


class LearningLog:
    """A collection of cards with review scheduling, statistics and JSON persistence."""

    def __init__(self, cards: list[Card] | None = None) -> None:
        """Start with ``cards``.

        Raises:
            ValueError: if two cards share an id.
        """
        raise NotImplementedError("store the cards in a dict by id, refusing duplicates")

    def __len__(self) -> int:
        """Number of cards."""
        raise NotImplementedError("count the cards")

    def get(self, card_id: str) -> Card:
        """The card with ``card_id``.

        Raises:
            KeyError: if there is no such card.
        """
        raise NotImplementedError("look the card up")

    def add(self, card_id: str, front: str, back: str, today: date) -> Card:
        """Create, store and return a new card (``new_card``).

        Raises:
            ValueError: for a duplicate id or blank fields.
        """
        raise NotImplementedError("new_card, refuse duplicates, store")

    def review(self, card_id: str, quality: int, today: date) -> Card:
        """Review a stored card, store and return the result.

        Raises:
            KeyError: unknown id. ValueError: as ``review``.
        """
        raise NotImplementedError("review the stored card and replace it")

    def due(self, today: date) -> list[Card]:
        """Cards with ``due <= today``, most overdue (earliest due) first, ties by id."""
        raise NotImplementedError("filter and sort by (due, id)")

    def stats(self, today: date) -> dict[str, Any]:
        """Numbers for a dashboard.

        Returns:
            ``{"cards": int, "due": len(self.due(today)), "reviews": total
            reviews in all histories, "retention": share of reviews with
            quality >= 3 rounded to 2 places (None with no reviews),
            "streak": consecutive days with at least one review, counting
            back from today, or from yesterday if there is no review today
            yet (the day is not over)}``.
        """
        raise NotImplementedError("count cards, due cards, reviews, retention and the day streak")

    def to_json(self) -> str:
        """Serialise the log.

        Format: ``{"version": 1, "cards": [...]}`` with cards sorted by id;
        each card is an object with ``id``, ``front``, ``back``, ``due``
        (ISO date), ``ease``, ``interval``, ``repetitions`` and
        ``history`` (a list of ``{"day": ISO date, "quality", "interval",
        "ease"}``). Keep non-ASCII text readable (``ensure_ascii=False``).
        """
        raise NotImplementedError("build the dict and json.dumps it")

    @classmethod
    def from_json(cls, text: str) -> LearningLog:
        """Load a log written by ``to_json``.

        Raises:
            ValueError: for invalid JSON, a document that is not an object
                with ``"version": 1`` and a ``"cards"`` list, or cards with
                missing or mistyped fields (convert KeyError/TypeError).
        """
        raise NotImplementedError("json.loads, check the version, rebuild Cards and Reviews")
