"""Versioned schema migrations, up and down, tracked in ``PRAGMA user_version``.

A deployed database cannot be dropped and recreated: its schema changes through
migrations, small numbered scripts applied in order, each with an "up" (apply) and a
"down" (undo). The database remembers how far it got; the code knows the full list;
``migrate`` moves the database from where it is to where the code wants it. Alembic
(SQLAlchemy), Django migrations, Flyway and sqlx all work this way.

Here the version is the number stored in SQLite's ``PRAGMA user_version`` (0 for a new
database): version N means migrations 1..N are applied. Migration number i is
``migrations[i - 1]``.

The rule that makes migrations safe: each step is ONE transaction that includes its
version bump. SQLite can roll back DDL (CREATE/DROP/ALTER) and ``PRAGMA user_version``,
so a step that fails half-way leaves no half-created tables and the version still at
the last good step. Beware that ``Connection.executescript`` first COMMITs any open
transaction and then runs the script as written, so put ``BEGIN`` inside the script
you pass to it, and roll back yourself if it raises. A script may end with a ``--``
comment, so start whatever you append to it on a new line. (PostgreSQL also has
transactional DDL; MySQL does not, which is why its migration tools need extra care.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema change.

    Attributes:
        name: Short description, e.g. ``"create_customers"``.
        up: SQL script applying the change; may hold several statements separated by
            ``;``; must not contain BEGIN/COMMIT itself.
        down: SQL script undoing exactly what ``up`` did.
    """

    name: str
    up: str
    down: str


class MigrationError(Exception):
    """The database cannot be migrated as asked; see the message."""


def current_version(conn: sqlite3.Connection) -> int:
    """Return the schema version stored in the database (``PRAGMA user_version``).

    Args:
        conn: An open connection.

    Returns:
        The version; 0 for a database that was never migrated.
    """
    raise NotImplementedError("read PRAGMA user_version")


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration], target: int | None = None) -> list[str]:
    """Move the database to version ``target``, one transaction per step.

    Going up from version v runs ``up`` of migrations v+1, v+2, ..., target in that
    order. Going down runs ``down`` of migrations v, v-1, ..., target+1 in that order.
    Each step runs its script and sets ``PRAGMA user_version`` to the version it
    reaches, inside a single transaction, then commits. When already at ``target``
    nothing is executed besides reading the version.

    If a step fails, that step is rolled back completely (none of its statements and
    not its version bump remain), the steps before it in this call stay committed,
    and ``MigrationError`` is raised, naming the step (``"up 2: add_orders"``) and
    chained (``raise ... from``) to the database error.

    Args:
        conn: An open connection with no transaction in progress.
        migrations: All known migrations in order; migration i is ``migrations[i - 1]``.
        target: The version to reach; ``None`` means the latest, ``len(migrations)``.

    Returns:
        The steps that ran, in order, as ``"up 3: seed_statuses"`` or
        ``"down 3: seed_statuses"`` (direction, migration number, name); ``[]`` when
        there was nothing to do.

    Raises:
        ValueError: ``target`` is negative or greater than ``len(migrations)``.
        MigrationError: The database's version is greater than ``len(migrations)``
            (it was migrated by newer code; running old code on it is unsafe), or a
            step failed.
    """
    raise NotImplementedError(
        "validate target and the current version, then for each step run "
        "conn.executescript(f'BEGIN;\\n{script}\\n;PRAGMA user_version = {n};\\nCOMMIT;'), "
        "rolling back and raising MigrationError on sqlite3.Error"
    )
