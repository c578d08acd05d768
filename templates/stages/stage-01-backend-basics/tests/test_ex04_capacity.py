"""Tests for ex04: Little's law for throughput and capacity planning."""

from __future__ import annotations

import pytest
from practice.capacity import average_concurrency, in_flight, max_throughput, servers_needed


@pytest.mark.parametrize(
    ("rps", "latency_ms", "want"),
    [
        (200, 50, 10),
        (1000, 250, 250),
        (0, 100, 0),
        (50, 0, 0),
        (3, 100, 0.3),
        (2500, 8, 20),
    ],
)
def test_in_flight(rps: float, latency_ms: float, want: float) -> None:
    got = in_flight(rps, latency_ms)
    assert got == pytest.approx(want), (
        f"in_flight({rps}, {latency_ms}) = {rps} * {latency_ms}/1000 = {want}, got {got!r}"
    )


@pytest.mark.parametrize(("rps", "latency_ms"), [(-1, 10), (10, -1)])
def test_in_flight_rejects_negative(rps: float, latency_ms: float) -> None:
    with pytest.raises(ValueError):
        in_flight(rps, latency_ms)


@pytest.mark.parametrize(
    ("concurrency", "latency_ms", "want"),
    [
        (8, 40, 200),
        (1, 1000, 1),
        (1, 1, 1000),
        (100, 250, 400),
        (3, 7.5, 400),
    ],
)
def test_max_throughput(concurrency: int, latency_ms: float, want: float) -> None:
    got = max_throughput(concurrency, latency_ms)
    assert got == pytest.approx(want), (
        f"{concurrency} workers at {latency_ms} ms each finish {want} requests/s, got {got!r}"
    )


@pytest.mark.parametrize(("concurrency", "latency_ms"), [(0, 10), (-3, 10), (4, 0), (4, -5)])
def test_max_throughput_rejects_bad_input(concurrency: int, latency_ms: float) -> None:
    with pytest.raises(ValueError):
        max_throughput(concurrency, latency_ms)


@pytest.mark.parametrize(
    ("peak_rps", "latency_ms", "workers", "utilization", "want"),
    [
        (1000, 200, 8, 0.5, 50),
        (2000, 80, 16, 0.7, 15),
        (1, 10, 4, 0.7, 1),
        (100, 100, 10, 1.0, 1),
        (101, 100, 10, 1.0, 2),
        (30, 700, 1, 0.7, 30),
        (7, 300, 3, 0.7, 1),
    ],
)
def test_servers_needed(peak_rps: float, latency_ms: float, workers: int, utilization: float, want: int) -> None:
    got = servers_needed(peak_rps, latency_ms, workers, utilization)
    load = peak_rps * latency_ms / 1000
    assert got == want, (
        f"{peak_rps} rps x {latency_ms} ms keeps {load:g} requests in flight; "
        f"at {workers} workers/server and {utilization:.0%} utilisation that is {want} server(s), got {got!r}"
    )
    assert isinstance(got, int), f"a server count is an int, got {type(got).__name__}"


def test_servers_needed_default_utilization_is_70_percent() -> None:
    got = servers_needed(700, 100, 10)
    assert got == 10, f"70 in flight / (10 workers x 0.7) = 10 servers, got {got!r}"


@pytest.mark.parametrize(
    "args",
    [(0, 100, 4, 0.7), (100, 0, 4, 0.7), (100, 100, 0, 0.7), (100, 100, 4, 0), (100, 100, 4, 1.5)],
)
def test_servers_needed_rejects_bad_input(args: tuple[float, float, int, float]) -> None:
    with pytest.raises(ValueError):
        servers_needed(*args)


@pytest.mark.parametrize(
    ("requests", "start", "end", "want"),
    [
        ([(0, 1), (1, 1)], 0, 2, 1.0),
        ([(0, 2), (0, 2), (0, 2)], 0, 2, 3.0),
        ([], 0, 10, 0.0),
        ([(-5, 10)], 0, 10, 0.5),
        ([(8, 4)], 0, 10, 0.2),
        ([(20, 1), (-3, 1)], 0, 10, 0.0),
        ([(2, 0)], 0, 10, 0.0),
    ],
)
def test_average_concurrency(requests: list[tuple[float, float]], start: float, end: float, want: float) -> None:
    got = average_concurrency(requests, start, end)
    assert got == pytest.approx(want), (
        f"requests {requests} over window [{start}, {end}] average {want} in flight, got {got!r}"
    )


def test_average_concurrency_agrees_with_littles_law() -> None:
    requests = [(i * 0.1, 0.25) for i in range(100)]
    got = average_concurrency(requests, 1.0, 9.0)
    want = in_flight(10, 250)
    assert got == pytest.approx(want), (
        f"10 requests/s of 250 ms each should average {want} in flight in a steady window, got {got!r}"
    )


@pytest.mark.parametrize(
    ("requests", "start", "end"),
    [([(0, 1)], 5, 5), ([(0, 1)], 5, 1), ([(0, -1)], 0, 10)],
)
def test_average_concurrency_rejects_bad_input(requests: list[tuple[float, float]], start: float, end: float) -> None:
    with pytest.raises(ValueError):
        average_concurrency(requests, start, end)
