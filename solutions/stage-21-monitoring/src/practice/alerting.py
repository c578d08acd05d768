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
"""

from __future__ import annotations

import math
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
        value = values.get(self.metric)
        if value is None or math.isnan(value):
            return False
        return OPERATORS[self.op](value, self.threshold)


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
        names = [rule.name for rule in rules]
        if len(set(names)) != len(names):
            raise ValueError(f"rule names must be unique, got {names!r}")
        for rule in rules:
            if rule.op not in OPERATORS:
                raise ValueError(f"rule {rule.name!r}: unknown operator {rule.op!r}")
            if rule.for_seconds < 0 or rule.keep_firing_for < 0:
                raise ValueError(f"rule {rule.name!r}: durations must not be negative")
        self._rules = tuple(rules)
        self._clock = clock
        self._state = {rule.name: INACTIVE for rule in rules}
        self._active_since: dict[str, float] = {}
        self._last_true: dict[str, float] = {}
        self._last_eval: float | None = None

    def state(self, name: str) -> str:
        """``"inactive"``, ``"pending"`` or ``"firing"`` for rule ``name``.

        Raises:
            KeyError: for an unknown rule name.
        """
        return self._state[name]

    def evaluate(self, values: Mapping[str, float]) -> list[AlertEvent]:
        """Run one evaluation at ``clock()`` and return the events it caused.

        Events come in rule order; at most one per rule per evaluation.

        Raises:
            ValueError: if the clock went backwards since the last evaluation.
        """
        now = self._clock()
        if self._last_eval is not None and now < self._last_eval:
            raise ValueError(f"clock went backwards: {now} < {self._last_eval}")
        self._last_eval = now
        events: list[AlertEvent] = []
        for rule in self._rules:
            value = values.get(rule.metric)
            state = self._state[rule.name]
            if rule.matches(values):
                self._last_true[rule.name] = now
                if state == INACTIVE:
                    self._active_since[rule.name] = now
                    state = PENDING
                    if rule.for_seconds > 0:
                        events.append(AlertEvent(rule.name, PENDING, now, value))
                if state == PENDING and now - self._active_since[rule.name] >= rule.for_seconds:
                    state = FIRING
                    events.append(AlertEvent(rule.name, FIRING, now, value))
            elif state == PENDING:
                state = INACTIVE
            elif state == FIRING and now - self._last_true[rule.name] >= rule.keep_firing_for:
                state = INACTIVE
                events.append(AlertEvent(rule.name, RESOLVED, now, value))
            self._state[rule.name] = state
        return events


def replay(rules: Sequence[AlertRule], series: Sequence[tuple[float, Mapping[str, float]]]) -> list[AlertEvent]:
    """Evaluate ``rules`` over ``(time, values)`` points and return all events.

    Uses a fresh ``AlertEvaluator`` whose clock reads the time of the point
    being evaluated; the points are evaluated in the given order.
    """
    current = [0.0]
    evaluator = AlertEvaluator(rules, clock=lambda: current[0])
    events: list[AlertEvent] = []
    for at, values in series:
        current[0] = at
        events.extend(evaluator.evaluate(values))
    return events
