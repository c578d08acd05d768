"""Linkshelf, part 1: the data layer (schema migrations and a repository over sqlite3).

Linkshelf is a small bookmarks service you build across this stage. Every
later part (the REST API, authentication, caching, observability and the app
factory) talks to the database only through the ``BookmarkStore`` defined here,
so the rest of the code never writes SQL.

Schema changes are shipped as an ordered list of migration scripts. The
database remembers how many of them it has applied in ``PRAGMA user_version``
(an integer SQLite keeps in the file header, 0 for a new database), so
``migrate`` knows which scripts are still pending. Each migration runs in its
own transaction together with the ``user_version`` update: it applies
completely or not at all.

TODO: implement ``schema_version``, ``migrate``, ``connect``, ``normalize_tags``
and every method of ``BookmarkStore``. The migrations, the record types and the
exceptions are given; do not change the migrations (a shipped migration is
never edited, only followed by a new one).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS: tuple[str, ...] = (
    # 1: users and their bookmarks.
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY,
        owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (owner_id, url)
    );
    """,
    # 2: free-text notes and tags.
    """
    ALTER TABLE bookmarks ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    CREATE TABLE bookmark_tags (
        bookmark_id INTEGER NOT NULL REFERENCES bookmarks(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (bookmark_id, tag)
    );
    CREATE INDEX bookmark_tags_by_tag ON bookmark_tags(tag, bookmark_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """Base class for errors raised by the data layer."""


class MigrationError(StoreError):
    """A migration failed, or the database is newer than this code."""


class NotFoundError(StoreError, LookupError):
    """The requested user or bookmark does not exist."""


class ConflictError(StoreError):
    """A uniqueness rule was violated (username taken, URL already saved)."""


@dataclass(frozen=True, slots=True)
class User:
    """A registered user."""

    id: int
    username: str
    password_hash: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A saved link; ``tags`` is sorted, lowercase and without duplicates."""

    id: int
    owner_id: int
    url: str
    title: str
    notes: str
    tags: tuple[str, ...]
    created_at: str


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the database's ``PRAGMA user_version`` (0 for a new database)."""
    raise NotImplementedError("read PRAGMA user_version and return it as an int")


def migrate(
    conn: sqlite3.Connection,
    migrations: Sequence[str] = MIGRATIONS,
    *,
    target: int | None = None,
) -> int:
    """Apply the pending migrations and return the resulting schema version.

    Migration number ``v`` (1-based) is ``migrations[v - 1]``. With the
    database at version ``current``, apply migrations ``current + 1`` up to
    ``target`` (default: ``len(migrations)``) in order. Each one runs in its
    OWN transaction together with ``PRAGMA user_version = v``, so a crash
    leaves the database at the last fully applied version. Tip:
    ``conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {v}; COMMIT;")``
    and, if it raises, ``conn.rollback()`` when ``conn.in_transaction``.

    Running ``migrate`` again when nothing is pending changes nothing. A
    ``target`` lower than the current version does nothing either (there are
    no down-migrations).

    Args:
        conn: an open connection.
        migrations: the migration scripts, oldest first.
        target: the version to stop at, between 0 and ``len(migrations)``.

    Returns:
        The database's ``user_version`` afterwards.

    Raises:
        ValueError: if ``target`` is outside ``0..len(migrations)``.
        MigrationError: if the database's version is higher than
            ``len(migrations)`` (it was written by newer code), or if a script
            fails; chain the sqlite3 error with ``raise ... from exc``. The
            failed migration must leave no trace and no open transaction.
    """
    raise NotImplementedError("apply migrations[current:target] one transaction each, updating user_version")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open the database at ``path`` ready for use by ``BookmarkStore``.

    Set ``row_factory = sqlite3.Row``, turn on ``PRAGMA foreign_keys`` (it is
    off by default in SQLite and ON DELETE CASCADE needs it), then ``migrate``.

    Args:
        path: a file path, or ``":memory:"`` for a throwaway database.

    Returns:
        The open, fully migrated connection.
    """
    raise NotImplementedError("sqlite3.connect, row_factory, PRAGMA foreign_keys = ON, migrate")


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Strip and lowercase tags, drop empty ones and duplicates, and sort them.

    Example: ``[" Python", "python", "WEB", ""]`` -> ``("python", "web")``.
    """
    raise NotImplementedError("strip, lowercase, drop blanks, dedupe, sort, return a tuple")


class BookmarkStore:
    """Repository for users and bookmarks on top of one sqlite3 connection.

    Timestamps (``created_at``) are produced from ``clock()`` (Unix seconds)
    as UTC text in the form ``2024-05-01T12:00:00Z``
    (``datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")``).

    Every write runs in a transaction (``with self._conn:`` commits on
    success and rolls back on an exception), so a failed write leaves nothing
    behind. Always use ``?`` placeholders, never string formatting, for values.
    """

    def __init__(self, conn: sqlite3.Connection, *, clock: Callable[[], float] = time.time) -> None:
        """Wrap an already migrated connection; ``clock`` returns Unix seconds."""
        self._conn = conn
        self._clock = clock

    @classmethod
    def open(cls, path: str | Path, *, clock: Callable[[], float] = time.time) -> BookmarkStore:
        """Connect to ``path`` (a file or ``":memory:"``), migrate it and wrap it."""
        raise NotImplementedError("return cls(connect(path), clock=clock)")

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection (used by health checks and tests)."""
        return self._conn

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError("close the connection")

    def create_user(self, username: str, password_hash: str) -> User:
        """Insert a user and return it.

        Args:
            username: the login name, stored as given.
            password_hash: an already hashed password (hashing is part 3).

        Raises:
            ConflictError: if the name is taken, compared case-insensitively
                (the column is ``COLLATE NOCASE``; catch ``sqlite3.IntegrityError``).
        """
        raise NotImplementedError("INSERT INTO users ...; IntegrityError -> ConflictError")

    def get_user(self, user_id: int) -> User:
        """Return the user with ``user_id``.

        Raises:
            NotFoundError: if there is no such user.
        """
        raise NotImplementedError("SELECT the user by id or raise NotFoundError")

    def find_user(self, username: str) -> User | None:
        """Return the user called ``username`` (case-insensitive) or None."""
        raise NotImplementedError("SELECT the user by username, None if missing")

    def add_bookmark(
        self,
        owner_id: int,
        url: str,
        title: str,
        *,
        notes: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Save a bookmark for ``owner_id`` and return it.

        The bookmark row and its ``bookmark_tags`` rows are written in ONE
        transaction. Tags are normalised with ``normalize_tags``.

        Raises:
            NotFoundError: if ``owner_id`` is not a user.
            ConflictError: if this owner already saved ``url`` (another owner
                may save the same URL).
        """
        raise NotImplementedError("check the owner, insert the bookmark and its tags in one transaction")

    def get_bookmark(self, bookmark_id: int) -> Bookmark:
        """Return the bookmark with ``bookmark_id``, tags included.

        Raises:
            NotFoundError: if there is no such bookmark.
        """
        raise NotImplementedError("SELECT the bookmark and its tags")

    def list_bookmarks(
        self,
        owner_id: int,
        *,
        limit: int = 20,
        before_id: int | None = None,
        tag: str | None = None,
    ) -> list[Bookmark]:
        """Return up to ``limit`` of the owner's bookmarks, newest (highest id) first.

        This is keyset pagination: the next page is requested with
        ``before_id`` set to the last id of the previous page, and only
        bookmarks with ``id < before_id`` are returned. Unlike OFFSET, it stays
        correct and fast while rows are being added.

        Tags of all returned bookmarks must be loaded with ONE extra query
        (``WHERE bookmark_id IN (...)``), not one query per bookmark: at most
        two SELECT statements in total.

        Args:
            owner_id: whose bookmarks.
            limit: maximum number of results, at least 1.
            before_id: only bookmarks with a smaller id (None: from the newest).
            tag: only bookmarks carrying this tag (compared after strip+lower).

        Raises:
            ValueError: if ``limit < 1``.
        """
        raise NotImplementedError("SELECT ... WHERE owner_id = ? [AND id < ?] [AND tag] ORDER BY id DESC LIMIT ?")

    def count_bookmarks(self, owner_id: int) -> int:
        """Return how many bookmarks ``owner_id`` has (0 for an unknown user)."""
        raise NotImplementedError("SELECT COUNT(*) ...")

    def update_bookmark(
        self,
        bookmark_id: int,
        *,
        title: str | None = None,
        notes: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Bookmark:
        """Change the given fields and return the bookmark's new state.

        ``None`` means "leave unchanged". ``tags`` REPLACES the whole tag set
        (normalised; ``[]`` removes every tag). All changes happen in one
        transaction.

        Raises:
            NotFoundError: if there is no such bookmark.
        """
        raise NotImplementedError("UPDATE the given columns and replace the tags in one transaction")

    def delete_bookmark(self, bookmark_id: int) -> None:
        """Delete a bookmark; its tags go too (ON DELETE CASCADE).

        Raises:
            NotFoundError: if there is no such bookmark.
        """
        raise NotImplementedError("DELETE the row; rowcount 0 -> NotFoundError")
