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

from collections.abc import Iterable


def stable_hash(text: str) -> int:
    """Return a 64-bit hash of ``text`` that is the same in every process.

    Args:
        text: any string.

    Returns:
        ``int.from_bytes(hashlib.md5(text.encode()).digest()[:8], "big")``.
    """
    raise NotImplementedError("md5 the UTF-8 bytes and read the first 8 bytes as a big-endian int")


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
        raise NotImplementedError(
            "validate vnodes, keep a sorted list of (hash, node) points and a set of nodes, add each node"
        )

    @property
    def nodes(self) -> list[str]:
        """The node names, sorted."""
        raise NotImplementedError("return the node names sorted")

    def add_node(self, node: str) -> None:
        """Put ``node``'s ``vnodes`` points on the ring.

        Raises:
            ValueError: if ``node`` is empty or already on the ring.
        """
        raise NotImplementedError("insert the node's vnodes points keeping the list sorted (bisect.insort)")

    def remove_node(self, node: str) -> None:
        """Take ``node`` and all its points off the ring.

        Raises:
            KeyError: if ``node`` is not on the ring.
        """
        raise NotImplementedError("drop every point of the node")

    def node_for(self, key: str) -> str:
        """Return the node that owns ``key``.

        Raises:
            LookupError: if the ring is empty.
        """
        raise NotImplementedError("bisect for the first point >= stable_hash(key), wrapping around")

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
        raise NotImplementedError("walk clockwise from the key's point collecting distinct nodes")
