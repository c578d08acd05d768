"""An async client for a line-based TCP protocol, built on asyncio streams.

Many backend protocols (Redis, SMTP, memcached, FTP control) are "one request
line, one reply line" over TCP. The client below speaks such a protocol:

    request:  COMMAND [ARGUMENTS]\\n          (UTF-8)
    reply:    OK [PAYLOAD]\\n    or    ERR MESSAGE\\n

It adds what production clients need: a timeout on every reply, a lock so
concurrent callers cannot mix up each other's replies, refusal of newlines in
commands (protocol injection) and a clean close.

Exercise ex04: write LineClient. The two exceptions are complete.
"""

from __future__ import annotations

import asyncio
from types import TracebackType


class ProtocolError(Exception):
    """The server answered ERR, or something that is not a valid reply."""


class ConnectionClosed(Exception):
    """The connection is closed (by the server, by a timeout, or by close())."""


class LineClient:
    """A connection to a line-protocol server.

    Use it as
        async with await LineClient.connect("127.0.0.1", port) as client:
            pong = await client.request("PING")
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, timeout: float = 5.0) -> None:
        """Wrap an open connection.

        Keep the reader and writer, the timeout (seconds to wait for each reply),
        an asyncio.Lock for request() and a closed flag (False).

        Raises:
            ValueError: when timeout <= 0.
        """
        raise NotImplementedError("store the streams, the timeout, a Lock and a closed flag")

    @classmethod
    async def connect(cls, host: str, port: int, *, timeout: float = 5.0) -> LineClient:
        """Open a TCP connection within `timeout` seconds and return a client.

        Use asyncio.open_connection(host, port) inside asyncio.timeout(timeout).
        Connection errors (ConnectionRefusedError, TimeoutError) propagate.
        """
        raise NotImplementedError("open_connection inside asyncio.timeout")

    @property
    def closed(self) -> bool:
        """Return whether the client can no longer be used."""
        raise NotImplementedError("return the closed flag")

    async def request(self, command: str) -> str:
        """Send one command line and return the payload of the OK reply.

        1. Refuse a command containing "\\n" or "\\r" (it would smuggle a second
           command onto the wire) or an empty/blank command with ValueError,
           before sending anything.
        2. Hold the lock from sending until the reply is read, so that concurrent
           request() calls get their own replies (StreamReader also refuses two
           readline() calls waiting at once).
        3. A closed client raises ConnectionClosed.
        4. Write the command UTF-8 encoded plus b"\\n", await drain(), then
           readline(), both within asyncio.timeout(self.timeout). On TimeoutError
           close the client (the connection is now out of step) and re-raise.
        5. A reply without a trailing b"\\n" (b"" means the server closed the
           connection) or a ConnectionError: close the client and raise
           ConnectionClosed.
        6. Decode as UTF-8 and strip the line ending. "OK payload" -> "payload";
           a bare "OK" -> "". "ERR message" -> raise ProtocolError(message).
           Anything else (or bytes that are not UTF-8) -> ProtocolError.
        """
        raise NotImplementedError("send the line, read one reply line under the lock, parse it")

    async def close(self) -> None:
        """Close the connection; calling it again does nothing.

        Set the closed flag, writer.close(), then await writer.wait_closed()
        (ignore ConnectionError/OSError from it: the peer may be gone already).
        """
        raise NotImplementedError("close the writer once")

    async def __aenter__(self) -> LineClient:
        """Use the client in `async with`; returns self."""
        raise NotImplementedError("return self")

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the connection when the block ends."""
        raise NotImplementedError("await self.close()")
