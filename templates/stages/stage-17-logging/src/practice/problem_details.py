"""Map domain exceptions to HTTP responses with RFC 9457 problem details.

Business code should raise meaningful exceptions (``NotFound``,
``Conflict``) and never think about status codes; one error handler at the
edge turns them into consistent JSON responses. Unknown exceptions are bugs:
they become a generic 500 that leaks nothing (no message, no class name, no
stack) but carries an ``error_id`` that support can find in the logs, where
the full traceback is recorded.

TODO: give each subclass its ``status``, ``code`` and ``title`` class attributes
(as its docstring says), implement the ``__init__`` methods and ``to_problem``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://errors.example.com/"
STANDARD_MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})

logger = logging.getLogger("practice.errors")


class AppError(Exception):
    """Base class of every error the API reports on purpose.

    Class attributes (override them in subclasses):
        status: HTTP status code.
        code: short slug; the problem ``type`` is ``TYPE_BASE + code``.
        title: short human summary, the same for every instance of the class.
    """

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal Server Error"

    def __init__(self, detail: str, **extensions: Any) -> None:
        """Create the error.

        Args:
            detail: explanation for THIS occurrence, safe to show the client.
            **extensions: extra JSON members for the problem body
                (e.g. ``errors=[...]``, ``balance=30``).

        Sets ``self.detail`` and ``self.extensions`` (a dict), and passes
        ``detail`` to ``Exception.__init__`` so ``str(error) == detail``.
        """
        raise NotImplementedError("call super().__init__(detail); store self.detail and self.extensions")


class BadRequest(AppError):
    """400, code ``"bad-request"``, title ``"Bad Request"``."""


class ValidationFailed(BadRequest):
    """422, code ``"validation-failed"``, title ``"Validation Failed"``.

    Takes ``errors``: a list of ``{"field": ..., "message": ...}`` dicts,
    reported as the ``errors`` extension member.
    """

    def __init__(self, detail: str, errors: list[dict[str, str]], **extensions: Any) -> None:
        """Create the error with the per-field ``errors`` list."""
        raise NotImplementedError("pass errors on as the 'errors' extension")


class Unauthorized(AppError):
    """401, code ``"unauthorized"``, title ``"Unauthorized"``.

    The response also carries ``WWW-Authenticate: Bearer``.
    """


class Forbidden(AppError):
    """403, code ``"forbidden"``, title ``"Forbidden"``."""


class NotFound(AppError):
    """404, code ``"not-found"``, title ``"Not Found"``."""


class Conflict(AppError):
    """409, code ``"conflict"``, title ``"Conflict"``."""


class RateLimited(AppError):
    """429, code ``"rate-limited"``, title ``"Too Many Requests"``.

    Takes ``retry_after`` (whole seconds, stored as ``self.retry_after``);
    the response carries ``Retry-After: <seconds>``. It is not a body member.
    """

    def __init__(self, detail: str, retry_after: int, **extensions: Any) -> None:
        """Create the error with the number of seconds the client should wait."""
        raise NotImplementedError("store retry_after and call super().__init__")


class UpstreamUnavailable(AppError):
    """503, code ``"upstream-unavailable"``, title ``"Service Unavailable"``."""


@dataclass
class Problem:
    """An HTTP error response: status, headers and a JSON-ready body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)


def to_problem(
    exc: BaseException,
    *,
    instance: str | None = None,
    error_id_factory: Callable[[], str] = lambda: uuid.uuid4().hex,
) -> Problem:
    """Turn any exception into a problem-details response, and log it.

    For an ``AppError`` (any subclass, including ones defined elsewhere):
        * status ``exc.status``; headers ``Content-Type:
          application/problem+json``, plus ``WWW-Authenticate: Bearer`` for
          401 and ``Retry-After: str(exc.retry_after)`` for ``RateLimited``.
        * body members in order: ``type`` (``TYPE_BASE + exc.code``),
          ``title``, ``status``, ``detail``, then ``instance`` if given, then
          the extensions. An extension named like a standard member
          (``type``, ``title``, ``status``, ``detail``, ``instance``) is
          dropped: extensions can never override them.
        * status < 500 is logged on ``logger`` at INFO without traceback;
          status >= 500 at ERROR with the traceback (``exc_info``).

    For any other exception (a bug, or a library error nobody mapped):
        * status 500, same Content-Type, body ``{"type": "about:blank",
          "title": "Internal Server Error", "status": 500, "detail": "An
          unexpected error occurred.", "error_id": <id>}`` plus ``instance``
          (after ``detail``) if given. Nothing from the exception (message,
          class name) appears in the response.
        * ``error_id = error_id_factory()`` is logged at ERROR with
          ``exc_info`` and ``extra={"error_id": ...}`` so the two can be
          matched.

    Every log call passes ``extra={"status": <status>}`` too (plus
    ``error_id`` for unknown errors); the message includes the status.
    """
    raise NotImplementedError("AppError -> its status/body/headers and log; anything else -> generic 500 with error_id")
