"""Retry policies: retry what is transient, give up loudly on the rest.

Networks drop packets and services restart, so calls to other systems fail
now and then and succeed a moment later. A retry policy decides WHICH
errors are worth another attempt (a timeout, a 503) and which are not (a
400 will fail the same way forever), HOW LONG to wait (capped exponential
backoff, with optional jitter so a thousand clients do not retry in
lockstep), and WHEN to stop, raising an error that says what was tried.
Sleeping is injected so tests run instantly.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

logger = logging.getLogger("practice.retry")


class RetryExhausted(Exception):
    """Raised when every allowed attempt failed with a retryable error.

    Attributes:
        attempts: how many attempts were made.
        last_error: the exception of the final attempt (also ``__cause__``).
    """

    def __init__(self, attempts: int, last_error: BaseException) -> None:
        """Create the error; ``str()`` is
        ``"gave up after <attempts> attempts: <ErrorType>: <message>"``.
        """
        super().__init__(f"gave up after {attempts} attempts: {type(last_error).__name__}: {last_error}")
        self.attempts = attempts
        self.last_error = last_error


@dataclass(frozen=True)
class RetryPolicy:
    """How to retry.

    Attributes:
        max_attempts: total attempts including the first (>= 1).
        base_delay: seconds to wait after the first failure (>= 0).
        multiplier: each further wait is multiplied by this (>= 1).
        max_delay: no wait is longer than this (>= base_delay).
        retry_on: exception types that may be retried. Anything else is
            raised immediately, untouched.
        is_retryable: optional extra test; when set, an exception is only
            retried if it is an instance of ``retry_on`` AND
            ``is_retryable(exc)`` is True (e.g. retry an HTTP error only for
            status 502, 503, 504).
        jitter: if True, each wait is multiplied by a random factor in
            [0, 1) ("full jitter").
    """

    max_attempts: int = 3
    base_delay: float = 0.1
    multiplier: float = 2.0
    max_delay: float = 5.0
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)
    is_retryable: Callable[[BaseException], bool] | None = None
    jitter: bool = False

    def __post_init__(self) -> None:
        """Validate the settings.

        Raises:
            ValueError: if ``max_attempts < 1``, ``base_delay < 0``,
                ``multiplier < 1`` or ``max_delay < base_delay``.
        """
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, got {self.max_attempts}")
        if self.base_delay < 0:
            raise ValueError(f"base_delay must be >= 0, got {self.base_delay}")
        if self.multiplier < 1:
            raise ValueError(f"multiplier must be >= 1, got {self.multiplier}")
        if self.max_delay < self.base_delay:
            raise ValueError(f"max_delay ({self.max_delay}) must be >= base_delay ({self.base_delay})")

    def should_retry(self, exc: BaseException) -> bool:
        """True if ``exc`` is retryable under this policy (see the attributes)."""
        if not isinstance(exc, self.retry_on):
            return False
        return self.is_retryable is None or bool(self.is_retryable(exc))

    def delay_for(self, attempt: int) -> float:
        """Wait after failed attempt number ``attempt`` (1-based), before jitter.

        ``min(max_delay, base_delay * multiplier ** (attempt - 1))``; with the
        defaults: 0.1, 0.2, 0.4, 0.8, ... capped at 5.0.

        Raises:
            ValueError: if ``attempt < 1``.
        """
        if attempt < 1:
            raise ValueError(f"attempt is 1-based, got {attempt}")
        return min(self.max_delay, self.base_delay * self.multiplier ** (attempt - 1))


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], None] = time.sleep,
    rand: Callable[[], float] = random.random,
) -> T:
    """Call ``fn()`` until it succeeds, following ``policy``.

    * Success: return the result immediately.
    * A non-retryable exception (``policy.should_retry`` is False): re-raise
      it unchanged, right away, without sleeping.
    * A retryable exception with attempts left: compute the wait as
      ``policy.delay_for(attempt)``; if the exception has a numeric
      ``retry_after`` attribute (a server said how long to wait), use
      ``min(policy.max_delay, max(0, retry_after))`` instead; with
      ``policy.jitter`` multiply the wait by ``rand()``. Log a WARNING on
      ``logger`` (message contains the attempt number and the wait; extra
      fields ``attempt``, ``delay``, ``error``) and call ``sleep(wait)``.
    * A retryable exception on the last attempt: log an ERROR and raise
      ``RetryExhausted(attempts, last_error)`` chained ``from`` the last
      error. Never sleep after the last attempt.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return fn()
        except Exception as exc:
            if not policy.should_retry(exc):
                raise
            if attempt >= policy.max_attempts:
                logger.error(
                    "giving up after %d attempts: %r",
                    attempt,
                    exc,
                    extra={"attempt": attempt, "error": repr(exc)},
                )
                raise RetryExhausted(attempt, exc) from exc
            delay = policy.delay_for(attempt)
            retry_after = getattr(exc, "retry_after", None)
            if isinstance(retry_after, int | float) and not isinstance(retry_after, bool):
                delay = min(policy.max_delay, max(0.0, float(retry_after)))
            if policy.jitter:
                delay *= rand()
            logger.warning(
                "attempt %d failed (%r), retrying in %.3fs",
                attempt,
                exc,
                delay,
                extra={"attempt": attempt, "delay": delay, "error": repr(exc)},
            )
            sleep(delay)
