"""ex05: async retries with full jitter, per-attempt timeouts and an overall deadline."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from practice.deadline_retry import backoff_ceiling, backoff_delays, retry_with_deadline


class FakeTime:
    """A clock plus a sleep that only moves the clock; nothing waits for real."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, delay: float) -> None:
        self.sleeps.append(delay)
        self.now += delay


def fixed(*values: float) -> Callable[[], float]:
    """A rand() that returns these values in order."""
    remaining = list(values)
    return lambda: remaining.pop(0)


class Flaky:
    """Fails with the given exceptions (one per call), then returns 'done'; each call costs `cost` seconds."""

    def __init__(self, *failures: Exception, time: FakeTime | None = None, cost: float = 0.0) -> None:
        self.failures = list(failures)
        self.calls = 0
        self.time = time
        self.cost = cost

    async def __call__(self) -> str:
        self.calls += 1
        if self.time is not None:
            self.time.now += self.cost
        await asyncio.sleep(0)
        if self.failures:
            raise self.failures.pop(0)
        return "done"


@pytest.mark.parametrize(("retry_number", "want"), [(1, 0.1), (2, 0.2), (3, 0.4), (4, 0.8), (5, 1.0), (12, 1.0)])
def test_backoff_ceiling_doubles_up_to_the_cap(retry_number: int, want: float) -> None:
    got = backoff_ceiling(retry_number, base=0.1, cap=1.0)
    assert got == pytest.approx(want), f"backoff_ceiling({retry_number}, base=0.1, cap=1.0) should be {want}, got {got}"


def test_backoff_delays_use_full_jitter() -> None:
    got = backoff_delays(5, base=0.5, cap=3.0, rand=fixed(1.0, 0.5, 0.25, 0.0))
    assert got == pytest.approx([0.5, 0.5, 0.5, 0.0]), (
        f"waits are rand() * min(cap, base * 2**(n-1)): 1*0.5, 0.5*1, 0.25*2, 0*3 -> got {got}"
    )
    assert backoff_delays(1, base=0.5, cap=3.0, rand=fixed()) == [], "one attempt means no waits"
    capped = backoff_delays(6, base=1.0, cap=5.0, rand=lambda: 0.999)
    assert capped == pytest.approx([0.999, 1.998, 3.996, 4.995, 4.995]), f"the cap bounds every wait, got {capped}"


@pytest.mark.parametrize(
    "settings",
    [
        {"attempts": 0},
        {"base": 0.0},
        {"base": 0.5, "cap": 0.1},
        {"attempt_timeout": 0},
        {"deadline": -1.0},
    ],
)
def test_bad_settings_raise_before_any_attempt(settings: dict[str, float]) -> None:
    operation = Flaky()
    with pytest.raises(ValueError):
        asyncio.run(retry_with_deadline(operation, **settings))  # type: ignore[arg-type]
    assert operation.calls == 0, "settings are checked before the operation is ever called"


@pytest.mark.parametrize(
    "call",
    [
        lambda: backoff_delays(0, base=0.1, cap=1.0, rand=fixed(0.5)),
        lambda: backoff_delays(3, base=0.0, cap=1.0, rand=fixed(0.5, 0.5)),
        lambda: backoff_delays(3, base=0.5, cap=0.1, rand=fixed(0.5, 0.5)),
        lambda: backoff_ceiling(0, base=0.1, cap=1.0),
        lambda: backoff_ceiling(1, base=-0.1, cap=1.0),
        lambda: backoff_ceiling(2, base=0.5, cap=0.1),
    ],
    ids=["no-attempts", "zero-base", "cap-below-base", "retry-zero", "negative-base", "ceiling-cap-below-base"],
)
def test_backoff_refuses_bad_values(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        call()


def test_succeeds_after_passing_failures_with_exact_waits() -> None:
    time = FakeTime()
    operation = Flaky(ConnectionResetError("reset"), TimeoutError("slow"))
    got = asyncio.run(
        retry_with_deadline(operation, base=0.2, cap=5.0, sleep=time.sleep, rand=fixed(0.5, 0.75), clock=time.clock)
    )
    assert got == "done", f"the third call succeeds, so the result is 'done', got {got!r}"
    assert operation.calls == 3, f"expected exactly 3 calls, got {operation.calls}"
    assert time.sleeps == pytest.approx([0.1, 0.3]), f"waits should be 0.5 * 0.2 and 0.75 * 0.4, got {time.sleeps}"


def test_gives_up_with_the_last_error_and_a_note() -> None:
    time = FakeTime()
    errors = [ConnectionRefusedError(f"refused {n}") for n in range(4)]
    operation = Flaky(*errors)
    with pytest.raises(ConnectionRefusedError) as caught:
        asyncio.run(
            retry_with_deadline(
                operation, attempts=4, base=1.0, cap=2.0, sleep=time.sleep, rand=fixed(1.0, 1.0, 1.0), clock=time.clock
            )
        )
    assert caught.value is errors[3], f"the last attempt's own exception must be re-raised, got {caught.value!r}"
    notes = " ".join(getattr(caught.value, "__notes__", []))
    assert "4" in notes, f"add a note saying 4 attempts were made, notes: {notes!r}"
    assert (operation.calls, time.sleeps) == (4, [1.0, 2.0, 2.0]), (
        f"4 calls with 3 waits (none after the last), got {operation.calls} calls and waits {time.sleeps}"
    )


def test_other_errors_propagate_at_once() -> None:
    time = FakeTime()
    operation = Flaky(PermissionError("403"), ConnectionError("never reached"))
    with pytest.raises(PermissionError):
        asyncio.run(retry_with_deadline(operation, sleep=time.sleep, rand=fixed(), clock=time.clock))
    assert (operation.calls, time.sleeps) == (1, []), (
        f"an error outside retry_on is not retried, got {operation.calls} calls and waits {time.sleeps}"
    )


def test_a_hung_attempt_times_out_and_is_retried() -> None:
    time = FakeTime()
    cleaned: list[int] = []
    calls = 0

    async def sometimes_hangs() -> str:
        nonlocal calls
        calls += 1
        try:
            if calls == 1:
                await asyncio.Event().wait()
            return f"answer from call {calls}"
        finally:
            cleaned.append(calls)

    got = asyncio.run(
        retry_with_deadline(sometimes_hangs, attempt_timeout=0.02, sleep=time.sleep, rand=fixed(0.5), clock=time.clock)
    )
    assert got == "answer from call 2", f"the hung first attempt should time out and the second answer, got {got!r}"
    assert cleaned == [1, 2], f"the timed-out attempt must be cancelled and run its finally, got {cleaned}"
    assert time.sleeps == pytest.approx([0.05]), (
        f"one jittered wait (0.5 * 0.1) between the attempts, got {time.sleeps}"
    )


def test_attempt_timeouts_are_not_retried_unless_timeout_error_is_retryable() -> None:
    time = FakeTime()
    calls = 0

    async def hangs() -> str:
        nonlocal calls
        calls += 1
        await asyncio.Event().wait()
        return "never"

    with pytest.raises(TimeoutError):
        asyncio.run(
            retry_with_deadline(
                hangs, attempt_timeout=0.02, retry_on=(ConnectionError,), sleep=time.sleep, clock=time.clock
            )
        )
    assert (calls, time.sleeps) == (1, []), f"with retry_on=(ConnectionError,) a timeout ends it, got {calls} calls"


def test_the_deadline_stops_retrying_early() -> None:
    time = FakeTime()
    operation = Flaky(*[ConnectionError(f"down {n}") for n in range(10)], time=time, cost=1.0)
    with pytest.raises(ConnectionError) as caught:
        asyncio.run(
            retry_with_deadline(
                operation,
                attempts=10,
                base=1.0,
                cap=8.0,
                deadline=10.0,
                sleep=time.sleep,
                rand=lambda: 1.0,
                clock=time.clock,
            )
        )
    assert (operation.calls, time.sleeps) == (3, [1.0, 2.0]), (
        "each call costs 1 s: calls end at t=1, 3, 6; waiting 4 s after the third would reach t=10, the deadline, "
        f"so it must give up after 3 calls and 2 waits, got {operation.calls} calls and waits {time.sleeps}"
    )
    assert str(caught.value) == "down 2", f"the last error is re-raised, got {caught.value!r}"
    notes = " ".join(getattr(caught.value, "__notes__", []))
    assert "deadline" in notes, f"the note should say the deadline stopped it, notes: {notes!r}"


def test_cancelling_the_caller_during_an_attempt_is_not_a_timeout() -> None:
    time = FakeTime()
    calls = 0
    started = asyncio.Event()

    async def hangs() -> str:
        nonlocal calls
        calls += 1
        started.set()
        await asyncio.Event().wait()
        return "never"

    async def main() -> None:
        task = asyncio.create_task(
            retry_with_deadline(hangs, attempt_timeout=5.0, sleep=time.sleep, rand=lambda: 0.5, clock=time.clock)
        )
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert (calls, time.sleeps) == (1, []), (
        f"a cancelled caller must not be retried like a timeout, got {calls} calls and waits {time.sleeps}"
    )


def test_cancelling_the_caller_during_a_wait_stops_everything() -> None:
    operation = Flaky(ConnectionError("down"), ConnectionError("down"))
    waits: list[float] = []

    async def forever(delay: float) -> None:
        waits.append(delay)
        await asyncio.Event().wait()

    async def main() -> None:
        task = asyncio.create_task(retry_with_deadline(operation, sleep=forever, rand=lambda: 0.5))
        while not waits and not task.done():
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert (operation.calls, len(waits)) == (1, 1), (
        f"cancelled in the first wait: nothing more may run, got {operation.calls} calls, {len(waits)} waits"
    )
