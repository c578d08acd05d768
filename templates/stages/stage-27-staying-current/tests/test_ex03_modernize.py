"""Tests for ex03: migrating off deprecated APIs, and a scanner for deprecated calls.

Each migrated function is called under ``warnings.catch_warnings(record=True)``
and must not emit DeprecationWarning, PendingDeprecationWarning or
FutureWarning, on any supported Python; the behaviour checks make the
legacy versions fail even on Pythons that do not warn yet.
"""

from __future__ import annotations

import sqlite3
import ssl
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from practice import modernize
from practice.modernize import (
    Deprecation,
    find_setting,
    from_timestamp,
    load_events,
    open_event_log,
    record_event,
    scan_deprecations,
    tls_client_context,
    to_iso,
    utc_now,
)

WARNING_KINDS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)
CEST = timezone(timedelta(hours=2))
CONFIG = """<config>
  <setting name="timeout">30</setting>
  <setting name="greeting">  hello  </setting>
  <setting name="empty"/>
  <setting name="it's">quoted</setting>
</config>"""


def quietly(fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn(*args)`` and fail if it emitted a deprecation-style warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args)
    noisy = [f"{w.category.__name__}: {w.message}" for w in caught if issubclass(w.category, WARNING_KINDS)]
    assert not noisy, f"{fn.__name__}{args!r} emitted deprecation warnings: {noisy}"
    return result


def expect_value_error(fn: Callable[..., Any], *args: Any) -> None:
    try:
        got = fn(*args)
    except ValueError:
        return
    raise AssertionError(f"{fn.__name__}{args!r} should raise ValueError, but returned {got!r}")


def test_utc_now_is_aware_utc() -> None:
    before = time.time()
    got = quietly(utc_now)
    assert got.tzinfo is UTC, f"utc_now() must return an aware datetime with tzinfo=UTC, got {got!r}"
    assert abs(got.timestamp() - before) < 60, f"utc_now() should be the current time, got {got!r}"


@pytest.mark.parametrize(
    ("seconds", "want"),
    [
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        (1_714_564_800, datetime(2024, 5, 1, 12, 0, tzinfo=UTC)),
        (1_714_564_800.25, datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=UTC)),
    ],
)
def test_from_timestamp_is_aware_utc(seconds: float, want: datetime) -> None:
    got = quietly(from_timestamp, seconds)
    assert got == want and got.tzinfo is UTC, f"from_timestamp({seconds}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("moment", "want"),
    [
        (datetime(2024, 5, 1, 12, 0, tzinfo=UTC), "2024-05-01T12:00:00Z"),
        (datetime(2024, 5, 1, 14, 0, tzinfo=CEST), "2024-05-01T12:00:00Z"),
        (datetime(2024, 5, 1, 0, 30, 0, 500, tzinfo=CEST), "2024-04-30T22:30:00.000500Z"),
    ],
)
def test_to_iso_converts_to_utc_with_z(moment: datetime, want: str) -> None:
    got = quietly(to_iso, moment)
    assert got == want, f"to_iso({moment!r}) should be {want!r}, got {got!r}"


def test_to_iso_rejects_naive_datetimes() -> None:
    expect_value_error(to_iso, datetime(2024, 5, 1, 12, 0))


def test_event_log_round_trip_is_aware(tmp_path: Path) -> None:
    conn = quietly(open_event_log, tmp_path / "events.db")
    quietly(record_event, conn, "deploy", datetime(2024, 5, 1, 12, 0, tzinfo=CEST))
    quietly(record_event, conn, "rollback", datetime(2024, 5, 1, 10, 30, tzinfo=UTC))
    quietly(record_event, conn, "backup", datetime(2024, 5, 1, 9, 0, 0, 1, tzinfo=UTC))
    got = quietly(load_events, conn)
    want = [
        ("backup", datetime(2024, 5, 1, 9, 0, 0, 1, tzinfo=UTC)),
        ("deploy", datetime(2024, 5, 1, 10, 0, tzinfo=UTC)),
        ("rollback", datetime(2024, 5, 1, 10, 30, tzinfo=UTC)),
    ]
    assert got == want, f"load_events should return aware UTC datetimes oldest first:\n{want}\ngot\n{got}"
    assert all(at.tzinfo is not None for _, at in got), "every loaded datetime must be aware"
    conn.close()


def test_event_log_stores_explicit_iso_text(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    conn = quietly(open_event_log, path)
    quietly(record_event, conn, "deploy", datetime(2024, 5, 1, 12, 0, tzinfo=CEST))
    conn.close()
    raw = sqlite3.connect(path).execute("SELECT name, at, typeof(at) FROM events").fetchall()
    want = [("deploy", "2024-05-01T10:00:00.000000+00:00", "text")]
    assert raw == want, f"the database should hold explicit ISO 8601 UTC text {want}, got {raw}"


def test_record_event_rejects_naive_datetimes(tmp_path: Path) -> None:
    conn = quietly(open_event_log, tmp_path / "events.db")
    expect_value_error(record_event, conn, "deploy", datetime(2024, 5, 1, 12, 0))
    conn.close()


@pytest.mark.parametrize(("name", "want"), [("timeout", "30"), ("greeting", "hello"), ("empty", "")])
def test_find_setting_returns_leaf_values(name: str, want: str) -> None:
    got = quietly(find_setting, CONFIG, name)
    assert got == want, (
        f"find_setting(CONFIG, {name!r}) should be {want!r}, got {got!r} "
        "(an element without children is falsy: test 'is not None', not truthiness)"
    )


def test_find_setting_missing_and_awkward_names() -> None:
    assert quietly(find_setting, CONFIG, "empty") == "", "a present but empty setting is '' and not None"
    assert quietly(find_setting, CONFIG, "nope") is None, "a missing setting is None"
    got = quietly(find_setting, CONFIG, "it's")
    assert got == "quoted", f"a name containing a quote must work (no XPath string building), got {got!r}"


def test_tls_client_context_verifies_and_needs_tls12() -> None:
    context = quietly(tls_client_context)
    got = (context.protocol, context.verify_mode, context.check_hostname)
    want = (ssl.PROTOCOL_TLS_CLIENT, ssl.CERT_REQUIRED, True)
    assert got == want, f"(protocol, verify_mode, check_hostname) should be {want}, got {got}"
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2, (
        f"minimum_version must be >= TLS 1.2: {context.minimum_version!r}"
    )


LEGACY = """\
import imp
import distutils.core as dc
from asyncore import loop
from datetime import datetime
import logging
import warnings

now = datetime.utcnow()
then = datetime.datetime.utcfromtimestamp(0)
logging.warn("old")
log = logging.getLogger(__name__); log.warn("also old")
warnings.warn("this one is fine", DeprecationWarning)
text = "datetime.utcnow() in a string is not code"  # nor is utcnow in a comment
"""


def test_scan_finds_deprecated_calls_and_imports() -> None:
    got = [(d.line, d.col, d.api) for d in scan_deprecations(LEGACY)]
    want = [
        (1, 0, "imp"),
        (2, 0, "distutils"),
        (3, 0, "asyncore"),
        (8, 6, "utcnow"),
        (9, 7, "utcfromtimestamp"),
        (10, 0, "warn"),
        (11, 35, "warn"),
    ]
    assert got == want, f"scan_deprecations should report (line, col, api)\n {want}\ngot\n {got}"


def test_scan_reports_replacements() -> None:
    got = scan_deprecations("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nctx.options |= ssl.OP_NO_TLSv1\n")
    want = [
        Deprecation(2, 21, "PROTOCOL_TLS", "ssl.create_default_context() (PROTOCOL_TLS_CLIENT)"),
        Deprecation(3, 15, "OP_NO_TLSv1", "SSLContext.minimum_version"),
    ]
    assert got == want, f"scan_deprecations should give {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "source",
    ["", "import importlib\nfrom ssl import create_default_context\n", "warnings.warn('x')\n", "from . import imp\n"],
    ids=["empty", "modern-imports", "warnings-warn", "relative-import-named-imp"],
)
def test_scan_clean_sources(source: str) -> None:
    got = scan_deprecations(source)
    assert got == [], f"nothing deprecated in {source!r}, got {got!r}"


def test_scan_rejects_invalid_python() -> None:
    with pytest.raises(ValueError):
        scan_deprecations("def broken(:\n")


def test_migrated_module_passes_its_own_scanner() -> None:
    source = Path(modernize.__file__).read_text(encoding="utf-8")
    got = scan_deprecations(source)
    assert got == [], f"practice/modernize.py still uses deprecated APIs: {got}"
