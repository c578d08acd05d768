"""Tests for ex01: twelve-factor process settings from the environment."""

from __future__ import annotations

import pytest
from practice.process_config import (
    MAX_DEFAULT_WORKERS,
    ConfigError,
    ProcessConfig,
    default_workers,
    load_process_config,
)


class CountingCpus:
    """A fake os.cpu_count that remembers how often it was asked."""

    def __init__(self, value: int | None) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> int | None:
        self.calls += 1
        return self.value


def test_defaults_bind_all_interfaces_on_8000() -> None:
    cpus = CountingCpus(2)
    got = load_process_config({}, cpu_count=cpus)
    want = ProcessConfig(host="0.0.0.0", port=8000, workers=5, graceful_timeout=30.0, log_level="INFO")
    assert got == want, f"an empty environment should give {want!r}, got {got!r}"
    assert cpus.calls == 1, f"cpu_count should be asked once when WEB_CONCURRENCY is unset, got {cpus.calls}"


def test_values_are_read_and_stripped() -> None:
    env = {
        "HOST": " :: ",
        "PORT": "8080\n",
        "WEB_CONCURRENCY": " 4",
        "GRACEFUL_TIMEOUT": "7.5",
        "LOG_LEVEL": "debug",
        "PATH": "/usr/bin",
    }
    cpus = CountingCpus(8)
    got = load_process_config(env, cpu_count=cpus)
    want = ProcessConfig(host="::", port=8080, workers=4, graceful_timeout=7.5, log_level="DEBUG")
    assert got == want, f"load_process_config({env!r}) should be {want!r}, got {got!r}"
    assert cpus.calls == 0, "cpu_count must not be called when WEB_CONCURRENCY is set"


@pytest.mark.parametrize(
    ("cpus", "want"),
    [(1, 3), (2, 5), (4, 9), (5, 11), (6, MAX_DEFAULT_WORKERS), (64, MAX_DEFAULT_WORKERS), (None, 3), (0, 3), (-2, 3)],
)
def test_default_workers(cpus: int | None, want: int) -> None:
    got = default_workers(cpus)
    assert got == want, (
        f"default_workers({cpus!r}) should be 2*cpus+1 capped at {MAX_DEFAULT_WORKERS}: {want}, got {got}"
    )


def test_empty_values_take_defaults() -> None:
    env = {"HOST": "", "PORT": "  ", "WEB_CONCURRENCY": "", "GRACEFUL_TIMEOUT": "", "LOG_LEVEL": " "}
    got = load_process_config(env, cpu_count=lambda: None)
    want = ProcessConfig(host="0.0.0.0", port=8000, workers=3, graceful_timeout=30.0, log_level="INFO")
    assert got == want, f"empty variables should take the defaults {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "port",
    ["0", "65536", "-1", "+80", "80a", "80.0", "8_080", "\uff18\uff10", "\u0668\u0660", "0x50"],
    ids=["zero", "too-big", "negative", "plus", "letters", "float", "underscore", "fullwidth", "arabic", "hex"],
)
def test_bad_port_is_reported_with_its_name_and_value(port: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_process_config({"PORT": port}, cpu_count=lambda: 1)
    problems = info.value.problems
    assert len(problems) == 1 and problems[0].startswith("PORT"), f"want one problem about PORT, got {problems!r}"
    assert repr(port) in problems[0], f"the message should show the bad value {port!r}: {problems[0]!r}"


@pytest.mark.parametrize("port", ["1", "80", "65535", "0080"])
def test_good_ports(port: str) -> None:
    got = load_process_config({"PORT": port}, cpu_count=lambda: 1).port
    assert got == int(port), f"PORT={port!r} should give {int(port)}, got {got!r}"


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"HOST": "localhost"}, "HOST"),
        ({"HOST": "example.com"}, "HOST"),
        ({"HOST": "256.1.1.1"}, "HOST"),
        ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY"),
        ({"WEB_CONCURRENCY": "65"}, "WEB_CONCURRENCY"),
        ({"WEB_CONCURRENCY": "two"}, "WEB_CONCURRENCY"),
        ({"GRACEFUL_TIMEOUT": "0"}, "GRACEFUL_TIMEOUT"),
        ({"GRACEFUL_TIMEOUT": "nan"}, "GRACEFUL_TIMEOUT"),
        ({"GRACEFUL_TIMEOUT": "inf"}, "GRACEFUL_TIMEOUT"),
        ({"GRACEFUL_TIMEOUT": "301"}, "GRACEFUL_TIMEOUT"),
        ({"GRACEFUL_TIMEOUT": "30s"}, "GRACEFUL_TIMEOUT"),
        ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL"),
    ],
)
def test_other_bad_values(env: dict[str, str], name: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_process_config(env, cpu_count=lambda: 1)
    problems = info.value.problems
    assert len(problems) == 1 and problems[0].startswith(name), f"{env!r} should give one {name} problem: {problems!r}"


def test_all_problems_are_reported_at_once_in_order() -> None:
    env = {"LOG_LEVEL": "loud", "PORT": "http", "HOST": "my-laptop", "GRACEFUL_TIMEOUT": "-3", "WEB_CONCURRENCY": "x"}
    with pytest.raises(ConfigError) as info:
        load_process_config(env, cpu_count=lambda: 1)
    names = [problem.split()[0] for problem in info.value.problems]
    want = ["HOST", "PORT", "WEB_CONCURRENCY", "GRACEFUL_TIMEOUT", "LOG_LEVEL"]
    assert names == want, f"every bad variable should be reported, in the order {want!r}; got {info.value.problems!r}"
    assert isinstance(info.value, ValueError), "ConfigError should subclass ValueError"
    assert "PORT" in str(info.value) and "LOG_LEVEL" in str(info.value), f"str() should list them: {info.value}"


@pytest.mark.parametrize(
    ("host", "port", "want"),
    [
        ("0.0.0.0", 8000, "0.0.0.0:8000"),
        ("127.0.0.1", 5000, "127.0.0.1:5000"),
        ("::", 8080, "[::]:8080"),
        ("::1", 443, "[::1]:443"),
    ],
)
def test_bind(host: str, port: int, want: str) -> None:
    config = ProcessConfig(host=host, port=port, workers=1, graceful_timeout=30.0, log_level="INFO")
    assert config.bind == want, f"bind for {host!r} port {port} should be {want!r}, got {config.bind!r}"


def test_server_args() -> None:
    config = load_process_config(
        {"PORT": "9000", "GRACEFUL_TIMEOUT": "7.5", "LOG_LEVEL": "Warning"}, cpu_count=lambda: 2
    )
    want = ["--bind", "0.0.0.0:9000", "--workers", "5", "--graceful-timeout", "7.5", "--log-level", "warning"]
    got = config.server_args()
    assert got == want, f"server_args() should be {want!r}, got {got!r}"
    got = load_process_config({}, cpu_count=lambda: 1).server_args()
    assert got[4:6] == ["--graceful-timeout", "30"], f"30.0 seconds should be written as '30', got {got!r}"
