"""Shared fixtures for the monitoring exercises."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

_LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
_SAMPLE = re.compile(rf"(?P<series>[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{{(?:{_LABEL}(?:,{_LABEL})*)?\}})?) (?P<value>[^ ]+)")
_COMMENT = re.compile(
    r"# (?:HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (?:counter|gauge|histogram))"
)


class FakeClock:
    """A clock that only moves when told to: call it to read, ``advance`` to move."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def parse_exposition(text: str) -> dict[str, float]:
    """Check Prometheus text format line by line and return {series: value}.

    A series is the metric name plus its label text exactly as written,
    e.g. ``'http_requests_total{method="GET"}'``.
    """
    assert text == "" or text.endswith("\n"), f"the exposition text must end with a newline, got {text[-30:]!r}"
    samples: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            assert _COMMENT.fullmatch(line), f"line {number} is not a valid HELP/TYPE line: {line!r}"
            continue
        match = _SAMPLE.fullmatch(line)
        assert match, f"line {number} is not a valid sample line 'name{{labels}} value': {line!r}"
        try:
            value = float(match["value"])
        except ValueError:
            raise AssertionError(f"line {number} has a value that is not a number: {line!r}") from None
        assert match["series"] not in samples, f"line {number} repeats the series {match['series']!r}"
        samples[match["series"]] = value
    return samples


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting at t=1000.0 seconds."""
    return FakeClock()


@pytest.fixture
def scrape() -> Callable[[str], dict[str, float]]:
    """Parse and validate exposition text: ``scrape(text)`` -> ``{series: value}``."""
    return parse_exposition
