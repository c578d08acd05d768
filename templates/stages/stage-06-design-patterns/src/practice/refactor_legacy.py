"""Refactoring under characterization tests.

``legacy_invoice`` is real-world code: it works, customers depend on its exact
output (quirks included), and it does five jobs in one loop. You will not change
it. Instead you build small, cohesive functions that each do ONE job, and compose
them in ``build_invoice``. The tests pin the legacy behaviour down
("characterization tests") and check that your version produces exactly the same
output and the same error messages for hundreds of inputs, quirks and all:

- the header line ``sku,qty,price`` is skipped wherever it appears;
- a price like ``"5."`` is accepted (500 cents) but ``".5"`` is not;
- unknown discount codes are silently ignored.

Input format: one ``sku,qty,price`` per line; blank lines and ``#`` comments skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TAX_PERCENT = 8
SAVE10_CAP_CENTS = 5000
FLAT5_CENTS = 500
FLAT5_MIN_SUBTOTAL_CENTS = 2000
DIGITS = "0123456789"


def legacy_invoice(text: str, code: str | None = None) -> str:
    """Turn an order sheet into an invoice. Legacy code: do not modify it."""
    items: dict[str, int] = {}
    prices: dict[str, int] = {}
    n = 0
    for raw in text.split("\n"):
        n += 1
        ln = raw.strip()
        if ln == "" or ln.startswith("#"):
            continue
        if ln.replace(" ", "").lower() == "sku,qty,price":
            continue
        parts = ln.split(",")
        if len(parts) != 3:
            raise ValueError(f"line {n}: expected 3 fields, got {len(parts)}")
        s = parts[0].strip().upper()
        if s == "":
            raise ValueError(f"line {n}: missing sku")
        q = parts[1].strip()
        ok = q != ""
        for ch in q:
            if ch not in DIGITS:
                ok = False
        if not ok or int(q) < 1:
            raise ValueError(f"line {n}: bad quantity {parts[1].strip()!r}")
        p = parts[2].strip()
        bad = False
        if p.count(".") > 1:
            bad = True
        else:
            w, _dot, f = p.partition(".")
            if w == "":
                bad = True
            for ch in w + f:
                if ch not in DIGITS:
                    bad = True
            if len(f) > 2:
                bad = True
        if bad:
            raise ValueError(f"line {n}: bad price {p!r}")
        c = int(w) * 100
        if f:
            c = c + int(f + "0" * (2 - len(f)))
        if s in items:
            if prices[s] != c:
                raise ValueError(f"line {n}: price mismatch for {s}")
            items[s] = items[s] + int(q)
        else:
            items[s] = int(q)
            prices[s] = c
    if len(items) == 0:
        raise ValueError("empty order")
    sub = 0
    out = ""
    for s in sorted(items):
        amt = items[s] * prices[s]
        sub = sub + amt
        out = out + f"{s:<12}x{items[s]:<5}{f'{amt // 100}.{amt % 100:02d}':>10}\n"
    d = 0
    if code:
        if code.strip().upper() == "SAVE10":
            d = sub // 10
            if d > SAVE10_CAP_CENTS:
                d = SAVE10_CAP_CENTS
        elif code.strip().upper() == "FLAT5" and sub >= FLAT5_MIN_SUBTOTAL_CENTS:
            d = FLAT5_CENTS
    out = out + f"{'subtotal':<18}{f'{sub // 100}.{sub % 100:02d}':>10}\n"
    if d > 0:
        out = out + f"{'discount':<18}{f'-{d // 100}.{d % 100:02d}':>10}\n"
    t = ((sub - d) * TAX_PERCENT + 50) // 100
    out = out + f"{'tax':<18}{f'{t // 100}.{t % 100:02d}':>10}\n"
    tot = sub - d + t
    out = out + f"{'total':<18}{f'{tot // 100}.{tot % 100:02d}':>10}\n"
    return out


# ---------------------------------------------------------------- the cohesive version


@dataclass(frozen=True)
class Line:
    """One merged invoice line."""

    sku: str
    quantity: int
    unit_cents: int

    @property
    def amount_cents(self) -> int:
        """quantity * unit_cents."""
        raise NotImplementedError("return quantity * unit_cents")


@dataclass(frozen=True)
class Totals:
    """Money figures of an invoice, all in cents."""

    subtotal: int
    discount: int
    tax: int
    total: int


def parse_quantity(text: str) -> int:
    """Parse a quantity field.

    Args:
        text: The raw field; surrounding whitespace is ignored.

    Returns:
        The quantity, an int >= 1.

    Raises:
        ValueError: ``"bad quantity '<stripped text>'"`` unless the stripped text is
            one or more ASCII digits with a value >= 1 (so ``"-1"``, ``"1.0"``,
            ``""`` and ``"0"`` are all bad).
    """
    raise NotImplementedError("strip; require ASCII digits with value >= 1; else ValueError('bad quantity ...')")


def parse_price(text: str) -> int:
    """Parse a price field into cents, exactly as the legacy code does.

    Accepted (after stripping): ASCII digits, optionally followed by ``.`` and at
    most two more digits: ``"12"`` -> 1200, ``"12.5"`` -> 1250, ``"0.05"`` -> 5,
    and (a legacy quirk) ``"5."`` -> 500.

    Raises:
        ValueError: ``"bad price '<stripped text>'"`` for anything else, e.g.
            ``""``, ``".5"``, ``"1.234"``, ``"1.2.3"``, ``"-1"``, ``"1,50"``.
    """
    raise NotImplementedError("strip; whole part digits, optional '.' and at most two digits; return cents")


def parse_sheet(text: str) -> list[Line]:
    """Parse a whole order sheet into merged lines sorted by sku.

    Lines are split on ``"\\n"`` and numbered from 1; blank lines, ``#`` comments
    and header lines (``sku,qty,price`` ignoring spaces and case) are skipped.
    The sku is stripped and upper-cased. Repeated skus are merged by adding their
    quantities.

    Raises:
        ValueError: with exactly the legacy messages, prefixed ``"line N: "``:
            ``"expected 3 fields, got K"``, ``"missing sku"``, the
            ``parse_quantity``/``parse_price`` messages (checked in that order), and
            ``"price mismatch for SKU"`` when a repeated sku has another price;
            ``"empty order"`` (no prefix) when no item lines remain.
    """
    raise NotImplementedError(
        "loop over numbered lines, skip blanks/comments/headers, validate fields, merge skus, sort"
    )


def discount_cents(subtotal: int, code: str | None) -> int:
    """Return the discount for a discount code (case and surrounding spaces ignored).

    - ``"SAVE10"``: 10% of the subtotal rounded down, at most ``SAVE10_CAP_CENTS``;
    - ``"FLAT5"``: ``FLAT5_CENTS`` if subtotal >= ``FLAT5_MIN_SUBTOTAL_CENTS``, else 0;
    - None, ``""`` or any other code: 0 (unknown codes are silently ignored).
    """
    raise NotImplementedError("normalise the code and apply the SAVE10 / FLAT5 rules")


def tax_cents(amount: int) -> int:
    """Return ``TAX_PERCENT`` percent of ``amount`` cents, rounded half up to a whole cent."""
    raise NotImplementedError("percent of amount rounded half up with integer arithmetic")


def compute_totals(lines: Sequence[Line], code: str | None = None) -> Totals:
    """Compute the invoice money figures.

    ``subtotal`` is the sum of the line amounts; ``discount`` comes from
    ``discount_cents(subtotal, code)``; ``tax`` is ``tax_cents(subtotal - discount)``;
    ``total`` is ``subtotal - discount + tax``.
    """
    raise NotImplementedError("subtotal, then discount, then tax on the discounted amount, then total")


def format_money(cents: int) -> str:
    """Format non-negative cents as ``"12.50"`` (no currency sign, no thousands separator)."""
    raise NotImplementedError("whole units, a dot, and two-digit cents")


def render_invoice(lines: Sequence[Line], totals: Totals) -> str:
    """Render the invoice text exactly like the legacy code.

    One row per line: ``f"{sku:<12}x{quantity:<5}{format_money(amount):>10}"``;
    then summary rows ``f"{label:<18}{value:>10}"`` for ``subtotal``, ``discount``
    (only when > 0, shown as ``-3.00``), ``tax`` and ``total``. Every row ends
    with ``"\\n"``.
    """
    raise NotImplementedError("one formatted row per line, then the summary rows, each ending with a newline")


def build_invoice(text: str, code: str | None = None) -> str:
    """The refactored ``legacy_invoice``: same output, same errors, built from the units above.

    Must not call ``legacy_invoice``.
    """
    raise NotImplementedError("compose parse_sheet, compute_totals and render_invoice")
