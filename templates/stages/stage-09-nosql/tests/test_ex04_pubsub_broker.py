"""Tests for ex04: publish/subscribe fan-out with patterns and back-pressure."""

from __future__ import annotations

import pytest
from practice.pubsub_broker import Broker, Message, glob_to_regex


@pytest.mark.parametrize(
    ("pattern", "channel", "want"),
    [
        ("news.*", "news.tech", True),
        ("news.*", "news.", True),
        ("news.*", "breaking.news.tech", False),
        ("news.*", "newsXtech", False),
        ("h?llo", "hello", True),
        ("h?llo", "hllo", False),
        ("h[ae]llo", "hallo", True),
        ("h[ae]llo", "hillo", False),
        ("h[^e]llo", "hallo", True),
        ("h[^e]llo", "hello", False),
        ("room:[0-9]", "room:7", True),
        ("room:[0-9]", "room:x", False),
        ("price\\*", "price*", True),
        ("price\\*", "prices", False),
        ("*", "caf\u00e9:\u2615", True),
        ("user:*:events", "user:42:events", True),
    ],
)
def test_glob_patterns(pattern: str, channel: str, want: bool) -> None:
    got = glob_to_regex(pattern).fullmatch(channel) is not None
    assert got is want, f"pattern {pattern!r} on channel {channel!r} should give {want}, got {got}"


@pytest.mark.parametrize("pattern", ["room:[0-9", "trailing\\", "[^]"])
def test_bad_patterns_raise_value_error(pattern: str) -> None:
    with pytest.raises(ValueError):
        glob_to_regex(pattern)


def test_publish_fans_out_to_every_subscriber() -> None:
    broker = Broker()
    broker.subscribe("alice", "chat")
    broker.subscribe("bob", "chat")
    broker.subscribe("carol", "other")
    got = broker.publish("chat", "hi")
    assert got == 2, f"publish('chat') reaches alice and bob, should return 2, got {got}"
    want = [Message("chat", "hi")]
    assert broker.drain("alice") == want, "alice should get the message"
    assert broker.drain("bob") == want, "bob should get the message"
    assert broker.drain("carol") == [], "carol is on another channel"
    assert broker.publish("empty", "x") == 0, "a channel nobody listens to returns 0"


def test_messages_keep_publish_order_and_drain_empties() -> None:
    broker = Broker()
    broker.subscribe("s", "a", "b")
    for i, channel in enumerate(["a", "b", "a", "b", "a"]):
        broker.publish(channel, f"m{i}")
    got = [(m.channel, m.data) for m in broker.drain("s")]
    want = [("a", "m0"), ("b", "m1"), ("a", "m2"), ("b", "m3"), ("a", "m4")]
    assert got == want, f"messages must arrive in publish order, got {got}"
    assert broker.drain("s") == [], "drain() must empty the inbox"
    assert broker.drain("stranger") == [], "an unknown subscriber has no messages"


def test_no_history_for_late_subscribers() -> None:
    broker = Broker()
    broker.subscribe("early", "feed")
    broker.publish("feed", "before")
    broker.subscribe("late", "feed")
    broker.publish("feed", "after")
    got = [m.data for m in broker.drain("late")]
    assert got == ["after"], f"pub/sub keeps no history: late should only see ['after'], got {got}"


def test_subscription_counts_and_duplicates() -> None:
    broker = Broker()
    assert broker.subscribe("s", "a", "b") == 2, "two channels -> 2 subscriptions"
    assert broker.subscribe("s", "a") == 2, "subscribing again to 'a' changes nothing"
    assert broker.psubscribe("s", "x.*") == 3, "a pattern counts too"
    broker.publish("a", "once")
    got = broker.drain("s")
    assert got == [Message("a", "once")], f"a duplicate subscribe must not duplicate delivery, got {got}"
    assert broker.unsubscribe("s", "a", "never-joined") == 2, "leaving 'a' leaves b and x.*"
    assert broker.unsubscribe("s") == 1, "unsubscribe() without names leaves every channel"
    assert broker.punsubscribe("s") == 0, "punsubscribe() without names leaves every pattern"
    assert broker.publish("b", "gone") == 0, "nobody is left on 'b'"


def test_pattern_and_direct_subscription_both_deliver() -> None:
    broker = Broker()
    broker.psubscribe("p", "orders.*")
    broker.subscribe("p", "orders.eu")
    broker.psubscribe("p", "*.eu")
    broker.subscribe("q", "orders.eu")
    got = broker.publish("orders.eu", "o-1")
    assert got == 4, f"p has 3 matching subscriptions and q has 1, should return 4, got {got}"
    want = [
        Message("orders.eu", "o-1"),
        Message("orders.eu", "o-1", pattern="orders.*"),
        Message("orders.eu", "o-1", pattern="*.eu"),
    ]
    got_p = broker.drain("p")
    assert got_p == want, f"direct first, then patterns in subscription order: want {want}, got {got_p}"
    assert broker.publish("orders.us", "o-2") == 1, "only orders.* matches orders.us"


def test_numsub_and_channels() -> None:
    broker = Broker()
    broker.subscribe("a", "news.tech", "news.art")
    broker.subscribe("b", "news.tech", "weather")
    broker.psubscribe("c", "news.*")
    assert broker.numsub("news.tech") == 2, "numsub counts direct subscribers only"
    assert broker.numsub("nothing") == 0, "numsub of an unknown channel is 0"
    got = broker.channels()
    assert got == ["news.art", "news.tech", "weather"], f"channels() sorted, got {got}"
    got = broker.channels("news.*")
    assert got == ["news.art", "news.tech"], f"channels('news.*') filters, got {got}"
    broker.unsubscribe("a")
    broker.unsubscribe("b", "weather")
    got = broker.channels()
    assert got == ["news.tech"], f"channels with no subscribers disappear, got {got}"


@pytest.mark.parametrize(
    ("call", "args"),
    [("subscribe", ()), ("subscribe", ("",)), ("psubscribe", ()), ("psubscribe", ("ok.*", "bad["))],
)
def test_subscribe_rejects_bad_names(call: str, args: tuple[str, ...]) -> None:
    broker = Broker()
    with pytest.raises(ValueError):
        getattr(broker, call)("s", *args)
    assert broker.publish("ok.x", "m") == 0, f"a rejected {call}{args} must not subscribe anything"


def test_slow_consumer_is_disconnected() -> None:
    broker = Broker(max_pending=2)
    broker.subscribe("slow", "ticks")
    broker.psubscribe("slow", "t*")
    broker.subscribe("fast", "ticks")
    got = broker.publish("ticks", "1")
    assert got == 3, f"first tick: slow gets 2 (direct + pattern), fast gets 1, got {got}"
    broker.drain("fast")
    got = broker.publish("ticks", "2")
    assert got == 1, f"slow's inbox is full (2), so slow is cut off and only fast counts, got {got}"
    assert broker.is_disconnected("slow") is True, "slow should be disconnected"
    assert broker.is_disconnected("fast") is False, "fast keeps up and stays connected"
    assert broker.drain("slow") == [], "a disconnected subscriber's inbox is dropped"
    assert broker.publish("ticks", "3") == 1, "slow has no subscriptions left"
    broker.drain("fast")
    broker.subscribe("slow", "ticks")
    assert broker.is_disconnected("slow") is False, "subscribing again reconnects"
    assert broker.publish("ticks", "4") == 2, "slow receives again after reconnecting"
