"""Split a latency budget across the hops of a request and find the hops that break it.

Teams promise latency as a percentile ("p99 under 300 ms"), not as an average: the
slowest 1% of requests are the ones users complain about. To keep such a promise, the
end-to-end budget is divided between the hops (load balancer, app, cache, database),
each hop is measured at the same percentile, and the hops that go over their share are
the ones to work on first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Breach:
    """A hop whose measured percentile latency is above its budget.

    Attributes:
        hop: Name of the hop.
        budget_ms: The hop's allowed latency in milliseconds.
        observed_ms: The measured latency at the requested percentile.
        over_ms: ``observed_ms - budget_ms`` (always > 0).
    """

    hop: str
    budget_ms: float
    observed_ms: float
    over_ms: float


def percentile(samples: Sequence[float], p: float) -> float:
    """Return the ``p``-th percentile of ``samples`` using the nearest-rank method.

    Sort the samples; the answer is the value at 1-based rank ``ceil(p / 100 * n)``
    where ``n`` is the number of samples. The result is always one of the samples
    (no interpolation). Compute the rank exactly, e.g. with
    ``fractions.Fraction(str(p))``, so that ``p=99.9`` with 1000 samples gives rank
    999, not 1000.

    Examples: the p50 of ``[1, 2, 3, 4]`` is 2; the p99 of the numbers 1..100 is 99;
    the p100 of any samples is their maximum.

    Args:
        samples: Measured latencies, in any order. Not modified.
        p: The percentile, with ``0 < p <= 100``.

    Returns:
        The sample at the nearest rank.

    Raises:
        ValueError: If ``samples`` is empty or ``p`` is not in ``(0, 100]``.
    """
    if not samples:
        raise ValueError("cannot take a percentile of no samples")
    if not 0 < p <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {p}")
    ordered = sorted(samples)
    rank = math.ceil(Fraction(str(p)) * len(ordered) / 100)
    return ordered[max(rank, 1) - 1]


def split_budget(total_ms: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Divide a whole-millisecond budget between hops in proportion to their weights.

    Each hop first gets the floor of its exact share ``total_ms * w / sum(weights)``.
    The milliseconds left over are then handed out one each to the hops with the
    largest fractional remainders (ties go to the hop that comes first in
    ``weights``). The shares therefore always add up to exactly ``total_ms``.

    Example: ``split_budget(100, {"lb": 1, "app": 1, "db": 1})`` returns
    ``{"lb": 34, "app": 33, "db": 33}``.

    Args:
        total_ms: The end-to-end budget in whole milliseconds, ``>= 0``.
        weights: Relative share of each hop; every weight must be ``> 0``.

    Returns:
        A dict from hop name to whole milliseconds, keys in the order of ``weights``.

    Raises:
        ValueError: If ``total_ms`` is negative, ``weights`` is empty, or any weight
            is zero or negative.
    """
    if total_ms < 0:
        raise ValueError(f"budget must not be negative, got {total_ms}")
    if not weights:
        raise ValueError("need at least one hop to split a budget between")
    for hop, weight in weights.items():
        if weight <= 0:
            raise ValueError(f"weight of hop {hop!r} must be > 0, got {weight}")
    exact_weights = {hop: Fraction(str(weight)) for hop, weight in weights.items()}
    weight_sum = sum(exact_weights.values())
    exact = {hop: total_ms * w / weight_sum for hop, w in exact_weights.items()}
    shares = {hop: math.floor(value) for hop, value in exact.items()}
    left = total_ms - sum(shares.values())
    order = list(weights)
    by_remainder = sorted(order, key=lambda hop: (-(exact[hop] - shares[hop]), order.index(hop)))
    for hop in by_remainder[:left]:
        shares[hop] += 1
    return shares


def find_breaches(
    budget: Mapping[str, float],
    samples: Mapping[str, Sequence[float]],
    p: float = 99,
) -> list[Breach]:
    """Report every hop whose ``p``-th percentile latency is above its budget.

    A hop exactly at its budget is fine; only ``observed > budget`` is a breach.
    Every budgeted hop must have samples and every measured hop must have a budget:
    an unbudgeted hop is how budgets silently stop meaning anything.

    Args:
        budget: Allowed milliseconds per hop.
        samples: Measured latencies per hop (each list non-empty).
        p: The percentile to compare, as in :func:`percentile`.

    Returns:
        One :class:`Breach` per offending hop, worst first (largest ``over_ms``);
        ties sorted by hop name. ``[]`` when every hop is within budget.

    Raises:
        ValueError: If a budgeted hop has no samples, a measured hop has no budget,
            or :func:`percentile` rejects a hop's samples or ``p``.
    """
    missing = [hop for hop in budget if hop not in samples]
    if missing:
        raise ValueError(f"no samples for budgeted hop(s) {missing}")
    extra = [hop for hop in samples if hop not in budget]
    if extra:
        raise ValueError(f"no budget for measured hop(s) {extra}")
    breaches = []
    for hop, allowed in budget.items():
        observed = percentile(samples[hop], p)
        if observed > allowed:
            breaches.append(Breach(hop, allowed, observed, observed - allowed))
    breaches.sort(key=lambda b: (-b.over_ms, b.hop))
    return breaches
