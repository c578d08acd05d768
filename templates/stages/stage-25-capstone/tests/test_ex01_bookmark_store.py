"""Tests for ex01: migrations with PRAGMA user_version and the BookmarkStore repository."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from practice.bookmark_store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Bookmark,
    BookmarkStore,
    ConflictError,
    MigrationError,
    NotFoundError,
    migrate,
    normalize_tags,
)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_migrate_fresh_database_applies_every_migration() -> None:
    conn = sqlite3.connect(":memory:")
    got = migrate(conn)
    assert got == SCHEMA_VERSION == 2, f"migrate() on a new database should return {SCHEMA_VERSION}, got {got!r}"
    assert user_version(conn) == 2, f"PRAGMA user_version should be 2 after migrating, got {user_version(conn)}"
    want = {"users", "bookmarks", "bookmark_tags"}
    assert want <= tables(conn), f"tables after migrating should include {sorted(want)}, got {sorted(tables(conn))}"
    assert "notes" in columns(conn, "bookmarks"), "migration 2 should add bookmarks.notes"


def test_migrate_twice_is_a_no_op() -> None:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    conn.execute("INSERT INTO users (username, password_hash, created_at) VALUES ('ann', 'h', 'now')")
    conn.commit()
    got = migrate(conn)
    assert got == 2, f"a second migrate() should return the current version 2, got {got!r}"
    count = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    assert count == 1, f"a second migrate() must not re-run scripts or lose rows; users has {count} rows"


def test_upgrade_from_version_1_keeps_existing_rows() -> None:
    conn = sqlite3.connect(":memory:")
    got = migrate(conn, target=1)
    assert got == 1, f"migrate(conn, target=1) should stop at version 1, got {got!r}"
    assert "notes" not in columns(conn, "bookmarks"), "version 1 must not have bookmarks.notes yet"
    conn.execute("INSERT INTO users (id, username, password_hash, created_at) VALUES (1, 'ann', 'h', 't')")
    conn.execute("INSERT INTO bookmarks (owner_id, url, title, created_at) VALUES (1, 'https://a.example', 'A', 't')")
    conn.commit()
    got = migrate(conn)
    assert got == 2, f"migrating a version-1 database should end at 2, got {got!r}"
    row = conn.execute("SELECT url, notes FROM bookmarks").fetchone()
    assert tuple(row) == ("https://a.example", ""), (
        f"old rows should survive with notes '' after the upgrade, got {row!r}"
    )


def test_failed_migration_is_rolled_back_completely() -> None:
    conn = sqlite3.connect(":memory:")
    broken = (MIGRATIONS[0], "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);")
    with pytest.raises(MigrationError):
        migrate(conn, broken)
    assert user_version(conn) == 1, (
        f"migration 1 succeeded and migration 2 failed, so user_version should be 1, got {user_version(conn)}"
    )
    assert "half_done" not in tables(conn), "the failed migration's CREATE TABLE must be rolled back"
    assert not conn.in_transaction, "migrate() must not leave a transaction open after a failure"


def test_database_newer_than_code_is_refused() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA user_version = 7")
    with pytest.raises(MigrationError):
        migrate(conn)


@pytest.mark.parametrize("target", [-1, 3])
def test_migrate_rejects_unknown_target(target: int) -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(ValueError):
        migrate(conn, target=target)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ([" Python", "python", "WEB", "", "  "], ("python", "web")),
        ([], ()),
        (["zeta", "Alpha", "mid"], ("alpha", "mid", "zeta")),
        (["Café", "CAFÉ"], ("café",)),
    ],
)
def test_normalize_tags(raw: list[str], want: tuple[str, ...]) -> None:
    got = normalize_tags(raw)
    assert got == want, f"normalize_tags({raw!r}) should be {want!r}, got {got!r}"


def test_data_persists_across_reopen(tmp_path: Path, clock) -> None:
    path = tmp_path / "linkshelf.sqlite3"
    store = BookmarkStore.open(path, clock=clock)
    ann = store.create_user("ann", "hash-1")
    saved = store.add_bookmark(ann.id, "https://docs.python.org/3/", "Python docs", notes="read", tags=["Py"])
    store.close()
    reopened = BookmarkStore.open(path, clock=clock)
    got = reopened.get_bookmark(saved.id)
    assert got == saved, f"after closing and reopening, get_bookmark should return {saved!r}, got {got!r}"
    assert reopened.get_user(ann.id).username == "ann", "users must persist across reopen"
    reopened.close()


def test_add_bookmark_returns_full_record(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    got = store.add_bookmark(ann.id, "https://example.org/ü", "Ünïcode title ✓", tags=["WEB", " web ", "b"])
    want = Bookmark(
        got.id, ann.id, "https://example.org/ü", "Ünïcode title ✓", "", ("b", "web"), "2024-05-01T12:00:00Z"
    )
    assert got == want, f"add_bookmark should return {want!r}, got {got!r}"
    assert store.get_bookmark(got.id) == want, "get_bookmark should return the same record add_bookmark returned"


def test_usernames_are_unique_case_insensitively(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("Ann", "h")
    with pytest.raises(ConflictError):
        store.create_user("ANN", "other")
    found = store.find_user("aNN")
    assert found == ann, f"find_user('aNN') should find {ann!r} (case-insensitive), got {found!r}"
    assert store.find_user("nobody") is None, "find_user for an unknown name should return None"


def test_duplicate_url_conflicts_only_for_the_same_owner(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    bob = store.create_user("bob", "h")
    store.add_bookmark(ann.id, "https://x.example", "X")
    with pytest.raises(ConflictError):
        store.add_bookmark(ann.id, "https://x.example", "X again")
    other = store.add_bookmark(bob.id, "https://x.example", "Bob's X")
    assert other.owner_id == bob.id, "another user may save the same URL"
    assert store.count_bookmarks(ann.id) == 1, "the failed duplicate insert must not leave a row behind"


@pytest.mark.parametrize("what", ["get_user", "get_bookmark", "add_bookmark", "update_bookmark", "delete_bookmark"])
def test_missing_rows_raise_not_found(clock, what: str) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    calls = {
        "get_user": lambda: store.get_user(99),
        "get_bookmark": lambda: store.get_bookmark(99),
        "add_bookmark": lambda: store.add_bookmark(99, "https://x.example", "owner 99 does not exist"),
        "update_bookmark": lambda: store.update_bookmark(99, title="t"),
        "delete_bookmark": lambda: store.delete_bookmark(99),
    }
    with pytest.raises(NotFoundError):
        calls[what]()
    assert issubclass(NotFoundError, LookupError), "NotFoundError should subclass LookupError"


def test_list_is_newest_first_with_keyset_pagination(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    bob = store.create_user("bob", "h")
    ids = [store.add_bookmark(ann.id, f"https://site{i}.example", f"Site {i}").id for i in range(5)]
    store.add_bookmark(bob.id, "https://bob.example", "not Ann's")
    page1 = [b.id for b in store.list_bookmarks(ann.id, limit=2)]
    assert page1 == [ids[4], ids[3]], f"first page (limit=2) should be the two newest {ids[4:2:-1]}, got {page1}"
    page2 = [b.id for b in store.list_bookmarks(ann.id, limit=2, before_id=page1[-1])]
    assert page2 == [ids[2], ids[1]], f"before_id={page1[-1]} should continue with {ids[2:0:-1]}, got {page2}"
    page3 = [b.id for b in store.list_bookmarks(ann.id, limit=2, before_id=page2[-1])]
    assert page3 == [ids[0]], f"the last page should hold only {ids[0]}, got {page3}"
    assert store.list_bookmarks(bob.id, limit=10)[0].owner_id == bob.id, "list_bookmarks must only return the owner's"


def test_list_filters_by_tag(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    a = store.add_bookmark(ann.id, "https://a.example", "A", tags=["python", "web"])
    store.add_bookmark(ann.id, "https://b.example", "B", tags=["go"])
    c = store.add_bookmark(ann.id, "https://c.example", "C", tags=["python"])
    got = [b.id for b in store.list_bookmarks(ann.id, tag="Python")]
    assert got == [c.id, a.id], f"tag='Python' should match tag 'python' on {[c.id, a.id]}, got {got}"
    assert store.list_bookmarks(ann.id, tag="rust") == [], "a tag nobody used should give an empty list"


@pytest.mark.parametrize("limit", [0, -5])
def test_list_rejects_non_positive_limit(clock, limit: int) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    with pytest.raises(ValueError):
        store.list_bookmarks(ann.id, limit=limit)


def test_list_does_not_run_one_query_per_bookmark(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    for i in range(10):
        store.add_bookmark(ann.id, f"https://n{i}.example", f"N{i}", tags=["t", f"t{i}"])
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    got = store.list_bookmarks(ann.id, limit=10)
    store.connection.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(got) == 10 and all(len(b.tags) == 2 for b in got), "all 10 bookmarks with their 2 tags are expected"
    assert len(selects) <= 2, (
        f"listing 10 bookmarks with tags should take at most 2 SELECTs (rows, then all their tags), "
        f"not one per bookmark (the N+1 problem); ran {len(selects)}"
    )


def test_update_changes_only_given_fields(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    saved = store.add_bookmark(ann.id, "https://a.example", "Old", notes="keep me", tags=["x"])
    got = store.update_bookmark(saved.id, title="New", tags=["Y", "z"])
    assert (got.title, got.notes, got.tags) == ("New", "keep me", ("y", "z")), (
        f"update_bookmark(title='New', tags=['Y','z']) should keep notes and replace tags, got {got!r}"
    )
    cleared = store.update_bookmark(saved.id, tags=[])
    assert cleared.tags == (), f"tags=[] should remove every tag, got {cleared.tags!r}"
    assert cleared.title == "New", "fields passed as None must stay unchanged"


def test_delete_removes_bookmark_and_its_tags(clock) -> None:
    store = BookmarkStore.open(":memory:", clock=clock)
    ann = store.create_user("ann", "h")
    saved = store.add_bookmark(ann.id, "https://a.example", "A", tags=["x", "y"])
    store.delete_bookmark(saved.id)
    with pytest.raises(NotFoundError):
        store.get_bookmark(saved.id)
    left = store.connection.execute("SELECT COUNT(*) FROM bookmark_tags").fetchone()[0]
    assert left == 0, f"deleting a bookmark should delete its tags too (foreign keys ON), {left} tag rows left"
    with pytest.raises(NotFoundError):
        store.delete_bookmark(saved.id)
