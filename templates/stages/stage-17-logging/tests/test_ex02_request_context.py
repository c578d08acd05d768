"""Tests for ex02: request context that flows into every log record."""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid

import pytest
from practice.request_context import ContextFilter, current_context, log_context, request_id_from_headers


class ListHandler(logging.Handler):
    """Keeps every record it handles."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def capture(name: str | None = None) -> tuple[logging.Logger, ListHandler]:
    logger = logging.getLogger(name or f"test.ctx.{uuid.uuid4().hex}")
    handler = ListHandler()
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, handler


def test_bind_and_restore() -> None:
    assert current_context() == {}, f"outside any block the context should be empty, got {current_context()!r}"
    with log_context(request_id="r-1", user="ada"):
        got = current_context()
        assert got == {"request_id": "r-1", "user": "ada"}, f"inside the block got {got!r}"
    assert current_context() == {}, "leaving the block must restore the empty context"


def test_nested_blocks_merge_override_and_restore() -> None:
    with log_context(request_id="r-1", user="ada"):
        with log_context(user="grace", step="charge"):
            inner = current_context()
            assert inner == {"request_id": "r-1", "user": "grace", "step": "charge"}, (
                f"inner block should merge and override, got {inner!r}"
            )
        outer = current_context()
        assert outer == {"request_id": "r-1", "user": "ada"}, f"outer values must come back, got {outer!r}"


def test_context_restored_after_exception() -> None:
    with pytest.raises(RuntimeError), log_context(request_id="doomed"):
        raise RuntimeError("handler crashed")
    assert current_context() == {}, "an exception inside the block must not leak the context"


def test_current_context_returns_a_copy() -> None:
    with log_context(request_id="r-9"):
        snapshot = current_context()
        snapshot["request_id"] = "tampered"
        assert current_context() == {"request_id": "r-9"}, "mutating the returned dict must not change the context"


def test_filter_on_handler_tags_records_from_child_loggers() -> None:
    parent_name = f"test.ctx.{uuid.uuid4().hex}"
    parent, handler = capture(parent_name)
    handler.addFilter(ContextFilter())
    child = logging.getLogger(f"{parent_name}.payments")
    child.setLevel(logging.DEBUG)
    with log_context(request_id="req-42", user="ada"):
        child.info("charging card")
        parent.info("done", extra={"user": "explicit"})
    child.info("after the request")
    assert len(handler.records) == 3, f"expected 3 records, got {len(handler.records)}"
    first, second, third = handler.records
    assert getattr(first, "request_id", None) == "req-42", "a record from a child logger must get request_id"
    assert getattr(second, "user", None) == "explicit", "a field passed with extra= must not be overwritten"
    assert getattr(second, "request_id", None) == "req-42", "context fields are still added next to extras"
    assert not hasattr(third, "request_id"), "records logged after the block must not carry the old request id"


def test_filter_defaults_fill_missing_fields() -> None:
    logger, handler = capture()
    handler.addFilter(ContextFilter(defaults={"request_id": "-", "tenant": "none"}))
    logger.info("startup")
    with log_context(request_id="req-1"):
        logger.info("in request")
    first, second = handler.records
    assert (first.request_id, first.tenant) == ("-", "none"), "without context, defaults apply"  # type: ignore[attr-defined]
    assert second.request_id == "req-1", "context wins over defaults"  # type: ignore[attr-defined]
    assert handler.filter(first), "the filter must let every record through"


def test_concurrent_asyncio_tasks_keep_their_own_request_id() -> None:
    logger, handler = capture()
    handler.addFilter(ContextFilter())

    async def handle(request_id: str) -> None:
        with log_context(request_id=request_id):
            for step in range(3):
                logger.info("step %d", step)
                await asyncio.sleep(0)

    async def main() -> None:
        await asyncio.gather(handle("req-A"), handle("req-B"), handle("req-C"))

    asyncio.run(main())
    seen = [(r.request_id, r.getMessage()) for r in handler.records]  # type: ignore[attr-defined]
    assert len(seen) == 9, f"expected 9 records, got {len(seen)}"
    for rid in ("req-A", "req-B", "req-C"):
        steps = [msg for got_id, msg in seen if got_id == rid]
        assert steps == ["step 0", "step 1", "step 2"], (
            f"task {rid} should own exactly its three records even though tasks interleave; got {seen!r}"
        )
    order = [got_id for got_id, _ in seen]
    assert order[:3] == ["req-A", "req-B", "req-C"], f"tasks should interleave (sanity check), got {order!r}"


def test_threads_do_not_see_each_others_context() -> None:
    inside = threading.Event()
    release = threading.Event()
    seen_in_thread: list[dict[str, object]] = []

    def worker() -> None:
        with log_context(request_id="thread-req"):
            seen_in_thread.append(current_context())
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker, daemon=True)
    with log_context(request_id="main-req"):
        thread.start()
        try:
            assert inside.wait(5), "the worker thread did not start"
            assert current_context() == {"request_id": "main-req"}, "the main thread must keep its own request id"
        finally:
            release.set()
            thread.join(5)
    assert seen_in_thread == [{"request_id": "thread-req"}], f"the thread saw {seen_in_thread!r}"


def _fixed() -> str:
    return "generated-id"


@pytest.mark.parametrize(
    ("headers", "want"),
    [
        ({"X-Request-ID": "abc-123_x.y"}, "abc-123_x.y"),
        ({"x-request-id": "lowercase-header"}, "lowercase-header"),
        ({}, "generated-id"),
        ({"X-Request-ID": ""}, "generated-id"),
        ({"X-Request-ID": "a" * 64}, "a" * 64),
        ({"X-Request-ID": "a" * 65}, "generated-id"),
        ({"X-Request-ID": "evil\nlevel=ERROR"}, "generated-id"),
        ({"X-Request-ID": "has space"}, "generated-id"),
        ({"X-Request-ID": "caf\u00e9"}, "generated-id"),
        ({"X-Correlation-ID": "other-header"}, "generated-id"),
    ],
    ids=[
        "valid",
        "header-case",
        "missing",
        "empty",
        "max-length",
        "too-long",
        "newline-injection",
        "space",
        "non-ascii",
        "wrong-header",
    ],
)
def test_request_id_from_headers(headers: dict[str, str], want: str) -> None:
    got = request_id_from_headers(headers, id_factory=_fixed)
    assert got == want, f"request_id_from_headers({headers!r}) should be {want!r}, got {got!r}"


def test_request_id_default_factory_makes_unique_ids() -> None:
    ids = {request_id_from_headers({}) for _ in range(50)}
    assert len(ids) == 50, "without a usable header every call should generate a fresh id"
    assert all(1 <= len(i) <= 64 for i in ids), f"generated ids should be 1..64 chars, got {sorted(ids)[:3]!r}"
