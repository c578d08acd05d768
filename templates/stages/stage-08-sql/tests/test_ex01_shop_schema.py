"""Tests for ex01: a shop schema with constraints and foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from practice.shop_schema import connect, create_schema

WANT_COLUMNS = {
    "customers": {"id", "email", "name"},
    "products": {"id", "sku", "name", "price_cents"},
    "orders": {"id", "customer_id", "created_at", "status"},
    "order_items": {"order_id", "product_id", "quantity", "unit_price_cents"},
}


def open_shop() -> sqlite3.Connection:
    """Return an in-memory database with the schema and one customer, product, order and item."""
    conn = connect(":memory:")
    create_schema(conn)
    conn.execute("INSERT INTO customers (id, email, name) VALUES (1, 'ana@example.com', 'Ana Lima')")
    conn.execute("INSERT INTO products (id, sku, name, price_cents) VALUES (1, 'KB-01', 'Keyboard', 4999)")
    conn.execute("INSERT INTO orders (id, customer_id, created_at, status) VALUES (1, 1, '2024-01-05', 'paid')")
    conn.execute("INSERT INTO order_items VALUES (1, 1, 2, 4999)")
    conn.commit()
    return conn


def count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_connect_enforces_foreign_keys_and_names_columns(tmp_path: Path) -> None:
    conn = connect(tmp_path / "app.db")
    try:
        enabled = conn.execute("PRAGMA foreign_keys").fetchone()[0]
        assert enabled == 1, "connect() must run PRAGMA foreign_keys = ON (SQLite leaves it off)"
        row = conn.execute("SELECT 'ok' AS status").fetchone()
        assert row["status"] == "ok", "connect() should set row_factory = sqlite3.Row so row['status'] works"
    finally:
        conn.close()
    assert (tmp_path / "app.db").exists(), "connect(path) should create the database file"


def test_create_schema_makes_the_four_tables(tmp_path: Path) -> None:
    conn = connect(tmp_path / "shop.db")
    create_schema(conn)
    for table, want in WANT_COLUMNS.items():
        got = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        assert got == want, f"table {table!r} should have columns {sorted(want)}, got {sorted(got)}"
    other = sqlite3.connect(tmp_path / "shop.db")
    tables = {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    other.close()
    assert set(WANT_COLUMNS) <= tables, f"create_schema must commit: a second connection sees only {tables}"


def test_create_schema_twice_keeps_the_data() -> None:
    db = open_shop()
    create_schema(db)
    assert count(db, "customers") == 1, "calling create_schema again must not drop or fail on existing tables"
    assert count(db, "order_items") == 1, "existing order items must survive a second create_schema"


def test_valid_unicode_rows_and_defaults() -> None:
    db = open_shop()
    db.execute("INSERT INTO customers (email, name) VALUES (?, ?)", ("zo\u00eb@example.com", "Zo\u00eb \u00dcnal"))
    db.execute("INSERT INTO products (sku, name, price_cents) VALUES ('FREE-1', 'Sticker', 0)")
    db.execute("INSERT INTO orders (customer_id, created_at) VALUES (1, '2024-02-01')")
    status = db.execute("SELECT status FROM orders WHERE created_at = '2024-02-01'").fetchone()[0]
    assert status == "pending", f"a new order's status should default to 'pending', got {status!r}"
    name = db.execute("SELECT name FROM customers WHERE email = ?", ("zo\u00eb@example.com",)).fetchone()[0]
    assert name == "Zo\u00eb \u00dcnal", f"unicode names must round-trip, got {name!r}"


VIOLATIONS = [
    pytest.param(
        "INSERT INTO customers (email, name) VALUES ('ANA@example.COM', 'Ana 2')", id="email differing only in case"
    ),
    pytest.param("INSERT INTO customers (email, name) VALUES (NULL, 'Nobody')", id="missing email"),
    pytest.param("INSERT INTO customers (email, name) VALUES ('x@example.com', '')", id="empty name"),
    pytest.param("INSERT INTO products (sku, name, price_cents) VALUES ('N-1', 'Bad', -1)", id="negative price"),
    pytest.param("INSERT INTO products (sku, name, price_cents) VALUES ('F-1', 'Bad', 9.99)", id="float price"),
    pytest.param("INSERT INTO products (sku, name, price_cents) VALUES ('KB-01', 'Copy', 100)", id="duplicate sku"),
    pytest.param(
        "INSERT INTO orders (customer_id, created_at) VALUES (99, '2024-01-01')", id="order for a missing customer"
    ),
    pytest.param(
        "INSERT INTO orders (customer_id, created_at) VALUES (NULL, '2024-01-01')", id="order without a customer"
    ),
    pytest.param(
        "INSERT INTO orders (customer_id, created_at, status) VALUES (1, '2024-01-01', 'lost')", id="unknown status"
    ),
    pytest.param("INSERT INTO order_items VALUES (1, 1, 0, 4999)", id="zero quantity"),
    pytest.param("INSERT INTO order_items VALUES (1, 42, 1, 100)", id="item for a missing product"),
    pytest.param("INSERT INTO order_items VALUES (42, 1, 1, 100)", id="item for a missing order"),
    pytest.param("INSERT INTO order_items VALUES (1, 1, 5, 4999)", id="same product twice in an order"),
    pytest.param("DELETE FROM customers WHERE id = 1", id="deleting a customer who has orders"),
    pytest.param("DELETE FROM products WHERE id = 1", id="deleting a product that was ordered"),
]


@pytest.mark.parametrize("sql", VIOLATIONS)
def test_constraint_violations_raise_integrity_error(sql: str) -> None:
    db = open_shop()
    try:
        db.execute(sql)
    except sqlite3.IntegrityError:
        return
    pytest.fail(f"the database accepted: {sql}  (it should raise sqlite3.IntegrityError)")


def test_deleting_an_order_deletes_its_items() -> None:
    db = open_shop()
    db.execute("DELETE FROM orders WHERE id = 1")
    left = count(db, "order_items")
    assert left == 0, f"order_items must be deleted with their order (ON DELETE CASCADE); {left} left"


def test_foreign_keys_hold_on_every_new_connection(tmp_path: Path) -> None:
    first = connect(tmp_path / "shop.db")
    create_schema(first)
    first.close()
    second = connect(tmp_path / "shop.db")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            second.execute("INSERT INTO orders (customer_id, created_at) VALUES (7, '2024-01-01')")
    finally:
        second.close()
