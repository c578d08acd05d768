"""Tests for ex05: an atomic money transfer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from practice.money_transfer import AccountNotFound, InsufficientFunds, TransferError, transfer

FIXED = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
START = {1: 10_000, 2: 500, 3: 0}

BANK = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
);
CREATE TABLE transfers (
    id INTEGER PRIMARY KEY,
    from_id INTEGER NOT NULL REFERENCES accounts (id),
    to_id INTEGER NOT NULL REFERENCES accounts (id),
    amount_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO accounts VALUES (1, 'Ana', 10000), (2, 'Bo', 500), (3, 'Zo\u00eb', 0);
"""


@pytest.fixture(params=["", None], ids=["default-mode", "autocommit-mode"])
def bank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A file database with three accounts, opened in one of the two sqlite3 modes."""
    path = tmp_path / "bank.db"
    setup = sqlite3.connect(path)
    setup.executescript(BANK)
    setup.close()
    conn = sqlite3.connect(path, isolation_level=request.param, timeout=1)
    yield conn
    conn.close()


def clock() -> datetime:
    return FIXED


def balances(conn: sqlite3.Connection) -> dict[int, int]:
    return dict(conn.execute("SELECT id, balance_cents FROM accounts ORDER BY id").fetchall())


def committed_state(conn: sqlite3.Connection) -> tuple[dict[int, int], int]:
    """Balances and ledger size as a separate connection sees them (committed data only)."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path, timeout=1)
    try:
        ledger = other.execute("SELECT count(*) FROM transfers").fetchone()[0]
        return balances(other), ledger
    finally:
        other.close()


def assert_nothing_changed(conn: sqlite3.Connection, what: str) -> None:
    assert not conn.in_transaction, f"after {what}, the transaction must be rolled back (in_transaction is True)"
    assert balances(conn) == START, f"after {what}, balances must be unchanged: {balances(conn)}"
    ledger = conn.execute("SELECT count(*) FROM transfers").fetchone()[0]
    assert ledger == 0, f"after {what}, no transfers row may exist, found {ledger}"
    assert committed_state(conn) == (START, 0), f"after {what}, the committed data must be unchanged"


def test_transfer_moves_money_records_it_and_commits(bank: sqlite3.Connection) -> None:
    transfer_id = transfer(bank, 1, 2, 2_500, clock=clock)
    want = {1: 7_500, 2: 3_000, 3: 0}
    assert balances(bank) == want, f"transfer 1 -> 2 of 2500 should give {want}, got {balances(bank)}"
    row = bank.execute("SELECT id, from_id, to_id, amount_cents, created_at FROM transfers").fetchall()
    assert row == [(transfer_id, 1, 2, 2_500, FIXED.isoformat())], (
        f"one ledger row (id returned, 1, 2, 2500, clock().isoformat()) expected, got {row!r}"
    )
    assert not bank.in_transaction, "transfer must finish its transaction (commit)"
    assert committed_state(bank) == (want, 1), "another connection must see the committed transfer"


def test_transfers_in_a_row_conserve_money(bank: sqlite3.Connection) -> None:
    first = transfer(bank, 1, 3, 1_000, clock=clock)
    second = transfer(bank, 3, 2, 1_000, clock=clock)
    third = transfer(bank, 2, 1, 1_500, clock=clock)
    assert first < second < third, f"ledger ids should increase, got {first}, {second}, {third}"
    got = balances(bank)
    assert got == {1: 10_500, 2: 0, 3: 0}, f"after three transfers balances should be 1:10500, 2:0, 3:0; got {got}"
    assert sum(got.values()) == sum(START.values()), "money must never appear or vanish"


def test_transfer_of_the_whole_balance_is_allowed(bank: sqlite3.Connection) -> None:
    transfer(bank, 2, 3, 500, clock=clock)
    got = balances(bank)
    assert (got[2], got[3]) == (0, 500), f"paying exactly the balance leaves 0; got {got}"


def test_insufficient_funds_changes_nothing(bank: sqlite3.Connection) -> None:
    with pytest.raises(InsufficientFunds):
        transfer(bank, 2, 1, 501, clock=clock)
    assert_nothing_changed(bank, "a refused transfer of 501 from a 500 balance")


@pytest.mark.parametrize(("from_id", "to_id", "amount"), [(1, 99, 100), (99, 1, 100), (2, 99, 10**9)])
def test_unknown_account_changes_nothing(bank: sqlite3.Connection, from_id: int, to_id: int, amount: int) -> None:
    with pytest.raises(AccountNotFound):
        transfer(bank, from_id, to_id, amount, clock=clock)
    assert_nothing_changed(bank, f"a transfer {from_id} -> {to_id} with a missing account")


@pytest.mark.parametrize(
    ("from_id", "to_id", "amount", "error"),
    [
        (1, 2, 0, ValueError),
        (1, 2, -5, ValueError),
        (1, 1, 100, ValueError),
        (1, 2, 10.5, TypeError),
        (1, 2, True, TypeError),
        (1, 2, "100", TypeError),
    ],
)
def test_bad_arguments_are_rejected(
    bank: sqlite3.Connection, from_id: int, to_id: int, amount: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        transfer(bank, from_id, to_id, amount, clock=clock)  # type: ignore[arg-type]
    assert_nothing_changed(bank, f"rejecting amount {amount!r} from {from_id} to {to_id}")


@pytest.mark.parametrize(
    "trigger",
    [
        "CREATE TRIGGER ledger_down BEFORE INSERT ON transfers BEGIN SELECT RAISE(ABORT, 'ledger offline'); END",
        "CREATE TRIGGER frozen BEFORE UPDATE ON accounts WHEN NEW.id = 2 "
        "BEGIN SELECT RAISE(ABORT, 'account 2 is frozen'); END",
    ],
    ids=["ledger-insert-fails", "credit-fails"],
)
def test_failure_half_way_rolls_everything_back(bank: sqlite3.Connection, trigger: str) -> None:
    bank.execute(trigger)
    if bank.in_transaction:
        bank.commit()
    with pytest.raises(sqlite3.Error):
        transfer(bank, 1, 2, 2_500, clock=clock)
    assert_nothing_changed(bank, "a database error in the middle of the transfer")


def test_refuses_to_run_inside_the_callers_transaction(bank: sqlite3.Connection) -> None:
    bank.execute("BEGIN")
    bank.execute("INSERT INTO accounts VALUES (4, 'Eve', 100)")
    with pytest.raises(TransferError):
        transfer(bank, 1, 2, 100, clock=clock)
    assert bank.in_transaction, "the caller's transaction must be left open, neither committed nor rolled back"
    bank.rollback()
    assert committed_state(bank) == (START, 0), "transfer must not commit the caller's pending insert"
