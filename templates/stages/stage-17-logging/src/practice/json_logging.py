"""Structured logging: one JSON object per line, ready for a log pipeline.

Log aggregators (Loki, Elasticsearch, CloudWatch, Datadog) index JSON fields,
so ``level:error AND order_id:42`` becomes a query instead of a grep. This
module writes a ``logging.Formatter`` that turns every ``LogRecord`` into a
single line of JSON, keeps the ``extra={...}`` fields callers attach, records
exceptions in a structured way, and never leaks secrets into the logs.

TODO: implement the functions and methods that raise ``NotImplementedError``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
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
    raise NotImplementedError("datetime.fromtimestamp(created, tz=UTC).isoformat(timespec='milliseconds'), with Z")


def redact(value: Any, keys: frozenset[str]) -> Any:
    """Return ``value`` with secrets replaced by ``"[REDACTED]"``.

    Every dict key whose lowercase form is in ``keys`` has its value replaced,
    at any depth, inside dicts and lists/tuples (tuples come back as lists).
    Other values are returned unchanged. The input is never modified.
    """
    raise NotImplementedError("recurse into mappings and lists; replace values of secret keys")


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
        raise NotImplementedError("call super().__init__(), keep static fields and a lowercase frozenset of keys")

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
        raise NotImplementedError("build the dict in key order, redact, add exception info, json.dumps one line")
