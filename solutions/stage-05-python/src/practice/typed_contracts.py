"""Typing that pays off at runtime: generics, TypedDict and Protocol.

Type hints are checked by tools like mypy, but backend code also uses them to
describe contracts that it enforces itself:

- ``Page[T]``: one generic container for any paginated listing (users, orders...);
- ``UserIn``: a ``TypedDict`` describing a JSON request body, and a validator that
  reports every problem at once, the way a good API answers 422;
- ``Closeable``: a ``Protocol``; anything with a ``close()`` method qualifies, no
  inheritance needed. ``close_all`` uses it for graceful shutdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, NotRequired, Protocol, TypedDict, TypeVar, runtime_checkable

T = TypeVar("T")

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing.

    Attributes:
        items: The items on this page.
        page: 1-based page number.
        per_page: Page size that was asked for.
        total: Number of items in the whole listing.
    """

    items: tuple[T, ...]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages in the listing; 0 for an empty listing."""
        return -(-self.total // self.per_page)

    @property
    def has_next(self) -> bool:
        """True if a later page has items."""
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        """True if this is not the first page (even when beyond the last page)."""
        return self.page > 1


def paginate(items: Sequence[T], page: int, per_page: int = 20) -> Page[T]:
    """Cut one page out of a sequence.

    ``paginate(list(range(45)), page=3, per_page=20)`` has items 40..44, total 45,
    pages 3, has_next False, has_prev True. A page past the end is not an error:
    it has no items (clients that paginate in a loop stop on an empty page).

    Args:
        items: The whole listing, already sorted.
        page: 1-based page number, an int >= 1.
        per_page: Page size, an int from 1 to ``MAX_PER_PAGE``.

    Returns:
        A ``Page`` whose ``items`` is a tuple with the same element type.

    Raises:
        ValueError: if page < 1 or per_page is outside 1..MAX_PER_PAGE (bools and
            non-ints are rejected too); the message names the bad argument.
    """
    for name, value in (("page", page), ("per_page", per_page)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be an int, got {value!r}")
    if page < 1:
        raise ValueError(f"page must be >= 1, got {page}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}, got {per_page}")
    start = (page - 1) * per_page
    return Page(items=tuple(items[start : start + per_page]), page=page, per_page=per_page, total=len(items))


class UserIn(TypedDict):
    """Body of ``POST /users``."""

    name: str
    email: str
    age: NotRequired[int]
    tags: NotRequired[list[str]]


class ValidationError(ValueError):
    """A request body has one or more problems.

    Attributes:
        errors: Every problem as ``"<field>: <message>"``, sorted.
    """

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def validate_user_in(data: object) -> UserIn:
    """Check a decoded JSON body against ``UserIn`` and return a clean copy.

    Rules (each broken rule adds one error; all are collected before raising):

    - data must be a dict, else the only error is ``"<body>: expected an object"``;
    - ``name``: required, a str that is non-empty after ``strip()`` and at most 100
      characters after stripping; the returned value is stripped;
    - ``email``: required, a str with exactly one ``@`` and text on both sides;
    - ``age``: optional, an int (not bool) from 0 to 150;
    - ``tags``: optional, a list of str;
    - any other key: ``"<key>: unknown field"``.

    Error messages: ``"<field>: required"`` for a missing required key,
    ``"<field>: expected <type>"`` for a wrong type (``str``, ``int``,
    ``list of str``), and ``"<field>: <explanation>"`` for a bad value.

    Args:
        data: Whatever ``json.loads`` returned.

    Returns:
        A new dict (never ``data`` itself) with only the keys that were present.

    Raises:
        ValidationError: with ``errors`` sorted alphabetically.
    """
    if not isinstance(data, dict):
        raise ValidationError(["<body>: expected an object"])
    errors: list[str] = []
    clean: dict[str, object] = {}
    for key in data:
        if key not in UserIn.__annotations__:
            errors.append(f"{key}: unknown field")
    name = data.get("name")
    if "name" not in data:
        errors.append("name: required")
    elif not isinstance(name, str):
        errors.append("name: expected str")
    elif not name.strip():
        errors.append("name: must not be empty")
    elif len(name.strip()) > 100:
        errors.append("name: must be at most 100 characters")
    else:
        clean["name"] = name.strip()
    email = data.get("email")
    if "email" not in data:
        errors.append("email: required")
    elif not isinstance(email, str):
        errors.append("email: expected str")
    else:
        local, _, domain = email.partition("@")
        if email.count("@") != 1 or not local or not domain:
            errors.append("email: must look like name@domain")
        else:
            clean["email"] = email
    if "age" in data:
        age = data["age"]
        if isinstance(age, bool) or not isinstance(age, int):
            errors.append("age: expected int")
        elif not 0 <= age <= 150:
            errors.append("age: must be between 0 and 150")
        else:
            clean["age"] = age
    if "tags" in data:
        tags = data["tags"]
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            errors.append("tags: expected list of str")
        else:
            clean["tags"] = list(tags)
    if errors:
        raise ValidationError(sorted(errors))
    return clean  # type: ignore[return-value]


@runtime_checkable
class Closeable(Protocol):
    """Anything that can be closed: files, sockets, DB connections, clients.

    Structural typing: a class satisfies this protocol just by having a
    ``close()`` method; it never inherits from ``Closeable``.
    """

    def close(self) -> None:
        """Release the resource."""
        ...


def close_all(resources: Sequence[object]) -> list[Exception]:
    """Close every resource for a graceful shutdown, even if some fail.

    Resources are closed in REVERSE order (last opened, first closed, like
    ``contextlib.ExitStack``). If a ``close()`` raises an ``Exception``, it is
    collected and closing continues with the next resource.

    Args:
        resources: Objects that should satisfy ``Closeable`` structurally (any
            object with a ``close`` method; no inheritance required).

    Returns:
        The exceptions raised by ``close()`` calls, in the order they happened;
        an empty list when everything closed cleanly.

    Raises:
        TypeError: before closing anything, if some item is not ``Closeable``
            (check with ``isinstance(item, Closeable)``); the message contains the
            item's index.
    """
    for index, resource in enumerate(resources):
        if not isinstance(resource, Closeable):
            raise TypeError(f"resource at index {index} has no close() method: {resource!r}")
    failures: list[Exception] = []
    for resource in reversed(resources):
        try:
            resource.close()  # type: ignore[attr-defined]
        except Exception as err:
            failures.append(err)
    return failures
