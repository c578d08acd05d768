"""Tests for ex07: login throttling per account and per client network."""

from __future__ import annotations

from typing import Any

import pytest
from practice.login_throttle import Decision, LoginThrottle, client_bucket, normalize_username

OK = Decision(True, 0.0, "ok")


class Clock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


def throttle(clock: Clock, **kwargs: Any) -> LoginThrottle:
    return LoginThrottle(clock=clock, **kwargs)


def fail(t: LoginThrottle, times: int, username: str = "alice", ip: str = "203.0.113.7") -> None:
    for _ in range(times):
        t.record_failure(username, ip)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("alice", "alice"),
        ("  Alice ", "alice"),
        ("ALICE", "alice"),
        ("\uff21lice", "alice"),
        ("Stra\u00dfe", "strasse"),
    ],
)
def test_normalize_username(raw: str, want: str) -> None:
    got = normalize_username(raw)
    assert got == want, f"normalize_username({raw!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("ip", "want"),
    [
        ("203.0.113.7", "203.0.113.7"),
        (" 203.0.113.7 ", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ],
)
def test_client_bucket(ip: str, want: str) -> None:
    got = client_bucket(ip)
    assert got == want, f"client_bucket({ip!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("bad", ["", "localhost", "999.1.1.1", "2001:db8::g"])
def test_client_bucket_rejects_non_addresses(bad: str) -> None:
    with pytest.raises(ValueError):
        client_bucket(bad)


def test_account_locks_after_limit_and_unlocks_after_lockout() -> None:
    clock = Clock()
    t = throttle(clock)
    fail(t, 4)
    assert t.check("alice", "203.0.113.7") == OK, "4 failures are below the limit of 5"
    fail(t, 1)
    got = t.check("alice", "198.51.100.1")
    assert got == Decision(False, 60.0, "account-locked"), (
        f"the 5th failure locks alice for 60 s from any IP, got {got}"
    )
    clock.now += 59.5
    got = t.check("alice", "203.0.113.7")
    assert got == Decision(False, 0.5, "account-locked"), f"0.5 s left, got {got}"
    clock.now += 0.5
    assert t.check("alice", "203.0.113.7") == OK, "the lockout is over after 60 s"
    assert t.check("bob", "203.0.113.7") == OK, "other accounts are not affected"


def test_lockouts_double_and_are_capped() -> None:
    clock = Clock()
    t = throttle(clock, max_lockout=300.0, ip_limit=1000)
    waits = []
    for _ in range(5):
        fail(t, 5)
        decision = t.check("alice", "203.0.113.7")
        waits.append(decision.retry_after)
        clock.now += decision.retry_after
    assert waits == [60.0, 120.0, 240.0, 300.0, 300.0], f"lockouts should double up to max_lockout, got {waits}"


def test_failures_during_a_lockout_do_not_extend_it() -> None:
    clock = Clock()
    t = throttle(clock)
    fail(t, 5)
    clock.now += 30
    fail(t, 5)
    got = t.check("alice", "203.0.113.7")
    assert got == Decision(False, 30.0, "account-locked"), f"failures while locked must not count, got {got}"


def test_success_resets_account_level_but_not_ip() -> None:
    clock = Clock()
    t = throttle(clock, ip_limit=8)
    fail(t, 5)
    clock.now += 60
    t.record_success("Alice", "203.0.113.7")
    fail(t, 2)
    assert t.check("alice", "203.0.113.9") == OK, "after a success the account starts from zero"
    fail(t, 1)
    got = t.check("mallory", "203.0.113.7")
    assert got.reason == "ip-blocked", f"8 failures from one IP block it even after a success, got {got}"


def test_old_failures_leave_the_window() -> None:
    clock = Clock()
    t = throttle(clock, window=900.0)
    fail(t, 4)
    clock.now += 900
    fail(t, 1)
    assert t.check("alice", "203.0.113.7") == OK, "failures 900 s old no longer count"


def test_usernames_are_counted_after_normalisation() -> None:
    clock = Clock()
    t = throttle(clock)
    for name in ["alice", "Alice", " ALICE", "\uff21lice", "alice "]:
        t.record_failure(name, "203.0.113.7")
    got = t.check("aLiCe", "192.0.2.1")
    assert got.reason == "account-locked", f"all spellings of alice share one counter, got {got}"


def test_password_spraying_blocks_the_network() -> None:
    clock = Clock()
    t = throttle(clock, ip_limit=20, window=900.0)
    for i in range(20):
        t.record_failure(f"user{i}", "2001:db8:1:2::1")
        clock.now += 10
    got = t.check("newuser", "2001:db8:1:2::abcd")
    assert got == Decision(False, 700.0, "ip-blocked"), (
        f"the whole /64 is blocked until the oldest failure expires: {got}"
    )
    assert t.check("newuser", "2001:db8:1:3::1") == OK, "another /64 is not blocked"
    clock.now += 700
    assert t.check("newuser", "2001:db8:1:2::1") == OK, "unblocked once one failure left the window"


def test_larger_wait_wins_when_both_apply() -> None:
    clock = Clock()
    t = throttle(clock, account_limit=3, ip_limit=3, window=100.0, base_lockout=500.0, max_lockout=500.0)
    fail(t, 3)
    got = t.check("alice", "203.0.113.7")
    assert got == Decision(False, 500.0, "account-locked"), (
        f"account lock (500 s) is longer than the IP block, got {got}"
    )
    assert t.check("bob", "203.0.113.7") == Decision(False, 100.0, "ip-blocked"), "bob only meets the IP block"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"account_limit": 0},
        {"ip_limit": 0},
        {"window": 0},
        {"base_lockout": 0},
        {"base_lockout": 60, "max_lockout": 30},
    ],
)
def test_rejects_bad_settings(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        LoginThrottle(clock=Clock(), **kwargs)


def test_bad_input_is_rejected() -> None:
    t = LoginThrottle(clock=Clock())
    with pytest.raises(ValueError):
        t.check("   ", "203.0.113.7")
    with pytest.raises(ValueError):
        t.record_failure("alice", "not-an-ip")
