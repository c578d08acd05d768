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


_KINDS: dict[str, Layer] = {
    "browser": Layer.CLIENT,
    "mobile_app": Layer.CLIENT,
    "cli": Layer.CLIENT,
    "dns": Layer.EDGE,
    "cdn": Layer.EDGE,
    "load_balancer": Layer.EDGE,
    "reverse_proxy": Layer.EDGE,
    "api_gateway": Layer.EDGE,
    "app_server": Layer.BACKEND,
    "worker": Layer.BACKEND,
    "auth_service": Layer.BACKEND,
    "database": Layer.DATA,
    "cache": Layer.DATA,
    "queue": Layer.DATA,
    "search_index": Layer.DATA,
}

_ALLOWED: dict[Layer, frozenset[Layer]] = {
    Layer.CLIENT: frozenset({Layer.EDGE, Layer.BACKEND}),
    Layer.EDGE: frozenset({Layer.EDGE, Layer.BACKEND}),
    Layer.BACKEND: frozenset({Layer.BACKEND, Layer.DATA}),
    Layer.DATA: frozenset({Layer.DATA}),
}


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
    key = kind.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return _KINDS[key]
    except KeyError:
        raise ValueError(f"unknown component kind {kind!r}") from None


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
    return callee in _ALLOWED[caller]


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
    layers = {name: classify(kind) for name, kind in components.items()}
    found: list[tuple[str, str]] = []
    for caller, callee in calls:
        for name in (caller, callee):
            if name not in layers:
                raise ValueError(f"call {caller!r} -> {callee!r} names unknown component {name!r}")
        if not may_call(layers[caller], layers[callee]) and (caller, callee) not in found:
            found.append((caller, callee))
    return found


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
    callers: dict[str, set[str]] = {}
    for caller, callee in calls:
        callers.setdefault(callee, set()).add(caller)
    affected: set[str] = set()
    stack = [failed]
    while stack:
        current = stack.pop()
        for caller in callers.get(current, ()):
            if caller not in affected and caller != failed:
                affected.add(caller)
                stack.append(caller)
    return sorted(affected)
