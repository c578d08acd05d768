"""Tests for ex01: a JSON log formatter (one object per line)."""

from __future__ import annotations

import io
import json
import logging
import sys
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from practice.json_logging import REDACTED, JsonFormatter, format_timestamp, redact


def make_record(msg: str = "hello", *args: object, level: int = logging.INFO, **extra: Any) -> logging.LogRecord:
    record = logging.LogRecord("shop.orders", level, "orders.py", 42, msg, args or None, None)
    record.created = 1700000000.123456
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def format_one(formatter: logging.Formatter, record: logging.LogRecord) -> dict[str, Any]:
    line = formatter.format(record)
    assert isinstance(line, str), f"format() must return str, got {type(line).__name__}"
    assert "\n" not in line, f"one record must be ONE line of JSON, got {line!r}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"format() did not return valid JSON: {line!r} ({exc})") from exc
    assert isinstance(data, dict), f"each line must be a JSON object, got {data!r}"
    return data


def logger_with_stream(formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logger = logging.getLogger(f"test.json.{uuid.uuid4().hex}")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


@pytest.mark.parametrize(
    ("created", "want"),
    [
        (1700000000.123456, "2023-11-14T22:13:20.123Z"),
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1700000000.9999, "2023-11-14T22:13:20.999Z"),
        (951782400.5, "2000-02-29T00:00:00.500Z"),
    ],
    ids=["typical", "epoch", "truncates-not-rounds", "leap-day"],
)
def test_format_timestamp(created: float, want: str) -> None:
    got = format_timestamp(created)
    assert got == want, f"format_timestamp({created}) should be {want!r}, got {got!r}"


def test_core_fields_come_first_in_order() -> None:
    data = format_one(JsonFormatter(), make_record("order %s paid: %d cents", "A-17", 1250, level=logging.WARNING))
    want = {
        "timestamp": "2023-11-14T22:13:20.123Z",
        "level": "WARNING",
        "logger": "shop.orders",
        "message": "order A-17 paid: 1250 cents",
    }
    assert data == want, f"a record without extras should give exactly {want!r}, got {data!r}"
    assert list(data)[:4] == ["timestamp", "level", "logger", "message"], f"key order wrong: {list(data)!r}"


def test_extra_fields_static_fields_and_conversions() -> None:
    formatter = JsonFormatter(static_fields={"service": "checkout", "version": "1.4.2"})
    record = make_record(
        "paid",
        order_id=42,
        amount=Decimal("12.50"),
        paid_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        tags={"vip", "eu"},
        customer=None,
    )
    data = format_one(formatter, record)
    expected_extras = {
        "service": "checkout",
        "version": "1.4.2",
        "amount": "12.50",
        "customer": None,
        "order_id": 42,
        "paid_at": "2024-01-02T03:04:05+00:00",
        "tags": ["eu", "vip"],
    }
    for key, value in expected_extras.items():
        assert data.get(key) == value, f"field {key!r} should be {value!r}, got {data.get(key)!r}"
    assert list(data)[4:] == list(expected_extras), (
        f"after the core keys come static fields, then extras sorted by name; got {list(data)!r}"
    )


def test_extra_named_like_a_core_key_is_prefixed() -> None:
    data = format_one(JsonFormatter(), make_record("hi", level=logging.ERROR, logger="spoofed", timestamp="never"))
    assert data["level"] == "ERROR", f"an extra called 'level' must not overwrite the real level, got {data['level']!r}"
    assert data["logger"] == "shop.orders", "an extra called 'logger' must not overwrite the logger name"
    assert data.get("extra_logger") == "spoofed", f"the extra should be kept as 'extra_logger', got {data!r}"
    assert data.get("extra_timestamp") == "never", f"the extra should be kept as 'extra_timestamp', got {data!r}"


def test_secrets_are_redacted_at_any_depth() -> None:
    headers = {"Authorization": "Bearer abc.def", "Accept": "application/json"}
    record = make_record(
        "login",
        password="hunter2",
        user="ada",
        request={"headers": headers, "attempts": [{"TOKEN": "t1"}, {"ok": True}]},
    )
    data = format_one(JsonFormatter(), record)
    assert data["password"] == REDACTED, f"top-level 'password' must be redacted, got {data['password']!r}"
    assert data["user"] == "ada", "non-secret fields must be kept"
    assert data["request"]["headers"] == {"Authorization": REDACTED, "Accept": "application/json"}, (
        f"nested secrets (case-insensitive key match) must be redacted, got {data['request']['headers']!r}"
    )
    assert data["request"]["attempts"] == [{"TOKEN": REDACTED}, {"ok": True}], "secrets inside lists too"
    assert headers["Authorization"] == "Bearer abc.def", "redaction must not modify the caller's dict"


def test_custom_redact_keys() -> None:
    data = format_one(JsonFormatter(redact_keys=["ssn"]), make_record("x", ssn="123-45-6789", password="p"))
    assert data["ssn"] == REDACTED, "a key listed in redact_keys must be redacted"
    assert data["password"] == "p", "redact_keys replaces the default list"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ({"password": "x"}, {"password": REDACTED}),
        ({"Secret": {"deep": 1}}, {"Secret": REDACTED}),
        ([{"token": 1}, 2, "token"], [{"token": REDACTED}, 2, "token"]),
        (("a", {"api_key": "k"}), ["a", {"api_key": REDACTED}]),
        ("password", "password"),
        ({}, {}),
    ],
    ids=["flat", "case-insensitive", "list", "tuple-becomes-list", "plain-string", "empty"],
)
def test_redact_function(value: Any, want: Any) -> None:
    keys = frozenset({"password", "token", "secret", "api_key"})
    got = redact(value, keys)
    assert got == want, f"redact({value!r}) should be {want!r}, got {got!r}"


def test_exception_is_structured_and_stays_on_one_line() -> None:
    logger, stream = logger_with_stream(JsonFormatter())

    def charge_card() -> None:
        raise ValueError("card declined: insufficient funds")

    try:
        charge_card()
    except ValueError:
        logger.exception("payment failed", extra={"order_id": 7})
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, f"one log call must produce exactly one line, got {len(lines)}: {lines!r}"
    data = json.loads(lines[0])
    exc = data.get("exception")
    assert isinstance(exc, dict), f"an 'exception' object is required when exc_info is set, got {exc!r}"
    assert exc.get("type") == "ValueError", f"exception.type should be 'ValueError', got {exc.get('type')!r}"
    assert exc.get("message") == "card declined: insufficient funds", f"exception.message wrong: {exc!r}"
    stack = exc.get("stack", "")
    assert "Traceback" in stack and "charge_card" in stack, f"exception.stack should hold the traceback, got {stack!r}"
    assert data["order_id"] == 7 and data["level"] == "ERROR", f"extras and level must still be present: {data!r}"


def test_no_exception_key_without_exc_info_and_exc_info_tuple_works() -> None:
    plain = format_one(JsonFormatter(), make_record("fine"))
    assert "exception" not in plain, f"no exc_info -> no 'exception' key, got {plain!r}"
    try:
        raise KeyError("sku-9")
    except KeyError:
        record = logging.LogRecord("x", logging.ERROR, "f.py", 1, "lookup", None, sys.exc_info())
    data = format_one(JsonFormatter(), record)
    assert data["exception"]["type"] == "KeyError", f"exception.type should be KeyError, got {data['exception']!r}"


def test_unicode_is_written_as_is_and_lines_are_separate() -> None:
    logger, stream = logger_with_stream(JsonFormatter())
    logger.info("hei Bj\u00f8rn \u2615")
    logger.debug("second", extra={"city": "M\u00fcnchen"})
    logger.warning("third")
    raw = stream.getvalue()
    assert "Bj\u00f8rn \u2615" in raw, f"non-ASCII must be written as-is (ensure_ascii=False), got {raw!r}"
    lines = raw.splitlines()
    assert [json.loads(line)["level"] for line in lines] == ["INFO", "DEBUG", "WARNING"], (
        f"three calls must give three JSON lines, got {lines!r}"
    )
    assert json.loads(lines[1])["city"] == "M\u00fcnchen", "unicode extras must round-trip"
