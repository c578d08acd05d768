"""Keep secrets out of logs, reprs and error messages.

Secrets leak in boring ways: a settings object printed in a traceback, a
debug log of request headers, a database URL with the password in it, a dict
of form fields. Two defences work together here. A :class:`Secret` wrapper
makes accidental printing harmless (``repr``, ``str`` and f-strings show
:data:`REDACTED`; you must call ``reveal()`` on purpose). A
:class:`RedactingFilter` on the log handlers masks what slipped through:
``key=value`` pairs with sensitive keys, bearer tokens, passwords in URLs,
sensitive keys in dict arguments and ``extra`` fields, and any registered
secret value.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")

REDACTED = "[REDACTED]"
"""What a hidden value looks like."""

SENSITIVE_WORDS = (
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "authorization",
    "cookie",
    "session",
    "private_key",
    "credential",
)
"""A key is sensitive when its normalized name contains one of these."""


class Secret(Generic[T]):
    """A value that does not show itself by accident.

    * ``repr(s)`` is ``"Secret('[REDACTED]')"``; ``str(s)`` and ``f"{s}"``
      (with any format spec, applied to the mask) give ``"[REDACTED]"``.
    * ``s.reveal()`` returns the value: the one deliberate way out.
    * ``==`` compares two Secrets by value (``hmac.compare_digest`` when both
      values are ``str`` or ``bytes``); a Secret never equals a plain value.
    * Instances are unhashable (``__hash__ = None``), so they cannot be dict
      keys or set members whose hashing could expose the value's hash.
    * ``bool(s)`` is ``bool(s.reveal())``: "is a key configured?" is allowed.
    * Pickling raises TypeError (a secret must not end up in a cache or file).
    """

    __slots__ = ("_value",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: T) -> None:
        """Wrap ``value`` (kept in the ``_value`` slot)."""
        raise NotImplementedError("store the value in self._value")

    def reveal(self) -> T:
        """Return the wrapped value. Call this only where the value is used."""
        raise NotImplementedError("return the stored value")

    def __repr__(self) -> str:
        """Return ``"Secret('[REDACTED]')"``, whatever the value."""
        raise NotImplementedError("return \"Secret('[REDACTED]')\" built from REDACTED")

    def __str__(self) -> str:
        """Return :data:`REDACTED`."""
        raise NotImplementedError("return REDACTED")

    def __format__(self, format_spec: str) -> str:
        """Format the mask, not the value: ``f"{s:>12}"`` is ``f"{REDACTED:>12}"``."""
        raise NotImplementedError("apply format_spec to REDACTED, not to the value")

    def __eq__(self, other: object) -> bool:
        """Compare with another Secret by value; return NotImplemented for anything else.

        ``str``/``bytes`` pairs use ``hmac.compare_digest`` (``str`` encoded as
        UTF-8); other values use ``==``.
        """
        raise NotImplementedError(
            "return NotImplemented for non-Secrets; compare str/bytes values with hmac.compare_digest, others with =="
        )

    def __bool__(self) -> bool:
        """Return ``bool`` of the wrapped value."""
        raise NotImplementedError("return bool of the stored value")

    def __reduce__(self) -> NoReturn:
        """Refuse pickling (and ``copy``) with TypeError."""
        raise NotImplementedError("raise TypeError so that pickle refuses to serialize a secret")


def is_sensitive_key(name: str) -> bool:
    """Return True if a key name looks like it holds a secret.

    The name is lower-cased and ``-`` becomes ``_``; it is sensitive when it
    contains any of :data:`SENSITIVE_WORDS` (``"DB_PASSWORD"``,
    ``"X-Api-Key"``, ``"csrf_token"``, ``"Set-Cookie"`` yes; ``"user"``,
    ``"port"`` no).
    """
    raise NotImplementedError("lower-case, replace '-' with '_', and look for any of SENSITIVE_WORDS inside the name")


def redact_mapping(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of ``data`` with sensitive values replaced by :data:`REDACTED`.

    * A key for which :func:`is_sensitive_key` is True gets :data:`REDACTED`,
      whatever its value (even a nested dict).
    * Other values: nested mappings are redacted recursively; lists and
      tuples become a new list / tuple with each item redacted the same way;
      a :class:`Secret` becomes :data:`REDACTED`; anything else is kept.
    * Non-string keys are kept and never count as sensitive.
    * ``data`` itself is not modified.
    """
    raise NotImplementedError(
        "build a new dict: REDACTED for sensitive string keys, recurse into mappings/lists/tuples, "
        "REDACTED for Secret values"
    )


def redact_text(text: str) -> str:
    """Mask secrets inside free text, such as a formatted log message.

    Applied in this order:

    1. A password in a URL: ``postgres://app:hunter2@db/x`` ->
       ``postgres://app:[REDACTED]@db/x`` (the user name stays).
    2. ``key=value`` or ``key: value`` where the key is sensitive (see
       :func:`is_sensitive_key`; the key may be quoted as in JSON): the value
       is replaced, keeping its quotes. An unquoted value ends at whitespace or
       one of ``& , ; " '``; a quoted one at the matching quote. A scheme in
       front of the value is kept: ``Authorization: Bearer abc`` ->
       ``Authorization: Bearer [REDACTED]``.
    3. Any remaining ``Bearer <token>``, ``Basic <token>`` or
       ``Token <token>`` -> ``Bearer [REDACTED]`` (scheme kept as written).

    Text without secrets comes back unchanged.
    """
    raise NotImplementedError(
        "apply three regular-expression substitutions in order: URL passwords, sensitive key=value / key: "
        "value pairs, then Bearer/Basic/Token credentials"
    )


class RedactingFilter(logging.Filter):
    """A logging filter that masks secrets; attach it to HANDLERS.

    (A filter on a logger does not see records from its child loggers; a
    filter on a handler sees every record the handler writes.)

    Args:
        secrets: Exact values to mask wherever they appear in a message (for
            instance the database password read at start-up). ``Secret``
            objects are revealed for this purpose. Empty values are ignored.
        name: Passed to :class:`logging.Filter`.
    """

    def __init__(self, secrets: Iterable[str | Secret[str]] = (), name: str = "") -> None:
        raise NotImplementedError(
            "call super().__init__(name) and keep the non-empty secret values (revealing Secret objects), longest first"
        )

    def redact(self, text: str) -> str:
        """Return ``text`` with registered secret values and :func:`redact_text` applied.

        Registered values are replaced first, longest first, by :data:`REDACTED`.
        """
        raise NotImplementedError("replace each registered secret value with REDACTED, then apply redact_text")

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record in place and return True (records are never dropped).

        1. If ``record.args`` is a mapping, or a tuple containing mappings,
           those mappings go through :func:`redact_mapping` first.
        2. The message is formatted with ``record.getMessage()`` and passed
           through :meth:`redact`; the result becomes ``record.msg`` and
           ``record.args`` becomes ``()``.
        3. Any non-standard record attribute (an ``extra=`` field) whose name
           :func:`is_sensitive_key` flags is set to :data:`REDACTED`.
        4. If ``record.exc_info`` is set, the traceback is formatted with
           ``logging.Formatter().formatException``, redacted, and stored in
           ``record.exc_text`` (formatters reuse it).
        """
        raise NotImplementedError(
            "redact mapping args, format with record.getMessage(), store the redacted text in record.msg "
            "with empty args, mask sensitive extra attributes and the exception text; return True"
        )
