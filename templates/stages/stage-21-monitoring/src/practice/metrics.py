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

TODO: implement every method marked ``raise NotImplementedError``.
Keep one ``threading.Lock`` per metric: web servers update metrics from
many threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

ChildT = TypeVar("ChildT")
MetricT = TypeVar("MetricT", bound="Metric[Any]")


def format_value(value: float) -> str:
    """Format a sample value the way Prometheus does.

    ``+Inf``, ``-Inf`` and ``NaN`` for the special values; whole numbers
    below 1e15 in absolute value without a decimal point (``3.0`` ->
    ``"3"``, ``-2`` -> ``"-2"``); everything else with ``repr(float(v))``
    (``0.25`` -> ``"0.25"``, ``1e+20`` stays ``"1e+20"``).
    """
    raise NotImplementedError("handle nan and the infinities, then whole numbers, then fall back to repr(float(value))")


def escape_label_value(value: str) -> str:
    """Escape backslash, double quote and newline for use inside ``"..."``."""
    raise NotImplementedError("replace the backslash first, then the double quote and the newline")


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
        raise NotImplementedError(
            "check the metric name and label names with regexes, then keep them with a lock and a children dict"
        )

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
        raise NotImplementedError(
            "check the names against labelnames, build the key tuple in labelnames order and get or create the child"
        )

    def _only_child(self) -> ChildT:
        """The single child of a metric without labels.

        Raises:
            ValueError: if the metric has labels (call ``labels(...)`` first).
        """
        raise NotImplementedError("refuse labelled metrics, otherwise return the child stored under the empty key")

    def _label_text(self, key: tuple[str, ...], extra: Iterable[tuple[str, str]] = ()) -> str:
        """Render ``{a="x",b="y"}`` (or ``""`` without labels) with escaping."""
        raise NotImplementedError("pair labelnames with the key, add extra pairs, escape the values and join")

    def samples(self) -> list[str]:
        """The sample lines of this family (without HELP and TYPE)."""
        raise NotImplementedError("each metric type writes its own samples")

    def exposition(self) -> str:
        """HELP line, TYPE line and samples, each ending with a newline."""
        raise NotImplementedError("escape the help text, then join the HELP, TYPE and sample lines")


class CounterChild:
    """One counter time series: a value that only goes up."""

    def __init__(self, lock: threading.Lock) -> None:
        """Start at 0, sharing the family's lock."""
        raise NotImplementedError("keep the lock and a value of 0.0")

    @property
    def value(self) -> float:
        """The current value."""
        raise NotImplementedError("return the value")

    def inc(self, amount: float = 1.0) -> None:
        """Add ``amount``.

        Raises:
            ValueError: if ``amount`` is negative or NaN (counters never go
                down; a restart resets them to 0 and Prometheus handles that).
        """
        raise NotImplementedError("reject negative and NaN amounts, then add under the lock")


class Counter(Metric[CounterChild]):
    """A counter family. Its name must end with ``_total``."""

    kind = "counter"

    def __init__(self, name: str, help: str, labelnames: Sequence[str] = ()) -> None:
        """As ``Metric``, plus ``ValueError`` if ``name`` does not end in ``_total``."""
        raise NotImplementedError("check the _total suffix, then call the base __init__")

    def _new_child(self) -> CounterChild:
        return CounterChild(self._lock)

    def labels(self, **labels: object) -> CounterChild:
        """The child for these label values (see ``Metric._child``)."""
        raise NotImplementedError("return the child from _child")

    def inc(self, amount: float = 1.0) -> None:
        """Increment a counter without labels (``ValueError`` if it has labels)."""
        raise NotImplementedError("increment the only child")

    def samples(self) -> list[str]:
        """``name{labels} value`` for every child."""
        raise NotImplementedError("one line per child with the label text and format_value")


class GaugeChild:
    """One gauge time series: a value that goes up and down."""

    def __init__(self, lock: threading.Lock) -> None:
        """Start at 0, sharing the family's lock."""
        raise NotImplementedError("keep the lock and a value of 0.0")

    @property
    def value(self) -> float:
        """The current value."""
        raise NotImplementedError("return the value")

    def set(self, value: float) -> None:
        """Set the value."""
        raise NotImplementedError("store the value as a float under the lock")

    def inc(self, amount: float = 1.0) -> None:
        """Add ``amount`` (may be negative)."""
        raise NotImplementedError("add under the lock")

    def dec(self, amount: float = 1.0) -> None:
        """Subtract ``amount``."""
        raise NotImplementedError("subtract under the lock")


class Gauge(Metric[GaugeChild]):
    """A gauge family."""

    kind = "gauge"

    def _new_child(self) -> GaugeChild:
        return GaugeChild(self._lock)

    def labels(self, **labels: object) -> GaugeChild:
        """The child for these label values (see ``Metric._child``)."""
        raise NotImplementedError("return the child from _child")

    def set(self, value: float) -> None:
        """Set a gauge without labels."""
        raise NotImplementedError("set the only child")

    def inc(self, amount: float = 1.0) -> None:
        """Increment a gauge without labels."""
        raise NotImplementedError("increment the only child")

    def dec(self, amount: float = 1.0) -> None:
        """Decrement a gauge without labels."""
        raise NotImplementedError("decrement the only child")

    def samples(self) -> list[str]:
        """``name{labels} value`` for every child."""
        raise NotImplementedError("one line per child with the label text and format_value")


class HistogramChild:
    """One histogram: bucket counts, sum and count of observations."""

    def __init__(self, lock: threading.Lock, bounds: tuple[float, ...]) -> None:
        """Start empty; ``bounds`` are the upper bounds, ending with +inf."""
        raise NotImplementedError("keep the lock and bounds, one count per bound, a sum and a count")

    @property
    def count(self) -> int:
        """Number of observations."""
        raise NotImplementedError("return the count")

    @property
    def sum(self) -> float:
        """Sum of all observed values."""
        raise NotImplementedError("return the sum")

    def cumulative_counts(self) -> list[int]:
        """For each bound, how many observations were <= it (last = count)."""
        raise NotImplementedError("return the per-bound counts (store them cumulative, or add them up here)")

    def observe(self, value: float) -> None:
        """Record one observation.

        Raises:
            ValueError: if ``value`` is NaN.
        """
        raise NotImplementedError(
            "reject NaN, then under the lock add 1 to every bucket whose bound is >= value, and update sum and count"
        )


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
        raise NotImplementedError("check 'le' and the buckets, add +inf, then call the base __init__")

    def _new_child(self) -> HistogramChild:
        return HistogramChild(self._lock, self.bounds)

    def labels(self, **labels: object) -> HistogramChild:
        """The child for these label values (see ``Metric._child``)."""
        raise NotImplementedError("return the child from _child")

    def observe(self, value: float) -> None:
        """Observe on a histogram without labels."""
        raise NotImplementedError("observe on the only child")

    def samples(self) -> list[str]:
        """Per child: one ``_bucket`` line per bound (``le`` last), ``_sum``, ``_count``."""
        raise NotImplementedError(
            "for each child write the cumulative bucket lines with an le label, then _sum and _count"
        )


class Registry:
    """A set of metric families with unique names, rendered together."""

    def __init__(self) -> None:
        """Start empty."""
        raise NotImplementedError("keep an ordered dict of families by name and a lock")

    def register(self, metric: MetricT) -> MetricT:
        """Add a family and return it.

        Raises:
            ValueError: if a family with the same name is registered.
        """
        raise NotImplementedError("refuse duplicate names, store the metric in registration order and return it")

    def counter(self, name: str, help: str, labelnames: Sequence[str] = ()) -> Counter:
        """Create and register a ``Counter``."""
        raise NotImplementedError("create the Counter and register it")

    def gauge(self, name: str, help: str, labelnames: Sequence[str] = ()) -> Gauge:
        """Create and register a ``Gauge``."""
        raise NotImplementedError("create the Gauge and register it")

    def histogram(
        self,
        name: str,
        help: str,
        labelnames: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> Histogram:
        """Create and register a ``Histogram``."""
        raise NotImplementedError("create the Histogram and register it")

    def exposition(self) -> str:
        """All families' text in registration order (``""`` when empty)."""
        raise NotImplementedError("join every family's exposition() in registration order")
