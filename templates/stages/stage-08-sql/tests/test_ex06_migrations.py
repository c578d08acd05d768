"""Tests for ex06: versioned migrations with PRAGMA user_version."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from practice.migrations import Migration, MigrationError, current_version, migrate

CREATE_CUSTOMERS = Migration(
    name="create_customers",
    up="CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);",
    down="DROP TABLE customers;",
)
ADD_ORDERS = Migration(
    name="add_orders",
    up="""
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_orders_customer ON orders (customer_id);
    """,
    down="DROP INDEX idx_orders_customer; DROP TABLE orders;",
)
SEED_STATUSES = Migration(
    name="seed_statuses",
    up="""
        CREATE TABLE statuses (name TEXT PRIMARY KEY);
        INSERT INTO statuses VALUES ('pending'), ('paid'), ('pay\u00e9');  -- last one for the French shop
    """,
    down="DROP TABLE statuses",
)
MIGRATIONS = [CREATE_CUSTOMERS, ADD_ORDERS, SEED_STATUSES]


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A new, empty file database."""
    connection = sqlite3.connect(tmp_path / "app.db")
    yield connection
    connection.close()


def schema_objects(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables and indexes that exist."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


def seen_from_outside(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    """The version and objects a second connection sees (committed state only)."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path)
    try:
        return other.execute("PRAGMA user_version").fetchone()[0], schema_objects(other)
    finally:
        other.close()


@pytest.mark.parametrize("stored", [0, 1, 7, 42])
def test_current_version_reads_user_version(conn: sqlite3.Connection, stored: int) -> None:
    conn.execute(f"PRAGMA user_version = {stored}")
    got = current_version(conn)
    assert got == stored, f"after PRAGMA user_version = {stored}, current_version should be {stored}, got {got!r}"


def test_migrate_a_new_database_to_the_latest_version(conn: sqlite3.Connection) -> None:
    ran = migrate(conn, MIGRATIONS)
    want = ["up 1: create_customers", "up 2: add_orders", "up 3: seed_statuses"]
    assert ran == want, f"a new database should run all three steps in order: want {want}, got {ran}"
    assert current_version(conn) == 3, f"the version should be 3, got {current_version(conn)}"
    version, objects = seen_from_outside(conn)
    assert version == 3, f"the version bump must be committed; another connection sees {version}"
    assert {"customers", "orders", "idx_orders_customer", "statuses"} <= objects, f"missing objects: {objects}"
    statuses = [row[0] for row in conn.execute("SELECT name FROM statuses ORDER BY rowid")]
    assert statuses == ["pending", "paid", "pay\u00e9"], f"the seed rows should be there, got {statuses}"


def test_migrate_when_up_to_date_runs_nothing(conn: sqlite3.Connection) -> None:
    migrate(conn, MIGRATIONS)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        ran = migrate(conn, MIGRATIONS)
    finally:
        conn.set_trace_callback(None)
    assert ran == [], f"an up-to-date database needs no steps, got {ran}"
    writes = [s for s in statements if "user_version" not in s.lower() or "=" in s]
    assert writes == [], f"only the version may be read when there is nothing to do; ran {writes}"


def test_migrate_up_and_down_step_by_step(conn: sqlite3.Connection) -> None:
    plan = [
        (1, ["up 1: create_customers"], {"customers"}),
        (3, ["up 2: add_orders", "up 3: seed_statuses"], {"customers", "orders", "idx_orders_customer", "statuses"}),
        (1, ["down 3: seed_statuses", "down 2: add_orders"], {"customers"}),
        (0, ["down 1: create_customers"], set()),
        (2, ["up 1: create_customers", "up 2: add_orders"], {"customers", "orders", "idx_orders_customer"}),
    ]
    for target, want_steps, want_objects in plan:
        ran = migrate(conn, MIGRATIONS, target)
        assert ran == want_steps, f"migrate to {target} should run {want_steps}, got {ran}"
        assert current_version(conn) == target, f"after migrating to {target} the version is {current_version(conn)}"
        assert schema_objects(conn) == want_objects, (
            f"at version {target} the schema should be {sorted(want_objects)}, got {sorted(schema_objects(conn))}"
        )


def test_data_survives_later_migrations(conn: sqlite3.Connection) -> None:
    migrate(conn, MIGRATIONS, 1)
    conn.execute("INSERT INTO customers (email) VALUES ('ana@example.com')")
    conn.commit()
    migrate(conn, MIGRATIONS)
    emails = [row[0] for row in conn.execute("SELECT email FROM customers")]
    assert emails == ["ana@example.com"], f"migrating up must keep existing rows, got {emails}"


@pytest.mark.parametrize("target", [-1, 4, 100])
def test_target_out_of_range_raises_value_error(conn: sqlite3.Connection, target: int) -> None:
    with pytest.raises(ValueError):
        migrate(conn, MIGRATIONS, target)
    assert current_version(conn) == 0 and schema_objects(conn) == set(), "a rejected target must change nothing"


def test_failed_up_step_is_rolled_back_and_earlier_steps_stay(conn: sqlite3.Connection) -> None:
    broken = Migration(
        name="broken",
        up="CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);",
        down="DROP TABLE half_done;",
    )
    with pytest.raises(MigrationError) as caught:
        migrate(conn, [CREATE_CUSTOMERS, broken, SEED_STATUSES])
    assert "up 2: broken" in str(caught.value), f"the error should name the step 'up 2: broken': {caught.value}"
    assert isinstance(caught.value.__cause__, sqlite3.Error), "chain the sqlite3 error with 'raise ... from exc'"
    assert not conn.in_transaction, "the failed step's transaction must be rolled back"
    version, objects = seen_from_outside(conn)
    assert version == 1, f"step 1 succeeded and step 2 failed, so the version must be 1, got {version}"
    assert objects == {"customers"}, (
        f"half_done was created by the failed step and must be rolled back with it "
        f"(executescript commits before it starts: put BEGIN inside the script); found {sorted(objects)}"
    )


def test_failed_down_step_is_rolled_back(conn: sqlite3.Connection) -> None:
    migrate(conn, MIGRATIONS)
    bad_down = Migration(ADD_ORDERS.name, ADD_ORDERS.up, "DROP INDEX idx_orders_customer; DROP TABLE no_such_table;")
    with pytest.raises(MigrationError) as caught:
        migrate(conn, [CREATE_CUSTOMERS, bad_down, SEED_STATUSES], 0)
    assert "down 2: add_orders" in str(caught.value), f"the error should name 'down 2: add_orders': {caught.value}"
    version, objects = seen_from_outside(conn)
    assert version == 2, f"down 3 succeeded and down 2 failed, so the version must be 2, got {version}"
    assert objects == {"customers", "orders", "idx_orders_customer"}, (
        f"the failed down step must not leave its index dropped; found {sorted(objects)}"
    )


def test_database_newer_than_the_code_is_refused(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA user_version = 5")
    with pytest.raises(MigrationError):
        migrate(conn, MIGRATIONS)
    assert current_version(conn) == 5, "a refused migration must leave the version alone"
    assert schema_objects(conn) == set(), "a refused migration must not create anything"
