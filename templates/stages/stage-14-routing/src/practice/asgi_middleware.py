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

Exercise ex05: write header_value and the two middleware classes. Use them as
`RequestIDMiddleware(app, generate=...)` or
`app.add_middleware(RequestIDMiddleware, generate=...)`.
"""

from __future__ import annotations

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
    """Return the first value of a request header, decoded as latin-1, or None.

    `scope["headers"]` is a list of (name, value) byte pairs; compare names
    case-insensitively (header_value(scope, "Content-Length") finds
    b"content-length"). A scope without "headers" has no headers.
    """
    raise NotImplementedError("search scope['headers'] for the name")


def _new_id() -> str:
    return uuid.uuid4().hex


class RequestIDMiddleware:
    """Tag every HTTP request and response with a request id.

    For "http" scopes: the id is the incoming header `header` when it fullmatches
    REQUEST_ID, else generate(). Put it in scope["state"]["request_id"]
    (create scope["state"] as {} if missing); Starlette and FastAPI then show it
    as `request.state.request_id`. Call the wrapped app with a `send` of your own
    that, on the "http.response.start" message, removes any header of the same
    name the app set and appends (header bytes, id bytes), so the response carries
    exactly one id. Other messages pass through unchanged.

    Other scope types ("lifespan", "websocket") are passed to the wrapped app
    untouched: a middleware that breaks lifespan breaks the app's startup.
    """

    def __init__(self, app: ASGIApp, *, header: str = "x-request-id", generate: Callable[[], str] = _new_id) -> None:
        """Wrap `app`; keep the header name lower-cased and the id generator."""
        raise NotImplementedError("store app, the lower-cased header name and generate")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection (see the class docstring)."""
        raise NotImplementedError("tag the scope state and the response start message")


class BodySizeLimitMiddleware:
    """Refuse HTTP request bodies larger than max_bytes with 413.

    For "http" scopes (others pass through untouched):

    1. A content-length header that is not a whole number -> answer 400 with JSON
       {"error": "invalid content-length"}. One above max_bytes -> answer 413 at
       once, without reading the body.
    2. Otherwise read the body yourself: call receive() until an "http.request"
       message has more_body False, adding up len(message["body"]). As soon as the
       total goes over max_bytes, answer 413 (a client may send no content-length,
       or lie about it). If an "http.disconnect" message comes instead, the
       client is gone: return without calling the app.
    3. The body fits: call the wrapped app with a new receive that first returns
       one {"type": "http.request", "body": <the whole body>, "more_body": False}
       message and after that delegates to the original receive.

    The wrapped app is never called for a refused request. Refusals are sent as
    an "http.response.start" message (status; headers content-type
    application/json, content-length, connection close) then one
    "http.response.body" message. The 413 body is
    {"error": "request body too large", "max_bytes": max_bytes}.
    A body of exactly max_bytes is fine.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        """Wrap `app`.

        Raises:
            ValueError: when max_bytes is negative.
        """
        raise NotImplementedError("validate max_bytes and store app")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection (see the class docstring)."""
        raise NotImplementedError("check content-length, read and count the body, replay it")
