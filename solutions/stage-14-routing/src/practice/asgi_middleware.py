"""Pure ASGI middleware that wraps any ASGI app (Starlette, FastAPI, ...).

ASGI is the interface between a Python web server and a web app: the app is an
async callable `app(scope, receive, send)`. `scope` describes the connection
("type" is "http", "websocket" or "lifespan"; HTTP headers are a list of
(lower-case name bytes, value bytes) pairs), `receive()` returns the request body
as "http.request" messages, and the app answers by sending an
"http.response.start" message (status and headers) and "http.response.body"
messages. A middleware is an ASGI app that holds another one and can change any
of these on the way in or out. Written this way (rather than with a framework's
BaseHTTPMiddleware) it works with every ASGI framework and streams untouched.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def header_value(scope: Scope, name: str) -> str | None:
    """Return the first value of a request header, decoded as latin-1, or None."""
    wanted = name.lower().encode("latin-1")
    for key, value in scope.get("headers", []):
        if key.lower() == wanted:
            return bytes(value).decode("latin-1")
    return None


def _new_id() -> str:
    return uuid.uuid4().hex


class RequestIDMiddleware:
    """Tag every HTTP request and response with a request id."""

    def __init__(self, app: ASGIApp, *, header: str = "x-request-id", generate: Callable[[], str] = _new_id) -> None:
        """Wrap `app`."""
        self.app = app
        self.header = header.lower()
        self.generate = generate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = header_value(scope, self.header) or ""
        rid = incoming if REQUEST_ID.fullmatch(incoming) else self.generate()
        scope.setdefault("state", {})["request_id"] = rid
        name = self.header.encode("latin-1")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if bytes(k).lower() != name]
                headers.append((name, rid.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_id)


class BodySizeLimitMiddleware:
    """Refuse HTTP request bodies larger than max_bytes with 413."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        """Wrap `app`."""
        if max_bytes < 0:
            raise ValueError(f"max_bytes must be >= 0, got {max_bytes}")
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, send: Send, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(data)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": data, "more_body": False})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = {"error": "request body too large", "max_bytes": self.max_bytes}
        declared = header_value(scope, "content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await self._reject(send, 400, {"error": "invalid content-length"})
                return
            if int(declared) > self.max_bytes:
                await self._reject(send, 413, too_large)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = bytes(message.get("body", b""))
            size += len(chunk)
            if size > self.max_bytes:
                await self._reject(send, 413, too_large)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
