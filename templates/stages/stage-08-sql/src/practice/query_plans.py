"""Read query plans and add the indexes that turn table scans into index searches.

Without an index, ``WHERE customer_id = ?`` reads every row of ``orders`` (a SCAN):
fine for 100 rows, a timeout for 10 million. ``EXPLAIN QUERY PLAN <query>`` asks SQLite
how it would run a query, without running it. Each row of the answer has four columns
``(id, parent, notused, detail)``; the ``detail`` text is what you read, for example::

    SCAN orders                                   every row is read
    SEARCH orders USING INDEX idx_x (customer_id=?)   the index jumps to the rows
    USE TEMP B-TREE FOR ORDER BY                  the result is sorted afterwards

Indexes are not free: each one slows down every INSERT/UPDATE and takes disk space. So
the goal is the fewest indexes that serve the queries the application really runs.
Two facts do most of the work:

* A composite index ``(a, b)`` serves ``WHERE a = ?``, ``WHERE a = ? AND b > ?`` and
  ``WHERE a = ? ORDER BY b``, but not ``WHERE b = ?`` alone (leftmost prefix rule).
  The primary key ``(order_id, product_id)`` of ``order_items`` is such an index.
* An index on ``email`` does not help ``WHERE lower(email) = ?``; an index on the
  expression ``lower(email)`` does.

PostgreSQL has the same ideas under ``EXPLAIN`` (``Seq Scan`` versus ``Index Scan``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

HOT_QUERIES: dict[str, str] = {
    "orders_of_customer": "SELECT id, created_at, status FROM orders WHERE customer_id = ? ORDER BY created_at DESC",
    "orders_in_period": (
        "SELECT id, status FROM orders WHERE customer_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at"
    ),
    "login": "SELECT id, name FROM customers WHERE lower(email) = lower(?)",
    "buyers_of_product": "SELECT order_id, quantity FROM order_items WHERE product_id = ?",
}
"""The queries the shop runs most, by name. ``create_indexes`` must serve all four."""


def query_plan(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[str]:
    """Return the ``detail`` text of each step of SQLite's plan for ``sql``.

    Runs ``EXPLAIN QUERY PLAN`` followed by ``sql``, with ``params`` bound to its
    placeholders. The statement itself is not executed, so planning a ``DELETE`` deletes
    nothing.

    Args:
        conn: An open connection (rows may be tuples or ``sqlite3.Row``).
        sql: One SQL statement with ``?`` placeholders.
        params: Values for the placeholders (their values do not change the plan, but
            their number must match).

    Returns:
        The detail strings in the order SQLite reports them, e.g.
        ``["SEARCH orders USING INDEX idx_orders_customer (customer_id=?)"]``.

    Raises:
        sqlite3.Error: Whatever SQLite raises for invalid SQL or a wrong number of
            parameters (``sqlite3.ProgrammingError``); do not catch it.
    """
    raise NotImplementedError("execute 'EXPLAIN QUERY PLAN ' + sql with params; keep column 3 of each row")


def create_indexes(conn: sqlite3.Connection) -> None:
    """Create the indexes that let every query in ``HOT_QUERIES`` avoid a full scan.

    After this runs, for each hot query the plan must:

    * use an index for every table it reads (``SEARCH ... USING ... INDEX``, never
      ``SCAN <table>``), and
    * not sort afterwards (no ``USE TEMP B-TREE FOR ORDER BY``): the index already
      returns the rows in ``created_at`` order.

    Create at most 3 indexes (one composite index can serve two queries), name them
    yourself, use ``CREATE INDEX IF NOT EXISTS`` so calling twice is harmless, and
    commit. Existing rows are not changed.

    Args:
        conn: An open connection to a shop database (tables from ex01).
    """
    raise NotImplementedError(
        "one composite index on orders, one expression index on customers, one on order_items(product_id); then commit"
    )
