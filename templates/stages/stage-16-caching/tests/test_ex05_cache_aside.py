"""Tests for ex05: cache-aside with TTL, single flight and stale-if-error.

The concurrency tests are deterministic: loaders block on ``threading.Event``
objects the test controls, and the test counts loader calls instead of
measuring time. Every wait has a timeout so a broken solution fails instead
of hanging.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import pytest
from practice.cache_aside import CacheAside

WAIT = 5.0


class Clock(Protocol):
    def __call__(self) -> float: ...
    def advance(self, seconds: float) -> None: ...


class Workers:
    """Runs callables in daemon threads and records results or exceptions."""

    def __init__(self) -> None:
        self.results: list[Any] = []
        self.errors: list[BaseException] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self, fn: Callable[[], Any]) -> None:
        def run() -> None:
            try:
                value = fn()
            except BaseException as exc:
                with self._lock:
                    self.errors.append(exc)
            else:
                with self._lock:
                    self.results.append(value)

        thread = threading.Thread(target=run, daemon=True)
        self._threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in self._threads:
            thread.join(WAIT)
            assert not thread.is_alive(), "a get() call never returned (deadlock or missing Event.set?)"

    def raise_unexpected(self, allowed: type[BaseException] | None = None) -> None:
        for exc in self.errors:
            if allowed is None or not isinstance(exc, allowed):
                raise exc


def wait_until(condition: Callable[[], bool], workers: Workers, what: str, timeout: float = WAIT) -> None:
    """Poll ``condition``; re-raise a worker's error early; fail after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if workers.errors:
            workers.raise_unexpected()
        time.sleep(0.005)
    raise AssertionError(f"timed out waiting for: {what}")


def test_miss_loads_then_hits(clock: Clock) -> None:
    calls: list[str] = []

    def loader(key: str) -> str:
        calls.append(key)
        return f"user:{key}"

    cache: CacheAside[str, str] = CacheAside(loader, ttl=60, clock=clock)
    got = [cache.get("7"), cache.get("7"), cache.get("8"), cache.get("7")]
    assert got == ["user:7", "user:7", "user:8", "user:7"], f"unexpected values {got!r}"
    assert calls == ["7", "8"], f"the loader should run once per key while fresh, ran for {calls!r}"
    assert cache.loads == 2, f"loads should be 2, got {cache.loads}"


def test_expired_value_is_reloaded_at_ttl(clock: Clock) -> None:
    version = [0]

    def loader(key: str) -> int:
        version[0] += 1
        return version[0]

    cache: CacheAside[str, int] = CacheAside(loader, ttl=30, clock=clock)
    assert cache.get("k") == 1
    clock.advance(29.999)
    assert cache.get("k") == 1, "just before ttl the cached value must be served"
    clock.advance(0.001)
    got = cache.get("k")
    assert got == 2, f"at exactly ttl the value is expired and must be reloaded, got {got}"


def test_invalidate_forces_reload(clock: Clock) -> None:
    version = [0]

    def loader(key: str) -> int:
        version[0] += 1
        return version[0]

    cache: CacheAside[str, int] = CacheAside(loader, ttl=300, clock=clock)
    cache.get("k")
    assert cache.invalidate("k") is True, "invalidate should return True when it removed a value"
    assert cache.invalidate("k") is False, "invalidating again should return False"
    assert cache.invalidate("never-loaded") is False, "an unknown key should return False"
    got = cache.get("k")
    assert got == 2, f"after invalidate the next get must call the loader again, got {got}"


def test_concurrent_misses_call_loader_once(clock: Clock) -> None:
    threads = 8
    release = threading.Event()
    entered = threading.Event()
    calls: list[str] = []
    calls_lock = threading.Lock()

    def loader(key: str) -> str:
        with calls_lock:
            calls.append(key)
        entered.set()
        release.wait(WAIT)
        return f"value-{key}"

    cache: CacheAside[str, str] = CacheAside(loader, ttl=60, clock=clock)
    workers = Workers()
    barrier = threading.Barrier(threads)

    def call() -> str:
        barrier.wait(WAIT)
        return cache.get("hot")

    try:
        for _ in range(threads):
            workers.start(call)
        wait_until(entered.is_set, workers, "the first loader call")
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline and len(calls) == 1:
            time.sleep(0.005)
    finally:
        release.set()
    workers.join()
    workers.raise_unexpected()
    assert len(calls) == 1, (
        f"{threads} concurrent misses for one key must call the loader once (single flight), "
        f"it was called {len(calls)} times"
    )
    assert workers.results == ["value-hot"] * threads, f"every caller should get 'value-hot', got {workers.results!r}"


def test_waiters_share_the_loader_exception_and_nothing_is_cached(clock: Clock) -> None:
    release = threading.Event()
    entered = threading.Event()
    database_up = threading.Event()
    boom = ConnectionError("database unavailable")

    def loader(key: str) -> str:
        if database_up.is_set():
            return "recovered"
        entered.set()
        release.wait(WAIT)
        raise boom

    cache: CacheAside[str, str] = CacheAside(loader, ttl=60, clock=clock)
    workers = Workers()
    try:
        workers.start(lambda: cache.get("k"))
        wait_until(entered.is_set, workers, "the leader to enter the loader")
        for _ in range(3):
            workers.start(lambda: cache.get("k"))
        time.sleep(0.05)
    finally:
        release.set()
    workers.join()
    workers.raise_unexpected(ConnectionError)
    assert len(workers.errors) == 4, (
        f"the leader and all 3 waiters should get the loader's error, {len(workers.errors)} did "
        f"(results: {workers.results!r})"
    )
    assert all(exc is boom for exc in workers.errors), "everyone must get the very same exception object"
    database_up.set()
    got = cache.get("k")
    assert got == "recovered", f"a failure must not be cached: the next get should load again, got {got!r}"


def test_different_keys_load_in_parallel(clock: Clock) -> None:
    b_loaded = threading.Event()
    a_entered = threading.Event()
    saw_b: list[bool] = []

    def loader(key: str) -> str:
        if key == "a":
            a_entered.set()
            saw_b.append(b_loaded.wait(2.0))
        else:
            b_loaded.set()
        return key.upper()

    cache: CacheAside[str, str] = CacheAside(loader, ttl=60, clock=clock)
    workers = Workers()
    workers.start(lambda: cache.get("a"))
    wait_until(a_entered.is_set, workers, "the loader for 'a' to start")
    workers.start(lambda: cache.get("b"))
    workers.join()
    workers.raise_unexpected()
    assert saw_b == [True], (
        "while the loader for 'a' was running, get('b') could not finish: the cache must not "
        "hold its lock while a loader runs"
    )
    assert sorted(workers.results) == ["A", "B"], f"both keys should load, got {workers.results!r}"


def test_stale_if_error_serves_previous_value_within_grace(clock: Clock) -> None:
    outcomes: list[Any] = ["v1", TimeoutError("slow db"), TimeoutError("still slow"), "v2"]

    def loader(key: str) -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    cache: CacheAside[str, str] = CacheAside(loader, ttl=10, stale_if_error=20, clock=clock)
    assert cache.get("k") == "v1"
    clock.advance(15)
    got = cache.get("k")
    assert got == "v1", f"5s past expiry (grace 20s) a failed reload should serve the stale 'v1', got {got!r}"
    clock.advance(20)
    with pytest.raises(TimeoutError):
        cache.get("k")
    got = cache.get("k")
    assert got == "v2", f"after the failure the next get should load again and get 'v2', got {got!r}"


def test_no_grace_by_default(clock: Clock) -> None:
    outcomes: list[Any] = ["v1", ValueError("bad row")]

    def loader(key: str) -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    cache: CacheAside[str, str] = CacheAside(loader, ttl=10, clock=clock)
    cache.get("k")
    clock.advance(10)
    with pytest.raises(ValueError, match="bad row"):
        cache.get("k")


def test_invalidate_during_load_is_not_overwritten(clock: Clock) -> None:
    release = threading.Event()
    entered = threading.Event()
    version = [0]

    def loader(key: str) -> str:
        version[0] += 1
        if version[0] == 1:
            entered.set()
            release.wait(WAIT)
        return f"v{version[0]}"

    cache: CacheAside[str, str] = CacheAside(loader, ttl=60, clock=clock)
    workers = Workers()
    try:
        workers.start(lambda: cache.get("k"))
        wait_until(entered.is_set, workers, "the slow load to start")
        cache.invalidate("k")
    finally:
        release.set()
    workers.join()
    workers.raise_unexpected()
    assert workers.results == ["v1"], f"the in-flight caller still gets its value 'v1', got {workers.results!r}"
    got = cache.get("k")
    assert got == "v2", (
        "invalidate() during a load means that load's (possibly outdated) value must not be "
        f"stored; the next get should load 'v2', got {got!r}"
    )


@pytest.mark.parametrize(
    ("ttl", "grace"),
    [(0, 0.0), (-5, 0.0), (10, -1.0)],
    ids=["ttl-zero", "ttl-negative", "grace-negative"],
)
def test_invalid_settings_raise_value_error(clock: Clock, ttl: float, grace: float) -> None:
    with pytest.raises(ValueError):
        CacheAside(lambda key: key, ttl=ttl, stale_if_error=grace, clock=clock)
