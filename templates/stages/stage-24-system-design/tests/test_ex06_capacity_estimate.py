"""Tests for ex06: back-of-the-envelope capacity estimates with exact rounding."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest
from practice.capacity_estimate import BIT_RATE_UNITS, BYTE_UNITS, Estimate, Workload, estimate, exact, human_units

SOCIAL = Workload(
    daily_active_users=10_000_000,
    reads_per_user=50,
    writes_per_user=2,
    bytes_per_read=20_000,
    bytes_per_write=1_000,
    peak_factor=3,
    years=5,
    replication=3,
    qps_per_instance=500,
    target_utilization=0.7,
    spare_instances=1,
)


@pytest.mark.parametrize(
    ("amount", "want"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (12.4, "12 B"),
        (999.5, "1.0 KB"),
        (1000, "1.0 KB"),
        (1449, "1.4 KB"),
        (1450, "1.5 KB"),
        (999_949, "999.9 KB"),
        (999_950, "1.0 MB"),
        (2.5e12, "2.5 TB"),
        (1500 * 10**18, "1500.0 EB"),
    ],
)
def test_human_bytes(amount: float, want: str) -> None:
    got = human_units(amount, BYTE_UNITS)
    assert got == want, f"human_units({amount!r}, BYTE_UNITS) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("amount", "want"),
    [(0, "0 bps"), (12_345_678, "12.3 Mbps"), (2_777_777_778, "2.8 Gbps"), (10**15, "1000.0 Tbps")],
)
def test_human_bit_rates(amount: int, want: str) -> None:
    got = human_units(amount, BIT_RATE_UNITS)
    assert got == want, f"human_units({amount!r}, BIT_RATE_UNITS) should be {want!r}, got {got!r}"


def test_human_units_rejects_negative() -> None:
    with pytest.raises(ValueError):
        human_units(-1, BYTE_UNITS)


@pytest.mark.parametrize(
    ("value", "want"),
    [(0.7, Fraction(7, 10)), (3, Fraction(3)), (Fraction(1, 3), Fraction(1, 3)), (2.5, Fraction(5, 2))],
)
def test_exact_reads_floats_by_their_decimal_text(value: Any, want: Fraction) -> None:
    got = exact(value)
    assert got == want and isinstance(got, Fraction), f"exact({value!r}) should be Fraction {want}, got {got!r}"


def test_social_app_estimate() -> None:
    got = estimate(SOCIAL)
    want = Estimate(
        average_read_qps=5788,
        average_write_qps=232,
        peak_read_qps=17362,
        peak_write_qps=695,
        storage_bytes=109_500_000_000_000,
        peak_egress_bits_per_second=2_777_777_778,
        instances=53,
    )
    for field in want.__dataclass_fields__:
        assert getattr(got, field) == getattr(want, field), (
            f"{field}: want {getattr(want, field)}, got {getattr(got, field)}"
        )


def test_summary_lines() -> None:
    got = estimate(SOCIAL).summary()
    want = [
        "reads: 5788 QPS average, 17362 QPS peak",
        "writes: 232 QPS average, 695 QPS peak",
        "storage: 109.5 TB",
        "egress at peak: 2.8 Gbps",
        "instances: 53",
    ]
    assert got == want, f"summary():\nwant {want}\ngot  {got}"


def test_rounding_happens_once_at_the_end() -> None:
    got = estimate(SOCIAL).peak_write_qps
    assert got == 695, f"peak writes = ceil(231.48... * 3) = 695, not ceil(232 * 3) = 696; got {got}"
    tricky = Workload(8_640_000, 1.1, 0, 100, 100, peak_factor=1.1, qps_per_instance=100, target_utilization=1)
    got = estimate(tricky).peak_read_qps
    assert got == 121, f"8_640_000 * 1.1 / 86_400 * 1.1 is exactly 121; float error gives 122; got {got}"


@pytest.mark.parametrize(
    ("changes", "field", "want"),
    [
        ({"replication": 1}, "storage_bytes", 36_500_000_000_000),
        ({"years": 0.5}, "storage_bytes", 10_950_000_000_000),
        ({"spare_instances": 0}, "instances", 52),
        ({"target_utilization": 1.0}, "instances", 38),
        ({"writes_per_user": 0}, "average_write_qps", 0),
        ({"daily_active_users": 1}, "average_read_qps", 1),
    ],
)
def test_each_input_matters(changes: dict[str, Any], field: str, want: int) -> None:
    got = getattr(estimate(replace(SOCIAL, **changes)), field)
    assert got == want, f"with {changes}, {field} should be {want}, got {got}"


@pytest.mark.parametrize(
    "changes",
    [
        {"daily_active_users": 0},
        {"reads_per_user": -1},
        {"peak_factor": 0.5},
        {"years": 0},
        {"replication": 0},
        {"qps_per_instance": 0},
        {"target_utilization": 0},
        {"target_utilization": 1.5},
        {"spare_instances": -1},
    ],
)
def test_rejects_out_of_range_workloads(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(changes))):
        estimate(replace(SOCIAL, **changes))
