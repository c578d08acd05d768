"""A middleware chain on plain callables: request ids, access logs, CORS, auth, errors.

A middleware takes the next handler and returns a new handler that does something
before and/or after calling it, or answers on its own without calling it. A
chain is built by wrapping, so the first middleware in the list is the outermost:
it sees the request first and the response last. That order decides behaviour:
CORS must answer a preflight before authentication rejects it, and the error
renderer must sit inside the request-id middleware for error responses to carry
the id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from practice.router import Handler, HTTPError, Request, Response

Middleware = Callable[[Handler], Handler]
Clock = Callable[[], float]

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def compose(handler: Handler, middlewares: Sequence[Middleware]) -> Handler:
    """Wrap `handler` so that middlewares[0] is the outermost layer."""
    wrapped = handler
    for middleware in reversed(middlewares):
        wrapped = middleware(wrapped)
    return wrapped


def request_id(generate: Callable[[], str]) -> Middleware:
    """Give every request an id, and echo it in the x-request-id response header."""

    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            incoming = request.headers.get("x-request-id", "")
            rid = incoming if REQUEST_ID.fullmatch(incoming) else generate()
            request.context["request_id"] = rid
            response = call_next(request)
            response.headers["x-request-id"] = rid
            return response

        return handle

    return middleware


def access_log(sink: Callable[[dict[str, Any]], None], clock: Clock) -> Middleware:
    """Record one entry per request: method, path, status, duration and request id."""

    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            started = clock()
            status = 500
            try:
                response = call_next(request)
                status = response.status
                return response
            finally:
                sink(
                    {
                        "method": request.method.upper(),
                        "path": request.path,
                        "status": status,
                        "duration_ms": round((clock() - started) * 1000, 1),
                        "request_id": request.context.get("request_id"),
                    }
                )

        return handle

    return middleware


def _add_vary_origin(headers: dict[str, str]) -> None:
    current = [item.strip() for item in headers.get("vary", "").split(",") if item.strip()]
    if "origin" not in {item.lower() for item in current}:
        current.append("Origin")
    headers["vary"] = ", ".join(current)


def cors(
    allowed_origins: Collection[str],
    allowed_methods: Sequence[str] = ("GET", "POST", "PUT", "PATCH", "DELETE"),
    allowed_headers: Sequence[str] = ("authorization", "content-type"),
    max_age: int = 600,
) -> Middleware:
    """Answer CORS preflights and label cross-origin responses."""
    any_origin = "*" in allowed_origins
    methods = {method.upper() for method in allowed_methods}

    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            origin = request.headers.get("origin")
            if origin is None:
                return call_next(request)
            allowed = any_origin or origin in allowed_origins
            echo = "*" if any_origin else origin
            requested = request.headers.get("access-control-request-method")
            if request.method.upper() == "OPTIONS" and requested is not None:
                if not allowed or requested.upper() not in methods:
                    return Response.json({"error": "CORS preflight rejected"}, status=403)
                headers = {
                    "access-control-allow-origin": echo,
                    "access-control-allow-methods": ", ".join(allowed_methods),
                    "access-control-allow-headers": ", ".join(allowed_headers),
                    "access-control-max-age": str(max_age),
                }
                _add_vary_origin(headers)
                return Response(status=204, headers=headers)
            response = call_next(request)
            if allowed:
                response.headers["access-control-allow-origin"] = echo
                _add_vary_origin(response.headers)
            return response

        return handle

    return middleware


def bearer_auth(tokens: Mapping[str, str], public_paths: Collection[str] = ()) -> Middleware:
    """Require `Authorization: Bearer <token>` and put the token's user in the context."""

    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            if request.path in public_paths:
                return call_next(request)
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            user = tokens.get(token.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                raise HTTPError(401, "authentication required", {"www-authenticate": "Bearer"})
            request.context["user"] = user
            return call_next(request)

        return handle

    return middleware


def json_errors(report: Callable[[Exception], None] | None = None) -> Middleware:
    """Turn exceptions from inner layers into JSON error responses."""

    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            try:
                return call_next(request)
            except HTTPError as exc:
                return Response.json({"error": exc.message, "status": exc.status}, exc.status, exc.headers)
            except Exception as exc:
                if report is not None:
                    report(exc)
                return Response.json({"error": "internal server error", "status": 500}, 500)

        return handle

    return middleware
