"""Find files under a directory, like a small ``find`` or ``fd``.

Run it as ``python -m practice.file_finder ROOT [--include GLOB]... [--exclude GLOB]...
[--hidden] [-0]``. It prints one path per line, relative to ROOT, so the output can
be piped into other tools (``-0`` separates paths with NUL bytes for ``xargs -0``)::

    python -m practice.file_finder . --include '*.py' --exclude .venv | xargs wc -l
    python -m practice.file_finder . -0 --include '*.log' | xargs -0 rm
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
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
    if "/" in pattern:
        return fnmatchcase(rel_path, pattern)
    return fnmatchcase(name, pattern)


def _any_match(name: str, rel_path: str, patterns: Iterable[str]) -> bool:
    return any(matches(name, rel_path, pattern) for pattern in patterns)


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
    if not root.is_dir():
        raise NotADirectoryError(f"{root}: not a directory")
    found: list[str] = []
    pending = [(root, "")]
    while pending:
        directory, prefix = pending.pop()
        for entry in directory.iterdir():
            name = entry.name
            rel_path = f"{prefix}{name}"
            if not hidden and name.startswith("."):
                continue
            if _any_match(name, rel_path, exclude):
                continue
            if entry.is_dir() and not entry.is_symlink():
                pending.append((entry, f"{rel_path}/"))
            elif entry.is_file() and (not include or _any_match(name, rel_path, include)):
                found.append(rel_path)
    return sorted(found)


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
    parser = argparse.ArgumentParser(prog=PROG, description="List files under ROOT.")
    parser.add_argument("root", metavar="ROOT", type=Path)
    parser.add_argument("--include", action="append", default=[], metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    parser.add_argument("--hidden", action="store_true", help="include hidden entries")
    parser.add_argument("-0", "--null", action="store_true", help="end each path with NUL")
    args = parser.parse_args(argv)
    try:
        paths = find_files(args.root, include=args.include, exclude=args.exclude, hidden=args.hidden)
    except NotADirectoryError:
        print(f"{PROG}: {args.root}: not a directory", file=sys.stderr)
        return 2
    end = "\0" if args.null else "\n"
    for path in paths:
        sys.stdout.write(path + end)
    return 0 if paths else 1


if __name__ == "__main__":
    sys.exit(main())
