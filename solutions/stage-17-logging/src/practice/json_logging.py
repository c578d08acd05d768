"""Structured logging: one JSON object per line, ready for a log pipeline.

Log aggregators (Loki, Elasticsearch, CloudWatch, Datadog) index JSON fields,
so ``level:error AND order_id:42`` becomes a query instead of a grep. This
module writes a ``logging.Formatter`` that turns every ``LogRecord`` into a
single line of JSON, keeps the ``extra={...}`` fields callers attach, records
exceptions in a structured way, and never leaks secrets into the logs.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

CORE_KEYS = ("timestamp", "level", "logger", "message")
"""The keys every JSON line starts with, in this order."""

REDACTED = "[REDACTED]"

DEFAULT_REDACT = ("password", "token", "authorization", "secret", "api_key")

STANDARD_RECORD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}
"""Attributes every LogRecord has; anything else on a record came from ``extra``."""


def format_timestamp(created: float) -> str:
    """Format ``record.created`` (epoch seconds) as UTC ISO 8601 with milliseconds.

    Example:
        >>> format_timestamp(1700000000.123456)
        '2023-11-14T22:13:20.123Z'
    """
    moment = datetime.fromtimestamp(created, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def redact(value: Any, keys: frozenset[str]) -> Any:
    """Return ``value`` with secrets replaced by ``"[REDACTED]"``.

    Every dict key whose lowercase form is in ``keys`` has its value replaced,
    at any depth, inside dicts and lists/tuples (tuples come back as lists).
    Other values are returned unchanged. The input is never modified.
    """
    if isinstance(value, Mapping):
        return {k: REDACTED if str(k).lower() in keys else redact(v, keys) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item, keys) for item in value]
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return str(value)


class JsonFormatter(logging.Formatter):
    """Format each record as one line of JSON."""

    def __init__(
        self,
        *,
        static_fields: Mapping[str, Any] | None = None,
        redact_keys: Iterable[str] = DEFAULT_REDACT,
    ) -> None:
        """Create the formatter.

        Args:
            static_fields: fields added to every line (e.g. ``service``,
                ``version``), after the core keys and before extras.
            redact_keys: field names (case-insensitive) whose values must
                never be logged; applies to extras and static fields, nested
                dicts included.
        """
        super().__init__()
        self._static = dict(static_fields or {})
        self._redact = frozenset(k.lower() for k in redact_keys)

    def format(self, record: logging.LogRecord) -> str:
        """Return one JSON object, with no newline characters, describing ``record``.

        Keys, in this order:
            * ``timestamp``: ``format_timestamp(record.created)``.
            * ``level``: ``record.levelname`` (``"INFO"``).
            * ``logger``: ``record.name``.
            * ``message``: ``record.getMessage()`` (%-style args applied).
            * each static field, then each extra field (attributes on the
              record that are not in ``STANDARD_RECORD_ATTRS`` and do not
              start with ``_``), sorted by name. An extra whose name is a
              core key is written as ``"extra_<name>"`` so it cannot
              overwrite the core key.
            * ``exception`` if ``record.exc_info`` holds an exception:
              ``{"type": "ValueError", "message": str(exc),
              "stack": "<the formatted traceback>"}``.
            * ``stack_info`` if ``record.stack_info`` is set.

        Values pass through ``redact``. Values JSON cannot encode are
        converted: datetimes/dates to ``isoformat()``, sets to sorted lists,
        anything else to ``str(value)``. Non-ASCII text is written as-is
        (``ensure_ascii=False``), not as ``\\u`` escapes.
        """
        payload: dict[str, Any] = {
            "timestamp": format_timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in self._static.items():
            name = f"extra_{key}" if key in CORE_KEYS else key
            payload[name] = value
        extras = {
            key: value
            for key, value in vars(record).items()
            if key not in STANDARD_RECORD_ATTRS and not key.startswith("_")
        }
        for key in sorted(extras):
            name = f"extra_{key}" if key in CORE_KEYS else key
            payload[name] = extras[key]
        payload = {k: v if k in CORE_KEYS else redact(v, self._redact) for k, v in payload.items()}
        for k in list(payload):
            if k not in CORE_KEYS and k.lower() in self._redact:
                payload[k] = REDACTED
        if record.exc_info and record.exc_info[1] is not None:
            exc_type, exc, tb = record.exc_info
            payload["exception"] = {
                "type": exc_type.__name__ if exc_type else type(exc).__name__,
                "message": str(exc),
                "stack": "".join(traceback.format_exception(exc_type, exc, tb)),
            }
        if record.stack_info:
            payload["stack_info"] = record.stack_info
        return json.dumps(payload, ensure_ascii=False, default=_json_default)
