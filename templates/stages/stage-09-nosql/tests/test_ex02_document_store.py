"""Tests for ex02: a document store with MongoDB-style nested queries."""

from __future__ import annotations

from typing import Any

import pytest
from practice.document_store import (
    DocumentStore,
    DuplicateKeyError,
    QueryError,
    matches,
    resolve_path,
)

ORDER = {
    "_id": 7,
    "customer": {"name": "Ada", "address": {"city": "Oslo", "zip": "0150"}},
    "items": [
        {"sku": "A-1", "qty": 2, "price": 9.5},
        {"sku": "B-2", "qty": 1, "price": 120},
    ],
    "tags": ["priority", "gift"],
    "coupon": None,
    "paid": True,
    "total": 139,
}


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("total", [139]),
        ("customer.address.city", ["Oslo"]),
        ("customer.phone", []),
        ("coupon", [None]),
        ("items.sku", ["A-1", "B-2"]),
        ("items.1.qty", [1]),
        ("items.5.qty", []),
        ("tags", [["priority", "gift"]]),
        ("total.amount", []),
    ],
)
def test_resolve_path(path: str, want: list[Any]) -> None:
    got = resolve_path(ORDER, path)
    assert got == want, f"resolve_path(ORDER, {path!r}) should return {want!r}, got {got!r}"


@pytest.mark.parametrize("path", ["", "a..b", ".a", "a."])
def test_resolve_path_rejects_empty_segments(path: str) -> None:
    with pytest.raises(QueryError):
        resolve_path(ORDER, path)


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ({}, True),
        ({"total": 139}, True),
        ({"total": 139.0}, True),
        ({"customer.address.city": "Oslo"}, True),
        ({"customer.address.city": "Bergen"}, False),
        ({"customer.address": {"city": "Oslo", "zip": "0150"}}, True),
        ({"tags": "gift"}, True),
        ({"tags": ["priority", "gift"]}, True),
        ({"tags": ["gift", "priority"]}, False),
        ({"items.sku": "B-2"}, True),
        ({"items.0.sku": "B-2"}, False),
        ({"paid": 1}, False),
        ({"paid": True}, True),
        ({"coupon": None}, True),
        ({"customer.phone": None}, True),
        ({"customer.name": None}, False),
        ({"total": 139, "paid": False}, False),
    ],
)
def test_equality_queries(query: dict[str, Any], want: bool) -> None:
    got = matches(ORDER, query)
    assert got is want, f"matches(ORDER, {query!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ({"total": {"$gt": 100}}, True),
        ({"total": {"$gt": 139}}, False),
        ({"total": {"$gte": 139, "$lt": 140}}, True),
        ({"items.qty": {"$gte": 2}}, True),
        ({"items.price": {"$lt": 5}}, False),
        ({"customer.name": {"$lt": "B"}}, True),
        ({"customer.name": {"$gt": 5}}, False),
        ({"customer.phone": {"$gt": 0}}, False),
        ({"total": {"$ne": 139}}, False),
        ({"customer.phone": {"$ne": "555"}}, True),
        ({"customer.address.city": {"$in": ["Bergen", "Oslo"]}}, True),
        ({"tags": {"$in": ["sale", "gift"]}}, True),
        ({"tags": {"$nin": ["sale", "gift"]}}, False),
        ({"customer.phone": {"$nin": ["555"]}}, True),
        ({"coupon": {"$exists": True}}, True),
        ({"customer.phone": {"$exists": True}}, False),
        ({"customer.phone": {"$exists": False}}, True),
        ({"$or": [{"total": {"$lt": 10}}, {"tags": "gift"}]}, True),
        ({"$or": [{"total": {"$lt": 10}}, {"tags": "sale"}]}, False),
        ({"$and": [{"paid": True}, {"items.sku": "A-1"}]}, True),
    ],
)
def test_operator_queries(query: dict[str, Any], want: bool) -> None:
    got = matches(ORDER, query)
    assert got is want, f"matches(ORDER, {query!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    "query",
    [
        {"total": {"$regex": "1.*"}},
        {"tags": {"$in": "gift"}},
        {"coupon": {"$exists": "yes"}},
        {"$or": []},
        {"$nor": [{"total": 1}]},
    ],
)
def test_bad_queries_raise_query_error(query: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        matches(ORDER, query)


def make_people() -> DocumentStore:
    """Build a small collection (inside each test, so a starter fails in the test)."""
    store = DocumentStore()
    store.insert({"name": "Ada", "age": 36, "address": {"city": "London"}})
    store.insert({"name": "Grace", "age": 85, "address": {"city": "New York"}})
    store.insert({"name": "Linus", "address": {"city": "Portland"}})
    store.insert({"name": "\u00c5se", "age": 29, "address": {"city": "Troms\u00f8"}})
    return store


def names(docs: list[dict[str, Any]]) -> list[str]:
    return [doc["name"] for doc in docs]


def test_insert_assigns_ids_and_rejects_duplicates() -> None:
    store = DocumentStore()
    got = [store.insert({"n": 1}), store.insert({"_id": 3, "n": 2}), store.insert({"n": 3})]
    assert got[:2] == [1, 3], f"ids should be 1 then the given 3, got {got!r}"
    assert got[2] not in (1, 3), f"an assigned id must not collide with an existing one, got {got[2]!r}"
    with pytest.raises(DuplicateKeyError):
        store.insert({"_id": 3, "n": 4})
    assert store.count() == 3, f"the duplicate must not be stored, count should be 3, got {store.count()}"
    with pytest.raises(TypeError):
        store.insert(["not", "a", "dict"])  # type: ignore[arg-type]


def test_stored_documents_are_copies() -> None:
    store = DocumentStore()
    original = {"name": "Ada", "address": {"city": "London"}}
    doc_id = store.insert(original)
    original["address"]["city"] = "Paris"
    found = store.find_one({"_id": doc_id})
    assert found is not None and found["address"]["city"] == "London", (
        "changing the caller's dict after insert() must not change the stored document"
    )
    found["address"]["city"] = "Rome"
    again = store.find_one({"_id": doc_id})
    assert again is not None and again["address"]["city"] == "London", (
        "changing a document returned by find_one() must not change the stored document"
    )
    assert "_id" not in original, "insert() must not add _id to the caller's dict"


def test_find_count_and_find_one() -> None:
    people = make_people()
    got = names(people.find({"age": {"$gte": 30}}))
    assert got == ["Ada", "Grace"], f"find(age >= 30) should be ['Ada', 'Grace'] in insertion order, got {got}"
    got = names(people.find())
    assert got == ["Ada", "Grace", "Linus", "\u00c5se"], f"find() with no query returns all, got {got}"
    assert people.count({"age": {"$exists": False}}) == 1, "only Linus has no age"
    found = people.find_one({"address.city": "Troms\u00f8"})
    assert found is not None and found["name"] == "\u00c5se", f"find_one by unicode city failed, got {found!r}"
    assert people.find_one({"name": "Nobody"}) is None, "find_one with no match returns None"


def test_find_sorts_with_missing_first_and_limits() -> None:
    people = make_people()
    got = names(people.find(sort=[("age", 1)]))
    assert got == ["Linus", "\u00c5se", "Ada", "Grace"], f"ascending age with missing first, got {got}"
    got = names(people.find(sort=[("age", -1)], limit=2))
    assert got == ["Grace", "Ada"], f"descending age, limit 2, got {got}"
    got = names(people.find(sort=[("address.city", 1)]))
    assert got == ["Ada", "Grace", "Linus", "\u00c5se"], f"sort by nested city, got {got}"
    with pytest.raises(QueryError):
        people.find(sort=[("age", 0)])


def test_update_many_set_inc_unset() -> None:
    people = make_people()
    got = people.update_many({"age": {"$lt": 40}}, {"$inc": {"age": 1}, "$set": {"address.country": "?"}})
    assert got == 2, f"two people are under 40, update_many should return 2, got {got}"
    ada = people.find_one({"name": "Ada"})
    assert ada is not None and ada["age"] == 37, f"$inc should make Ada 37, got {ada!r}"
    assert ada["address"] == {"city": "London", "country": "?"}, f"$set on a nested path, got {ada['address']!r}"
    people.update_many({"name": "Linus"}, {"$inc": {"age": 5}, "$set": {"meta.seen.by": "me"}})
    linus = people.find_one({"name": "Linus"})
    assert linus is not None and linus["age"] == 5, "$inc on a missing field starts from 0"
    assert linus["meta"] == {"seen": {"by": "me"}}, "$set creates missing parents"
    people.update_many({}, {"$unset": {"address": "", "nothing.here": ""}})
    assert people.count({"address": {"$exists": True}}) == 0, "$unset removes the field everywhere"


@pytest.mark.parametrize(
    "update",
    [
        {"name": "replacement"},
        {},
        {"$set": {"_id": 99}},
        {"$inc": {"age": "1"}},
        {"$inc": {"name": 1}},
        {"$rename": {"name": "full_name"}},
    ],
)
def test_bad_updates_change_nothing(update: dict[str, Any]) -> None:
    people = make_people()
    before = people.find()
    with pytest.raises(QueryError):
        people.update_many({}, update)
    assert people.find() == before, f"a rejected update {update!r} must leave every document unchanged"


def test_delete_many() -> None:
    people = make_people()
    got = people.delete_many({"address.city": {"$in": ["London", "Portland"]}})
    assert got == 2, f"two people live in London or Portland, got {got}"
    assert names(people.find()) == ["Grace", "\u00c5se"], "the others remain"
    assert people.delete_many({"name": "Nobody"}) == 0, "deleting nothing returns 0"
