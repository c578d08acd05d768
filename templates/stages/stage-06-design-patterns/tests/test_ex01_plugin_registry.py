"""Tests for ex01: a plugin registry with decorator registration."""

from __future__ import annotations

import json

import pytest
from practice.plugin_registry import (
    DuplicatePluginError,
    PluginError,
    Registry,
    UnknownPluginError,
    build_exporters,
    export,
)

ROWS = [
    {"id": 1, "name": "Ann", "city": "Zürich"},
    {"id": 2, "name": 'Bo "the boss"', "city": "Oslo, NO"},
]


def test_register_decorator_returns_object_unchanged() -> None:
    handlers: Registry[object] = Registry("handler")

    @handlers.register("Email")
    def send_email(to: str) -> str:
        return f"mail:{to}"

    assert send_email("a@b.io") == "mail:a@b.io", "the decorator must return the function itself, still callable"
    assert handlers.get("email") is send_email, "get('email') should return the registered function"
    assert handlers.get("  EMAIL ") is send_email, "lookups are normalised with strip().lower()"
    assert "eMail" in handlers and "sms" not in handlers, "'in' should use the same normalisation"


def test_register_without_name_uses_dunder_name() -> None:
    codecs: Registry[type] = Registry("codec")

    @codecs.register()
    class Gzip:
        pass

    assert codecs.get("gzip") is Gzip, "register() with no name should use the class's __name__, lower-cased"
    assert codecs.names() == ["gzip"], f"names() should be ['gzip'], got {codecs.names()}"


def test_names_len_and_iteration_are_sorted() -> None:
    storages: Registry[str] = Registry("storage")
    for name in ["s3", "local", "gcs"]:
        storages.add(name, f"<{name}>")
    assert storages.names() == ["gcs", "local", "s3"], f"names() should be sorted, got {storages.names()}"
    assert list(storages) == ["gcs", "local", "s3"], f"iterating yields sorted names, got {list(storages)}"
    assert len(storages) == 3, f"len should be 3, got {len(storages)}"


def test_duplicate_names_are_rejected() -> None:
    formats: Registry[str] = Registry("exporter")
    formats.add("csv", "first")
    with pytest.raises(DuplicatePluginError) as info:
        formats.add(" CSV ", "second")
    assert str(info.value) == "exporter 'csv' is already registered", f"message should be exact, got {info.value}"
    assert formats.get("csv") == "first", "a rejected duplicate must not replace the original"

    @formats.register("xml")
    def first_xml() -> None: ...

    with pytest.raises(DuplicatePluginError):

        @formats.register("xml")
        def second_xml() -> None: ...

    assert isinstance(info.value, PluginError), "DuplicatePluginError should subclass PluginError"


@pytest.mark.parametrize("bad", ["", "   ", "2fa", "has space", "dot.name", "ünicode"])
def test_invalid_names_raise_value_error(bad: str) -> None:
    registry: Registry[int] = Registry("thing")
    with pytest.raises(ValueError):
        registry.add(bad, 1)
    assert len(registry) == 0, f"nothing should be registered for the invalid name {bad!r}"


def test_unknown_lookup_lists_known_and_suggests() -> None:
    formats: Registry[str] = Registry("exporter")
    formats.add("json", "j")
    formats.add("csv", "c")
    with pytest.raises(UnknownPluginError) as info:
        formats.get("JSN")
    want = "unknown exporter 'jsn'; known: csv, json; did you mean 'json'?"
    assert str(info.value) == want, f"message should be\n  {want}\ngot\n  {info.value}"
    assert info.value.name == "jsn" and info.value.known == ["csv", "json"], "error should carry name and known"
    assert isinstance(info.value, LookupError), "UnknownPluginError should also be a LookupError"


@pytest.mark.parametrize(
    ("known", "asked", "want"),
    [
        ([], "csv", "unknown exporter 'csv'; known: (none)"),
        (["csv", "json"], "parquet", "unknown exporter 'parquet'; known: csv, json"),
        (["csv"], "bad name!", "unknown exporter 'bad name!'; known: csv"),
    ],
)
def test_unknown_lookup_messages(known: list[str], asked: str, want: str) -> None:
    formats: Registry[str] = Registry("exporter")
    for name in known:
        formats.add(name, name)
    with pytest.raises(UnknownPluginError) as info:
        formats.get(asked)
    assert str(info.value) == want, f"get({asked!r}) message should be\n  {want}\ngot\n  {info.value}"


def test_builtin_csv_exporter() -> None:
    got = export(ROWS, "CSV")
    want = 'id,name,city\n1,Ann,Zürich\n2,"Bo ""the boss""","Oslo, NO"\n'
    assert got == want, f"CSV output (quoting by csv.writer) should be\n{want!r}\ngot\n{got!r}"
    assert export([], "csv") == "", "no rows should export as an empty string"
    ragged = export([{"a": 1, "b": 2}, {"a": 3, "c": 4}], "csv")
    assert ragged == "a,b\n1,2\n3,\n", f"missing columns are empty, extra keys ignored; got {ragged!r}"


def test_builtin_json_exporter() -> None:
    got = export(ROWS, "json")
    assert json.loads(got) == ROWS, f"JSON output should decode back to the rows, got {got!r}"
    assert "Zürich" in got, "ensure_ascii=False keeps unicode readable"
    assert got.index('"city"') < got.index('"id"') < got.index('"name"'), "keys should be sorted"


def test_build_exporters_gives_fresh_registries() -> None:
    first, second = build_exporters(), build_exporters()
    assert first.names() == ["csv", "json"], f"built-ins are csv and json, got {first.names()}"
    first.add("yaml", lambda rows: "yaml!")
    assert "yaml" not in second, "each call must build a new registry; no shared global state"
    assert export(ROWS, "yaml", registry=first) == "yaml!", "export should use the registry it is given"
    with pytest.raises(UnknownPluginError):
        export(ROWS, "yaml")
