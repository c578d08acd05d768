"""Shared fixtures for the caching exercises."""

from __future__ import annotations

import threading

import pytest


class FakeClock:
    """A controllable monotonic clock: call it to read, ``advance`` to move."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting at t=1000.0 seconds."""
    return FakeClock()
