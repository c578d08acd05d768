"""Domain records with dataclasses: immutable, ordered, validated, parsed from dicts.

A backend receives loosely typed data (JSON bodies, queue messages, CSV rows) and
turns it into trusted domain objects at the edge. After that point the rest of the
code can rely on the invariants: a ``LineItem`` always has a positive quantity, an
``Order`` always has a timezone-aware timestamp, and nobody can mutate either by
accident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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


def _is_int(value: object) -> bool:
    """Return True for real ints; bool is an int subclass but never a quantity."""
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, order=True)
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
        if not isinstance(self.sku, str):
            raise RecordError("sku", f"expected str, got {type(self.sku).__name__}")
        sku = self.sku.strip().upper()
        if not SKU_RE.fullmatch(sku):
            raise RecordError("sku", f"invalid sku {self.sku!r}")
        object.__setattr__(self, "sku", sku)
        if not _is_int(self.quantity):
            raise RecordError("quantity", f"expected int, got {type(self.quantity).__name__}")
        if self.quantity < 1:
            raise RecordError("quantity", f"must be >= 1, got {self.quantity}")
        if not _is_int(self.unit_price_cents):
            raise RecordError(
                "unit_price_cents",
                f"expected int, got {type(self.unit_price_cents).__name__}",
            )
        if self.unit_price_cents < 0:
            raise RecordError("unit_price_cents", f"must be >= 0, got {self.unit_price_cents}")

    @property
    def total_cents(self) -> int:
        """Quantity times unit price, in cents."""
        return self.quantity * self.unit_price_cents


@dataclass(frozen=True, order=True)
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
        if not isinstance(self.placed_at, datetime):
            raise RecordError("placed_at", "expected datetime")
        if self.placed_at.utcoffset() is None:
            raise RecordError("placed_at", "must be timezone-aware")
        if not isinstance(self.id, str) or not self.id.strip():
            raise RecordError("id", "must be a non-empty string")
        object.__setattr__(self, "id", self.id.strip())
        if not isinstance(self.customer_email, str):
            raise RecordError("customer_email", "expected str")
        email = self.customer_email.strip().lower()
        if not EMAIL_RE.fullmatch(email):
            raise RecordError("customer_email", f"invalid email {self.customer_email!r}")
        object.__setattr__(self, "customer_email", email)
        items = tuple(self.items)
        if not items:
            raise RecordError("items", "an order needs at least one item")
        seen: set[str] = set()
        for index, item in enumerate(items):
            if not isinstance(item, LineItem):
                raise RecordError(f"items[{index}]", "expected LineItem")
            if item.sku in seen:
                raise RecordError("items", f"duplicate sku {item.sku!r}")
            seen.add(item.sku)
        object.__setattr__(self, "items", items)

    @property
    def total_cents(self) -> int:
        """Sum of the line totals, in cents."""
        return sum(item.total_cents for item in self.items)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict that ``parse_order`` turns back into an equal order.

        Shape: ``{"id": str, "placed_at": placed_at.isoformat(), "customer_email": str,
        "items": [{"sku": str, "quantity": int, "unit_price_cents": int}, ...]}``.
        """
        return {
            "id": self.id,
            "placed_at": self.placed_at.isoformat(),
            "customer_email": self.customer_email,
            "items": [
                {
                    "sku": item.sku,
                    "quantity": item.quantity,
                    "unit_price_cents": item.unit_price_cents,
                }
                for item in self.items
            ],
        }


def _check_keys(data: Mapping[str, object], allowed: tuple[str, ...], prefix: str) -> None:
    """Raise RecordError for the first missing key, then for the first unknown key."""
    for key in allowed:
        if key not in data:
            raise RecordError(prefix + key, "missing")
    for key in data:
        if key not in allowed:
            raise RecordError(prefix + str(key), "unknown field")


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
    if not isinstance(data, Mapping):
        raise RecordError(prefix.rstrip(".") or "<root>", "expected an object")
    _check_keys(data, ITEM_FIELDS, prefix)
    try:
        return LineItem(
            sku=data["sku"],
            quantity=data["quantity"],
            unit_price_cents=data["unit_price_cents"],
        )
    except RecordError as err:
        raise RecordError(prefix + err.field, err.problem) from err


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
    if not isinstance(data, Mapping):
        raise RecordError("<root>", "expected an object")
    _check_keys(data, ORDER_FIELDS, "")
    raw_when = data["placed_at"]
    if not isinstance(raw_when, str):
        raise RecordError("placed_at", "expected an ISO 8601 string")
    try:
        placed_at = datetime.fromisoformat(raw_when)
    except ValueError as err:
        raise RecordError("placed_at", f"not an ISO 8601 timestamp: {raw_when!r}") from err
    raw_items = data["items"]
    if not isinstance(raw_items, list):
        raise RecordError("items", "expected a list")
    items = [parse_item(raw, f"items[{index}].") for index, raw in enumerate(raw_items)]
    return Order(
        placed_at=placed_at,
        id=data["id"],  # type: ignore[arg-type]
        customer_email=data["customer_email"],  # type: ignore[arg-type]
        items=tuple(items),
    )
