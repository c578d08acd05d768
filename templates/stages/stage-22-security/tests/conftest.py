"""Fixtures shared by the security exercises: a seeded shop database and a file tree."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
"""

USERS = [
    (1, "alice", "alice@example.com", "pbkdf2$alice-secret-hash", 1),
    (2, "bob", "bob@example.com", "pbkdf2$bob-secret-hash", 0),
    (3, "O'Brien", "obrien@example.com", "pbkdf2$obrien-secret-hash", 0),
    (4, "mallory", "mallory@example.com", "pbkdf2$mallory-secret-hash", 0),
    (5, "zo\u00eb", "zoe@example.com", "pbkdf2$zoe-secret-hash", 0),
]

SESSIONS = [("tok-alice", 1), ("tok-bob", 2), ("tok-mallory", 4)]

PRODUCTS = [
    (1, "USB cable 50cm", 799, "2024-01-05"),
    (2, "Summer sale: 50% off mug", 1299, "2024-03-01"),
    (3, "snake_case stickers", 350, "2024-02-10"),
    (4, "Desk lamp", 2499, "2024-01-20"),
    (5, "desk mat", 1299, "2024-04-02"),
    (6, "Caf\u00e9 au lait mug", 1299, "2024-02-28"),
    (7, "Rock 'n' roll poster", 999, "2024-03-15"),
]


@pytest.fixture
def shop_db() -> Iterator[sqlite3.Connection]:
    """An in-memory shop database with users, sessions and products."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    conn.executemany("INSERT INTO users VALUES (?, ?, ?, ?, ?)", USERS)
    conn.executemany("INSERT INTO sessions VALUES (?, ?)", SESSIONS)
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?)", PRODUCTS)
    conn.commit()
    yield conn
    conn.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A static site root with a secret beside it and two symlinks.

    Layout (``tmp_path`` is the parent)::

        secret.txt                 outside the root, must never be served
        public/                    the root
            index.html
            css/site.css
            docs/index.html
            docs/a b.txt
            caf\u00e9.txt
            data.bin
            .env                   a dotfile, never served
            leak -> ../secret.txt  a symlink escaping the root
            home.html -> index.html  a symlink staying inside the root
    """
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    root = tmp_path / "public"
    (root / "css").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (root / "css" / "site.css").write_text("body { color: black; }", encoding="utf-8")
    (root / "docs" / "index.html").write_text("<h1>docs</h1>", encoding="utf-8")
    (root / "docs" / "a b.txt").write_text("spaced", encoding="utf-8")
    (root / "caf\u00e9.txt").write_text("cr\u00e8me", encoding="utf-8")
    (root / "data.bin").write_bytes(b"\x00\x01\x02")
    (root / ".env").write_text("DB_PASSWORD=hunter2", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "leak")
    os.symlink(root / "index.html", root / "home.html")
    return root
