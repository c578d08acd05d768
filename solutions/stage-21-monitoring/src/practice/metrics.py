"""Counters, gauges and histograms in the Prometheus text exposition format.

Prometheus (and Grafana Agent, VictoriaMetrics, Datadog's OpenMetrics
check...) scrape a plain-text page from every service, usually
``GET /metrics``. Client libraries produce it for you, but you read it
every time a dashboard looks wrong, so you should know it by heart::

    # HELP http_requests_total Requests handled.
    # TYPE http_requests_total counter
    http_requests_total{method="GET",status="200"} 1027
    # HELP http_request_duration_seconds Time to answer.
    # TYPE http_request_duration_seconds histogram
    http_request_duration_seconds_bucket{le="0.1"} 940
    http_request_duration_seconds_bucket{le="0.5"} 1020
    http_request_duration_seconds_bucket{le="+Inf"} 1027
    http_request_duration_seconds_sum 31.5
    http_request_duration_seconds_count 1027

Rules this module follows:

* Families appear in registration order: ``# HELP name text``, then
  ``# TYPE name counter|gauge|histogram``, then the samples.
* Children (one per set of label values) appear in the order they were
  first created with ``labels(...)``. A metric without labels always has
  its one sample (0 before anything happened); a labelled metric with no
  children has only the HELP and TYPE lines.
* Labels are written ``{a="x",b="y"}`` in ``labelnames`` order (for
  histogram buckets ``le`` comes last); no braces when there are no labels.
* In label values ``\\`` becomes ``\\\\``, ``"`` becomes ``\\"`` and a newline
  becomes ``\\n``. In HELP text only ``\\`` and newline are escaped.
* Numbers go through ``format_value``.
* Histogram buckets are cumulative: the ``le="0.5"`` bucket counts every
  observation <= 0.5, and ``le="+Inf"`` equals ``_count``.
* The text ends with a newline, and an empty registry gives ``""``.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any, Generic, TypeVar

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

ChildT = TypeVar("ChildT")
MetricT = TypeVar("MetricT", bound="Metric[Any]")

_METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")


def format_value(value: float) -> str:
    """Format a sample value the way Prometheus does.

    ``+Inf``, ``-Inf`` and ``NaN`` for the special values; whole numbers
    below 1e15 in absolute value without a decimal point (``3.0`` ->
    ``"3"``, ``-2`` -> ``"-2"``); everything else with ``repr(float(v))``
    (``0.25`` -> ``"0.25"``, ``1e+20`` stays ``"1e+20"``).
    """
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def escape_label_value(value: str) -> str:
    """Escape backslash, double quote and newline for use inside ``"..."``."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Metric(Generic[ChildT]):
    """What every metric family shares: name, help, label names, children."""

    kind = "untyped"

    def __init__(self, name: str, help: str, labelnames: Sequence[str] = ()) -> None:
        """Validate and store the family's description.

        Sets these attributes, which the subclasses below rely on:

        * ``name``, ``help`` and ``labelnames`` (a tuple);
        * ``_lock``: a ``threading.Lock`` shared by the family and its
          children;
        * ``_children``: a dict from the tuple of label values (in
          ``labelnames`` order) to the child; for a metric without labels the
          single child is created right away under the key ``()``, using
          ``self._new_child()``.

        Raises:
            ValueError: if ``name`` does not match ``[a-zA-Z_:][a-zA-Z0-9_:]*``,
                a label name does not match ``[a-zA-Z_][a-zA-Z0-9_]*`` or
                starts with ``__`` (reserved), or a label name repeats.
        """
        if not _METRIC_NAME.fullmatch(name):
            raise ValueError(f"invalid metric name {name!r}")
        names = tuple(labelnames)
        for label in names:
            if not _LABEL_NAME.fullmatch(label) or label.startswith("__"):
                raise ValueError(f"invalid label name {label!r} for {name}")
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate label names {names!r} for {name}")
        self.name = name
        self.help = help
        self.labelnames = names
        self._lock = threading.Lock()
        self._children: dict[tuple[str, ...], ChildT] = {}
        if not names:
            self._children[()] = self._new_child()

    def _new_child(self) -> ChildT:
        """Create an empty child; each metric type returns its own kind."""
        raise NotImplementedError("subclasses create their own children")

    def _child(self, values: dict[str, object]) -> ChildT:
        """Return (creating on first use) the child for these label values.

        Values are converted with ``str()``. Every label name must be given
        exactly once, no other names.

        Raises:
            ValueError: on missing or unexpected label names, or when called
                on a metric without labels.
        """
        if not self.labelnames:
            raise ValueError(f"{self.name} has no labels; call its methods directly")
        if set(values) != set(self.labelnames):
            raise ValueError(f"{self.name} needs labels {self.labelnames!r}, got {sorted(values)!r}")
        key = tuple(str(values[label]) for label in self.labelnames)
        with self._lock:
            child = self._children.get(key)
            if child is None:
                child = self._children[key] = self._new_child()
            return child

    def _only_child(self) -> ChildT:
        """The single child of a metric without labels.

        Raises:
            ValueError: if the metric has labels (call ``labels(...)`` first).
        """
        if self.labelnames:
            raise ValueError(f"{self.name} has labels {self.labelnames!r}; use labels(...) first")
        return self._children[()]

    def _label_text(self, key: tuple[str, ...], extra: Iterable[tuple[str, str]] = ()) -> str:
        """Render ``{a="x",b="y"}`` (or ``""`` without labels) with escaping."""
        pairs = [*zip(self.labelnames, key, strict=True), *extra]
        if not pairs:
            return ""
        return "{" + ",".join(f'{label}="{escape_label_value(value)}"' for label, value in pairs) + "}"

    def samples(self) -> list[str]:
        """The sample lines of this family (without HELP and TYPE)."""
        raise NotImplementedError("each metric type writes its own samples")

    def exposition(self) -> str:
        """HELP line, TYPE line and samples, each ending with a newline."""
        help_text = self.help.replace("\\", "\\\\").replace("\n", "\\n")
        lines = [f"# HELP {self.name} {help_text}", f"# TYPE {self.name} {self.kind}", *self.samples()]
        return "\n".join(lines) + "\n"


class CounterChild:
    """One counter time series: a value that only goes up."""

    def __init__(self, lock: threading.Lock) -> None:
        """Start at 0, sharing the family's lock."""
        self._lock = lock
        self._value = 0.0

    @property
    def value(self) -> float:
        """The current value."""
        return self._value

    def inc(self, amount: float = 1.0) -> None:
        """Add ``amount``.

        Raises:
            ValueError: if ``amount`` is negative or NaN (counters never go
                down; a restart resets them to 0 and Prometheus handles that).
        """
        if math.isnan(amount) or amount < 0:
            raise ValueError(f"counters can only increase, got {amount!r}")
        with self._lock:
            self._value += amount


class Counter(Metric[CounterChild]):
    """A counter family. Its name must end with ``_total``."""

    kind = "counter"

    def __init__(self, name: str, help: str, labelnames: Sequence[str] = ()) -> None:
        """As ``Metric``, plus ``ValueError`` if ``name`` does not end in ``_total``."""
        if not name.endswith("_total"):
            raise ValueError(f"counter names end with _total, got {name!r}")
        super().__init__(name, help, labelnames)

    def _new_child(self) -> CounterChild:
        return CounterChild(self._lock)

    def labels(self, **labels: object) -> CounterChild:
        """The child for these label values (see ``Metric._child``)."""
        return self._child(labels)

    def inc(self, amount: float = 1.0) -> None:
        """Increment a counter without labels (``ValueError`` if it has labels)."""
        self._only_child().inc(amount)

    def samples(self) -> list[str]:
        """``name{labels} value`` for every child."""
        with self._lock:
            items = list(self._children.items())
        return [f"{self.name}{self._label_text(key)} {format_value(child.value)}" for key, child in items]


class GaugeChild:
    """One gauge time series: a value that goes up and down."""

    def __init__(self, lock: threading.Lock) -> None:
        """Start at 0, sharing the family's lock."""
        self._lock = lock
        self._value = 0.0

    @property
    def value(self) -> float:
        """The current value."""
        return self._value

    def set(self, value: float) -> None:
        """Set the value."""
        with self._lock:
            self._value = float(value)

    def inc(self, amount: float = 1.0) -> None:
        """Add ``amount`` (may be negative)."""
        with self._lock:
            self._value += amount

    def dec(self, amount: float = 1.0) -> None:
        """Subtract ``amount``."""
        with self._lock:
            self._value -= amount


class Gauge(Metric[GaugeChild]):
    """A gauge family."""

    kind = "gauge"

    def _new_child(self) -> GaugeChild:
        return GaugeChild(self._lock)

    def labels(self, **labels: object) -> GaugeChild:
        """The child for these label values (see ``Metric._child``)."""
        return self._child(labels)

    def set(self, value: float) -> None:
        """Set a gauge without labels."""
        self._only_child().set(value)

    def inc(self, amount: float = 1.0) -> None:
        """Increment a gauge without labels."""
        self._only_child().inc(amount)

    def dec(self, amount: float = 1.0) -> None:
        """Decrement a gauge without labels."""
        self._only_child().dec(amount)

    def samples(self) -> list[str]:
        """``name{labels} value`` for every child."""
        with self._lock:
            items = list(self._children.items())
        return [f"{self.name}{self._label_text(key)} {format_value(child.value)}" for key, child in items]


class HistogramChild:
    """One histogram: bucket counts, sum and count of observations."""

    def __init__(self, lock: threading.Lock, bounds: tuple[float, ...]) -> None:
        """Start empty; ``bounds`` are the upper bounds, ending with +inf."""
        self._lock = lock
        self.bounds = bounds
        self._counts = [0] * len(bounds)
        self._sum = 0.0
        self._count = 0

    @property
    def count(self) -> int:
        """Number of observations."""
        return self._count

    @property
    def sum(self) -> float:
        """Sum of all observed values."""
        return self._sum

    def cumulative_counts(self) -> list[int]:
        """For each bound, how many observations were <= it (last = count)."""
        with self._lock:
            return list(self._counts)

    def observe(self, value: float) -> None:
        """Record one observation.

        Raises:
            ValueError: if ``value`` is NaN.
        """
        if math.isnan(value):
            raise ValueError("cannot observe NaN")
        with self._lock:
            for index, bound in enumerate(self.bounds):
                if value <= bound:
                    self._counts[index] += 1
            self._sum += value
            self._count += 1


class Histogram(Metric[HistogramChild]):
    """A histogram family with fixed buckets."""

    kind = "histogram"

    def __init__(
        self,
        name: str,
        help: str,
        labelnames: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> None:
        """As ``Metric``, plus bucket validation.

        ``buckets`` are upper bounds in strictly increasing order; a final
        ``float("inf")`` is optional and is added when missing. Store the
        result as ``self.bounds`` (a tuple ending with ``math.inf``) BEFORE
        calling ``super().__init__``, which may already create a child.

        Raises:
            ValueError: if ``le`` is a label name, ``buckets`` is empty (not
                counting +inf), not strictly increasing, or holds NaN.
        """
        if "le" in labelnames:
            raise ValueError("'le' is reserved for histogram buckets")
        bounds = [float(b) for b in buckets]
        if bounds and bounds[-1] == math.inf:
            bounds.pop()
        if not bounds or any(math.isnan(b) for b in bounds) or any(b <= a for a, b in pairwise(bounds)):
            raise ValueError(f"buckets must be a non-empty strictly increasing list, got {list(buckets)!r}")
        self.bounds = (*bounds, math.inf)
        super().__init__(name, help, labelnames)

    def _new_child(self) -> HistogramChild:
        return HistogramChild(self._lock, self.bounds)

    def labels(self, **labels: object) -> HistogramChild:
        """The child for these label values (see ``Metric._child``)."""
        return self._child(labels)

    def observe(self, value: float) -> None:
        """Observe on a histogram without labels."""
        self._only_child().observe(value)

    def samples(self) -> list[str]:
        """Per child: one ``_bucket`` line per bound (``le`` last), ``_sum``, ``_count``."""
        with self._lock:
            items = list(self._children.items())
        lines: list[str] = []
        for key, child in items:
            counts = child.cumulative_counts()
            for bound, count in zip(self.bounds, counts, strict=True):
                labels = self._label_text(key, [("le", format_value(bound))])
                lines.append(f"{self.name}_bucket{labels} {count}")
            lines.append(f"{self.name}_sum{self._label_text(key)} {format_value(child.sum)}")
            lines.append(f"{self.name}_count{self._label_text(key)} {child.count}")
        return lines


class Registry:
    """A set of metric families with unique names, rendered together."""

    def __init__(self) -> None:
        """Start empty."""
        self._metrics: dict[str, Metric[Any]] = {}
        self._lock = threading.Lock()

    def register(self, metric: MetricT) -> MetricT:
        """Add a family and return it.

        Raises:
            ValueError: if a family with the same name is registered.
        """
        with self._lock:
            if metric.name in self._metrics:
                raise ValueError(f"metric {metric.name!r} is already registered")
            self._metrics[metric.name] = metric
        return metric

    def counter(self, name: str, help: str, labelnames: Sequence[str] = ()) -> Counter:
        """Create and register a ``Counter``."""
        return self.register(Counter(name, help, labelnames))

    def gauge(self, name: str, help: str, labelnames: Sequence[str] = ()) -> Gauge:
        """Create and register a ``Gauge``."""
        return self.register(Gauge(name, help, labelnames))

    def histogram(
        self,
        name: str,
        help: str,
        labelnames: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> Histogram:
        """Create and register a ``Histogram``."""
        return self.register(Histogram(name, help, labelnames, buckets))

    def exposition(self) -> str:
        """All families' text in registration order (``""`` when empty)."""
        with self._lock:
            metrics = list(self._metrics.values())
        return "".join(metric.exposition() for metric in metrics)
