"""Tests for ex01: a refactoring kata under characterization tests, with ast-based clean-code checks."""

from __future__ import annotations

import ast
import inspect
import itertools
from pathlib import Path

import pytest
from practice import shipping_refactor
from practice.shipping_refactor import Order, Quote, quote, shipping_cost

MAX_BODY_LINES = 15
MAX_NESTING = 2
MAX_PARAMS = 3
ALLOWED_NUMBERS = {0, 1}

COUNTRIES = ["US", "CA", "MX", "DE", "JP", "BR"]
WEIGHTS = [1, 999, 1000, 1001, 1499, 1500, 1501, 2000, 5250, 19999, 20000, 20001, 35000]
SUBTOTALS = [0, 4999, 5000, 12000]
TIERS = ["none", "silver", "gold"]


def golden_master_cost(
    country: str,
    weight_grams: int,
    subtotal_cents: int,
    express: bool = False,
    tier: str = "none",
    fragile: bool = False,
) -> int:
    """A frozen copy of the starter's legacy_shipping_cost: the behaviour to preserve."""
    if len(country) != 2 or not ("A" <= country[0] <= "Z") or not ("A" <= country[1] <= "Z"):
        return -1
    if weight_grams <= 0 or subtotal_cents < 0:
        return -1
    if tier != "none" and tier != "silver" and tier != "gold":
        return -1
    extra = 0
    if weight_grams > 1000:
        extra = (weight_grams - 1000) // 500
        if (weight_grams - 1000) % 500 != 0:
            extra = extra + 1
    if country == "US":
        cost = 499 + extra * 100
        if express:
            cost = cost * 2
            if tier == "gold":
                if cost > 500:
                    cost -= 500
                else:
                    cost = 0
        else:
            if subtotal_cents >= 5000:
                if tier == "silver" or tier == "gold":
                    cost = 0
                else:
                    cost -= 499
    else:
        if country == "CA" or country == "MX":
            cost = 999 + extra * 250
            if express:
                cost = cost * 2
        else:
            cost = 1999 + extra * 500
            if express:
                cost = cost + 2500
        if tier == "gold":
            if express:
                if cost > 500:
                    cost -= 500
                else:
                    cost = 0
        elif tier == "silver":
            cost = cost - cost // 10
        if country == "CA" or country == "MX":
            pass
        elif weight_grams > 20000:
            cost = cost + 1500
    if fragile:
        if tier == "gold":
            pass
        else:
            cost = cost + 300
    return cost


def module_functions() -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    source = Path(inspect.getfile(shipping_refactor)).read_text(encoding="utf-8")
    tree = ast.parse(source)
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def body_without_docstring(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body


def body_lines(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = body_without_docstring(fn)
    if not body:
        return 0
    return (fn.end_lineno or body[0].lineno) - body[0].lineno + 1


def nesting(statements: list[ast.stmt], depth: int) -> int:
    deepest = depth
    for node in statements:
        deepest = max(deepest, statement_nesting(node, depth))
    return deepest


def statement_nesting(node: ast.stmt, depth: int) -> int:
    if isinstance(node, ast.If):
        inner = nesting(node.body, depth + 1)
        if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
            return max(inner, statement_nesting(node.orelse[0], depth))
        return max(inner, nesting(node.orelse, depth + 1))
    if isinstance(node, ast.For | ast.AsyncFor | ast.While | ast.With | ast.AsyncWith):
        return max(nesting(node.body, depth + 1), nesting(getattr(node, "orelse", []), depth + 1))
    if isinstance(node, ast.Try | ast.TryStar):
        blocks = [node.body, node.orelse, node.finalbody, *[handler.body for handler in node.handlers]]
        return max(nesting(block, depth + 1) for block in blocks)
    if isinstance(node, ast.Match):
        return max((nesting(case.body, depth + 1) for case in node.cases), default=depth)
    return depth


def magic_numbers(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[int, object]]:
    found = []
    for statement in body_without_docstring(fn):
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, int | float)
                and not isinstance(node.value, bool)
                and node.value not in ALLOWED_NUMBERS
            ):
                found.append((node.lineno, node.value))
    return found


def parameter_count(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = fn.args
    names = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return len([name for name in names if name not in {"self", "cls"}])


def mismatches(country: str) -> list[str]:
    found = []
    for weight, subtotal, express, tier, fragile in itertools.product(
        WEIGHTS, SUBTOTALS, [False, True], TIERS, [False, True]
    ):
        want = golden_master_cost(country, weight, subtotal, express, tier, fragile)
        order = Order(country, weight, subtotal, express, tier, fragile)
        got = quote(order).total_cents
        if got != want:
            found.append(f"{order}: legacy {want}, yours {got}")
    return found


@pytest.mark.parametrize("country", COUNTRIES)
def test_quote_total_matches_the_legacy_calculator(country: str) -> None:
    bad = mismatches(country)
    assert not bad, f"{len(bad)} orders to {country} are priced differently from the legacy code, e.g.\n" + "\n".join(
        bad[:5]
    )


@pytest.mark.parametrize(
    ("order", "lines"),
    [
        (Order("US", 800, 1000), (("base", 499),)),
        (Order("US", 2600, 6000), (("base", 499), ("weight", 400), ("free-shipping", -499))),
        (
            Order("CA", 1200, 0, express=True, tier="gold", fragile=True),
            (("base", 999), ("weight", 250), ("express", 1249), ("member-discount", -500)),
        ),
        (
            Order("DE", 21000, 3000, express=True, tier="silver", fragile=True),
            (
                ("base", 1999),
                ("weight", 20000),
                ("express", 2500),
                ("member-discount", -2449),
                ("oversize", 1500),
                ("fragile", 300),
            ),
        ),
        (
            Order("US", 1000, 5000, express=True, tier="gold"),
            (("base", 499), ("express", 499), ("member-discount", -500)),
        ),
        (Order("US", 3000, 9900, tier="gold", fragile=True), (("base", 499), ("weight", 400), ("free-shipping", -899))),
    ],
)
def test_quote_itemises_the_price(order: Order, lines: tuple[tuple[str, int], ...]) -> None:
    got = quote(order)
    assert got == Quote(lines), f"quote({order}) should have lines {lines!r}, got {got.lines!r}"
    assert shipping_cost(order) == sum(amount for _, amount in lines), "shipping_cost must equal the quote's total"


@pytest.mark.parametrize(
    "order",
    [
        Order("us", 1000, 0),
        Order("USA", 1000, 0),
        Order("\u00dcS", 1000, 0),
        Order("", 1000, 0),
        Order("US", 0, 0),
        Order("US", -5, 0),
        Order("US", 1000, -1),
        Order("US", 1000, 0, tier="platinum"),
        Order("US", 1000, 0, tier="Gold"),
    ],
)
def test_malformed_orders_raise_value_error(order: Order) -> None:
    assert golden_master_cost(order.country, order.weight_grams, order.subtotal_cents, tier=order.tier) == -1
    with pytest.raises(ValueError):
        quote(order)


def test_no_zero_lines_and_lines_sum_to_total() -> None:
    for country, weight, express, tier in itertools.product(COUNTRIES, WEIGHTS, [False, True], TIERS):
        result = quote(Order(country, weight, 5000, express, tier, fragile=True))
        assert all(amount != 0 for _, amount in result.lines), f"zero lines must be left out: {result.lines!r}"
        assert result.total_cents == shipping_cost(Order(country, weight, 5000, express, tier, fragile=True))


def test_no_function_is_too_long() -> None:
    long_ones = {fn.name: body_lines(fn) for fn in module_functions() if body_lines(fn) > MAX_BODY_LINES}
    assert not long_ones, (
        f"functions longer than {MAX_BODY_LINES} lines (docstring not counted): {long_ones}; extract smaller functions"
    )


def test_no_deep_nesting() -> None:
    deep = {fn.name: nesting(fn.body, 0) for fn in module_functions() if nesting(fn.body, 0) > MAX_NESTING}
    assert not deep, f"nesting deeper than {MAX_NESTING} levels: {deep}; use guard clauses and small helpers"


def test_no_magic_numbers_inside_functions() -> None:
    found = {fn.name: magic_numbers(fn) for fn in module_functions() if magic_numbers(fn)}
    assert not found, f"number literals other than 0 and 1 inside functions, as (line, value): {found}; name them"


def test_no_long_parameter_lists() -> None:
    many = {fn.name: parameter_count(fn) for fn in module_functions() if parameter_count(fn) > MAX_PARAMS}
    assert not many, f"functions with more than {MAX_PARAMS} parameters: {many}; pass the Order object instead"


def test_legacy_code_is_deleted() -> None:
    names = [fn.name for fn in module_functions()]
    assert "quote" in names and "shipping_cost" in names, f"quote and shipping_cost must exist, found {names}"
    leftovers = [name for name in names if name.startswith("legacy")]
    assert not leftovers, f"delete the legacy code once the characterization tests pass; still there: {leftovers}"
    assert quote(Order("US", 1000, 0)).total_cents == 499, "the refactored quote must work"
