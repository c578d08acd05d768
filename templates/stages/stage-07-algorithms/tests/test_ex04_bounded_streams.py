"""Tests for ex04: top-k and de-duplication in bounded memory."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from practice.bounded_streams import dedupe_recent, top_k

# Items alive beyond what the structure must hold: the one being read, the one the
# stream just made, and loop variables. Holding the whole stream is thousands more.
SLACK = 4


class LiveCount:
    """How many Event objects exist right now, and the most that ever existed at once."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0


class Event:
    """A stream item that keeps ``LiveCount`` up to date as it is created and freed."""

    def __init__(self, ident: int, ms: int, live: LiveCount) -> None:
        self.ident = ident
        self.ms = ms
        self.live = live
        live.now += 1
        live.peak = max(live.peak, live.now)

    def __del__(self) -> None:
        self.live.now -= 1

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Event) and other.ident == self.ident

    def __hash__(self) -> int:
        return hash(self.ident)

    def __repr__(self) -> str:
        return f"Event(ident={self.ident}, ms={self.ms})"


def latency(i: int) -> int:
    """A deterministic, scrambled response time for request ``i``."""
    return (i * 7919) % 10_007


def event_stream(count: int, live: LiveCount, ident: Callable[[int], int] = lambda i: i) -> Iterator[Event]:
    """Yield ``count`` fresh Events lazily, one at a time."""
    for i in range(count):
        yield Event(ident(i), latency(i), live)


@pytest.mark.parametrize(
    ("items", "k", "want"),
    [
        ([5, 1, 9, 3, 9, 7], 3, [9, 9, 7]),
        ([5, 1, 9], 10, [9, 5, 1]),
        ([5, 1, 9], 0, []),
        ([], 3, []),
        ([-4, -1, -7], 2, [-1, -4]),
        (["b", "\u00e4", "a"], 2, ["\u00e4", "b"]),
    ],
)
def test_top_k_of_plain_values(items: list[object], k: int, want: list[object]) -> None:
    got = top_k(iter(items), k)
    assert got == want, f"top_k({items!r}, {k}) should be {want!r}, got {got!r}"


def test_top_k_with_key_keeps_stream_order_on_ties() -> None:
    requests = [
        {"path": "/a", "ms": 120},
        {"path": "/b", "ms": 900},
        {"path": "/c", "ms": 120},
        {"path": "/d", "ms": 900},
        {"path": "/e", "ms": 450},
        {"path": "/f", "ms": 120},
    ]
    got = [r["path"] for r in top_k(requests, 4, key=lambda r: r["ms"])]
    want = ["/b", "/d", "/e", "/a"]
    assert got == want, (
        f"slowest 4 should be {want} (equal times keep stream order, dicts are never compared), got {got}"
    )


@pytest.mark.parametrize("k", [-1, -10])
def test_top_k_rejects_negative_k(k: int) -> None:
    with pytest.raises(ValueError):
        top_k([1, 2, 3], k)


@pytest.mark.parametrize("k", [1, 5, 50])
def test_top_k_holds_at_most_k_items(k: int) -> None:
    live = LiveCount()
    count = 20_000
    got = top_k(event_stream(count, live), k, key=lambda e: e.ms)
    want = sorted(range(count), key=latency, reverse=True)[:k]
    assert [e.ident for e in got] == want, (
        f"top_k by ms should return idents {want[:5]}..., got {[e.ident for e in got][:5]}..."
    )
    assert live.peak <= k + SLACK, (
        f"top_k(k={k}) had {live.peak} stream items alive at once; it may hold about "
        f"k + {SLACK}. Do not list()/sort the stream: keep a heap of size k."
    )


@pytest.mark.parametrize(
    ("text", "window", "want"),
    [
        ("abaca", 2, "abca"),
        ("aabba", 1, "aba"),
        ("abcabcd", 3, "abcd"),
        ("abcabc", 2, "abcabc"),
        ("", 4, ""),
        ("\u00e9\u00e9e\u00e9", 1, "\u00e9e\u00e9"),
    ],
)
def test_dedupe_recent_forgets_beyond_the_window(text: str, window: int, want: str) -> None:
    got = "".join(dedupe_recent(iter(text), window))
    assert got == want, (
        f"dedupe_recent({text!r}, window={window}) should give {want!r} (remember the keys "
        f"of the last {window} items let through; duplicates do not refresh), got {got!r}"
    )


def test_dedupe_recent_uses_the_key_function() -> None:
    messages = [
        {"id": "m1", "body": "first"},
        {"id": "m2", "body": "second"},
        {"id": "m1", "body": "redelivered"},
        {"id": "m3", "body": "third"},
    ]
    got = [m["body"] for m in dedupe_recent(messages, 10, key=lambda m: m["id"])]
    assert got == ["first", "second", "third"], f"the redelivered m1 should be dropped, got {got}"
    names = ["Stra\u00dfe", "STRASSE", "strasse", "Gasse"]
    folded = list(dedupe_recent(names, 5, key=str.casefold))
    assert folded == ["Stra\u00dfe", "Gasse"], (
        f"with key=str.casefold, 'Stra\u00dfe', 'STRASSE' and 'strasse' are one key, got {folded}"
    )


@pytest.mark.parametrize("window", [0, -3])
def test_dedupe_recent_rejects_bad_window_at_call_time(window: int) -> None:
    with pytest.raises(ValueError):
        dedupe_recent([1, 2, 3], window)


def test_dedupe_recent_is_lazy_on_an_endless_stream() -> None:
    reads = 0

    def endless() -> Iterator[int]:
        nonlocal reads
        for i in itertools.count():
            reads += 1
            assert reads <= 1_000, (
                "dedupe_recent read 1000 items to produce 5: it must be a generator that "
                "reads only as much as the caller consumes"
            )
            yield i // 2

    got = list(itertools.islice(dedupe_recent(endless(), 3), 5))
    assert got == [0, 1, 2, 3, 4], f"first 5 kept items of 0,0,1,1,2,2,... should be 0..4, got {got}"
    assert reads <= 11, f"producing 5 items should read at most 11 stream items, read {reads}"


def test_dedupe_recent_holds_at_most_window_keys() -> None:
    live = LiveCount()
    window = 10
    count = 20_000
    # Each key arrives three times in a row and comes back 1000 keys later.
    stream = event_stream(count, live, ident=lambda i: (i // 3) % 1_000)
    kept = sum(1 for _ in dedupe_recent(stream, window))
    want = (count + 2) // 3
    assert kept == want, (
        f"each run of 3 equal keys should yield once and a key 1000 keys later is new "
        f"again: want {want} kept, got {kept}"
    )
    assert live.peak <= window + SLACK, (
        f"dedupe_recent(window={window}) had {live.peak} stream items alive at once; it "
        f"may remember only the last {window} keys. Forget the oldest key as you go."
    )
