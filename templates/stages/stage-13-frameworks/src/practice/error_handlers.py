"""One error format for the whole service, installed as FastAPI exception handlers.

Clients should not have to guess which of three shapes an error comes in. Every
failure, whether raised by our code, by FastAPI's validation or by a route that
does not exist, leaves the service as:

    {"error": {"code": "not_found", "message": "bookmark 7 not found"}}

with an optional "details" list for validation errors.

Exercise ex04: write error_code_for, error_body and install_error_handlers.
The ServiceError classes are complete.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI

logger = logging.getLogger(__name__)


class ServiceError(Exception):
    """Base class for errors our own code raises on purpose (complete)."""

    status_code = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        """Keep a message meant for the API client."""
        super().__init__(message)
        self.message = message


class NotFoundError(ServiceError):
    """The thing the client asked for does not exist."""

    status_code = 404
    code = "not_found"


class ConflictError(ServiceError):
    """The request clashes with what is already stored."""

    status_code = 409
    code = "conflict"


def error_code_for(status_code: int) -> str:
    """Return the machine-readable error code for an HTTP status.

    400 bad_request, 401 unauthorized, 403 forbidden, 404 not_found,
    405 method_not_allowed, 409 conflict, 413 payload_too_large,
    422 validation_error, 429 too_many_requests, 500 internal_error;
    any other status gives "http_<status>", e.g. 418 -> "http_418".
    """
    raise NotImplementedError("map the status code to its error code")


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Build the JSON error envelope.

    Returns {"error": {"code": code, "message": message}}, plus
    "details": details inside "error" when details is not None (an empty list
    is still included; None leaves the key out entirely).
    """
    raise NotImplementedError("build the error envelope dict")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the envelope format.

    Use `app.add_exception_handler(ExceptionClass, handler)`; a handler is
    `async def handler(request: Request, exc: Exception) -> JSONResponse`.

    - ServiceError (and subclasses): status exc.status_code, envelope
      (exc.code, exc.message).
    - starlette.exceptions.HTTPException: register the Starlette class, not
      fastapi.HTTPException, so the 404/405 that Starlette raises for unknown
      paths and methods are caught too (FastAPI's class is a subclass of it).
      Status exc.status_code, code error_code_for(status). When exc.detail is a
      string it is the message; otherwise the message is the standard reason
      phrase (`http.HTTPStatus(status).phrase`) and details is exc.detail when it
      is a list, else [exc.detail]. Keep exc.headers on the response (a 401 must
      keep WWW-Authenticate, a 405 its Allow header).
    - fastapi.exceptions.RequestValidationError: status 422, code
      "validation_error", message "request validation failed", details one
      {"field": ..., "message": ...} per `exc.errors()` item, where field joins
      the item's "loc" with dots (("body", "url") -> "body.url",
      ("query", "limit") -> "query.limit") and message is its "msg".
    - Exception (anything else): status 500, code "internal_error", message
      "internal server error". Never put the exception's own text in the
      response (it may hold secrets); log it instead with
      `logger.error(..., exc_info=exc)` so operators can see it.
    """
    raise NotImplementedError("register the four exception handlers")
