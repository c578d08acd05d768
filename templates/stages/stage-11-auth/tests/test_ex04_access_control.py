"""Tests for ex04: role-based access control with inheritance, deny by default."""

from __future__ import annotations

import pytest
from practice.access_control import (
    AccessDeniedError,
    AccessPolicy,
    Role,
    RoleCycleError,
    UnknownRoleError,
    User,
    requires,
)


def newsroom() -> AccessPolicy:
    # admin is listed first on purpose: order must not matter.
    return AccessPolicy(
        [
            Role("admin", frozenset({"users:*", "articles:delete"}), ("editor", "moderator")),
            Role("viewer", frozenset({"articles:read", "comments:read"})),
            Role("author", frozenset({"articles:create", "articles:update"}), ("viewer",)),
            Role("editor", frozenset({"articles:publish"}), ("author",)),
            Role("moderator", frozenset({"comments:*"}), ("viewer",)),
            Role("billing", frozenset({"invoices:read"})),
        ]
    )


@pytest.mark.parametrize(
    ("role", "want"),
    [
        ("viewer", {"articles:read", "comments:read"}),
        ("billing", {"invoices:read"}),
        ("author", {"articles:read", "comments:read", "articles:create", "articles:update"}),
        (
            "editor",
            {"articles:read", "comments:read", "articles:create", "articles:update", "articles:publish"},
        ),
        ("moderator", {"articles:read", "comments:read", "comments:*"}),
        (
            "admin",
            {
                "users:*",
                "articles:delete",
                "articles:publish",
                "articles:create",
                "articles:update",
                "articles:read",
                "comments:read",
                "comments:*",
            },
        ),
    ],
)
def test_permissions_include_everything_inherited(role: str, want: set[str]) -> None:
    got = newsroom().permissions_for(role)
    assert got == frozenset(want), (
        f"permissions_for({role!r}) should be own + inherited grants:\n want {sorted(want)}\n got  {sorted(got)}"
    )


@pytest.mark.parametrize(
    ("roles", "permission", "want"),
    [
        ({"viewer"}, "articles:read", True),
        ({"viewer"}, "articles:update", False),
        ({"author"}, "articles:update", True),
        ({"author"}, "articles:publish", False),
        ({"editor"}, "articles:read", True),
        ({"editor"}, "articles:delete", False),
        ({"admin"}, "articles:delete", True),
        ({"admin"}, "invoices:read", False),
        ({"moderator"}, "comments:delete", True),
        ({"moderator"}, "comments:approve", True),
        ({"moderator"}, "articles:delete", False),
        ({"admin"}, "users:ban", True),
        ({"billing", "viewer"}, "invoices:read", True),
        ({"billing", "viewer"}, "comments:read", True),
        (["billing", "viewer"], "articles:publish", False),
    ],
)
def test_is_allowed(roles: set[str], permission: str, want: bool) -> None:
    got = newsroom().is_allowed(roles, permission)
    assert got is want, f"is_allowed({sorted(roles)}, {permission!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize(
    ("roles", "permission"),
    [
        (set(), "articles:read"),
        ({"superuser"}, "articles:read"),
        ({"viewer"}, "secrets:read"),
        ({"moderator"}, "comments-archive:delete"),
        ({"admin"}, "userss:ban"),
        ({"Admin"}, "users:ban"),
    ],
    ids=["no-roles", "unknown-role", "unknown-permission", "wildcard-is-exact-resource", "near-miss", "role-case"],
)
def test_denied_by_default(roles: set[str], permission: str) -> None:
    got = newsroom().is_allowed(roles, permission)
    assert got is False, (
        f"is_allowed({sorted(roles)}, {permission!r}) should be False: anything not granted is denied, got {got!r}"
    )


def test_single_string_of_roles_is_refused() -> None:
    with pytest.raises(TypeError):
        newsroom().is_allowed("admin", "articles:read")


@pytest.mark.parametrize("permission", ["", "articles", "articles:*", "Articles:Read", "articles:read:all", ":read"])
def test_questions_must_be_concrete_permissions(permission: str) -> None:
    with pytest.raises(ValueError):
        newsroom().is_allowed({"admin"}, permission)


def test_unknown_role_lookup_raises() -> None:
    with pytest.raises(UnknownRoleError):
        newsroom().permissions_for("superuser")


@pytest.mark.parametrize(
    ("roles", "exc", "fragments"),
    [
        ([Role("a"), Role("a")], ValueError, ["a"]),
        ([Role("Admin")], ValueError, ["Admin"]),
        ([Role("a", frozenset({"read"}))], ValueError, ["a", "read"]),
        ([Role("a", frozenset({"*:*"}))], ValueError, ["*:*"]),
        ([Role("a", inherits=("ghost",))], UnknownRoleError, ["a", "ghost"]),
        ([Role("a", inherits=("a",))], RoleCycleError, ["a -> a"]),
        ([Role("a", inherits=("b",)), Role("b", inherits=("a",))], RoleCycleError, ["a", "b"]),
        (
            [Role("x"), Role("a", inherits=("x", "b")), Role("b", inherits=("c",)), Role("c", inherits=("a",))],
            RoleCycleError,
            ["a", "b", "c"],
        ),
    ],
    ids=[
        "duplicate",
        "bad-name",
        "bad-permission",
        "global-wildcard",
        "unknown-parent",
        "self-cycle",
        "two-cycle",
        "three-cycle",
    ],
)
def test_policy_validates_the_role_graph(roles: list[Role], exc: type[Exception], fragments: list[str]) -> None:
    with pytest.raises(exc) as info:
        AccessPolicy(roles)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"the {exc.__name__} message should mention {fragment!r}, got {message!r}"


def test_diamond_inheritance_is_not_a_cycle() -> None:
    policy = AccessPolicy(
        [
            Role("base", frozenset({"docs:read"})),
            Role("left", frozenset({"docs:write"}), ("base",)),
            Role("right", frozenset({"docs:share"}), ("base",)),
            Role("top", inherits=("left", "right")),
        ]
    )
    got = policy.permissions_for("top")
    want = frozenset({"docs:read", "docs:write", "docs:share"})
    assert got == want, f"two paths to the same parent are fine: want {sorted(want)}, got {sorted(got)}"


def test_require_raises_access_denied() -> None:
    policy = newsroom()
    assert policy.require({"editor"}, "articles:publish") is None, "require should return None when allowed"
    with pytest.raises(AccessDeniedError) as info:
        policy.require({"viewer"}, "articles:publish")
    assert "articles:publish" in str(info.value), (
        f"the AccessDeniedError message should name the permission, got {str(info.value)!r}"
    )
    assert isinstance(info.value, PermissionError), "AccessDeniedError should be a PermissionError"


def test_requires_decorator_guards_a_handler() -> None:
    policy = newsroom()
    calls: list[str] = []

    @requires(policy, "articles:publish")
    def publish(user: User, article_id: int, *, note: str = "") -> str:
        """Publish an article."""
        calls.append(user.name)
        return f"{user.name} published {article_id}{note}"

    alice = User("alice", frozenset({"editor"}))
    bob = User("bob", frozenset({"author"}))
    got = publish(alice, 7, note="!")
    assert got == "alice published 7!", f"an allowed call should run the handler, got {got!r}"
    with pytest.raises(AccessDeniedError):
        publish(bob, 8)
    assert calls == ["alice"], f"a denied call must not run the handler body; it ran for {calls!r}"
    assert publish.__name__ == "publish", "use functools.wraps to keep the handler's name"
    assert publish.__doc__ == "Publish an article.", "use functools.wraps to keep the docstring"


@pytest.mark.parametrize("permission", ["publish", "articles:*", ""])
def test_requires_validates_permission_when_applied(permission: str) -> None:
    with pytest.raises(ValueError):
        requires(newsroom(), permission)
