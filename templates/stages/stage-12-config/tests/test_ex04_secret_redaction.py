"""Tests for ex04: a Secret type and a logging filter that masks secrets."""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Iterator
from typing import Any

import pytest
from practice.secret_redaction import (
    REDACTED,
    RedactingFilter,
    Secret,
    is_sensitive_key,
    redact_mapping,
    redact_text,
)


class ListHandler(logging.Handler):
    """Keeps each record and its formatted text."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.lines.append(self.format(record))


def install_filter(handler: logging.Handler) -> None:
    """Attach the filter under test (inside each test, so a starter fails as a test)."""
    handler.addFilter(RedactingFilter(secrets=["hunter2-db-pass", Secret("sk_live_123456")]))


@pytest.fixture
def captured(request: pytest.FixtureRequest) -> Iterator[tuple[logging.Logger, ListHandler]]:
    logger = logging.getLogger(f"stage12.{request.node.name}")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    handler = ListHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logger.addHandler(handler)
    yield logger, handler
    logger.removeHandler(handler)


@pytest.mark.parametrize("value", ["hunter2", b"raw-bytes-key", 424242, ["a", "list"]])
def test_secret_hides_its_value(value: Any) -> None:
    secret = Secret(value)
    shown = [
        repr(secret),
        str(secret),
        f"{secret}",
        f"{secret:>20}",
        format(secret, "<15"),
        str([secret]),
        str({"k": secret}),
    ]
    for text in shown:
        assert str(value) not in text and repr(value) not in text, f"the value leaked in {text!r}"
    assert repr(secret) == "Secret('[REDACTED]')", f"repr should be Secret('[REDACTED]'), got {repr(secret)!r}"
    assert str(secret) == REDACTED, f"str should be {REDACTED!r}, got {str(secret)!r}"
    assert f"{secret:>12}" == f"{REDACTED:>12}", "a format spec should apply to the mask"
    assert secret.reveal() == value, f"reveal() should return the wrapped value {value!r}"


def test_secret_equality_hashing_and_truthiness() -> None:
    assert Secret("abc") == Secret("abc"), "two Secrets with the same value should be equal"
    assert Secret(b"abc") == Secret(b"abc"), "bytes Secrets compare by value too"
    assert Secret("abc") != Secret("abd"), "different values should not be equal"
    assert Secret("abc") != "abc", "a Secret should never equal a plain value"
    assert Secret(5) == Secret(5), "non-string values compare with =="
    with pytest.raises(TypeError):
        hash(Secret("abc"))
    assert bool(Secret("x")) is True and bool(Secret("")) is False, "bool(Secret) should follow the value"


def test_secret_refuses_serialization() -> None:
    secret = Secret("hunter2")
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        json.dumps({"password": secret})
    assert secret.reveal() == "hunter2", "reveal() is the only way to get the value"


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("password", True),
        ("DB_PASSWORD", True),
        ("X-Api-Key", True),
        ("apikey", True),
        ("csrf_token", True),
        ("Authorization", True),
        ("Set-Cookie", True),
        ("session_id", True),
        ("client_secret", True),
        ("PRIVATE-KEY", True),
        ("user", False),
        ("port", False),
        ("author", False),
        ("keyboard", False),
        ("", False),
    ],
)
def test_is_sensitive_key(name: str, want: bool) -> None:
    got = is_sensitive_key(name)
    assert got is want, f"is_sensitive_key({name!r}) should be {want}, got {got!r}"


def test_redact_mapping_is_deep_and_does_not_mutate() -> None:
    data = {
        "user": "ada",
        "password": "hunter2",
        "db": {"host": "db", "Password": "pw", "options": {"api_key": "k"}},
        "tokens": ["t1", "t2"],
        "history": [{"secret": "s"}, {"note": "fine"}],
        "pair": ("x", Secret("y")),
        "wrapped": Secret("z"),
        "credentials": {"nested": "gone"},
        7: "int key kept",
    }
    original = json.dumps(data, default=repr, sort_keys=False)
    got = redact_mapping(data)
    want = {
        "user": "ada",
        "password": REDACTED,
        "db": {"host": "db", "Password": REDACTED, "options": {"api_key": REDACTED}},
        "tokens": REDACTED,
        "history": [{"secret": REDACTED}, {"note": "fine"}],
        "pair": ("x", REDACTED),
        "wrapped": REDACTED,
        "credentials": REDACTED,
        7: "int key kept",
    }
    assert got == want, f"redact_mapping result:\n want {want!r}\n got  {got!r}"
    assert json.dumps(data, default=repr, sort_keys=False) == original, "redact_mapping must not modify its input"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("connecting to postgres://app:hunter2@db:5432/shop", "connecting to postgres://app:[REDACTED]@db:5432/shop"),
        ("redis://:pw123@cache:6379/0", "redis://:[REDACTED]@cache:6379/0"),
        ("login failed password=hunter2 user=ada", "login failed password=[REDACTED] user=ada"),
        ('{"password": "hunter2", "user": "ada"}', '{"password": "[REDACTED]", "user": "ada"}'),
        ("Authorization: Bearer eyJhbGci.eyJzdWIi.sig", "Authorization: Bearer [REDACTED]"),
        ("GET /cb?code=1&access_token=xyz&state=2", "GET /cb?code=1&access_token=[REDACTED]&state=2"),
        ("header X-Api-Key: K-123, next", "header X-Api-Key: [REDACTED], next"),
        ("DB_PASSWORD='p@ss w0rd' loaded", "DB_PASSWORD='[REDACTED]' loaded"),
        ("called with bearer abc.def-ghi", "called with bearer [REDACTED]"),
        ("Cookie: session=abc123; theme=dark", "Cookie: [REDACTED]; theme=dark"),
        ("user=ada port=8080 path=/caf\u00e9", "user=ada port=8080 path=/caf\u00e9"),
        ("", ""),
        ("http://example.com/a@b", "http://example.com/a@b"),
    ],
)
def test_redact_text(text: str, want: str) -> None:
    got = redact_text(text)
    assert got == want, f"redact_text({text!r})\n want {want!r}\n got  {got!r}"


def test_filter_masks_formatted_messages(captured: tuple[logging.Logger, ListHandler]) -> None:
    logger, handler = captured
    install_filter(handler)
    logger.info("user %s logged in with password=%s", "ada", "hunter2")
    logger.warning("db url is %s", "postgres://app:hunter2-db-pass@db/shop")
    logger.info("charging with key sk_live_123456 for order %d", 42)
    assert handler.lines == [
        "INFO stage12.test_filter_masks_formatted_messages user ada logged in with password=[REDACTED]",
        "WARNING stage12.test_filter_masks_formatted_messages db url is postgres://app:[REDACTED]@db/shop",
        "INFO stage12.test_filter_masks_formatted_messages charging with key [REDACTED] for order 42",
    ], f"the handler should write masked lines, got {handler.lines!r}"


def test_filter_masks_dict_arguments(captured: tuple[logging.Logger, ListHandler]) -> None:
    logger, handler = captured
    install_filter(handler)
    logger.info("login %(user)s / %(password)s", {"user": "ada", "password": "hunter2"})
    logger.info("request form: %s", {"email": "ada@example.com", "api_key": "k-999"})
    assert "hunter2" not in handler.lines[0] and "login ada / [REDACTED]" in handler.lines[0], (
        f"a mapping argument's sensitive values should be masked before formatting, got {handler.lines[0]!r}"
    )
    assert "k-999" not in handler.lines[1] and "ada@example.com" in handler.lines[1], (
        f"a dict inside the args tuple should be redacted, other values kept, got {handler.lines[1]!r}"
    )


def test_filter_masks_extra_fields_and_secret_args(captured: tuple[logging.Logger, ListHandler]) -> None:
    logger, handler = captured
    install_filter(handler)
    logger.info("token refreshed", extra={"access_token": "abc", "user_id": 7})
    logger.info("using %s", Secret("plain-value"))
    record = handler.records[0]
    assert record.access_token == REDACTED, f"extra field access_token should be masked, got {record.access_token!r}"
    assert record.user_id == 7, "non-sensitive extra fields are kept"
    assert handler.lines[1].endswith("using [REDACTED]"), f"a Secret argument prints masked, got {handler.lines[1]!r}"


def test_filter_masks_exception_text(captured: tuple[logging.Logger, ListHandler]) -> None:
    logger, handler = captured
    install_filter(handler)
    try:
        raise ConnectionError("cannot connect to postgres://app:hunter2@db/shop")
    except ConnectionError:
        logger.exception("startup failed")
    output = handler.lines[0]
    assert "hunter2" not in output, f"the traceback text should be masked too, got:\n{output}"
    assert "ConnectionError" in output and "postgres://app:[REDACTED]@db/shop" in output, (
        f"the traceback should still be there, only masked, got:\n{output}"
    )


def test_filter_never_drops_records_and_keeps_clean_text() -> None:
    flt = RedactingFilter(secrets=["", "abcd"])
    record = logging.makeLogRecord({"msg": "port=%d mode=%s", "args": (8080, "fast"), "levelno": logging.INFO})
    kept = flt.filter(record)
    assert kept is True, "filter() should return True: redact, never drop"
    assert record.getMessage() == "port=8080 mode=fast", f"clean text should be unchanged, got {record.getMessage()!r}"
    got = flt.redact("token abcd and abcdabcd")
    assert got == "token [REDACTED] and [REDACTED][REDACTED]", f"registered values are masked everywhere, got {got!r}"
