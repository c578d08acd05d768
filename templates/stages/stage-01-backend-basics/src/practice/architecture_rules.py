"""Place components in layers, check who may call whom, and find a failure's blast radius.

Every backend has the same broad layers: clients (browsers, mobile apps), the edge
(DNS, CDN, load balancers, gateways), the backend (app servers and workers that hold
the business rules) and data (databases, caches, queues). The layering is a security
and reliability rule, not decoration: a browser must never reach a database directly,
and a database never calls your app. Knowing which components depend on which also
tells you what breaks when one of them goes down.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum


class Layer(StrEnum):
    """The four layers a request passes through."""

    CLIENT = "client"
    EDGE = "edge"
    BACKEND = "backend"
    DATA = "data"


def classify(kind: str) -> Layer:
    """Return the layer a kind of component belongs to.

    The kind is normalised first: surrounding whitespace is stripped, letters are
    lower-cased, and spaces and hyphens become underscores (so ``"Load Balancer"``
    and ``"load-balancer"`` both mean ``"load_balancer"``). Known kinds:

    - CLIENT: ``browser``, ``mobile_app``, ``cli``
    - EDGE: ``dns``, ``cdn``, ``load_balancer``, ``reverse_proxy``, ``api_gateway``
    - BACKEND: ``app_server``, ``worker``, ``auth_service``
    - DATA: ``database``, ``cache``, ``queue``, ``search_index``

    Args:
        kind: The kind of component.

    Returns:
        The component's :class:`Layer`.

    Raises:
        ValueError: If the normalised kind is not one of the kinds above (this
            includes the empty string).
    """
    raise NotImplementedError(
        "Normalise the kind (strip, lower-case, spaces and hyphens to underscores), look it up in a "
        "dict from kind to Layer built from the list in this docstring, and raise ValueError for "
        "anything unknown."
    )


def may_call(caller: Layer, callee: Layer) -> bool:
    """Say whether a component in ``caller``'s layer may send requests to ``callee``'s.

    The rules:

    - CLIENT may call EDGE and BACKEND (never DATA, never another CLIENT).
    - EDGE may call EDGE and BACKEND (a CDN forwards to a load balancer, which
      forwards to app servers; the edge never queries data stores).
    - BACKEND may call BACKEND and DATA.
    - DATA may call only DATA (replication); it never calls back into the app.
    - Nobody calls CLIENT.

    Args:
        caller: Layer of the component making the request.
        callee: Layer of the component receiving it.

    Returns:
        ``True`` if the call is allowed.
    """
    raise NotImplementedError(
        "Write down, for each caller layer, the set of layers it may call (see the rules in this "
        "docstring) and check that callee is in the caller's set."
    )


def find_violations(
    components: Mapping[str, str],
    calls: Iterable[tuple[str, str]],
) -> list[tuple[str, str]]:
    """List the calls in a system that break the layering rules of :func:`may_call`.

    Args:
        components: Component name to kind (a kind accepted by :func:`classify`).
        calls: ``(caller_name, callee_name)`` pairs.

    Returns:
        The forbidden calls, in the order they first appear in ``calls``; a call
        listed twice is reported once. ``[]`` when the system is clean.

    Raises:
        ValueError: If a call names a component missing from ``components``, or a
            component's kind is unknown to :func:`classify`.
    """
    raise NotImplementedError(
        "Classify every component, raise ValueError for a call naming an unknown component, and "
        "collect each (caller, callee) where may_call(...) is False, keeping first-seen order without "
        "duplicates."
    )


def blast_radius(calls: Iterable[tuple[str, str]], failed: str) -> list[str]:
    """Find every component affected when ``failed`` goes down.

    A component is affected if it calls ``failed`` directly, or calls a component
    that is affected (transitively). Cycles in ``calls`` must not cause an endless
    loop. ``failed`` itself is not part of the answer.

    Example: with calls ``web -> api``, ``api -> db`` and ``worker -> db``, the blast
    radius of ``db`` is ``["api", "web", "worker"]``.

    Args:
        calls: ``(caller_name, callee_name)`` pairs.
        failed: Name of the component that is down.

    Returns:
        The affected component names, sorted alphabetically. ``[]`` if nothing
        depends on ``failed`` (including when ``failed`` appears in no call).
    """
    raise NotImplementedError(
        "Invert the calls into callee -> set of callers, then walk outwards from `failed` (a stack or "
        "queue plus a `seen` set) collecting every caller you reach; return them sorted, without "
        "`failed` itself."
    )
