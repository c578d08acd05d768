"""A small `wc`: count lines, words, characters and bytes.

Run it as ``python -m practice.word_count [-l] [-w] [-m] [-c] [FILE ...]``.
It reads the named files, or standard input when no file is named (``-`` also
means standard input), prints one line of counts per input to stdout, reports
unreadable files on stderr, and tells the shell how it went with its exit code.

Try it when it works::

    printf 'hello world\\n' | python -m practice.word_count
    python -m practice.word_count -l src/practice/*.py; echo "exit code: $?"
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass

COLUMNS = ("lines", "words", "chars", "bytes")
DEFAULT_COLUMNS = ("lines", "words", "bytes")
PROG = "word_count"


@dataclass(frozen=True)
class Counts:
    """What `wc` counts for one input.

    Attributes:
        lines: Number of newline characters (``b"\\n"``).
        words: Number of runs of non-whitespace characters in the decoded text.
        chars: Number of characters after decoding as UTF-8.
        bytes: Number of bytes.
    """

    lines: int = 0
    words: int = 0
    chars: int = 0
    bytes: int = 0

    def __add__(self, other: Counts) -> Counts:
        """Return the column-by-column sum of two counts (used for the total line)."""
        return Counts(
            self.lines + other.lines,
            self.words + other.words,
            self.chars + other.chars,
            self.bytes + other.bytes,
        )


def count_bytes(data: bytes) -> Counts:
    """Count lines, words, characters and bytes in raw input.

    Args:
        data: The raw bytes of a file or of standard input.

    Returns:
        A `Counts`. ``lines`` is the number of ``b"\\n"`` bytes, so a last line
        without a newline is not counted (that is what ``wc -l`` does). The text
        is decoded as UTF-8 with ``errors="replace"`` (each invalid byte becomes
        one U+FFFD character); ``words`` is the number of items ``str.split()``
        gives for it and ``chars`` is its length. ``b""`` gives all zeros.
    """
    text = data.decode("utf-8", errors="replace")
    return Counts(
        lines=data.count(b"\n"),
        words=len(text.split()),
        chars=len(text),
        bytes=len(data),
    )


def format_counts(counts: Counts, columns: Sequence[str], name: str | None) -> str:
    """Format one output line: the chosen counts, then the name.

    Args:
        counts: The counts to show.
        columns: Names from ``COLUMNS``, shown in the order given.
        name: The input's name, or None to print the numbers only.

    Returns:
        The numbers and the name separated by single spaces, no newline:
        ``format_counts(Counts(1, 2, 12, 12), ["lines", "bytes"], "a.txt")``
        is ``"1 12 a.txt"``.

    Raises:
        ValueError: If a column is not one of ``COLUMNS`` or no column is given.
    """
    if not columns:
        raise ValueError("at least one column is needed")
    fields = []
    for column in columns:
        if column not in COLUMNS:
            raise ValueError(f"unknown column {column!r}; expected one of {COLUMNS}")
        fields.append(str(getattr(counts, column)))
    if name is not None:
        fields.append(name)
    return " ".join(fields)


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(prog=PROG, description="Count lines, words, characters and bytes.")
    parser.add_argument("-l", "--lines", action="store_true", help="count newlines")
    parser.add_argument("-w", "--words", action="store_true", help="count words")
    parser.add_argument("-m", "--chars", action="store_true", help="count characters")
    parser.add_argument("-c", "--bytes", action="store_true", help="count bytes")
    parser.add_argument("files", nargs="*", metavar="FILE", help="files to read; - is stdin")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code.

    Use ``argparse`` with ``prog="word_count"`` and these options:
    ``-l/--lines``, ``-w/--words``, ``-m/--chars``, ``-c/--bytes`` (flags), then
    any number of ``FILE`` arguments.

    * Columns are always printed in the order lines, words, chars, bytes, whatever
      order the flags were given in. No flag means lines, words, bytes.
    * No FILE: read all of standard input (as bytes: ``sys.stdin.buffer``) and
      print the counts without a name, e.g. ``1 2 12``.
    * Each FILE gives one line ending with its name; ``-`` is standard input and
      its name is printed as ``-``.
    * More than one FILE: a last line with the sums and the name ``total``.
    * A FILE that cannot be read (missing, a directory, ...): print
      ``word_count: NAME: REASON`` to stderr, where REASON is the OSError's
      ``strerror`` (e.g. ``No such file or directory``), skip it, go on with the
      others, and return 1 at the end.
    * Unknown options: argparse prints usage to stderr and exits with 2.

    Args:
        argv: The arguments after the program name; None means ``sys.argv[1:]``.

    Returns:
        0 when every input was read, 1 when at least one file could not be read.
    """
    args = build_parser().parse_args(argv)
    chosen = [column for column in COLUMNS if getattr(args, column)]
    columns = chosen or list(DEFAULT_COLUMNS)
    names: list[str | None] = list(args.files) if args.files else [None]

    status = 0
    total = Counts()
    for name in names:
        try:
            if name is None or name == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as handle:
                    data = handle.read()
        except OSError as exc:
            print(f"{PROG}: {name}: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        counts = count_bytes(data)
        total = total + counts
        print(format_counts(counts, columns, name))
    if len(names) > 1:
        print(format_counts(total, columns, "total"))
    return status


if __name__ == "__main__":
    sys.exit(main())
