"""Server-Sent Events: write the ``text/event-stream`` format and parse it back.

SSE is how a server pushes a stream of events to a browser over one long HTTP
response (``EventSource`` in JavaScript). The format is line based::

    event: price
    id: 42
    data: {"symbol": "ACME",
    data:  "price": 12.5}

A blank line ends each event. The parsing rules below follow the WHATWG HTML
standard, section "Server-sent events", so a parser written here behaves like
a browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Event:
    """One dispatched event.

    Attributes:
        data: The data lines joined with ``"\\n"``.
        event: The event type; ``"message"`` when the stream did not name one.
        id: The last event id in force when the event was dispatched (ids
            persist across events until changed); ``""`` if none was ever set.
    """

    data: str
    event: str = "message"
    id: str = ""


def format_event(
    data: str,
    *,
    event: str | None = None,
    id: str | None = None,
    retry: int | None = None,
) -> str:
    """Serialize one event for a ``text/event-stream`` response.

    Output, in this order: ``event: <event>`` if given, ``id: <id>`` if given,
    ``retry: <retry>`` if given, then one ``data: <line>`` per line of
    ``data``, then an empty line. Every line ends with ``"\\n"``. ``data`` is
    split on ``"\\r\\n"``, ``"\\r"`` and ``"\\n"``, so a payload with line breaks
    survives the trip; an empty ``data`` gives a single ``data: `` line.

    Example: ``format_event("a\\nb", event="x")`` returns
    ``"event: x\\ndata: a\\ndata: b\\n\\n"``.

    Raises:
        ValueError: ``event`` or ``id`` contains CR or LF; ``id`` contains
            NUL (browsers ignore such ids); ``retry`` is negative.
        TypeError: ``retry`` is not an int (a bool is refused too).
    """
    raise NotImplementedError("validate, then write event/id/retry lines, one 'data: ' line per line, a blank line")


def format_comment(text: str = "") -> str:
    """Return a comment block, e.g. ``": keep-alive\\n\\n"`` for ``"keep-alive"``.

    Servers send comments as heartbeats so proxies do not close an idle
    stream; parsers ignore them. Each line of ``text`` becomes its own
    ``": ..."`` line; an empty text gives ``":\\n\\n"``.
    """
    raise NotImplementedError("return ':\\n\\n' for empty text, else ': <line>' per line and a blank line")


class EventStreamParser:
    """Incrementally parse a ``text/event-stream`` the way a browser does.

    Feed decoded text in chunks of any size; chunk boundaries may fall
    anywhere, even between the ``"\\r"`` and ``"\\n"`` of one line break.

    Attributes:
        last_event_id: The current last event id (``""`` at first).
        retry: The reconnection time in ms from the latest valid ``retry``
            field, or None if none was received.
    """

    def __init__(self) -> None:
        self.last_event_id = ""
        self.retry: int | None = None
        self._pending = ""
        self._started = False
        self._skip_lf = False
        self._data: list[str] = []
        self._event = ""

    def feed(self, chunk: str) -> list[Event]:
        """Consume ``chunk`` and return the events completed by it, in order.

        Rules (WHATWG "Server-sent events", "Interpreting an event stream"):

        * A U+FEFF byte order mark at the very start of the stream is skipped.
        * Lines end at ``"\\r\\n"``, ``"\\r"`` or ``"\\n"``. A line without its
          end yet waits for the next chunk.
        * An empty line dispatches the event (see below).
        * A line starting with ``":"`` is a comment and is ignored.
        * Otherwise the field name is the text before the first ``":"`` and the
          value the text after it, minus ONE leading space if present; a line
          without ``":"`` is a field name with an empty value.
        * ``data``: append the value and ``"\\n"`` to the data buffer.
          ``event``: set the event type buffer. ``id``: set the last event id
          unless the value contains NUL (then ignore the line). ``retry``: if
          the value is only ASCII digits, set :attr:`retry`; else ignore.
          Any other field name is ignored.
        * Dispatch: if the data buffer is empty, just reset the event type
          buffer; otherwise drop the data's final ``"\\n"`` and emit an
          :class:`Event` with that data, the event type (default
          ``"message"``) and the current last event id; then reset the data
          and event type buffers (the last event id persists).

        An event whose closing blank line has not arrived is not returned.
        """
        raise NotImplementedError("drop a first BOM, split complete lines on CRLF/CR/LF, process each line")
