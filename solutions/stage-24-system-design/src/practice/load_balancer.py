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
        if not backends or any(weight < 1 for weight in backends.values()):
            raise ValueError("need at least one backend, each with weight >= 1")
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {strategy!r}")
        if failure_threshold < 1 or cooldown <= 0:
            raise ValueError("failure_threshold must be >= 1 and cooldown > 0")
        self._names = list(backends)
        self._weights = dict(backends)
        self._strategy = strategy
        self._threshold = failure_threshold
        self._cooldown = cooldown
        self._clock = clock
        self._active = dict.fromkeys(self._names, 0)
        self._failures = dict.fromkeys(self._names, 0)
        self._ejected_until: dict[str, float] = {}
        self._down: set[str] = set()
        self._current = dict.fromkeys(self._names, 0)
        self._next = 0

    def _require(self, name: str) -> None:
        if name not in self._active:
            raise KeyError(name)

    def is_healthy(self, name: str) -> bool:
        """Return whether ``name`` may receive traffic now.

        Raises:
            KeyError: for an unknown backend.
        """
        self._require(name)
        if name in self._down:
            return False
        until = self._ejected_until.get(name)
        return until is None or self._clock() >= until

    def active(self, name: str) -> int:
        """Return the number of requests in flight on ``name``.

        Raises:
            KeyError: for an unknown backend.
        """
        self._require(name)
        return self._active[name]

    def mark_down(self, name: str) -> None:
        """Record a failed active health check: skip ``name`` until ``mark_up``.

        Raises:
            KeyError: for an unknown backend.
        """
        self._require(name)
        self._down.add(name)

    def mark_up(self, name: str) -> None:
        """Record a passing active health check for ``name``.

        Raises:
            KeyError: for an unknown backend.
        """
        self._require(name)
        self._down.discard(name)

    def pick(self) -> str:
        """Choose a backend for a new request and count it as in flight.

        Round robin remembers the position after the last backend it picked
        and continues from there, skipping ineligible backends.

        Returns:
            The backend name.

        Raises:
            NoHealthyBackendError: if no backend is eligible.
        """
        eligible = [name for name in self._names if self.is_healthy(name)]
        if not eligible:
            raise NoHealthyBackendError("no healthy backend")
        if self._strategy == "weighted":
            chosen = self._pick_weighted(eligible)
        elif self._strategy == "least-connections":
            chosen = min(eligible, key=lambda name: self._active[name])
        else:
            chosen = self._pick_round_robin()
        self._active[chosen] += 1
        return chosen

    def _pick_round_robin(self) -> str:
        count = len(self._names)
        for offset in range(count):
            index = (self._next + offset) % count
            if self.is_healthy(self._names[index]):
                self._next = index + 1
                return self._names[index]
        raise NoHealthyBackendError("no healthy backend")

    def _pick_weighted(self, eligible: list[str]) -> str:
        for name in eligible:
            self._current[name] += self._weights[name]
        chosen = max(eligible, key=lambda name: self._current[name])
        self._current[chosen] -= sum(self._weights[name] for name in eligible)
        return chosen

    def release(self, name: str, *, ok: bool) -> None:
        """Finish a request on ``name`` and record its outcome for passive health.

        Args:
            name: the backend ``pick`` returned.
            ok: whether the request succeeded.

        Raises:
            KeyError: for an unknown backend.
            ValueError: if ``name`` has no request in flight.
        """
        self._require(name)
        if self._active[name] == 0:
            raise ValueError(f"{name} has no request in flight")
        self._active[name] -= 1
        if ok:
            self._failures[name] = 0
            return
        self._failures[name] += 1
        if self._failures[name] >= self._threshold:
            self._ejected_until[name] = self._clock() + self._cooldown
            self._failures[name] = self._threshold - 1
