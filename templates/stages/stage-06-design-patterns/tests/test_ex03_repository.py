"""Tests for ex03: one contract, two repositories, and a service that receives either.

Every test that takes the ``repo`` fixture runs twice: once against the in-memory
repository and once against SQLite. That is the point of the pattern: both must
behave the same, so the service cannot tell them apart.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from practice.repository import (
    DuplicateEmailError,
    InMemoryUserRepository,
    NotFoundError,
    SqliteUserRepository,
    User,
    UserRepository,
    UserService,
)


@pytest.fixture(params=["memory", "sqlite"])
def repo(request: pytest.FixtureRequest) -> Iterator[UserRepository]:
    if request.param == "memory":
        yield InMemoryUserRepository()
        return
    conn = sqlite3.connect(":memory:")
    try:
        yield SqliteUserRepository(conn)
    finally:
        conn.close()


@pytest.fixture
def service(repo: UserRepository) -> UserService:
    return UserService(repo)


# ---------------------------------------------------------------- the repository contract


def test_add_assigns_increasing_ids_and_get_returns_user(repo: UserRepository) -> None:
    ann = repo.add("ann@example.com", "Ann")
    bo = repo.add("bo@example.com", "Bo")
    assert ann == User(1, "ann@example.com", "Ann", True), f"first user should get id 1 and be active, got {ann}"
    assert bo.id == 2, f"second user should get id 2, got {bo.id}"
    assert repo.get(2) == bo, f"get(2) should return what add returned, got {repo.get(2)}"


def test_get_missing_raises_not_found(repo: UserRepository) -> None:
    with pytest.raises(NotFoundError):
        repo.get(42)
    repo.add("ann@example.com", "Ann")
    with pytest.raises(NotFoundError):
        repo.get(2)


def test_duplicate_email_is_a_domain_error(repo: UserRepository) -> None:
    repo.add("ann@example.com", "Ann")
    with pytest.raises(DuplicateEmailError):
        repo.add("ann@example.com", "Another Ann")
    assert len(repo.list_all()) == 1, "the duplicate must not be stored"


def test_find_by_email_is_exact_and_safe(repo: UserRepository) -> None:
    tricky = repo.add("o'brien@example.com", "Seán O'Brien")
    assert repo.find_by_email("o'brien@example.com") == tricky, "quotes in values must work (use ? placeholders)"
    assert repo.find_by_email("nobody@example.com") is None, "unknown email should give None"
    assert repo.find_by_email("' OR '1'='1") is None, "SQL injection attempt must match nothing"


def test_list_all_orders_by_id_and_filters(repo: UserRepository) -> None:
    a = repo.add("a@x.io", "Zed")
    b = repo.add("b@x.io", "Amy")
    c = repo.add("c@x.io", "Mo")
    repo.update(dataclasses.replace(b, active=False))
    assert [u.id for u in repo.list_all()] == [a.id, b.id, c.id], "list_all() should be ordered by id"
    assert [u.id for u in repo.list_all(active=True)] == [a.id, c.id], "active=True keeps only active users"
    assert [u.id for u in repo.list_all(active=False)] == [b.id], "active=False keeps only inactive users"
    assert repo.list_all(active=False)[0].active is False, "active must come back as the bool False"


def test_update_replaces_and_checks(repo: UserRepository) -> None:
    ann = repo.add("ann@example.com", "Ann")
    repo.add("bo@example.com", "Bo")
    repo.update(dataclasses.replace(ann, name="Ann Smith", email="ann.smith@example.com"))
    assert repo.get(ann.id) == User(ann.id, "ann.smith@example.com", "Ann Smith", True), f"got {repo.get(ann.id)}"
    with pytest.raises(DuplicateEmailError):
        repo.update(dataclasses.replace(ann, email="bo@example.com"))
    with pytest.raises(NotFoundError):
        repo.update(User(99, "ghost@example.com", "Ghost"))


def test_delete_and_ids_are_not_reused(repo: UserRepository) -> None:
    repo.add("a@x.io", "A")
    b = repo.add("b@x.io", "B")
    repo.delete(b.id)
    with pytest.raises(NotFoundError):
        repo.get(b.id)
    with pytest.raises(NotFoundError):
        repo.delete(b.id)
    c = repo.add("c@x.io", "C")
    assert c.id == 3, f"ids are never reused, even after a delete: expected 3, got {c.id}"


def test_sqlite_persists_across_connections(tmp_path: Path) -> None:
    db = tmp_path / "users.db"
    first = sqlite3.connect(db)
    try:
        SqliteUserRepository(first).add("ann@example.com", "Ann")
    finally:
        first.close()
    second = sqlite3.connect(db)
    try:
        again = SqliteUserRepository(second)
        assert again.find_by_email("ann@example.com") == User(1, "ann@example.com", "Ann", True), (
            "data written and committed by one connection must be visible from a new one"
        )
    finally:
        second.close()


# ---------------------------------------------------------------- the service, on both repositories


def test_register_normalises_and_rejects_duplicates(service: UserService) -> None:
    ann = service.register("  Ann@Example.COM ", "  Ann  ")
    assert (ann.email, ann.name) == ("ann@example.com", "Ann"), f"email lower-cased, name stripped, got {ann}"
    with pytest.raises(DuplicateEmailError):
        service.register("ANN@example.com", "Ann again")


@pytest.mark.parametrize(
    ("email", "name"), [("not-an-email", "Ann"), ("a@b@c", "Ann"), ("@x.io", "Ann"), ("a@x.io", "  ")]
)
def test_register_validates(service: UserService, email: str, name: str) -> None:
    with pytest.raises(ValueError):
        service.register(email, name)
    assert service.repo.list_all() == [], "nothing may be stored when validation fails"


def test_rename_and_deactivate(service: UserService) -> None:
    ann = service.register("ann@example.com", "Ann")
    renamed = service.rename(ann.id, " Annie ")
    assert renamed.name == "Annie" and service.repo.get(ann.id).name == "Annie", f"rename should persist, got {renamed}"
    off = service.deactivate(ann.id)
    assert off.active is False and service.repo.get(ann.id).active is False, "deactivate should persist"
    assert service.deactivate(ann.id).active is False, "deactivating twice is fine (idempotent)"
    with pytest.raises(NotFoundError):
        service.deactivate(999)
    with pytest.raises(ValueError):
        service.rename(ann.id, "")


def test_directory_lists_active_users_by_name(service: UserService) -> None:
    service.register("zoe@x.io", "zoë")
    bob = service.register("bob@x.io", "Bob")
    service.register("amy@x.io", "Amy")
    service.register("amy2@x.io", "amy")
    service.deactivate(bob.id)
    got = service.directory()
    want = ["amy <amy2@x.io>", "Amy <amy@x.io>", "zoë <zoe@x.io>"]
    assert got == want, (
        f"directory should be active users sorted case-insensitively by name, then email:\n got {got}\nwant {want}"
    )


def test_service_depends_only_on_the_protocol() -> None:
    class CountingRepo(InMemoryUserRepository):
        def __init__(self) -> None:
            super().__init__()
            self.adds = 0

        def add(self, email: str, name: str) -> User:
            self.adds += 1
            return super().add(email, name)

    fake = CountingRepo()
    service = UserService(fake)
    service.register("ann@example.com", "Ann")
    assert fake.adds == 1, "the service must use the repository it was given (dependency injection)"
    assert service.directory() == ["Ann <ann@example.com>"], f"got {service.directory()}"
