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
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
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
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    migrations: Sequence[str] = MIGRATIONS,
    *,
    target: int | None = None,
) -> int:
    """Apply the pending migrations and return the resulting schema version."""
    total = len(migrations)
    goal = total if target is None else target
    if not 0 <= goal <= total:
        raise ValueError(f"target must be between 0 and {total}, got {goal}")
    current = schema_version(conn)
    if current > total:
        raise MigrationError(f"database schema version {current} is newer than this code supports ({total})")
    for version in range(current + 1, goal + 1):
        script = migrations[version - 1]
        try:
            conn.executescript(f"BEGIN;\n{script}\n;PRAGMA user_version = {version};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.rollback()
            raise MigrationError(f"migration {version} failed: {exc}") from exc
    return schema_version(conn)


def connect(path: str | Path) -> sqlite3.Connection:
    """Open the database at ``path`` ready for use by ``BookmarkStore``."""
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    return conn


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Strip and lowercase tags, drop empty ones and duplicates, and sort them."""
    return tuple(sorted({tag.strip().lower() for tag in tags if tag.strip()}))


class BookmarkStore:
    """Repository for users and bookmarks on top of one sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection, *, clock: Callable[[], float] = time.time) -> None:
        """Wrap an already migrated connection; ``clock`` returns Unix seconds."""
        self._conn = conn
        self._clock = clock

    @classmethod
    def open(cls, path: str | Path, *, clock: Callable[[], float] = time.time) -> BookmarkStore:
        """Connect to ``path`` (a file or ``":memory:"``), migrate it and wrap it."""
        return cls(connect(path), clock=clock)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection (used by health checks)."""
        return self._conn

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def _now(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # users -----------------------------------------------------------------

    def create_user(self, username: str, password_hash: str) -> User:
        """Insert a user; ConflictError if the name is taken (case-insensitively)."""
        created = self._now()
        try:
            with self._conn:
                cur = self._conn.execute(
                    "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)",
                    (username, password_hash, created),
                )
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"username {username!r} is already taken") from exc
        return User(int(cur.lastrowid or 0), username, password_hash, created)

    def get_user(self, user_id: int) -> User:
        """Return the user with ``user_id``; NotFoundError if there is none."""
        row = self._conn.execute(
            "SELECT id, username, password_hash, created_at FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"user {user_id} not found")
        return User(row["id"], row["username"], row["password_hash"], row["created_at"])

    def find_user(self, username: str) -> User | None:
        """Return the user called ``username`` (case-insensitive) or None."""
        row = self._conn.execute(
            "SELECT id, username, password_hash, created_at FROM users WHERE username = ?", (username,)
        ).fetchone()
        if row is None:
            return None
        return User(row["id"], row["username"], row["password_hash"], row["created_at"])

    # bookmarks -------------------------------------------------------------

    def _tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {i: [] for i in ids}
        if not ids:
            return found
        marks = ",".join("?" * len(ids))
        rows = self._conn.execute(
            f"SELECT bookmark_id, tag FROM bookmark_tags WHERE bookmark_id IN ({marks}) ORDER BY tag",
            tuple(ids),
        )
        for row in rows:
            found[row["bookmark_id"]].append(row["tag"])
        return found

    def _build(self, rows: Sequence[sqlite3.Row]) -> list[Bookmark]:
        tags = self._tags_for([row["id"] for row in rows])
        return [
            Bookmark(
                id=row["id"],
                owner_id=row["owner_id"],
                url=row["url"],
                title=row["title"],
                notes=row["notes"],
                tags=tuple(tags[row["id"]]),
                created_at=row["created_at"],
            )
            for row in rows
        ]

    def add_bookmark(
        self,
        owner_id: int,
        url: str,
        title: str,
        *,
        notes: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Save a bookmark for ``owner_id`` and return it."""
        clean_tags = normalize_tags(tags)
        created = self._now()
        try:
            with self._conn:
                if self._conn.execute("SELECT 1 FROM users WHERE id = ?", (owner_id,)).fetchone() is None:
                    raise NotFoundError(f"user {owner_id} not found")
                cur = self._conn.execute(
                    "INSERT INTO bookmarks (owner_id, url, title, notes, created_at) VALUES (?, ?, ?, ?, ?)",
                    (owner_id, url, title, notes, created),
                )
                new_id = int(cur.lastrowid or 0)
                self._conn.executemany(
                    "INSERT INTO bookmark_tags (bookmark_id, tag) VALUES (?, ?)",
                    [(new_id, tag) for tag in clean_tags],
                )
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"{url!r} is already saved") from exc
        return Bookmark(new_id, owner_id, url, title, notes, clean_tags, created)

    def get_bookmark(self, bookmark_id: int) -> Bookmark:
        """Return the bookmark with ``bookmark_id``; NotFoundError if there is none."""
        rows = self._conn.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchall()
        if not rows:
            raise NotFoundError(f"bookmark {bookmark_id} not found")
        return self._build(rows)[0]

    def list_bookmarks(
        self,
        owner_id: int,
        *,
        limit: int = 20,
        before_id: int | None = None,
        tag: str | None = None,
    ) -> list[Bookmark]:
        """Return up to ``limit`` of the owner's bookmarks, newest (highest id) first."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        sql = "SELECT * FROM bookmarks WHERE owner_id = ?"
        params: list[object] = [owner_id]
        if before_id is not None:
            sql += " AND id < ?"
            params.append(before_id)
        if tag is not None:
            sql += " AND id IN (SELECT bookmark_id FROM bookmark_tags WHERE tag = ?)"
            params.append(tag.strip().lower())
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        return self._build(self._conn.execute(sql, params).fetchall())

    def count_bookmarks(self, owner_id: int) -> int:
        """Return how many bookmarks ``owner_id`` has."""
        return int(self._conn.execute("SELECT COUNT(*) FROM bookmarks WHERE owner_id = ?", (owner_id,)).fetchone()[0])

    def update_bookmark(
        self,
        bookmark_id: int,
        *,
        title: str | None = None,
        notes: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Bookmark:
        """Change the given fields (None means unchanged) and return the new state."""
        with self._conn:
            if self._conn.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone() is None:
                raise NotFoundError(f"bookmark {bookmark_id} not found")
            if title is not None:
                self._conn.execute("UPDATE bookmarks SET title = ? WHERE id = ?", (title, bookmark_id))
            if notes is not None:
                self._conn.execute("UPDATE bookmarks SET notes = ? WHERE id = ?", (notes, bookmark_id))
            if tags is not None:
                self._conn.execute("DELETE FROM bookmark_tags WHERE bookmark_id = ?", (bookmark_id,))
                self._conn.executemany(
                    "INSERT INTO bookmark_tags (bookmark_id, tag) VALUES (?, ?)",
                    [(bookmark_id, tag) for tag in normalize_tags(tags)],
                )
        return self.get_bookmark(bookmark_id)

    def delete_bookmark(self, bookmark_id: int) -> None:
        """Delete a bookmark and its tags; NotFoundError if there is none."""
        with self._conn:
            cur = self._conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        if cur.rowcount == 0:
            raise NotFoundError(f"bookmark {bookmark_id} not found")
