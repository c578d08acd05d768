"""Threshold alert rules with ``for:`` durations, evaluated like Prometheus.

An alerting rule such as::

    - alert: HighErrorRate
      expr: error_rate > 0.05
      for: 5m
      keep_firing_for: 2m

is evaluated at a fixed interval. Each rule is a small state machine:

* **inactive** -> the condition becomes true -> **pending** (an
  ``AlertEvent`` with state ``"pending"``; with ``for_seconds == 0`` the
  rule goes straight to **firing** instead and only ``"firing"`` is
  emitted);
* **pending** -> still true and ``now - active_since >= for_seconds`` ->
  **firing** (event ``"firing"``);
* **pending** -> false -> **inactive** again, silently: a blip shorter than
  ``for`` never notifies anyone, and the next true starts the wait over;
* **firing** -> false -> **resolved** (event ``"resolved"``) and back to
  inactive, unless ``keep_firing_for`` is set and the condition was last
  true less than ``keep_firing_for`` seconds ago (this stops a flapping
  value from resolving and re-firing every few seconds).

A missing metric or a NaN value makes the condition false (no data is not
an alert; use a separate "absent" rule for that).

TODO: implement ``AlertRule.matches``, ``AlertEvaluator`` and ``replay``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

INACTIVE = "inactive"
PENDING = "pending"
FIRING = "firing"
RESOLVED = "resolved"

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class AlertRule:
    """``metric op threshold``, held for ``for_seconds`` before firing.

    Attributes:
        name: unique rule name, e.g. ``"HighErrorRate"``.
        metric: the key to read from each evaluation's values.
        op: one of ``OPERATORS``.
        threshold: the number to compare with.
        for_seconds: how long the condition must hold before firing (>= 0).
        keep_firing_for: how long to keep firing after the condition stops
            being true (>= 0).
    """

    name: str
    metric: str
    op: str
    threshold: float
    for_seconds: float = 0.0
    keep_firing_for: float = 0.0

    def matches(self, values: Mapping[str, float]) -> bool:
        """True when the metric is present, not NaN, and ``value op threshold`` holds."""
        raise NotImplementedError("read the metric, treat missing and NaN as False, then apply OPERATORS[self.op]")


@dataclass(frozen=True)
class AlertEvent:
    """A state change worth notifying about.

    Attributes:
        rule: the rule's name.
        state: ``"pending"``, ``"firing"`` or ``"resolved"``.
        at: the evaluation time.
        value: the metric's value at that evaluation (None when missing).
    """

    rule: str
    state: str
    at: float
    value: float | None


class AlertEvaluator:
    """Keeps the state of a set of rules across evaluations."""

    def __init__(self, rules: Sequence[AlertRule], *, clock: Callable[[], float]) -> None:
        """Validate the rules and start every rule inactive.

        Raises:
            ValueError: if two rules share a name, an ``op`` is not in
                ``OPERATORS``, or a duration is negative.
        """
        raise NotImplementedError(
            "validate the rules, keep them in order with the clock, and per rule a state and two timestamps"
        )

    def state(self, name: str) -> str:
        """``"inactive"``, ``"pending"`` or ``"firing"`` for rule ``name``.

        Raises:
            KeyError: for an unknown rule name.
        """
        raise NotImplementedError("look the rule's state up")

    def evaluate(self, values: Mapping[str, float]) -> list[AlertEvent]:
        """Run one evaluation at ``clock()`` and return the events it caused.

        Events come in rule order; at most one per rule per evaluation.

        Raises:
            ValueError: if the clock went backwards since the last evaluation.
        """
        raise NotImplementedError(
            "read the clock once, refuse time going backwards, then step each rule's state machine"
        )


def replay(rules: Sequence[AlertRule], series: Sequence[tuple[float, Mapping[str, float]]]) -> list[AlertEvent]:
    """Evaluate ``rules`` over ``(time, values)`` points and return all events.

    Uses a fresh ``AlertEvaluator`` whose clock reads the time of the point
    being evaluated; the points are evaluated in the given order.
    """
    raise NotImplementedError(
        "build an evaluator whose clock returns the current point's time, evaluate each point, collect the events"
    )
