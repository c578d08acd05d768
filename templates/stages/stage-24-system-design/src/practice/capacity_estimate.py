"""Back-of-the-envelope capacity estimates with explicit units and rounding.

Every design review and system design interview starts with numbers: how many
requests per second at peak, how much storage after five years with
replication, how much outbound bandwidth, how many instances. The arithmetic
is easy; getting units and rounding consistent is where estimates go wrong.
The rules here:

* a day has 86_400 seconds and a year 365 days;
* compute exactly with ``fractions.Fraction``; turn float inputs into
  fractions with ``Fraction(str(value))`` so ``0.7`` means exactly 7/10;
* capacity numbers (QPS, bytes, bandwidth, instances) are rounded UP to whole
  numbers, and only at the end: peak QPS is ``ceil(exact_average * factor)``,
  not ``ceil(ceil(average) * factor)``;
* sizes are shown with decimal SI units (1 KB = 1000 B), bandwidth in bits
  per second (1 byte = 8 bits).

Exercise ex06: implement the functions below.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

SECONDS_PER_DAY = 86_400
DAYS_PER_YEAR = 365
BYTE_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB")
BIT_RATE_UNITS = ("bps", "Kbps", "Mbps", "Gbps", "Tbps")


def exact(value: float | int | Fraction) -> Fraction:
    """Return ``value`` as an exact fraction, reading floats by their decimal text.

    Args:
        value: an int, float or Fraction.

    Returns:
        ``Fraction(str(value))`` for floats, ``Fraction(value)`` otherwise.
    """
    raise NotImplementedError("Fraction(str(value)) for floats, Fraction(value) otherwise")


def human_units(amount: float | int, units: tuple[str, ...]) -> str:
    """Format ``amount`` with steps of 1000 and one decimal, e.g. ``"1.5 MB"``.

    The smallest unit is shown without decimals (``"999 B"``, ``"0 bps"``).
    Otherwise choose the largest unit in which the amount is at least 1, round
    to one decimal with ``ROUND_HALF_UP``, and if that rounds to 1000.0 use
    the next unit (``999_960 B`` is ``"1.0 MB"``, not ``"1000.0 KB"``). Beyond
    the last unit, keep the last unit (``"1500.0 EB"``).

    Args:
        amount: a non-negative number (the smallest unit's count).
        units: unit names from smallest to largest.

    Returns:
        The formatted text.

    Raises:
        ValueError: if ``amount`` is negative.
    """
    raise NotImplementedError(
        "divide by 1000 while >= 1000, round half up to one decimal, carry 1000.0 to the next unit"
    )


@dataclass(frozen=True)
class Workload:
    """What the product team expects.

    Attributes:
        daily_active_users: users per day, >= 1.
        reads_per_user: read requests per user per day, >= 0.
        writes_per_user: write requests per user per day, >= 0.
        bytes_per_read: response size of a read, >= 0.
        bytes_per_write: bytes stored per write, >= 0.
        peak_factor: peak traffic / average traffic, >= 1.
        years: how long data is kept, > 0.
        replication: copies of every byte, >= 1.
        qps_per_instance: requests one instance serves at 100% load, > 0.
        target_utilization: planned load per instance, 0 < u <= 1.
        spare_instances: extra instances for failures and deploys, >= 0.
    """

    daily_active_users: int
    reads_per_user: float
    writes_per_user: float
    bytes_per_read: int
    bytes_per_write: int
    peak_factor: float = 2.0
    years: float = 5.0
    replication: int = 3
    qps_per_instance: float = 500.0
    target_utilization: float = 0.7
    spare_instances: int = 1


@dataclass(frozen=True)
class Estimate:
    """The numbers a capacity plan needs, all rounded up to whole units."""

    average_read_qps: int
    average_write_qps: int
    peak_read_qps: int
    peak_write_qps: int
    storage_bytes: int
    peak_egress_bits_per_second: int
    instances: int

    def summary(self) -> list[str]:
        """Return the estimate as lines for a design document.

        Returns:
            Exactly these lines, with QPS as plain integers and sizes through
            ``human_units``::

                reads: {average_read_qps} QPS average, {peak_read_qps} QPS peak
                writes: {average_write_qps} QPS average, {peak_write_qps} QPS peak
                storage: {human_units(storage_bytes, BYTE_UNITS)}
                egress at peak: {human_units(peak_egress_bits_per_second, BIT_RATE_UNITS)}
                instances: {instances}
        """
        raise NotImplementedError("format the five lines shown above")


def validate(workload: Workload) -> None:
    """Check the workload's ranges.

    Args:
        workload: the expected workload.

    Raises:
        ValueError: naming the first field that is out of range (see ``Workload``).
    """
    raise NotImplementedError("check each field's range and name the first bad one")


def estimate(workload: Workload) -> Estimate:
    """Estimate traffic, storage, bandwidth and instances for ``workload``.

    Exact intermediate values (fractions), each result rounded up with
    ``math.ceil``:

    * average read QPS = DAU * reads_per_user / 86_400 (same for writes);
    * peak QPS = exact average * peak_factor;
    * storage bytes = DAU * writes_per_user * bytes_per_write * 365 * years *
      replication;
    * peak egress bits/s = exact peak read QPS * bytes_per_read * 8;
    * instances = (exact peak reads + exact peak writes) / (qps_per_instance *
      target_utilization), rounded up, plus spare_instances.

    Args:
        workload: the expected workload.

    Returns:
        The estimate.

    Raises:
        ValueError: if a workload field is out of range.
    """
    raise NotImplementedError("exact fractions for every quantity, math.ceil only on the final numbers")
