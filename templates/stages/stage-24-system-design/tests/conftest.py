"""Shared fixtures for the system design exercises: a clock the test moves by hand."""

from __future__ import annotations

import pytest


class ManualClock:
    """Seconds since an arbitrary epoch; only ``advance`` and ``set`` change it."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        assert seconds >= 0, "a monotonic clock never goes backwards"
        self.now += seconds

    def set(self, now: float) -> None:
        assert now >= self.now, "a monotonic clock never goes backwards"
        self.now = now


@pytest.fixture
def clock() -> ManualClock:
    """A manual clock starting at t=0.0."""
    return ManualClock()
