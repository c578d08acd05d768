"""An in-process event bus: the observer pattern for decoupled modules.

When an order is placed, several things must happen: send a confirmation email,
reserve stock, update analytics. If ``place_order`` calls all of them directly,
it depends on every module in the system. With an event bus it only publishes
``Event("order.placed", ...)``; each module subscribes to what it cares about.
A production-grade bus must also be robust:

- one failing handler must not stop the others (failures are collected);
- handlers may publish new events; those are queued and dispatched after the
  current event (no surprising recursion, predictable order);
- subscribing returns an ``unsubscribe`` function.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

WILDCARD = "*"


@dataclass(frozen=True)
class Event:
    """Something that happened, e.g. ``Event("order.placed", {"order_id": 7})``."""

    name: str
    payload: Mapping[str, object] = field(default_factory=dict)


Handler = Callable[[Event], None]


@dataclass(frozen=True)
class HandlerFailure:
    """A handler raised while handling an event."""

    event: Event
    handler: Handler
    error: Exception


class EventBus:
    """Publish/subscribe within one process."""

    def __init__(self) -> None:
        """Start with no subscribers and an empty queue."""
        self._handlers: dict[str, list[Handler]] = {}
        self._queue: deque[Event] = deque()
        self._dispatching = False

    def subscribe(self, event_name: str, handler: Handler) -> Callable[[], None]:
        """Call ``handler(event)`` for every published event named ``event_name``.

        ``"*"`` subscribes to every event. Returns a function that unsubscribes this
        handler; calling it a second time does nothing.

        Raises:
            ValueError: if ``event_name`` is empty, or if the same handler is
                already subscribed to the same name (message mentions ``already``).
        """
        raise NotImplementedError("validate, append to the list for this name, return a closure that removes it")

    def handler_count(self, event_name: str) -> int:
        """Number of handlers subscribed to exactly this name (wildcard ones not included)."""
        raise NotImplementedError("length of the handler list for this exact name")

    def publish(self, event: Event) -> list[HandlerFailure]:
        """Deliver an event to its subscribers.

        For each event, the handlers for its name run first, in subscription order,
        then the ``"*"`` handlers, in subscription order. The list of handlers is
        copied before the event is delivered: a handler added or removed while an
        event is being delivered only affects later events.

        A handler that raises an ``Exception`` is recorded as a ``HandlerFailure``
        and the remaining handlers still run.

        If a handler publishes another event, that event is appended to a FIFO
        queue and delivered after the current event's handlers are done; the inner
        ``publish`` call returns ``[]`` at once. The outer call keeps going until
        the queue is empty.

        Returns:
            Failures from every event delivered during this call (queued ones
            included), in the order they happened.

        Raises:
            ValueError: if the event's name is empty or ``"*"`` (nothing is delivered).
        """
        raise NotImplementedError(
            "queue the event; if already dispatching return []; else drain the queue calling copies of handler lists"
        )
