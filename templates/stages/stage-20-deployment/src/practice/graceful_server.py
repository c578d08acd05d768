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

TODO: implement ``InFlight`` and ``main``. Useful tools:
``threading.Condition``, ``signal.signal``, ``socket.create_server``,
``sock.settimeout`` (so the accept loop can notice the signal),
``sock.makefile("rwb")`` and ``argparse``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


class InFlight:
    """Counts requests in flight and refuses new ones once closed.

    Thread-safe: ``begin``/``end`` run in connection threads while the main
    thread calls ``close`` and ``wait_idle``.
    """

    def __init__(self) -> None:
        """Start open, with nothing active and nothing completed."""
        raise NotImplementedError("create a threading.Condition, an active count, a completed count and an open flag")

    @property
    def active(self) -> int:
        """Number of requests begun and not yet ended."""
        raise NotImplementedError("return the active count (under the lock)")

    @property
    def completed(self) -> int:
        """Number of requests ended with ``completed=True``."""
        raise NotImplementedError("return the completed count (under the lock)")

    def begin(self) -> bool:
        """Register a new request and return True, or return False if closed."""
        raise NotImplementedError("under the lock, refuse when closed, otherwise count one more active request")

    def end(self, completed: bool = True) -> None:
        """Mark one request as finished and wake up ``wait_idle``.

        Args:
            completed: False when the request did not finish a job (a
                ``PING``, or a client that went away); it then does not
                count in ``completed``.

        Raises:
            RuntimeError: if no request is active.
        """
        raise NotImplementedError(
            "under the lock, check something is active, decrement, count completion and notify_all"
        )

    def close(self) -> None:
        """Refuse every later ``begin``; requests already begun continue."""
        raise NotImplementedError("under the lock, clear the open flag")

    def wait_idle(self, timeout: float) -> bool:
        """Block until no request is active, for at most ``timeout`` seconds.

        Returns:
            True if idle (immediately when nothing is active), False if the
            timeout passed first.
        """
        raise NotImplementedError("use Condition.wait_for with a predicate on the active count")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``--host`` (default 127.0.0.1), ``--port`` (default 0) and ``--grace``.

    ``--port`` must be 0..65535 and ``--grace`` (seconds, default 10) more
    than 0; otherwise argparse reports the error and exits with status 2.
    """
    raise NotImplementedError("build an argparse parser with type functions that reject bad ports and grace values")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server until SIGTERM or SIGINT, then drain and stop.

    Returns:
        The exit status: 0 after a clean drain, 1 when requests were
        abandoned after ``--grace`` seconds. (Bad arguments exit with 2
        through argparse.)
    """
    raise NotImplementedError(
        "install signal handlers that set an Event, accept in a loop, serve each connection in a thread, then drain"
    )


if __name__ == "__main__":
    sys.exit(main())
