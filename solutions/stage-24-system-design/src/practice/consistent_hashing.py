"""A consistent-hashing ring with virtual nodes.

Caches, sharded databases and queues spread keys over N servers. With
``hash(key) % N`` almost every key moves when N changes, which empties caches
and floods databases. A hash ring moves only about 1/N of the keys: servers and
keys are hashed onto the same circle and a key belongs to the first server
point clockwise from it. Each server gets many points ("virtual nodes") so the
load is even and a leaving server's keys spread over all the others.

Definitions used by the tests:

* ``stable_hash(text)`` is the first 8 bytes of ``hashlib.md5(text.encode())``
  read as a big-endian unsigned integer (Python's ``hash()`` changes between
  processes, so it cannot be used);
* node ``n`` has the points ``stable_hash(f"{n}#{i}")`` for ``i`` in
  ``range(vnodes)``;
* the owner of a key is the node of the first point whose hash is ``>=
  stable_hash(key)``, wrapping around to the smallest point; if two points
  have the same hash, the smaller node name comes first.

Exercise ex01: implement ``stable_hash`` and ``HashRing``.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable


def stable_hash(text: str) -> int:
    """Return a 64-bit hash of ``text`` that is the same in every process.

    Args:
        text: any string.

    Returns:
        ``int.from_bytes(hashlib.md5(text.encode()).digest()[:8], "big")``.
    """
    return int.from_bytes(hashlib.md5(text.encode()).digest()[:8], "big")


class HashRing:
    """Assign keys to nodes with consistent hashing."""

    def __init__(self, nodes: Iterable[str] = (), *, vnodes: int = 100) -> None:
        """Create a ring holding ``nodes``.

        Args:
            nodes: initial node names (added in order with ``add_node``).
            vnodes: points per node, >= 1.

        Raises:
            ValueError: if ``vnodes < 1`` or a node name is empty or repeated.
        """
        if vnodes < 1:
            raise ValueError("vnodes must be at least 1")
        self._vnodes = vnodes
        self._points: list[tuple[int, str]] = []
        self._nodes: set[str] = set()
        for node in nodes:
            self.add_node(node)

    @property
    def nodes(self) -> list[str]:
        """The node names, sorted."""
        return sorted(self._nodes)

    def add_node(self, node: str) -> None:
        """Put ``node``'s ``vnodes`` points on the ring.

        Raises:
            ValueError: if ``node`` is empty or already on the ring.
        """
        if not node or node in self._nodes:
            raise ValueError(f"node {node!r} is empty or already present")
        self._nodes.add(node)
        for i in range(self._vnodes):
            bisect.insort(self._points, (stable_hash(f"{node}#{i}"), node))

    def remove_node(self, node: str) -> None:
        """Take ``node`` and all its points off the ring.

        Raises:
            KeyError: if ``node`` is not on the ring.
        """
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)
        self._points = [point for point in self._points if point[1] != node]

    def _start(self, key: str) -> int:
        if not self._points:
            raise LookupError("the ring has no nodes")
        index = bisect.bisect_left(self._points, (stable_hash(key), ""))
        return index % len(self._points)

    def node_for(self, key: str) -> str:
        """Return the node that owns ``key``.

        Raises:
            LookupError: if the ring is empty.
        """
        return self._points[self._start(key)][1]

    def nodes_for(self, key: str, count: int) -> list[str]:
        """Return ``count`` distinct nodes for replicas of ``key``.

        Walk clockwise from the key's position and collect each node the first
        time one of its points is met; the first one is ``node_for(key)``.

        Args:
            key: the key.
            count: how many replicas, 1 to the number of nodes.

        Returns:
            Distinct node names in ring order.

        Raises:
            ValueError: if ``count`` is out of range.
            LookupError: if the ring is empty.
        """
        if not 1 <= count <= len(self._nodes):
            raise ValueError(f"count must be between 1 and {len(self._nodes)}")
        start = self._start(key)
        found: list[str] = []
        for offset in range(len(self._points)):
            node = self._points[(start + offset) % len(self._points)][1]
            if node not in found:
                found.append(node)
                if len(found) == count:
                    break
        return found
