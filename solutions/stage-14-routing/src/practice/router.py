"""A small HTTP router: method + path -> handler, with 404, 405, HEAD and OPTIONS.

Plain data classes stand in for a framework's request and response, so the
routing rules are visible without any server around them. Header names are
always lower-case in both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from practice.path_patterns import RoutePattern, compile_pattern


@dataclass
class Request:
    """An HTTP request as the router and middleware see it.

    Attributes:
        method: "GET", "POST", ... (compare upper-cased).
        path: the raw path, without query string, e.g. "/users/42".
        headers: lower-case header names to values.
        body: the raw request body.
        path_params: filled in by the router with the converted route parameters.
        context: scratch space for middleware to pass values inward, e.g.
            context["request_id"] or context["user"].
    """

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    path_params: dict[str, object] = field(default_factory=dict)
    context: dict[str, object] = field(default_factory=dict)


@dataclass
class Response:
    """An HTTP response."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        """Build a JSON response with content-type and content-length set."""
        body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
        all_headers = {"content-type": "application/json", "content-length": str(len(body))}
        all_headers.update(headers or {})
        return cls(status=status, headers=all_headers, body=body)

    def json_body(self) -> Any:
        """Decode the body as JSON."""
        return json.loads(self.body)


Handler = Callable[[Request], Response]


class HTTPError(Exception):
    """An error that should become an HTTP response with this status."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        """Keep the status, a message for the client and extra response headers."""
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


class NotFound(HTTPError):
    """No route matches the path."""

    def __init__(self, path: str) -> None:
        """Say which path had no route."""
        super().__init__(404, f"no route for {path}")


class MethodNotAllowed(HTTPError):
    """A route matches the path, but not with this method."""

    def __init__(self, method: str, allowed: tuple[str, ...]) -> None:
        """Keep the allowed methods and put them in an Allow header."""
        super().__init__(405, f"method {method} not allowed", {"allow": ", ".join(allowed)})
        self.allowed = allowed


@dataclass(frozen=True)
class Route:
    """One registered route."""

    method: str
    pattern: RoutePattern
    handler: Handler
    name: str | None


class Router:
    """Routes requests to handlers by method and path."""

    def __init__(self) -> None:
        """Start with no routes."""
        self._routes: list[Route] = []
        self._names: dict[str, RoutePattern] = {}

    def add(self, method: str, template: str, handler: Handler, *, name: str | None = None) -> None:
        """Register `handler` for `method` on paths matching `template`."""
        method = method.upper()
        for route in self._routes:
            if route.method == method and route.pattern.template == template:
                raise ValueError(f"{method} {template} is already registered")
        if name is not None and name in self._names:
            raise ValueError(f"route name {name!r} is already used")
        pattern = compile_pattern(template)
        self._routes.append(Route(method, pattern, handler, name))
        if name is not None:
            self._names[name] = pattern

    def route(self, method: str, template: str, *, name: str | None = None) -> Callable[[Handler], Handler]:
        """Register the decorated function as a handler and return it unchanged."""

        def register(handler: Handler) -> Handler:
            self.add(method, template, handler, name=name)
            return handler

        return register

    def allowed_methods(self, path: str) -> tuple[str, ...]:
        """Return the sorted methods this path answers, including HEAD and OPTIONS."""
        methods = {route.method for route in self._routes if route.pattern.match(path) is not None}
        if not methods:
            return ()
        if "GET" in methods:
            methods.add("HEAD")
        methods.add("OPTIONS")
        return tuple(sorted(methods))

    def _find(self, method: str, path: str) -> tuple[Handler, dict[str, object]] | None:
        for route in self._routes:
            if route.method != method:
                continue
            params = route.pattern.match(path)
            if params is not None:
                return route.handler, params
        return None

    def __call__(self, request: Request) -> Response:
        """Dispatch the request to its handler and return the response."""
        method = request.method.upper()
        allowed = self.allowed_methods(request.path)
        if not allowed:
            raise NotFound(request.path)
        found = self._find(method, request.path)
        if found is not None:
            handler, params = found
            request.path_params = params
            return handler(request)
        get_route = self._find("GET", request.path) if method == "HEAD" else None
        if get_route is not None:
            handler, params = get_route
            request.path_params = params
            response = handler(request)
            headers = dict(response.headers)
            headers["content-length"] = str(len(response.body))
            return Response(status=response.status, headers=headers, body=b"")
        if method == "OPTIONS":
            return Response(status=204, headers={"allow": ", ".join(allowed)})
        raise MethodNotAllowed(method, allowed)

    def url_for(self, name: str, **params: object) -> str:
        """Build the path of the route registered under `name`."""
        try:
            pattern = self._names[name]
        except KeyError:
            raise KeyError(f"no route named {name!r}") from None
        return pattern.build(**params)
