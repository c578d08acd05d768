"""Login throttling: slow down password guessing per account and per IP address.

Without limits an attacker can try thousands of passwords per minute against
one account (brute force) or one common password against thousands of
accounts (password spraying). A login endpoint therefore asks a throttle
BEFORE checking the password and reports the outcome AFTER:

* per account: ``account_limit`` failures within ``window`` seconds lock the
  account. The lockout doubles each time (``base_lockout * 2**level``, at
  most ``max_lockout``), and a successful login resets the level;
* per client network: ``ip_limit`` failures within ``window`` seconds from
  one network block it until enough of those failures are older than the
  window. IPv4 addresses count individually; IPv6 addresses are grouped by
  their /64 network, because one user often controls a whole /64;
* usernames are normalised (NFKC, casefold, stripped) so ``"Alice "`` and
  ``"ALICE"`` share one counter;
* a successful login never resets the IP counter, or an attacker with one
  valid account could reset it between guesses.

Time comes from an injected ``clock`` so tests never sleep.

Exercise ex07: implement ``normalize_username``, ``client_bucket`` and ``LoginThrottle``.
"""

from __future__ import annotations

import ipaddress
import time
import unicodedata
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """Whether a login attempt may proceed.

    Attributes:
        allowed: True if the password may be checked now.
        retry_after: seconds until the next attempt may proceed; 0.0 when allowed.
        reason: ``"ok"``, ``"account-locked"`` or ``"ip-blocked"``.
    """

    allowed: bool
    retry_after: float
    reason: str


def normalize_username(username: str) -> str:
    """Return the throttling key for a username.

    Args:
        username: the name as typed.

    Returns:
        ``unicodedata.normalize("NFKC", username).casefold().strip()``.

    Raises:
        ValueError: if the result is empty.
    """
    key = unicodedata.normalize("NFKC", username).casefold().strip()
    if not key:
        raise ValueError("empty username")
    return key


def client_bucket(ip: str) -> str:
    """Return the throttling key for a client address.

    IPv4 addresses (and IPv4-mapped IPv6 such as ``::ffff:203.0.113.9``) map
    to the IPv4 address text; other IPv6 addresses map to their /64 network
    in ``ipaddress`` notation, e.g. ``"2001:db8:1:2::/64"``.

    Args:
        ip: the client address.

    Returns:
        The bucket key.

    Raises:
        ValueError: if ``ip`` is not an IP address.
    """
    address = ipaddress.ip_address(ip.strip())
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


class LoginThrottle:
    """Per-account lockouts with exponential backoff and per-network blocking."""

    def __init__(
        self,
        *,
        account_limit: int = 5,
        ip_limit: int = 20,
        window: float = 900.0,
        base_lockout: float = 60.0,
        max_lockout: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Keep the settings.

        Args:
            account_limit: failures per account within ``window`` that lock it, >= 1.
            ip_limit: failures per client bucket within ``window`` that block it, >= 1.
            window: seconds a failure is remembered, > 0.
            base_lockout: the first lockout in seconds, > 0.
            max_lockout: the longest lockout, >= base_lockout.
            clock: returns the current time in seconds.

        Raises:
            ValueError: for a setting out of range.
        """
        if account_limit < 1 or ip_limit < 1 or window <= 0 or base_lockout <= 0 or max_lockout < base_lockout:
            raise ValueError("invalid throttle settings")
        self._account_limit = account_limit
        self._ip_limit = ip_limit
        self._window = window
        self._base = base_lockout
        self._max = max_lockout
        self._clock = clock
        self._account_failures: dict[str, deque[float]] = {}
        self._ip_failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._level: dict[str, int] = {}

    def _recent(self, store: dict[str, deque[float]], key: str, now: float) -> deque[float]:
        failures = store.setdefault(key, deque())
        while failures and now - failures[0] >= self._window:
            failures.popleft()
        return failures

    def check(self, username: str, ip: str) -> Decision:
        """Decide whether this login attempt may check a password.

        The account is locked while ``clock() < locked_until``. The client
        bucket is blocked while it has ``ip_limit`` or more failures in the
        window (a failure at ``t`` counts while ``now - t < window``); it is
        unblocked when the failure at position ``count - ip_limit`` (oldest
        first) leaves the window, so ``retry_after = that_time + window -
        now``. If both apply, the larger ``retry_after`` wins, with
        ``"ip-blocked"`` on a tie.

        Args:
            username: the name as typed.
            ip: the client address.

        Returns:
            The decision.

        Raises:
            ValueError: for an empty username or an invalid IP address.
        """
        account, bucket = normalize_username(username), client_bucket(ip)
        now = self._clock()
        ip_wait = 0.0
        failures = self._recent(self._ip_failures, bucket, now)
        if len(failures) >= self._ip_limit:
            ip_wait = failures[len(failures) - self._ip_limit] + self._window - now
        account_wait = max(0.0, self._locked_until.get(account, now) - now)
        if ip_wait == account_wait == 0.0:
            return Decision(True, 0.0, "ok")
        if ip_wait >= account_wait:
            return Decision(False, ip_wait, "ip-blocked")
        return Decision(False, account_wait, "account-locked")

    def record_failure(self, username: str, ip: str) -> None:
        """Record a wrong password for ``username`` from ``ip``.

        The failure always counts for the client bucket. For the account it
        counts only while the account is not locked; when it brings the
        account's failures in the window to ``account_limit``, the account is
        locked for ``min(base_lockout * 2**level, max_lockout)`` seconds, the
        level goes up by one and the account's failure list is cleared.

        Args:
            username: the name as typed.
            ip: the client address.

        Raises:
            ValueError: for an empty username or an invalid IP address.
        """
        account, bucket = normalize_username(username), client_bucket(ip)
        now = self._clock()
        self._recent(self._ip_failures, bucket, now).append(now)
        if now < self._locked_until.get(account, now):
            return
        failures = self._recent(self._account_failures, account, now)
        failures.append(now)
        if len(failures) >= self._account_limit:
            level = self._level.get(account, 0)
            self._locked_until[account] = now + min(self._base * 2**level, self._max)
            self._level[account] = level + 1
            failures.clear()

    def record_success(self, username: str, ip: str) -> None:
        """Record a successful login: reset the account's failures and lockout level.

        The client bucket's failures are kept.

        Args:
            username: the name as typed.
            ip: the client address.

        Raises:
            ValueError: for an empty username or an invalid IP address.
        """
        account = normalize_username(username)
        client_bucket(ip)
        self._account_failures.pop(account, None)
        self._level.pop(account, None)
        self._locked_until.pop(account, None)
