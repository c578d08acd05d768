"""Tests for ex05: reproduce and fix the order-history bug report.

Start with ``tests/data/SUPPORT_TICKET.txt`` and ``tests/data/order_history.log``
(JSON lines written by the production service). Every test below is a
scenario from that report. The tests are correct; the bug is in
``src/practice/order_history.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from practice.order_history import Order, Page, PageOutOfRange, order_history

DATA = Path(__file__).parent / "data"
NEW_YORK_WINTER = timezone(timedelta(hours=-5), "UTC-05:00")
TOKYO = timezone(timedelta(hours=9), "UTC+09:00")
DAY = date(2024, 1, 15)


def local(tz: tzinfo, *args: int) -> datetime:
    """An aware datetime given in local time ``tz``, converted to UTC for storage."""
    return datetime(*args, tzinfo=tz).astimezone(UTC)  # type: ignore[misc]


def daytime_orders(count: int = 25) -> list[Order]:
    """``count`` orders placed during the afternoon of 2024-01-15 UTC, ids 1..count (oldest first)."""
    start = datetime(2024, 1, 15, 13, 0, tzinfo=UTC)
    return [Order(i, "c-1042", 1000 + i, start + timedelta(minutes=20 * i)) for i in range(1, count + 1)]


def ticket_orders() -> list[Order]:
    """The customer's orders from the ticket: the 25 daytime ones plus two late-evening ones."""
    return [
        *daytime_orders(),
        Order(26, "c-1042", 4599, local(NEW_YORK_WINTER, 2024, 1, 15, 20, 30)),
        Order(27, "c-1042", 1250, local(NEW_YORK_WINTER, 2024, 1, 14, 22, 0)),
    ]


def history(orders: list[Order], **kwargs: object) -> Page:
    """Call order_history, turning an unexpected PageOutOfRange into a test failure."""
    try:
        return order_history(orders, **kwargs)  # type: ignore[arg-type]
    except PageOutOfRange as exc:
        raise AssertionError(f"order_history({kwargs!r}) raised {exc!r}, but that page should exist") from exc


def ids(page: Page) -> list[int]:
    return [order.id for order in page.items]


def test_the_evidence_is_there() -> None:
    log = (DATA / "order_history.log").read_text(encoding="utf-8")
    assert "order history served" in log, "tests/data/order_history.log should contain the production log lines"
    page = history(daytime_orders(), day=DAY, tz=UTC, page=1, per_page=10)
    assert ids(page)[:1] == [25], (
        f"page 1 must start with the newest order (id 25), got {ids(page)}; compare with the log, "
        "where returned_ids for page=1 start at 15"
    )


def test_first_page_has_the_newest_orders() -> None:
    page = history(daytime_orders(), day=DAY, tz=UTC, page=1, per_page=10)
    want = list(range(25, 15, -1))
    assert ids(page) == want, f"page 1 (per_page=10) should be ids {want}, got {ids(page)}"
    assert (page.has_prev, page.has_next) == (False, True), "page 1 of 3: no previous page, a next page"


def test_last_page_is_partial_not_empty() -> None:
    page = history(daytime_orders(), day=DAY, tz=UTC, page=3, per_page=10)
    assert ids(page) == [5, 4, 3, 2, 1], f"page 3 of 25 items (per_page=10) should be ids [5..1], got {ids(page)}"
    assert (page.total_pages, page.has_next, page.has_prev) == (3, False, True), f"page metadata wrong: {page!r}"


def test_walking_every_page_sees_each_order_exactly_once() -> None:
    orders = daytime_orders(23)
    seen: list[int] = []
    first = history(orders, day=DAY, tz=UTC, page=1, per_page=5)
    for number in range(1, first.total_pages + 1):
        seen.extend(ids(history(orders, day=DAY, tz=UTC, page=number, per_page=5)))
    assert seen == list(range(23, 0, -1)), f"walking all pages should yield ids 23..1 once each, got {seen}"


def test_page_past_the_end_raises_but_the_last_page_works() -> None:
    orders = daytime_orders()
    last = history(orders, day=DAY, tz=UTC, page=3, per_page=10)
    assert len(last.items) == 5, f"the last page (3) should hold 5 orders, got {ids(last)}"
    with pytest.raises(PageOutOfRange):
        order_history(orders, day=DAY, tz=UTC, page=4, per_page=10)
    with pytest.raises(PageOutOfRange):
        order_history(orders, day=DAY, tz=UTC, page=0, per_page=10)


def test_same_timestamp_orders_are_ordered_by_id() -> None:
    moment = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)
    orders = [Order(i, "c-7", 100, moment) for i in (3, 1, 2)]
    page = history(orders, day=DAY, tz=UTC, page=1, per_page=2)
    assert ids(page) == [3, 2], f"equal created_at -> highest id first; page 1 should be [3, 2], got {ids(page)}"


def test_evening_order_counts_for_the_customers_local_day() -> None:
    page = history(ticket_orders(), day=DAY, tz=NEW_YORK_WINTER, page=1, per_page=50)
    want = [26, *range(25, 0, -1)]
    assert ids(page) == want, (
        "in New York (UTC-05:00) order 26 was placed at 20:30 on 2024-01-15 and order 27 on "
        f"2024-01-14; Jan 15 should list {want}, got {ids(page)}"
    )
    assert page.total_items == 26, f"total_items should be 26, got {page.total_items}"


def test_late_night_order_belongs_to_the_previous_local_day() -> None:
    page = history(ticket_orders(), day=date(2024, 1, 14), tz=NEW_YORK_WINTER, page=1, per_page=20)
    assert ids(page) == [27], f"2024-01-14 in New York should contain only order 27, got {ids(page)}"


def test_day_without_local_orders_is_an_empty_first_page() -> None:
    page = history(ticket_orders(), day=date(2024, 1, 16), tz=NEW_YORK_WINTER, page=1, per_page=20)
    assert (ids(page), page.total_items, page.total_pages) == ([], 0, 1), (
        "no order was placed on 2024-01-16 New York time (order 26 is 01:30 UTC = 20:30 the day before); "
        f"want an empty page 1 of 1, got ids={ids(page)} total_items={page.total_items} "
        f"total_pages={page.total_pages}"
    )


def test_positive_offset_early_morning_order() -> None:
    orders = [
        Order(1, "c-88", 500, datetime(2024, 1, 14, 20, 0, tzinfo=UTC)),
        Order(2, "c-88", 700, datetime(2024, 1, 15, 14, 59, tzinfo=UTC)),
        Order(3, "c-88", 900, datetime(2024, 1, 15, 15, 0, tzinfo=UTC)),
    ]
    page = history(orders, day=DAY, tz=TOKYO, page=1, per_page=10)
    assert ids(page) == [2, 1], (
        "in Tokyo (UTC+09:00) order 1 is 05:00 on Jan 15, order 2 is 23:59 on Jan 15 and order 3 is "
        f"already Jan 16; want [2, 1], got {ids(page)}"
    )


def test_local_midnight_boundaries() -> None:
    orders = [
        Order(1, "c-5", 100, local(NEW_YORK_WINTER, 2024, 1, 14, 23, 59, 59, 999999)),
        Order(2, "c-5", 100, local(NEW_YORK_WINTER, 2024, 1, 15, 0, 0, 0)),
        Order(3, "c-5", 100, local(NEW_YORK_WINTER, 2024, 1, 15, 23, 59, 59)),
        Order(4, "c-5", 100, local(NEW_YORK_WINTER, 2024, 1, 16, 0, 0, 0)),
    ]
    page = history(orders, day=DAY, tz=NEW_YORK_WINTER, page=1, per_page=10)
    assert ids(page) == [3, 2], f"local 00:00:00 starts Jan 15 and 23:59:59 ends it; want [3, 2], got {ids(page)}"
