"""A plugin registry: register implementations by name with a decorator.

Frameworks use this pattern everywhere: pytest plugins, Django apps, serializer
formats, storage backends, CLI subcommands. New behaviour is added by registering
one more object under a name, without editing an ``if/elif`` chain. A good
registry protects its users: duplicate names are rejected loudly, and a lookup
for an unknown name lists what does exist (and suggests a close match).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

NAME_RE = re.compile(r"[a-z][a-z0-9_-]*")

Rows = Sequence[Mapping[str, object]]
Exporter = Callable[[Rows], str]


class PluginError(Exception):
    """Base class for registry errors."""


class DuplicatePluginError(PluginError):
    """A name is already taken in this registry."""


class UnknownPluginError(PluginError, LookupError):
    """No plugin with that name.

    Attributes:
        name: The name that was looked up (normalised).
        known: Sorted names that do exist.
    """

    def __init__(self, message: str, name: str, known: list[str]) -> None:
        super().__init__(message)
        self.name = name
        self.known = known


class Registry(Generic[T]):
    """Named plugins of one kind, e.g. ``Registry[Exporter]("exporter")``.

    Names are normalised with ``strip().lower()`` everywhere (register, get, in),
    and after that must fully match ``NAME_RE``.
    """

    def __init__(self, kind: str) -> None:
        """Create an empty registry; ``kind`` is used in error messages."""
        self.kind = kind
        self._plugins: dict[str, T] = {}

    def _normalise(self, name: str) -> str:
        """Return the normalised name, or raise ValueError if it is invalid."""
        if not isinstance(name, str):
            raise ValueError(f"{self.kind} name must be a str, got {name!r}")
        clean = name.strip().lower()
        if not NAME_RE.fullmatch(clean):
            raise ValueError(f"invalid {self.kind} name {name!r}: use lowercase letters, digits, '-' and '_'")
        return clean

    def add(self, name: str, plugin: T) -> None:
        """Register ``plugin`` under ``name``.

        Raises:
            ValueError: if the name is invalid (see class docstring).
            DuplicatePluginError: if the normalised name is taken; message
                ``"<kind> 'csv' is already registered"``. The existing plugin stays.
        """
        key = self._normalise(name)
        if key in self._plugins:
            raise DuplicatePluginError(f"{self.kind} {key!r} is already registered")
        self._plugins[key] = plugin

    def register(self, name: str | None = None) -> Callable[[T], T]:
        """Return a decorator that registers the decorated object and returns it unchanged.

        Usage::

            @exporters.register("csv")
            def to_csv(rows): ...

            @exporters.register()          # name defaults to the object's __name__
            def tsv(rows): ...

        Args:
            name: Plugin name; None means use ``obj.__name__``.

        Raises:
            ValueError / DuplicatePluginError: as ``add``, when the decorator is applied.
        """

        def decorate(plugin: T) -> T:
            self.add(name if name is not None else plugin.__name__, plugin)  # type: ignore[attr-defined]
            return plugin

        return decorate

    def get(self, name: str) -> T:
        """Return the plugin registered under ``name`` (normalised first).

        Raises:
            UnknownPluginError: if there is none. Message format::

                unknown exporter 'jsn'; known: csv, json; did you mean 'json'?

            ``known: (none)`` when the registry is empty; the ``did you mean`` part
            only when ``difflib.get_close_matches`` finds a match (take the first).
            The name is stripped and lowercased but NOT validated here, so any
            string gives UnknownPluginError rather than ValueError.
        """
        key = name.strip().lower()
        try:
            return self._plugins[key]
        except KeyError:
            known = self.names()
            message = f"unknown {self.kind} {key!r}; known: {', '.join(known) or '(none)'}"
            close = difflib.get_close_matches(key, known, n=1)
            if close:
                message += f"; did you mean {close[0]!r}?"
            raise UnknownPluginError(message, key, known) from None

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        return sorted(self._plugins)

    def __contains__(self, name: object) -> bool:
        """``"CSV" in registry`` is True when ``"csv"`` is registered; non-str is False."""
        return isinstance(name, str) and name.strip().lower() in self._plugins

    def __len__(self) -> int:
        """Number of registered plugins."""
        return len(self._plugins)

    def __iter__(self) -> Iterator[str]:
        """Iterate over the sorted names."""
        return iter(self.names())


def build_exporters() -> Registry[Exporter]:
    """Create a registry of kind ``"exporter"`` with two built-in plugins.

    Register them with the decorator, inside this function:

    - ``"csv"``: header line from the first row's keys, then one line per row,
      written with ``csv.writer`` using ``lineterminator="\\n"``; a column missing
      from a later row is written empty and extra keys are ignored. No rows gives ``""``.
    - ``"json"``: ``json.dumps(list_of_dicts, ensure_ascii=False, sort_keys=True)``.

    Returns:
        A new registry each call (no global state shared between callers).
    """
    exporters: Registry[Exporter] = Registry("exporter")

    @exporters.register("csv")
    def to_csv(rows: Rows) -> str:
        if not rows:
            return ""
        header = list(rows[0])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
        return buffer.getvalue()

    @exporters.register("json")
    def to_json(rows: Rows) -> str:
        return json.dumps([dict(row) for row in rows], ensure_ascii=False, sort_keys=True)

    return exporters


def export(rows: Rows, fmt: str, registry: Registry[Exporter] | None = None) -> str:
    """Export rows in the format called ``fmt``.

    Args:
        rows: The data.
        fmt: A registered exporter name (case-insensitive).
        registry: Where to look; ``build_exporters()`` when None.

    Returns:
        The exporter's output.

    Raises:
        UnknownPluginError: for an unknown format (from ``Registry.get``).
    """
    chosen = (registry if registry is not None else build_exporters()).get(fmt)
    return chosen(rows)
