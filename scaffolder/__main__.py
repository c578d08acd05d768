"""Run roadmap: the `roadmap` command and `python -m scaffolder`."""

from __future__ import annotations

import atexit
import os
import signal
import sys
from typing import NoReturn


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Run the command line; SIGTERM is handled like Ctrl-C, so nothing is left half-written."""
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        os.getcwd()
    except FileNotFoundError:
        sys.stderr.write("roadmap: the current folder no longer exists; cd into a folder that does and try again\n")
        _leave(2)
    from scaffolder import head_start

    try:
        with head_start.tests_for(sys.argv[1:]):
            from scaffolder.cli import app

            app()
    except KeyboardInterrupt:  # before the command line had loaded; commands report their own
        sys.stderr.write("roadmap: interrupted; nothing was half-written\n")
        _leave(130)
    except SystemExit as done:
        _leave(done.code)


def _leave(code: int | str | None) -> NoReturn:
    """Exit once the work is done, skipping the interpreter's teardown of every loaded module.

    Tearing down Typer, pydantic and GitPython took 30-60 ms of every command's wait. Exit
    handlers (temporary folders, child processes) still run, and the output is flushed first.
    """
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1  # the output could not be written (a closed pipe): not a success
    os._exit(code or 0)


if __name__ == "__main__":
    main()
