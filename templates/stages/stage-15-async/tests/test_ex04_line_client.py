"""ex04: an asyncio-streams client against a local line-protocol server."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from practice.line_client import ConnectionClosed, LineClient, ProtocolError

HOST = "127.0.0.1"


@dataclass
class Server:
    """What the test server saw."""

    port: int = 0
    lines: list[str] = field(default_factory=list)
    disconnects: int = 0
    gone: asyncio.Event = field(default_factory=asyncio.Event)


@contextlib.asynccontextmanager
async def line_server() -> AsyncIterator[Server]:
    """A small server for the protocol: PING, ECHO, NOOP, DELAY, SLOW, QUIT, and some bad replies."""
    seen = Server()
    stop = asyncio.Event()
    writers: list[asyncio.StreamWriter] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        try:
            while True:
                raw = await reader.readline()
                if not raw:
                    break
                line = raw.decode().rstrip("\n")
                seen.lines.append(line)
                command, _, argument = line.partition(" ")
                if command == "QUIT":
                    break
                if command == "SLOW":
                    await stop.wait()
                    break
                if command == "PING":
                    reply = b"OK PONG\n"
                elif command == "ECHO":
                    reply = f"OK {argument}\n".encode()
                elif command == "NOOP":
                    reply = b"OK\n"
                elif command == "DELAY":
                    for _ in range(int(argument) % 7):
                        await asyncio.sleep(0)
                    reply = f"OK {argument}\n".encode()
                elif command == "WEIRD":
                    reply = b"MAYBE later\n"
                elif command == "BYTES":
                    reply = b"OK \xff\xfe\n"
                elif command == "HALF":
                    writer.write(b"OK par")
                    await writer.drain()
                    break
                else:
                    reply = f"ERR unknown command {command}\n".encode()
                writer.write(reply)
                await writer.drain()
        finally:
            seen.disconnects += 1
            seen.gone.set()
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    server = await asyncio.start_server(handle, HOST, 0)
    seen.port = server.sockets[0].getsockname()[1]
    try:
        yield seen
    finally:
        stop.set()
        for writer in writers:
            writer.close()
        server.close()
        await asyncio.wait_for(server.wait_closed(), 5)


def run(scenario: Callable[[Server], Awaitable[object]]) -> object:
    """Start the server, run the scenario against it, stop the server."""

    async def main() -> object:
        async with line_server() as seen:
            return await asyncio.wait_for(scenario(seen), 10)

    return asyncio.run(main())


def test_ping_echo_and_unicode() -> None:
    async def scenario(seen: Server) -> list[str]:
        async with await LineClient.connect(HOST, seen.port) as client:
            return [
                await client.request("PING"),
                await client.request("ECHO h\u00e9llo \u4e16\u754c"),
                await client.request("NOOP"),
            ]

    got = run(scenario)
    assert got == ["PONG", "h\u00e9llo \u4e16\u754c", ""], (
        f"PING -> 'PONG', ECHO returns its UTF-8 argument, a bare OK -> '', got {got}"
    )


@pytest.mark.parametrize(
    ("command", "message"),
    [("FLY away", "unknown command FLY"), ("WEIRD", "MAYBE"), ("BYTES", "UTF-8")],
)
def test_bad_replies_raise_protocol_error(command: str, message: str) -> None:
    async def scenario(seen: Server) -> str:
        async with await LineClient.connect(HOST, seen.port) as client:
            with pytest.raises(ProtocolError) as caught:
                await client.request(command)
            return str(caught.value)

    got = run(scenario)
    assert message in str(got), f"request({command!r}) should raise ProtocolError mentioning {message!r}, got {got!r}"


@pytest.mark.parametrize("command", ["QUIT", "HALF"])
def test_server_closing_raises_connection_closed(command: str) -> None:
    async def scenario(seen: Server) -> bool:
        client = await LineClient.connect(HOST, seen.port)
        with pytest.raises(ConnectionClosed):
            await client.request(command)
        assert client.closed, "after the server hung up the client must mark itself closed"
        with pytest.raises(ConnectionClosed):
            await client.request("PING")
        return True

    assert run(scenario) is True


def test_a_slow_reply_times_out_and_closes_the_client() -> None:
    async def scenario(seen: Server) -> list[str]:
        client = await LineClient.connect(HOST, seen.port, timeout=0.05)
        with pytest.raises(TimeoutError):
            await client.request("SLOW")
        assert client.closed, "after a timeout the connection is out of step and must be closed"
        with pytest.raises(ConnectionClosed):
            await client.request("PING")
        return seen.lines

    lines = run(scenario)
    assert lines == ["SLOW"], f"nothing may be sent after the timeout, server saw {lines}"


@pytest.mark.parametrize("command", ["PING\nQUIT", "ECHO a\r\nQUIT", "", "   "])
def test_line_breaks_and_empty_commands_are_refused_before_sending(command: str) -> None:
    async def scenario(seen: Server) -> list[str]:
        async with await LineClient.connect(HOST, seen.port) as client:
            with pytest.raises(ValueError):
                await client.request(command)
            assert await client.request("PING") == "PONG", "the client must still work after refusing a command"
        return seen.lines

    lines = run(scenario)
    assert lines == ["PING"], f"the refused command must never reach the server, it saw {lines}"


def test_concurrent_requests_get_their_own_replies() -> None:
    async def scenario(seen: Server) -> list[str]:
        async with await LineClient.connect(HOST, seen.port) as client:
            return list(await asyncio.gather(*(client.request(f"DELAY {n}") for n in range(20))))

    got = run(scenario)
    assert got == [str(n) for n in range(20)], (
        f"each of 20 concurrent requests must get its own reply (hold a lock from write to readline), got {got}"
    )


def test_closing_is_clean_and_idempotent() -> None:
    async def scenario(seen: Server) -> int:
        async with await LineClient.connect(HOST, seen.port) as client:
            await client.request("PING")
        assert client.closed, "leaving `async with` must close the client"
        await client.close()
        await asyncio.wait_for(seen.gone.wait(), 5)
        return seen.disconnects

    assert run(scenario) == 1, "the server should see exactly one disconnect"


def test_connect_errors_propagate() -> None:
    async def main() -> None:
        probe = await asyncio.start_server(lambda r, w: None, HOST, 0)
        port = probe.sockets[0].getsockname()[1]
        probe.close()
        await probe.wait_closed()
        with pytest.raises(OSError):
            await LineClient.connect(HOST, port, timeout=2)

    asyncio.run(main())
