"""A small shop database shared by the reporting, N+1 and query-plan tests.

The tables use the column names of ex01's schema but leave the constraints out, so
these exercises do not depend on your ex01 answer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

SHOP_TABLES = """
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    email TEXT,
    name TEXT
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku TEXT,
    name TEXT,
    price_cents INTEGER
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER,
    created_at TEXT,
    status TEXT
);
CREATE TABLE order_items (
    order_id INTEGER,
    product_id INTEGER,
    quantity INTEGER,
    unit_price_cents INTEGER,
    PRIMARY KEY (order_id, product_id)
);
"""

CUSTOMERS = [
    (1, "ana@example.com", "Ana Lima"),
    (2, "Bo@Example.com", "Bo Chen"),
    (3, "zo\u00eb@example.com", "Zo\u00eb \u00dcnal"),
    (4, "carl@example.com", "Carl O'Brien"),
    (5, "dee@example.com", "Dee Park"),
]

PRODUCTS = [
    (1, "KB-01", "Keyboard", 4999),
    (2, "MS-01", "Mouse", 1999),
    (3, "CB-01", "Cable", 599),
    (4, "LT-01", "Laptop stand", 3499),
    (5, "HD-01", "Headset", 8999),
    (6, "AD-01", "USB-C adapter", 1299),
]

# (id, customer_id, created_at, status)
ORDERS = [
    (1, 1, "2024-01-05T10:00:00", "paid"),
    (2, 1, "2024-01-20T12:00:00", "shipped"),
    (3, 2, "2024-02-02T09:30:00", "paid"),
    (4, 3, "2024-02-28T23:59:59", "paid"),
    (5, 3, "2024-03-01T00:00:00", "pending"),
    (6, 5, "2024-03-10T08:00:00", "cancelled"),
    (7, 2, "2023-12-31T23:59:59", "paid"),
    (8, 1, "2024-03-15T16:45:00", "paid"),
]

# (order_id, product_id, quantity, unit_price_cents); order 8 has no items.
ORDER_ITEMS = [
    (1, 1, 1, 4999),
    (1, 3, 2, 599),
    (2, 2, 1, 1999),
    (3, 1, 2, 4500),
    (4, 3, 3, 599),
    (5, 2, 1, 1999),
    (6, 5, 1, 8999),
    (7, 2, 2, 1999),
]


@pytest.fixture
def shop() -> Iterator[sqlite3.Connection]:
    """An in-memory shop database with the rows above, committed."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(SHOP_TABLES)
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?)", CUSTOMERS)
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?)", PRODUCTS)
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", ORDERS)
    conn.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?)", ORDER_ITEMS)
    conn.commit()
    yield conn
    conn.close()
