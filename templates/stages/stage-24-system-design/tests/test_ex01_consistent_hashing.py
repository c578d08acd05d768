"""Tests for ex01: a consistent-hashing ring with virtual nodes."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from practice.consistent_hashing import HashRing, stable_hash

KEYS = [f"user:{i}" for i in range(10_000)]
NODES = ["cache-a", "cache-b", "cache-c", "cache-d", "cache-e"]


def reference_owner(key: str, nodes: list[str], vnodes: int) -> str:
    """The owner by definition, computed the slow way."""
    points = sorted((stable_hash(f"{node}#{i}"), node) for node in nodes for i in range(vnodes))
    position = stable_hash(key)
    after = [point for point in points if point[0] >= position]
    return (after or points)[0][1]


@pytest.mark.parametrize("text", ["", "a", "user:42", "caf\u00e9", "cache-a#0"])
def test_stable_hash_is_md5_prefix(text: str) -> None:
    want = int.from_bytes(hashlib.md5(text.encode()).digest()[:8], "big")
    got = stable_hash(text)
    assert got == want, f"stable_hash({text!r}) should be the first 8 md5 bytes as an int ({want}), got {got}"


@pytest.mark.parametrize("vnodes", [1, 3, 50])
def test_owner_matches_the_definition(vnodes: int) -> None:
    ring = HashRing(NODES, vnodes=vnodes)
    for key in KEYS[:300]:
        want = reference_owner(key, NODES, vnodes)
        got = ring.node_for(key)
        assert got == want, (
            f"vnodes={vnodes}: node_for({key!r}) should be {want!r} (first point clockwise), got {got!r}"
        )


def test_assignment_does_not_depend_on_insertion_order() -> None:
    one = HashRing(NODES)
    other = HashRing(list(reversed(NODES)))
    different = [key for key in KEYS if one.node_for(key) != other.node_for(key)]
    assert not different, f"{len(different)} keys changed owner just because nodes were added in another order"
    assert one.nodes == sorted(NODES), f"nodes should list the node names sorted, got {one.nodes!r}"


def test_adding_a_node_moves_few_keys_and_only_to_it() -> None:
    ring = HashRing(NODES)
    before = {key: ring.node_for(key) for key in KEYS}
    ring.add_node("cache-f")
    moved = [key for key in KEYS if ring.node_for(key) != before[key]]
    targets = {ring.node_for(key) for key in moved}
    assert targets <= {"cache-f"}, f"keys may only move to the new node, but some moved to {targets - {'cache-f'}}"
    share = len(moved) / len(KEYS)
    assert 0.08 <= share <= 0.25, (
        f"about 1/6 of the keys should move to the 6th node (modulo hashing would move ~83%), moved {share:.1%}"
    )


def test_removing_a_node_moves_only_its_keys() -> None:
    ring = HashRing(NODES)
    before = {key: ring.node_for(key) for key in KEYS}
    ring.remove_node("cache-c")
    moved = [key for key in KEYS if ring.node_for(key) != before[key]]
    assert moved, "the removed node's keys must move somewhere"
    wrong = [key for key in moved if before[key] != "cache-c"]
    assert not wrong, f"{len(wrong)} keys moved although their node stayed, e.g. {wrong[:3]}"
    assert "cache-c" not in {ring.node_for(key) for key in KEYS}, "no key may map to a removed node"
    spread = Counter(ring.node_for(key) for key in moved)
    assert len(spread) == 4, f"virtual nodes should spread the orphaned keys over all 4 others, got {dict(spread)}"


def test_virtual_nodes_balance_the_load() -> None:
    ring = HashRing(NODES, vnodes=200)
    load = Counter(ring.node_for(key) for key in KEYS)
    mean = len(KEYS) / len(NODES)
    assert max(load.values()) <= 1.15 * mean and min(load.values()) >= 0.85 * mean, (
        f"with 200 vnodes every node should hold within 15% of {mean:.0f} keys, got {dict(load)}"
    )
    lumpy = Counter(HashRing(NODES, vnodes=1).node_for(key) for key in KEYS)
    assert max(lumpy.values()) > max(load.values()), "one point per node should be visibly less balanced"


def test_replicas_are_distinct_and_start_with_the_owner() -> None:
    ring = HashRing(NODES, vnodes=20)
    for key in KEYS[:200]:
        replicas = ring.nodes_for(key, 3)
        assert len(set(replicas)) == 3, f"nodes_for({key!r}, 3) must return 3 distinct nodes, got {replicas!r}"
        assert replicas[0] == ring.node_for(key), f"the first replica must be the owner, got {replicas!r}"
    assert sorted(ring.nodes_for("x", 5)) == sorted(NODES), "asking for every node returns all of them"


def test_errors() -> None:
    with pytest.raises(LookupError):
        HashRing().node_for("k")
    with pytest.raises(ValueError):
        HashRing(vnodes=0)
    ring = HashRing(["a"])
    with pytest.raises(ValueError):
        ring.add_node("a")
    with pytest.raises(ValueError):
        ring.add_node("")
    with pytest.raises(KeyError):
        ring.remove_node("zzz")
    with pytest.raises(ValueError):
        ring.nodes_for("k", 2)
    ring.remove_node("a")
    with pytest.raises(LookupError):
        ring.node_for("k")
