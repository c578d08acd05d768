"""Run roadmap: the `roadmap` command and `python -m scaffolder`."""

from __future__ import annotations

import signal
import sys


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Run the command line; SIGTERM is handled like Ctrl-C, so nothing is left half-written."""
    signal.signal(signal.SIGTERM, _interrupt)
    from scaffolder import head_start

    try:
        with head_start.tests_for(sys.argv[1:]):
            from scaffolder.cli import app

            app()
    except KeyboardInterrupt:  # before the command line had loaded; commands report their own
        sys.stderr.write("roadmap: interrupted; nothing was half-written\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
