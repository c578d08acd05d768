"""Estimate throughput and capacity with Little's law.

Little's law says that, in a stable system, the average number of requests in flight
equals the arrival rate times the average time each request spends inside:
``L = lambda * W``. It is the back-of-the-envelope tool behind questions like "how many
workers do we need for 2,000 requests per second at 80 ms each?" and "why did the
connection pool run dry when the database slowed down?".
"""

from __future__ import annotations

from collections.abc import Iterable


def in_flight(rps: float, latency_ms: float) -> float:
    """Return the average number of requests in flight (Little's law, ``L = lambda * W``).

    Example: 200 requests per second that each take 50 ms keep 10 requests in flight.

    Args:
        rps: Arrival rate in requests per second, ``>= 0``.
        latency_ms: Average time per request in milliseconds, ``>= 0``.

    Returns:
        ``rps * latency_ms / 1000``.

    Raises:
        ValueError: If either argument is negative.
    """
    raise NotImplementedError(
        "Raise ValueError for negative input; otherwise return rps * latency_ms / 1000 (Little's law: "
        "L = lambda * W, with W in seconds)."
    )


def max_throughput(concurrency: int, latency_ms: float) -> float:
    """Return the most requests per second a fixed number of workers can complete.

    Rearranged Little's law: ``lambda = L / W``. Example: 8 workers at 40 ms per
    request finish at most 200 requests per second.

    Args:
        concurrency: How many requests can be processed at once, ``>= 1``.
        latency_ms: Time per request in milliseconds, ``> 0``.

    Returns:
        ``concurrency * 1000 / latency_ms``.

    Raises:
        ValueError: If ``concurrency < 1`` or ``latency_ms <= 0``.
    """
    raise NotImplementedError(
        "Raise ValueError unless concurrency >= 1 and latency_ms > 0; otherwise return concurrency / "
        "(latency_ms / 1000)."
    )


def servers_needed(
    peak_rps: float,
    latency_ms: float,
    workers_per_server: int,
    target_utilization: float = 0.7,
) -> int:
    """Return how many servers keep every server at or below a target utilisation.

    Requests in flight at peak are ``peak_rps * latency_ms / 1000``. Each server can
    hold ``workers_per_server * target_utilization`` of them without running hot. The
    answer is the ceiling of the first divided by the second, and at least 1.

    Floating point can turn an exact 30 into 30.000000000000004, and the ceiling of
    that is 31: do the arithmetic exactly, e.g. with ``fractions.Fraction(str(x))``.

    Args:
        peak_rps: Peak arrival rate in requests per second, ``> 0``.
        latency_ms: Average time per request in milliseconds, ``> 0``.
        workers_per_server: Concurrent requests one server can process, ``>= 1``.
        target_utilization: Fraction of capacity to use at peak, ``0 < u <= 1``.

    Returns:
        The number of servers, an ``int >= 1``.

    Raises:
        ValueError: If any argument is outside its range.
    """
    raise NotImplementedError(
        "Validate every argument (ValueError), compute in-flight load and per-server capacity with "
        "fractions.Fraction(str(x)), and return max(1, ceil(load / capacity))."
    )


def average_concurrency(
    requests: Iterable[tuple[float, float]],
    window_start: float,
    window_end: float,
) -> float:
    """Measure the average number of requests in flight during a time window.

    This is how you check Little's law against an access log. Each request is
    ``(start_s, duration_s)`` and is in flight from ``start_s`` to
    ``start_s + duration_s``. Add up, for every request, how many seconds of its
    flight fall inside ``[window_start, window_end]``, then divide by the window
    length. Requests entirely outside the window contribute nothing.

    Example: two requests of 1 s each inside a 2 s window give an average of 1.0.

    Args:
        requests: ``(start_s, duration_s)`` pairs; durations must be ``>= 0``.
        window_start: Start of the window in seconds.
        window_end: End of the window in seconds, ``> window_start``.

    Returns:
        The average concurrency over the window (``0.0`` for no requests).

    Raises:
        ValueError: If the window is empty or reversed, or a duration is negative.
    """
    raise NotImplementedError(
        "Raise ValueError for window_end <= window_start or a negative duration; sum each request's "
        "overlap min(end, window_end) - max(start, window_start) when positive, and divide by the "
        "window length."
    )
