"""The repository pattern with dependency injection.

Business rules ("emails are unique and lower-case", "the directory lists active
users by name") should not know whether data lives in a dict, SQLite or Postgres.
A *repository* hides storage behind a small interface (``UserRepository``), and the
service *receives* one (dependency injection) instead of creating it. Then:

- tests run the service against a fast in-memory repository;
- production wires in the SQL one;
- one shared test suite proves both repositories behave the same.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Protocol

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    email  TEXT    NOT NULL UNIQUE,
    name   TEXT    NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
)
"""


@dataclass(frozen=True)
class User:
    """A stored user. Repositories return new ``User`` objects; they never mutate one."""

    id: int
    email: str
    name: str
    active: bool = True


class NotFoundError(LookupError):
    """No user with that id."""


class DuplicateEmailError(ValueError):
    """Another user already has that email."""


class UserRepository(Protocol):
    """Storage for users. Both implementations below must behave identically.

    - ``add`` assigns ids 1, 2, 3, ... in insertion order; ids are never reused,
      not even after ``delete``. New users are active.
    - Emails are compared exactly (the service normalises them before calling).
    - ``list_all`` returns users ordered by id.
    """

    def add(self, email: str, name: str) -> User:
        """Store a new active user and return it. DuplicateEmailError if the email is taken."""
        ...

    def get(self, user_id: int) -> User:
        """Return the user with this id. NotFoundError if there is none."""
        ...

    def find_by_email(self, email: str) -> User | None:
        """Return the user with exactly this email, or None."""
        ...

    def list_all(self, *, active: bool | None = None) -> list[User]:
        """Return all users ordered by id; only active (or inactive) ones when ``active`` is given."""
        ...

    def update(self, user: User) -> None:
        """Replace the stored user with the same id.

        NotFoundError if the id is unknown; DuplicateEmailError if the new email
        belongs to a different user.
        """
        ...

    def delete(self, user_id: int) -> None:
        """Remove the user. NotFoundError if there is none."""
        ...


class InMemoryUserRepository:
    """``UserRepository`` backed by a dict; for tests and prototypes."""

    def __init__(self) -> None:
        """Start empty; the first id handed out is 1."""
        self._users: dict[int, User] = {}
        self._next_id = 1

    def add(self, email: str, name: str) -> User:
        """See ``UserRepository.add``."""
        raise NotImplementedError("reject a taken email, create User with the next id, store it")

    def get(self, user_id: int) -> User:
        """See ``UserRepository.get``."""
        raise NotImplementedError("return the stored user or raise NotFoundError")

    def find_by_email(self, email: str) -> User | None:
        """See ``UserRepository.find_by_email``."""
        raise NotImplementedError("return the user with exactly this email, or None")

    def list_all(self, *, active: bool | None = None) -> list[User]:
        """See ``UserRepository.list_all``."""
        raise NotImplementedError("return users ordered by id, filtered by active when given")

    def update(self, user: User) -> None:
        """See ``UserRepository.update``."""
        raise NotImplementedError("check the id exists and the email is not another user's, then replace")

    def delete(self, user_id: int) -> None:
        """See ``UserRepository.delete``."""
        raise NotImplementedError("check the id exists, then remove it")


class SqliteUserRepository:
    """``UserRepository`` backed by SQLite (``sqlite3`` from the standard library).

    Always use ``?`` placeholders, never string formatting, for values in SQL.
    Commit after every write so another connection to the same file sees it.
    Translate ``sqlite3.IntegrityError`` from the UNIQUE constraint into
    ``DuplicateEmailError``: callers must never see sqlite3 exceptions.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Keep the connection and create the ``users`` table (``SCHEMA``) if it is missing."""
        self.conn = conn
        # TODO: execute SCHEMA here (inside "with self.conn:" so it is committed).

    def add(self, email: str, name: str) -> User:
        """See ``UserRepository.add``."""
        raise NotImplementedError(
            "INSERT with ? placeholders inside 'with self.conn:', map IntegrityError, use cursor.lastrowid"
        )

    def get(self, user_id: int) -> User:
        """See ``UserRepository.get``."""
        raise NotImplementedError("SELECT by id; None from fetchone() means NotFoundError")

    def find_by_email(self, email: str) -> User | None:
        """See ``UserRepository.find_by_email``."""
        raise NotImplementedError("SELECT by email; return a User or None")

    def list_all(self, *, active: bool | None = None) -> list[User]:
        """See ``UserRepository.list_all``."""
        raise NotImplementedError("SELECT ... ORDER BY id, with WHERE active = ? when filtering")

    def update(self, user: User) -> None:
        """See ``UserRepository.update``."""
        raise NotImplementedError("UPDATE by id; map IntegrityError; rowcount 0 means NotFoundError")

    def delete(self, user_id: int) -> None:
        """See ``UserRepository.delete``."""
        raise NotImplementedError("DELETE by id; rowcount 0 means NotFoundError")


class UserService:
    """Business rules for users. Receives its repository; never creates one."""

    def __init__(self, repo: UserRepository) -> None:
        """Keep the injected repository."""
        self.repo = repo

    def register(self, email: str, name: str) -> User:
        """Create a user.

        The email is stripped and lower-cased; it must then contain exactly one
        ``@`` with text on both sides. The name is stripped and must not be empty.

        Raises:
            ValueError: for a bad email or empty name (nothing is stored).
            DuplicateEmailError: if the normalised email is taken (so
                ``"Ann@X.io"`` clashes with ``"ann@x.io"``).
        """
        raise NotImplementedError("normalise and validate, check find_by_email, then repo.add")

    def rename(self, user_id: int, name: str) -> User:
        """Change a user's name (stripped, non-empty) and return the updated user.

        Raises:
            ValueError: for an empty name. NotFoundError: unknown id.
        """
        raise NotImplementedError("validate the name, get the user, dataclasses.replace, repo.update")

    def deactivate(self, user_id: int) -> User:
        """Mark a user inactive and return it. Idempotent. NotFoundError for an unknown id."""
        raise NotImplementedError("get the user, replace active=False, repo.update, return it")

    def directory(self) -> list[str]:
        """Return ``"Name <email>"`` for every ACTIVE user, sorted by ``name.casefold()`` then email."""
        raise NotImplementedError("list active users, sort by (name.casefold(), email), format 'Name <email>'")
