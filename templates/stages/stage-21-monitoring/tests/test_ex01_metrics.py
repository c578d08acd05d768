"""Tests for ex01: Prometheus metrics and the text exposition format."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

import pytest
from practice.metrics import (
    CONTENT_TYPE,
    Counter,
    Histogram,
    Registry,
    escape_label_value,
    format_value,
)

Scrape = Callable[[str], dict[str, float]]


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (3, "3"),
        (3.0, "3"),
        (-2.0, "-2"),
        (0.25, "0.25"),
        (0.1, "0.1"),
        (1e20, "1e+20"),
        (math.inf, "+Inf"),
        (-math.inf, "-Inf"),
        (math.nan, "NaN"),
    ],
)
def test_format_value(value: float, want: str) -> None:
    got = format_value(value)
    assert got == want, f"format_value({value!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("plain", "plain"),
        ('say "hi"', 'say \\"hi\\"'),
        ("C:\\temp", "C:\\\\temp"),
        ("two\nlines", "two\\nlines"),
        ("caf\u00e9 \u2615", "caf\u00e9 \u2615"),
    ],
)
def test_escape_label_value(raw: str, want: str) -> None:
    got = escape_label_value(raw)
    assert got == want, f"escape_label_value({raw!r}) should be {want!r}, got {got!r}"


def test_counter_with_labels_exposition() -> None:
    registry = Registry()
    requests = registry.counter("http_requests_total", "Requests handled.", ["method", "status"])
    requests.labels(method="GET", status=200).inc()
    requests.labels(method="POST", status="201").inc(2)
    requests.labels(status="200", method="GET").inc(0.5)
    want = (
        "# HELP http_requests_total Requests handled.\n"
        "# TYPE http_requests_total counter\n"
        'http_requests_total{method="GET",status="200"} 1.5\n'
        'http_requests_total{method="POST",status="201"} 2\n'
    )
    got = registry.exposition()
    assert got == want, f"exposition should be:\n{want}\ngot:\n{got}"
    assert requests.labels(method="GET", status="200").value == 1.5, "labels() must return the same child again"


def test_unlabelled_metrics_show_zero_and_labelled_ones_show_nothing_yet(scrape: Scrape) -> None:
    registry = Registry()
    registry.counter("jobs_total", "Jobs run.")
    registry.gauge("queue_depth", "Items waiting.", ["queue"])
    got = registry.exposition()
    want = (
        "# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\njobs_total 0\n"
        "# HELP queue_depth Items waiting.\n# TYPE queue_depth gauge\n"
    )
    assert got == want, (
        f"an unused unlabelled counter shows 0; a labelled gauge without children only HELP/TYPE:\n{got}"
    )
    assert scrape(got) == {"jobs_total": 0.0}, "the text should parse as the exposition format"


def test_gauge_goes_up_and_down(scrape: Scrape) -> None:
    registry = Registry()
    in_flight = registry.gauge("http_requests_in_flight", "Requests being served.")
    in_flight.inc()
    in_flight.inc(4)
    in_flight.dec(2)
    temps = registry.gauge("temperature_celsius", "Room temperature.", ["room"])
    temps.labels(room="lab").set(21.5)
    temps.labels(room="lab").dec(30)
    got = scrape(registry.exposition())
    want = {"http_requests_in_flight": 3.0, 'temperature_celsius{room="lab"}': -8.5}
    assert got == want, f"gauges should read {want!r}, got {got!r}"


def test_histogram_buckets_are_cumulative() -> None:
    registry = Registry()
    latency = registry.histogram("db_query_seconds", "Query time.", buckets=[0.25, 0.5, 1])
    for value in (0.125, 0.25, 0.375, 0.75, 2.25):
        latency.observe(value)
    want = (
        "# HELP db_query_seconds Query time.\n"
        "# TYPE db_query_seconds histogram\n"
        'db_query_seconds_bucket{le="0.25"} 2\n'
        'db_query_seconds_bucket{le="0.5"} 3\n'
        'db_query_seconds_bucket{le="1"} 4\n'
        'db_query_seconds_bucket{le="+Inf"} 5\n'
        "db_query_seconds_sum 3.75\n"
        "db_query_seconds_count 5\n"
    )
    got = registry.exposition()
    assert got == want, f"histogram exposition should be:\n{want}\ngot:\n{got}"


def test_histogram_with_labels_puts_le_last(scrape: Scrape) -> None:
    registry = Registry()
    duration = registry.histogram("req_seconds", "Request time.", ["route"], buckets=(0.5, math.inf))
    duration.labels(route="/a").observe(0.2)
    duration.labels(route="/b").observe(0.9)
    got = scrape(registry.exposition())
    want = {
        'req_seconds_bucket{route="/a",le="0.5"}': 1.0,
        'req_seconds_bucket{route="/a",le="+Inf"}': 1.0,
        'req_seconds_sum{route="/a"}': 0.2,
        'req_seconds_count{route="/a"}': 1.0,
        'req_seconds_bucket{route="/b",le="0.5"}': 0.0,
        'req_seconds_bucket{route="/b",le="+Inf"}': 1.0,
        'req_seconds_sum{route="/b"}': 0.9,
        'req_seconds_count{route="/b"}': 1.0,
    }
    assert got == want, f"want {want!r}, got {got!r} (a given +Inf bucket must not be added twice)"
    child = duration.labels(route="/a")
    assert (child.count, child.sum, child.cumulative_counts()) == (1, 0.2, [1, 1]), "child accessors disagree"


def test_help_and_label_values_are_escaped(scrape: Scrape) -> None:
    registry = Registry()
    errors = registry.counter("errors_total", 'Errors by message.\nSee C:\\logs "today".', ["message"])
    errors.labels(message='bad "quote"\nand C:\\path').inc()
    text = registry.exposition()
    assert '# HELP errors_total Errors by message.\\nSee C:\\\\logs "today".\n' in text, (
        f"HELP escapes backslash and newline only (quotes stay):\n{text}"
    )
    assert 'errors_total{message="bad \\"quote\\"\\nand C:\\\\path"} 1\n' in text, f"label value not escaped:\n{text}"
    assert len(scrape(text)) == 1, "escaped output should still parse as one sample"


@pytest.mark.parametrize(
    "make",
    [
        lambda r: r.counter("requests", "no _total suffix"),
        lambda r: r.counter("2xx_total", "starts with a digit"),
        lambda r: r.gauge("queue-depth", "dash in name"),
        lambda r: r.gauge("queue_depth", "bad label", ["queue name"]),
        lambda r: r.gauge("queue_depth", "reserved label", ["__name"]),
        lambda r: r.gauge("queue_depth", "duplicate label", ["q", "q"]),
        lambda r: r.histogram("h_seconds", "le is reserved", ["le"]),
        lambda r: r.histogram("h_seconds", "not increasing", buckets=[1, 0.5]),
        lambda r: r.histogram("h_seconds", "duplicate bucket", buckets=[0.5, 0.5]),
        lambda r: r.histogram("h_seconds", "only inf", buckets=[math.inf]),
        lambda r: r.histogram("h_seconds", "nan bucket", buckets=[0.1, math.nan]),
    ],
    ids=[
        "counter-suffix",
        "leading-digit",
        "dash",
        "label-space",
        "label-reserved",
        "label-dup",
        "le",
        "unsorted",
        "dup-bucket",
        "only-inf",
        "nan-bucket",
    ],
)
def test_invalid_definitions_raise_value_error(make: Callable[[Registry], object]) -> None:
    with pytest.raises(ValueError):
        make(Registry())


def test_duplicate_registration_and_label_mistakes() -> None:
    registry = Registry()
    hits = registry.counter("hits_total", "Hits.", ["path"])
    with pytest.raises(ValueError):
        registry.counter("hits_total", "Again.")
    with pytest.raises(ValueError):
        hits.inc()
    with pytest.raises(ValueError):
        hits.labels(route="/")
    with pytest.raises(ValueError):
        hits.labels(path="/", extra="x")
    with pytest.raises(ValueError):
        hits.labels(path="/").inc(-1)
    plain = registry.gauge("temperature", "No labels.")
    with pytest.raises(ValueError):
        plain.labels(room="lab")
    with pytest.raises(ValueError):
        registry.histogram("h_seconds", "x").observe(math.nan)
    assert isinstance(hits, Counter) and isinstance(registry.histogram("h2_seconds", "x"), Histogram)


def test_concurrent_increments_are_not_lost(scrape: Scrape) -> None:
    registry = Registry()
    counter = registry.counter("work_total", "Work done.", ["worker"])
    histogram = registry.histogram("work_seconds", "Work time.", buckets=[1.0])
    start = threading.Barrier(8)

    def work() -> None:
        start.wait(timeout=5)
        child = counter.labels(worker="shared")
        for _ in range(2000):
            child.inc()
            histogram.observe(0.5)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    got = scrape(registry.exposition())
    assert got['work_total{worker="shared"}'] == 16000, f"8 threads x 2000 increments = 16000, got {got}"
    assert got["work_seconds_count"] == 16000 and got['work_seconds_bucket{le="1"}'] == 16000, f"lost updates: {got}"


def test_registry_order_and_content_type(scrape: Scrape) -> None:
    assert Registry().exposition() == "", "an empty registry renders as the empty string"
    registry = Registry()
    registry.gauge("b_gauge", "B.")
    registry.counter("a_total", "A.")
    text = registry.exposition()
    assert text.index("b_gauge") < text.index("a_total"), f"families appear in registration order:\n{text}"
    assert scrape(text) == {"b_gauge": 0.0, "a_total": 0.0}, f"both unlabelled families show 0:\n{text}"
    assert CONTENT_TYPE == "text/plain; version=0.0.4; charset=utf-8", "use the Prometheus text content type"
