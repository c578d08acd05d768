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


def _check_field(name: str, value: str) -> None:
    if _LINE_BREAK.search(value):
        raise ValueError(f"{name} must not contain CR or LF: {value!r}")


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
    lines: list[str] = []
    if event is not None:
        _check_field("event", event)
        lines.append(f"event: {event}")
    if id is not None:
        _check_field("id", id)
        if "\0" in id:
            raise ValueError("id must not contain NUL")
        lines.append(f"id: {id}")
    if retry is not None:
        if isinstance(retry, bool) or not isinstance(retry, int):
            raise TypeError(f"retry must be an int of milliseconds, got {retry!r}")
        if retry < 0:
            raise ValueError(f"retry must not be negative, got {retry}")
        lines.append(f"retry: {retry}")
    lines.extend(f"data: {line}" for line in _LINE_BREAK.split(data))
    return "\n".join(lines) + "\n\n"


def format_comment(text: str = "") -> str:
    """Return a comment block, e.g. ``": keep-alive\\n\\n"`` for ``"keep-alive"``.

    Servers send comments as heartbeats so proxies do not close an idle
    stream; parsers ignore them. Each line of ``text`` becomes its own
    ``": ..."`` line; an empty text gives ``":\\n\\n"``.
    """
    if not text:
        return ":\n\n"
    return "".join(f": {line}\n" for line in _LINE_BREAK.split(text)) + "\n"


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
        if not chunk:
            return []
        if not self._started:
            self._started = True
            if chunk.startswith("\ufeff"):
                chunk = chunk[1:]
        if self._skip_lf and chunk.startswith("\n"):
            chunk = chunk[1:]
        self._skip_lf = False
        text = self._pending + chunk
        events: list[Event] = []
        start = 0
        for match in _LINE_BREAK.finditer(text):
            if match.group() == "\r" and match.end() == len(text):
                self._skip_lf = True
            self._line(text[start : match.start()], events)
            start = match.end()
        self._pending = text[start:]
        return events

    def _line(self, line: str, events: list[Event]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line.startswith(":"):
            return
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self.last_event_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self.retry = int(value)

    def _dispatch(self, events: list[Event]) -> None:
        if self._data:
            events.append(Event("\n".join(self._data), self._event or "message", self.last_event_id))
        self._data = []
        self._event = ""
