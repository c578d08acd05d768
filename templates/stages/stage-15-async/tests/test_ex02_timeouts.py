"""ex02: timeouts and cancellation that release resources and leave no tasks behind."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from practice.timeouts import AllFailedError, ConnectionPool, call_with_timeout, first_success

SHORT = 0.02
LONG = 5.0


def other_tasks() -> set[asyncio.Task[object]]:
    current = asyncio.current_task()
    return {task for task in asyncio.all_tasks() if task is not current}


class Attempts:
    """Attempts that finish after a number of event-loop hops, and record their cleanup."""

    def __init__(self) -> None:
        self.cleaned: list[str] = []

    def make(self, name: str, hops: int | None, error: Exception | None = None) -> Callable[[], Awaitable[str]]:
        """hops=None means: never finish on its own."""

        async def attempt() -> str:
            try:
                if hops is None:
                    await asyncio.Event().wait()
                else:
                    for _ in range(hops):
                        await asyncio.sleep(0)
                if error is not None:
                    raise error
                return name
            finally:
                self.cleaned.append(name)

        return attempt


def test_pool_hands_out_and_takes_back_connections() -> None:
    async def main() -> tuple[list[int], int, int]:
        pool = ConnectionPool(2)
        async with pool.connection() as first, pool.connection() as second:
            inside = pool.in_use
            numbers = sorted([first, second])
        return numbers, inside, pool.in_use

    numbers, inside, after = asyncio.run(main())
    assert numbers == [0, 1], f"a pool of 2 hands out connections 0 and 1, got {numbers}"
    assert (inside, after) == (2, 0), f"in_use should be 2 inside the blocks and 0 after, got {inside} and {after}"


def test_pool_waits_when_exhausted_and_a_cancelled_waiter_takes_nothing() -> None:
    async def main() -> list[object]:
        pool = ConnectionPool(1)
        seen: list[object] = []

        async def borrower(tag: str) -> None:
            async with pool.connection() as number:
                seen.append((tag, number))

        async with pool.connection():
            waiting = asyncio.create_task(borrower("waiter"))
            doomed = asyncio.create_task(borrower("doomed"))
            await asyncio.sleep(0)
            seen.append(("waiting", waiting.done(), pool.in_use))
            doomed.cancel()
            await asyncio.gather(doomed, return_exceptions=True)
        await waiting
        seen.append(("after", pool.in_use))
        return seen

    seen = asyncio.run(main())
    assert seen == [("waiting", False, 1), ("waiter", 0), ("after", 0)], (
        f"a borrower must wait while the only connection is out, a cancelled waiter takes nothing, got {seen}"
    )


def test_pool_size_must_be_positive() -> None:
    for bad in (0, -3):
        with pytest.raises(ValueError):
            ConnectionPool(bad)


def test_call_with_timeout_returns_and_releases() -> None:
    async def main() -> tuple[str, int]:
        pool = ConnectionPool(3)

        async def query(number: int) -> str:
            await asyncio.sleep(0)
            return f"rows from connection {number}"

        result = await call_with_timeout(pool, query, LONG)
        return result, pool.in_use

    assert asyncio.run(main()) == ("rows from connection 0", 0), "a quick operation returns its result"


def test_call_with_timeout_cancels_a_slow_operation_and_releases() -> None:
    events: list[str] = []

    async def main() -> int:
        pool = ConnectionPool(1)

        async def stuck(number: int) -> str:
            try:
                await asyncio.Event().wait()
            finally:
                events.append(f"cleanup {number}")
            return "never"

        with pytest.raises(TimeoutError):
            await call_with_timeout(pool, stuck, SHORT)
        return pool.in_use

    in_use = asyncio.run(main())
    assert events == ["cleanup 0"], f"the slow operation must be cancelled and run its finally, got {events}"
    assert in_use == 0, f"the connection must go back to the pool after a timeout, in_use={in_use}"


def test_call_with_timeout_counts_the_wait_for_a_connection() -> None:
    async def main() -> tuple[list[str], int]:
        pool = ConnectionPool(1)
        ran: list[str] = []

        async def op(number: int) -> str:
            ran.append("op")
            return "ok"

        async with pool.connection():
            with pytest.raises(TimeoutError):
                await call_with_timeout(pool, op, SHORT)
            held = pool.in_use
        return ran, held

    ran, held = asyncio.run(main())
    assert ran == [], "the operation must not run when no connection came free before the deadline"
    assert held == 1, f"only the holder's connection is in use, got {held}"


def test_call_with_timeout_propagates_errors_and_checks_timeout() -> None:
    async def main() -> int:
        pool = ConnectionPool(1)

        async def broken(number: int) -> str:
            raise ConnectionResetError("peer reset")

        with pytest.raises(ConnectionResetError):
            await call_with_timeout(pool, broken, LONG)
        with pytest.raises(ValueError):
            await call_with_timeout(pool, broken, 0)
        return pool.in_use

    assert asyncio.run(main()) == 0, "a failing operation still gives its connection back"


def test_first_success_takes_the_fastest_and_cancels_the_rest() -> None:
    attempts = Attempts()

    async def main() -> tuple[str, set[asyncio.Task[object]]]:
        winner = await first_success(
            [attempts.make("slow", hops=50), attempts.make("fast", hops=2), attempts.make("stuck", hops=None)],
            timeout=LONG,
        )
        return winner, other_tasks()

    winner, leftover = asyncio.run(main())
    assert winner == "fast", f"the attempt that finishes first should win, got {winner!r}"
    assert sorted(attempts.cleaned) == ["fast", "slow", "stuck"], (
        f"the losers must be cancelled and cleaned up before first_success returns, got {attempts.cleaned}"
    )
    assert leftover == set(), f"no attempt may keep running, left: {leftover}"


def test_first_success_skips_failures() -> None:
    attempts = Attempts()
    got = asyncio.run(
        first_success(
            [attempts.make("broken", hops=0, error=ConnectionError("down")), attempts.make("backup", hops=5)],
            timeout=LONG,
        )
    )
    assert got == "backup", f"a fast failure must not win; the slower success should, got {got!r}"


def test_first_success_reports_every_failure_in_input_order() -> None:
    attempts = Attempts()
    first, second, third = OSError("a"), TimeoutError("b"), ValueError("c")
    with pytest.raises(AllFailedError) as caught:
        asyncio.run(
            first_success(
                [
                    attempts.make("a", hops=9, error=first),
                    attempts.make("b", hops=0, error=second),
                    attempts.make("c", hops=4, error=third),
                ],
                timeout=LONG,
            )
        )
    assert caught.value.errors == [first, second, third], (
        f"errors must be in the order of the attempts, not of failure, got {caught.value.errors}"
    )


def test_first_success_times_out_and_cleans_up() -> None:
    attempts = Attempts()

    async def main() -> set[asyncio.Task[object]]:
        with pytest.raises(TimeoutError):
            await first_success([attempts.make("x", hops=None), attempts.make("y", hops=None)], timeout=SHORT)
        return other_tasks()

    leftover = asyncio.run(main())
    assert sorted(attempts.cleaned) == ["x", "y"], (
        f"both attempts must be cancelled and cleaned, got {attempts.cleaned}"
    )
    assert leftover == set(), f"no task may outlive the timeout, left: {leftover}"


def test_first_success_checks_its_arguments() -> None:
    with pytest.raises(ValueError):
        asyncio.run(first_success([], timeout=LONG))
    with pytest.raises(ValueError):
        asyncio.run(first_success([Attempts().make("a", hops=0)], timeout=0))
