"""Tests for ex01: validated, immutable, ordered domain records."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from practice.domain_records import (
    LineItem,
    Order,
    RecordError,
    parse_item,
    parse_order,
)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def make_order(**overrides: object) -> Order:
    values: dict[str, object] = {
        "placed_at": T0,
        "id": "A-1",
        "customer_email": "ann@example.com",
        "items": (LineItem("MUG", 2, 1250),),
    }
    values.update(overrides)
    return Order(**values)  # type: ignore[arg-type]


def valid_payload() -> dict[str, object]:
    return {
        "id": "A-7",
        "placed_at": "2024-05-01T12:30:00+02:00",
        "customer_email": "Ann@Example.com",
        "items": [
            {"sku": "mug", "quantity": 2, "unit_price_cents": 1250},
            {"sku": "TEA-01", "quantity": 1, "unit_price_cents": 499},
        ],
    }


def test_line_item_normalises_sku_and_computes_total() -> None:
    item = LineItem("  mug-2 ", 3, 250)
    assert item.sku == "MUG-2", f"sku '  mug-2 ' should be stripped and upper-cased, got {item.sku!r}"
    assert item.total_cents == 750, f"3 x 250 cents should total 750, got {item.total_cents!r}"


@pytest.mark.parametrize(
    ("sku", "quantity", "price", "field"),
    [
        ("", 1, 100, "sku"),
        ("two words", 1, 100, "sku"),
        ("-LEADING", 1, 100, "sku"),
        ("MUG", 0, 100, "quantity"),
        ("MUG", -3, 100, "quantity"),
        ("MUG", True, 100, "quantity"),
        ("MUG", 1.5, 100, "quantity"),
        ("MUG", 1, -1, "unit_price_cents"),
        ("MUG", 1, "100", "unit_price_cents"),
    ],
)
def test_line_item_rejects_bad_values(sku: object, quantity: object, price: object, field: str) -> None:
    with pytest.raises(RecordError) as info:
        LineItem(sku, quantity, price)  # type: ignore[arg-type]
    assert info.value.field == field, (
        f"LineItem({sku!r}, {quantity!r}, {price!r}) should blame field {field!r}, got {info.value.field!r}"
    )
    assert isinstance(info.value, ValueError), "RecordError should subclass ValueError"


def test_line_item_zero_price_is_allowed() -> None:
    item = LineItem("GIFT", 1, 0)
    assert item.total_cents == 0, f"a free item should total 0 cents, got {item.total_cents!r}"


def test_records_are_frozen() -> None:
    item = LineItem("MUG", 1, 100)
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.quantity = 5  # type: ignore[misc]
    order = make_order()
    with pytest.raises(dataclasses.FrozenInstanceError):
        order.id = "other"  # type: ignore[misc]


def test_order_normalises_and_totals() -> None:
    order = make_order(
        id="  A-9 ",
        customer_email="  ÄNNE@Example.COM ",
        items=[LineItem("MUG", 2, 1250), LineItem("TEA", 3, 100)],
    )
    assert order.id == "A-9", f"id should be stripped, got {order.id!r}"
    assert order.customer_email == "änne@example.com", (
        f"email should be stripped and lower-cased (unicode too), got {order.customer_email!r}"
    )
    assert isinstance(order.items, tuple), f"a list of items should become a tuple, got {type(order.items)}"
    assert order.total_cents == 2800, f"2x1250 + 3x100 should be 2800 cents, got {order.total_cents!r}"


def test_equal_orders_are_hashable_and_deduplicate() -> None:
    a = make_order()
    b = make_order(customer_email="ANN@example.com")
    assert a == b, "orders with the same (normalised) values should be equal"
    assert len({a, b}) == 1, "frozen dataclasses are hashable; equal orders should collapse in a set"


def test_orders_sort_by_time_then_id() -> None:
    late = make_order(id="A-1", placed_at=T0 + timedelta(minutes=5))
    early_b = make_order(id="B-2")
    early_a = make_order(id="A-9")
    got = [o.id for o in sorted([late, early_b, early_a])]
    assert got == ["A-9", "B-2", "A-1"], f"orders should sort by placed_at then id, got {got}"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"placed_at": datetime(2024, 5, 1, 12, 0)}, "placed_at"),
        ({"id": "   "}, "id"),
        ({"customer_email": "not-an-email"}, "customer_email"),
        ({"customer_email": "a@b"}, "customer_email"),
        ({"items": ()}, "items"),
        ({"items": ({"sku": "MUG"},)}, "items[0]"),
    ],
)
def test_order_validation(overrides: dict[str, object], field: str) -> None:
    with pytest.raises(RecordError) as info:
        make_order(**overrides)
    assert info.value.field == field, f"Order with {overrides} should blame {field!r}, got {info.value.field!r}"


def test_order_rejects_duplicate_skus() -> None:
    with pytest.raises(RecordError) as info:
        make_order(items=(LineItem("MUG", 1, 1), LineItem("mug", 2, 1)))
    assert info.value.field == "items", f"duplicate SKUs should blame 'items', got {info.value.field!r}"
    assert "MUG" in info.value.problem, f"the problem should name the duplicate sku, got {info.value.problem!r}"


def test_parse_order_valid_payload() -> None:
    order = parse_order(valid_payload())
    assert order.id == "A-7", f"id should be 'A-7', got {order.id!r}"
    want_time = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
    assert order.placed_at == want_time, f"placed_at should equal 10:30 UTC, got {order.placed_at!r}"
    assert order.customer_email == "ann@example.com", f"email should be normalised, got {order.customer_email!r}"
    assert [i.sku for i in order.items] == ["MUG", "TEA-01"], f"items in input order, got {order.items!r}"
    assert order.total_cents == 2999, f"total should be 2999 cents, got {order.total_cents!r}"


def test_parse_order_accepts_z_suffix() -> None:
    payload = valid_payload()
    payload["placed_at"] = "2024-05-01T10:30:00Z"
    order = parse_order(payload)
    assert order.placed_at == datetime(2024, 5, 1, 10, 30, tzinfo=UTC), f"'Z' means UTC, got {order.placed_at!r}"


def test_round_trip_through_dict() -> None:
    order = parse_order(valid_payload())
    again = parse_order(order.to_dict())
    assert again == order, f"parse_order(order.to_dict()) should equal order\n got {again!r}\nwant {order!r}"
    assert order.to_dict()["items"] == [
        {"sku": "MUG", "quantity": 2, "unit_price_cents": 1250},
        {"sku": "TEA-01", "quantity": 1, "unit_price_cents": 499},
    ], f"to_dict items should be plain dicts, got {order.to_dict()['items']!r}"


def _without(key: str) -> dict[str, object]:
    payload = valid_payload()
    del payload[key]
    return payload


def _with(key: str, value: object) -> dict[str, object]:
    payload = valid_payload()
    payload[key] = value
    return payload


def _bad_item(index: int, key: str, value: object) -> dict[str, object]:
    payload = valid_payload()
    payload["items"][index][key] = value  # type: ignore[index]
    return payload


@pytest.mark.parametrize(
    ("payload", "field", "problem_part"),
    [
        ([1, 2], "<root>", "object"),
        (_without("customer_email"), "customer_email", "missing"),
        (_with("coupon", "SAVE10"), "coupon", "unknown"),
        (_with("placed_at", "yesterday"), "placed_at", "ISO"),
        (_with("placed_at", 1714560000), "placed_at", "ISO"),
        (_with("placed_at", "2024-05-01T10:30:00"), "placed_at", "timezone"),
        (_with("items", "MUG"), "items", "list"),
        (_with("items", []), "items", "at least one"),
        (_bad_item(1, "quantity", "3"), "items[1].quantity", "int"),
        (_bad_item(0, "sku", "bad sku"), "items[0].sku", "sku"),
        (
            _with("items", [{"sku": "MUG", "quantity": 1}]),
            "items[0].unit_price_cents",
            "missing",
        ),
        (_with("items", ["MUG"]), "items[0]", "object"),
    ],
)
def test_parse_order_errors_name_the_field(payload: object, field: str, problem_part: str) -> None:
    with pytest.raises(RecordError) as info:
        parse_order(payload)
    err = info.value
    assert err.field == field, f"error should point at {field!r}, got {err.field!r} ({err})"
    assert problem_part.lower() in err.problem.lower(), (
        f"problem for {field!r} should mention {problem_part!r}, got {err.problem!r}"
    )
    assert str(err).startswith(f"{field}: "), f"str(error) should be 'field: problem', got {str(err)!r}"


def test_parse_item_prefix() -> None:
    item = parse_item({"sku": "cup", "quantity": 4, "unit_price_cents": 5})
    assert item == LineItem("CUP", 4, 5), f"parse_item should build LineItem('CUP', 4, 5), got {item!r}"
    with pytest.raises(RecordError) as info:
        parse_item({"sku": "cup", "quantity": 0, "unit_price_cents": 5}, "lines[3].")
    assert info.value.field == "lines[3].quantity", f"prefix should be prepended, got {info.value.field!r}"
