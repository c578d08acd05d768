"""An async client for a line-based TCP protocol, built on asyncio streams.

Many backend protocols (Redis, SMTP, memcached, FTP control) are "one request
line, one reply line" over TCP. The client below speaks such a protocol:

    request:  COMMAND [ARGUMENTS]\\n          (UTF-8)
    reply:    OK [PAYLOAD]\\n    or    ERR MESSAGE\\n

It adds what production clients need: a timeout on every reply, a lock so
concurrent callers cannot mix up each other's replies, refusal of newlines in
commands (protocol injection) and a clean close.
"""

from __future__ import annotations

import asyncio
import contextlib
from types import TracebackType


class ProtocolError(Exception):
    """The server answered ERR, or something that is not a valid reply."""


class ConnectionClosed(Exception):
    """The connection is closed (by the server, by a timeout, or by close())."""


class LineClient:
    """A connection to a line-protocol server."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, timeout: float = 5.0) -> None:
        """Wrap an open connection."""
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        self._reader = reader
        self._writer = writer
        self.timeout = timeout
        self._lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def connect(cls, host: str, port: int, *, timeout: float = 5.0) -> LineClient:
        """Open a TCP connection within `timeout` seconds and return a client."""
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, timeout=timeout)

    @property
    def closed(self) -> bool:
        """Return whether the client can no longer be used."""
        return self._closed

    async def request(self, command: str) -> str:
        """Send one command line and return the payload of the OK reply."""
        if "\n" in command or "\r" in command:
            raise ValueError("a command must not contain line breaks")
        if not command.strip():
            raise ValueError("a command must not be empty")
        async with self._lock:
            if self._closed:
                raise ConnectionClosed("the connection is closed")
            try:
                self._writer.write(command.encode() + b"\n")
                async with asyncio.timeout(self.timeout):
                    await self._writer.drain()
                    raw = await self._reader.readline()
            except TimeoutError:
                await self.close()
                raise
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                await self.close()
                raise ConnectionClosed(f"connection lost: {exc}") from exc
            if not raw.endswith(b"\n"):
                await self.close()
                raise ConnectionClosed("the server closed the connection")
        try:
            line = raw.decode().rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise ProtocolError(f"reply is not UTF-8: {raw!r}") from exc
        status, _, payload = line.partition(" ")
        if status == "OK":
            return payload
        if status == "ERR":
            raise ProtocolError(payload or "unknown error")
        raise ProtocolError(f"unexpected reply {line!r}")

    async def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        self._writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await self._writer.wait_closed()

    async def __aenter__(self) -> LineClient:
        """Use the client in `async with`."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the connection when the block ends."""
        await self.close()
