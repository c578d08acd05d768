"""Layered configuration: defaults < config file < environment < command-line flags.

Real services read settings from several places, and the order matters: code
ships safe defaults, a TOML file holds what an operator chose for this
deployment, environment variables override that per container, and a flag
overrides everything for one run. Each value is parsed to its declared type,
the layer it came from is recorded (so "where did this port come from?" has
an answer), and every error names the setting and the source to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from practice.typed_values import parse_bool, parse_duration, parse_int, parse_list

KINDS = ("str", "int", "bool", "list", "duration")
"""The types a setting can have."""


PARSERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": parse_int,
    "bool": parse_bool,
    "list": parse_list,
    "duration": parse_duration,
}
"""How text (from the environment, flags or a TOML string) becomes each kind."""


class RequiredDefault:
    """The type of :data:`REQUIRED`; there is only one instance."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = RequiredDefault()
"""Use as ``Setting.default`` for a setting that has no default."""


@dataclass(frozen=True)
class Setting:
    """One entry of the schema.

    Attributes:
        name: snake_case name (``[a-z][a-z0-9_]*``), e.g. ``"log_level"``.
            Its environment variable is ``env_prefix + name.upper()``
            (``APP_LOG_LEVEL``), its flag ``--`` + name with ``_`` -> ``-``
            (``--log-level``) and its config-file key the name itself.
        kind: One of :data:`KINDS`.
        default: The value when no layer sets it, already typed
            (``int``, ``bool``, ``list[str]``, ``timedelta``, ``str``), or
            :data:`REQUIRED`.
    """

    name: str
    kind: str = "str"
    default: Any = REQUIRED


class ConfigError(ValueError):
    """A setting that could not be loaded; says which one and from where.

    Attributes:
        key: The setting name, or None for a problem with a whole source
            (e.g. a TOML syntax error).
        source: Where the bad value came from, e.g. ``"env:APP_PORT"``,
            ``"flag:--port"``, ``"file:/etc/app.toml"`` or ``"missing"``.
    """

    def __init__(self, key: str | None, source: str, problem: str) -> None:
        self.key = key
        self.source = source
        prefix = f"{key}: " if key else ""
        super().__init__(f"{prefix}{problem} (from {source})")


@dataclass(frozen=True)
class LoadedSettings:
    """The result of :func:`load_settings`.

    Attributes:
        values: Setting name -> typed value, for every setting in the schema.
        sources: Setting name -> the layer that supplied it: ``"default"``,
            ``"file:<path>"``, ``"env:<VAR>"`` or ``"flag:--<flag>"``.
    """

    values: dict[str, Any]
    sources: dict[str, str]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def load_settings(
    schema: Sequence[Setting],
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    argv: Sequence[str] = (),
    env_prefix: str = "APP_",
) -> LoadedSettings:
    """Load every setting in ``schema`` from four layers; later layers win.

    1. **default**: ``Setting.default`` (used as is).
    2. **file**: ``config_file``, a TOML document read with :mod:`tomllib`
       (open it in binary mode). Top-level keys are setting names. A TOML
       string is parsed like text (below). Other TOML values must already
       have the right type: an int (not a bool) for ``int``, a bool for
       ``bool``, a list of strings for ``list``; ``duration`` and ``str`` need
       strings. Source: ``f"file:{config_file}"``.
    3. **env**: ``environ[env_prefix + NAME]`` for each setting, parsed as
       text. Source: ``f"env:{VAR}"``. Other variables, even with the prefix,
       are ignored: the environment is shared with other programs.
    4. **flags**: ``argv`` items ``--flag=value`` or ``--flag value``, parsed as
       text. A ``bool`` flag never takes the next item: ``--debug`` means true,
       ``--no-debug`` false, ``--debug=off`` is parsed. The last repetition
       wins. Source: ``f"flag:--{flag}"`` (without ``no-``).

    Text is parsed with :data:`PARSERS` (the ex01 parsers from
    :mod:`practice.typed_values`; ``str`` is taken as is).

    Args:
        schema: The settings; names unique.
        config_file: Path of the TOML file, or None for no file layer.
        environ: Usually ``os.environ``; None means empty.
        argv: Command-line arguments without the program name.
        env_prefix: Prefix of the environment variables.

    Returns:
        Values and sources for every setting.

    Raises:
        ValueError: The schema itself is wrong (bad name, unknown kind,
            duplicate) - a programmer error.
        ConfigError: With ``key`` and ``source`` set:

            * config file missing (key None, message contains "not found") or
              not valid TOML (key None, message contains "TOML");
            * unknown key in the file (``source`` is the file; the message
              lists the known names);
            * a value of the wrong type or that does not parse (message
              includes the parser's explanation);
            * unknown flag, an argument that is not a flag, a non-bool flag
              without a value (these have ``key`` = the flag text, e.g.
              ``"--prot"``, and source ``"flag:--prot"``);
            * a required setting that no layer set (source ``"missing"``; the
              message mentions its environment variable and flag).
    """
    raise NotImplementedError(
        "check the schema, then apply the layers in order (defaults, TOML file, environment, flags), "
        "recording the source of each value; finally report required settings that are still missing"
    )


def describe(settings: LoadedSettings) -> list[str]:
    """Return one line per setting: ``"<name> = <value!r>  (<source>)"``.

    Lines follow the schema order. Values use ``repr`` so strings are quoted
    and durations are unambiguous, e.g. ``"port = 8080  (env:APP_PORT)"``.
    """
    raise NotImplementedError("return f'{name} = {value!r}  ({source})' for each setting in schema order")
