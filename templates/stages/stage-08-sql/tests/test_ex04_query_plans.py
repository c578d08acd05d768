"""Tests for ex04: EXPLAIN QUERY PLAN and choosing indexes."""

from __future__ import annotations

import sqlite3

import pytest
from practice.query_plans import HOT_QUERIES, create_indexes, query_plan

HOT_PARAMS: dict[str, tuple[object, ...]] = {
    "orders_of_customer": (1,),
    "orders_in_period": (1, "2024-01-01", "2024-02-01"),
    "login": ("ANA@example.com",),
    "buyers_of_product": (3,),
}


def user_indexes(conn: sqlite3.Connection) -> list[str]:
    """Names of the indexes created with CREATE INDEX (not automatic ones)."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    return [row[0] for row in rows]


@pytest.mark.parametrize(
    ("sql", "params", "want_words"),
    [
        ("SELECT * FROM orders WHERE customer_id = ?", (1,), ("SCAN", "orders")),
        ("SELECT * FROM orders WHERE id = ?", (3,), ("SEARCH", "orders", "PRIMARY KEY")),
        ("SELECT * FROM order_items WHERE order_id = ?", (1,), ("SEARCH", "order_items", "INDEX")),
        ("SELECT * FROM customers ORDER BY name", (), ("TEMP B-TREE",)),
    ],
)
def test_query_plan_reports_the_detail_column(
    shop: sqlite3.Connection, sql: str, params: tuple[object, ...], want_words: tuple[str, ...]
) -> None:
    plan = query_plan(shop, sql, params)
    assert isinstance(plan, list) and all(isinstance(step, str) for step in plan), (
        f"query_plan should return a list of detail strings, got {plan!r}"
    )
    text = " | ".join(plan)
    for word in want_words:
        assert word in text, f"the plan of {sql!r} should mention {word!r}; got {plan!r}"


def test_query_plan_works_with_row_objects(shop: sqlite3.Connection) -> None:
    shop.row_factory = sqlite3.Row
    plan = query_plan(shop, "SELECT * FROM orders WHERE id = ?", (1,))
    assert len(plan) == 1 and plan[0].startswith("SEARCH"), f"expected one SEARCH step, got {plan!r}"


def test_query_plan_does_not_run_the_statement(shop: sqlite3.Connection) -> None:
    plan = query_plan(shop, "DELETE FROM order_items WHERE order_id = ?", (1,))
    assert plan, "planning a DELETE should still describe the plan"
    left = shop.execute("SELECT count(*) FROM order_items WHERE order_id = 1").fetchone()[0]
    assert left == 2, f"EXPLAIN QUERY PLAN must not execute the DELETE; order 1 has {left} items left"


def test_query_plan_passes_sqlite_errors_through(shop: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.ProgrammingError):
        query_plan(shop, "SELECT * FROM orders WHERE id = ? AND status = ?", (1,))


@pytest.mark.parametrize("name", sorted(HOT_QUERIES))
def test_hot_queries_scan_without_indexes(shop: sqlite3.Connection, name: str) -> None:
    plan = query_plan(shop, HOT_QUERIES[name], HOT_PARAMS[name])
    assert any(step.startswith("SCAN") for step in plan), (
        f"before create_indexes, {name} should need a full SCAN; got {plan!r}"
    )


@pytest.mark.parametrize("name", sorted(HOT_QUERIES))
def test_hot_queries_search_an_index_after_create_indexes(shop: sqlite3.Connection, name: str) -> None:
    create_indexes(shop)
    plan = query_plan(shop, HOT_QUERIES[name], HOT_PARAMS[name])
    assert not any(step.startswith("SCAN") for step in plan), (
        f"after create_indexes, {name} still scans: {plan!r}. Index the columns its WHERE "
        "uses, leftmost first (an index on lower(email) for the login query)."
    )
    assert any(step.startswith("SEARCH") and "INDEX" in step for step in plan), (
        f"{name} should SEARCH using an index, got {plan!r}"
    )
    assert not any("TEMP B-TREE" in step for step in plan), (
        f"{name} still sorts after reading: {plan!r}. Put created_at after customer_id in "
        "one composite index so the rows come out in order."
    )


def test_create_indexes_is_lean_idempotent_and_keeps_rows(shop: sqlite3.Connection) -> None:
    before = shop.execute("SELECT count(*) FROM orders").fetchone()[0]
    create_indexes(shop)
    first = user_indexes(shop)
    create_indexes(shop)
    second = user_indexes(shop)
    assert 1 <= len(first) <= 3, f"use at most 3 indexes for the 4 hot queries, found {first}"
    assert first == second, f"calling create_indexes twice must not add indexes: {first} then {second}"
    after = shop.execute("SELECT count(*) FROM orders").fetchone()[0]
    assert after == before, f"create_indexes must not change data: {before} orders before, {after} after"
    assert not shop.in_transaction, "create_indexes should commit its work"
    login = shop.execute(HOT_QUERIES["login"], HOT_PARAMS["login"]).fetchall()
    assert login == [(1, "Ana Lima")], f"the login query must still find Ana, got {login!r}"
