"""Find files under a directory, like a small ``find`` or ``fd``.

Run it as ``python -m practice.file_finder ROOT [--include GLOB]... [--exclude GLOB]...
[--hidden] [-0]``. It prints one path per line, relative to ROOT, so the output can
be piped into other tools (``-0`` separates paths with NUL bytes for ``xargs -0``)::

    python -m practice.file_finder . --include '*.py' --exclude .venv | xargs wc -l
    python -m practice.file_finder . -0 --include '*.log' | xargs -0 rm
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

PROG = "file_finder"


def matches(name: str, rel_path: str, pattern: str) -> bool:
    """Tell whether one glob pattern matches an entry.

    A pattern without ``/`` is compared with the entry's own ``name``; a pattern
    with ``/`` is compared with its whole ``rel_path`` (relative to the root,
    ``/``-separated), where ``*`` may also match ``/``. Matching is
    case-sensitive (``fnmatch.fnmatchcase``).

    Args:
        name: The last component of the path, e.g. ``"core.py"``.
        rel_path: The path relative to the root, e.g. ``"src/pkg/core.py"``.
        pattern: A glob such as ``"*.py"`` or ``"src/*.py"``.

    Returns:
        True when the pattern matches: ``matches("core.py", "src/core.py", "*.py")``
        and ``matches("core.py", "src/core.py", "src/*")`` are True,
        ``matches("core.py", "src/core.py", "*.PY")`` is False.
    """
    raise NotImplementedError("choose name or rel_path by whether the pattern has '/', then fnmatchcase")


def find_files(
    root: Path,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    hidden: bool = False,
) -> list[str]:
    """List the files under ``root``, filtered by globs.

    Rules:

    * Only files are listed, as ``/``-separated paths relative to ``root``,
      sorted as strings.
    * Hidden entries (name starting with ``.``) are skipped, with everything
      inside a hidden directory, unless ``hidden`` is True. The root itself may
      have any name.
    * ``exclude``: a file is dropped when a pattern matches it, and a directory
      that a pattern matches is not entered at all (so ``"node_modules"`` or
      ``"build/*"`` prune whole trees). Exclusion wins over inclusion.
    * ``include``: when given, a file is kept only if at least one pattern
      matches it. Directories are always entered (unless excluded).
    * Symbolic links to directories are not followed (no loops); symbolic
      links to files are listed; broken links are skipped.

    Args:
        root: The directory to search.
        include: Globs a file must match (any of them); empty means all files.
        exclude: Globs for files and directories to leave out.
        hidden: Whether to look at hidden files and directories.

    Returns:
        The sorted relative paths; an empty list for an empty directory.

    Raises:
        NotADirectoryError: If ``root`` does not exist or is not a directory.
    """
    raise NotImplementedError("walk root with Path.iterdir(), skipping and pruning as the rules say")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code.

    Use ``argparse`` with ``prog="file_finder"``: a positional ``ROOT``,
    ``--include GLOB`` and ``--exclude GLOB`` (each may be repeated:
    ``action="append"``), ``--hidden`` and ``-0/--null`` (flags).

    Print each path from `find_files` followed by ``"\\n"``, or by ``"\\0"`` with
    ``-0``. When ROOT is not a directory print ``file_finder: ROOT: not a directory``
    to stderr and print nothing on stdout.

    Args:
        argv: The arguments after the program name; None means ``sys.argv[1:]``.

    Returns:
        0 when at least one file was printed, 1 when none matched, 2 when ROOT
        is not a directory (argparse also exits 2 on a usage error).
    """
    raise NotImplementedError("parse the options, call find_files, print, return 0/1/2")


if __name__ == "__main__":
    sys.exit(main())
