"""Process settings from the environment, the twelve-factor way.

A deployed web process is configured by its platform through environment
variables: Heroku, Render, Fly.io, Cloud Run and Kubernetes all set
``PORT``, and ``WEB_CONCURRENCY`` is the common name for the number of
worker processes. Reading them is easy; reading them *safely* is the job:
reject ``PORT=80a`` at start-up with a message that names the variable,
bind to all interfaces inside a container (``127.0.0.1`` is unreachable
from outside it), size the worker pool from the CPU count when nobody set
it, and report every problem at once instead of one per restart.

TODO: implement ``default_workers``, ``load_process_config`` and
``ProcessConfig.bind`` / ``ProcessConfig.server_args``.
``ipaddress.ip_address``, ``math.isfinite`` and ``re.fullmatch`` help.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

DEFAULT_HOST = "0.0.0.0"
DEFAULT_PORT = 8000
DEFAULT_GRACEFUL_TIMEOUT = 30.0
MAX_GRACEFUL_TIMEOUT = 300.0
MAX_DEFAULT_WORKERS = 12
MAX_WORKERS = 64
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """One or more environment variables are invalid.

    Attributes:
        problems: one message per invalid variable, each starting with the
            variable's name, in the order HOST, PORT, WEB_CONCURRENCY,
            GRACEFUL_TIMEOUT, LOG_LEVEL.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid configuration: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ProcessConfig:
    """Validated settings for one web server process."""

    host: str
    port: int
    workers: int
    graceful_timeout: float
    log_level: str

    @property
    def bind(self) -> str:
        """The ``host:port`` to bind, with IPv6 hosts in brackets.

        ``"0.0.0.0:8000"``, ``"127.0.0.1:5000"``, ``"[::]:8080"``.
        """
        raise NotImplementedError("put IPv6 hosts (they contain ':') in brackets, then append ':' and the port")

    def server_args(self) -> list[str]:
        """Command-line arguments for a gunicorn-style server, in this order::

            ["--bind", bind, "--workers", "N", "--graceful-timeout", "T", "--log-level", "level"]

        ``T`` is the timeout formatted with ``f"{value:g}"`` (30.0 -> ``"30"``,
        7.5 -> ``"7.5"``) and ``level`` is the log level in lower case.
        """
        raise NotImplementedError("build the list from bind, workers, graceful_timeout and log_level")


def default_workers(cpus: int | None) -> int:
    """Return the default worker count for ``cpus`` CPUs: ``2 * cpus + 1``.

    ``None`` (the CPU count is unknown, as ``os.cpu_count()`` may return)
    and values below 1 count as 1 CPU. The result is capped at
    ``MAX_DEFAULT_WORKERS`` so a 64-core machine does not start 129
    processes that each hold a database connection pool.
    """
    raise NotImplementedError("treat None and values below 1 as one CPU, then apply 2 * cpus + 1 and the cap")


def load_process_config(
    environ: Mapping[str, str],
    *,
    cpu_count: Callable[[], int | None] = os.cpu_count,
) -> ProcessConfig:
    """Read and validate process settings from an environment mapping.

    Every value is stripped of surrounding whitespace first; a variable that
    is missing or empty after stripping takes its default.

    * ``HOST``: an IPv4 or IPv6 address literal (``ipaddress.ip_address``),
      default ``"0.0.0.0"``. Host names such as ``localhost`` are rejected.
      Stored as given (stripped).
    * ``PORT``: ASCII digits only, 1 to 65535, default 8000. ``0`` (a random
      port) is rejected, so are ``"+80"``, ``"80.0"``, ``"-1"`` and
      non-ASCII digits that ``int()`` would accept.
    * ``WEB_CONCURRENCY``: ASCII digits, 1 to ``MAX_WORKERS``. When unset,
      ``default_workers(cpu_count())``; ``cpu_count`` is called only then.
    * ``GRACEFUL_TIMEOUT``: seconds as a float, finite, more than 0 and at
      most ``MAX_GRACEFUL_TIMEOUT``, default 30.
    * ``LOG_LEVEL``: one of ``LOG_LEVELS`` in any case, stored upper case,
      default ``"INFO"``.

    Other variables are ignored.

    Raises:
        ConfigError: listing one problem per invalid variable (all of them,
            not just the first), each message starting with the variable
            name and showing the bad value with ``repr``, e.g.
            ``"PORT must be a whole number from 1 to 65535, got '80a'"``.
    """
    raise NotImplementedError(
        "read each variable with its default, collect one message per bad value, raise ConfigError if any"
    )
