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
    raise NotImplementedError(
        "validate, refuse if conn.in_transaction, BEGIN IMMEDIATE, do the checks and "
        "three writes in try:, commit; on any exception rollback and re-raise"
    )
