"""Domain records with dataclasses: immutable, ordered, validated, parsed from dicts.

A backend receives loosely typed data (JSON bodies, queue messages, CSV rows) and
turns it into trusted domain objects at the edge. After that point the rest of the
code can rely on the invariants: a ``LineItem`` always has a positive quantity, an
``Order`` always has a timezone-aware timestamp, and nobody can mutate either by
accident.

Your job:

1. Make ``LineItem`` and ``Order`` frozen (assigning to a field raises
   ``dataclasses.FrozenInstanceError``) and ordered (``<`` compares records field by
   field in declaration order) by passing the right flags to ``@dataclass``.
2. Validate and normalise in ``__post_init__``. A frozen dataclass cannot do
   ``self.sku = ...``; use ``object.__setattr__(self, "sku", value)`` instead.
3. Implement ``total_cents``, ``Order.to_dict``, ``parse_item`` and ``parse_order``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

SKU_RE = re.compile(r"[A-Z0-9][A-Z0-9-]*")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

ORDER_FIELDS = ("id", "placed_at", "customer_email", "items")
ITEM_FIELDS = ("sku", "quantity", "unit_price_cents")


class RecordError(ValueError):
    """A record could not be built from the given data.

    ``str(error)`` is ``"<field>: <problem>"``.

    Attributes:
        field: Path of the offending field, e.g. ``"quantity"`` or
            ``"items[1].quantity"``; ``"<root>"`` when the whole input is wrong.
        problem: Human-readable description of what is wrong with it.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass  # TODO: frozen and ordered
class LineItem:
    """One product line of an order.

    Attributes:
        sku: Stock keeping unit. Stripped and upper-cased in ``__post_init__``;
            after that it must fully match ``SKU_RE`` (letters, digits and dashes,
            not starting with a dash), else ``RecordError("sku", ...)``. A non-str
            sku is also ``RecordError("sku", ...)``.
        quantity: How many units. Must be an ``int`` (``bool`` is rejected even
            though it is an int subclass; floats are rejected) and >= 1, else
            ``RecordError("quantity", ...)`` whose problem mentions ``int`` for a
            wrong type.
        unit_price_cents: Price of one unit in cents. Must be an ``int`` (not bool)
            and >= 0 (free items are fine), else
            ``RecordError("unit_price_cents", ...)``.
    """

    sku: str
    quantity: int
    unit_price_cents: int

    def __post_init__(self) -> None:
        """Validate and normalise the fields as described in the class docstring."""
        raise NotImplementedError("validate sku, quantity and unit_price_cents; normalise sku")

    @property
    def total_cents(self) -> int:
        """Quantity times unit price, in cents."""
        raise NotImplementedError("return quantity * unit_price_cents")


@dataclass  # TODO: frozen and ordered
class Order:
    """A customer order. Orders sort by ``placed_at``, then by ``id``.

    The field order below is what makes that sort order work with ``order=True``.
    Equal orders (same normalised values) must compare equal and hash equal.

    Attributes:
        placed_at: When the order was placed. Must be a ``datetime`` with a UTC
            offset (timezone-aware), else ``RecordError("placed_at", ...)`` with a
            problem that mentions ``timezone`` for a naive datetime.
        id: Order id; stripped; must be a non-empty str, else ``RecordError("id", ...)``.
        customer_email: Stripped and lower-cased (``str.lower`` handles unicode);
            must then fully match ``EMAIL_RE``, else ``RecordError("customer_email", ...)``.
        items: Any iterable of ``LineItem``, stored as a tuple. Empty is
            ``RecordError("items", "an order needs at least one item")``; an element
            that is not a ``LineItem`` is ``RecordError("items[<i>]", "expected LineItem")``
            (0-based index); two items with the same sku are
            ``RecordError("items", "duplicate sku 'MUG'")``.
    """

    placed_at: datetime
    id: str
    customer_email: str
    items: tuple[LineItem, ...]

    def __post_init__(self) -> None:
        """Validate and normalise the fields, checking them in declaration order."""
        raise NotImplementedError("validate placed_at, id, customer_email and items")

    @property
    def total_cents(self) -> int:
        """Sum of the line totals, in cents."""
        raise NotImplementedError("sum the items' total_cents")

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict that ``parse_order`` turns back into an equal order.

        Shape: ``{"id": str, "placed_at": placed_at.isoformat(), "customer_email": str,
        "items": [{"sku": str, "quantity": int, "unit_price_cents": int}, ...]}``.
        """
        raise NotImplementedError("build the plain dict described in the docstring")


def parse_item(data: object, prefix: str = "") -> LineItem:
    """Build a ``LineItem`` from a mapping with keys ``sku``, ``quantity``, ``unit_price_cents``.

    Every ``RecordError`` raised here has ``prefix`` prepended to its field, so the
    caller can say *which* item was wrong: with ``prefix="items[1]."`` a bad quantity
    is reported as ``"items[1].quantity"``.

    Args:
        data: The decoded JSON value for one item.
        prefix: Text to put in front of every field name in errors.

    Returns:
        The validated line item.

    Raises:
        RecordError: field ``prefix`` without its trailing dot (or ``"<root>"`` when
            prefix is empty) with problem ``"expected an object"`` if data is not a
            ``Mapping``; ``prefix + key`` with problem ``"missing"`` for the first
            missing key (checked in ``ITEM_FIELDS`` order); ``prefix + key`` with
            ``"unknown field"`` for an extra key; and ``LineItem``'s own validation
            errors re-raised with the prefix added (use ``raise ... from err``).
    """
    raise NotImplementedError("check the keys, build LineItem, re-raise errors with the prefix")


def parse_order(data: object) -> Order:
    """Build an ``Order`` from a JSON-like dict.

    Expected shape::

        {"id": "A-1", "placed_at": "2024-05-01T12:00:00+00:00",
         "customer_email": "ann@example.com",
         "items": [{"sku": "MUG", "quantity": 2, "unit_price_cents": 1250}]}

    Args:
        data: The decoded JSON value.

    Returns:
        The validated order.

    Raises:
        RecordError: ``"<root>"`` with ``"expected an object"`` if data is not a
            ``Mapping``; then, checking keys in ``ORDER_FIELDS`` order, the key with
            ``"missing"``; then an extra key with ``"unknown field"``;
            ``"placed_at"`` if it is not a str or not parseable by
            ``datetime.fromisoformat`` (problem mentions ``ISO 8601``; a trailing
            ``Z`` parses as UTC on Python 3.11+); ``"items"`` with ``"expected a
            list"`` if items is not a list; ``"items[i].<field>"`` for a problem
            inside the i-th item (see ``parse_item``); and ``Order``'s own
            validation errors (e.g. a timestamp without offset, an empty item list).
    """
    raise NotImplementedError("validate the shape, parse placed_at and items, build Order")
