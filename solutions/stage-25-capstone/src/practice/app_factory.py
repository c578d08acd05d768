"""Linkshelf, part 6: configuration, the app factory, health checks and a smoke test."""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any
from wsgiref.util import setup_testing_defaults

from practice.auth import AuthMiddleware
from practice.bookmark_store import BookmarkStore, schema_version
from practice.caching import CachingMiddleware, WSGIApp, call_inner
from practice.observability import Metrics, ObservabilityMiddleware
from practice.rest_api import BookmarkAPI, StartResponse, json_response, status_line

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(ValueError):
    """The environment does not describe a valid configuration."""


def _int(env: Mapping[str, str], name: str, default: int, minimum: int, problems: list[str]) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        problems.append(f"{name} must be an integer, got {raw!r}")
        return default
    if value < minimum:
        problems.append(f"{name} must be at least {minimum}, got {value}")
    return value


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the service needs to start, read from the environment."""

    database: str
    secret: bytes = field(repr=False)
    token_ttl: int = 3600
    cache_ttl: int = 30
    log_level: str = "INFO"
    scrypt_n: int = 2**14

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Config:
        """Build a Config from ``LINKSHELF_*`` variables, reporting every problem at once."""
        problems: list[str] = []
        secret = env.get("LINKSHELF_SECRET", "")
        if not secret:
            problems.append("LINKSHELF_SECRET is required")
        elif len(secret) < 32:
            problems.append(f"LINKSHELF_SECRET must be at least 32 characters (got {len(secret)})")
        database = env.get("LINKSHELF_DB", "").strip() or "linkshelf.sqlite3"
        token_ttl = _int(env, "LINKSHELF_TOKEN_TTL", 3600, 1, problems)
        cache_ttl = _int(env, "LINKSHELF_CACHE_TTL", 30, 0, problems)
        scrypt_n = _int(env, "LINKSHELF_SCRYPT_N", 2**14, 2, problems)
        if scrypt_n >= 2 and scrypt_n & (scrypt_n - 1):
            problems.append(f"LINKSHELF_SCRYPT_N must be a power of two, got {scrypt_n}")
        log_level = env.get("LINKSHELF_LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if log_level not in LOG_LEVELS:
            problems.append(f"LINKSHELF_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {log_level!r}")
        if problems:
            raise ConfigError("; ".join(problems))
        return cls(
            database=database,
            secret=secret.encode("utf-8"),
            token_ttl=token_ttl,
            cache_ttl=cache_ttl,
            log_level=log_level,
            scrypt_n=scrypt_n,
        )


class LinkshelfApp:
    """The assembled service: a WSGI callable plus handles for tests and shutdown."""

    def __init__(self, config: Config, store: BookmarkStore, metrics: Metrics, wsgi: WSGIApp) -> None:
        """Keep the parts together."""
        self.config = config
        self.store = store
        self.metrics = metrics
        self._wsgi = wsgi

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request."""
        return self._wsgi(environ, start_response)

    def close(self) -> None:
        """Release the database connection."""
        self.store.close()


def health(store: BookmarkStore) -> tuple[int, dict[str, Any]]:
    """Check the database; return ``(status, body)`` for ``GET /healthz``."""
    try:
        store.connection.execute("SELECT 1").fetchone()
        version = schema_version(store.connection)
    except sqlite3.Error:
        return 503, {"status": "unavailable", "checks": {"database": "error"}}
    return 200, {"status": "ok", "checks": {"database": "ok"}, "schema_version": version}


def create_app(
    config: Config,
    *,
    clock: Callable[[], float] = time.time,
    logger: logging.Logger | None = None,
    request_id_factory: Callable[[], str] | None = None,
) -> LinkshelfApp:
    """Assemble the whole service from ``config``."""
    store = BookmarkStore.open(config.database, clock=clock)
    metrics = Metrics()
    if logger is None:
        logger = logging.getLogger("linkshelf")
        logger.setLevel(config.log_level)
    api = CachingMiddleware(BookmarkAPI(store), ttl=config.cache_ttl, clock=clock)
    protected = AuthMiddleware(
        api, store, secret=config.secret, clock=clock, token_ttl=config.token_ttl, scrypt_n=config.scrypt_n
    )

    def router(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            status, body = health(store)
            code, headers, payload = json_response(status, body, [("Cache-Control", "no-store")])
            start_response(status_line(code), headers)
            return [payload]
        return protected(environ, start_response)

    kwargs: dict[str, Any] = {"metrics": metrics, "logger": logger, "clock": clock}
    if request_id_factory is not None:
        kwargs["request_id_factory"] = request_id_factory
    return LinkshelfApp(config, store, metrics, ObservabilityMiddleware(router, **kwargs))


def _request(
    app: WSGIApp,
    method: str,
    path: str,
    *,
    body: Any = None,
    token: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    raw = json.dumps(body).encode("utf-8") if body is not None else b""
    path_info, _, query = path.partition("?")
    environ.update(
        {
            "REQUEST_METHOD": method,
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "CONTENT_TYPE": "application/json" if body is not None else "",
            "CONTENT_LENGTH": str(len(raw)),
            "wsgi.input": BytesIO(raw),
        }
    )
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    response = call_inner(app, environ)
    return response.status, {k.lower(): v for k, v in response.headers}, response.body


def run_smoke_test(app: WSGIApp) -> list[str]:
    """Drive the main user journey through ``app``; return failures (empty when healthy)."""
    username = f"smoke_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(12)
    state: dict[str, Any] = {}

    def check(step: str, got: int, want: int, body: bytes) -> str | None:
        if got != want:
            return f"{step}: expected {want}, got {got} {body[:200]!r}"
        return None

    def health_step() -> str | None:
        status, _, body = _request(app, "GET", "/healthz")
        return check("health", status, 200, body)

    def signup_step() -> str | None:
        status, _, body = _request(app, "POST", "/users", body={"username": username, "password": password})
        return check("signup", status, 201, body)

    def login_step() -> str | None:
        status, _, body = _request(app, "POST", "/tokens", body={"username": username, "password": password})
        problem = check("login", status, 200, body)
        if problem is None:
            state["token"] = json.loads(body)["access_token"]
        return problem

    def create_step() -> str | None:
        data = {"url": "https://example.org/smoke", "title": "Smoke test"}
        status, _, body = _request(app, "POST", "/bookmarks", body=data, token=state["token"])
        problem = check("create", status, 201, body)
        if problem is None:
            state["id"] = json.loads(body)["id"]
        return problem

    def list_step() -> str | None:
        status, headers, body = _request(app, "GET", "/bookmarks", token=state["token"])
        problem = check("list", status, 200, body)
        if problem is not None:
            return problem
        ids = [item["id"] for item in json.loads(body)["items"]]
        if state["id"] not in ids:
            return f"list: bookmark {state['id']} missing from {ids}"
        if "etag" not in headers:
            return "list: no ETag header"
        state["etag"] = headers["etag"]
        return None

    def revalidate_step() -> str | None:
        status, _, body = _request(
            app, "GET", "/bookmarks", token=state["token"], headers={"If-None-Match": state["etag"]}
        )
        return check("revalidate", status, 304, body)

    def delete_step() -> str | None:
        status, _, body = _request(app, "DELETE", f"/bookmarks/{state['id']}", token=state["token"])
        return check("delete", status, 204, body)

    def metrics_step() -> str | None:
        status, _, body = _request(app, "GET", "/metrics")
        problem = check("metrics", status, 200, body)
        if problem is None and b"http_requests_total" not in body:
            return "metrics: http_requests_total not exported"
        return problem

    steps = [
        health_step,
        signup_step,
        login_step,
        create_step,
        list_step,
        revalidate_step,
        delete_step,
        metrics_step,
    ]
    for step in steps:
        try:
            problem = step()
        except Exception as exc:
            problem = f"{step.__name__.removesuffix('_step')}: crashed with {exc!r}"
        if problem is not None:
            return [problem]
    return []


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Command line entry point: ``--check-config`` or ``--smoke``."""
    args = sys.argv[1:] if argv is None else argv
    env = os.environ if environ is None else environ
    if args not in (["--check-config"], ["--smoke"]):
        print("usage: python -m practice.app_factory --check-config | --smoke", file=sys.stderr)
        return 2
    try:
        config = Config.from_env(env)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    if args == ["--check-config"]:
        print(f"config ok: {config!r}")
        return 0
    app = create_app(config)
    try:
        failures = run_smoke_test(app)
    finally:
        app.close()
    if failures:
        for failure in failures:
            print(f"smoke test failed: {failure}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
