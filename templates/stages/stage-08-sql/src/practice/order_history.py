"""Find and fix an N+1 query: a customer's order history in two queries, not 1 + N.

``order_history_slow`` below is the kind of code that ships first: one query for the
orders, then one more query per order for its items. With 3 orders nobody notices; with
300 orders on a page that is 301 round trips to the database, and on a real server each
one crosses the network. ORMs make this easy to write by accident (a lazy-loaded
relationship read in a loop), which is why teams count queries in their tests, like
Django's ``assertNumQueries``.

You will write both halves:

* ``QueryCounter``: a context manager that records every SQL statement a connection
  runs, using ``Connection.set_trace_callback``.
* ``order_history``: the same result as ``order_history_slow`` with at most 2 queries
  however many orders there are (one ``JOIN``, or one query for the orders and one for
  all their items with ``WHERE order_id IN (...)``).
"""

from __future__ import annotations

import sqlite3
from types import TracebackType
from typing import TypedDict

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END")


class Item(TypedDict):
    """One line of an order."""

    sku: str
    name: str
    quantity: int
    unit_price_cents: int


class Order(TypedDict):
    """One order with its lines."""

    order_id: int
    created_at: str
    status: str
    total_cents: int
    items: list[Item]


def order_history_slow(conn: sqlite3.Connection, customer_id: int) -> list[Order]:
    """Return a customer's orders with their items, using 1 + N queries (the slow way).

    This is the reference behaviour ``order_history`` must reproduce: orders sorted by
    ``created_at`` then ``id``; each order's items sorted by SKU; ``total_cents`` is
    ``sum(quantity * unit_price_cents)``, 0 for an order without items; an unknown
    customer gives ``[]``. Orders of every status are included.
    """
    history: list[Order] = []
    orders = conn.execute(
        "SELECT id, created_at, status FROM orders WHERE customer_id = ? ORDER BY created_at, id",
        (customer_id,),
    ).fetchall()
    for order_id, created_at, status in orders:
        rows = conn.execute(
            """
            SELECT p.sku, p.name, i.quantity, i.unit_price_cents
            FROM order_items AS i JOIN products AS p ON p.id = i.product_id
            WHERE i.order_id = ?
            ORDER BY p.sku
            """,
            (order_id,),
        ).fetchall()
        items: list[Item] = [
            {"sku": sku, "name": name, "quantity": quantity, "unit_price_cents": price}
            for sku, name, quantity, price in rows
        ]
        total = sum(item["quantity"] * item["unit_price_cents"] for item in items)
        history.append(
            {"order_id": order_id, "created_at": created_at, "status": status, "total_cents": total, "items": items}
        )
    return history


class QueryCounter:
    """Record the SQL statements a connection runs inside a ``with`` block.

    Example::

        with QueryCounter(conn) as queries:
            order_history(conn, 1)
        assert queries.count <= 2, queries.statements

    Attributes:
        statements: Every statement SQLite reported while the block ran, in order, as
            the text the trace callback received (parameters already filled in).
        count: How many of those statements are not transaction control, i.e. do not
            start with one of ``TRANSACTION_CONTROL`` (case-insensitive, leading spaces
            ignored). Implicit ``BEGIN``/``COMMIT`` do not make a query.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Prepare to count statements on ``conn`` (nothing is recorded before ``with``)."""
        raise NotImplementedError("remember conn and start with an empty statements list")

    @property
    def count(self) -> int:
        """Return the number of recorded statements that are not transaction control."""
        raise NotImplementedError("count statements whose first word is not in TRANSACTION_CONTROL")

    def __enter__(self) -> QueryCounter:
        """Start recording with ``conn.set_trace_callback`` and return ``self``."""
        raise NotImplementedError("install a trace callback that appends to self.statements")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop recording (``set_trace_callback(None)``), also when the block raised.

        Exceptions from the block are not swallowed.
        """
        raise NotImplementedError("remove the trace callback; return None so errors propagate")


def order_history(conn: sqlite3.Connection, customer_id: int) -> list[Order]:
    """Return exactly what ``order_history_slow`` returns, using at most 2 queries.

    Args:
        conn: An open connection to the shop database (rows may be plain tuples).
        customer_id: Whose orders to list.

    Returns:
        The orders, sorted by ``created_at`` then ``id``, each with its items sorted by
        SKU and its ``total_cents``; ``[]`` for a customer without orders.
    """
    raise NotImplementedError(
        "one query: orders LEFT JOIN order_items LEFT JOIN products ORDER BY created_at, "
        "id, sku; then group the rows into orders in Python"
    )
