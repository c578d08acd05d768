"""Request context for logs: a request id that shows up in every record.

When a request fails you want every log line it produced, across modules,
and nothing from the hundred other requests served at the same time. The
trick is a ``contextvars.ContextVar``: each thread and each asyncio task sees
its own value, so a ``logging.Filter`` can copy "the current request's
fields" onto every record without passing them through every function call.

TODO: implement the functions and methods that raise ``NotImplementedError``.
The context variable ``_context`` is given.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

_EMPTY: Mapping[str, Any] = MappingProxyType({})
_context: ContextVar[Mapping[str, Any]] = ContextVar("log_context", default=_EMPTY)

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def current_context() -> dict[str, Any]:
    """Return a copy of the fields bound in the current context ({} if none)."""
    raise NotImplementedError("return a dict copy of _context.get()")


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Bind ``fields`` for the duration of the ``with`` block.

    Nested blocks merge: inner fields are added to the outer ones, and an
    inner field with the same name overrides the outer value until the inner
    block ends. On exit (normal or by exception) the previous context is
    restored exactly. Each thread and asyncio task has its own context:
    binding in one never shows up in another.

    Example:
        >>> with log_context(request_id="r1"):
        ...     with log_context(user="ada"):
        ...         current_context()
        {'request_id': 'r1', 'user': 'ada'}
    """
    raise NotImplementedError(
        "merge fields into the current mapping, _context.set(...), yield, then _context.reset(token)"
    )


def request_id_from_headers(
    headers: Mapping[str, str],
    *,
    id_factory: Callable[[], str] = lambda: uuid.uuid4().hex,
) -> str:
    """Pick the request id for an incoming request.

    Reuse the caller's ``X-Request-ID`` (header name case-insensitive) when it
    is 1 to 64 characters of ``A-Z a-z 0-9 . _ -``, so one id follows the
    request across services. Anything else (missing, empty, too long, spaces,
    newlines that could forge log lines, non-ASCII) is untrusted: return
    ``id_factory()`` instead.
    """
    raise NotImplementedError("find X-Request-ID case-insensitively; validate with _VALID_REQUEST_ID.fullmatch")


class ContextFilter(logging.Filter):
    """Copy the current context's fields onto every record that passes.

    Attach it to a HANDLER (``handler.addFilter(ContextFilter())``): handler
    filters see records from every logger that propagates to the handler,
    while logger filters only see records logged on that exact logger.
    """

    def __init__(self, defaults: Mapping[str, Any] | None = None) -> None:
        """Create the filter.

        Args:
            defaults: fields to set when the context does not provide them
                (for example ``{"request_id": "-"}`` so the field always
                exists for log queries).
        """
        raise NotImplementedError("call super().__init__() and keep the defaults")

    def filter(self, record: logging.LogRecord) -> bool:
        """Add context fields (then defaults) to ``record``; always return True.

        A field already present on the record (for example passed with
        ``extra=``) is never overwritten.
        """
        raise NotImplementedError("setattr context fields then defaults unless the record already has them")
