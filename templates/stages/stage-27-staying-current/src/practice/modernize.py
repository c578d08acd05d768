"""Migrate working code off deprecated APIs, and build a scanner that finds them.

Every Python release deprecates something; the warnings are easy to ignore
until the release that removes the API breaks production. The functions in
the first half of this module are real-world legacy code: they run, but
they use deprecated APIs (some warn only on newer Pythons), and several of
them are subtly wrong because of it (naive datetimes that look like UTC but
are not marked as such, a TLS client that verifies nothing, an XML lookup
that treats a found element as missing). Rewrite each one with the modern
API so that:

* it emits no DeprecationWarning, PendingDeprecationWarning or FutureWarning
  (the tests run it under ``warnings.catch_warnings(record=True)``), and
* it behaves as its docstring says. The docstrings describe the NEW
  contract; the current bodies do not meet it yet.

The second half is a tool: ``scan_deprecations`` finds deprecated calls in
source code with the ``ast`` module, like a tiny ruff/pyupgrade rule, so
you can fix a whole codebase instead of one warning at a time. Your
finished module must pass its own scanner.

TODO: migrate ``utc_now``, ``from_timestamp``, ``to_iso``,
``open_event_log``, ``record_event``, ``load_events``, ``find_setting`` and
``tls_client_context``; implement ``scan_deprecations``.
"""

from __future__ import annotations

import sqlite3
import ssl
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Attribute name -> what to use instead. ``warn`` is deprecated on loggers
# and the logging module, but ``warnings.warn`` is fine: see scan_deprecations.
DEPRECATED_ATTRIBUTES: dict[str, str] = {
    "utcnow": "datetime.now(UTC)",
    "utcfromtimestamp": "datetime.fromtimestamp(ts, UTC)",
    "PROTOCOL_TLS": "ssl.create_default_context() (PROTOCOL_TLS_CLIENT)",
    "PROTOCOL_SSLv23": "ssl.create_default_context() (PROTOCOL_TLS_CLIENT)",
    "OP_NO_SSLv2": "SSLContext.minimum_version",
    "OP_NO_SSLv3": "SSLContext.minimum_version",
    "OP_NO_TLSv1": "SSLContext.minimum_version",
    "OP_NO_TLSv1_1": "SSLContext.minimum_version",
    "getdefaultlocale": "locale.getlocale()",
    "assertEquals": "assertEqual",
    "assertNotEquals": "assertNotEqual",
    "assertRegexpMatches": "assertRegex",
    "warn": "warning",
}
# Top-level module name -> replacement, for modules deprecated or removed from the standard library.
DEPRECATED_MODULES: dict[str, str] = {
    "imp": "importlib",
    "asyncore": "asyncio",
    "asynchat": "asyncio",
    "distutils": "setuptools or sysconfig",
    "cgi": "email.message and urllib.parse",
}


def utc_now() -> datetime:
    """The current time as an AWARE datetime in UTC (``tzinfo`` is ``datetime.UTC``)."""
    return datetime.utcnow()


def from_timestamp(seconds: float) -> datetime:
    """Convert Unix seconds to an AWARE UTC datetime (``0`` -> 1970-01-01 00:00 UTC)."""
    return datetime.utcfromtimestamp(seconds)


def to_iso(moment: datetime) -> str:
    """Format an aware datetime as ISO 8601 in UTC with a ``Z`` suffix.

    Other offsets are converted: 14:00+02:00 -> ``"...T12:00:00Z"``.
    Microseconds appear only when non-zero (``datetime.isoformat`` does that).

    Raises:
        ValueError: for a naive datetime (it could be any timezone).
    """
    return moment.isoformat() + "Z"


def open_event_log(path: str | Path) -> sqlite3.Connection:
    """Open (and create if needed) the events database.

    The table is ``events(name TEXT NOT NULL, at TEXT NOT NULL)``: the time
    is stored as explicit ISO 8601 text, NOT through sqlite3's implicit
    datetime adapters and converters (deprecated in Python 3.12), so the
    file means the same thing to every reader and every Python version.
    """
    conn = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES)
    conn.execute("CREATE TABLE IF NOT EXISTS events (name TEXT NOT NULL, at TIMESTAMP NOT NULL)")
    return conn


def record_event(conn: sqlite3.Connection, name: str, when: datetime) -> None:
    """Store an event and commit.

    ``at`` is ``when.astimezone(UTC).isoformat(timespec="microseconds")``,
    for example ``"2024-05-01T10:00:00.000000+00:00"``: fixed width, so the
    text sorts in time order.

    Raises:
        ValueError: for a naive ``when``.
    """
    conn.execute("INSERT INTO events (name, at) VALUES (?, ?)", (name, datetime.utcfromtimestamp(when.timestamp())))
    conn.commit()


def load_events(conn: sqlite3.Connection) -> list[tuple[str, datetime]]:
    """All events, oldest first (ties in insertion order), with AWARE UTC datetimes."""
    return [(name, at) for name, at in conn.execute("SELECT name, at FROM events ORDER BY at, rowid")]


def find_setting(xml_text: str, name: str) -> str | None:
    """The stripped text of ``<setting name="...">`` in a config document, or None.

    Example document::

        <config>
          <setting name="timeout">30</setting>
          <setting name="greeting">  hello  </setting>
          <setting name="empty"/>
        </config>

    ``"timeout"`` -> ``"30"``, ``"greeting"`` -> ``"hello"``, ``"empty"`` ->
    ``""`` (present but empty is not the same as missing), ``"nope"`` ->
    None. Compare the ``name`` attribute in Python rather than building an
    XPath string from ``name`` (quotes in it would break the query).
    """
    root = ET.fromstring(xml_text)
    node = root.find(f"setting[@name='{name}']")
    if node:
        return (node.text or "").strip()
    return None


def tls_client_context() -> ssl.SSLContext:
    """A TLS context for outgoing HTTPS calls.

    It must verify certificates (``verify_mode == CERT_REQUIRED``) and host
    names (``check_hostname``), use the client protocol
    (``PROTOCOL_TLS_CLIENT``) and refuse anything older than TLS 1.2
    (``minimum_version``), without the deprecated ``OP_NO_*`` flags.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS)
    context.options |= ssl.OP_NO_SSLv2 | ssl.OP_NO_SSLv3 | ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1
    return context


@dataclass(frozen=True, slots=True)
class Deprecation:
    """One use of a deprecated API found in source code."""

    line: int
    col: int
    api: str
    replacement: str


def scan_deprecations(source: str) -> list[Deprecation]:
    """Find deprecated APIs in Python source with ``ast`` (no regexes, no imports of the code).

    Report:

    * every attribute access ``x.<attr>`` whose attribute is a key of
      ``DEPRECATED_ATTRIBUTES`` (``ast.Attribute`` nodes; position of that
      node), EXCEPT ``warnings.warn`` (an attribute ``warn`` on the plain
      name ``warnings``), which is not deprecated;
    * every ``import m`` / ``import m.sub`` / ``from m.sub import x`` whose
      top-level module is a key of ``DEPRECATED_MODULES`` (position of the
      import statement). ``api`` is the top-level module name.

    Names in strings and comments are not code and are not reported.

    Returns:
        ``Deprecation(line, col, api, replacement)`` items sorted by
        ``(line, col)``, where ``line`` is 1-based and ``col`` 0-based as in
        ``ast``.

    Raises:
        ValueError: if ``source`` is not valid Python (chain the SyntaxError).
    """
    raise NotImplementedError("ast.parse, ast.walk, match Attribute/Import/ImportFrom nodes, sort")
