"""A deployment gate: compare a canary with the baseline and decide.

Continuous delivery pipelines rarely ship a new version to everyone at
once. They send a small share of traffic to a canary, compare its metrics
with the baseline (the old version serving the rest), and then promote,
keep waiting for more data, or roll back. The two mistakes to avoid are
rolling back on noise (3 errors in 200 requests can be bad luck) and
promoting a real regression. A two-proportion z-test tells the two apart
for error rates; a ratio check catches latency regressions.

TODO: implement every function marked ``raise NotImplementedError``.
``math.sqrt`` and ``itertools.pairwise`` will help.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PROMOTE = "promote"
CONTINUE = "continue"
ROLLBACK = "rollback"


@dataclass(frozen=True)
class WindowStats:
    """Traffic seen by one version during the analysis window.

    Attributes:
        requests: number of requests served, ``>= 0``.
        errors: number of failed requests (5xx), ``0 <= errors <= requests``.
        p95_latency_ms: 95th percentile latency in milliseconds, ``>= 0``.
    """

    requests: int
    errors: int
    p95_latency_ms: float

    @property
    def error_rate(self) -> float:
        """``errors / requests``, or 0.0 when there were no requests."""
        return self.errors / self.requests if self.requests else 0.0


@dataclass(frozen=True)
class CanaryPolicy:
    """Thresholds for ``analyze_canary``.

    Attributes:
        min_requests: both versions need at least this many requests before
            any decision other than ``continue``.
        max_error_rate_increase: how much higher (absolute, 0.01 = one
            percentage point) the canary's error rate may be before it is
            even considered a regression.
        z_threshold: the z statistic above which the difference is treated
            as real rather than noise (2.33 is about 99% one-sided).
        max_latency_ratio: the canary's p95 may be at most this many times
            the baseline's p95.
    """

    min_requests: int = 500
    max_error_rate_increase: float = 0.01
    z_threshold: float = 2.33
    max_latency_ratio: float = 1.2


@dataclass(frozen=True)
class Verdict:
    """The gate's decision and the reasons for it, for the deploy log."""

    decision: str
    reasons: tuple[str, ...]


def two_proportion_z(errors_a: int, requests_a: int, errors_b: int, requests_b: int) -> float:
    """Return the pooled two-proportion z statistic for ``rate_b - rate_a``.

    With ``p_a = errors_a / requests_a``, ``p_b = errors_b / requests_b`` and
    the pooled rate ``p = (errors_a + errors_b) / (requests_a + requests_b)``::

        z = (p_b - p_a) / sqrt(p * (1 - p) * (1 / requests_a + 1 / requests_b))

    Positive when B's error rate is higher. When ``p`` is 0 or 1 the rates
    are equal and the result is ``0.0``.

    Raises:
        ValueError: if a request count is not positive, or an error count
            is negative or larger than its request count.
    """
    raise NotImplementedError("validate the counts, compute both rates and the pooled rate, and return the z statistic")


def analyze_canary(baseline: WindowStats, canary: WindowStats, policy: CanaryPolicy | None = None) -> Verdict:
    """Decide whether to promote the canary, keep watching, or roll back.

    Steps (``policy`` defaults to ``CanaryPolicy()``):

    1. Validate both windows: non-negative ints, ``errors <= requests``,
       non-negative latency, else ``ValueError``.
    2. If either version has fewer than ``policy.min_requests`` requests:
       ``continue`` with the single reason
       ``"not enough traffic: canary C/M, baseline B/M requests"``
       (C, B the counts and M the minimum).
    3. Error check: a regression when the canary's error rate exceeds the
       baseline's by MORE than ``max_error_rate_increase`` AND
       ``two_proportion_z(baseline..., canary...)`` is MORE than
       ``z_threshold``. Reason:
       ``"error rate 3.00% vs baseline 0.50% (z=6.03)"`` (rates as
       percentages with 2 decimals, z with 2 decimals).
    4. Latency check: when the baseline p95 is above 0, a regression when
       the canary p95 is MORE than ``max_latency_ratio`` times it. Reason:
       ``"p95 latency 260.0 ms vs baseline 200.0 ms"`` (1 decimal).
    5. Any regression: ``rollback`` with the reasons (error first, then
       latency). Otherwise ``promote`` with the single reason
       ``"canary is healthy"``.
    """
    raise NotImplementedError(
        "validate, return continue on low traffic, then collect error and latency regressions into a Verdict"
    )


def next_traffic_percent(current: int, verdict: Verdict, steps: Sequence[int] = (1, 5, 25, 50, 100)) -> int:
    """Return the canary's next share of traffic in a progressive rollout.

    * ``rollback`` -> 0 (all traffic back to the baseline).
    * ``continue`` -> ``current`` (stay and collect more data).
    * ``promote`` -> the next step after ``current``; at the last step stay
      there.

    Raises:
        ValueError: if ``steps`` is empty, not strictly increasing, or not
            within 1..100; if ``current`` is not one of ``steps``; or if the
            decision is not one of the three known ones.
    """
    raise NotImplementedError("validate steps and current, then map the decision to the next percentage")
