"""Tests for ex05: a generic Page, a validated TypedDict body, a Closeable protocol."""

from __future__ import annotations

import pytest
from practice.typed_contracts import (
    MAX_PER_PAGE,
    Page,
    ValidationError,
    close_all,
    paginate,
    validate_user_in,
)

# ---------------------------------------------------------------- Page / paginate


@pytest.mark.parametrize(
    ("total", "page", "per_page", "want_items", "pages", "has_next", "has_prev"),
    [
        (45, 1, 20, list(range(20)), 3, True, False),
        (45, 2, 20, list(range(20, 40)), 3, True, True),
        (45, 3, 20, list(range(40, 45)), 3, False, True),
        (45, 4, 20, [], 3, False, True),
        (40, 2, 20, list(range(20, 40)), 2, False, True),
        (0, 1, 20, [], 0, False, False),
        (1, 1, 1, [0], 1, False, False),
    ],
)
def test_paginate(
    total: int, page: int, per_page: int, want_items: list[int], pages: int, has_next: bool, has_prev: bool
) -> None:
    got = paginate(list(range(total)), page, per_page)
    label = f"paginate({total} items, page={page}, per_page={per_page})"
    assert got.items == tuple(want_items), f"{label} items: want {want_items}, got {got.items}"
    assert got.total == total, f"{label} total: want {total}, got {got.total}"
    assert got.pages == pages, f"{label} pages: want {pages}, got {got.pages}"
    assert got.has_next is has_next, f"{label} has_next: want {has_next}, got {got.has_next}"
    assert got.has_prev is has_prev, f"{label} has_prev: want {has_prev}, got {got.has_prev}"


def test_paginate_is_generic_over_item_type() -> None:
    users = [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bo"}, {"id": 3, "name": "Cé"}]
    page = paginate(users, page=2, per_page=2)
    assert page.items == ({"id": 3, "name": "Cé"},), f"page 2 of 3 users should hold the third, got {page.items}"
    letters = paginate("abcdef", page=1, per_page=4)
    assert letters.items == ("a", "b", "c", "d"), f"any sequence works, even a str; got {letters.items}"
    assert Page(items=(), page=1, per_page=10, total=95).pages == 10, "95 items at 10 per page is 10 pages"


@pytest.mark.parametrize(
    ("page", "per_page", "bad"),
    [(0, 20, "page"), (-1, 20, "page"), (1, 0, "per_page"), (1, MAX_PER_PAGE + 1, "per_page"), (1, True, "per_page")],
)
def test_paginate_rejects_bad_arguments(page: int, per_page: int, bad: str) -> None:
    with pytest.raises(ValueError) as info:
        paginate([1, 2, 3], page, per_page)
    assert str(info.value).startswith(bad), f"error should name {bad!r} first, got {str(info.value)!r}"


# ---------------------------------------------------------------- validate_user_in


def test_validate_user_in_minimal_and_full() -> None:
    body = {"name": "  Zoë Ünal ", "email": "zoe@example.com"}
    clean = validate_user_in(body)
    assert clean == {"name": "Zoë Ünal", "email": "zoe@example.com"}, f"name should be stripped, got {clean}"
    assert clean is not body, "return a new dict, never the input"
    full = validate_user_in({"name": "Ann", "email": "a@b.io", "age": 0, "tags": ["admin", "beta"]})
    assert full == {"name": "Ann", "email": "a@b.io", "age": 0, "tags": ["admin", "beta"]}, f"got {full}"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, ["email: required", "name: required"]),
        ({"name": "   ", "email": "a@b.io"}, ["name: must not be empty"]),
        ({"name": "x" * 101, "email": "a@b.io"}, ["name: must be at most 100 characters"]),
        ({"name": 7, "email": "ab.io"}, ["email: must look like name@domain", "name: expected str"]),
        ({"name": "Ann", "email": "a@@b.io"}, ["email: must look like name@domain"]),
        ({"name": "Ann", "email": "@b.io"}, ["email: must look like name@domain"]),
        ({"name": "Ann", "email": "a@b.io", "age": True}, ["age: expected int"]),
        ({"name": "Ann", "email": "a@b.io", "age": 151}, ["age: must be between 0 and 150"]),
        ({"name": "Ann", "email": "a@b.io", "tags": ["ok", 3]}, ["tags: expected list of str"]),
        ({"name": "Ann", "email": "a@b.io", "tags": "admin"}, ["tags: expected list of str"]),
        ({"name": "Ann", "email": "a@b.io", "role": "admin", "id": 1}, ["id: unknown field", "role: unknown field"]),
    ],
)
def test_validate_user_in_collects_all_errors(body: dict[str, object], errors: list[str]) -> None:
    with pytest.raises(ValidationError) as info:
        validate_user_in(body)
    assert info.value.errors == errors, f"validate_user_in({body!r}) errors:\n got {info.value.errors}\nwant {errors}"
    assert isinstance(info.value, ValueError), "ValidationError should subclass ValueError"


@pytest.mark.parametrize("body", [None, [], "name=Ann", 42])
def test_validate_user_in_rejects_non_objects(body: object) -> None:
    with pytest.raises(ValidationError) as info:
        validate_user_in(body)
    assert info.value.errors == ["<body>: expected an object"], f"got {info.value.errors}"


# ---------------------------------------------------------------- Closeable / close_all


class Resource:
    """Does not inherit from Closeable: it just has a close() method."""

    def __init__(self, name: str, log: list[str], error: Exception | None = None) -> None:
        self.name, self.log, self.error = name, log, error

    def close(self) -> None:
        self.log.append(self.name)
        if self.error is not None:
            raise self.error


def test_close_all_closes_in_reverse_order() -> None:
    log: list[str] = []
    failures = close_all([Resource("db", log), Resource("cache", log), Resource("http", log)])
    assert log == ["http", "cache", "db"], f"last opened should be closed first, got {log}"
    assert failures == [], f"nothing failed, got {failures}"


def test_close_all_continues_after_failures() -> None:
    log: list[str] = []
    e1, e2 = OSError("socket already closed"), RuntimeError("flush failed")
    failures = close_all([Resource("a", log, e1), Resource("b", log), Resource("c", log, e2)])
    assert log == ["c", "b", "a"], f"every resource must be closed even after a failure, got {log}"
    assert failures == [e2, e1], f"failures in the order they happened, got {failures}"


def test_close_all_checks_protocol_before_closing_anything() -> None:
    log: list[str] = []
    with pytest.raises(TypeError) as info:
        close_all([Resource("a", log), "not closeable", Resource("b", log)])
    assert "1" in str(info.value), f"message should name index 1, got {info.value}"
    assert log == [], f"nothing may be closed when the input is invalid, closed {log}"
    assert close_all([]) == [], "an empty list closes nothing and returns no failures"
