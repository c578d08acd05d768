"""Migrate working code off deprecated APIs, and build a scanner that finds them."""

from __future__ import annotations

import ast
import sqlite3
import ssl
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

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
DEPRECATED_MODULES: dict[str, str] = {
    "imp": "importlib",
    "asyncore": "asyncio",
    "asynchat": "asyncio",
    "distutils": "setuptools or sysconfig",
    "cgi": "email.message and urllib.parse",
}


def utc_now() -> datetime:
    """The current time as an aware datetime in UTC."""
    return datetime.now(UTC)


def from_timestamp(seconds: float) -> datetime:
    """Convert Unix seconds to an aware UTC datetime."""
    return datetime.fromtimestamp(seconds, UTC)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: attach a timezone first")


def to_iso(moment: datetime) -> str:
    """Format an aware datetime as ISO 8601 in UTC with a ``Z`` suffix."""
    _require_aware(moment)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def open_event_log(path: str | Path) -> sqlite3.Connection:
    """Open (and create if needed) the events database with explicit ISO text timestamps."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS events (name TEXT NOT NULL, at TEXT NOT NULL)")
    return conn


def record_event(conn: sqlite3.Connection, name: str, when: datetime) -> None:
    """Store an event and commit."""
    _require_aware(when)
    stamp = when.astimezone(UTC).isoformat(timespec="microseconds")
    conn.execute("INSERT INTO events (name, at) VALUES (?, ?)", (name, stamp))
    conn.commit()


def load_events(conn: sqlite3.Connection) -> list[tuple[str, datetime]]:
    """All events, oldest first, with aware UTC datetimes."""
    rows = conn.execute("SELECT name, at FROM events ORDER BY at, rowid")
    return [(name, datetime.fromisoformat(at).astimezone(UTC)) for name, at in rows]


def find_setting(xml_text: str, name: str) -> str | None:
    """The stripped text of ``<setting name="...">``, ``""`` when empty, None when missing."""
    root = ET.fromstring(xml_text)
    for node in root.iter("setting"):
        if node.get("name") == name:
            return (node.text or "").strip()
    return None


def tls_client_context() -> ssl.SSLContext:
    """A verifying TLS client context that refuses anything older than TLS 1.2."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


@dataclass(frozen=True, slots=True)
class Deprecation:
    """One use of a deprecated API found in source code."""

    line: int
    col: int
    api: str
    replacement: str


def scan_deprecations(source: str) -> list[Deprecation]:
    """Find deprecated attributes and modules in Python source."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ValueError(f"cannot parse source: {exc}") from exc
    found: list[Deprecation] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in DEPRECATED_ATTRIBUTES:
            if node.attr == "warn" and isinstance(node.value, ast.Name) and node.value.id == "warnings":
                continue
            found.append(Deprecation(node.lineno, node.col_offset, node.attr, DEPRECATED_ATTRIBUTES[node.attr]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in DEPRECATED_MODULES:
                    found.append(Deprecation(node.lineno, node.col_offset, top, DEPRECATED_MODULES[top]))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top in DEPRECATED_MODULES:
                found.append(Deprecation(node.lineno, node.col_offset, top, DEPRECATED_MODULES[top]))
    return sorted(found, key=lambda d: (d.line, d.col))
