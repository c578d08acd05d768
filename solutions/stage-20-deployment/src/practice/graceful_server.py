"""A TCP server that shuts down gracefully on SIGTERM.

When a platform stops or replaces a process (a deploy, a scale-down, a node
drain) it sends SIGTERM, waits a grace period (30 s on Kubernetes by
default), then sends SIGKILL. A well-behaved server uses that window to:

1. stop accepting new connections (close the listening socket, so new
   clients are refused and retried elsewhere),
2. finish the requests already in flight,
3. exit with status 0, or give up when the grace period runs out.

Dropping in-flight requests on every deploy is how "we deploy only at
night" cultures start. This module has two parts: ``InFlight``, a small
thread-safe tracker you can test in-process, and ``main``, a server you
run as ``python -m practice.graceful_server``.

The line protocol (one request per connection, ASCII lines ending in
``\\n``):

* ``PING`` -> the server answers ``PONG`` and closes.
* ``JOB <name>`` -> the server answers ``STARTED <name>``, then waits for
  the client to send ``FINISH`` (this stands for slow work, and lets a test
  decide exactly when the work ends), answers ``DONE <name>`` and closes.
  Only this counts as a completed request.
* anything else -> ``ERROR unknown request`` and close.

What the process prints on stdout (each line flushed at once):

* ``LISTENING <port>`` once the socket listens (the real port, also when
  ``--port 0`` asked the OS to choose one);
* ``DRAINING <n>`` after a SIGTERM or SIGINT, once the listening socket is
  closed, where ``<n>`` is the number of requests in flight;
* ``STOPPED completed=<k>`` when everything finished within the grace
  period (exit status 0), or ``STOPPED completed=<k> abandoned=<m>`` when
  ``<m>`` requests were still running after ``--grace`` seconds (exit
  status 1). ``<k>`` counts completed requests since start.
"""

from __future__ import annotations

import argparse
import signal
import socket
import sys
import threading
from collections.abc import Sequence
from types import FrameType


class InFlight:
    """Counts requests in flight and refuses new ones once closed.

    Thread-safe: ``begin``/``end`` run in connection threads while the main
    thread calls ``close`` and ``wait_idle``.
    """

    def __init__(self) -> None:
        """Start open, with nothing active and nothing completed."""
        self._cond = threading.Condition()
        self._active = 0
        self._completed = 0
        self._open = True

    @property
    def active(self) -> int:
        """Number of requests begun and not yet ended."""
        with self._cond:
            return self._active

    @property
    def completed(self) -> int:
        """Number of requests ended with ``completed=True``."""
        with self._cond:
            return self._completed

    def begin(self) -> bool:
        """Register a new request and return True, or return False if closed."""
        with self._cond:
            if not self._open:
                return False
            self._active += 1
            return True

    def end(self, completed: bool = True) -> None:
        """Mark one request as finished and wake up ``wait_idle``.

        Args:
            completed: False when the request did not finish a job (a
                ``PING``, or a client that went away); it then does not
                count in ``completed``.

        Raises:
            RuntimeError: if no request is active.
        """
        with self._cond:
            if self._active == 0:
                raise RuntimeError("end() called with no request in flight")
            self._active -= 1
            if completed:
                self._completed += 1
            self._cond.notify_all()

    def close(self) -> None:
        """Refuse every later ``begin``; requests already begun continue."""
        with self._cond:
            self._open = False

    def wait_idle(self, timeout: float) -> bool:
        """Block until no request is active, for at most ``timeout`` seconds.

        Returns:
            True if idle (immediately when nothing is active), False if the
            timeout passed first.
        """
        with self._cond:
            return self._cond.wait_for(lambda: self._active == 0, timeout=timeout)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``--host`` (default 127.0.0.1), ``--port`` (default 0) and ``--grace``.

    ``--port`` must be 0..65535 and ``--grace`` (seconds, default 10) more
    than 0; otherwise argparse reports the error and exits with status 2.
    """
    parser = argparse.ArgumentParser(prog="python -m practice.graceful_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=_port, default=0)
    parser.add_argument("--grace", type=_grace, default=10.0)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server until SIGTERM or SIGINT, then drain and stop.

    Returns:
        The exit status: 0 after a clean drain, 1 when requests were
        abandoned after ``--grace`` seconds. (Bad arguments exit with 2
        through argparse.)
    """
    args = parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    tracker = InFlight()
    listener = socket.create_server((args.host, args.port))
    listener.settimeout(0.05)
    print(f"LISTENING {listener.getsockname()[1]}", flush=True)
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        except InterruptedError:
            continue
        tracker.begin()
        threading.Thread(target=_serve, args=(conn, tracker), daemon=True).start()
    listener.close()
    tracker.close()
    print(f"DRAINING {tracker.active}", flush=True)
    idle = tracker.wait_idle(args.grace)
    if idle:
        print(f"STOPPED completed={tracker.completed}", flush=True)
        return 0
    print(f"STOPPED completed={tracker.completed} abandoned={tracker.active}", flush=True)
    return 1


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0..65535, got {text}")
    return value


def _grace(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"grace must be more than 0 seconds, got {text}")
    return value


def _serve(conn: socket.socket, tracker: InFlight) -> None:
    completed = False
    try:
        conn.settimeout(60)
        with conn, conn.makefile("rwb") as stream:
            request = stream.readline(1024).decode("ascii", "replace").strip()
            if request == "PING":
                stream.write(b"PONG\n")
            elif request.startswith("JOB "):
                name = request[4:].strip()
                stream.write(f"STARTED {name}\n".encode("ascii", "replace"))
                stream.flush()
                if stream.readline(1024).strip() == b"FINISH":
                    stream.write(f"DONE {name}\n".encode("ascii", "replace"))
                    completed = True
            else:
                stream.write(b"ERROR unknown request\n")
            stream.flush()
    except OSError:
        completed = False
    finally:
        tracker.end(completed=completed)


if __name__ == "__main__":
    sys.exit(main())
