"""A middleware chain on plain callables: request ids, access logs, CORS, auth, errors.

A middleware takes the next handler and returns a new handler that does something
before and/or after calling it, or answers on its own without calling it. A
chain is built by wrapping, so the first middleware in the list is the outermost:
it sees the request first and the response last. That order decides behaviour:
CORS must answer a preflight before authentication rejects it, and the error
renderer must sit inside the request-id middleware for error responses to carry
the id.

Exercise ex03: write every function below. Each factory (request_id, cors, ...)
returns a Middleware; the shape is always three nested functions:

    def some_middleware(option) -> Middleware:
        def middleware(call_next: Handler) -> Handler:
            def handle(request: Request) -> Response:
                ...  # before
                response = call_next(request)
                ...  # after
                return response
            return handle
        return middleware
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from practice.router import Handler

Middleware = Callable[[Handler], Handler]
Clock = Callable[[], float]

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def compose(handler: Handler, middlewares: Sequence[Middleware]) -> Handler:
    """Wrap `handler` so that middlewares[0] is the outermost layer.

    compose(h, [a, b]) behaves like a(b(h)): a request goes through a, then b,
    then h; the response comes back through b, then a. An empty list returns
    a handler that behaves exactly like `handler`.
    """
    raise NotImplementedError("wrap the handler, innermost middleware first")


def request_id(generate: Callable[[], str]) -> Middleware:
    """Give every request an id, and echo it in the x-request-id response header.

    The id is the incoming "x-request-id" header when it fullmatches REQUEST_ID
    (1-64 of letters, digits, ".", "_", "-"); otherwise (missing, empty, too long,
    bad characters) it is generate(). Store it in request.context["request_id"]
    before calling the next handler, so inner layers can log it, and set the
    "x-request-id" header on the response that comes back. If the next handler
    raises, let the exception through (there is no response to label).
    """
    raise NotImplementedError("pick or generate the id, store it, echo it")


def access_log(sink: Callable[[dict[str, Any]], None], clock: Clock) -> Middleware:
    """Record one entry per request: method, path, status, duration and request id.

    Read clock() (seconds, a float) before and after calling the next handler,
    then call sink once with
    {"method": upper-case method, "path": request.path, "status": response status,
     "duration_ms": round((after - before) * 1000, 1),
     "request_id": request.context.get("request_id")}.
    When the next handler raises, record status 500 and re-raise the exception
    (try/finally is the tool). Never call the sink twice for one request.
    """
    raise NotImplementedError("time the inner handler and record one entry")


def cors(
    allowed_origins: Collection[str],
    allowed_methods: Sequence[str] = ("GET", "POST", "PUT", "PATCH", "DELETE"),
    allowed_headers: Sequence[str] = ("authorization", "content-type"),
    max_age: int = 600,
) -> Middleware:
    """Answer CORS preflights and label cross-origin responses.

    An origin is allowed when it is in allowed_origins, or when "*" is; the origin
    to echo is then "*" (wildcard) or the request's own origin.

    - No "origin" header: not a cross-origin request; just call the next handler.
    - Preflight (method OPTIONS with both "origin" and
      "access-control-request-method" headers): answer it here, never calling the
      next handler. Allowed origin and requested method (compared upper-case) in
      allowed_methods -> Response(204) with headers
      "access-control-allow-origin": the echo,
      "access-control-allow-methods": ", ".join(allowed_methods),
      "access-control-allow-headers": ", ".join(allowed_headers),
      "access-control-max-age": str(max_age), "vary": "Origin".
      Otherwise -> Response.json({"error": "CORS preflight rejected"}, status=403)
      with no access-control-* headers.
    - Any other request with an origin: call the next handler; if the origin is
      allowed, set "access-control-allow-origin" to the echo and add "Origin" to
      the response's "vary" header (keep what is there: "Accept" becomes
      "Accept, Origin"; do not add it twice). Disallowed origins get the response
      without CORS headers.
    """
    raise NotImplementedError("answer preflights, label allowed cross-origin responses")


def bearer_auth(tokens: Mapping[str, str], public_paths: Collection[str] = ()) -> Middleware:
    """Require `Authorization: Bearer <token>` and put the token's user in the context.

    `tokens` maps token -> user name. Requests whose path is in public_paths pass
    straight through. Otherwise the "authorization" header must be "Bearer <token>"
    (scheme compared case-insensitively) with a known token: then set
    request.context["user"] and call the next handler. Anything else raises
    practice.router.HTTPError(401, "authentication required",
    {"www-authenticate": "Bearer"}). This middleware does not special-case
    OPTIONS: that is why CORS must sit outside it.
    """
    raise NotImplementedError("check the bearer token or raise HTTPError(401)")


def json_errors(report: Callable[[Exception], None] | None = None) -> Middleware:
    """Turn exceptions from inner layers into JSON error responses.

    - HTTPError (including NotFound and MethodNotAllowed from the router):
      Response.json({"error": exc.message, "status": exc.status}, exc.status,
      exc.headers), so a 405 keeps its Allow header and a 401 its
      WWW-Authenticate.
    - Any other Exception: call report(exc) when report is given, then answer
      Response.json({"error": "internal server error", "status": 500}, 500).
      Never put the exception's text in the response.
    - No exception: return the response unchanged.
    """
    raise NotImplementedError("catch HTTPError and Exception and render them as JSON")
