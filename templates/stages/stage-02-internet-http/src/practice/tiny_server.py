"""A tiny HTTP/1.1 server on raw sockets, built on the parser from ex02.

Under every web framework sits the same loop: accept a TCP connection, read bytes
until a whole request has arrived, route it by path and method, write the response
bytes and close. Writing that loop once teaches what frameworks do for you: the right
error statuses (400, 404, 405 with ``Allow``, 408, 413, 500), never trusting the
client to send everything or to send it quickly, and never letting one slow client
block the others.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Mapping

from practice.http_message import Request

Response = tuple[int, list[tuple[str, str]], bytes]
Handler = Callable[[Request], Response]
Routes = Mapping[str, Mapping[str, Handler]]


def text_response(status: int, text: str) -> Response:
    """Return a plain-text response tuple for ``status`` with ``text`` as the body.

    The headers are ``[("Content-Type", "text/plain; charset=utf-8")]`` and the body
    is ``text`` encoded as UTF-8. Content-Length is left to ``serialize_response``.
    """
    return status, [("Content-Type", "text/plain; charset=utf-8")], text.encode("utf-8")


def handle_raw(raw: bytes, routes: Routes) -> bytes:
    """Turn the bytes of one request into the bytes of its response.

    ``routes`` maps an exact path to a mapping from method to handler, e.g.
    ``{"/hello": {"GET": say_hello, "POST": create}}``. A handler receives the parsed
    :class:`~practice.http_message.Request` and returns ``(status, headers, body)``.

    Steps:

    1. Parse with :func:`~practice.http_message.parse_request`. On
       :class:`~practice.http_message.HTTPParseError`, or a target that does not
       start with ``/``, answer 400.
    2. The path is the target up to the first ``?``. A path missing from ``routes``
       gets 404.
    3. If the method has no handler for that path, a ``HEAD`` request uses the
       ``GET`` handler when there is one (see step 5); otherwise answer 405 with an
       ``Allow`` header listing the path's methods, sorted and joined with ``", "``,
       plus ``HEAD`` whenever ``GET`` is present (``"GET, HEAD, POST"``).
    4. Call the handler. If it raises any exception, or returns something
       ``serialize_response`` rejects, answer 500 with a generic message (never the
       exception text: it may leak internals).
    5. For ``HEAD``, send exactly the status line and headers the ``GET`` handler's
       response would have, including its ``Content-Length``, but no body bytes.

    Every response, including errors, ends its header list with
    ``("Connection", "close")`` and is built with
    :func:`~practice.http_message.serialize_response`. Error responses (400, 404,
    405, 500) are :func:`text_response` bodies.

    Args:
        raw: Everything the client sent.
        routes: The routing table.

    Returns:
        The complete response bytes.
    """
    raise NotImplementedError(
        "Parse with parse_request (HTTPParseError -> 400), split the path off the target, route it "
        "(404 / 405 with Allow, HEAD falls back to GET), call the handler inside try/except (-> 500), "
        "and serialize every response with a final ('Connection', 'close') header."
    )


class TinyHTTPServer:
    """Serve ``routes`` over TCP, one short-lived connection per request.

    Usage::

        server = TinyHTTPServer({"/hello": {"GET": hello}})
        port = server.start()          # listening on 127.0.0.1:port
        ...                            # clients connect and send requests
        server.stop()

    or ``with TinyHTTPServer(routes) as server: ...`` (then ``server.port``).

    Args:
        routes: The routing table, as for :func:`handle_raw`.
        host: Address to bind; keep ``"127.0.0.1"`` so nothing outside the machine
            can connect.
        port: Port to bind; ``0`` lets the operating system pick a free one.
        timeout: Seconds a connection may stay silent before the server gives up
            on it.
        max_body_bytes: Largest ``Content-Length`` the server will accept.
    """

    def __init__(
        self,
        routes: Routes,
        host: str = "127.0.0.1",
        port: int = 0,
        timeout: float = 2.0,
        max_body_bytes: int = 1_000_000,
    ) -> None:
        self.routes = routes
        self.host = host
        self.port = port
        self.timeout = timeout
        self.max_body_bytes = max_body_bytes
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._accept_thread: threading.Thread | None = None

    def start(self) -> int:
        """Bind, listen and start serving in background threads; return the port.

        Create a TCP socket (set ``SO_REUSEADDR``), bind ``(host, port)``, listen, and
        store the real port (the one the OS picked when ``port`` was 0) in
        ``self.port``. Start a daemon thread that accepts connections until
        :meth:`stop` is called (give the listening socket a short timeout, e.g.
        0.05 s, so the loop can notice the stop request). Serve each accepted
        connection in its own daemon thread, so a slow client cannot block others.

        For each connection, with ``timeout`` set on the socket:

        - Read until the header section ends (``b"\\r\\n\\r\\n"``), then until the
          body announced by ``Content-Length`` has arrived. If the client closes
          early, pass what arrived to :func:`handle_raw` (it will answer 400).
        - If the header section grows beyond 16 KiB without ending, answer 431.
        - If ``Content-Length`` is larger than ``max_body_bytes``, answer 413 at once
          without reading the body.
        - If the client stays silent for ``timeout`` seconds, answer 408.
        - Otherwise send ``handle_raw(data, routes)``.

        Send the response with ``sendall`` and close the connection. Error
        responses use :func:`text_response` and a ``Connection: close`` header.
        A connection that breaks while answering is simply closed.

        Returns:
            The port number the server is listening on.

        Raises:
            RuntimeError: If the server is already running.
            OSError: If binding fails.
        """
        raise NotImplementedError(
            "Create, bind and listen on a TCP socket, remember the real port from getsockname(), and "
            "start a daemon thread that accepts connections (short accept timeout so it can notice "
            "stop) and serves each one in its own thread as described here."
        )

    def stop(self) -> None:
        """Stop accepting connections and close the listening socket.

        Safe to call more than once, and before :meth:`start`. After it returns, new
        connections to the port are refused.
        """
        raise NotImplementedError(
            "Signal the accept loop to finish (e.g. a threading.Event), join its thread, and close "
            "the listening socket; do nothing harmful when called twice or before start()."
        )

    def __enter__(self) -> TinyHTTPServer:
        """Start the server and return it."""
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stop the server."""
        self.stop()
