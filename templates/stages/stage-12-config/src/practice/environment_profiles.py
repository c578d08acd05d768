"""Per-environment profiles (dev, test, prod) and a production safety check.

The same code runs on a laptop, in CI and in production, with different
settings. Development wants convenience (debug pages, a throwaway secret
key, SQLite); production must refuse every one of those conveniences. The
classic incident is a service that started in production with ``DEBUG`` on or
with the secret key from the README. Here the profile is chosen by
``APP_ENV``, each profile has its own defaults, environment variables
override them, and the prod profile refuses to start while anything is unsafe,
listing every problem at once so the operator can fix them in one go.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from practice.secret_redaction import Secret

PROFILES = ("dev", "test", "prod")
"""Valid values of ``APP_ENV`` (after stripping and lower-casing)."""

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
"""Valid values of ``APP_LOG_LEVEL`` (after stripping and upper-casing)."""

DEV_SECRET_KEY = "dev-secret-key-do-not-use-in-production"
TEST_SECRET_KEY = "test-secret-key-do-not-use-in-production"
MIN_SECRET_KEY_LENGTH = 32

PROFILE_DEFAULTS: dict[str, dict[str, Any]] = {
    "dev": {
        "debug": True,
        "secret_key": DEV_SECRET_KEY,
        "database_url": "sqlite:///dev.db",
        "allowed_hosts": ("localhost", "127.0.0.1"),
        "cookie_secure": False,
        "log_level": "DEBUG",
    },
    "test": {
        "debug": False,
        "secret_key": TEST_SECRET_KEY,
        "database_url": "sqlite:///:memory:",
        "allowed_hosts": ("testserver",),
        "cookie_secure": False,
        "log_level": "WARNING",
    },
    "prod": {
        "debug": False,
        "secret_key": "",
        "database_url": "",
        "allowed_hosts": (),
        "cookie_secure": True,
        "log_level": "INFO",
    },
}
"""Each profile's defaults. Production has no secret key, database or hosts:
those must come from the environment."""


@dataclass(frozen=True)
class AppSettings:
    """The settings of one running app. ``repr`` never shows the secret key."""

    profile: str
    debug: bool
    secret_key: Secret[str]
    database_url: str
    allowed_hosts: tuple[str, ...]
    cookie_secure: bool
    log_level: str


class UnsafeSettingsError(ValueError):
    """Production settings that must not be used; ``problems`` lists all of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("refusing to start with unsafe production settings:\n- " + "\n- ".join(problems))


def build_settings(environ: Mapping[str, str]) -> AppSettings:
    """Build the settings for the profile named by ``APP_ENV``.

    1. ``APP_ENV`` (stripped, lower-cased; missing means ``"dev"``) picks the
       profile's defaults from :data:`PROFILE_DEFAULTS`.
    2. These variables override a default when they are present (even empty):

       * ``APP_DEBUG``, ``APP_COOKIE_SECURE``: ``parse_bool`` from ex01
       * ``APP_SECRET_KEY``, ``APP_DATABASE_URL``: taken as is
       * ``APP_ALLOWED_HOSTS``: ``parse_list`` (comma-separated), kept as a tuple
       * ``APP_LOG_LEVEL``: stripped and upper-cased, one of :data:`LOG_LEVELS`

    3. The secret key is wrapped in ``Secret`` (ex04).
    4. For ``prod`` only: ``check_production(settings)``; if it reports any
       problem, raise :class:`UnsafeSettingsError` with all of them.

    Raises:
        ValueError: ``APP_ENV`` is not one of :data:`PROFILES` (the message
            lists them), or a variable does not parse (the message starts with
            the variable's name, e.g. ``"APP_DEBUG: ..."``).
        UnsafeSettingsError: In prod, when :func:`check_production` finds
            problems. The message never contains the secret key.
    """
    raise NotImplementedError(
        "pick the profile from APP_ENV, start from PROFILE_DEFAULTS, apply the APP_* overrides with the "
        "ex01 parsers, wrap the key in Secret, and in prod raise UnsafeSettingsError if check_production "
        "finds problems"
    )


def check_production(settings: AppSettings) -> list[str]:
    """Return every reason ``settings`` are unsafe for production ([] if none).

    One message per problem, in this order, each naming the variable to fix:

    1. debug is on -> mentions ``APP_DEBUG``
    2. secret key: empty -> ``APP_SECRET_KEY`` "is not set"; else equal to
       :data:`DEV_SECRET_KEY` or :data:`TEST_SECRET_KEY` -> ``APP_SECRET_KEY``
       "is a development default"; else shorter than
       :data:`MIN_SECRET_KEY_LENGTH` characters -> ``APP_SECRET_KEY`` "is too
       short" (at most one of these three)
    3. database URL: empty -> ``APP_DATABASE_URL`` "is not set"; else starting
       with ``sqlite`` -> ``APP_DATABASE_URL`` mentions "sqlite"
    4. allowed hosts: empty -> ``APP_ALLOWED_HOSTS`` "is empty"; else
       containing ``"*"`` -> ``APP_ALLOWED_HOSTS`` mentions the wildcard
    5. cookies not secure -> mentions ``APP_COOKIE_SECURE``
    6. log level ``DEBUG`` -> mentions ``APP_LOG_LEVEL``

    No message ever contains the secret key itself.
    """
    raise NotImplementedError(
        "collect one message per unsafe setting, in the documented order, each naming the APP_* variable "
        "(never the key itself)"
    )
