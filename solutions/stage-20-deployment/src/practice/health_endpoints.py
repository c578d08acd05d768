"""Liveness and readiness endpoints for a WSGI application.

Orchestrators (Kubernetes, ECS, Nomad) and load balancers ask two different
questions, and mixing them up causes outages:

* **Liveness** (``/livez``): "is this process stuck?" If the answer is no
  for long enough, the process is restarted. It must not depend on the
  database: when the database is down, restarting every web process only
  makes things worse.
* **Readiness** (``/readyz``): "should this instance get traffic right
  now?" It runs the dependency checks (database, cache, a warmed model...)
  and answers 503 while any fails, or while the process is draining before
  a shutdown, so the load balancer stops sending requests.

Both answer JSON with ``Cache-Control: no-store``. Any other path goes to
the wrapped application, so the health endpoints can sit in front of a
real app as middleware.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Check = Callable[[], object]

LIVENESS_PATH = "/livez"
READINESS_PATH = "/readyz"


class HealthApp:
    """A WSGI app serving ``/livez`` and ``/readyz`` in front of another app."""

    def __init__(
        self,
        checks: Mapping[str, Check] | None = None,
        *,
        app: WSGIApp | None = None,
        version: str = "unknown",
    ) -> None:
        """Create the health app.

        Args:
            checks: readiness checks by name. A check passes when it returns
                anything but ``False`` (``None`` and ``True`` pass), and fails
                when it returns ``False`` or raises an ``Exception``.
            app: the WSGI app for every other path; without one, other paths
                get a 404 JSON response ``{"error": "not found"}``.
            version: reported by ``/livez``, e.g. a git SHA.
        """
        self._checks = dict(checks or {})
        self._app = app
        self._version = version
        self._draining = False

    @property
    def draining(self) -> bool:
        """True after ``start_draining`` was called."""
        return self._draining

    def start_draining(self) -> None:
        """Make ``/readyz`` answer 503 from now on (called on SIGTERM).

        Liveness is unaffected: a draining process is healthy, it is just
        finishing its work before it exits.
        """
        self._draining = True

    def readiness(self) -> tuple[int, dict[str, Any]]:
        """Return the readiness status code and JSON body.

        * Draining: ``503, {"status": "draining"}`` and no check is run.
        * Otherwise run every check once, in name order, and report
          ``{"status": "ready", "checks": {...}}`` with 200 when all pass,
          else ``{"status": "not ready", "checks": {...}}`` with 503.
          Each check's entry is ``"ok"``, ``"fail"`` (returned False) or
          ``"fail: ExceptionTypeName"`` (raised). Do not put the exception
          message in the body: it may hold host names or passwords.
        * With no checks at all the app is ready: ``{"status": "ready",
          "checks": {}}``.
        """
        if self._draining:
            return 503, {"status": "draining"}
        results: dict[str, str] = {}
        for name in sorted(self._checks):
            try:
                passed = self._checks[name]() is not False
            except Exception as exc:
                results[name] = f"fail: {type(exc).__name__}"
                continue
            results[name] = "ok" if passed else "fail"
        ready = all(value == "ok" for value in results.values())
        return (200 if ready else 503), {"status": "ready" if ready else "not ready", "checks": results}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve one WSGI request.

        * ``PATH_INFO`` exactly ``/livez``: 200 ``{"status": "ok", "version":
          version}``; no check is run, even while draining.
        * ``PATH_INFO`` exactly ``/readyz``: ``readiness()``.
        * Those two paths accept GET and HEAD only; any other method gets 405
          ``{"error": "method not allowed"}`` with an ``Allow: GET, HEAD``
          header (and runs no check).
        * HEAD returns the same status and headers as GET (including the GET
          body's ``Content-Length``) with an empty body.
        * JSON responses carry exactly these headers, in this order:
          ``Content-Type: application/json``, ``Cache-Control: no-store``,
          ``Content-Length``, then ``Allow`` for a 405. The status line uses
          the standard reason phrase (``"200 OK"``, ``"404 Not Found"``,
          ``"405 Method Not Allowed"``, ``"503 Service Unavailable"``).
        * Any other path: call the wrapped app with the same ``environ`` and
          ``start_response`` and return its result unchanged; without a
          wrapped app, 404 ``{"error": "not found"}``.
        """
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if path not in (LIVENESS_PATH, READINESS_PATH):
            if self._app is not None:
                return self._app(environ, start_response)
            return _respond(start_response, 404, {"error": "not found"}, head=False)
        if method not in ("GET", "HEAD"):
            return _respond(start_response, 405, {"error": "method not allowed"}, head=False, allow="GET, HEAD")
        if path == LIVENESS_PATH:
            status, body = 200, {"status": "ok", "version": self._version}
        else:
            status, body = self.readiness()
        return _respond(start_response, status, body, head=method == "HEAD")


_REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}


def _respond(
    start_response: StartResponse, status: int, body: dict[str, Any], *, head: bool, allow: str | None = None
) -> list[bytes]:
    payload = json.dumps(body, sort_keys=True).encode("utf-8")
    headers = [
        ("Content-Type", "application/json"),
        ("Cache-Control", "no-store"),
        ("Content-Length", str(len(payload))),
    ]
    if allow:
        headers.append(("Allow", allow))
    start_response(f"{status} {_REASONS[status]}", headers)
    return [b""] if head else [payload]
