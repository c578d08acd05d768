"""A plugin registry: register implementations by name with a decorator.

Frameworks use this pattern everywhere: pytest plugins, Django apps, serializer
formats, storage backends, CLI subcommands. New behaviour is added by registering
one more object under a name, without editing an ``if/elif`` chain. A good
registry protects its users: duplicate names are rejected loudly, and a lookup
for an unknown name lists what does exist (and suggests a close match).
"""

from __future__ import annotations

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

    def add(self, name: str, plugin: T) -> None:
        """Register ``plugin`` under ``name``.

        Raises:
            ValueError: if the name is invalid (see class docstring).
            DuplicatePluginError: if the normalised name is taken; message
                ``"<kind> 'csv' is already registered"``. The existing plugin stays.
        """
        raise NotImplementedError("normalise and validate the name, reject duplicates, store the plugin")

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
        raise NotImplementedError(
            "return a decorate(plugin) function that calls self.add and returns the plugin unchanged"
        )

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
        raise NotImplementedError(
            "look the normalised name up; on a miss raise UnknownPluginError with known names and a suggestion"
        )

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        raise NotImplementedError("return the sorted names")

    def __contains__(self, name: object) -> bool:
        """``"CSV" in registry`` is True when ``"csv"`` is registered; non-str is False."""
        raise NotImplementedError("normalise and check membership; non-str is never contained")

    def __len__(self) -> int:
        """Number of registered plugins."""
        raise NotImplementedError("return how many plugins are registered")

    def __iter__(self) -> Iterator[str]:
        """Iterate over the sorted names."""
        raise NotImplementedError("iterate over the sorted names")


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
    raise NotImplementedError(
        "create Registry('exporter') and register csv and json exporters with @registry.register(...)"
    )


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
    raise NotImplementedError("pick the registry, get the exporter by name and call it with rows")
