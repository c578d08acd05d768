"""A tiny document store with MongoDB-style queries on nested fields.

Documents are JSON-like dicts. Queries are dicts too, in MongoDB's shape::

    {"address.city": "Oslo", "age": {"$gte": 18}, "tags": "admin"}

Every key of a query is a dotted path into the document; its value is either a
plain value (equality) or a dict of operators. This is the same language the
``find`` method of a real MongoDB collection accepts, so what you learn here
transfers directly to ``pymongo``.
"""

from __future__ import annotations

from typing import Any

Document = dict[str, Any]
Query = dict[str, Any]


class QueryError(ValueError):
    """A query, update or sort specification is malformed."""


class DuplicateKeyError(ValueError):
    """A document with the same ``_id`` is already stored."""


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
    raise NotImplementedError("walk the segments over a list of current values (dict keys; list index or elements)")


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
    raise NotImplementedError("handle $and/$or; else resolve the path and check equality or each operator")


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
        raise NotImplementedError("deep-copy, assign the next free integer _id if missing, refuse duplicates")

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
        raise NotImplementedError("filter with matches(), sort (missing < numbers < strings), limit, deep-copy")

    def find_one(self, query: Query | None = None) -> Document | None:
        """Return a copy of the first matching document in insertion order, or None."""
        raise NotImplementedError("return the first result of find(query, limit=1), or None")

    def count(self, query: Query | None = None) -> int:
        """Return how many documents match ``query``."""
        raise NotImplementedError("count the documents for which matches() is true")

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
        raise NotImplementedError("validate, apply $set/$unset/$inc to copies, then swap the copies in")

    def delete_many(self, query: Query) -> int:
        """Delete every matching document and return how many were deleted."""
        raise NotImplementedError("remove the matching documents and return how many")
