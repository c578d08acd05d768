"""Tests for ex03: a timer, a temporary environment and transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from practice.context_managers import KeyValueStore, Timer, temp_env


class FakeClock:
    """Returns the given readings one by one and counts calls."""

    def __init__(self, *readings: float) -> None:
        self.readings: Iterator[float] = iter(readings)
        self.calls = 0

    def __call__(self) -> float:
        self.calls += 1
        return next(self.readings)


class Boom(Exception):
    """Raised on purpose inside with-blocks."""


# ---------------------------------------------------------------- Timer


def test_timer_measures_block_with_injected_clock() -> None:
    clock = FakeClock(100.0, 102.5)
    with Timer(clock) as t:
        assert t.elapsed is None, f"elapsed should be None while running, got {t.elapsed!r}"
    assert t.elapsed == pytest.approx(2.5), f"clock went 100.0 -> 102.5, elapsed should be 2.5, got {t.elapsed!r}"
    assert clock.calls == 2, f"the clock should be read exactly twice, was read {clock.calls} times"


def test_timer_records_elapsed_and_propagates_on_exception() -> None:
    timer = Timer(FakeClock(5.0, 9.0))
    with pytest.raises(Boom), timer:
        raise Boom("handler failed")
    assert timer.elapsed == pytest.approx(4.0), f"elapsed must be set even when the block raises, got {timer.elapsed!r}"


def test_timer_can_be_reused_but_not_nested() -> None:
    timer = Timer(FakeClock(0.0, 1.0, 10.0, 13.0))
    with timer:
        pass
    assert timer.elapsed == pytest.approx(1.0), f"first run should take 1.0, got {timer.elapsed!r}"
    with timer:
        assert timer.elapsed is None, "re-entering should reset elapsed to None"
        with pytest.raises(RuntimeError) as info, timer:
            pass
        assert "running" in str(info.value), f"nested use should say the timer is running, got {info.value}"
    assert timer.elapsed == pytest.approx(3.0), f"second run should take 3.0, got {timer.elapsed!r}"


def test_timer_default_clock_is_monotonic() -> None:
    with Timer() as t:
        pass
    assert t.elapsed is not None and t.elapsed >= 0, f"real clock elapsed should be a float >= 0, got {t.elapsed!r}"


# ---------------------------------------------------------------- temp_env


def test_temp_env_sets_and_unsets_then_restores() -> None:
    env = {"KEEP": "1", "MODE": "prod", "DEBUG": "on"}
    with temp_env({"MODE": "test", "DEBUG": None, "NEW": "x"}, environ=env) as inside:
        assert inside is env, "temp_env should yield the mapping it changes"
        assert env == {"KEEP": "1", "MODE": "test", "NEW": "x"}, f"inside the block env is wrong: {env}"
    assert env == {"KEEP": "1", "MODE": "prod", "DEBUG": "on"}, f"env not restored exactly: {env}"


def test_temp_env_restores_on_exception_and_after_meddling() -> None:
    env = {"MODE": "prod"}
    with pytest.raises(Boom), temp_env({"MODE": "test", "TOKEN": "abc"}, environ=env):
        env["MODE"] = "changed-by-code"
        del env["TOKEN"]
        env["OTHER"] = "left alone"
        raise Boom
    assert env == {"MODE": "prod", "OTHER": "left alone"}, (
        f"MODE must be restored, TOKEN removed again, names not in changes untouched: {env}"
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"": "x"}, ValueError),
        ({"A=B": "x"}, ValueError),
        ({"PORT": 8080}, TypeError),
        ({"OK": "fine", "BAD": b"bytes"}, TypeError),
    ],
)
def test_temp_env_validates_before_changing_anything(changes: dict[str, object], error: type[Exception]) -> None:
    env = {"OK": "before"}
    with pytest.raises(error), temp_env(changes, environ=env):  # type: ignore[arg-type]
        pass
    assert env == {"OK": "before"}, f"nothing may change when validation fails, env is {env}"


def test_temp_env_defaults_to_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "PRACTICE_TEMP_ENV_CHECK"
    monkeypatch.delenv(name, raising=False)
    with temp_env({name: "ünïcode"}):
        assert os.environ.get(name) == "ünïcode", "the real os.environ should be changed inside the block"
    assert name not in os.environ, "a variable that did not exist before must be removed afterwards"


# ---------------------------------------------------------------- transactions


def test_transaction_commits_on_success() -> None:
    store = KeyValueStore({"a": 1})
    assert store.in_transaction is False, "no transaction is open yet"
    with store.transaction() as tx:
        assert tx is store, "transaction() should yield the store"
        assert store.in_transaction is True, "in_transaction should be True inside the block"
        store.set("a", 2)
        store.set("b", 3)
        assert store.get("b") == 3, "reads inside the block see the block's writes"
    assert store.in_transaction is False, "in_transaction should be False after the block"
    assert store.snapshot() == {"a": 2, "b": 3}, f"changes should be kept, got {store.snapshot()}"


def test_transaction_rolls_back_on_exception() -> None:
    store = KeyValueStore({"balance:ann": 100, "balance:bob": 5})
    with pytest.raises(Boom) as info, store.transaction():
        store.set("balance:ann", 40)
        store.delete("balance:bob")
        store.set("audit", "transfer")
        raise Boom("payment provider down")
    assert str(info.value) == "payment provider down", "the original exception must propagate unchanged"
    assert store.snapshot() == {"balance:ann": 100, "balance:bob": 5}, (
        f"all changes must be undone, got {store.snapshot()}"
    )
    assert store.in_transaction is False, "a rolled-back transaction is closed"


def test_nested_transaction_rolls_back_only_inner() -> None:
    store = KeyValueStore()
    with store.transaction():
        store.set("outer", 1)
        try:
            with store.transaction():
                store.set("inner", 2)
                store.set("outer", 99)
                raise Boom
        except Boom:
            pass
        assert store.snapshot() == {"outer": 1}, f"inner failure undoes only inner changes, got {store.snapshot()}"
        assert store.in_transaction is True, "outer transaction is still open"
        store.set("after", 3)
    assert store.snapshot() == {"outer": 1, "after": 3}, f"outer changes stay, got {store.snapshot()}"


def test_outer_failure_undoes_committed_inner() -> None:
    store = KeyValueStore({"x": 0})
    with pytest.raises(KeyError), store.transaction():
        with store.transaction():
            store.set("x", 1)
        store.delete("missing")
    assert store.snapshot() == {"x": 0}, f"an outer rollback also undoes a finished inner block, got {store.snapshot()}"
