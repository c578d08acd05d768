"""ex02: settings from defaults, environment variables and flags, in that order."""

from __future__ import annotations

import argparse

import pytest

from practice.layered_settings import (
    ConfigError,
    Settings,
    add_settings_arguments,
    parse_level,
    parse_limit,
    resolve_settings,
    settings_from_args,
)


@pytest.mark.parametrize(
    ("text", "want"),
    [("info", "INFO"), (" Warning ", "WARNING"), ("warn", "WARNING"), ("ERROR", "ERROR"), ("critical\n", "CRITICAL")],
)
def test_parse_level(text: str, want: str) -> None:
    got = parse_level(text)
    assert got == want, f"parse_level({text!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("text", ["", "   ", "loud", "INFOO", "2"])
def test_parse_level_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_level(text)


@pytest.mark.parametrize(("text", "want"), [("1", 1), (" 25 ", 25), ("1000", 1000)])
def test_parse_limit(text: str, want: int) -> None:
    got = parse_limit(text)
    assert got == want, f"parse_limit({text!r}) should be {want}, got {got!r}"


@pytest.mark.parametrize("text", ["0", "-3", "ten", "", "2.5"])
def test_parse_limit_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_limit(text)


def test_defaults_when_nothing_is_set() -> None:
    got = resolve_settings([], {})
    want = Settings(level="INFO", output="text", color=False, limit=None)
    assert got == want, f"with no flags and an empty environment want {want}, got {got}"


def test_environment_is_used_when_no_flag_is_given() -> None:
    env = {"LOGTOOL_LEVEL": "debug", "LOGTOOL_OUTPUT": "JSON", "LOGTOOL_LIMIT": "5", "LOGTOOL_COLOR": "always"}
    got = resolve_settings([], env)
    want = Settings(level="DEBUG", output="json", color=True, limit=5)
    assert got == want, f"environment {env} should give {want}, got {got}"


@pytest.mark.parametrize(
    ("argv", "env", "want"),
    [
        (["--level", "error"], {"LOGTOOL_LEVEL": "debug"}, Settings(level="ERROR")),
        (["--text"], {"LOGTOOL_OUTPUT": "json"}, Settings(output="text")),
        (["--json"], {"LOGTOOL_OUTPUT": "text"}, Settings(output="json")),
        (["--limit", "3"], {"LOGTOOL_LIMIT": "100"}, Settings(limit=3)),
        (["--color", "never"], {"LOGTOOL_COLOR": "always"}, Settings(color=False)),
        (["--level", "info"], {"LOGTOOL_LEVEL": "not-a-level"}, Settings(level="INFO")),
    ],
    ids=["level", "text", "json", "limit", "color", "bad-env-ignored-when-flag-given"],
)
def test_flags_beat_environment(argv: list[str], env: dict[str, str], want: Settings) -> None:
    got = resolve_settings(argv, env)
    assert got == want, f"flags {argv} with environment {env} should give {want}, got {got}"


def test_empty_variables_count_as_unset() -> None:
    env = {"LOGTOOL_LEVEL": "", "LOGTOOL_OUTPUT": "  ", "LOGTOOL_LIMIT": "", "LOGTOOL_COLOR": ""}
    got = resolve_settings([], env)
    assert got == Settings(), f"empty variables must fall back to the defaults, got {got}"


def test_process_environment_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGTOOL_LEVEL", "CRITICAL")
    got = resolve_settings([], {})
    assert got.level == "INFO", "resolve_settings must read the environ argument, not os.environ"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOGTOOL_LEVEL", "loud"),
        ("LOGTOOL_OUTPUT", "xml"),
        ("LOGTOOL_LIMIT", "0"),
        ("LOGTOOL_LIMIT", "many"),
        ("LOGTOOL_COLOR", "sometimes"),
    ],
)
def test_bad_environment_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_settings([], {name: value})
    assert name in str(info.value), f"the error must say which variable is wrong, got {str(info.value)!r}"


@pytest.mark.parametrize(
    "argv",
    [["--level", "loud"], ["--limit", "0"], ["--limit", "x"], ["--json", "--text"], ["--color", "blue"], ["--verbose"]],
)
def test_bad_flag_is_a_usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        resolve_settings(argv, {})
    assert info.value.code == 2, f"a bad flag {argv} must exit with code 2, got {info.value.code!r}"
    assert "usage:" in capsys.readouterr().err, "argparse prints the usage on stderr"


@pytest.mark.parametrize(
    ("env", "isatty", "want"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "xterm-256color"}, True, True),
        ({"LOGTOOL_COLOR": "always", "NO_COLOR": "1"}, False, True),
        ({"LOGTOOL_COLOR": "never"}, True, False),
        ({"LOGTOOL_COLOR": "auto"}, False, False),
    ],
)
def test_color_decision(env: dict[str, str], isatty: bool, want: bool) -> None:
    got = resolve_settings([], env, isatty=isatty).color
    assert got is want, f"environment {env} with isatty={isatty} should give color={want}, got {got!r}"


@pytest.mark.parametrize(
    ("argv", "isatty", "want"),
    [(["--color", "always"], False, True), (["--color", "auto"], True, False), (["--color", "never"], True, False)],
)
def test_color_flag_with_no_color_set(argv: list[str], isatty: bool, want: bool) -> None:
    got = resolve_settings(argv, {"NO_COLOR": "yes"}, isatty=isatty).color
    assert got is want, f"{argv} with NO_COLOR=yes and isatty={isatty} should give color={want}, got {got!r}"


def test_arguments_work_on_a_subcommand_parser() -> None:
    parser = argparse.ArgumentParser(prog="tool")
    sub = parser.add_subparsers(dest="command", required=True)
    grep = sub.add_parser("grep")
    grep.add_argument("pattern")
    add_settings_arguments(grep)

    args = parser.parse_args(["grep", "--json", "boom"])
    assert (args.level, args.color, args.limit) == (None, None, None), (
        "flags that were not given must stay None so the environment can fill them"
    )
    got = settings_from_args(args, {"LOGTOOL_LEVEL": "warn"}, isatty=False)
    want = Settings(level="WARNING", output="json", color=False, limit=None)
    assert got == want, f"settings_from_args should give {want}, got {got}"
