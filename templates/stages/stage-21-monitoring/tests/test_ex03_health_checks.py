"""Tests for ex03: aggregated health checks with timeouts and criticality."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Protocol

import pytest
from practice.health_checks import CheckResult, HealthCheck, HealthChecker, HealthReport


class Clock(Protocol):
    now: float

    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """An event that hung checks wait on; set at teardown so no thread is left blocked."""
    event = threading.Event()
    yield event
    event.set()


def passing() -> None:
    return None


def refused() -> None:
    raise ConnectionError("connection refused")


def test_all_checks_pass(clock: Clock) -> None:
    def slow_db() -> bool:
        clock.advance(0.0125)
        return True

    checker = HealthChecker(
        [HealthCheck("postgres", slow_db), HealthCheck("redis", passing, critical=False)], clock=clock
    )
    report = checker.run()
    assert report.status == "pass", f"every check passed, status should be 'pass', got {report.status!r}"
    assert report.http_status == 200, f"a passing report is HTTP 200, got {report.http_status}"
    got = [(r.name, r.status, r.critical, r.error) for r in report.checks]
    want = [("postgres", "pass", True, None), ("redis", "pass", False, None)]
    assert got == want, f"results (name, status, critical, error) should be {want!r}, got {got!r}"
    assert report.checks[0].duration_ms == pytest.approx(12.5), (
        f"postgres took 0.0125 s on the injected clock, so duration_ms should be 12.5, "
        f"got {report.checks[0].duration_ms}"
    )
    assert report.checked_at == 1000.0, f"checked_at is the clock when the run started, got {report.checked_at}"


@pytest.mark.parametrize(
    ("critical", "status", "http"),
    [(True, "fail", 503), (False, "warn", 200)],
    ids=["critical", "non-critical"],
)
def test_failure_status_depends_on_criticality(clock: Clock, critical: bool, status: str, http: int) -> None:
    checker = HealthChecker(
        [HealthCheck("api", passing), HealthCheck("search", refused, critical=critical)], clock=clock
    )
    report = checker.run()
    assert (report.status, report.http_status) == (status, http), (
        f"a failing {'critical' if critical else 'non-critical'} check should give {status}/{http}, "
        f"got {report.status}/{report.http_status}"
    )
    assert report.checks[1].error == "ConnectionError: connection refused", f"error text: {report.checks[1]!r}"


def test_returning_false_fails_and_other_values_pass(clock: Clock) -> None:
    checker = HealthChecker(
        [
            HealthCheck("false", lambda: False, critical=False),
            HealthCheck("zero", lambda: 0),
            HealthCheck("none", lambda: None),
            HealthCheck("text", lambda: "fine"),
        ],
        clock=clock,
    )
    report = checker.run()
    got = [(r.name, r.status, r.error) for r in report.checks]
    want = [("false", "fail", "returned False"), ("zero", "pass", None), ("none", "pass", None), ("text", "pass", None)]
    assert got == want, f"only False (not 0 or None) fails a check: want {want!r}, got {got!r}"
    assert report.status == "warn", f"the failing check is non-critical, so 'warn', got {report.status!r}"


def test_hung_check_times_out(clock: Clock, release: threading.Event) -> None:
    checker = HealthChecker(
        [HealthCheck("hung", lambda: release.wait(), timeout=0.05), HealthCheck("ok", passing)],
        clock=clock,
    )
    report = checker.run()
    hung = report.checks[0]
    assert (hung.status, hung.error) == ("fail", "timed out after 0.05s"), f"a hung check should time out: {hung!r}"
    assert hung.duration_ms == pytest.approx(50.0), f"a timed-out check reports timeout*1000 ms, got {hung.duration_ms}"
    assert report.status == "fail" and report.http_status == 503, f"a critical timeout fails the service: {report!r}"
    assert report.checks[1].status == "pass", "the other check is unaffected"


def test_checks_run_concurrently(clock: Clock) -> None:
    both_running = threading.Barrier(2, timeout=2)

    def meet() -> None:
        both_running.wait()

    checker = HealthChecker([HealthCheck("a", meet, timeout=3), HealthCheck("b", meet, timeout=3)], clock=clock)
    report = checker.run()
    got = [(r.name, r.status, r.error) for r in report.checks]
    assert got == [("a", "pass", None), ("b", "pass", None)], (
        f"two checks that wait for each other only pass if they run at the same time: {got!r}"
    )


def test_results_keep_the_given_order(clock: Clock, release: threading.Event) -> None:
    def late() -> None:
        release.wait(0.02)

    checker = HealthChecker([HealthCheck("late", late), HealthCheck("early", passing)], clock=clock)
    names = [r.name for r in checker.run().checks]
    assert names == ["late", "early"], f"results follow the order of the checks, not completion order: {names!r}"


def test_cache_reuses_the_report_until_ttl(clock: Clock) -> None:
    calls: list[int] = []
    checker = HealthChecker([HealthCheck("db", lambda: calls.append(1))], clock=clock, cache_ttl=10)
    first = checker.run()
    clock.advance(9.999)
    second = checker.run()
    assert second is first and len(calls) == 1, f"within the TTL the same report is returned, checks ran {len(calls)}x"
    clock.advance(0.001)
    third = checker.run()
    assert third is not first and len(calls) == 2, f"at the TTL the checks run again, ran {len(calls)}x"
    assert third.checked_at == 1010.0, f"the new report's checked_at should be 1010.0, got {third.checked_at}"


def test_no_cache_by_default(clock: Clock) -> None:
    calls: list[int] = []
    checker = HealthChecker([HealthCheck("db", lambda: calls.append(1))], clock=clock)
    checker.run()
    checker.run()
    assert len(calls) == 2, f"without cache_ttl every run() runs the checks, ran {len(calls)}x"
    empty = HealthChecker([], clock=clock).run()
    assert (empty.status, empty.checks, empty.http_status) == ("pass", (), 200), f"no checks means pass: {empty!r}"


def test_to_dict() -> None:
    report = HealthReport(
        "warn",
        (
            CheckResult("postgres", "pass", True, 12.5),
            CheckResult("recommender", "fail", False, 1000.0, "timed out after 1s"),
        ),
        5.0,
    )
    want = {
        "status": "warn",
        "checks": {
            "postgres": {"status": "pass", "critical": True, "durationMs": 12.5},
            "recommender": {"status": "fail", "critical": False, "durationMs": 1000.0, "error": "timed out after 1s"},
        },
    }
    got = report.to_dict()
    assert got == want, f"to_dict() should be {want!r}, got {got!r}"
    assert list(got["checks"]) == ["postgres", "recommender"], "checks keep the report's order"


@pytest.mark.parametrize(
    "make",
    [
        lambda: HealthChecker([HealthCheck("db", passing), HealthCheck("db", passing)]),
        lambda: HealthChecker([HealthCheck("db", passing, timeout=0)]),
        lambda: HealthChecker([HealthCheck("db", passing, timeout=-1)]),
        lambda: HealthChecker([HealthCheck("db", passing)], cache_ttl=-1),
    ],
    ids=["duplicate-name", "zero-timeout", "negative-timeout", "negative-ttl"],
)
def test_invalid_setup_raises_value_error(make: Callable[[], HealthChecker]) -> None:
    with pytest.raises(ValueError):
        make()
