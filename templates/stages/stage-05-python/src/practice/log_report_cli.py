"""A command-line log report built on ``log_stream``: library first, thin CLI.

Run it as ``python -m practice.log_report_cli access.log --min-level WARNING``.

The work is split the way real tools split it: ``summarize`` is a pure function
that turns records into data, ``render_text`` turns that data into text, and
``main`` only parses arguments, opens the file, calls the two, prints and picks an
exit code. Nothing below ``main`` prints or exits, so everything is easy to test.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import TextIO

from practice.log_stream import LogRecord


def summarize(records: Iterable[LogRecord], *, min_level: str = "DEBUG") -> dict[str, object]:
    """Aggregate records into a report, in one pass and O(1) memory.

    Only records whose level is at or above ``min_level`` (in ``LEVELS`` order) are
    counted; the others are ignored completely.

    Args:
        records: Parsed records, in any order.
        min_level: Lowest level to include, one of ``LEVELS``.

    Returns:
        A dict with exactly these keys:

        - ``"records"``: number of counted records;
        - ``"levels"``: count per level, with ALL levels from ``min_level`` upwards
          present, in ``LEVELS`` order, zero when absent;
        - ``"first"``/``"last"``: earliest/latest timestamp as ``isoformat()``
          strings, or None if no record was counted;
        - ``"max_ms"``: the largest ``ms`` field as an int among counted records
          whose ``ms`` is a string of digits, or None if there is none.

    Raises:
        ValueError: if ``min_level`` is not in ``LEVELS``.
    """
    raise NotImplementedError("validate min_level, then loop once over records updating counters")


def render_text(summary: dict[str, object], skipped: int) -> str:
    """Render a summary as aligned text for humans.

    Exact format (each line ends with ``\\n``; ``-`` stands for None)::

        records: 3
        skipped: 1
        first:   2024-05-01T12:00:00+00:00
        last:    2024-05-01T12:00:09+00:00
        max_ms:  250
        INFO     2
        ERROR    1

    The level lines follow the order of ``summary["levels"]``; each level name is
    left-aligned in a field of 9 characters (``f"{level:<9}{count}"``), zero
    counts included.

    Args:
        summary: A dict returned by ``summarize``.
        skipped: Number of bad lines that were skipped.

    Returns:
        The text.
    """
    raise NotImplementedError("build the five header lines and one line per level, joined with newlines")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser: ``PATH [--min-level L] [--strict] [--format text|json]``."""
    raise NotImplementedError("create an ArgumentParser with path, --min-level, --strict and --format")


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI and return the process exit code.

    Behaviour:

    - arguments come from ``argv`` (``sys.argv[1:]`` when None); output goes to
      ``stdout``/``stderr`` (``sys.stdout``/``sys.stderr`` when None, looked up at
      call time so pytest's ``capsys`` sees it);
    - the file is read lazily, line by line, as UTF-8, through
      ``read_records`` (lenient unless ``--strict``), then ``summarize`` with
      ``--min-level``;
    - ``--format text`` prints ``render_text(summary, skipped)``; ``--format json``
      prints ``json.dumps({**summary, "skipped": skipped})`` plus a newline;
    - returns 0 on success;
    - returns 1, printing one line ``error: <problem>`` to stderr and nothing to
      stdout, if the file does not exist (``error: no such file: <path>``), cannot
      be decoded as UTF-8, or in strict mode has a bad line
      (``error: line N: <reason>``, which is ``str()`` of the LogParseError);
    - returns 2 for usage errors: argparse prints its usage message to stderr and
      raises ``SystemExit(2)``; catch it and return its code instead of exiting
      (``--help`` likewise prints to stdout and returns 0). Use
      ``contextlib.redirect_stdout``/``redirect_stderr`` around ``parse_args`` so
      argparse writes to the given streams.
    """
    raise NotImplementedError(
        "parse args (catch SystemExit), read the file through read_records, summarize, print, return a code"
    )


if __name__ == "__main__":
    raise SystemExit(main())
