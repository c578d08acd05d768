"""Tests for ex06: configuration from the environment, the app factory, health and smoke tests."""

from __future__ import annotations

import io
import itertools
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from practice.app_factory import Config, ConfigError, create_app, run_smoke_test
from practice.observability import JsonFormatter

SRC = Path(__file__).resolve().parents[1] / "src"
SECRET = "s" * 40
FAST = {"LINKSHELF_SECRET": SECRET, "LINKSHELF_SCRYPT_N": "16"}


def quiet_logger() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    logger = logging.getLogger(f"linkshelf.factory-test.{next(_ids)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    return logger, stream


_ids = itertools.count()


def make_app(clock, **env: str):
    config = Config.from_env({**FAST, "LINKSHELF_DB": ":memory:", **env})
    logger, stream = quiet_logger()
    ids = itertools.count(1)
    app = create_app(config, clock=clock, logger=logger, request_id_factory=lambda: f"rid-{next(ids)}")
    return app, stream


def test_config_defaults() -> None:
    config = Config.from_env({"LINKSHELF_SECRET": SECRET})
    want = Config(
        database="linkshelf.sqlite3",
        secret=SECRET.encode(),
        token_ttl=3600,
        cache_ttl=30,
        log_level="INFO",
        scrypt_n=16384,
    )
    assert config == want, f"with only LINKSHELF_SECRET set, from_env should give the defaults {want!r}, got {config!r}"


def test_config_reads_every_variable() -> None:
    env = {
        "LINKSHELF_SECRET": SECRET,
        "LINKSHELF_DB": "/var/lib/linkshelf/db.sqlite3",
        "LINKSHELF_TOKEN_TTL": "900",
        "LINKSHELF_CACHE_TTL": "0",
        "LINKSHELF_LOG_LEVEL": "debug",
        "LINKSHELF_SCRYPT_N": "32768",
        "UNRELATED": "ignored",
    }
    config = Config.from_env(env)
    got = (config.database, config.token_ttl, config.cache_ttl, config.log_level, config.scrypt_n)
    want = ("/var/lib/linkshelf/db.sqlite3", 900, 0, "DEBUG", 32768)
    assert got == want, (
        f"from_env should read (database, token_ttl, cache_ttl, log_level, scrypt_n) = {want}, got {got}"
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "LINKSHELF_SECRET"),
        ({"LINKSHELF_SECRET": "too-short"}, "LINKSHELF_SECRET"),
        ({"LINKSHELF_TOKEN_TTL": "soon"}, "LINKSHELF_TOKEN_TTL"),
        ({"LINKSHELF_TOKEN_TTL": "0"}, "LINKSHELF_TOKEN_TTL"),
        ({"LINKSHELF_CACHE_TTL": "-1"}, "LINKSHELF_CACHE_TTL"),
        ({"LINKSHELF_LOG_LEVEL": "LOUD"}, "LINKSHELF_LOG_LEVEL"),
        ({"LINKSHELF_SCRYPT_N": "1000"}, "LINKSHELF_SCRYPT_N"),
    ],
)
def test_config_errors_name_the_variable(env: dict[str, str], variable: str) -> None:
    full = {"LINKSHELF_SECRET": SECRET, **env} if variable != "LINKSHELF_SECRET" else env
    with pytest.raises(ConfigError) as info:
        Config.from_env(full)
    assert variable in str(info.value), f"the error should name {variable}, got {str(info.value)!r}"


def test_config_reports_all_problems_and_never_the_secret() -> None:
    secret = "short-but-secret"
    with pytest.raises(ConfigError) as info:
        Config.from_env({"LINKSHELF_SECRET": secret, "LINKSHELF_TOKEN_TTL": "x", "LINKSHELF_LOG_LEVEL": "nope"})
    message = str(info.value)
    for name in ("LINKSHELF_SECRET", "LINKSHELF_TOKEN_TTL", "LINKSHELF_LOG_LEVEL"):
        assert name in message, f"all problems should be reported at once; {name} missing from {message!r}"
    assert secret not in message, "a config error must never print the secret's value"
    assert issubclass(ConfigError, ValueError), "ConfigError should subclass ValueError"
    config = Config.from_env({"LINKSHELF_SECRET": SECRET})
    assert SECRET not in repr(config), f"repr(config) must hide the secret (dataclass field(repr=False)): {config!r}"


def test_healthz_needs_no_token(make_client, clock) -> None:
    app, _ = make_app(clock)
    resp = make_client(app).get("/healthz")
    assert resp.status == 200, f"GET /healthz should be 200 without a token, got {resp.describe()}"
    want = {"status": "ok", "checks": {"database": "ok"}, "schema_version": 2}
    assert resp.json() == want, f"healthy body should be {want!r}, got {resp.json()!r}"
    assert resp.header("Cache-Control") == "no-store", "health answers must not be cached"
    assert resp.header("X-Request-ID") == "rid-1", "health checks pass through the observability layer too"


def test_healthz_reports_a_broken_database(make_client, clock) -> None:
    app, _ = make_app(clock)
    app.store.close()
    resp = make_client(app).get("/healthz")
    assert resp.status == 503, f"with the database closed /healthz should be 503, got {resp.describe()}"
    assert resp.json() == {"status": "unavailable", "checks": {"database": "error"}}, f"unexpected body {resp.json()!r}"


def test_factory_wires_every_layer(make_client, clock) -> None:
    app, stream = make_app(clock)
    client = make_client(app)
    client.post("/users", json_body={"username": "ann", "password": "correct horse"})
    token = client.post("/tokens", json_body={"username": "ann", "password": "correct horse"}).json()["access_token"]
    created = client.post("/bookmarks", json_body={"url": "https://a.example", "title": "A"}, token=token)
    assert created.status == 201, f"POST /bookmarks through the factory app should be 201, got {created.describe()}"
    first = client.get("/bookmarks", token=token)
    second = client.get("/bookmarks", token=token, headers={"If-None-Match": first.header("ETag") or ""})
    assert (first.header("X-Cache"), second.status) == ("MISS", 304), (
        f"the caching layer should be active: want MISS then 304, got {first.header('X-Cache')!r}, {second.status}"
    )
    assert client.get("/bookmarks").status == 401, "the auth layer should protect /bookmarks"
    metrics = client.get("/metrics").body.decode()
    assert 'http_requests_total{method="POST",route="/tokens",status="200"} 1' in metrics, (
        f"the observability layer should count requests; /metrics was:\n{metrics}"
    )
    logged = [json.loads(line) for line in stream.getvalue().splitlines()]
    users = [line.get("user_id") for line in logged if line.get("route") == "/bookmarks"]
    assert users[:1] == [1], f"access logs for /bookmarks should include user_id 1 (set by the auth layer), got {users}"


def test_zero_cache_ttl_disables_storing(make_client, clock) -> None:
    app, _ = make_app(clock, LINKSHELF_CACHE_TTL="0")
    client = make_client(app)
    client.post("/users", json_body={"username": "ann", "password": "correct horse"})
    token = client.post("/tokens", json_body={"username": "ann", "password": "correct horse"}).json()["access_token"]
    states = [client.get("/bookmarks", token=token).header("X-Cache") for _ in range(2)]
    assert states == ["MISS", "MISS"], f"LINKSHELF_CACHE_TTL=0 should mean nothing is stored, got {states}"


def test_smoke_test_passes_on_a_healthy_app(clock) -> None:
    app, _ = make_app(clock)
    failures = run_smoke_test(app)
    assert failures == [], f"run_smoke_test on the real app should report no failures, got {failures}"
    again = run_smoke_test(app)
    assert again == [], f"the smoke test must be repeatable against the same database (unique user), got {again}"


@pytest.mark.parametrize(
    ("broken_path", "step"), [("/tokens", "login"), ("/metrics", "metrics"), ("/healthz", "health")]
)
def test_smoke_test_names_the_failing_step(clock, broken_path: str, step: str) -> None:
    app, _ = make_app(clock)

    def sabotaged(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        if environ["PATH_INFO"] == broken_path:
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"boom"]
        return app(environ, start_response)

    failures = run_smoke_test(sabotaged)
    assert len(failures) == 1 and failures[0].startswith(f"{step}:"), (
        f"with {broken_path} broken, the smoke test should stop with one failure starting '{step}:', got {failures}"
    )


def run_cli(args: list[str], extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINKSHELF_")}
    env.update({"PYTHONPATH": str(SRC), **extra_env})
    return subprocess.run(
        [sys.executable, "-m", "practice.app_factory", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_cli_smoke_command_for_ci(tmp_path: Path) -> None:
    proc = run_cli(["--smoke"], {**FAST, "LINKSHELF_DB": str(tmp_path / "ci.sqlite3")})
    assert proc.returncode == 0, f"python -m practice.app_factory --smoke should exit 0; stderr:\n{proc.stderr}"
    assert "smoke test passed" in proc.stdout, f"stdout should say 'smoke test passed', got {proc.stdout!r}"
    assert (tmp_path / "ci.sqlite3").exists(), "the smoke run should use the database named by LINKSHELF_DB"


def test_cli_reports_config_errors(tmp_path: Path) -> None:
    proc = run_cli(["--check-config"], {"LINKSHELF_DB": str(tmp_path / "x.sqlite3")})
    assert proc.returncode == 2, f"a missing secret should exit with status 2, got {proc.returncode}; {proc.stderr}"
    assert "LINKSHELF_SECRET" in proc.stderr, f"stderr should name LINKSHELF_SECRET, got {proc.stderr!r}"
    ok = run_cli(["--check-config"], {**FAST, "LINKSHELF_DB": str(tmp_path / "x.sqlite3")})
    assert ok.returncode == 0 and SECRET not in ok.stdout, f"--check-config should pass and not print the secret: {ok}"
