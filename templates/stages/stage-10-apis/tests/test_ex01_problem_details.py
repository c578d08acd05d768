"""Tests for ex01: RFC 9457 problem details and request validation."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import pytest
from practice.problem_details import (
    PROBLEM_JSON,
    ValidationError,
    clean_book,
    json_pointer,
    problem,
    problem_response,
)

GOOD = {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593", "year": 1965}


@pytest.mark.parametrize(
    ("tokens", "want"),
    [
        ((), ""),
        (("title",), "/title"),
        (("authors", 0, "name"), "/authors/0/name"),
        (("a/b", "m~n"), "/a~1b/m~0n"),
        (("~1",), "/~01"),
        (("",), "/"),
        (("caf\u00e9",), "/caf\u00e9"),
    ],
)
def test_json_pointer(tokens: tuple[Any, ...], want: str) -> None:
    got = json_pointer(*tokens)
    assert got == want, f"json_pointer{tokens!r} should be {want!r}, got {got!r}"


def test_problem_defaults_title_from_status() -> None:
    got = problem(404)
    want = {"type": "about:blank", "title": "Not Found", "status": 404}
    assert got == want, f"problem(404) should be {want!r}, got {got!r}"
    got = problem(422, detail="2 fields are invalid", errors=[{"pointer": "/title", "detail": "x"}])
    assert list(got) == ["type", "title", "status", "detail", "errors"], f"member order, got {list(got)}"
    assert got["title"] == HTTPStatus(422).phrase, f"title should be the reason phrase, got {got['title']!r}"


def test_problem_with_custom_type_and_instance() -> None:
    got = problem(
        409,
        type="https://example.com/problems/duplicate-isbn",
        title="Duplicate ISBN",
        instance="/books/7",
        existing="/books/3",
    )
    want = {
        "type": "https://example.com/problems/duplicate-isbn",
        "title": "Duplicate ISBN",
        "status": 409,
        "instance": "/books/7",
        "existing": "/books/3",
    }
    assert got == want, f"got {got!r}"
    got = problem(400, type="https://example.com/problems/x")
    assert "title" not in got, "with a custom type and no title, title is left out"


@pytest.mark.parametrize("status", [200, 302, 399, 600, 999])
def test_problem_rejects_non_error_status(status: int) -> None:
    with pytest.raises(ValueError):
        problem(status)


def test_problem_response() -> None:
    status_line, headers, body = problem_response(problem(404, detail="no book 7 \u2014 caf\u00e9"))
    assert status_line == "404 Not Found", f"status line should be '404 Not Found', got {status_line!r}"
    header_map = dict(headers)
    assert header_map.get("Content-Type") == PROBLEM_JSON == "application/problem+json", (
        f"Content-Type must be application/problem+json, got {header_map.get('Content-Type')!r}"
    )
    assert header_map.get("Content-Length") == str(len(body)), "Content-Length must be the body's byte length"
    assert "caf\u00e9".encode() in body, "the body is UTF-8 JSON without \\u escapes"
    assert json.loads(body) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "no book 7 \u2014 caf\u00e9",
    }
    with pytest.raises(ValueError):
        problem_response({"title": "no status"})


def test_clean_book_normalizes() -> None:
    got = clean_book({"title": "  Dune ", "author": "Frank Herbert", "isbn": "978-0-441-01359-3"})
    want = {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593", "year": None}
    assert got == want, f"clean_book should strip text, remove ISBN hyphens and default year to None: got {got!r}"
    got = clean_book({**GOOD, "year": None, "title": "\u0414\u044e\u043d\u0430"})
    assert got["year"] is None and got["title"] == "\u0414\u044e\u043d\u0430", (
        f"null year and unicode title, got {got!r}"
    )


def errors_for(payload: object) -> list[dict[str, str]]:
    with pytest.raises(ValidationError) as info:
        clean_book(payload)
    errors = info.value.errors
    for error in errors:
        assert set(error) == {"pointer", "detail"}, f"each error has pointer and detail, got {error!r}"
        assert isinstance(error["detail"], str) and error["detail"], "detail must be a non-empty string"
    return errors


@pytest.mark.parametrize(
    ("payload", "pointers"),
    [
        ([GOOD], [""]),
        ("Dune", [""]),
        ({}, ["/title", "/author", "/isbn"]),
        ({**GOOD, "title": "   "}, ["/title"]),
        ({**GOOD, "title": "x" * 201}, ["/title"]),
        ({**GOOD, "author": 42}, ["/author"]),
        ({**GOOD, "author": "a" * 101}, ["/author"]),
        ({**GOOD, "isbn": "9780441013594"}, ["/isbn"]),
        ({**GOOD, "isbn": "978044101359"}, ["/isbn"]),
        ({**GOOD, "isbn": 9780441013593}, ["/isbn"]),
        ({**GOOD, "isbn": "\u0669780441013593"}, ["/isbn"]),
        ({**GOOD, "year": "1965"}, ["/year"]),
        ({**GOOD, "year": True}, ["/year"]),
        ({**GOOD, "year": 1965.0}, ["/year"]),
        ({**GOOD, "year": 1449}, ["/year"]),
        ({**GOOD, "year": 2101}, ["/year"]),
        ({**GOOD, "id": 3, "a/b": 1}, ["/a~1b", "/id"]),
        (
            {"year": 0, "zzz": 1, "isbn": "x", "author": "", "title": None},
            ["/title", "/author", "/isbn", "/year", "/zzz"],
        ),
    ],
)
def test_clean_book_reports_every_error_with_a_pointer(payload: object, pointers: list[str]) -> None:
    got = [error["pointer"] for error in errors_for(payload)]
    assert got == pointers, f"clean_book({payload!r}) should report pointers {pointers}, got {got}"


@pytest.mark.parametrize("title", ["x" * 200, "x"])
def test_clean_book_length_boundaries_are_inclusive(title: str) -> None:
    got = clean_book({**GOOD, "title": title, "year": 2100})
    assert got["title"] == title and got["year"] == 2100, "200 characters and year 2100 are allowed"
