"""Linkshelf, part 6: configuration, the app factory, health checks and a smoke test.

This is where the five earlier parts become one deployable service:

* ``Config.from_env`` reads the settings from environment variables (the
  twelve-factor way), validates ALL of them and reports every problem in one
  error, without ever printing the secret.
* ``create_app(config)`` builds a fresh, fully wired application. A factory
  instead of a module-level global means tests, CI and production can each
  build their own app with their own database.
* ``GET /healthz`` tells a load balancer or orchestrator whether this
  instance can serve (it checks the database), without authentication.
* ``run_smoke_test(app)`` walks the main user journey against any WSGI app,
  and ``python -m practice.app_factory --smoke`` runs it from a CI job.

The layers, outermost first::

    ObservabilityMiddleware          (request ids, logs, metrics, /metrics)
      router: /healthz -> health(store), everything else ->
        AuthMiddleware               (/users, /tokens, bearer tokens)
          CachingMiddleware          (ttl = config.cache_ttl)
            BookmarkAPI(store)

TODO: implement ``Config.from_env``, ``health``, ``create_app``,
``run_smoke_test`` and ``main``. ``LinkshelfApp`` is given.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from practice.bookmark_store import BookmarkStore
from practice.caching import WSGIApp
from practice.observability import Metrics
from practice.rest_api import StartResponse

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(ValueError):
    """The environment does not describe a valid configuration."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the service needs to start.

    ``secret`` is excluded from ``repr`` so it never lands in a log line or a
    traceback.
    """

    database: str
    secret: bytes = field(repr=False)
    token_ttl: int = 3600
    cache_ttl: int = 30
    log_level: str = "INFO"
    scrypt_n: int = 2**14

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Config:
        """Build a Config from ``LINKSHELF_*`` variables.

        ==========================  ===================  =====================================
        variable                    default              rule
        ==========================  ===================  =====================================
        ``LINKSHELF_SECRET``        (required)           at least 32 characters; stored as UTF-8 bytes
        ``LINKSHELF_DB``            ``linkshelf.sqlite3``  any non-blank path (or ``:memory:``)
        ``LINKSHELF_TOKEN_TTL``     3600                 integer >= 1
        ``LINKSHELF_CACHE_TTL``     30                   integer >= 0 (0: cache nothing)
        ``LINKSHELF_LOG_LEVEL``     INFO                 DEBUG, INFO, WARNING or ERROR, any case
        ``LINKSHELF_SCRYPT_N``      16384                a power of two >= 2
        ==========================  ===================  =====================================

        Unset or blank variables take the default; other variables are
        ignored. Check everything before failing.

        Raises:
            ConfigError: listing EVERY problem (for example joined with
                ``"; "``), each naming its variable. The secret's value must
                never appear in the message.
        """
        raise NotImplementedError("read and validate each LINKSHELF_* variable, collect problems, build the Config")


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
    """Check the database for ``GET /healthz``.

    Run ``SELECT 1`` and read the schema version on ``store.connection``.

    Returns:
        ``(200, {"status": "ok", "checks": {"database": "ok"},
        "schema_version": <int>})`` when that works, or
        ``(503, {"status": "unavailable", "checks": {"database": "error"}})``
        when it raises ``sqlite3.Error`` (for example a closed connection).
    """
    raise NotImplementedError("SELECT 1 and PRAGMA user_version; sqlite3.Error -> 503")


def create_app(
    config: Config,
    *,
    clock: Callable[[], float] = time.time,
    logger: logging.Logger | None = None,
    request_id_factory: Callable[[], str] | None = None,
) -> LinkshelfApp:
    """Assemble the whole service from ``config``.

    Open ``BookmarkStore.open(config.database, clock=clock)``, create a
    ``Metrics``, and wire the layers shown in the module docstring, passing
    ``clock`` to every layer that takes one and ``config.secret``,
    ``config.token_ttl`` and ``config.scrypt_n`` to ``AuthMiddleware``.
    ``GET /healthz`` is answered in front of the auth layer (so it needs no
    token) but behind observability (so it gets a request id and is
    counted): a JSON response from ``health(store)`` with
    ``Cache-Control: no-store``.

    Args:
        config: the settings.
        clock: Unix-seconds clock for every layer.
        logger: where access logs go; default ``logging.getLogger("linkshelf")``
            with its level set to ``config.log_level``.
        request_id_factory: passed to ``ObservabilityMiddleware`` when given.

    Returns:
        ``LinkshelfApp(config, store, metrics, outermost_wsgi_app)``.
    """
    raise NotImplementedError("open the store, build the middleware stack, return a LinkshelfApp")


def run_smoke_test(app: WSGIApp) -> list[str]:
    """Drive the main user journey through ``app`` and report what broke.

    Build requests yourself (``wsgiref.util.setup_testing_defaults`` gives a
    valid environ; set ``REQUEST_METHOD``, ``PATH_INFO``, ``QUERY_STRING``,
    ``CONTENT_TYPE``, ``CONTENT_LENGTH``, ``wsgi.input`` and ``HTTP_*``
    headers) and run them with ``call_inner`` from part 4. Steps, in order,
    each with the status it must get:

    1. ``health``: ``GET /healthz`` -> 200
    2. ``signup``: ``POST /users`` with a NEW random username (for example
       ``f"smoke_{secrets.token_hex(4)}"``) so the test can run repeatedly
       against the same database -> 201
    3. ``login``: ``POST /tokens`` -> 200, keep the access token
    4. ``create``: ``POST /bookmarks`` -> 201, keep the id
    5. ``list``: ``GET /bookmarks`` -> 200, the id is in ``items`` and there
       is an ``ETag`` header
    6. ``revalidate``: ``GET /bookmarks`` with ``If-None-Match: <etag>`` -> 304
    7. ``delete``: ``DELETE /bookmarks/{id}`` -> 204
    8. ``metrics``: ``GET /metrics`` -> 200 and the body contains
       ``http_requests_total``

    Later steps depend on earlier ones, so stop at the first failure.

    Returns:
        ``[]`` when every step passed, else a one-element list with a message
        that STARTS with the step name and a colon, for example
        ``"login: expected 200, got 500 b'boom'"``. An exception inside a
        step is a failure of that step, not a crash of the smoke test.
    """
    raise NotImplementedError("run the eight steps in order, stop at the first failure")


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Command line entry point, run as ``python -m practice.app_factory``.

    Args:
        argv: the arguments (default ``sys.argv[1:]``): exactly
            ``["--check-config"]`` or ``["--smoke"]``; anything else prints a
            usage line to stderr and returns 2.
        environ: the environment (default ``os.environ``).

    Returns:
        The exit status. ``Config.from_env`` failing -> print
        ``config error: ...`` to stderr, return 2. ``--check-config`` ->
        print ``config ok: <repr(config)>``, return 0. ``--smoke`` ->
        ``create_app(config)``, ``run_smoke_test``, ``close()`` the app;
        print ``smoke test passed`` and return 0, or print each failure to
        stderr and return 1.
    """
    raise NotImplementedError("parse argv, load the config, run --check-config or --smoke, return the exit code")


if __name__ == "__main__":
    raise SystemExit(main())
