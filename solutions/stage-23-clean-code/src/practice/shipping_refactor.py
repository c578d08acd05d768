"""Refactor a tangled shipping calculator under characterization tests.

The shop's ``legacy_shipping_cost`` is one long function of nested ifs and
magic numbers (the starter ships it in this file; the tests keep a frozen copy
as the "golden master"). Nobody wrote down its rules; the tests compare your
clean version with it on thousands of orders, so you can restructure freely
and know at once if the behaviour moved. The rules it implements, reconstructed line by line:

* zones: ``"US"`` is domestic; ``"CA"`` and ``"MX"`` are North America; every
  other country code is international;
* ``base``: 499 (US), 999 (CA/MX), 1999 (international) cents;
* ``weight``: the first 1000 g are included; every started 500 g above that
  costs 100 (US), 250 (CA/MX) or 500 (international) cents;
* ``express``: US and CA/MX double base + weight (the line is + (base +
  weight)); international express is a flat 2500;
* ``free-shipping`` (US, not express, subtotal >= 5000): silver and gold
  members pay nothing, i.e. minus (base + weight); other customers get the
  base waived, i.e. minus base;
* ``member-discount``: gold members with express get 500 off, but never more
  than the running total; silver members outside the US get 10% off the
  running total, rounded down (``total // 10``);
* ``oversize``: international parcels over 20000 g cost 1500 more (after
  the member discount, so never discounted);
* ``fragile``: 300 for fragile parcels, waived for gold members.

"Running total" means the sum of the lines before it. Lines whose amount is
0 are left out; lines keep the order above.

Clean-code rules the tests check with ``ast`` on this whole file: no function
longer than 15 lines (not counting its docstring), no if/for/while/with/try
nested more than 2 deep (an ``elif`` is not nesting), no function with more
than 3 parameters, no number literals other than 0 and 1 inside functions
(name your constants), and no ``legacy_`` code left behind.

Exercise ex01: implement ``quote`` and ``shipping_cost``, then delete
``legacy_shipping_cost`` from this file.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

COUNTRY_CODE_LENGTH = 2
DOMESTIC = "US"
NORTH_AMERICA = frozenset({"CA", "MX"})
TIERS = frozenset({"none", "silver", "gold"})

BASE_CENTS = {"domestic": 499, "north-america": 999, "international": 1999}
STEP_CENTS = {"domestic": 100, "north-america": 250, "international": 500}
INCLUDED_GRAMS = 1000
STEP_GRAMS = 500
INTERNATIONAL_EXPRESS_CENTS = 2500
FREE_SHIPPING_SUBTOTAL_CENTS = 5000
GOLD_EXPRESS_DISCOUNT_CENTS = 500
SILVER_DISCOUNT_DIVISOR = 10
OVERSIZE_GRAMS = 20000
OVERSIZE_CENTS = 1500
FRAGILE_CENTS = 300


@dataclass(frozen=True)
class Order:
    """What the shipping price depends on.

    Attributes:
        country: ISO 3166 alpha-2 code, two ASCII uppercase letters.
        weight_grams: parcel weight, > 0.
        subtotal_cents: value of the goods, >= 0.
        express: express delivery.
        tier: membership tier: ``"none"``, ``"silver"`` or ``"gold"``.
        fragile: needs fragile handling.
    """

    country: str
    weight_grams: int
    subtotal_cents: int
    express: bool = False
    tier: str = "none"
    fragile: bool = False


@dataclass(frozen=True)
class Quote:
    """An itemised shipping price: ``(label, cents)`` lines in a fixed order."""

    lines: tuple[tuple[str, int], ...]

    @property
    def total_cents(self) -> int:
        """The sum of all lines."""
        return sum(amount for _, amount in self.lines)


def validate(order: Order) -> None:
    """Raise ValueError unless ``order`` is well-formed.

    Args:
        order: the order to check.

    Raises:
        ValueError: if the country is not two ASCII uppercase letters, the
            weight is not positive, the subtotal is negative or the tier is unknown.
    """
    country = order.country
    if len(country) != COUNTRY_CODE_LENGTH or any(ch not in string.ascii_uppercase for ch in country):
        raise ValueError(f"country must be two uppercase letters, got {country!r}")
    if order.weight_grams <= 0 or order.subtotal_cents < 0:
        raise ValueError("weight must be positive and subtotal non-negative")
    if order.tier not in TIERS:
        raise ValueError(f"unknown tier {order.tier!r}")


def zone_of(country: str) -> str:
    """Return ``"domestic"``, ``"north-america"`` or ``"international"`` for a country code."""
    if country == DOMESTIC:
        return "domestic"
    if country in NORTH_AMERICA:
        return "north-america"
    return "international"


def weight_steps(weight_grams: int) -> int:
    """Return how many started 500 g steps lie above the included 1000 g."""
    extra = max(0, weight_grams - INCLUDED_GRAMS)
    return -(-extra // STEP_GRAMS)


def express_cents(zone: str, transport: int) -> int:
    """Return the express line: ``transport`` again, or the international flat fee."""
    if zone == "international":
        return INTERNATIONAL_EXPRESS_CENTS
    return transport


def free_shipping_cents(order: Order, base: int, transport: int) -> int:
    """Return the (negative or zero) free-shipping line."""
    if order.country != DOMESTIC or order.express or order.subtotal_cents < FREE_SHIPPING_SUBTOTAL_CENTS:
        return 0
    if order.tier in {"silver", "gold"}:
        return -transport
    return -base


def member_discount_cents(order: Order, running: int) -> int:
    """Return the (negative or zero) member-discount line for a running total."""
    if order.tier == "gold" and order.express:
        return -min(GOLD_EXPRESS_DISCOUNT_CENTS, running)
    if order.tier == "silver" and order.country != DOMESTIC:
        return -(running // SILVER_DISCOUNT_DIVISOR)
    return 0


def handling_lines(order: Order, zone: str) -> list[tuple[str, int]]:
    """Return the oversize and fragile lines (amounts may be 0)."""
    oversize = OVERSIZE_CENTS if zone == "international" and order.weight_grams > OVERSIZE_GRAMS else 0
    fragile = FRAGILE_CENTS if order.fragile and order.tier != "gold" else 0
    return [("oversize", oversize), ("fragile", fragile)]


def quote(order: Order) -> Quote:
    """Price ``order`` line by line following the rules in the module docstring.

    Args:
        order: the order to price.

    Returns:
        The itemised quote; zero lines are omitted.

    Raises:
        ValueError: for a malformed order (see ``validate``).
    """
    validate(order)
    zone = zone_of(order.country)
    base = BASE_CENTS[zone]
    weight = weight_steps(order.weight_grams) * STEP_CENTS[zone]
    express = express_cents(zone, base + weight) if order.express else 0
    lines = [("base", base), ("weight", weight), ("express", express)]
    lines.append(("free-shipping", free_shipping_cents(order, base, base + weight)))
    running = sum(amount for _, amount in lines)
    lines.append(("member-discount", member_discount_cents(order, running)))
    lines.extend(handling_lines(order, zone))
    return Quote(tuple(line for line in lines if line[1] != 0))


def shipping_cost(order: Order) -> int:
    """Return the total shipping cost of ``order`` in cents.

    Raises:
        ValueError: for a malformed order.
    """
    return quote(order).total_cents
