"""Tests for ex03: graceful shutdown on SIGTERM.

The first tests use ``InFlight`` in-process. The others start the real
server with ``python -m practice.graceful_server``, talk to it over TCP on
127.0.0.1 and send it signals, the way a container platform would.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from practice.graceful_server import InFlight

SRC = Path(__file__).resolve().parents[1] / "src"
TIMEOUT = 5.0

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class Server:
    """The server under test, running in a subprocess with its stdout read line by line."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "practice.graceful_server", "--host", "127.0.0.1", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.port = 0

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read()[-2000:]

    def expect_line(self, prefix: str) -> str:
        try:
            line = self.lines.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"the server printed nothing for {TIMEOUT}s while we waited for {prefix!r}") from None
        assert line is not None, f"the server exited before printing {prefix!r}; stderr:\n{self.stderr()}"
        assert line.startswith(prefix), f"expected a stdout line starting with {prefix!r}, got {line!r}"
        return line

    def start(self) -> Server:
        line = self.expect_line("LISTENING ")
        self.port = int(line.split()[1])
        assert self.port > 0, f"LISTENING should show the real port the OS chose, got {line!r}"
        return self

    def connect(self) -> socket.socket:
        try:
            return socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
        except OSError as exc:
            raise AssertionError(f"could not connect to the server on port {self.port}: {exc!r}") from None

    def wait(self) -> int:
        try:
            return self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the server did not exit within {TIMEOUT}s after the signal") from None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def launch(servers: list[Server], *args: str) -> Server:
    server = Server(*args)
    servers.append(server)
    return server.start()


def send_line(sock: socket.socket, line: str) -> None:
    sock.sendall(line.encode("ascii") + b"\n")


def read_line(sock: socket.socket) -> str:
    data = b""
    try:
        while not data.endswith(b"\n"):
            chunk = sock.recv(1024)
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise AssertionError(f"reading from the server failed after {data!r}: {exc!r}") from None
    return data.decode("ascii", "replace").rstrip("\n")


def start_job(server: Server, name: str) -> socket.socket:
    sock = server.connect()
    send_line(sock, f"JOB {name}")
    got = read_line(sock)
    assert got == f"STARTED {name}", f"after 'JOB {name}' the server should answer 'STARTED {name}', got {got!r}"
    return sock


def test_in_flight_counts_begin_and_end() -> None:
    tracker = InFlight()
    assert (tracker.active, tracker.completed) == (0, 0), "a new tracker has nothing active or completed"
    assert tracker.begin() is True and tracker.begin() is True, "begin() returns True while open"
    assert tracker.active == 2, f"two requests begun, active should be 2, got {tracker.active}"
    tracker.end()
    tracker.end(completed=False)
    assert (tracker.active, tracker.completed) == (0, 1), (
        f"after end() and end(completed=False): active 0, completed 1; got {tracker.active}, {tracker.completed}"
    )
    with pytest.raises(RuntimeError):
        tracker.end()


def test_closed_tracker_refuses_new_work_but_keeps_old() -> None:
    tracker = InFlight()
    tracker.begin()
    tracker.close()
    assert tracker.begin() is False, "begin() must return False after close()"
    assert tracker.active == 1, f"closing must not drop the request already in flight, active={tracker.active}"
    assert tracker.wait_idle(0.01) is False, "wait_idle should time out (False) while a request is in flight"
    tracker.end()
    assert tracker.wait_idle(0.01) is True, "wait_idle should be True once nothing is active"


def test_wait_idle_wakes_up_when_the_last_request_ends() -> None:
    tracker = InFlight()
    tracker.begin()
    results: list[bool] = []
    waiter = threading.Thread(target=lambda: results.append(tracker.wait_idle(TIMEOUT)))
    waiter.start()
    tracker.end()
    waiter.join(TIMEOUT)
    assert results == [True], f"wait_idle in another thread should return True once end() is called, got {results!r}"


@posix_only
def test_serves_requests_and_stops_cleanly_when_idle(servers: list[Server]) -> None:
    server = launch(servers)
    with server.connect() as sock:
        send_line(sock, "PING")
        assert read_line(sock) == "PONG", "PING should be answered with PONG"
    with server.connect() as sock:
        send_line(sock, "HELLO")
        got = read_line(sock)
        assert got == "ERROR unknown request", f"an unknown request gets 'ERROR unknown request', got {got!r}"
    sock = start_job(server, "report-1")
    with sock:
        send_line(sock, "FINISH")
        assert read_line(sock) == "DONE report-1", "after FINISH the job should answer 'DONE report-1'"
    os.kill(server.proc.pid, signal.SIGTERM)
    server.expect_line("DRAINING 0")
    server.expect_line("STOPPED completed=1")
    code = server.wait()
    assert code == 0, f"an idle server should exit 0 on SIGTERM, got {code}; stderr:\n{server.stderr()}"


@posix_only
def test_sigterm_finishes_in_flight_work_and_refuses_new_connections(servers: list[Server]) -> None:
    server = launch(servers)
    job = start_job(server, "invoice-7")
    os.kill(server.proc.pid, signal.SIGTERM)
    server.expect_line("DRAINING 1")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT).close()
    with job:
        send_line(job, "FINISH")
        got = read_line(job)
    assert got == "DONE invoice-7", f"the in-flight job must be finished after SIGTERM, got {got!r}"
    server.expect_line("STOPPED completed=1")
    code = server.wait()
    assert code == 0, f"a clean drain should exit 0, got {code}; stderr:\n{server.stderr()}"


@posix_only
def test_sigint_drains_several_jobs(servers: list[Server]) -> None:
    server = launch(servers)
    jobs = [start_job(server, f"job-{i}") for i in range(3)]
    os.kill(server.proc.pid, signal.SIGINT)
    server.expect_line("DRAINING 3")
    for i, sock in enumerate(jobs):
        with sock:
            send_line(sock, "FINISH")
            got = read_line(sock)
        assert got == f"DONE job-{i}", f"job-{i} should complete during the drain, got {got!r}"
    server.expect_line("STOPPED completed=3")
    assert server.wait() == 0, "SIGINT (Ctrl-C) should drain the same way and exit 0"


@posix_only
def test_grace_period_expires_with_status_1(servers: list[Server]) -> None:
    server = launch(servers, "--grace", "0.3")
    stuck = start_job(server, "stuck")
    with stuck:
        os.kill(server.proc.pid, signal.SIGTERM)
        server.expect_line("DRAINING 1")
        server.expect_line("STOPPED completed=0 abandoned=1")
        code = server.wait()
    assert code == 1, f"abandoning work after the grace period should exit 1, got {code}"


@posix_only
@pytest.mark.parametrize("args", [["--port", "70000"], ["--grace", "0"], ["--grace", "-1"], ["--port", "web"]])
def test_bad_arguments_exit_with_status_2(args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "practice.graceful_server", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"with {args!r} the server should refuse to start, but it kept running") from None
    assert proc.returncode == 2, (
        f"bad arguments {args!r} should exit 2 (argparse), got {proc.returncode}: {proc.stderr}"
    )
