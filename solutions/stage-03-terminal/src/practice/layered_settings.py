"""Settings for a command-line tool from three layers: defaults, environment, flags.

A flag given on the command line beats an environment variable, which beats the
built-in default. The environment is passed in as a mapping (never read from
``os.environ`` here) so the same code is easy to test and to reuse. The log tool
of ex05 uses this module for its ``--level``, ``--json``, ``--color`` and
``--limit`` options.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
OUTPUTS = ("text", "json")
COLOR_MODES = ("auto", "always", "never")
ENV_LEVEL = "LOGTOOL_LEVEL"
ENV_OUTPUT = "LOGTOOL_OUTPUT"
ENV_COLOR = "LOGTOOL_COLOR"
ENV_LIMIT = "LOGTOOL_LIMIT"

T = TypeVar("T")


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
    level = text.strip().upper()
    if level == "WARN":
        level = "WARNING"
    if level not in LEVELS:
        raise ConfigError(f"unknown level {text!r}; choose from {', '.join(LEVELS)}")
    return level


def parse_limit(text: str) -> int:
    """Parse a limit: a whole number of at least 1.

    Args:
        text: Decimal digits, optional surrounding whitespace.

    Returns:
        The number.

    Raises:
        ConfigError: If the text is not a whole number or is less than 1.
    """
    try:
        value = int(text.strip())
    except ValueError:
        raise ConfigError(f"limit must be a positive whole number, got {text!r}") from None
    if value < 1:
        raise ConfigError(f"limit must be a positive whole number, got {text!r}")
    return value


def _flag_type(parse: Callable[[str], T]) -> Callable[[str], T]:
    """Wrap a parser so argparse shows our message on a bad value."""

    def convert(text: str) -> T:
        try:
            return parse(text)
        except ConfigError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = parse.__name__
    return convert


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
    parser.add_argument("--level", type=_flag_type(parse_level), default=None)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", dest="output", action="store_const", const="json", default=None)
    group.add_argument("--text", dest="output", action="store_const", const="text", default=None)
    parser.add_argument("--color", choices=COLOR_MODES, default=None)
    parser.add_argument("--limit", type=_flag_type(parse_limit), default=None)


def _env(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "")
    return value if value.strip() else None


def _from_env(environ: Mapping[str, str], name: str, parse: Callable[[str], T]) -> T | None:
    value = _env(environ, name)
    if value is None:
        return None
    try:
        return parse(value)
    except ConfigError as exc:
        raise ConfigError(f"{name}: {exc}") from None


def _parse_output(text: str) -> str:
    value = text.strip().lower()
    if value not in OUTPUTS:
        raise ConfigError(f"output must be one of {', '.join(OUTPUTS)}, got {text!r}")
    return value


def _parse_color(text: str) -> str:
    value = text.strip().lower()
    if value not in COLOR_MODES:
        raise ConfigError(f"color must be one of {', '.join(COLOR_MODES)}, got {text!r}")
    return value


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
    level = args.level or _from_env(environ, ENV_LEVEL, parse_level) or "INFO"
    output = args.output or _from_env(environ, ENV_OUTPUT, _parse_output) or "text"
    limit = args.limit or _from_env(environ, ENV_LIMIT, parse_limit)
    mode = args.color or _from_env(environ, ENV_COLOR, _parse_color) or "auto"
    if mode == "always":
        color = True
    elif mode == "never":
        color = False
    else:
        color = isatty and not _env(environ, "NO_COLOR") and environ.get("TERM") != "dumb"
    return Settings(level=level, output=output, color=color, limit=limit)


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
    parser = argparse.ArgumentParser(prog="logtool")
    add_settings_arguments(parser)
    args = parser.parse_args(list(argv))
    return settings_from_args(args, environ, isatty=isatty)
