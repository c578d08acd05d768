"""Tests for ex05: a REST resource on plain WSGI, called in-process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from practice.books_resource import create_app

Call = Callable[..., Any]

DUNE = {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593", "year": 1965}
ISBNS = ["9780306406157", "9781492056355", "9780596520687", "9780134685991", "9791040152439"]


def book(n: int, **changes: Any) -> dict[str, Any]:
    """A valid book payload; n picks one of five distinct ISBNs."""
    return {"title": f"Book {n}", "author": "Ann Author" if n % 2 else "Bo Writer", "isbn": ISBNS[n], **changes}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status == status, f"expected status {status}, got {response.status}: {response.body[:200]!r}"
    content_type = response.header("Content-Type")
    assert content_type == "application/problem+json", (
        f"a {status} error must be application/problem+json, got Content-Type {content_type!r}"
    )
    data = response.json()
    assert data.get("status") == status, f"the problem's status member must be {status}, got {data!r}"
    assert isinstance(data.get("title"), str) and data["title"], f"the problem needs a title, got {data!r}"
    return data


def test_create_returns_201_location_etag_and_body(call: Call) -> None:
    app = create_app()
    response = call(app, "POST", "/books", body=DUNE)
    assert response.status == 201, f"POST /books with a valid book should be 201, got {response.status}"
    assert response.header("Location") == "/books/1", (
        f"Location should be /books/1, got {response.header('Location')!r}"
    )
    assert response.header("Content-Type") == "application/json", "the created book is returned as JSON"
    assert response.json() == {"id": 1, **DUNE}, f"body should be the stored book, got {response.json()!r}"
    assert response.header("ETag"), "a created book has an ETag"
    assert response.header("Content-Length") == str(len(response.body)), "Content-Length must match the body"
    second = call(app, "POST", "/books", body=book(1))
    assert second.header("Location") == "/books/2", "ids count up"


def test_get_item_matches_created(call: Call) -> None:
    app = create_app()
    created = call(app, "POST", "/books", body={**DUNE, "title": " Dune \u2014 \u0414\u044e\u043d\u0430 "})
    got = call(app, "GET", "/books/1")
    assert got.status == 200, f"GET /books/1 should be 200, got {got.status}"
    assert got.json() == created.json(), "GET returns what POST created"
    assert got.json()["title"] == "Dune \u2014 \u0414\u044e\u043d\u0430", "text is stripped and unicode survives"
    assert got.header("ETag") == created.header("ETag"), "same representation, same ETag"


@pytest.mark.parametrize("path", ["/books/2", "/books/0", "/books/01", "/books/abc", "/books/", "/authors", "/"])
def test_unknown_paths_are_404_problems(call: Call, path: str) -> None:
    app = create_app()
    call(app, "POST", "/books", body=DUNE)
    assert_problem(call(app, "GET", path), 404)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [("DELETE", "/books", "GET, POST"), ("PUT", "/books", "GET, POST"), ("PATCH", "/books/1", "GET, PUT, DELETE")],
)
def test_wrong_method_is_405_with_allow(call: Call, method: str, path: str, allow: str) -> None:
    app = create_app()
    call(app, "POST", "/books", body=DUNE)
    response = call(app, method, path)
    assert_problem(response, 405)
    assert response.header("Allow") == allow, (
        f"405 must list allowed methods: want {allow!r}, got {response.header('Allow')!r}"
    )


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Content-Type": "text/plain"}, b'{"title": "x"}', 415),
        ({}, b'{"title": "x"}', 415),
        ({"Content-Type": "application/xml"}, b"<book/>", 415),
        ({"Content-Type": "application/json"}, b'{"title": ', 400),
        ({"Content-Type": "application/json"}, b"\xff\xfe", 400),
        ({"Content-Type": "application/json"}, b"", 400),
    ],
)
def test_post_rejects_wrong_media_type_and_bad_json(call: Call, headers: dict, body: bytes, status: int) -> None:
    app = create_app()
    assert_problem(call(app, "POST", "/books", body=body, headers=headers), status)
    assert call(app, "GET", "/books").json()["total"] == 0, "nothing may be stored after a rejected POST"


def test_post_accepts_json_with_charset(call: Call) -> None:
    app = create_app()
    response = call(app, "POST", "/books", body=DUNE, headers={"Content-Type": "Application/JSON; charset=utf-8"})
    assert response.status == 201, f"media types are case-insensitive and may carry parameters, got {response.status}"


def test_validation_errors_are_422_with_pointers(call: Call) -> None:
    app = create_app()
    response = call(app, "POST", "/books", body={"title": "", "isbn": "123", "id": 9})
    data = assert_problem(response, 422)
    pointers = [error["pointer"] for error in data.get("errors", [])]
    assert pointers == ["/title", "/author", "/isbn", "/id"], f"422 must list every field error, got {pointers}"


def test_duplicate_isbn_is_409(call: Call) -> None:
    app = create_app()
    call(app, "POST", "/books", body=DUNE)
    assert_problem(call(app, "POST", "/books", body={**book(0), "isbn": "978-0-441-01359-3"}), 409)
    assert call(app, "GET", "/books").json()["total"] == 1, "the duplicate must not be stored"


def test_list_paginates_and_links(call: Call) -> None:
    app = create_app()
    for n in range(5):
        call(app, "POST", "/books", body=book(n))
    response = call(app, "GET", "/books", query="limit=2&offset=2")
    assert response.status == 200, f"GET /books should be 200, got {response.status}"
    data = response.json()
    assert [b["id"] for b in data["items"]] == [3, 4], f"limit=2&offset=2 should give ids 3 and 4, got {data['items']}"
    assert (data["total"], data["limit"], data["offset"]) == (5, 2, 2), f"total/limit/offset wrong: {data}"
    link = response.header("Link") or ""
    assert '/books?limit=2&offset=4>; rel="next"' in link, f"Link should point to the next page, got {link!r}"
    assert '/books?limit=2&offset=0>; rel="prev"' in link, f"Link should point to the previous page, got {link!r}"


def test_list_filters_by_author_ignoring_case(call: Call) -> None:
    app = create_app()
    for n in range(5):
        call(app, "POST", "/books", body=book(n))
    data = call(app, "GET", "/books", query="author=ANN+author&limit=1").json()
    assert data["total"] == 2, f"two books are by Ann Author (case-insensitive match), got total {data['total']}"
    assert [b["id"] for b in data["items"]] == [2], f"limit=1 gives the first of them (id 2), got {data['items']}"
    empty = call(app, "GET", "/books", query="author=nobody").json()
    assert empty["items"] == [] and empty["total"] == 0, f"an unknown author gives an empty page, got {empty}"


@pytest.mark.parametrize("query", ["limit=0", "limit=abc", "offset=-1", "limit=1&limit=2"])
def test_list_rejects_bad_paging(call: Call, query: str) -> None:
    assert_problem(call(create_app(), "GET", "/books", query=query), 400)


def test_conditional_get_returns_304(call: Call) -> None:
    app = create_app()
    etag = call(app, "POST", "/books", body=DUNE).header("ETag")
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = call(app, "GET", "/books/1", headers={"If-None-Match": header})
        assert response.status == 304, f"If-None-Match: {header} matches, so 304; got {response.status}"
        assert response.body == b"", "a 304 has no body"
        assert response.header("ETag") == etag, "a 304 repeats the ETag"
    response = call(app, "GET", "/books/1", headers={"If-None-Match": '"stale"'})
    assert response.status == 200, f"a non-matching If-None-Match gets the full 200, got {response.status}"
    assert_problem(call(app, "GET", "/books/1", headers={"If-None-Match": "no-quotes"}), 400)


def test_put_replaces_and_honours_if_match(call: Call) -> None:
    app = create_app()
    old_etag = call(app, "POST", "/books", body=DUNE).header("ETag")
    updated = {**DUNE, "title": "Dune (50th anniversary)", "year": 2015}
    response = call(app, "PUT", "/books/1", body=updated, headers={"If-Match": old_etag})
    assert response.status == 200, f"PUT with the current ETag should be 200, got {response.status}"
    assert response.json() == {"id": 1, **updated}, f"PUT returns the new book, got {response.json()!r}"
    new_etag = response.header("ETag")
    assert new_etag and new_etag != old_etag, "a changed book gets a new ETag"
    stale = call(app, "PUT", "/books/1", body={**DUNE, "title": "Lost update"}, headers={"If-Match": old_etag})
    assert_problem(stale, 412)
    assert call(app, "GET", "/books/1").json()["title"] == "Dune (50th anniversary)", "a 412 must not change the book"
    no_condition = call(app, "PUT", "/books/1", body=DUNE)
    assert no_condition.status == 200, f"PUT without If-Match is allowed, got {no_condition.status}"


def test_put_errors(call: Call) -> None:
    app = create_app()
    etag = call(app, "POST", "/books", body=DUNE).header("ETag")
    call(app, "POST", "/books", body=book(1))
    assert_problem(call(app, "PUT", "/books/9", body=DUNE), 404)
    assert_problem(call(app, "PUT", "/books/1", body={"title": ""}), 422)
    assert_problem(call(app, "PUT", "/books/1", body=b"{}", headers={"Content-Type": "text/plain"}), 415)
    assert_problem(call(app, "PUT", "/books/1", body={**DUNE, "isbn": ISBNS[1]}), 409)
    assert_problem(call(app, "PUT", "/books/1", body={"title": ""}, headers={"If-Match": '"stale"'}), 412)
    same = call(app, "PUT", "/books/1", body=DUNE, headers={"If-Match": etag})
    assert same.status == 200, f"keeping its own ISBN is not a conflict, got {same.status}"


def test_delete(call: Call) -> None:
    app = create_app()
    call(app, "POST", "/books", body=DUNE)
    assert_problem(call(app, "DELETE", "/books/1", headers={"If-Match": '"stale"'}), 412)
    response = call(app, "DELETE", "/books/1")
    assert response.status == 204, f"DELETE should be 204, got {response.status}"
    assert response.body == b"", "a 204 has no body"
    assert_problem(call(app, "GET", "/books/1"), 404)
    assert_problem(call(app, "DELETE", "/books/1"), 404)
    again = call(app, "POST", "/books", body=DUNE)
    assert again.header("Location") == "/books/2", "ids are never reused after a delete"


def test_idempotency_key_replays_the_first_response(call: Call) -> None:
    app = create_app()
    headers = {"Idempotency-Key": "8e03978e-40d5-43e8-bc93-6894a57f9324"}
    first = call(app, "POST", "/books", body=DUNE, headers=headers)
    retry = call(app, "POST", "/books", body=DUNE, headers=headers)
    assert (retry.status, retry.body) == (first.status, first.body), "a retry must get the same status and body"
    assert retry.header("Location") == first.header("Location") == "/books/1", "the retry points at the same book"
    assert call(app, "GET", "/books").json()["total"] == 1, "the book must be created only once"
    other = call(app, "POST", "/books", body=book(1), headers={"Idempotency-Key": "another-key"})
    assert other.status == 201 and other.header("Location") == "/books/2", "a new key is a new request"


def test_idempotency_key_errors(call: Call) -> None:
    app = create_app()
    headers = {"Idempotency-Key": "key-1"}
    call(app, "POST", "/books", body=DUNE, headers=headers)
    assert_problem(call(app, "POST", "/books", body=book(1), headers=headers), 422)
    assert_problem(call(app, "POST", "/books", body=book(1), headers={"Idempotency-Key": "x" * 300}), 400)
    failed = call(app, "POST", "/books", body={"title": ""}, headers={"Idempotency-Key": "key-2"})
    replay = call(app, "POST", "/books", body={"title": ""}, headers={"Idempotency-Key": "key-2"})
    assert failed.status == replay.status == 422 and failed.body == replay.body, "error responses are replayed too"
    assert call(app, "GET", "/books").json()["total"] == 1, "only the first book exists"
