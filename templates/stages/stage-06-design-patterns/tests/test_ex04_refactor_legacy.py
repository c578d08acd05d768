"""Tests for ex04: cohesive units that reproduce a legacy function exactly.

Two kinds of tests live here. Unit tests pin down each small function. The
characterization tests run ``legacy_invoice`` and your ``build_invoice`` on the
same inputs (hand-picked quirks plus a few hundred generated sheets) and demand
identical results: the same text, or a ValueError with the same message.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import practice.refactor_legacy as mod
import pytest
from practice.refactor_legacy import (
    Line,
    Totals,
    build_invoice,
    compute_totals,
    discount_cents,
    format_money,
    legacy_invoice,
    parse_price,
    parse_quantity,
    parse_sheet,
    render_invoice,
    tax_cents,
)

SHEET = """\
# order 1042
sku,qty,price
mug, 2, 12.50
tea-01,1,4.99

MUG,1,12.5
"""


def outcome(func: Callable[[str, str | None], str], text: str, code: str | None) -> tuple[str, str]:
    """Run an invoice function and describe the result, so results can be compared."""
    try:
        return ("ok", func(text, code))
    except ValueError as err:
        return ("ValueError", str(err))


# ---------------------------------------------------------------- unit tests


@pytest.mark.parametrize(("text", "want"), [("3", 3), (" 12 ", 12), ("007", 7)])
def test_parse_quantity_good(text: str, want: int) -> None:
    assert parse_quantity(text) == want, f"parse_quantity({text!r}) should be {want}"


@pytest.mark.parametrize("text", ["0", "-1", "1.0", "", "  ", "x", "\u0663", "+2"])
def test_parse_quantity_bad(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_quantity(text)
    assert str(info.value) == f"bad quantity {text.strip()!r}", f"wrong message for {text!r}: {info.value}"


@pytest.mark.parametrize(
    ("text", "cents"), [("12", 1200), ("12.5", 1250), ("0.05", 5), ("5.", 500), (" 7.25 ", 725), ("0", 0)]
)
def test_parse_price_good(text: str, cents: int) -> None:
    assert parse_price(text) == cents, f"parse_price({text!r}) should be {cents} cents, got {parse_price(text)}"


@pytest.mark.parametrize("text", [".5", "1.234", "1.2.3", "-1", "1,50", "", "abc", "1.x", "\u0661.00"])
def test_parse_price_bad(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_price(text)
    assert str(info.value) == f"bad price {text.strip()!r}", f"wrong message for {text!r}: {info.value}"


def test_parse_sheet_merges_and_sorts() -> None:
    got = parse_sheet(SHEET)
    want = [Line("MUG", 3, 1250), Line("TEA-01", 1, 499)]
    assert got == want, f"repeated MUG lines merge, result sorted by sku:\n got {got}\nwant {want}"
    assert got[0].amount_cents == 3750, f"3 x 12.50 = 3750 cents, got {got[0].amount_cents}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty order"),
        ("# only a comment\nsku,qty,price\n", "empty order"),
        ("MUG,1", "line 1: expected 3 fields, got 2"),
        ("\n\nMUG,1,2,3", "line 3: expected 3 fields, got 4"),
        (" ,1,2", "line 1: missing sku"),
        ("MUG,0,2", "line 1: bad quantity '0'"),
        ("MUG,x,abc", "line 1: bad quantity 'x'"),
        ("MUG,1,2.345", "line 1: bad price '2.345'"),
        ("MUG,1,2\nmug,1,2.01", "line 2: price mismatch for MUG"),
    ],
)
def test_parse_sheet_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_sheet(text)
    assert str(info.value) == message, f"parse_sheet({text!r}) should fail with {message!r}, got {str(info.value)!r}"


@pytest.mark.parametrize(
    ("subtotal", "code", "want"),
    [
        (10000, "SAVE10", 1000),
        (999, " save10 ", 99),
        (80000, "SAVE10", 5000),
        (2000, "FLAT5", 500),
        (1999, "flat5", 0),
        (10000, "BOGUS", 0),
        (10000, "", 0),
        (10000, None, 0),
    ],
)
def test_discount_cents(subtotal: int, code: str | None, want: int) -> None:
    got = discount_cents(subtotal, code)
    assert got == want, f"discount_cents({subtotal}, {code!r}) should be {want}, got {got}"


@pytest.mark.parametrize(("amount", "want"), [(0, 0), (1000, 80), (6, 0), (7, 1), (3625, 290), (3619, 290)])
def test_tax_cents_rounds_half_up(amount: int, want: int) -> None:
    assert tax_cents(amount) == want, f"8% of {amount} cents rounded half up is {want}, got {tax_cents(amount)}"


def test_compute_totals() -> None:
    lines = [Line("MUG", 3, 1250), Line("TEA-01", 1, 499)]
    got = compute_totals(lines, "SAVE10")
    want = Totals(subtotal=4249, discount=424, tax=306, total=4131)
    assert got == want, f"compute_totals with SAVE10:\n got {got}\nwant {want}"
    assert compute_totals(lines) == Totals(4249, 0, 340, 4589), f"no code, got {compute_totals(lines)}"


@pytest.mark.parametrize(("cents", "text"), [(0, "0.00"), (5, "0.05"), (1250, "12.50"), (123456, "1234.56")])
def test_format_money(cents: int, text: str) -> None:
    assert format_money(cents) == text, f"format_money({cents}) should be {text!r}, got {format_money(cents)!r}"


def test_render_invoice_exact_text() -> None:
    lines = [Line("MUG", 3, 1250), Line("TEA-01", 1, 499)]
    got = render_invoice(lines, Totals(4249, 424, 306, 4131))
    want = (
        "MUG         x3         37.50\n"
        "TEA-01      x1          4.99\n"
        "subtotal               42.49\n"
        "discount               -4.24\n"
        "tax                     3.06\n"
        "total                  41.31\n"
    )
    assert got == want, f"render_invoice output differs:\n--- got ---\n{got}--- want ---\n{want}"
    no_discount = render_invoice(lines, Totals(4249, 0, 340, 4589))
    assert "discount" not in no_discount, "the discount row appears only when the discount is > 0"


# ---------------------------------------------------------------- characterization tests

QUIRKS = [
    (SHEET, None),
    (SHEET, "save10"),
    (SHEET, "FLAT5"),
    (SHEET, "NOT-A-CODE"),
    ("MUG,1,5.\n", None),
    ("MUG,1,.5\n", None),
    ("a,1,1\nsku, qty, price\nb,1,1", "  "),
    ("straße,2,3.10\r\nx,1,0", "flat5"),
    ("VERY-LONG-SKU-NAME-HERE,12345,999.99", "SAVE10"),
    ("", "SAVE10"),
    ("MUG,1,1,\n", None),
]


@pytest.mark.parametrize(("text", "code"), QUIRKS)
def test_matches_legacy_on_known_quirks(text: str, code: str | None) -> None:
    want = outcome(legacy_invoice, text, code)
    got = outcome(build_invoice, text, code)
    assert got == want, f"build_invoice({text!r}, {code!r}) must match legacy\n got {got}\nwant {want}"


def random_sheet(rng: random.Random) -> tuple[str, str | None]:
    """Build one plausible order sheet: mostly valid lines, sometimes a broken one."""
    skus = ["MUG", "mug", "TEA-01", "cup", " plate ", "Zoë"]
    odd_quantities = ["0", "-1", "x", "", "1.5", " "]
    prices = {sku.strip().upper(): rng.choice(["12.50", "12.5", "4.99", "0.05", "7", "5.", "250"]) for sku in skus}
    odd_prices = [".5", "1.234", "abc", "-2", "", "3.1.4"]
    lines = []
    for _ in range(rng.randint(1, 7)):
        kind = rng.random()
        if kind < 0.08:
            lines.append("# note")
        elif kind < 0.14:
            lines.append("")
        elif kind < 0.18:
            lines.append("SKU, Qty, Price")
        elif kind < 0.20:
            lines.append("MUG;1;2")
        elif kind < 0.22:
            lines.append(f" ,1,{prices['MUG']}")
        else:
            sku = rng.choice(skus)
            price = prices[sku.strip().upper()]
            roll = rng.random()
            if roll < 0.04:
                price = rng.choice(odd_prices)
            elif roll < 0.08:
                price = "99.99"
            quantity = rng.choice(odd_quantities) if rng.random() < 0.05 else str(rng.randint(1, 40))
            lines.append(f"{sku},{quantity},{price}")
    code = rng.choice([None, "", "SAVE10", "save10", "FLAT5", " flat5 ", "BOGUS"])
    return "\n".join(lines), code


def test_matches_legacy_on_generated_sheets() -> None:
    rng = random.Random(20240501)
    mismatches = []
    kinds = set()
    for _ in range(400):
        text, code = random_sheet(rng)
        want = outcome(legacy_invoice, text, code)
        got = outcome(build_invoice, text, code)
        kinds.add(want[0])
        if got != want:
            mismatches.append((text, code, got, want))
    assert kinds == {"ok", "ValueError"}, "the generated corpus should exercise both success and failure"
    assert not mismatches, (
        f"{len(mismatches)} of 400 generated sheets differ from legacy; first one:\n"
        f"text={mismatches[0][0]!r} code={mismatches[0][1]!r}\n got {mismatches[0][2]}\nwant {mismatches[0][3]}"
    )


def test_build_invoice_does_not_delegate_to_legacy(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = legacy_invoice(SHEET, "SAVE10")

    def forbidden(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("build_invoice must not call legacy_invoice: compose your new functions instead")

    monkeypatch.setattr(mod, "legacy_invoice", forbidden)
    assert build_invoice(SHEET, "SAVE10") == expected, "build_invoice should reproduce the legacy output on its own"
