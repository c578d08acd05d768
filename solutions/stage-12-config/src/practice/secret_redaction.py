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

import hmac
import logging
import re
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

_WORDS = "|".join(re.escape(word).replace("_", "[_-]?") for word in SENSITIVE_WORDS)
_KEY_VALUE = re.compile(
    r"""(?P<key>(?P<kq>["']?)[\w-]*(?:""" + _WORDS + r""")[\w-]*(?P=kq))"""
    r"""(?P<sep>\s*[:=]\s*)"""
    r"""(?:(?P<q>["'])(?P<qv>.*?)(?P=q)|(?P<scheme>(?:Bearer|Basic|Token|Digest)\s+)?(?P<v>[^\s&,;"']+))""",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"\b(?P<scheme>Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]*:)[^\s@/]+(?P<at>@)")
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({})))


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
        self._value = value

    def reveal(self) -> T:
        """Return the wrapped value. Call this only where the value is used."""
        return self._value

    def __repr__(self) -> str:
        """Return ``"Secret('[REDACTED]')"``, whatever the value."""
        return f"Secret({REDACTED!r})"

    def __str__(self) -> str:
        """Return :data:`REDACTED`."""
        return REDACTED

    def __format__(self, format_spec: str) -> str:
        """Format the mask, not the value: ``f"{s:>12}"`` is ``f"{REDACTED:>12}"``."""
        return format(REDACTED, format_spec)

    def __eq__(self, other: object) -> bool:
        """Compare with another Secret by value; return NotImplemented for anything else.

        ``str``/``bytes`` pairs use ``hmac.compare_digest`` (``str`` encoded as
        UTF-8); other values use ``==``.
        """
        if not isinstance(other, Secret):
            return NotImplemented
        mine, theirs = self._value, other._value
        if isinstance(mine, str) and isinstance(theirs, str):
            return hmac.compare_digest(mine.encode("utf-8"), theirs.encode("utf-8"))
        if isinstance(mine, bytes) and isinstance(theirs, bytes):
            return hmac.compare_digest(mine, theirs)
        return bool(mine == theirs)

    def __bool__(self) -> bool:
        """Return ``bool`` of the wrapped value."""
        return bool(self._value)

    def __reduce__(self) -> NoReturn:
        """Refuse pickling (and ``copy``) with TypeError."""
        raise TypeError("Secret values cannot be pickled")


def is_sensitive_key(name: str) -> bool:
    """Return True if a key name looks like it holds a secret.

    The name is lower-cased and ``-`` becomes ``_``; it is sensitive when it
    contains any of :data:`SENSITIVE_WORDS` (``"DB_PASSWORD"``,
    ``"X-Api-Key"``, ``"csrf_token"``, ``"Set-Cookie"`` yes; ``"user"``,
    ``"port"`` no).
    """
    normalized = name.lower().replace("-", "_")
    return any(word in normalized for word in SENSITIVE_WORDS)


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
    return {
        key: REDACTED if isinstance(key, str) and is_sensitive_key(key) else _redact_value(value)
        for key, value in data.items()
    }


def _redact_value(value: Any) -> Any:
    if isinstance(value, Secret):
        return REDACTED
    if isinstance(value, Mapping):
        return redact_mapping(value)
    if isinstance(value, tuple):
        return tuple(_redact_value(item) for item in value)
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    return value


def _mask_pair(match: re.Match[str]) -> str:
    if match.group("q") is not None:
        value = f"{match.group('q')}{REDACTED}{match.group('q')}"
    else:
        value = f"{match.group('scheme') or ''}{REDACTED}"
    return f"{match.group('key')}{match.group('sep')}{value}"


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
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}{REDACTED}{m.group('at')}", text)
    text = _KEY_VALUE.sub(_mask_pair, text)
    return _SCHEME.sub(lambda m: f"{m.group('scheme')} {REDACTED}", text)


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
        super().__init__(name)
        values = (s.reveal() if isinstance(s, Secret) else s for s in secrets)
        self._secrets = sorted({v for v in values if v}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """Return ``text`` with registered secret values and :func:`redact_text` applied.

        Registered values are replaced first, longest first, by :data:`REDACTED`.
        """
        for value in self._secrets:
            text = text.replace(value, REDACTED)
        return redact_text(text)

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
        if isinstance(record.args, Mapping):
            record.args = redact_mapping(record.args)
        elif isinstance(record.args, tuple):
            record.args = tuple(redact_mapping(arg) if isinstance(arg, Mapping) else arg for arg in record.args)
        record.msg = self.redact(record.getMessage())
        record.args = ()
        for attribute in list(vars(record)):
            if attribute not in _STANDARD_ATTRIBUTES and is_sensitive_key(attribute):
                setattr(record, attribute, REDACTED)
        if record.exc_info:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True
