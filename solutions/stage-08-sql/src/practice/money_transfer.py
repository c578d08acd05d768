"""An atomic money transfer: all of it happens, or none of it does.

Moving money is three writes: debit one account, credit another, record the transfer
in a ledger. If the process dies or a statement fails between them, money vanishes or
appears from nowhere. A transaction makes the three writes one unit: ``COMMIT`` makes
them all visible, ``ROLLBACK`` undoes every one.

The tables (created by the tests)::

    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
    );
    CREATE TABLE transfers (
        id INTEGER PRIMARY KEY,
        from_id INTEGER NOT NULL REFERENCES accounts (id),
        to_id INTEGER NOT NULL REFERENCES accounts (id),
        amount_cents INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );

Python's ``sqlite3`` opens transactions for you only before INSERT/UPDATE/DELETE and
only in its default mode; a connection made with ``isolation_level=None`` runs every
statement on its own. Do not depend on either: start the transaction yourself with
``BEGIN IMMEDIATE`` (which also takes the write lock up front, so two transfers cannot
both read the same old balance), and end it yourself with ``commit()`` or
``rollback()``. With PostgreSQL and psycopg the shape is the same:
``with conn.transaction(): ...``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime


class TransferError(Exception):
    """A transfer was refused; nothing was changed."""


class AccountNotFound(TransferError):
    """One of the two accounts does not exist."""


class InsufficientFunds(TransferError):
    """The paying account's balance is smaller than the amount."""


def utc_now() -> datetime:
    """Return the current time in UTC (the default clock)."""
    return datetime.now(UTC)


def transfer(
    conn: sqlite3.Connection,
    from_id: int,
    to_id: int,
    amount_cents: int,
    clock: Callable[[], datetime] = utc_now,
) -> int:
    """Move ``amount_cents`` from one account to another and record it, atomically.

    Inside one transaction: check both accounts exist, debit ``from_id`` (refusing to
    go below zero), credit ``to_id``, insert a ``transfers`` row whose ``created_at`` is
    ``clock().isoformat()``, then commit. If anything fails after the transaction
    started (a refused check, a constraint, a trigger, any ``sqlite3.Error``), roll back
    so that no balance and no ledger row changed, and let the exception propagate.

    Args:
        conn: An open connection, in Python's default transaction mode or with
            ``isolation_level=None``. It must not be inside a transaction already.
        from_id: The paying account.
        to_id: The receiving account.
        amount_cents: A positive whole number of cents.
        clock: Returns the current time; tests pass a fixed one.

    Returns:
        The id of the new ``transfers`` row.

    Raises:
        TypeError: ``amount_cents`` is not an int, or is a bool.
        ValueError: ``amount_cents`` is zero or negative, or ``from_id == to_id``.
        TransferError: ``conn`` already has an open transaction (committing it would
            publish someone else's half-done work).
        AccountNotFound: Either account does not exist.
        InsufficientFunds: The paying account cannot cover the amount.
        sqlite3.Error: The database failed; the transfer was rolled back.
    """
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise TypeError(f"amount_cents must be an int, got {amount_cents!r}")
    if amount_cents <= 0:
        raise ValueError(f"amount_cents must be positive, got {amount_cents}")
    if from_id == to_id:
        raise ValueError(f"cannot transfer from account {from_id} to itself")
    if conn.in_transaction:
        raise TransferError("the connection is already inside a transaction; commit or roll it back first")

    conn.execute("BEGIN IMMEDIATE")
    try:
        found = {
            row[0] for row in conn.execute("SELECT id FROM accounts WHERE id IN (?, ?)", (from_id, to_id)).fetchall()
        }
        for account in (from_id, to_id):
            if account not in found:
                raise AccountNotFound(f"account {account} does not exist")
        debited = conn.execute(
            "UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ? AND balance_cents >= ?",
            (amount_cents, from_id, amount_cents),
        )
        if debited.rowcount != 1:
            raise InsufficientFunds(f"account {from_id} cannot cover {amount_cents} cents")
        conn.execute("UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?", (amount_cents, to_id))
        ledger = conn.execute(
            "INSERT INTO transfers (from_id, to_id, amount_cents, created_at) VALUES (?, ?, ?, ?)",
            (from_id, to_id, amount_cents, clock().isoformat()),
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    assert ledger.lastrowid is not None
    return ledger.lastrowid
