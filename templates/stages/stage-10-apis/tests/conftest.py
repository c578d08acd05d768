"""Shared test helpers: call a WSGI app in-process, no server needed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Response:
    """What the app answered. Header names are looked up case-insensitively."""

    status: int
    reason: str
    header_list: list[tuple[str, str]]
    body: bytes
    headers: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.headers = {name.lower(): value for name, value in self.header_list}

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def call_app(
    app: WSGIApp,
    method: str,
    path: str,
    *,
    query: str = "",
    body: bytes | dict[str, Any] | list[Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Call ``app`` like a WSGI server would and collect the response.

    A dict or list body is sent as JSON with Content-Type application/json
    (unless ``headers`` sets another Content-Type). The app is wrapped in
    ``wsgiref.validate.validator``, which fails the test when the app breaks
    the WSGI rules (bad status line, header types, Content-Type on 204/304...).
    """
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode("utf-8")
        headers.setdefault("Content-Type", "application/json")
    raw = body or b""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(raw),
        "CONTENT_LENGTH": str(len(raw)) if raw else "",
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ["HTTP_" + key] = value
    setup_testing_defaults(environ)
    if "CONTENT_TYPE" not in environ:
        environ["CONTENT_TYPE"] = ""
    captured: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"] = status
        captured["headers"] = response_headers
        return lambda data: None

    result = validator(app)(environ, start_response)
    try:
        data = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    code, _, reason = captured["status"].partition(" ")
    return Response(int(code), reason, list(captured["headers"]), data)


@pytest.fixture
def call() -> Callable[..., Response]:
    """The :func:`call_app` helper, as a fixture."""
    return call_app
