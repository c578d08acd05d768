"""A shop schema whose constraints keep bad data out of the database.

Application code has bugs; the database is the last line of defence. A NOT NULL, a
UNIQUE, a CHECK or a FOREIGN KEY turns a silent data corruption into an immediate
``sqlite3.IntegrityError`` at the exact statement that tried it.

SQLite has two surprises that every team hits once:

* Foreign keys are NOT enforced unless each connection runs ``PRAGMA foreign_keys = ON``.
  That is why opening connections goes through one function, ``connect``.
* Column types are only a preference ("type affinity"): an ``INTEGER`` column happily
  stores ``9.99``. Money is stored as integer cents, so forbid anything else with a
  ``STRICT`` table (SQLite 3.37+) or a ``CHECK (typeof(col) = 'integer')``.

PostgreSQL enforces foreign keys and types out of the box; the DDL you write here
carries over almost unchanged (``INTEGER PRIMARY KEY`` becomes an identity column).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a database connection configured for this application.

    Args:
        path: A file path, or ``":memory:"`` for a private in-memory database.

    Returns:
        A connection with foreign keys enforced (``PRAGMA foreign_keys = ON``) and
        ``row_factory = sqlite3.Row`` so rows can be read by column name
        (``row["email"]``).
    """
    raise NotImplementedError("sqlite3.connect, set row_factory, execute PRAGMA foreign_keys = ON")


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the shop tables if they do not exist yet, and commit.

    Safe to call again on a database that already has them (use ``IF NOT EXISTS``);
    existing rows are kept. Tables and rules:

    ``customers``
        ``id`` INTEGER PRIMARY KEY; ``email`` TEXT, required and unique ignoring case
        (``Ana@Example.com`` and ``ana@example.com`` cannot both exist: ``COLLATE
        NOCASE``); ``name`` TEXT, required and not the empty string.

    ``products``
        ``id`` INTEGER PRIMARY KEY; ``sku`` TEXT, required and unique; ``name`` TEXT,
        required; ``price_cents`` required, an integer (a float such as 9.99 is
        rejected) and ``>= 0``.

    ``orders``
        ``id`` INTEGER PRIMARY KEY; ``customer_id`` required, references
        ``customers(id)``: an order for a missing customer is rejected, and deleting a
        customer who still has orders is rejected; ``created_at`` TEXT, required;
        ``status`` TEXT, required, defaults to ``'pending'`` and is one of
        ``'pending'``, ``'paid'``, ``'shipped'``, ``'cancelled'``.

    ``order_items``
        ``order_id`` required, references ``orders(id)`` and is deleted together with
        its order (``ON DELETE CASCADE``); ``product_id`` required, references
        ``products(id)`` (deleting a product that was ordered is rejected);
        ``quantity`` integer ``> 0``; ``unit_price_cents`` integer ``>= 0`` (the price
        paid, which may differ from today's price); the primary key is
        ``(order_id, product_id)``, so a product appears at most once per order.

    Every violation raises ``sqlite3.IntegrityError`` when foreign keys are on (see
    ``connect``).

    Args:
        conn: An open connection, normally from ``connect``.
    """
    raise NotImplementedError(
        "write CREATE TABLE IF NOT EXISTS statements with NOT NULL, UNIQUE, CHECK and "
        "REFERENCES clauses, run them with conn.executescript, then commit"
    )
