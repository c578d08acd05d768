"""Error budgets and multi-window, multi-burn-rate SLO alerts.

A service level objective such as "99.9% of requests succeed over 30 days"
allows 0.1% of requests to fail: that allowance is the **error budget**.
The **burn rate** says how fast it is being spent: a burn rate of 1 uses
exactly the whole budget in the SLO period, 14.4 uses 2% of a 30-day
budget in one hour.

Alerting on "error rate above X right now" pages people for blips and
misses slow leaks. The Google SRE Workbook ("Alerting on SLOs") recommends
alerting on burn rate over two windows at once: a long window proves the
problem is significant, a short window (1/12 of it) proves it is still
happening, so the alert also resets quickly once the problem is fixed.
Its recommended starting rules for a 30-day SLO are in ``WORKBOOK_RULES``.

Traffic is given as ``Sample``s: counts of total and bad requests in one
interval, stamped with the interval's end time in seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

HOUR = 3600.0
DAY = 24 * HOUR


@dataclass(frozen=True)
class Sample:
    """Requests counted in one interval that ended at ``timestamp``."""

    timestamp: float
    total: int
    bad: int


@dataclass(frozen=True)
class BurnRateRule:
    """Fire when the burn rate is above ``burn_rate`` over BOTH windows.

    Attributes:
        name: e.g. ``"page-1h"``.
        severity: ``"page"`` (wake someone up) or ``"ticket"``.
        long_window: seconds.
        short_window: seconds.
        burn_rate: the threshold, compared with ``>``.
    """

    name: str
    severity: str
    long_window: float
    short_window: float
    burn_rate: float


WORKBOOK_RULES = (
    BurnRateRule("page-1h", "page", 1 * HOUR, 5 * 60.0, 14.4),
    BurnRateRule("page-6h", "page", 6 * HOUR, 30 * 60.0, 6.0),
    BurnRateRule("ticket-3d", "ticket", 3 * DAY, 6 * HOUR, 1.0),
)


@dataclass(frozen=True)
class Alert:
    """A firing rule and the burn rates that made it fire."""

    rule: str
    severity: str
    long_burn_rate: float
    short_burn_rate: float


def error_budget(slo: float) -> float:
    """Return the allowed error ratio ``1 - slo`` (0.999 -> about 0.001).

    Raises:
        ValueError: unless ``0 < slo < 1`` (100% leaves no budget at all,
            and a ratio above 1 is a typo such as 99.9 for 0.999).
    """
    if not 0 < slo < 1:
        raise ValueError(f"slo must be between 0 and 1 exclusive (e.g. 0.999), got {slo!r}")
    return 1 - slo


def burn_rate(error_ratio: float, slo: float) -> float:
    """How fast the budget burns: ``error_ratio / error_budget(slo)``.

    Raises:
        ValueError: if ``error_ratio`` is outside 0..1, or as ``error_budget``.
    """
    if not 0 <= error_ratio <= 1:
        raise ValueError(f"error_ratio must be between 0 and 1, got {error_ratio!r}")
    return error_ratio / error_budget(slo)


def burn_rate_threshold(budget_fraction: float, window: float, period: float = 30 * DAY) -> float:
    """The burn rate that spends ``budget_fraction`` of the budget in ``window``.

    ``budget_fraction * period / window``: spending 2% of a 30-day budget in
    one hour is a burn rate of 0.02 * 720 h / 1 h = 14.4.

    Raises:
        ValueError: unless ``0 < budget_fraction <= 1`` and ``0 < window <= period``.
    """
    if not 0 < budget_fraction <= 1:
        raise ValueError(f"budget_fraction must be in (0, 1], got {budget_fraction!r}")
    if not 0 < window <= period:
        raise ValueError(f"window must be in (0, period], got {window!r}")
    return budget_fraction * period / window


def budget_remaining(slo: float, total: int, bad: int) -> float:
    """Fraction of the error budget left after ``bad`` of ``total`` requests failed.

    ``1 - (bad / total) / error_budget(slo)``: 1.0 when nothing failed (also
    when ``total`` is 0), 0.0 when exactly the budget is used, negative when
    the SLO is already missed.

    Raises:
        ValueError: if ``total < 0`` or ``bad`` is not in ``0..total``, or as
            ``error_budget``.
    """
    budget = error_budget(slo)
    if total < 0 or not 0 <= bad <= total:
        raise ValueError(f"need 0 <= bad <= total, got bad={bad}, total={total}")
    if total == 0:
        return 1.0
    return 1 - (bad / total) / budget


def hours_until_exhausted(remaining: float, rate: float, period: float = 30 * DAY) -> float:
    """At burn rate ``rate``, hours until the remaining budget is gone.

    A burn rate of 1 spends the whole budget in ``period``, so the answer is
    ``remaining * period / rate`` converted to hours. ``math.inf`` when
    ``rate <= 0``; 0.0 when ``remaining <= 0``.
    """
    if remaining <= 0:
        return 0.0
    if rate <= 0:
        return math.inf
    return remaining * period / rate / HOUR


def error_ratio(samples: Iterable[Sample], now: float, window: float) -> float:
    """Bad / total over the samples with ``now - window < timestamp <= now``.

    Returns 0.0 when that window holds no requests (no traffic is not an
    outage).
    """
    total = bad = 0
    for sample in samples:
        if now - window < sample.timestamp <= now:
            total += sample.total
            bad += sample.bad
    return bad / total if total else 0.0


def evaluate_burn_rate_alerts(
    samples: Sequence[Sample],
    now: float,
    slo: float,
    rules: Sequence[BurnRateRule] = WORKBOOK_RULES,
) -> list[Alert]:
    """Return the rules firing at ``now``, in the order of ``rules``.

    A rule fires when ``burn_rate(error_ratio(samples, now, long_window))``
    AND ``burn_rate(error_ratio(samples, now, short_window))`` are both
    greater than ``rule.burn_rate``. Each Alert carries both burn rates.

    Raises:
        ValueError: as ``error_budget``.
    """
    error_budget(slo)
    alerts: list[Alert] = []
    for rule in rules:
        long_rate = burn_rate(error_ratio(samples, now, rule.long_window), slo)
        short_rate = burn_rate(error_ratio(samples, now, rule.short_window), slo)
        if long_rate > rule.burn_rate and short_rate > rule.burn_rate:
            alerts.append(Alert(rule.name, rule.severity, long_rate, short_rate))
    return alerts
