"""Tests for ex02: reports with joins, aggregates and parameters."""

from __future__ import annotations

import sqlite3

import pytest
from practice.sales_reports import customer_by_email, monthly_revenue, products_never_ordered, top_customers


def add_paid_order(conn: sqlite3.Connection, order_id: int, customer_id: int, created_at: str, cents: int) -> None:
    """Insert a paid order holding one cable line worth ``cents``."""
    conn.execute("INSERT INTO orders VALUES (?, ?, ?, 'paid')", (order_id, customer_id, created_at))
    conn.execute("INSERT INTO order_items VALUES (?, 3, 1, ?)", (order_id, cents))


@pytest.mark.parametrize("row_factory", [None, sqlite3.Row], ids=["tuples", "Row"])
@pytest.mark.parametrize(
    ("email", "want_id"),
    [
        ("ana@example.com", 1),
        ("BO@EXAMPLE.COM", 2),
        ("zo\u00eb@example.com", 3),
        ("carl@example.com", 4),
        ("nobody@example.com", None),
        ("", None),
    ],
)
def test_customer_by_email(shop: sqlite3.Connection, row_factory: object, email: str, want_id: int | None) -> None:
    shop.row_factory = row_factory  # type: ignore[assignment]
    got = customer_by_email(shop, email)
    if want_id is None:
        assert got is None, f"customer_by_email({email!r}) should be None, got {got!r}"
        return
    stored = {c[0]: c for c in shop.execute("SELECT id, email, name FROM customers").fetchall()}[want_id]
    want = {"id": stored[0], "email": stored[1], "name": stored[2]}
    assert got == want, f"customer_by_email({email!r}) should be {want!r} (values as stored), got {got!r}"


@pytest.mark.parametrize("attack", ["x' OR '1'='1", "' OR 1=1 --", "ana@example.com' --"])
def test_customer_by_email_is_not_injectable(shop: sqlite3.Connection, attack: str) -> None:
    try:
        got = customer_by_email(shop, attack)
    except sqlite3.Error as exc:
        pytest.fail(
            f"customer_by_email({attack!r}) broke the SQL ({exc}): the value was pasted into "
            "the query text. Pass it as a parameter instead."
        )
    assert got is None, (
        f"customer_by_email({attack!r}) matched {got!r}: the value was pasted into the SQL. "
        "Pass it as a parameter: conn.execute('... = lower(?)', (email,))"
    )


@pytest.mark.parametrize(
    ("year", "want"),
    [
        (2024, [("2024-01", 8196), ("2024-02", 10797)]),
        (2023, [("2023-12", 3998)]),
        (2025, []),
    ],
)
def test_monthly_revenue(shop: sqlite3.Connection, year: int, want: list[tuple[str, int]]) -> None:
    got = monthly_revenue(shop, year)
    assert got == want, (
        f"monthly_revenue({year}) should be {want} (paid/shipped only, quantity * unit price, by month), got {got}"
    )


def test_monthly_revenue_year_boundaries(shop: sqlite3.Connection) -> None:
    add_paid_order(shop, 100, 4, "2024-12-31T23:59:59", 700)
    add_paid_order(shop, 101, 4, "2025-01-01T00:00:00", 900)
    got_2024 = monthly_revenue(shop, 2024)
    assert got_2024[-1] == ("2024-12", 700), f"the last second of 2024 belongs to 2024-12, got {got_2024}"
    got_2025 = monthly_revenue(shop, 2025)
    assert got_2025 == [("2025-01", 900)], f"midnight on 1 January belongs to the new year, got {got_2025}"


@pytest.mark.parametrize(
    ("since", "limit", "want"),
    [
        (
            "2024-01-01",
            10,
            [("Bo@Example.com", 1, 9000), ("ana@example.com", 3, 8196), ("zo\u00eb@example.com", 1, 1797)],
        ),
        ("2024-01-01", 2, [("Bo@Example.com", 1, 9000), ("ana@example.com", 3, 8196)]),
        (
            "2024-02-01",
            5,
            [("Bo@Example.com", 1, 9000), ("zo\u00eb@example.com", 1, 1797), ("ana@example.com", 1, 0)],
        ),
        ("2023-01-01", 1, [("Bo@Example.com", 2, 12998)]),
        ("2025-01-01", 3, []),
    ],
)
def test_top_customers(shop: sqlite3.Connection, since: str, limit: int, want: list[tuple[str, int, int]]) -> None:
    got = top_customers(shop, since, limit)
    assert got == want, (
        f"top_customers(since={since!r}, limit={limit}) should be {want}. Orders are counted "
        "once each (COUNT(DISTINCT ...)), orders without items count as 0, pending and "
        f"cancelled orders are ignored. Got {got}"
    )


def test_top_customers_breaks_ties_by_email(shop: sqlite3.Connection) -> None:
    shop.execute("INSERT INTO customers VALUES (6, 'eve@example.com', 'Eve Stone')")
    add_paid_order(shop, 100, 6, "2024-05-01T10:00:00", 1797)
    got = top_customers(shop, "2024-02-15", 5)
    want = [("eve@example.com", 1, 1797), ("zo\u00eb@example.com", 1, 1797), ("ana@example.com", 1, 0)]
    assert got == want, f"equal amounts are ordered by email: want {want}, got {got}"


@pytest.mark.parametrize("limit", [0, -1])
def test_top_customers_rejects_bad_limit(shop: sqlite3.Connection, limit: int) -> None:
    with pytest.raises(ValueError):
        top_customers(shop, "2024-01-01", limit)


def test_products_never_ordered(shop: sqlite3.Connection) -> None:
    got = products_never_ordered(shop)
    assert got == ["AD-01", "LT-01"], (
        f"AD-01 and LT-01 are in no order (HD-01 is in a cancelled one, which still counts): got {got}"
    )
    shop.execute("INSERT INTO order_items VALUES (5, 4, 1, 3499)")
    after = products_never_ordered(shop)
    assert after == ["AD-01"], f"after ordering LT-01 only AD-01 is left, got {after}"
    shop.execute("INSERT INTO order_items VALUES (5, 6, 1, 1299)")
    none_left = products_never_ordered(shop)
    assert none_left == [], f"when every product was ordered the result is [], got {none_left}"
