"""A small HTTP router: method + path -> handler, with 404, 405, HEAD and OPTIONS.

Plain data classes stand in for a framework's request and response, so the
routing rules are visible without any server around them. Header names are
always lower-case in both.

Exercise ex02: write the methods of Router. Request, Response, the HTTPError
family and Route are complete; Router builds on compile_pattern from ex01.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from practice.path_patterns import RoutePattern


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
    """Routes requests to handlers by method and path.

    Routes are tried in the order they were added; the first route whose method
    and pattern both match wins. Methods are compared in upper case
    ("get" == "GET").
    """

    def __init__(self) -> None:
        """Start with no routes."""
        self._routes: list[Route] = []
        self._names: dict[str, RoutePattern] = {}

    def add(self, method: str, template: str, handler: Handler, *, name: str | None = None) -> None:
        """Register `handler` for `method` (stored upper-case) on paths matching `template`.

        Compile the template with practice.path_patterns.compile_pattern (its
        ValueError for a bad template propagates) and append a Route. A `name`
        makes the route reachable from url_for.

        Raises:
            ValueError: when the same method and template are already registered,
                or the name is already used by another route.
        """
        raise NotImplementedError("compile the template and remember the route")

    def route(self, method: str, template: str, *, name: str | None = None) -> Callable[[Handler], Handler]:
        """Return a decorator that registers the decorated function and returns it unchanged.

        Example:
            @router.route("GET", "/users/{user_id:int}", name="user")
            def show_user(request: Request) -> Response: ...
        """
        raise NotImplementedError("return a decorator that calls self.add")

    def allowed_methods(self, path: str) -> tuple[str, ...]:
        """Return the sorted methods this path answers, including HEAD and OPTIONS.

        Collect the methods of every route whose pattern matches `path`. If there
        are none, return (). Otherwise add "HEAD" when "GET" is among them (HEAD is
        answered automatically), always add "OPTIONS", and return them sorted:
        ("GET", "HEAD", "OPTIONS", "POST").
        """
        raise NotImplementedError("collect the methods of the routes that match the path")

    def __call__(self, request: Request) -> Response:
        """Dispatch the request to its handler and return the response.

        1. No route matches the path at all -> raise NotFound(request.path).
        2. A route matches method and path -> set request.path_params to the
           converted parameters and return handler(request).
        3. HEAD with no HEAD route but a GET route -> call the GET handler and
           return a response with the same status and headers, an empty body and
           "content-length" set to the length of the body the GET handler made.
        4. OPTIONS with no OPTIONS route -> Response(204) with header
           "allow": ", ".join(self.allowed_methods(path)).
        5. Otherwise -> raise MethodNotAllowed(method, allowed_methods(path)); its
           Allow header tells the client what would have worked.
        """
        raise NotImplementedError("find the route; 404, 405, automatic HEAD and OPTIONS")

    def url_for(self, name: str, **params: object) -> str:
        """Build the path of the route registered under `name` (RoutePattern.build).

        Raises:
            KeyError: when no route has that name.
            ValueError: from RoutePattern.build for missing or bad parameters.
        """
        raise NotImplementedError("look the name up and build its path")
