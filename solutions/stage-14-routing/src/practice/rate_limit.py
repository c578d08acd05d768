"""Rate limiting with a token bucket, as a middleware that answers 429.

A bucket holds up to `capacity` tokens and refills at `refill_rate` tokens per
second. Each request spends a token; when none is left the client must wait,
and the Retry-After header tells it how long. Bursts up to `capacity` are
allowed, the long-run rate is `refill_rate`. Time comes from an injected clock,
so the behaviour can be tested exactly without sleeping.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from practice.middleware import Middleware
from practice.router import Handler, Request, Response

Clock = Callable[[], float]


class TokenBucket:
    """A token bucket that starts full."""

    def __init__(self, capacity: float, refill_rate: float, clock: Clock) -> None:
        """Create a full bucket."""
        if capacity <= 0 or refill_rate <= 0:
            raise ValueError(f"capacity and refill_rate must be positive, got {capacity} and {refill_rate}")
        self.capacity = capacity
        self.refill_rate = refill_rate
        self._clock = clock
        self._tokens = float(capacity)
        self._updated = clock()

    def _refill(self) -> None:
        now = self._clock()
        elapsed = now - self._updated
        if elapsed > 0:
            self._tokens = min(self.capacity, self._tokens + elapsed * self.refill_rate)
        self._updated = max(now, self._updated)

    @property
    def tokens(self) -> float:
        """Return the tokens available now."""
        self._refill()
        return self._tokens

    def _check_cost(self, cost: float) -> None:
        if cost <= 0 or cost > self.capacity:
            raise ValueError(f"cost must be in (0, {self.capacity}], got {cost}")

    def try_acquire(self, cost: float = 1.0) -> bool:
        """Take `cost` tokens if they are there; return whether it worked."""
        self._check_cost(cost)
        self._refill()
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False

    def seconds_until(self, cost: float = 1.0) -> float:
        """Return how long until `cost` tokens are available (0.0 if they are now)."""
        self._check_cost(cost)
        self._refill()
        missing = cost - self._tokens
        return 0.0 if missing <= 0 else missing / self.refill_rate


def rate_limit(
    capacity: int,
    refill_rate: float,
    clock: Clock,
    key: Callable[[Request], str],
) -> Middleware:
    """Limit each client (as named by `key`) with its own token bucket."""
    if capacity <= 0 or refill_rate <= 0:
        raise ValueError(f"capacity and refill_rate must be positive, got {capacity} and {refill_rate}")
    buckets: dict[str, TokenBucket] = {}

    def middleware(call_next: Handler) -> Handler:
        def handle(request: Request) -> Response:
            client = key(request)
            bucket = buckets.get(client)
            if bucket is None:
                bucket = buckets[client] = TokenBucket(capacity, refill_rate, clock)
            if not bucket.try_acquire():
                wait = max(1, math.ceil(bucket.seconds_until()))
                return Response.json(
                    {"error": "rate limit exceeded", "retry_after": wait},
                    status=429,
                    headers={
                        "retry-after": str(wait),
                        "x-ratelimit-limit": str(capacity),
                        "x-ratelimit-remaining": "0",
                    },
                )
            remaining = math.floor(bucket.tokens)
            response = call_next(request)
            response.headers["x-ratelimit-limit"] = str(capacity)
            response.headers["x-ratelimit-remaining"] = str(remaining)
            return response

        return handle

    return middleware
