"""Tests for ex04: idempotency keys that make POST safe to retry."""

from __future__ import annotations

import re

import pytest
from practice.idempotency_keys import (
    IdempotencyKeyInProgress,
    IdempotencyKeyReused,
    IdempotencyStore,
    StoredResponse,
    check_key,
    request_fingerprint,
)

CREATED = StoredResponse(201, (("Location", "/books/1"), ("Content-Type", "application/json")), b'{"id": 1}')


class ManualClock:
    """Time that advances only when a test calls tick()."""

    def __init__(self) -> None:
        self.value = 50.0

    def __call__(self) -> float:
        return self.value

    def tick(self, seconds: float) -> None:
        self.value += seconds


def test_fingerprint_is_a_sha256_hex_digest() -> None:
    got = request_fingerprint("POST", "/books", b'{"title": "Dune"}')
    assert re.fullmatch(r"[0-9a-f]{64}", got), f"a fingerprint is 64 lowercase hex digits, got {got!r}"
    again = request_fingerprint("POST", "/books", b'{"title": "Dune"}')
    assert got == again, "the same request must give the same fingerprint"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("POST", "/books", b"a"), ("POST", "/books", b"b")),
        (("POST", "/books", b""), ("PUT", "/books", b"")),
        (("POST", "/books/1", b""), ("POST", "/books/2", b"")),
        (("POST", "/ab", b""), ("POST", "/a", b"b")),
        (("POS", "T/a", b""), ("POST", "/a", b"")),
        (("POST", "/caf\u00e9", b""), ("POST", "/cafe", b"")),
    ],
)
def test_fingerprint_tells_requests_apart(one: tuple, other: tuple) -> None:
    a, b = request_fingerprint(*one), request_fingerprint(*other)
    assert a != b, f"{one!r} and {other!r} are different requests and need different fingerprints"


@pytest.mark.parametrize("key", ["", " ", "has space", "tab\there", "x" * 256, "caf\u00e9", "new\nline"])
def test_check_key_rejects(key: str) -> None:
    with pytest.raises(ValueError):
        check_key(key)


@pytest.mark.parametrize("key", ["a", "x" * 255, "8e03978e-40d5-43e8-bc93-6894a57f9324", "!~"])
def test_check_key_accepts(key: str) -> None:
    check_key(key)
    store = IdempotencyStore(clock=ManualClock())
    assert store.begin(key, "fp") is None, f"a valid new key {key[:20]!r} should be claimed (begin returns None)"
    with pytest.raises(IdempotencyKeyInProgress):
        store.begin(key, "fp")


def test_first_request_claims_then_retry_replays() -> None:
    store = IdempotencyStore(clock=ManualClock())
    assert store.begin("k1", "fp-a") is None, "a new key returns None: go ahead and handle the request"
    store.complete("k1", CREATED)
    got = store.begin("k1", "fp-a")
    assert got == CREATED, f"a retry of the same request must replay the saved response, got {got!r}"
    assert store.begin("k1", "fp-a") == CREATED, "every retry replays it"
    assert len(store) == 1, f"one key is remembered, len should be 1, got {len(store)}"


def test_reusing_a_key_for_another_request_is_refused() -> None:
    store = IdempotencyStore(clock=ManualClock())
    store.begin("k1", "fp-a")
    with pytest.raises(IdempotencyKeyReused):
        store.begin("k1", "fp-b")
    store.complete("k1", CREATED)
    with pytest.raises(IdempotencyKeyReused):
        store.begin("k1", "fp-b")
    assert store.begin("k1", "fp-a") == CREATED, "the refused reuse must not disturb the saved response"


def test_concurrent_retry_gets_in_progress() -> None:
    store = IdempotencyStore(clock=ManualClock())
    store.begin("k1", "fp-a")
    with pytest.raises(IdempotencyKeyInProgress):
        store.begin("k1", "fp-a")
    store.abandon("k1")
    assert store.begin("k1", "fp-a") is None, "after abandon() the key can be claimed again"


def test_abandon_keeps_completed_records() -> None:
    store = IdempotencyStore(clock=ManualClock())
    store.begin("k1", "fp-a")
    store.complete("k1", CREATED)
    store.abandon("k1")
    assert store.begin("k1", "fp-a") == CREATED, "abandon() must not forget a completed response"
    store.abandon("never-seen")
    assert len(store) == 1, "abandon() of an unknown key does nothing"


@pytest.mark.parametrize("key", ["never-begun", "done"])
def test_complete_requires_an_in_progress_key(key: str) -> None:
    store = IdempotencyStore(clock=ManualClock())
    store.begin("done", "fp")
    store.complete("done", CREATED)
    with pytest.raises(KeyError):
        store.complete(key, CREATED)


def test_records_expire_after_ttl() -> None:
    clock = ManualClock()
    store = IdempotencyStore(ttl=60, clock=clock)
    store.begin("k1", "fp-a")
    store.complete("k1", CREATED)
    clock.tick(59.5)
    assert store.begin("k1", "fp-a") == CREATED, "before the TTL the response is replayed"
    clock.tick(0.5)
    assert len(store) == 0, "at exactly ttl seconds after begin() the record has expired"
    assert store.begin("k1", "fp-b") is None, "an expired key is free again, even for another request"
    with pytest.raises(IdempotencyKeyInProgress):
        store.begin("k1", "fp-b")
