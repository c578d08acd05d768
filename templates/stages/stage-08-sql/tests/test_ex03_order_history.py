"""Tests for ex03: counting queries and fixing an N+1 query."""

from __future__ import annotations

import sqlite3

import pytest
from practice.order_history import QueryCounter, order_history

ANA_HISTORY = [
    {
        "order_id": 1,
        "created_at": "2024-01-05T10:00:00",
        "status": "paid",
        "total_cents": 6197,
        "items": [
            {"sku": "CB-01", "name": "Cable", "quantity": 2, "unit_price_cents": 599},
            {"sku": "KB-01", "name": "Keyboard", "quantity": 1, "unit_price_cents": 4999},
        ],
    },
    {
        "order_id": 2,
        "created_at": "2024-01-20T12:00:00",
        "status": "shipped",
        "total_cents": 1999,
        "items": [{"sku": "MS-01", "name": "Mouse", "quantity": 1, "unit_price_cents": 1999}],
    },
    {"order_id": 8, "created_at": "2024-03-15T16:45:00", "status": "paid", "total_cents": 0, "items": []},
]


def selects_run_by(conn: sqlite3.Connection, customer_id: int) -> tuple[list[object], list[str]]:
    """Call order_history and return its result and the SELECT statements it ran."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        result = order_history(conn, customer_id)
    finally:
        conn.set_trace_callback(None)
    return list(result), [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def test_query_counter_records_statements_inside_the_block(shop: sqlite3.Connection) -> None:
    with QueryCounter(shop) as queries:
        shop.execute("SELECT count(*) FROM orders").fetchone()
        shop.execute("SELECT name FROM customers WHERE id = ?", (4,)).fetchone()
    assert queries.count == 2, f"two SELECTs ran inside the block, counted {queries.count}"
    assert "SELECT count(*) FROM orders" in queries.statements[0], (
        f"statements should hold the SQL text in order, got {queries.statements!r}"
    )
    assert "4" in queries.statements[1], f"the trace shows parameters filled in, got {queries.statements[1]!r}"


def test_query_counter_stops_after_the_block(shop: sqlite3.Connection) -> None:
    with QueryCounter(shop) as queries:
        shop.execute("SELECT 1").fetchone()
    shop.execute("SELECT 2").fetchone()
    assert queries.count == 1, f"statements after the with block must not be counted, got {queries.count}"


def test_query_counter_ignores_transaction_control(shop: sqlite3.Connection) -> None:
    with QueryCounter(shop) as queries:
        shop.execute("UPDATE products SET price_cents = 650 WHERE sku = 'CB-01'")
        shop.commit()
        shop.execute("  begin")
        shop.execute("rollback")
    statements = queries.statements
    assert len(statements) >= 4, f"every statement is recorded, including BEGIN/COMMIT; got {statements!r}"
    assert queries.count == 1, (
        f"only the UPDATE is a query; implicit BEGIN, COMMIT and an explicit begin/rollback "
        f"are transaction control. Counted {queries.count} from {statements!r}"
    )


def test_query_counter_stops_when_the_block_raises(shop: sqlite3.Connection) -> None:
    with pytest.raises(ZeroDivisionError), QueryCounter(shop) as queries:
        shop.execute("SELECT 1").fetchone()
        _ = 1 / 0
    shop.execute("SELECT 2").fetchone()
    assert queries.count == 1, f"tracing must be switched off even when the block raises, got {queries.count}"


@pytest.mark.parametrize(
    ("customer_id", "want"),
    [
        (1, ANA_HISTORY),
        (4, []),
        (99, []),
    ],
    ids=["three-orders", "no-orders", "unknown-customer"],
)
def test_order_history_matches_the_slow_version(
    shop: sqlite3.Connection, customer_id: int, want: list[dict[str, object]]
) -> None:
    got, selects = selects_run_by(shop, customer_id)
    assert got == want, f"order_history({customer_id}) should be {want!r}, got {got!r}"
    assert len(selects) <= 2, f"order_history({customer_id}) ran {len(selects)} SELECTs: {selects}"


def test_order_history_keeps_every_status(shop: sqlite3.Connection) -> None:
    got, _ = selects_run_by(shop, 3)
    summary = [(o["order_id"], o["status"], o["total_cents"]) for o in got]  # type: ignore[index]
    assert summary == [(4, "paid", 1797), (5, "pending", 1999)], (
        f"zo\u00eb's history lists paid and pending orders in date order, got {summary}"
    )


def test_many_orders_still_take_at_most_two_queries(shop: sqlite3.Connection) -> None:
    shop.execute("INSERT INTO customers VALUES (6, 'big@example.com', 'Big Buyer')")
    want = []
    for n in range(40):
        order_id = 200 + n
        created_at = f"2024-04-{28 - n % 28:02d}T12:00:00"
        shop.execute("INSERT INTO orders VALUES (?, 6, ?, 'paid')", (order_id, created_at))
        items = []
        if n % 5:
            shop.execute("INSERT INTO order_items VALUES (?, 1, 1, 4999)", (order_id,))
            items.append({"sku": "KB-01", "name": "Keyboard", "quantity": 1, "unit_price_cents": 4999})
            if n % 2:
                shop.execute("INSERT INTO order_items VALUES (?, 3, ?, 599)", (order_id, n % 3 + 1))
                items.insert(0, {"sku": "CB-01", "name": "Cable", "quantity": n % 3 + 1, "unit_price_cents": 599})
        total = sum(i["quantity"] * i["unit_price_cents"] for i in items)  # type: ignore[operator]
        want.append(
            {"order_id": order_id, "created_at": created_at, "status": "paid", "total_cents": total, "items": items}
        )
    want.sort(key=lambda o: (o["created_at"], o["order_id"]))
    got, selects = selects_run_by(shop, 6)
    assert got == want, "order_history(6) with 40 orders differs from the expected history (dates, ids or items)"
    assert len(selects) <= 2, (
        f"40 orders took {len(selects)} SELECTs; an N+1 pattern runs one per order. "
        "Fetch everything with one JOIN (or two queries) and group in Python."
    )
