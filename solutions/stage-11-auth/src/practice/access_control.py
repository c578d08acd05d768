"""Role-based access control: roles, permissions, inheritance, deny by default.

Authentication says who the caller is; authorization says what they may do.
Here a permission is ``"resource:action"`` (``"articles:publish"``), a role is
a named set of permissions that may inherit other roles, and a request is
allowed only if one of the caller's roles grants the permission. Anything not
granted is denied, including unknown roles and unknown permissions. Roles
usually come from configuration, so the policy validates the whole role graph
up front: unknown parents and inheritance cycles are errors at start-up, not
surprises in production.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_NAME = r"[a-z][a-z0-9_-]*"
_ROLE_NAME = re.compile(_NAME)
_GRANT = re.compile(rf"({_NAME}):({_NAME}|\*)")
_PERMISSION = re.compile(rf"({_NAME}):({_NAME})")


class UnknownRoleError(LookupError):
    """A role name that the policy does not define."""


class RoleCycleError(ValueError):
    """Roles that inherit from each other in a loop."""


class AccessDeniedError(PermissionError):
    """The caller's roles do not grant the permission."""


@dataclass(frozen=True)
class Role:
    """A named set of permissions that may inherit other roles' permissions.

    Attributes:
        name: Lowercase identifier: a letter, then letters, digits, ``_`` or ``-``.
        permissions: Grants such as ``"articles:read"`` or ``"articles:*"``
            (every action on ``articles``). Resource and action follow the
            same rule as role names; only the action may be ``*`` (so
            ``"*:*"`` and ``"read"`` are invalid).
        inherits: Names of roles whose permissions this role also has.
    """

    name: str
    permissions: frozenset[str] = field(default_factory=frozenset)
    inherits: tuple[str, ...] = ()


@dataclass(frozen=True)
class User:
    """The authenticated caller, as far as authorization cares."""

    name: str
    roles: frozenset[str] = field(default_factory=frozenset)


class AccessPolicy:
    """A validated set of roles that answers "may these roles do this?".

    Args:
        roles: Every role, in any order (a role may be listed before the roles
            it inherits).

    Raises:
        ValueError: Two roles share a name, a role name is invalid, or a
            permission is not ``resource:action`` / ``resource:*``; the message
            names the role (and the bad permission).
        UnknownRoleError: A role inherits a role that is not in ``roles``; the
            message names both.
        RoleCycleError: Inheritance loops (including a role inheriting itself);
            the message lists the roles on the loop, e.g. ``"a -> b -> a"``.
    """

    def __init__(self, roles: Iterable[Role]) -> None:
        """Validate ``roles`` and precompute each role's effective permissions (see the class docstring)."""
        self._roles: dict[str, Role] = {}
        for role in roles:
            if not _ROLE_NAME.fullmatch(role.name):
                raise ValueError(f"invalid role name {role.name!r}")
            if role.name in self._roles:
                raise ValueError(f"role {role.name!r} is defined twice")
            for permission in role.permissions:
                if not _GRANT.fullmatch(permission):
                    raise ValueError(
                        f"role {role.name!r}: invalid permission {permission!r}; use 'resource:action' or 'resource:*'"
                    )
            self._roles[role.name] = role
        for role in self._roles.values():
            for parent in role.inherits:
                if parent not in self._roles:
                    raise UnknownRoleError(f"role {role.name!r} inherits unknown role {parent!r}")
        self._effective: dict[str, frozenset[str]] = {}
        for name in self._roles:
            self._resolve(name, [])

    def _resolve(self, name: str, path: list[str]) -> frozenset[str]:
        if name in self._effective:
            return self._effective[name]
        if name in path:
            loop = [*path[path.index(name) :], name]
            raise RoleCycleError("inheritance cycle: " + " -> ".join(loop))
        role = self._roles[name]
        granted = set(role.permissions)
        for parent in role.inherits:
            granted |= self._resolve(parent, [*path, name])
        self._effective[name] = frozenset(granted)
        return self._effective[name]

    def permissions_for(self, role: str) -> frozenset[str]:
        """Return every grant ``role`` has: its own plus all inherited ones.

        Wildcard grants are returned as written (``"articles:*"``), not expanded.

        Raises:
            UnknownRoleError: ``role`` is not defined.
        """
        try:
            return self._effective[role]
        except KeyError:
            raise UnknownRoleError(f"unknown role {role!r}") from None

    def is_allowed(self, roles: Iterable[str], permission: str) -> bool:
        """Return True if any of ``roles`` grants ``permission``.

        A grant matches when it equals ``permission`` or is ``"<resource>:*"``
        for the same resource. Deny by default: no roles, unknown role names
        (a stale token may carry them) and permissions nobody was granted all
        give False.

        Args:
            roles: The caller's role names. A bare ``str`` is refused: iterating
                ``"admin"`` would check the roles ``"a"``, ``"d"``, ...
            permission: A concrete ``resource:action``; wildcards are for
                grants, not for questions.

        Raises:
            TypeError: ``roles`` is a ``str``.
            ValueError: ``permission`` is not a concrete ``resource:action``.
        """
        if isinstance(roles, str):
            raise TypeError("roles must be a collection of role names, not one str")
        match = _PERMISSION.fullmatch(permission)
        if not match:
            raise ValueError(f"invalid permission {permission!r}; use 'resource:action'")
        wildcard = f"{match.group(1)}:*"
        for role in roles:
            granted = self._effective.get(role, frozenset())
            if permission in granted or wildcard in granted:
                return True
        return False

    def require(self, roles: Iterable[str], permission: str) -> None:
        """Return None if allowed, else raise :class:`AccessDeniedError`.

        The error message names the permission (never any secret). Raises the
        same TypeError/ValueError as :meth:`is_allowed` for bad arguments.
        """
        roles = tuple(roles) if not isinstance(roles, str) else roles
        if not self.is_allowed(roles, permission):
            raise AccessDeniedError(f"permission {permission!r} is required")


def requires(
    policy: AccessPolicy, permission: str
) -> Callable[[Callable[Concatenate[User, P], R]], Callable[Concatenate[User, P], R]]:
    """Decorate a handler whose first argument is the calling :class:`User`.

    The permission is validated when the decorator is applied (a typo fails at
    import time, not at request time). Each call runs
    ``policy.require(user.roles, permission)`` first; when access is denied the
    handler body does not run at all. ``functools.wraps`` keeps the handler's
    name and docstring.

    Raises:
        ValueError: ``permission`` is not a concrete ``resource:action``
            (raised by ``requires`` itself, before any call).
        AccessDeniedError: At call time, when the user lacks the permission.
    """
    if not _PERMISSION.fullmatch(permission):
        raise ValueError(f"invalid permission {permission!r}; use 'resource:action'")

    def decorate(handler: Callable[Concatenate[User, P], R]) -> Callable[Concatenate[User, P], R]:
        @functools.wraps(handler)
        def wrapper(user: User, *args: P.args, **kwargs: P.kwargs) -> R:
            policy.require(user.roles, permission)
            return handler(user, *args, **kwargs)

        return wrapper

    return decorate
