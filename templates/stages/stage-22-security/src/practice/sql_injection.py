"""Queries that cannot be hijacked: parameters for values, an allowlist for identifiers.

The shop's data access code below was written by pasting user input into SQL text
with f-strings. It "works" while people type ordinary names, and falls over (or
leaks data, or hands out admin rights) as soon as someone types a quote. Fix every
function so that user input can only ever be a VALUE:

* values go through ``?`` placeholders and the parameters argument of
  ``conn.execute``; never through ``%``, ``+``, ``.format`` or f-strings;
* identifiers (column names, ASC/DESC) cannot be parameters, so they are chosen
  from an allowlist in code (``SORT_COLUMNS``) and unknown input is refused;
* ``LIKE`` patterns escape their own wildcards (``%``, ``_``) so a search for
  ``50%`` finds "50%" and not everything containing "50".

The tables (created by the tests) are::

    users(id INTEGER PRIMARY KEY, username TEXT UNIQUE, email TEXT,
          password_hash TEXT, is_admin INTEGER)
    sessions(token TEXT PRIMARY KEY, user_id INTEGER)
    products(id INTEGER PRIMARY KEY, name TEXT, price_cents INTEGER, created_at TEXT)

Exercise ex01: rewrite the four query functions (they are vulnerable as shipped:
they pass ordinary input and fail the injection tests) and write ``escape_like``
and ``order_by_clause``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

SORT_COLUMNS: dict[str, str] = {
    "name": "name COLLATE NOCASE",
    "price": "price_cents",
    "created": "created_at",
}
"""Public sort keys mapped to the SQL expression they sort by (the allowlist)."""

MAX_LIMIT = 100


@dataclass(frozen=True)
class User:
    """A user row without the password hash."""

    id: int
    username: str
    email: str
    is_admin: bool


def find_user(conn: sqlite3.Connection, username: str) -> User | None:
    """Return the user whose username is exactly ``username``, or None.

    The comparison is exact and case-sensitive (SQLite's ``=`` on TEXT). Any
    string is a legal input: ``"O'Brien"`` must find O'Brien, and input such as
    ``"' OR '1'='1"`` or ``"alice' --"`` is just a username that does not exist.

    Args:
        conn: an open connection to the shop database.
        username: the name to look up, used only as a bound parameter.

    Returns:
        The matching ``User`` (``is_admin`` as a bool), or None.
    """
    row = conn.execute(f"SELECT id, username, email, is_admin FROM users WHERE username = '{username}'").fetchone()
    if row is None:
        return None
    return User(id=row[0], username=row[1], email=row[2], is_admin=bool(row[3]))


def escape_like(term: str, escape: str = "\\") -> str:
    """Return ``term`` with LIKE wildcards escaped, for use with ``ESCAPE '\\'``.

    The escape character itself is escaped first, then ``%`` and ``_``.
    """
    raise NotImplementedError("double the escape character first, then put it before every % and _")


def order_by_clause(sort: str, descending: bool = False) -> str:
    """Build an ORDER BY clause from an allowlisted sort key.

    The sort key must be exactly one of the keys of ``SORT_COLUMNS`` (case
    matters, no whitespace, no SQL). Ties are always broken by ``id ASC`` so the
    order is deterministic, for example::

        order_by_clause("price", True) == "ORDER BY price_cents DESC, id ASC"
        order_by_clause("name") == "ORDER BY name COLLATE NOCASE ASC, id ASC"

    Args:
        sort: a public sort key such as ``"price"``.
        descending: sort from largest to smallest.

    Returns:
        The clause text, starting with ``"ORDER BY "``.

    Raises:
        ValueError: if ``sort`` is not a key of ``SORT_COLUMNS``; the message
            lists the allowed keys.
    """
    raise NotImplementedError("look sort up in SORT_COLUMNS, raise ValueError if absent, add DESC/ASC and 'id ASC'")


def search_products(
    conn: sqlite3.Connection,
    term: str,
    *,
    sort: str = "name",
    descending: bool = False,
    limit: int = 20,
) -> list[str]:
    """Return names of products whose name contains ``term``, sorted and limited.

    ``term`` is a literal substring: ``%`` and ``_`` in it match only themselves
    (escape them and use ``LIKE ? ESCAPE '\\'``). Matching is case-insensitive
    for ASCII letters (SQLite LIKE). An empty term matches every product.

    Args:
        conn: an open connection to the shop database.
        term: the text to look for inside product names.
        sort: a key of ``SORT_COLUMNS`` (see ``order_by_clause``).
        descending: reverse the sort order (ties still by id ascending).
        limit: the most rows to return, an int from 1 to ``MAX_LIMIT``; bound
            as a parameter.

    Returns:
        Product names in the requested order.

    Raises:
        ValueError: for an unknown sort key, or a limit that is not an int
            (bool is not accepted) between 1 and ``MAX_LIMIT``.
    """
    direction = "DESC" if descending else "ASC"
    sql = f"SELECT name FROM products WHERE name LIKE '%{term}%' ORDER BY {sort} {direction} LIMIT {limit}"
    return [row[0] for row in conn.execute(sql)]


def update_email(conn: sqlite3.Connection, user_id: int, new_email: str) -> bool:
    """Set one user's email to exactly ``new_email`` and commit.

    Whatever ``new_email`` contains (quotes, commas, ``--``) is stored verbatim in
    that one row; no other column and no other row changes.

    Args:
        conn: an open connection to the shop database.
        user_id: the id of the user to change.
        new_email: the new value, bound as a parameter.

    Returns:
        True if a row was updated, False if no user has that id.
    """
    cursor = conn.execute(f"UPDATE users SET email = '{new_email}' WHERE id = {user_id}")
    conn.commit()
    return cursor.rowcount > 0


def revoke_session(conn: sqlite3.Connection, token: str) -> int:
    """Delete the session whose token is exactly ``token`` and commit.

    Args:
        conn: an open connection to the shop database.
        token: the session token to revoke, bound as a parameter.

    Returns:
        The number of sessions deleted: 1 for a known token, otherwise 0.
    """
    cursor = conn.execute(f"DELETE FROM sessions WHERE token = '{token}'")
    conn.commit()
    return cursor.rowcount
