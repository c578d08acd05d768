"""Aggregated health checks with timeouts, criticality and caching.

A status page, a load balancer and an on-call engineer all want one answer
to "is the service healthy?", built from many dependency checks. Getting
that aggregation right matters:

* A hung dependency must not hang the health endpoint: every check gets a
  timeout, and checks run concurrently so the slowest one sets the pace
  rather than the sum of all of them.
* Not every dependency is equal. The database down means the service is
  down (``fail``); the recommendation engine down means it is degraded
  (``warn``) but still serving. This follows the pass/warn/fail statuses
  of the IETF "Health Check Response Format for HTTP APIs" draft.
* Health endpoints get hammered by probes from many places; a short cache
  keeps them from becoming a load test of the database.

Timeouts are real waits (a thread cannot be interrupted), but durations and
the cache use an injected ``clock`` so tests control them.

TODO: implement ``HealthChecker`` and the ``HealthReport`` helpers. Start
one ``threading.Thread(daemon=True)`` per check and ``join`` each with
what is left of its own timeout.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

PASS = "pass"
WARN = "warn"
FAIL = "fail"


@dataclass(frozen=True)
class HealthCheck:
    """One dependency check.

    Attributes:
        name: unique name such as ``"postgres"``.
        check: called with no arguments; passes unless it returns ``False``
            or raises an ``Exception``.
        critical: a failing critical check makes the service ``fail``; a
            failing non-critical one only ``warn``.
        timeout: seconds to wait for the check before reporting it failed.
    """

    name: str
    check: Callable[[], object]
    critical: bool = True
    timeout: float = 1.0


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        name: the check's name.
        status: ``"pass"`` or ``"fail"``.
        critical: copied from the check.
        duration_ms: clock time the check took, in milliseconds; for a
            timeout, ``timeout * 1000``.
        error: None on pass; ``"returned False"``, ``"TypeName: message"``
            or ``"timed out after {timeout:g}s"`` on fail.
    """

    name: str
    status: str
    critical: bool
    duration_ms: float
    error: str | None = None


@dataclass(frozen=True)
class HealthReport:
    """The aggregated answer.

    Attributes:
        status: ``"fail"`` if any critical check failed, else ``"warn"`` if
            any check failed, else ``"pass"`` (also with no checks).
        checks: one result per check, in the order the checks were given.
        checked_at: the clock time when the checks started.
    """

    status: str
    checks: tuple[CheckResult, ...]
    checked_at: float

    @property
    def http_status(self) -> int:
        """200 for pass and warn (still serving), 503 for fail."""
        raise NotImplementedError("map fail to 503 and everything else to 200")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict::

            {"status": "warn",
             "checks": {"postgres": {"status": "pass", "critical": True, "durationMs": 12.5},
                        "recommender": {"status": "fail", "critical": False, "durationMs": 1000.0,
                                        "error": "timed out after 1s"}}}

        ``error`` is present only for failed checks; ``checks`` keeps the
        report's order.
        """
        raise NotImplementedError('build the nested dict, adding "error" only for failed checks')


class HealthChecker:
    """Runs a fixed set of checks concurrently and aggregates the results."""

    def __init__(
        self,
        checks: Sequence[HealthCheck],
        *,
        clock: Callable[[], float] = time.monotonic,
        cache_ttl: float = 0.0,
    ) -> None:
        """Validate and keep the checks.

        Args:
            checks: the checks, in report order.
            clock: seconds, used for durations and the cache.
            cache_ttl: reuse the last report while ``clock() - checked_at <
                cache_ttl``; 0 disables caching.

        Raises:
            ValueError: if two checks share a name, a timeout is not more
                than 0, or ``cache_ttl`` is negative.
        """
        raise NotImplementedError("validate names, timeouts and cache_ttl, then store everything with an empty cache")

    def run(self) -> HealthReport:
        """Run every check (or return the cached report) and aggregate.

        All checks start at once, each in its own daemon thread; wait for
        each one at most its own ``timeout`` seconds counted from the start.
        A check still running then is reported as failed with
        ``"timed out after {timeout:g}s"``, and its late result is ignored.
        """
        raise NotImplementedError(
            "reuse a fresh cached report, else run one thread per check, join each with its timeout and aggregate"
        )
