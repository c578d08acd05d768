"""Tests for ex01: parameterised queries and an allowlisted ORDER BY."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from practice.sql_injection import User, escape_like, find_user, order_by_clause, revoke_session, search_products
from practice.sql_injection import update_email as update_email_fn


def guarded(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn``; turn a database error into a failed assertion that explains it."""
    try:
        return fn(*args, **kwargs)
    except (NotImplementedError, AssertionError, ValueError):
        raise
    except Exception as exc:
        raise AssertionError(
            f"{fn.__name__}{args[1:]!r} {kwargs or ''} crashed with {exc!r}: user input reached the SQL text; "
            "values must be ? parameters and sort keys must go through order_by_clause"
        ) from exc


def assert_value_error(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    try:
        guarded(fn, *args, **kwargs)
    except ValueError:
        return
    raise AssertionError(f"{fn.__name__}(..., {kwargs!r}) should raise ValueError before running any SQL")


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_find_user_handles_quotes_and_unicode(shop_db: sqlite3.Connection) -> None:
    got = guarded(find_user, shop_db, "alice")
    assert got == User(1, "alice", "alice@example.com", True), f"find_user('alice') returned {got!r}"
    got = guarded(find_user, shop_db, "O'Brien")
    assert got is not None and got.id == 3, f'find_user("O\'Brien") should find user 3, got {got!r}'
    got = guarded(find_user, shop_db, "zo\u00eb")
    assert got is not None and got.id == 5, f"find_user('zo\u00eb') should find user 5, got {got!r}"
    got = guarded(find_user, shop_db, "Alice")
    assert got is None, f"usernames compare exactly: find_user('Alice') should be None, got {got!r}"


@pytest.mark.parametrize(
    "payload",
    [
        "' OR '1'='1",
        "alice' --",
        "alice'/*",
        "nobody' UNION SELECT id, password_hash, email, 1 FROM users --",
        "'; DROP TABLE users; --",
    ],
)
def test_find_user_injection_is_just_an_unknown_name(shop_db: sqlite3.Connection, payload: str) -> None:
    got = guarded(find_user, shop_db, payload)
    assert got is None, f"find_user({payload!r}) must treat the input as a name that does not exist, got {got!r}"
    assert len(table_rows(shop_db, "users")) == 5, "the users table must be untouched"


@pytest.mark.parametrize(
    ("term", "want"),
    [
        ("50%", ["Summer sale: 50% off mug"]),
        ("_", ["snake_case stickers"]),
        ("'n'", ["Rock 'n' roll poster"]),
        ("%", ["Summer sale: 50% off mug"]),
        ("%_%", []),
    ],
    ids=["percent", "underscore", "quotes", "lone-percent", "percent-underscore-percent"],
)
def test_search_treats_wildcards_and_quotes_literally(shop_db: sqlite3.Connection, term: str, want: list[str]) -> None:
    got = guarded(search_products, shop_db, term)
    assert got == want, f"search_products({term!r}) should match the literal text only: want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "payload",
    [
        "' OR 1=1 --",
        "%' UNION SELECT password_hash FROM users --",
        "x'; DELETE FROM products; --",
    ],
)
def test_search_injection_finds_nothing_and_leaks_nothing(shop_db: sqlite3.Connection, payload: str) -> None:
    got = guarded(search_products, shop_db, payload)
    assert got == [], f"search_products({payload!r}) should find no product, got {got!r}"
    assert len(table_rows(shop_db, "products")) == 7, "the products table must be untouched"


def test_search_matches_case_insensitively_and_empty_term_matches_all(shop_db: sqlite3.Connection) -> None:
    got = guarded(search_products, shop_db, "DESK")
    assert got == ["Desk lamp", "desk mat"], f"search_products('DESK') should ignore ASCII case, got {got!r}"
    got = guarded(search_products, shop_db, "")
    assert len(got) == 7, f"an empty term matches every product, got {got!r}"
    assert guarded(search_products, shop_db, "MUG", sort="price") == [
        "Summer sale: 50% off mug",
        "Caf\u00e9 au lait mug",
    ], "sort='price' with equal prices must break ties by id"


@pytest.mark.parametrize(
    ("sort", "descending", "want"),
    [
        ("name", False, "ORDER BY name COLLATE NOCASE ASC, id ASC"),
        ("name", True, "ORDER BY name COLLATE NOCASE DESC, id ASC"),
        ("price", True, "ORDER BY price_cents DESC, id ASC"),
        ("created", False, "ORDER BY created_at ASC, id ASC"),
    ],
)
def test_order_by_clause_comes_from_the_allowlist(sort: str, descending: bool, want: str) -> None:
    got = order_by_clause(sort, descending)
    assert got == want, f"order_by_clause({sort!r}, {descending}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "sort",
    ["price; DROP TABLE products", "name DESC", "NAME", "", "id", "(SELECT 1)", "price_cents", " name"],
)
def test_order_by_clause_refuses_anything_else(sort: str) -> None:
    with pytest.raises(ValueError, match="name"):
        order_by_clause(sort)


@pytest.mark.parametrize(
    ("kwargs", "want"),
    [
        (
            {"sort": "price", "descending": True},
            [
                "Desk lamp",
                "Summer sale: 50% off mug",
                "desk mat",
                "Caf\u00e9 au lait mug",
                "Rock 'n' roll poster",
                "USB cable 50cm",
                "snake_case stickers",
            ],
        ),
        ({"sort": "name", "limit": 3}, ["Caf\u00e9 au lait mug", "Desk lamp", "desk mat"]),
        ({"sort": "created", "limit": 2}, ["USB cable 50cm", "Desk lamp"]),
    ],
    ids=["price-desc", "name-limit-3", "created-limit-2"],
)
def test_search_sorts_and_limits(shop_db: sqlite3.Connection, kwargs: dict[str, Any], want: list[str]) -> None:
    got = guarded(search_products, shop_db, "", **kwargs)
    assert got == want, f"search_products('', **{kwargs!r}) should return {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sort": "price_cents"},
        {"sort": "name; DROP TABLE products"},
        {"limit": 0},
        {"limit": 101},
        {"limit": True},
    ],
)
def test_search_rejects_bad_sort_and_limit(shop_db: sqlite3.Connection, kwargs: dict[str, Any]) -> None:
    assert_value_error(search_products, shop_db, "", **kwargs)
    assert len(table_rows(shop_db, "products")) == 7, "the products table must be untouched"


@pytest.mark.parametrize(
    "new_email",
    [
        "o'neil@example.com",
        "evil@example.com', is_admin = 1 --",
        "evil@example.com' WHERE username = 'alice' --",
    ],
)
def test_update_email_stores_input_verbatim_in_one_row(shop_db: sqlite3.Connection, new_email: str) -> None:
    before = table_rows(shop_db, "users")
    changed = guarded(update_email_fn, shop_db, 4, new_email)
    assert changed is True, f"update_email(4, {new_email!r}) should return True, got {changed!r}"
    after = table_rows(shop_db, "users")
    want = [row if row[0] != 4 else (*row[:2], new_email, *row[3:]) for row in before]
    assert after == want, (
        f"only user 4's email may change, to the exact input {new_email!r}; users table is now {after!r}"
    )
    assert guarded(update_email_fn, shop_db, 999, "x@example.com") is False, "an unknown user id should give False"


@pytest.mark.parametrize("payload", ["' OR '1'='1", "x' OR token LIKE '%", "tok-bob' OR 'a'='a"])
def test_revoke_session_deletes_only_the_exact_token(shop_db: sqlite3.Connection, payload: str) -> None:
    got = guarded(revoke_session, shop_db, payload)
    assert got == 0, f"revoke_session({payload!r}) should delete nothing and return 0, got {got!r}"
    assert len(table_rows(shop_db, "sessions")) == 3, "no session may be deleted by an injection payload"
    got = guarded(revoke_session, shop_db, "tok-bob")
    assert got == 1, f"revoke_session('tok-bob') should delete one session, got {got!r}"


@pytest.mark.parametrize(
    ("term", "want"),
    [("50%", "50\\%"), ("a_b", "a\\_b"), ("C:\\dir", "C:\\\\dir"), ("\\%", "\\\\\\%"), ("plain", "plain"), ("", "")],
)
def test_escape_like(term: str, want: str) -> None:
    got = escape_like(term)
    assert got == want, f"escape_like({term!r}) should be {want!r}, got {got!r}"
