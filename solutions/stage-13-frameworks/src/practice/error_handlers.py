"""One error format for the whole service, installed as FastAPI exception handlers.

Clients should not have to guess which of three shapes an error comes in. Every
failure, whether raised by our code, by FastAPI's validation or by a route that
does not exist, leaves the service as:

    {"error": {"code": "not_found", "message": "bookmark 7 not found"}}

with an optional "details" list for validation errors.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
}


class ServiceError(Exception):
    """Base class for errors our own code raises on purpose."""

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
    """Return the machine-readable error code for an HTTP status."""
    return ERROR_CODES.get(status_code, f"http_{status_code}")


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Build the JSON error envelope."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


async def _on_service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status_code)


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.detail, str):
        body = error_body(error_code_for(exc.status_code), exc.detail)
    else:
        phrase = HTTPStatus(exc.status_code).phrase
        details = exc.detail if isinstance(exc.detail, list) else [exc.detail]
        body = error_body(error_code_for(exc.status_code), phrase, details)
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"field": ".".join(str(part) for part in err["loc"]), "message": err["msg"]} for err in exc.errors()]
    return JSONResponse(
        error_body("validation_error", "request validation failed", details),
        status_code=422,
    )


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal_error", "internal server error"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the envelope format."""
    app.add_exception_handler(ServiceError, _on_service_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
