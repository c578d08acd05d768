"""Tests for ex03: defaults < config file < environment < flags, with typed values."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from practice.layered_settings import REQUIRED, ConfigError, Setting, describe, load_settings

SCHEMA = [
    Setting("host", "str", "127.0.0.1"),
    Setting("port", "int", 8000),
    Setting("debug", "bool", False),
    Setting("allowed_hosts", "list", ["localhost"]),
    Setting("timeout", "duration", timedelta(seconds=30)),
    Setting("log_level", "str", "INFO"),
]


def toml_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "app.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_only() -> None:
    got = load_settings(SCHEMA)
    want = {
        "host": "127.0.0.1",
        "port": 8000,
        "debug": False,
        "allowed_hosts": ["localhost"],
        "timeout": timedelta(seconds=30),
        "log_level": "INFO",
    }
    assert got.values == want, f"with no layers every setting is its default:\n want {want}\n got  {got.values}"
    assert set(got.sources.values()) == {"default"}, f"every source should be 'default', got {got.sources}"
    assert got["port"] == 8000, "LoadedSettings['port'] should give the value"


@pytest.mark.parametrize(
    ("layers", "value", "source"),
    [
        ((), 8000, "default"),
        (("file",), 9001, "file"),
        (("env",), 9002, "env:APP_PORT"),
        (("flag",), 9003, "flag:--port"),
        (("file", "env"), 9002, "env:APP_PORT"),
        (("file", "flag"), 9003, "flag:--port"),
        (("env", "flag"), 9003, "flag:--port"),
        (("file", "env", "flag"), 9003, "flag:--port"),
    ],
)
def test_later_layers_win(tmp_path: Path, layers: tuple[str, ...], value: int, source: str) -> None:
    config = toml_file(tmp_path, "port = 9001\n") if "file" in layers else None
    environ = {"APP_PORT": "9002"} if "env" in layers else {}
    argv = ["--port", "9003"] if "flag" in layers else []
    got = load_settings(SCHEMA, config_file=config, environ=environ, argv=argv)
    assert got["port"] == value, f"with layers {layers} port should be {value}, got {got['port']!r}"
    want_source = f"file:{config}" if source == "file" else source
    assert got.sources["port"] == want_source, (
        f"with layers {layers} the source of port should be {want_source!r}, got {got.sources['port']!r}"
    )
    assert got.sources["host"] == "default", "settings no layer touched keep source 'default'"


def test_environment_values_are_parsed_to_their_kind() -> None:
    environ = {
        "APP_HOST": "0.0.0.0",
        "APP_PORT": " 8080 ",
        "APP_DEBUG": "yes",
        "APP_ALLOWED_HOSTS": "api.example.com, www.example.com,",
        "APP_TIMEOUT": "1m30s",
        "APP_LOG_LEVEL": "",
        "APP_UNRELATED": "ignored",
        "PATH": "/usr/bin",
    }
    got = load_settings(SCHEMA, environ=environ)
    want = {
        "host": "0.0.0.0",
        "port": 8080,
        "debug": True,
        "allowed_hosts": ["api.example.com", "www.example.com"],
        "timeout": timedelta(seconds=90),
        "log_level": "",
    }
    assert got.values == want, f"environment strings should be parsed by kind:\n want {want}\n got  {got.values}"
    assert got.sources["debug"] == "env:APP_DEBUG", f"source should name the variable, got {got.sources['debug']!r}"


def test_toml_values_keep_or_get_their_type(tmp_path: Path) -> None:
    config = toml_file(
        tmp_path,
        'host = "db.internal"\nport = 5433\ndebug = true\nallowed_hosts = ["a", "b"]\ntimeout = "2m"\n'
        'log_level = "DEBUG"\n',
    )
    got = load_settings(SCHEMA, config_file=config)
    want = {
        "host": "db.internal",
        "port": 5433,
        "debug": True,
        "allowed_hosts": ["a", "b"],
        "timeout": timedelta(minutes=2),
        "log_level": "DEBUG",
    }
    assert got.values == want, f"TOML values should load with their types:\n want {want}\n got  {got.values}"
    assert got.sources["timeout"] == f"file:{config}", f"source should be 'file:<path>', got {got.sources['timeout']!r}"


def test_toml_strings_are_parsed_like_text(tmp_path: Path) -> None:
    config = toml_file(tmp_path, 'port = "7000"\ndebug = "off"\nallowed_hosts = "x, y"\n')
    got = load_settings(SCHEMA, config_file=config)
    assert (got["port"], got["debug"], got["allowed_hosts"]) == (7000, False, ["x", "y"]), (
        f"TOML strings should go through the text parsers, got {got.values}"
    )


@pytest.mark.parametrize(
    ("argv", "name", "want"),
    [
        (["--port=81"], "port", 81),
        (["--port", "82"], "port", 82),
        (["--port", "1", "--port", "2"], "port", 2),
        (["--debug"], "debug", True),
        (["--no-debug"], "debug", False),
        (["--debug=off"], "debug", False),
        (["--debug", "--port", "83"], "port", 83),
        (["--log-level", "WARNING"], "log_level", "WARNING"),
        (["--allowed-hosts=a,b"], "allowed_hosts", ["a", "b"]),
        (["--timeout", "250ms"], "timeout", timedelta(milliseconds=250)),
        (["--host="], "host", ""),
    ],
)
def test_flag_forms(argv: list[str], name: str, want: object) -> None:
    got = load_settings(SCHEMA, environ={"APP_DEBUG": "true"}, argv=argv)
    assert got[name] == want, f"argv {argv} should set {name}={want!r}, got {got[name]!r}"


def test_bool_flag_does_not_swallow_the_next_argument() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(SCHEMA, argv=["--debug", "false"])
    assert info.value.key == "false", (
        f"'--debug false': 'false' is a stray argument (use --no-debug), error key was {info.value.key!r}"
    )


@pytest.mark.parametrize(
    ("environ", "key", "source", "fragment"),
    [
        ({"APP_PORT": "eighty"}, "port", "env:APP_PORT", "'eighty'"),
        ({"APP_DEBUG": "ture"}, "debug", "env:APP_DEBUG", "'ture'"),
        ({"APP_TIMEOUT": "30"}, "timeout", "env:APP_TIMEOUT", "'30'"),
        ({"APP_PORT": ""}, "port", "env:APP_PORT", "whole number"),
    ],
)
def test_bad_environment_values_name_key_and_source(
    environ: dict[str, str], key: str, source: str, fragment: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(SCHEMA, environ=environ)
    error = info.value
    assert (error.key, error.source) == (key, source), (
        f"ConfigError should have key={key!r}, source={source!r}; got key={error.key!r}, source={error.source!r}"
    )
    message = str(error)
    for part in (key, source, fragment):
        assert part in message, f"the message should contain {part!r}, got {message!r}"


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("port = true\n", "port", "bool"),
        ("port = 80.5\n", "port", "float"),
        ('port = "80a"\n', "port", "'80a'"),
        ("debug = 1\n", "debug", "int"),
        ('allowed_hosts = ["a", 2]\n', "allowed_hosts", "list"),
        ("timeout = 30\n", "timeout", "30s"),
        ("host = 5\n", "host", "string"),
        ("prot = 80\n", "prot", "port"),
    ],
    ids=[
        "bool-for-int",
        "float-for-int",
        "bad-int-string",
        "int-for-bool",
        "mixed-list",
        "bare-duration",
        "int-for-str",
        "typo",
    ],
)
def test_bad_file_values_name_key_and_source(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    config = toml_file(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(SCHEMA, config_file=config)
    error = info.value
    assert error.key == key, f"{text.strip()!r}: ConfigError.key should be {key!r}, got {error.key!r}"
    assert error.source == f"file:{config}", f"ConfigError.source should be 'file:<path>', got {error.source!r}"
    assert fragment in str(error), f"{text.strip()!r}: the message should contain {fragment!r}, got {str(error)!r}"


def test_broken_or_missing_file(tmp_path: Path) -> None:
    config = toml_file(tmp_path, "port = \n")
    with pytest.raises(ConfigError) as info:
        load_settings(SCHEMA, config_file=config)
    assert info.value.key is None and "TOML" in str(info.value), (
        f"a TOML syntax error should be a ConfigError with key None mentioning TOML, got {info.value!r}"
    )
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as info:
        load_settings(SCHEMA, config_file=missing)
    assert "not found" in str(info.value) and str(missing) in str(info.value), (
        f"a missing config file should be reported with its path, got {str(info.value)!r}"
    )


@pytest.mark.parametrize(
    ("argv", "key"),
    [
        (["--prot", "80"], "--prot"),
        (["--port"], "--port"),
        (["--port", "--debug"], "--port"),
        (["8080"], "8080"),
        (["-p", "80"], "-p"),
        (["--no-port"], "--no-port"),
        (["--port", "x1"], "port"),
    ],
)
def test_bad_flags(argv: list[str], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(SCHEMA, argv=argv)
    assert info.value.key == key, f"argv {argv}: ConfigError.key should be {key!r}, got {info.value.key!r}"
    assert info.value.source.startswith("flag:"), f"the source should be a flag, got {info.value.source!r}"


def test_required_setting_must_come_from_somewhere() -> None:
    schema = [*SCHEMA, Setting("database_url", "str", REQUIRED)]
    with pytest.raises(ConfigError) as info:
        load_settings(schema, environ={"APP_PORT": "1"})
    message = str(info.value)
    assert info.value.key == "database_url" and info.value.source == "missing", (
        f"a missing required setting should give key='database_url', source='missing', got {info.value!r}"
    )
    for hint in ("APP_DATABASE_URL", "--database-url"):
        assert hint in message, f"the message should tell the user about {hint}, got {message!r}"
    got = load_settings(schema, environ={"APP_DATABASE_URL": "postgres://db/app"})
    assert got["database_url"] == "postgres://db/app", "a required setting set in the environment is fine"


def test_custom_prefix() -> None:
    got = load_settings(SCHEMA, environ={"APP_PORT": "1", "SHOP_PORT": "2"}, env_prefix="SHOP_")
    assert got["port"] == 2 and got.sources["port"] == "env:SHOP_PORT", (
        f"with env_prefix='SHOP_' only SHOP_PORT counts, got {got['port']!r} from {got.sources['port']!r}"
    )


@pytest.mark.parametrize(
    "schema",
    [
        [Setting("Port", "int", 1)],
        [Setting("port", "float", 1.0)],
        [Setting("port", "int", 1), Setting("port", "int", 2)],
    ],
    ids=["bad-name", "unknown-kind", "duplicate"],
)
def test_schema_mistakes_are_value_errors(schema: list[Setting]) -> None:
    with pytest.raises(ValueError) as info:
        load_settings(schema)
    assert not isinstance(info.value, ConfigError), "a broken schema is a programmer error, not a ConfigError"


def test_describe_explains_where_each_value_came_from() -> None:
    got = describe(load_settings(SCHEMA, environ={"APP_PORT": "8080"}, argv=["--debug"]))
    assert got[:3] == [
        "host = '127.0.0.1'  (default)",
        "port = 8080  (env:APP_PORT)",
        "debug = True  (flag:--debug)",
    ], f"describe() should give '<name> = <repr>  (<source>)' in schema order, got {got[:3]!r}"
    assert len(got) == len(SCHEMA), f"one line per setting, got {len(got)}"
