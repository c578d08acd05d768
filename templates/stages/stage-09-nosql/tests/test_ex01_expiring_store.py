"""Tests for ex01: a key-value store with Redis-style expiry."""

from __future__ import annotations

import pytest
from practice.expiring_store import MISSING, NO_EXPIRY, ExpiringStore


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_set_then_get_returns_value(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    assert store.set("user:1:name", "Ada") is True, "set() should return True when it stores"
    got = store.get("user:1:name")
    assert got == "Ada", f"get('user:1:name') should return 'Ada', got {got!r}"
    got = store.get("user:2:name")
    assert got is None, f"get() of a key never set should return None, got {got!r}"


def test_set_overwrites_and_unicode_keys_work(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    store.set("caf\u00e9", "first")
    store.set("caf\u00e9", "second \u2615")
    got = store.get("caf\u00e9")
    assert got == "second \u2615", f"a second set() should overwrite the value, got {got!r}"
    assert len(store) == 1, f"one key was set twice, len(store) should be 1, got {len(store)}"


@pytest.mark.parametrize(
    ("elapsed", "alive"),
    [(0.0, True), (9.999, True), (10.0, False), (25.0, False)],
)
def test_key_with_ex_expires_at_deadline(clock: FakeClock, elapsed: float, alive: bool) -> None:
    store = ExpiringStore(clock)
    store.set("session", "abc", ex=10)
    clock.advance(elapsed)
    got = store.get("session")
    want = "abc" if alive else None
    assert got == want, (
        f"set(ex=10) then {elapsed}s later: get() should return {want!r}, got {got!r} "
        "(a key is gone once the clock reaches its deadline)"
    )
    assert store.exists("session") is alive, f"exists() should be {alive} after {elapsed}s"


def test_ttl_reports_missing_no_expiry_and_rounds_up(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    assert MISSING == -2 and NO_EXPIRY == -1, "MISSING must be -2 and NO_EXPIRY -1, as in Redis"
    got = store.ttl("nope")
    assert got == -2, f"ttl() of a missing key should be -2, got {got!r}"
    store.set("plain", "v")
    got = store.ttl("plain")
    assert got == -1, f"ttl() of a key without expiry should be -1, got {got!r}"
    store.set("temp", "v", ex=10)
    got = store.ttl("temp")
    assert got == 10, f"ttl() right after set(ex=10) should be 10, got {got!r}"
    clock.advance(5.8)
    got = store.ttl("temp")
    assert got == 5, f"with 4.2s left ttl() should round up to 5, got {got!r}"
    clock.advance(4.2)
    got = store.ttl("temp")
    assert got == -2, f"ttl() of an expired key should be -2, got {got!r}"


def test_set_clears_ttl_unless_keepttl(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    store.set("a", "1", ex=5)
    store.set("a", "2")
    assert store.ttl("a") == -1, "a plain set() must clear the old expiry, as Redis does"
    store.set("b", "1", ex=5)
    store.set("b", "2", keepttl=True)
    got = store.ttl("b")
    assert got == 5, f"set(keepttl=True) must keep the expiry, ttl should be 5, got {got!r}"
    clock.advance(5)
    assert store.get("b") is None, "the kept expiry must still remove the key on time"


def test_expire_and_persist(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    assert store.expire("ghost", 10) is False, "expire() on a missing key should return False"
    store.set("k", "v")
    assert store.expire("k", 30) is True, "expire() on an existing key should return True"
    got = store.ttl("k")
    assert got == 30, f"after expire(k, 30) ttl should be 30, got {got!r}"
    assert store.persist("k") is True, "persist() should return True when it removed an expiry"
    assert store.ttl("k") == -1, "after persist() the key should have no expiry (-1)"
    assert store.persist("k") is False, "persist() on a key without expiry should return False"
    assert store.persist("ghost") is False, "persist() on a missing key should return False"
    clock.advance(100)
    assert store.get("k") == "v", "a persisted key must not expire"


@pytest.mark.parametrize("seconds", [0, -1])
def test_expire_with_non_positive_seconds_deletes(clock: FakeClock, seconds: int) -> None:
    store = ExpiringStore(clock)
    store.set("k", "v")
    assert store.expire("k", seconds) is True, f"expire(k, {seconds}) on a live key returns True"
    assert store.get("k") is None, f"expire(k, {seconds}) should delete the key at once"
    assert store.ttl("k") == -2, "a deleted key has ttl -2"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"ex": 0}, ValueError),
        ({"ex": -3}, ValueError),
        ({"nx": True, "xx": True}, ValueError),
        ({"ex": 5, "keepttl": True}, ValueError),
    ],
)
def test_set_rejects_bad_options(clock: FakeClock, kwargs: dict, error: type) -> None:
    store = ExpiringStore(clock)
    with pytest.raises(error):
        store.set("k", "v", **kwargs)
    assert store.get("k") is None, f"a rejected set({kwargs}) must not store anything"


@pytest.mark.parametrize(("key", "value"), [("k", 5), (5, "v"), ("k", b"bytes")])
def test_set_rejects_non_str(clock: FakeClock, key: object, value: object) -> None:
    store = ExpiringStore(clock)
    with pytest.raises(TypeError):
        store.set(key, value)  # type: ignore[arg-type]


def test_nx_and_xx(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    assert store.set("lock", "me", nx=True) is True, "set(nx=True) on a missing key stores"
    assert store.set("lock", "you", nx=True) is False, "set(nx=True) on an existing key refuses"
    assert store.get("lock") == "me", "a refused set(nx=True) must not change the value"
    assert store.set("other", "x", xx=True) is False, "set(xx=True) on a missing key refuses"
    assert store.get("other") is None, "a refused set(xx=True) must not create the key"
    assert store.set("lock", "you", xx=True) is True, "set(xx=True) on an existing key stores"
    store.set("lease", "a", ex=1)
    clock.advance(1)
    assert store.set("lease", "b", nx=True) is True, "an expired key counts as missing for nx"


def test_delete_counts_only_live_keys(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    store.set("a", "1")
    store.set("b", "2", ex=1)
    store.set("c", "3")
    clock.advance(2)
    got = store.delete("a", "b", "missing", "a")
    assert got == 1, f"delete('a','b','missing','a') should count only live 'a' once, got {got}"
    assert store.get("a") is None and store.get("c") == "3", "only the named keys are deleted"


def test_incr_counts_and_keeps_ttl(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    assert store.incr("hits") == 1, "incr() of a missing key starts from 0"
    assert store.incr("hits", 10) == 11, "incr(key, 10) adds 10"
    assert store.get("hits") == "11", "incr() stores the result as a decimal string"
    store.set("rate:ip", "-2", ex=60)
    clock.advance(20)
    assert store.incr("rate:ip") == -1, "incr() handles negative numbers"
    got = store.ttl("rate:ip")
    assert got == 40, f"incr() must keep the key's expiry (ttl 40), got {got!r}"


@pytest.mark.parametrize("bad", ["abc", "4.2", "", " 7", "\u0661\u0662"])
def test_incr_rejects_non_integers(clock: FakeClock, bad: str) -> None:
    store = ExpiringStore(clock)
    store.set("k", bad)
    with pytest.raises(ValueError):
        store.incr("k")
    assert store.get("k") == bad, "a failed incr() must leave the value unchanged"


def test_expiry_is_lazy_and_purge_sweeps_the_rest(clock: FakeClock) -> None:
    store = ExpiringStore(clock)
    for i in range(5):
        store.set(f"short:{i}", "x", ex=1)
    store.set("long", "x", ex=100)
    store.set("forever", "x")
    assert len(store) == 7, f"seven keys are live, len should be 7, got {len(store)}"
    clock.advance(1)
    assert len(store) == 2, f"after 1s only two keys are live, len should be 2, got {len(store)}"
    assert store.get("short:0") is None, "touching an expired key removes it (lazy expiry)"
    got = store.purge_expired()
    assert got == 4, (
        f"purge_expired() should remove the 4 expired keys nobody touched, got {got} "
        "(short:0 was already removed when get() saw it expired)"
    )
    assert store.purge_expired() == 0, "a second sweep has nothing left to remove"
    assert store.get("long") == "x" and store.get("forever") == "x", "live keys survive a sweep"
