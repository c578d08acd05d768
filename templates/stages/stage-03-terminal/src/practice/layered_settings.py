"""Settings for a command-line tool from three layers: defaults, environment, flags.

A flag given on the command line beats an environment variable, which beats the
built-in default. The environment is passed in as a mapping (never read from
``os.environ`` here) so the same code is easy to test and to reuse. The log tool
of ex05 uses this module for its ``--level``, ``--json``, ``--color`` and
``--limit`` options.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
OUTPUTS = ("text", "json")
COLOR_MODES = ("auto", "always", "never")
ENV_LEVEL = "LOGTOOL_LEVEL"
ENV_OUTPUT = "LOGTOOL_OUTPUT"
ENV_COLOR = "LOGTOOL_COLOR"
ENV_LIMIT = "LOGTOOL_LIMIT"


class ConfigError(ValueError):
    """A setting has a value the tool cannot use."""


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one run.

    Attributes:
        level: Minimum log level, one of ``LEVELS``.
        output: ``"text"`` or ``"json"``.
        color: Whether to colour the output.
        limit: Stop after this many output records; None means no limit.
    """

    level: str = "INFO"
    output: str = "text"
    color: bool = False
    limit: int | None = None


def parse_level(text: str) -> str:
    """Normalise a log level name.

    Args:
        text: A level name in any case, with optional surrounding whitespace.
            ``WARN`` is accepted as another name for ``WARNING``.

    Returns:
        The level in upper case, one of ``LEVELS``: ``parse_level(" warn ")``
        is ``"WARNING"``.

    Raises:
        ConfigError: If the text names no level (this includes the empty string).
    """
    raise NotImplementedError("strip, upper-case, map WARN to WARNING, check it is in LEVELS")


def parse_limit(text: str) -> int:
    """Parse a limit: a whole number of at least 1.

    Args:
        text: Decimal digits, optional surrounding whitespace.

    Returns:
        The number.

    Raises:
        ConfigError: If the text is not a whole number or is less than 1.
    """
    raise NotImplementedError("int() the stripped text; turn ValueError and values < 1 into ConfigError")


def add_settings_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the settings flags to a parser (or a subcommand's parser).

    Adds ``--level LEVEL``, ``--json`` / ``--text`` (mutually exclusive, both
    stored in ``args.output`` as ``"json"`` / ``"text"``),
    ``--color {auto,always,never}`` (in ``args.color``) and ``--limit N``.
    Each one defaults to None, so later code can tell "not given" from a value.
    ``--level`` and ``--limit`` values go through `parse_level` and `parse_limit`;
    a bad value (or ``--json --text`` together) makes argparse print an error to
    stderr and exit with code 2.

    Args:
        parser: The parser to extend.
    """
    raise NotImplementedError("parser.add_argument(...) for each flag; default=None everywhere")


def settings_from_args(args: argparse.Namespace, environ: Mapping[str, str], *, isatty: bool) -> Settings:
    """Combine parsed flags, the environment and the defaults into `Settings`.

    Args:
        args: A namespace from a parser that `add_settings_arguments` extended
            (it has ``level``, ``output``, ``color`` and ``limit``).
        environ: The environment (pass ``os.environ`` in real use).
        isatty: Whether stdout is a terminal (``sys.stdout.isatty()``).

    Returns:
        The settings; see `resolve_settings` for the rules.

    Raises:
        ConfigError: If an environment variable has a bad value; the message
            contains the variable's name, e.g. ``LOGTOOL_LIMIT: ...``.
    """
    raise NotImplementedError("for each setting: flag if not None, else environment, else default")


def resolve_settings(argv: Sequence[str], environ: Mapping[str, str], *, isatty: bool = False) -> Settings:
    """Parse settings flags from ``argv`` and resolve them against the environment.

    Rules, for each setting: a flag wins; otherwise its environment variable;
    otherwise the default. An environment variable is read (and checked) only
    when its flag is not given, and one that is empty or only whitespace counts
    as not set. Values from the environment are case-insensitive.

    ==========  ======================  =================  =========
    setting     flag                    variable           default
    ==========  ======================  =================  =========
    level       ``--level``             ``LOGTOOL_LEVEL``  ``INFO``
    output      ``--json``/``--text``   ``LOGTOOL_OUTPUT`` ``text``
    limit       ``--limit``             ``LOGTOOL_LIMIT``  None
    color mode  ``--color``             ``LOGTOOL_COLOR``  ``auto``
    ==========  ======================  =================  =========

    ``LOGTOOL_OUTPUT`` must be ``text`` or ``json`` and ``LOGTOOL_COLOR`` one of
    ``COLOR_MODES``. Colour: mode ``always`` gives True and ``never`` False.
    ``auto`` gives True only when ``isatty`` is True, ``NO_COLOR`` is not set to
    a non-empty value and ``TERM`` is not ``dumb`` (see https://no-color.org).

    Args:
        argv: Command-line arguments holding only settings flags.
        environ: The environment to read ``LOGTOOL_*``, ``NO_COLOR``, ``TERM`` from.
        isatty: Whether stdout is a terminal.

    Returns:
        The resolved settings.

    Raises:
        ConfigError: If an environment variable has a bad value.
        SystemExit: With code 2, from argparse, if a flag is bad.
    """
    raise NotImplementedError("build an ArgumentParser, add_settings_arguments, parse, settings_from_args")
