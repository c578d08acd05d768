"""Load-balancing strategies with active and passive health checks.

A load balancer spreads requests over backends and stops sending traffic to
broken ones. This one supports three strategies:

* ``"round-robin"``: backends in their given order, one after the other;
* ``"weighted"``: smooth weighted round robin (the nginx algorithm): on every
  pick each eligible backend's ``current`` grows by its weight, the backend
  with the largest ``current`` wins (ties go to the earlier backend) and the
  winner's ``current`` drops by the total weight of the eligible backends.
  Weights 5, 1, 1 give ``a a b a c a a`` instead of ``a a a a a b c``;
* ``"least-connections"``: the eligible backend with the fewest requests in
  flight (ties go to the earlier backend).

A backend is eligible unless it is marked down by an active health check
(``mark_down``/``mark_up``) or ejected by passive health checking: after
``failure_threshold`` consecutive failed requests (``release(ok=False)``) it
is ejected for ``cooldown`` seconds. When the cooldown is over it is eligible
again on probation: its failure count stays at ``failure_threshold - 1`` so
one more failure ejects it again, and one success resets the count to 0.

Exercise ex04: implement ``LoadBalancer``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

STRATEGIES = ("round-robin", "weighted", "least-connections")


class NoHealthyBackendError(RuntimeError):
    """Every backend is down or ejected."""


class LoadBalancer:
    """Pick a backend per request and track health."""

    def __init__(
        self,
        backends: Mapping[str, int],
        *,
        strategy: str = "round-robin",
        failure_threshold: int = 3,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Set up the pool.

        Args:
            backends: backend name to weight (weights matter only for
                ``"weighted"``); the mapping's order is the backends' order.
            strategy: one of ``STRATEGIES``.
            failure_threshold: consecutive failures that eject a backend, >= 1.
            cooldown: seconds an ejected backend is skipped, > 0.
            clock: returns the current time in seconds.

        Raises:
            ValueError: for no backends, a weight below 1, an unknown strategy,
                a threshold below 1 or a cooldown that is not positive.
        """
        raise NotImplementedError("validate and keep backends in order, weights, counters and health state")

    def is_healthy(self, name: str) -> bool:
        """Return whether ``name`` may receive traffic now.

        Raises:
            KeyError: for an unknown backend.
        """
        raise NotImplementedError("not marked down and not ejected (or the cooldown is over)")

    def active(self, name: str) -> int:
        """Return the number of requests in flight on ``name``.

        Raises:
            KeyError: for an unknown backend.
        """
        raise NotImplementedError("return the in-flight count")

    def mark_down(self, name: str) -> None:
        """Record a failed active health check: skip ``name`` until ``mark_up``.

        Raises:
            KeyError: for an unknown backend.
        """
        raise NotImplementedError("remember the backend as down")

    def mark_up(self, name: str) -> None:
        """Record a passing active health check for ``name``.

        Raises:
            KeyError: for an unknown backend.
        """
        raise NotImplementedError("forget the down mark")

    def pick(self) -> str:
        """Choose a backend for a new request and count it as in flight.

        Round robin remembers the position after the last backend it picked
        and continues from there, skipping ineligible backends.

        Returns:
            The backend name.

        Raises:
            NoHealthyBackendError: if no backend is eligible.
        """
        raise NotImplementedError("filter eligible backends, apply the strategy, count the request as in flight")

    def release(self, name: str, *, ok: bool) -> None:
        """Finish a request on ``name`` and record its outcome for passive health.

        Args:
            name: the backend ``pick`` returned.
            ok: whether the request succeeded.

        Raises:
            KeyError: for an unknown backend.
            ValueError: if ``name`` has no request in flight.
        """
        raise NotImplementedError("decrement in-flight; reset failures on ok, else count and eject at the threshold")
