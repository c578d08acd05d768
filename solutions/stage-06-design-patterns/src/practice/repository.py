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

import dataclasses
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
        if self.find_by_email(email) is not None:
            raise DuplicateEmailError(f"email {email!r} is already registered")
        user = User(id=self._next_id, email=email, name=name)
        self._users[user.id] = user
        self._next_id += 1
        return user

    def get(self, user_id: int) -> User:
        """See ``UserRepository.get``."""
        try:
            return self._users[user_id]
        except KeyError:
            raise NotFoundError(f"no user with id {user_id}") from None

    def find_by_email(self, email: str) -> User | None:
        """See ``UserRepository.find_by_email``."""
        return next((user for user in self._users.values() if user.email == email), None)

    def list_all(self, *, active: bool | None = None) -> list[User]:
        """See ``UserRepository.list_all``."""
        users = sorted(self._users.values(), key=lambda user: user.id)
        return [user for user in users if active is None or user.active == active]

    def update(self, user: User) -> None:
        """See ``UserRepository.update``."""
        self.get(user.id)
        other = self.find_by_email(user.email)
        if other is not None and other.id != user.id:
            raise DuplicateEmailError(f"email {user.email!r} is already registered")
        self._users[user.id] = user

    def delete(self, user_id: int) -> None:
        """See ``UserRepository.delete``."""
        self.get(user_id)
        del self._users[user_id]


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
        with self.conn:
            self.conn.execute(SCHEMA)

    @staticmethod
    def _row_to_user(row: tuple[int, str, str, int]) -> User:
        return User(id=row[0], email=row[1], name=row[2], active=bool(row[3]))

    def add(self, email: str, name: str) -> User:
        """See ``UserRepository.add``."""
        try:
            with self.conn:
                cursor = self.conn.execute("INSERT INTO users (email, name) VALUES (?, ?)", (email, name))
        except sqlite3.IntegrityError as err:
            raise DuplicateEmailError(f"email {email!r} is already registered") from err
        assert cursor.lastrowid is not None
        return User(id=cursor.lastrowid, email=email, name=name)

    def get(self, user_id: int) -> User:
        """See ``UserRepository.get``."""
        row = self.conn.execute("SELECT id, email, name, active FROM users WHERE id = ?", (user_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        return self._row_to_user(row)

    def find_by_email(self, email: str) -> User | None:
        """See ``UserRepository.find_by_email``."""
        row = self.conn.execute("SELECT id, email, name, active FROM users WHERE email = ?", (email,)).fetchone()
        return None if row is None else self._row_to_user(row)

    def list_all(self, *, active: bool | None = None) -> list[User]:
        """See ``UserRepository.list_all``."""
        if active is None:
            rows = self.conn.execute("SELECT id, email, name, active FROM users ORDER BY id").fetchall()
        else:
            rows = self.conn.execute(
                "SELECT id, email, name, active FROM users WHERE active = ? ORDER BY id", (int(active),)
            ).fetchall()
        return [self._row_to_user(row) for row in rows]

    def update(self, user: User) -> None:
        """See ``UserRepository.update``."""
        try:
            with self.conn:
                cursor = self.conn.execute(
                    "UPDATE users SET email = ?, name = ?, active = ? WHERE id = ?",
                    (user.email, user.name, int(user.active), user.id),
                )
        except sqlite3.IntegrityError as err:
            raise DuplicateEmailError(f"email {user.email!r} is already registered") from err
        if cursor.rowcount == 0:
            raise NotFoundError(f"no user with id {user.id}")

    def delete(self, user_id: int) -> None:
        """See ``UserRepository.delete``."""
        with self.conn:
            cursor = self.conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
        if cursor.rowcount == 0:
            raise NotFoundError(f"no user with id {user_id}")


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
        clean_email = email.strip().lower()
        local, at, domain = clean_email.partition("@")
        if not (at and local and domain) or "@" in domain:
            raise ValueError(f"invalid email {email!r}")
        clean_name = name.strip()
        if not clean_name:
            raise ValueError("name must not be empty")
        if self.repo.find_by_email(clean_email) is not None:
            raise DuplicateEmailError(f"email {clean_email!r} is already registered")
        return self.repo.add(clean_email, clean_name)

    def rename(self, user_id: int, name: str) -> User:
        """Change a user's name (stripped, non-empty) and return the updated user.

        Raises:
            ValueError: for an empty name. NotFoundError: unknown id.
        """
        clean_name = name.strip()
        if not clean_name:
            raise ValueError("name must not be empty")
        user = dataclasses.replace(self.repo.get(user_id), name=clean_name)
        self.repo.update(user)
        return user

    def deactivate(self, user_id: int) -> User:
        """Mark a user inactive and return it. Idempotent. NotFoundError for an unknown id."""
        user = dataclasses.replace(self.repo.get(user_id), active=False)
        self.repo.update(user)
        return user

    def directory(self) -> list[str]:
        """Return ``"Name <email>"`` for every ACTIVE user, sorted by ``name.casefold()`` then email."""
        users = sorted(self.repo.list_all(active=True), key=lambda user: (user.name.casefold(), user.email))
        return [f"{user.name} <{user.email}>" for user in users]
