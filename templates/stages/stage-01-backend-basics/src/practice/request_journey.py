"""Model a request's journey through a backend as data and find its critical path.

A page load is never one step. The browser resolves a name, opens a TLS connection,
goes through a CDN or load balancer, reaches an app server, and the app server talks to
caches and databases, sometimes several at once. Writing the journey down as data lets
you answer the questions that come up when a page is slow: how long does the request
take end to end, which hops decide that number (the critical path), and how much could
each other hop slow down before anyone notices (its slack).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class JourneyError(ValueError):
    """Raised when a journey description is inconsistent."""


@dataclass(frozen=True)
class Hop:
    """One step of a request's journey.

    Attributes:
        name: Unique name of the step, e.g. ``"dns"`` or ``"orders-db"``.
        kind: The sort of component doing the work, e.g. ``"dns"``, ``"cdn"``,
            ``"load_balancer"``, ``"app"``, ``"cache"`` or ``"database"``.
            Informational only; no function below depends on it.
        latency_ms: How long the step itself takes, in milliseconds.
        after: Names of the steps that must finish before this one can start.
            An empty tuple means the step can start at time 0.
    """

    name: str
    kind: str
    latency_ms: float
    after: tuple[str, ...] = ()


def topological_order(hops: Sequence[Hop]) -> list[str]:
    """Validate a journey and return its hop names in an order that respects ``after``.

    Every hop appears after all the hops named in its ``after`` tuple. When several
    hops are ready at the same time, the one that comes first in ``hops`` goes first,
    so the result is deterministic (a journey already in a valid order comes back
    unchanged).

    Args:
        hops: The steps of the journey, in any order.

    Returns:
        The hop names, dependencies first. ``[]`` for an empty journey.

    Raises:
        JourneyError: If two hops share a name, a hop has a negative ``latency_ms``,
            a hop lists a name in ``after`` that is not a hop of the journey, or the
            dependencies form a cycle (including a hop that waits for itself).
    """
    raise NotImplementedError(
        "Check names are unique, latencies >= 0 and every name in `after` exists (raise JourneyError "
        "otherwise); then repeatedly take the first hop in input order whose dependencies are all "
        "placed. If no hop is ready but some remain, there is a cycle: raise JourneyError."
    )


def finish_times(hops: Sequence[Hop]) -> dict[str, float]:
    """Compute the earliest time (ms since the request started) each hop can finish.

    A hop starts as soon as every hop in its ``after`` tuple has finished (at 0 when
    it waits for nothing) and finishes ``latency_ms`` later. Hops that do not wait for
    each other run in parallel.

    Args:
        hops: The steps of the journey, in any order.

    Returns:
        A dict from hop name to earliest finish time, with keys in the order of
        :func:`topological_order`. ``{}`` for an empty journey.

    Raises:
        JourneyError: For the same inconsistencies as :func:`topological_order`.
    """
    raise NotImplementedError(
        "Walk the hops in topological_order(hops); each hop finishes at max(finish of its `after` "
        "hops, default 0) + its latency_ms."
    )


def critical_path(hops: Sequence[Hop]) -> tuple[float, list[str]]:
    """Find the end-to-end latency of a journey and the chain of hops that sets it.

    The end-to-end latency is the largest finish time of any hop. The critical path
    is found by walking backwards: start from the hop with the largest finish time,
    then repeatedly step to the dependency (from its ``after`` tuple) that finishes
    last, until a hop that waits for nothing is reached.

    Ties are broken deterministically: among hops with the same largest finish time
    pick the one that comes last in :func:`topological_order` (so a zero-latency hop
    at the very end is still included); among dependencies that finish at the same
    time pick the one listed first in ``after``.

    Args:
        hops: The steps of the journey, in any order.

    Returns:
        ``(total_ms, names)`` with ``names`` ordered from the first hop to the last.
        ``(0.0, [])`` for an empty journey.

    Raises:
        JourneyError: For the same inconsistencies as :func:`topological_order`.
    """
    raise NotImplementedError(
        "Use finish_times(hops): total is the largest finish; start from the last hop (in topological "
        "order) with that finish and keep stepping to the dependency that finishes last (first listed "
        "on ties). Reverse the walk."
    )


def slack_ms(hops: Sequence[Hop]) -> dict[str, float]:
    """Compute how much each hop could slow down without delaying the whole request.

    The latest finish of a hop is the end-to-end latency if nothing waits for it, and
    otherwise the smallest ``latest_finish(s) - s.latency_ms`` over the hops ``s``
    that list it in ``after``. Slack is ``latest_finish - earliest_finish``. Hops on
    the critical path have a slack of 0.

    Args:
        hops: The steps of the journey, in any order.

    Returns:
        A dict from hop name to slack in milliseconds (never negative), with keys in
        the order of :func:`topological_order`. ``{}`` for an empty journey.

    Raises:
        JourneyError: For the same inconsistencies as :func:`topological_order`.
    """
    raise NotImplementedError(
        "Set every hop's latest finish to the total; walk the topological order backwards and lower "
        "each dependency's latest finish to (this hop's latest finish - this hop's latency). Slack = "
        "latest - earliest."
    )
