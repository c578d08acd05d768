"""A tiny document store with MongoDB-style queries on nested fields.

Documents are JSON-like dicts. Queries are dicts too, in MongoDB's shape::

    {"address.city": "Oslo", "age": {"$gte": 18}, "tags": "admin"}

Every key of a query is a dotted path into the document; its value is either a
plain value (equality) or a dict of operators. This is the same language the
``find`` method of a real MongoDB collection accepts, so what you learn here
transfers directly to ``pymongo``.
"""

from __future__ import annotations

import copy
from typing import Any

Document = dict[str, Any]
Query = dict[str, Any]


class QueryError(ValueError):
    """A query, update or sort specification is malformed."""


class DuplicateKeyError(ValueError):
    """A document with the same ``_id`` is already stored."""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _equal(a: object, b: object) -> bool:
    """Compare like JSON values: True is not 1, and 1 equals 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def resolve_path(document: Document, path: str) -> list[Any]:
    """Return every value reachable in ``document`` by a dotted ``path``.

    Rules, applied one path segment at a time to every value found so far:

    * a dict contributes its value for the segment, if it has that key;
    * a list contributes its element at that index when the segment is a
      non-negative decimal number in range (``"items.0"``), and also, for each
      element that is a dict, that element's value for the segment
      (``"items.sku"`` reaches the ``sku`` of every item);
    * anything else contributes nothing.

    Args:
        document: The document to look into.
        path: A dotted path such as ``"address.city"``; must not be empty or
            contain empty segments.

    Returns:
        The values found, in document order. An empty list means the field is
        missing. ``{"a": None}`` resolved at ``"a"`` gives ``[None]``, which is
        not the same as missing.

    Raises:
        QueryError: The path is empty or has an empty segment (``"a..b"``).
    """
    segments = path.split(".")
    if not path or any(not segment for segment in segments):
        raise QueryError(f"bad field path {path!r}")
    current: list[Any] = [document]
    for segment in segments:
        found: list[Any] = []
        for value in current:
            if isinstance(value, dict):
                if segment in value:
                    found.append(value[segment])
            elif isinstance(value, list):
                if segment.isascii() and segment.isdigit() and int(segment) < len(value):
                    found.append(value[int(segment)])
                for element in value:
                    if isinstance(element, dict) and segment in element:
                        found.append(element[segment])
        current = found
    return current


def _candidates(values: list[Any]) -> list[Any]:
    """Values to test a condition against: each value, plus elements of arrays."""
    out: list[Any] = []
    for value in values:
        out.append(value)
        if isinstance(value, list):
            out.extend(value)
    return out


def _comparable(a: object, b: object) -> bool:
    return (_is_number(a) and _is_number(b)) or (isinstance(a, str) and isinstance(b, str))


def _eq_matches(values: list[Any], operand: object) -> bool:
    if operand is None and not values:
        return True
    return any(_equal(candidate, operand) for candidate in _candidates(values))


_RANGE = {
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
}


def _operator_matches(values: list[Any], op: str, operand: Any) -> bool:
    if op == "$eq":
        return _eq_matches(values, operand)
    if op == "$ne":
        return not _eq_matches(values, operand)
    if op in _RANGE:
        compare = _RANGE[op]
        return any(_comparable(candidate, operand) and compare(candidate, operand) for candidate in _candidates(values))
    if op in ("$in", "$nin"):
        if not isinstance(operand, list):
            raise QueryError(f"{op} needs a list, got {operand!r}")
        hit = any(_eq_matches(values, option) for option in operand)
        return hit if op == "$in" else not hit
    if op == "$exists":
        if not isinstance(operand, bool):
            raise QueryError(f"$exists needs true or false, got {operand!r}")
        return bool(values) is operand
    raise QueryError(f"unknown operator {op!r}")


def _is_operator_dict(value: object) -> bool:
    return isinstance(value, dict) and bool(value) and all(k.startswith("$") for k in value)


def matches(document: Document, query: Query) -> bool:
    """Return True if ``document`` satisfies ``query``.

    A query is a dict; every entry must hold (an empty query matches all).

    Field conditions, where ``path`` is resolved with :func:`resolve_path`:

    * ``{path: value}`` - equality: true when any resolved value equals
      ``value``, or is a list with an element equal to ``value``
      (``{"tags": "red"}`` matches ``{"tags": ["red", "blue"]}``), or is a list
      equal to a list ``value``. Special case: ``{path: None}`` also matches
      documents where the field is missing.
    * ``{path: {"$op": operand, ...}}`` - every operator must hold:
      ``$eq``, ``$ne`` (negation of ``$eq``, so a missing field matches),
      ``$gt``/``$gte``/``$lt``/``$lte`` (only numbers with numbers and strings
      with strings compare; any other pairing, or a missing field, is simply
      false, never an error), ``$in`` (equal to any value of a list), ``$nin``
      (negation of ``$in``), ``$exists`` (true/false: whether the path resolves
      to at least one value).

    Equality is JSON-like: ``True`` never equals ``1``; ``1`` equals ``1.0``.

    Logical conditions at the top level: ``{"$and": [q1, q2, ...]}`` and
    ``{"$or": [q1, q2, ...]}`` with non-empty lists of queries.

    Raises:
        QueryError: Unknown operator (``$regex`` is not supported), ``$in``/``$nin``
            without a list, ``$exists`` without a bool, ``$and``/``$or`` without
            a non-empty list, or a bad path.
    """
    if not isinstance(query, dict):
        raise QueryError(f"a query must be a dict, got {query!r}")
    for key, condition in query.items():
        if key in ("$and", "$or"):
            if not isinstance(condition, list) or not condition:
                raise QueryError(f"{key} needs a non-empty list of queries")
            results = [matches(document, sub) for sub in condition]
            if not (all(results) if key == "$and" else any(results)):
                return False
            continue
        if key.startswith("$"):
            raise QueryError(f"unknown top-level operator {key!r}")
        values = resolve_path(document, key)
        if _is_operator_dict(condition):
            outcomes = [_operator_matches(values, op, arg) for op, arg in condition.items()]
            if not all(outcomes):
                return False
        elif not _eq_matches(values, condition):
            return False
    return True


def _sort_key(document: Document, path: str) -> tuple[int, Any]:
    values = resolve_path(document, path)
    value = values[0] if values else None
    if value is None:
        return (0, 0)
    if _is_number(value):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    raise QueryError(f"cannot sort on {path!r}: value {value!r} is not a number or string")


def _split_parent(document: Document, path: str, *, create: bool) -> tuple[Any, str]:
    segments = path.split(".")
    if not path or any(not segment for segment in segments):
        raise QueryError(f"bad field path {path!r}")
    node: Any = document
    for segment in segments[:-1]:
        if not isinstance(node, dict):
            raise QueryError(f"cannot descend into {segment!r} of {path!r}")
        if segment not in node:
            if not create:
                return None, segments[-1]
            node[segment] = {}
        node = node[segment]
    if node is not None and not isinstance(node, dict):
        raise QueryError(f"cannot set a field inside a non-object at {path!r}")
    return node, segments[-1]


class DocumentStore:
    """An in-memory collection of documents, queried like MongoDB.

    Documents are stored as deep copies, and every document handed out is a
    deep copy as well, so callers can never change stored data by accident.
    """

    def __init__(self) -> None:
        self._docs: dict[Any, Document] = {}
        self._next_id = 1

    def insert(self, document: Document) -> Any:
        """Store a copy of ``document`` and return its ``_id``.

        A document without ``_id`` gets the next integer id (1, 2, 3, ...,
        skipping ids already taken); a caller-supplied ``_id`` is kept.

        Raises:
            TypeError: ``document`` is not a dict.
            DuplicateKeyError: A document with that ``_id`` is already stored.
        """
        if not isinstance(document, dict):
            raise TypeError(f"a document must be a dict, got {type(document).__name__}")
        doc = copy.deepcopy(document)
        if "_id" not in doc:
            while self._next_id in self._docs:
                self._next_id += 1
            doc["_id"] = self._next_id
        if doc["_id"] in self._docs:
            raise DuplicateKeyError(f"duplicate _id {doc['_id']!r}")
        self._docs[doc["_id"]] = doc
        return doc["_id"]

    def find(
        self,
        query: Query | None = None,
        *,
        sort: list[tuple[str, int]] | None = None,
        limit: int | None = None,
    ) -> list[Document]:
        """Return copies of the documents matching ``query`` (see :func:`matches`).

        Args:
            query: The filter; None or ``{}`` matches every document.
            sort: ``[(path, 1 or -1), ...]``; earlier keys win. Documents are in
                insertion order otherwise, and ties keep insertion order. For
                sorting, a missing field or None comes first, then numbers, then
                strings (ascending; reversed for -1). A list or dict value at a
                sort path raises QueryError.
            limit: At most this many documents (after sorting); None means all.

        Raises:
            QueryError: Bad query, a direction other than 1/-1, a negative limit,
                or unsortable values.
        """
        query = query or {}
        found = [doc for doc in self._docs.values() if matches(doc, query)]
        for path, direction in reversed(sort or []):
            if direction not in (1, -1):
                raise QueryError(f"sort direction must be 1 or -1, got {direction!r}")
            found.sort(key=lambda doc, p=path: _sort_key(doc, p), reverse=direction == -1)
        if limit is not None:
            if limit < 0:
                raise QueryError(f"limit must not be negative, got {limit}")
            found = found[:limit]
        return [copy.deepcopy(doc) for doc in found]

    def find_one(self, query: Query | None = None) -> Document | None:
        """Return a copy of the first matching document in insertion order, or None."""
        found = self.find(query, limit=1)
        return found[0] if found else None

    def count(self, query: Query | None = None) -> int:
        """Return how many documents match ``query``."""
        query = query or {}
        return sum(1 for doc in self._docs.values() if matches(doc, query))

    def update_many(self, query: Query, update: dict[str, dict[str, Any]]) -> int:
        """Apply update operators to every matching document.

        Supported operators, each mapping dotted paths to values:

        * ``$set``: set the field, creating missing intermediate dicts
          (``{"$set": {"address.city": "Oslo"}}`` on ``{}`` gives
          ``{"address": {"city": "Oslo"}}``);
        * ``$unset``: remove the field if present (the value is ignored);
        * ``$inc``: add a number to the field; a missing field starts at 0.

        Updates are validated before anything changes: if any document would
        fail, no document is modified.

        Returns:
            The number of documents matched.

        Raises:
            QueryError: An empty update, a key that is not one of the operators
                above (a whole replacement document is not allowed), changing
                ``_id``, ``$inc`` with a non-number or on a non-number field,
                or a path that crosses a non-dict value.
        """
        if not isinstance(update, dict) or not update:
            raise QueryError("an update needs at least one operator")
        for op, fields in update.items():
            if op not in ("$set", "$unset", "$inc"):
                raise QueryError(f"unsupported update operator {op!r}")
            if not isinstance(fields, dict):
                raise QueryError(f"{op} needs a dict of paths")
            for path, value in fields.items():
                if path == "_id" or path.startswith("_id."):
                    raise QueryError("_id cannot be changed")
                if op == "$inc" and not _is_number(value):
                    raise QueryError(f"$inc needs a number, got {value!r}")
        targets = [key for key, doc in self._docs.items() if matches(doc, query)]
        updated = {key: self._apply(copy.deepcopy(self._docs[key]), update) for key in targets}
        self._docs.update(updated)
        return len(targets)

    @staticmethod
    def _apply(doc: Document, update: dict[str, dict[str, Any]]) -> Document:
        for op, fields in update.items():
            for path, value in fields.items():
                parent, leaf = _split_parent(doc, path, create=op != "$unset")
                if op == "$set":
                    parent[leaf] = copy.deepcopy(value)
                elif op == "$unset":
                    if isinstance(parent, dict):
                        parent.pop(leaf, None)
                else:
                    current = parent.get(leaf, 0)
                    if not _is_number(current):
                        raise QueryError(f"$inc on non-number field {path!r}")
                    parent[leaf] = current + value
        return doc

    def delete_many(self, query: Query) -> int:
        """Delete every matching document and return how many were deleted."""
        targets = [key for key, doc in self._docs.items() if matches(doc, query)]
        for key in targets:
            del self._docs[key]
        return len(targets)
