"""Order history for the customer dashboard: one local day, newest first, paged.

The dashboard calls ``order_history(orders, day=..., tz=..., page=...)``
with the customer's own calendar day and time zone. ``created_at`` values
are stored in UTC (aware datetimes).

This module is in production and a customer reported a problem. Read
``tests/data/SUPPORT_TICKET.txt`` and ``tests/data/order_history.log``;
``tests/test_ex05_order_history.py`` reproduces the report. Find the
cause and fix this module (the docstrings describe the intended behaviour;
the tests are correct).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

logger = logging.getLogger("shop.order_history")

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Order:
    """One order. ``created_at`` is timezone-aware (stored in UTC)."""

    id: int
    customer: str
    total_cents: int
    created_at: datetime


@dataclass(frozen=True)
class Page:
    """One page of results. ``page`` is 1-based."""

    items: list[Order]
    page: int
    per_page: int
    total_items: int
    total_pages: int

    @property
    def has_next(self) -> bool:
        """True if a later page exists."""
        return self.page < self.total_pages

    @property
    def has_prev(self) -> bool:
        """True if an earlier page exists."""
        return self.page > 1


class PageOutOfRange(ValueError):
    """Raised for a page number below 1 or above the last page."""


def orders_on_local_day(orders: Iterable[Order], day: date, tz: tzinfo) -> list[Order]:
    """Return the orders placed on ``day`` as the customer's calendar shows it.

    An order belongs to ``day`` when its ``created_at``, converted to ``tz``,
    has that date: with ``tz`` = UTC-05:00, an order created at
    2024-01-16 01:30 UTC was placed at 20:30 on 2024-01-15 local time and
    belongs to 2024-01-15. Local midnight starts a day (00:00:00 belongs to
    the new day).

    Returns:
        The matching orders, newest first; orders with the same
        ``created_at`` are ordered by ``id``, highest first.

    Raises:
        ValueError: if an order has a naive ``created_at``.
    """
    selected: list[Order] = []
    for order in orders:
        if order.created_at.tzinfo is None:
            raise ValueError(f"order {order.id} has a naive created_at")
        local_day = order.created_at.date()
        if local_day == day:
            selected.append(order)
    selected.sort(key=lambda o: (o.created_at, o.id), reverse=True)
    return selected


def paginate(items: Sequence[Order], page: int, per_page: int) -> Page:
    """Cut ``items`` into pages of ``per_page`` and return page number ``page``.

    Pages are numbered from 1. ``total_pages`` is ``ceil(len(items) /
    per_page)`` but at least 1, so page 1 of an empty list is a valid, empty
    page. Page 1 holds ``items[0:per_page]``, page 2 the next ``per_page``,
    and the last page may be shorter.

    Raises:
        ValueError: if ``per_page`` is not between 1 and ``MAX_PER_PAGE``.
        PageOutOfRange: if ``page < 1`` or ``page > total_pages``.
    """
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}, got {per_page}")
    total_pages = max(1, math.ceil(len(items) / per_page))
    if page < 1 or page > total_pages:
        raise PageOutOfRange(f"page {page} is out of range 1..{total_pages}")
    start = page * per_page
    return Page(
        items=list(items[start : start + per_page]),
        page=page,
        per_page=per_page,
        total_items=len(items),
        total_pages=total_pages,
    )


def order_history(
    orders: Iterable[Order],
    *,
    day: date,
    tz: tzinfo,
    page: int = 1,
    per_page: int = 20,
) -> Page:
    """The dashboard endpoint: one local day of orders, newest first, paged.

    Logs one INFO record per call on ``logger`` with the request parameters
    and the returned order ids.

    Raises:
        ValueError, PageOutOfRange: as ``orders_on_local_day`` and ``paginate``.
    """
    result = paginate(orders_on_local_day(orders, day, tz), page, per_page)
    logger.info(
        "order history served",
        extra={
            "day": day.isoformat(),
            "utc_offset": datetime(2024, 1, 1, tzinfo=tz).strftime("%z"),
            "page": page,
            "per_page": per_page,
            "total_items": result.total_items,
            "total_pages": result.total_pages,
            "returned_ids": [order.id for order in result.items],
        },
    )
    return result
