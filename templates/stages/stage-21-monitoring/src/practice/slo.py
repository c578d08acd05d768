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

TODO: implement every function marked ``raise NotImplementedError``.
"""

from __future__ import annotations

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
    raise NotImplementedError("check the range and return 1 - slo")


def burn_rate(error_ratio: float, slo: float) -> float:
    """How fast the budget burns: ``error_ratio / error_budget(slo)``.

    Raises:
        ValueError: if ``error_ratio`` is outside 0..1, or as ``error_budget``.
    """
    raise NotImplementedError("validate the ratio and divide it by the error budget")


def burn_rate_threshold(budget_fraction: float, window: float, period: float = 30 * DAY) -> float:
    """The burn rate that spends ``budget_fraction`` of the budget in ``window``.

    ``budget_fraction * period / window``: spending 2% of a 30-day budget in
    one hour is a burn rate of 0.02 * 720 h / 1 h = 14.4.

    Raises:
        ValueError: unless ``0 < budget_fraction <= 1`` and ``0 < window <= period``.
    """
    raise NotImplementedError("validate, then apply the formula")


def budget_remaining(slo: float, total: int, bad: int) -> float:
    """Fraction of the error budget left after ``bad`` of ``total`` requests failed.

    ``1 - (bad / total) / error_budget(slo)``: 1.0 when nothing failed (also
    when ``total`` is 0), 0.0 when exactly the budget is used, negative when
    the SLO is already missed.

    Raises:
        ValueError: if ``total < 0`` or ``bad`` is not in ``0..total``, or as
            ``error_budget``.
    """
    raise NotImplementedError("validate the counts, handle total == 0, then apply the formula")


def hours_until_exhausted(remaining: float, rate: float, period: float = 30 * DAY) -> float:
    """At burn rate ``rate``, hours until the remaining budget is gone.

    A burn rate of 1 spends the whole budget in ``period``, so the answer is
    ``remaining * period / rate`` converted to hours. ``math.inf`` when
    ``rate <= 0``; 0.0 when ``remaining <= 0``.
    """
    raise NotImplementedError("handle the two edge cases, then apply the formula in hours")


def error_ratio(samples: Iterable[Sample], now: float, window: float) -> float:
    """Bad / total over the samples with ``now - window < timestamp <= now``.

    Returns 0.0 when that window holds no requests (no traffic is not an
    outage).
    """
    raise NotImplementedError("sum total and bad over the samples inside the half-open window")


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
    raise NotImplementedError("compute both burn rates per rule and keep the rules where both are above the threshold")
