"""Shared fixtures for the Linkshelf capstone: a fake clock and a WSGI test client.

The client builds a real WSGI environ (``wsgiref.util.setup_testing_defaults``)
and wraps the application in ``wsgiref.validate.validator``, so every response
is also checked against the WSGI specification (PEP 3333): status line format,
header types, no Content-Type on 204/304, reading ``wsgi.input`` with a size,
and closing the response iterable.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

START = 1_714_564_800.0  # 2024-05-01T12:00:00Z


class FakeClock:
    """A clock returning Unix seconds; call it to read, ``advance`` to move it."""

    def __init__(self, start: float = START) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Response:
    """What a WSGI application answered."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    environ: dict[str, Any] = field(repr=False)

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (case-insensitive), or None."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body.decode("utf-8"))

    def describe(self) -> str:
        """A short text for failure messages."""
        return f"{self.status} {self.reason} headers={self.headers!r} body={self.body[:300]!r}"


class Client:
    """Calls a WSGI application in-process, the way a server would."""

    def __init__(self, app: WSGIApp, *, environ: Mapping[str, Any] | None = None) -> None:
        self.app = app
        self.defaults = dict(environ or {})

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        token: str | None = None,
        environ: Mapping[str, Any] | None = None,
    ) -> Response:
        """Send one request. ``path`` may contain a query string after ``?``."""
        env: dict[str, Any] = {}
        setup_testing_defaults(env)
        path_info, _, query = path.partition("?")
        env.update({"REQUEST_METHOD": method, "PATH_INFO": path_info, "QUERY_STRING": query})
        all_headers = {k.lower(): v for k, v in (headers or {}).items()}
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
            all_headers.setdefault("content-type", "application/json")
        if token is not None:
            all_headers["authorization"] = f"Bearer {token}"
        data = body or b""
        env["wsgi.input"] = io.BytesIO(data)
        env["CONTENT_LENGTH"] = str(len(data)) if body is not None else ""
        for name, value in all_headers.items():
            if name == "content-type":
                env["CONTENT_TYPE"] = value
            elif name == "content-length":
                env["CONTENT_LENGTH"] = value
            else:
                env["HTTP_" + name.upper().replace("-", "_")] = value
        env.update(self.defaults)
        env.update(environ or {})
        captured: dict[str, Any] = {}

        def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"] = status
            captured["headers"] = response_headers
            return lambda chunk: None

        result = validator(self.app)(env, start_response)
        try:
            payload = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        code, _, reason = captured["status"].partition(" ")
        return Response(int(code), reason, list(captured["headers"]), payload, env)

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Response:
        return self.request("DELETE", path, **kwargs)


@pytest.fixture
def clock() -> FakeClock:
    """A fake Unix clock starting at 2024-05-01T12:00:00Z."""
    return FakeClock()


@pytest.fixture
def make_client() -> Callable[..., Client]:
    """Build a Client for an app: ``make_client(app, environ={...})``."""
    return Client
