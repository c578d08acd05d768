"""Tests for ex05: an event bus (observer pattern) that is robust enough for production."""

from __future__ import annotations

import pytest
from practice.event_bus import Event, EventBus, HandlerFailure

PLACED = Event("order.placed", {"order_id": 7, "sku": "MUG", "quantity": 2})


class Recorder:
    """A handler that records what it saw into a shared log."""

    def __init__(self, label: str, log: list[str]) -> None:
        self.label, self.log = label, log

    def __call__(self, event: Event) -> None:
        self.log.append(f"{self.label}:{event.name}")


def test_handlers_run_in_subscription_order_then_wildcards() -> None:
    bus, log = EventBus(), []
    bus.subscribe("*", Recorder("audit", log))
    bus.subscribe("order.placed", Recorder("email", log))
    bus.subscribe("order.placed", Recorder("stock", log))
    bus.subscribe("user.created", Recorder("welcome", log))
    failures = bus.publish(PLACED)
    want = ["email:order.placed", "stock:order.placed", "audit:order.placed"]
    assert log == want, f"named handlers in order, then wildcard ones:\n got {log}\nwant {want}"
    assert failures == [], f"no handler failed, got {failures}"


def test_handlers_receive_the_event_itself() -> None:
    bus, seen = EventBus(), []
    bus.subscribe("order.placed", seen.append)
    bus.publish(PLACED)
    bus.publish(Event("order.shipped"))
    assert seen == [PLACED], f"a handler only gets events with its name, and the event object itself; got {seen}"


def test_publish_with_no_subscribers_is_fine() -> None:
    bus = EventBus()
    assert bus.publish(Event("nobody.listens", {"x": "ü"})) == [], "publishing to nobody returns no failures"
    assert bus.handler_count("nobody.listens") == 0, "no handlers registered"


def test_failing_handler_does_not_stop_others() -> None:
    bus, log = EventBus(), []
    boom = RuntimeError("smtp down")

    def send_email(event: Event) -> None:
        raise boom

    bus.subscribe("order.placed", send_email)
    bus.subscribe("order.placed", Recorder("stock", log))
    failures = bus.publish(PLACED)
    assert log == ["stock:order.placed"], f"the stock handler must still run after the email one fails, log={log}"
    assert failures == [HandlerFailure(PLACED, send_email, boom)], f"the failure should be reported, got {failures}"


def test_unsubscribe_and_duplicates() -> None:
    bus, log = EventBus(), []
    handler = Recorder("email", log)
    unsubscribe = bus.subscribe("order.placed", handler)
    with pytest.raises(ValueError) as info:
        bus.subscribe("order.placed", handler)
    assert "already" in str(info.value), f"duplicate subscription message should say 'already', got {info.value}"
    bus.subscribe("order.shipped", handler)
    assert bus.handler_count("order.placed") == 1, "the duplicate must not have been added"
    unsubscribe()
    unsubscribe()
    bus.publish(PLACED)
    bus.publish(Event("order.shipped"))
    assert log == ["email:order.shipped"], f"unsubscribe removes only that subscription, log={log}"
    assert bus.handler_count("order.placed") == 0, "no handlers left for order.placed"


@pytest.mark.parametrize("name", ["", "*"])
def test_invalid_names(name: str) -> None:
    bus = EventBus()
    with pytest.raises(ValueError):
        bus.publish(Event(name))
    if name == "":
        with pytest.raises(ValueError):
            bus.subscribe(name, print)


def test_events_published_by_handlers_are_queued() -> None:
    bus, log = EventBus(), []

    def reserve_stock(event: Event) -> None:
        log.append("reserve")
        inner = bus.publish(Event("stock.low", {"sku": event.payload["sku"]}))
        log.append(f"inner publish returned {inner}")

    bus.subscribe("order.placed", reserve_stock)
    bus.subscribe("order.placed", Recorder("email", log))
    bus.subscribe("stock.low", Recorder("reorder", log))
    bus.publish(PLACED)
    want = ["reserve", "inner publish returned []", "email:order.placed", "reorder:stock.low"]
    assert log == want, f"stock.low must be delivered after order.placed is fully handled:\n got {log}\nwant {want}"


def test_failures_from_queued_events_are_returned_by_outer_publish() -> None:
    bus = EventBus()
    error = KeyError("warehouse")

    def cascade(event: Event) -> None:
        bus.publish(Event("stock.low"))

    def broken(event: Event) -> None:
        raise error

    bus.subscribe("order.placed", cascade)
    bus.subscribe("stock.low", broken)
    failures = bus.publish(PLACED)
    assert [(f.event.name, f.error) for f in failures] == [("stock.low", error)], f"got {failures}"
    assert bus.publish(PLACED) != [], "the bus must be usable again after a cascade (state reset)"


def test_subscriptions_changed_during_delivery_apply_to_later_events() -> None:
    bus, log = EventBus(), []
    late = Recorder("late", log)

    def first(event: Event) -> None:
        log.append("first")
        bus.subscribe("order.placed", late)

    bus.subscribe("order.placed", first)
    bus.publish(PLACED)
    assert log == ["first"], f"a handler added during delivery must not see the current event, log={log}"
    bus.publish(Event("order.placed"))
    assert log == ["first", "first", "late:order.placed"], f"but it sees the next one, log={log}"
