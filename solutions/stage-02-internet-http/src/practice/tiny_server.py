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

from practice.http_message import HTTPParseError, Request, parse_request, serialize_response

Response = tuple[int, list[tuple[str, str]], bytes]
Handler = Callable[[Request], Response]
Routes = Mapping[str, Mapping[str, Handler]]

_HEADER_LIMIT = 16 * 1024


def text_response(status: int, text: str) -> Response:
    """Return a plain-text response tuple for ``status`` with ``text`` as the body.

    The headers are ``[("Content-Type", "text/plain; charset=utf-8")]`` and the body
    is ``text`` encoded as UTF-8. Content-Length is left to ``serialize_response``.
    """
    return status, [("Content-Type", "text/plain; charset=utf-8")], text.encode("utf-8")


def _finish(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
    return serialize_response(status, [*headers, ("Connection", "close")], body)


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
    try:
        request = parse_request(raw)
    except HTTPParseError as exc:
        return _finish(*text_response(400, f"bad request: {exc}"))
    if not request.target.startswith("/"):
        return _finish(*text_response(400, "bad request: target must start with '/'"))
    path = request.target.split("?", 1)[0]
    methods = routes.get(path)
    if methods is None:
        return _finish(*text_response(404, f"no route for {path}"))
    handler = methods.get(request.method)
    head_only = False
    if handler is None and request.method == "HEAD" and "GET" in methods:
        handler, head_only = methods["GET"], True
    if handler is None:
        allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())
        status, headers, body = text_response(405, f"{request.method} not allowed on {path}")
        return _finish(status, [*headers, ("Allow", ", ".join(sorted(allowed)))], body)
    try:
        status, headers, body = handler(request)
        response = _finish(status, list(headers), body)
    except Exception:
        return _finish(*text_response(500, "internal server error"))
    if head_only:
        end = response.index(b"\r\n\r\n") + 4
        return response[:end]
    return response


def _declared_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            value = value.strip()
            return int(value) if value.isdigit() else 0
    return 0


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
        if self._listener is not None:
            raise RuntimeError("server is already running")
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self.port))
            listener.listen()
        except OSError:
            listener.close()
            raise
        listener.settimeout(0.05)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._stopping.clear()
        self._accept_thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._accept_thread.start()
        return self.port

    def stop(self) -> None:
        """Stop accepting connections and close the listening socket.

        Safe to call more than once, and before :meth:`start`. After it returns, new
        connections to the port are refused.
        """
        self._stopping.set()
        if self._accept_thread is not None:
            self._accept_thread.join(timeout=5)
            self._accept_thread = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> TinyHTTPServer:
        """Start the server and return it."""
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stop the server."""
        self.stop()

    def _accept_loop(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._stopping.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(self.timeout)
            try:
                response = self._respond(conn)
                conn.sendall(response)
            except OSError:
                return

    def _respond(self, conn: socket.socket) -> bytes:
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                if len(data) > _HEADER_LIMIT:
                    return _finish(*text_response(431, "header section too large"))
                chunk = conn.recv(4096)
                if not chunk:
                    return handle_raw(data, self.routes)
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = _declared_length(head)
            if length > self.max_body_bytes:
                return _finish(*text_response(413, "request body too large"))
            while len(body) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                body += chunk
            return handle_raw(head + b"\r\n\r\n" + body, self.routes)
        except TimeoutError:
            return _finish(*text_response(408, "request timed out"))
