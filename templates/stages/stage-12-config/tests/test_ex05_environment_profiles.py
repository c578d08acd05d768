"""Tests for ex05: dev/test/prod profiles and a production safety check."""

from __future__ import annotations

import pytest
from practice.environment_profiles import (
    DEV_SECRET_KEY,
    TEST_SECRET_KEY,
    AppSettings,
    UnsafeSettingsError,
    build_settings,
    check_production,
)

STRONG_KEY = "q7Vd2kP9xL4mZ8rT1wB6nY3cH5jF0gSa"
SAFE_PROD = {
    "APP_ENV": "prod",
    "APP_SECRET_KEY": STRONG_KEY,
    "APP_DATABASE_URL": "postgresql://app@db.internal:5432/shop",
    "APP_ALLOWED_HOSTS": "shop.example.com,api.example.com",
}


def test_dev_is_the_default_profile() -> None:
    got = build_settings({})
    assert got.profile == "dev", f"without APP_ENV the profile should be 'dev', got {got.profile!r}"
    assert got.debug is True, "dev turns debug on"
    assert got.secret_key.reveal() == DEV_SECRET_KEY, "dev uses the development secret key"
    assert got.database_url == "sqlite:///dev.db", f"dev uses sqlite:///dev.db, got {got.database_url!r}"
    assert got.allowed_hosts == ("localhost", "127.0.0.1"), f"dev hosts, got {got.allowed_hosts!r}"
    assert (got.cookie_secure, got.log_level) == (False, "DEBUG"), "dev: insecure cookies, DEBUG logs"


def test_test_profile_defaults() -> None:
    got = build_settings({"APP_ENV": "test"})
    want = ("test", False, "sqlite:///:memory:", ("testserver",), False, "WARNING")
    have = (got.profile, got.debug, got.database_url, got.allowed_hosts, got.cookie_secure, got.log_level)
    assert have == want, f"test profile defaults should be {want!r}, got {have!r}"
    assert got.secret_key.reveal() == TEST_SECRET_KEY, "the test profile uses TEST_SECRET_KEY"


def test_environment_overrides_profile_defaults() -> None:
    got = build_settings(
        {
            "APP_ENV": "dev",
            "APP_DEBUG": "no",
            "APP_ALLOWED_HOSTS": "a.local, b.local",
            "APP_COOKIE_SECURE": "1",
            "APP_LOG_LEVEL": " info ",
            "APP_DATABASE_URL": "postgresql://localhost/dev",
        }
    )
    assert got.debug is False, "APP_DEBUG=no should turn debug off"
    assert got.allowed_hosts == ("a.local", "b.local"), f"hosts should be a tuple, got {got.allowed_hosts!r}"
    assert got.cookie_secure is True, "APP_COOKIE_SECURE=1 should turn secure cookies on"
    assert got.log_level == "INFO", f"APP_LOG_LEVEL is stripped and upper-cased, got {got.log_level!r}"
    assert got.database_url == "postgresql://localhost/dev", "APP_DATABASE_URL should override the default"


def test_safe_production_settings_load() -> None:
    got = build_settings(SAFE_PROD)
    assert isinstance(got, AppSettings) and got.profile == "prod", "safe prod settings should load"
    assert (got.debug, got.cookie_secure, got.log_level) == (False, True, "INFO"), (
        f"prod defaults: debug off, secure cookies, INFO logs; got {got!r}"
    )
    assert got.secret_key.reveal() == STRONG_KEY, "the secret key comes from APP_SECRET_KEY"
    assert STRONG_KEY not in repr(got), f"repr(settings) must not show the secret key: {got!r}"


@pytest.mark.parametrize("value", [" PROD ", "Prod", "prod"])
def test_profile_name_is_normalized(value: str) -> None:
    got = build_settings({**SAFE_PROD, "APP_ENV": value})
    assert got.profile == "prod", f"APP_ENV={value!r} should select 'prod', got {got.profile!r}"


@pytest.mark.parametrize("value", ["staging", "", "production", "development"])
def test_unknown_profile_is_refused(value: str) -> None:
    with pytest.raises(ValueError) as info:
        build_settings({"APP_ENV": value})
    message = str(info.value)
    assert all(name in message for name in ("dev", "test", "prod")), (
        f"the error should list the valid profiles, got {message!r}"
    )
    assert not isinstance(info.value, UnsafeSettingsError), "an unknown profile is a plain ValueError"


@pytest.mark.parametrize(
    ("var", "value"),
    [("APP_DEBUG", "maybe"), ("APP_COOKIE_SECURE", "sure"), ("APP_LOG_LEVEL", "LOUD"), ("APP_LOG_LEVEL", "")],
)
def test_bad_values_name_the_variable(var: str, value: str) -> None:
    with pytest.raises(ValueError) as info:
        build_settings({"APP_ENV": "dev", var: value})
    assert str(info.value).startswith(var), f"the error should start with {var!r}, got {str(info.value)!r}"


@pytest.mark.parametrize(
    ("overrides", "var", "fragment"),
    [
        ({"APP_DEBUG": "true"}, "APP_DEBUG", ""),
        ({"APP_SECRET_KEY": DEV_SECRET_KEY}, "APP_SECRET_KEY", "development default"),
        ({"APP_SECRET_KEY": TEST_SECRET_KEY}, "APP_SECRET_KEY", "development default"),
        ({"APP_SECRET_KEY": "short-key"}, "APP_SECRET_KEY", "too short"),
        ({"APP_SECRET_KEY": ""}, "APP_SECRET_KEY", "not set"),
        ({"APP_DATABASE_URL": "sqlite:///prod.db"}, "APP_DATABASE_URL", "sqlite"),
        ({"APP_DATABASE_URL": ""}, "APP_DATABASE_URL", "not set"),
        ({"APP_ALLOWED_HOSTS": "*"}, "APP_ALLOWED_HOSTS", "*"),
        ({"APP_ALLOWED_HOSTS": " , "}, "APP_ALLOWED_HOSTS", "empty"),
        ({"APP_COOKIE_SECURE": "off"}, "APP_COOKIE_SECURE", ""),
        ({"APP_LOG_LEVEL": "debug"}, "APP_LOG_LEVEL", "DEBUG"),
    ],
)
def test_production_refuses_each_unsafe_setting(overrides: dict[str, str], var: str, fragment: str) -> None:
    with pytest.raises(UnsafeSettingsError) as info:
        build_settings({**SAFE_PROD, **overrides})
    problems = info.value.problems
    assert len(problems) == 1, f"{overrides}: exactly one problem expected, got {problems!r}"
    assert var in problems[0] and fragment in problems[0], (
        f"{overrides}: the problem should mention {var!r} and {fragment!r}, got {problems[0]!r}"
    )
    assert isinstance(info.value, ValueError), "UnsafeSettingsError should be a ValueError"


def test_missing_production_values_are_all_reported_at_once() -> None:
    with pytest.raises(UnsafeSettingsError) as info:
        build_settings({"APP_ENV": "prod", "APP_DEBUG": "yes", "APP_SECRET_KEY": "tiny-secret-value"})
    problems = info.value.problems
    for var in ("APP_DEBUG", "APP_SECRET_KEY", "APP_DATABASE_URL", "APP_ALLOWED_HOSTS"):
        assert any(var in p for p in problems), f"a problem should mention {var}; got {problems!r}"
    assert len(problems) == 4, f"four problems expected (debug, key, database, hosts), got {problems!r}"
    assert [p.split()[0] for p in problems] == [
        "APP_DEBUG",
        "APP_SECRET_KEY",
        "APP_DATABASE_URL",
        "APP_ALLOWED_HOSTS",
    ], f"problems should come in the documented order, got {problems!r}"
    message = str(info.value)
    assert "tiny-secret-value" not in message, f"the error must never contain the secret key: {message!r}"
    assert all(p in message for p in problems), "the exception message should list every problem"


def test_dev_profile_copied_to_prod_is_refused() -> None:
    dev = build_settings({})
    problems = check_production(dev)
    want = ["APP_DEBUG", "APP_SECRET_KEY", "APP_DATABASE_URL", "APP_COOKIE_SECURE", "APP_LOG_LEVEL"]
    got = [p.split()[0] for p in problems]
    assert got == want, (
        f"dev settings break every rule except allowed hosts; problems should start with {want}, got {problems!r}"
    )
    assert all(DEV_SECRET_KEY not in p for p in problems), "problems must not quote the secret key"


def test_non_prod_profiles_are_not_checked() -> None:
    got = build_settings({"APP_ENV": "test", "APP_DEBUG": "true", "APP_ALLOWED_HOSTS": "*"})
    assert got.debug is True and got.allowed_hosts == ("*",), "test/dev may be unsafe: only prod is checked"
    assert check_production(build_settings(SAFE_PROD)) == [], "safe prod settings have no problems"
