"""Rate limiting with a token bucket, as a middleware that answers 429.

A bucket holds up to `capacity` tokens and refills at `refill_rate` tokens per
second. Each request spends a token; when none is left the client must wait,
and the Retry-After header tells it how long. Bursts up to `capacity` are
allowed, the long-run rate is `refill_rate`. Time comes from an injected clock,
so the behaviour can be tested exactly without sleeping.

Exercise ex04: write TokenBucket and rate_limit.
"""

from __future__ import annotations

from collections.abc import Callable

from practice.middleware import Middleware
from practice.router import Request

Clock = Callable[[], float]


class TokenBucket:
    """A token bucket that starts full.

    Do not store a timer or sleep: remember how many tokens there were at the
    last clock reading, and on every call add (now - last) * refill_rate, capped
    at capacity ("lazy refill"). If the clock goes backwards, add nothing (and
    do not let a later forward jump count the same time twice).
    """

    def __init__(self, capacity: float, refill_rate: float, clock: Clock) -> None:
        """Create a full bucket (capacity tokens) and read the clock once.

        Args:
            capacity: the most tokens the bucket can hold, > 0.
            refill_rate: tokens added per second, > 0.
            clock: returns the current time in seconds (e.g. time.monotonic).

        Raises:
            ValueError: when capacity or refill_rate is not positive.
        """
        raise NotImplementedError("validate, store the settings, start full")

    @property
    def tokens(self) -> float:
        """Return the tokens available now (after refilling), a float."""
        raise NotImplementedError("refill, then report the tokens")

    def try_acquire(self, cost: float = 1.0) -> bool:
        """Take `cost` tokens if they are there; return whether it worked.

        A failed attempt takes nothing.

        Raises:
            ValueError: when cost <= 0 or cost > capacity (it could never succeed).
        """
        raise NotImplementedError("refill, then take the tokens if there are enough")

    def seconds_until(self, cost: float = 1.0) -> float:
        """Return how long until `cost` tokens are available (0.0 if they are now).

        That is (cost - tokens) / refill_rate when tokens are short. Takes nothing.

        Raises:
            ValueError: when cost <= 0 or cost > capacity.
        """
        raise NotImplementedError("compute the wait for the missing tokens")


def rate_limit(
    capacity: int,
    refill_rate: float,
    clock: Clock,
    key: Callable[[Request], str],
) -> Middleware:
    """Limit each client (as named by `key`) with its own token bucket.

    key(request) names the client (an API key, a user, an IP address); each name
    gets its own TokenBucket(capacity, refill_rate, clock), created on first use.
    Every request costs one token.

    - Allowed: call the next handler, and set "x-ratelimit-limit": str(capacity)
      and "x-ratelimit-remaining": the whole tokens left right after this
      request's token was taken (math.floor), on its response.
    - Refused: do not call the next handler; answer
      Response.json({"error": "rate limit exceeded", "retry_after": wait}, 429)
      with headers "retry-after": str(wait), "x-ratelimit-limit": str(capacity),
      "x-ratelimit-remaining": "0", where wait is seconds_until() rounded up to a
      whole second (math.ceil) and at least 1.

    Raises:
        ValueError: at once (not on the first request) when capacity or
            refill_rate is not positive.
    """
    raise NotImplementedError("keep one bucket per client and answer 429 when it is empty")
