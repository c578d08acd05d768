"""Sales reports with joins and aggregates, using parameterised queries only.

The shop tables (see ex01) are ``customers``, ``products``, ``orders`` and
``order_items``. Revenue counts only orders whose status is ``'paid'`` or
``'shipped'``, and an order's value is ``SUM(quantity * unit_price_cents)`` of its
items (the price paid, not today's product price).

Rules for every function here:

* Values reach SQL only as parameters (``?`` placeholders and a tuple), never through
  f-strings or ``%`` formatting. A customer called ``O'Brien`` must not break a query,
  and an "email" like ``x' OR '1'='1`` must not match every row (SQL injection).
* Let the database do the work: ``JOIN``, ``GROUP BY``, ``COUNT``, ``SUM``, ``ORDER BY``
  and ``LIMIT`` in one query per report, not Python loops over rows.
* Do not assume a ``row_factory``: rows may be plain tuples.

The same code runs against PostgreSQL through a DB-API driver such as psycopg; the
differences are the placeholder style (``%s`` instead of ``?``) and a few functions
(``to_char`` instead of ``strftime``).
"""

from __future__ import annotations

import sqlite3
from typing import TypedDict


class Customer(TypedDict):
    """One customer row."""

    id: int
    email: str
    name: str


def customer_by_email(conn: sqlite3.Connection, email: str) -> Customer | None:
    """Find a customer by email address, ignoring ASCII letter case.

    Args:
        conn: An open connection to the shop database.
        email: The address to look for, e.g. ``"BO@example.com"``.

    Returns:
        ``{"id": ..., "email": ..., "name": ...}`` with the values as stored, or
        ``None`` when no customer has that address.
    """
    row = conn.execute(
        "SELECT id, email, name FROM customers WHERE lower(email) = lower(?)",
        (email,),
    ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "email": row[1], "name": row[2]}


def monthly_revenue(conn: sqlite3.Connection, year: int) -> list[tuple[str, int]]:
    """Return the revenue of each month of ``year`` as ``("YYYY-MM", cents)`` pairs.

    ``orders.created_at`` is an ISO 8601 text such as ``"2024-02-28T23:59:59"``.
    Only paid or shipped orders count. Months without any paid or shipped order items
    are left out. Filter with a range on ``created_at`` (``>= '2024-01-01'`` and
    ``< '2025-01-01'``) so an index could help; group by ``substr(created_at, 1, 7)``
    or ``strftime('%Y-%m', created_at)``.

    Args:
        conn: An open connection to the shop database.
        year: The calendar year, e.g. 2024.

    Returns:
        The pairs sorted by month, e.g. ``[("2024-01", 8196), ("2024-02", 10797)]``;
        ``[]`` for a year without sales.
    """
    rows = conn.execute(
        """
        SELECT substr(o.created_at, 1, 7) AS month,
               SUM(i.quantity * i.unit_price_cents) AS revenue
        FROM orders AS o
        JOIN order_items AS i ON i.order_id = o.id
        WHERE o.status IN ('paid', 'shipped')
          AND o.created_at >= ? AND o.created_at < ?
        GROUP BY month
        ORDER BY month
        """,
        (f"{year:04d}-01-01", f"{year + 1:04d}-01-01"),
    ).fetchall()
    return [(month, revenue) for month, revenue in rows]


def top_customers(conn: sqlite3.Connection, since: str, limit: int) -> list[tuple[str, int, int]]:
    """Return the best customers by money spent on orders created at or after ``since``.

    Only paid or shipped orders count. Each result is ``(email, orders, spent_cents)``
    where ``orders`` is the number of such orders, INCLUDING orders that have no items
    (they count as orders worth 0), and ``spent_cents`` is the total value of their
    items. Customers without any such order are left out.

    Watch the join fan-out: joining an order to its 2 items gives 2 rows, so count
    orders with ``COUNT(DISTINCT orders.id)``; a ``LEFT JOIN`` to ``order_items`` keeps
    orders without items, and ``COALESCE(SUM(...), 0)`` turns their NULL sum into 0.

    Args:
        conn: An open connection to the shop database.
        since: An ISO 8601 date or timestamp, compared as text with ``created_at``.
        limit: How many customers to return at most; at least 1.

    Returns:
        Up to ``limit`` tuples, most spent first; equal amounts by email (A to Z).

    Raises:
        ValueError: ``limit`` is less than 1.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    rows = conn.execute(
        """
        SELECT c.email,
               COUNT(DISTINCT o.id) AS orders,
               COALESCE(SUM(i.quantity * i.unit_price_cents), 0) AS spent
        FROM customers AS c
        JOIN orders AS o ON o.customer_id = c.id
        LEFT JOIN order_items AS i ON i.order_id = o.id
        WHERE o.status IN ('paid', 'shipped') AND o.created_at >= ?
        GROUP BY c.id
        ORDER BY spent DESC, c.email
        LIMIT ?
        """,
        (since, limit),
    ).fetchall()
    return [(email, orders, spent) for email, orders, spent in rows]


def products_never_ordered(conn: sqlite3.Connection) -> list[str]:
    """Return the SKUs of products that appear in no order item at all.

    Any order counts here, whatever its status (a product in a cancelled order was
    still ordered).

    Args:
        conn: An open connection to the shop database.

    Returns:
        The SKUs sorted A to Z; ``[]`` when every product was ordered.
    """
    rows = conn.execute(
        """
        SELECT p.sku
        FROM products AS p
        WHERE NOT EXISTS (SELECT 1 FROM order_items AS i WHERE i.product_id = p.id)
        ORDER BY p.sku
        """
    ).fetchall()
    return [sku for (sku,) in rows]
