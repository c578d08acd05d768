"""Tests for ex03: layers, who may call whom, and the blast radius of a failure."""

from __future__ import annotations

import pytest
from practice.architecture_rules import Layer, blast_radius, classify, find_violations, may_call


@pytest.mark.parametrize(
    ("kind", "want"),
    [
        ("browser", Layer.CLIENT),
        ("mobile_app", Layer.CLIENT),
        ("cli", Layer.CLIENT),
        ("dns", Layer.EDGE),
        ("cdn", Layer.EDGE),
        ("Load Balancer", Layer.EDGE),
        ("reverse-proxy", Layer.EDGE),
        ("api_gateway", Layer.EDGE),
        ("app_server", Layer.BACKEND),
        ("  Worker ", Layer.BACKEND),
        ("auth-service", Layer.BACKEND),
        ("database", Layer.DATA),
        ("CACHE", Layer.DATA),
        ("queue", Layer.DATA),
        ("search index", Layer.DATA),
    ],
)
def test_classify_known_kinds(kind: str, want: Layer) -> None:
    got = classify(kind)
    assert got == want, f"classify({kind!r}) should be Layer.{want.name}, got {got!r}"


@pytest.mark.parametrize("kind", ["", "   ", "mainframe", "data base", "cdn!"])
def test_classify_rejects_unknown_kinds(kind: str) -> None:
    with pytest.raises(ValueError):
        classify(kind)


ALLOWED = {
    (Layer.CLIENT, Layer.EDGE),
    (Layer.CLIENT, Layer.BACKEND),
    (Layer.EDGE, Layer.EDGE),
    (Layer.EDGE, Layer.BACKEND),
    (Layer.BACKEND, Layer.BACKEND),
    (Layer.BACKEND, Layer.DATA),
    (Layer.DATA, Layer.DATA),
}


@pytest.mark.parametrize("caller", list(Layer))
@pytest.mark.parametrize("callee", list(Layer))
def test_may_call_matrix(caller: Layer, callee: Layer) -> None:
    want = (caller, callee) in ALLOWED
    got = may_call(caller, callee)
    assert got is want, f"may_call({caller.name}, {callee.name}) should be {want}, got {got!r}"


SHOP = {
    "web": "browser",
    "phone": "mobile_app",
    "edge": "cdn",
    "lb": "load_balancer",
    "api": "app_server",
    "mailer": "worker",
    "orders": "database",
    "sessions": "cache",
    "jobs": "queue",
}

CLEAN_CALLS = [
    ("web", "edge"),
    ("phone", "lb"),
    ("edge", "lb"),
    ("lb", "api"),
    ("api", "orders"),
    ("api", "sessions"),
    ("api", "jobs"),
    ("mailer", "jobs"),
]


def test_a_clean_system_has_no_violations() -> None:
    got = find_violations(SHOP, CLEAN_CALLS)
    assert got == [], f"every call in CLEAN_CALLS follows the rules, got violations {got!r}"


def test_violations_are_reported_in_order_once() -> None:
    calls = [
        *CLEAN_CALLS,
        ("phone", "orders"),
        ("orders", "api"),
        ("phone", "orders"),
        ("edge", "sessions"),
        ("api", "web"),
    ]
    got = find_violations(SHOP, calls)
    want = [("phone", "orders"), ("orders", "api"), ("edge", "sessions"), ("api", "web")]
    assert got == want, (
        "a phone reading the database, the database calling the app, the CDN reading the cache and "
        f"the app calling a browser are all forbidden; want {want}, got {got!r}"
    )


def test_violations_with_unknown_component_raise() -> None:
    with pytest.raises(ValueError):
        find_violations(SHOP, [("web", "edge"), ("lb", "ghost")])


def test_violations_with_unknown_kind_raise() -> None:
    with pytest.raises(ValueError):
        find_violations({"web": "browser", "box": "mainframe"}, [("web", "box")])


@pytest.mark.parametrize(
    ("failed", "want"),
    [
        ("orders", ["api", "edge", "lb", "phone", "web"]),
        ("jobs", ["api", "edge", "lb", "mailer", "phone", "web"]),
        ("lb", ["edge", "phone", "web"]),
        ("web", []),
        ("not-in-the-system", []),
    ],
)
def test_blast_radius(failed: str, want: list[str]) -> None:
    got = blast_radius(CLEAN_CALLS, failed)
    assert got == want, f"if {failed!r} goes down, the components affected are {want}, got {got!r}"


def test_blast_radius_survives_cycles() -> None:
    calls = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "c")]
    got = blast_radius(calls, "c")
    assert got == ["a", "b", "d"], f"a->b->c->a is a cycle; everything that reaches c is affected, got {got!r}"
