"""Tests for ex05: an outbound URL policy against SSRF, with a fake DNS resolver."""

from __future__ import annotations

import ipaddress

import pytest
from practice.ssrf_guard import BlockedURLError, OutboundPolicy, Target, is_public_ip, parse_ip_host

DNS: dict[str, list[str]] = {
    "api.example.com": ["93.184.216.34"],
    "cdn.example.com": ["93.184.216.35", "2606:2800:220:1::1"],
    "deep.eu.example.com": ["93.184.216.36"],
    "example.com": ["93.184.216.34"],
    "localhost": ["127.0.0.1"],
    "internal.example.com": ["10.0.0.7"],
    "rebind.example.com": ["93.184.216.34", "192.168.1.1"],
    "metadata.example.com": ["169.254.169.254"],
    "v6-loop.example.com": ["::1"],
    "mapped.example.com": ["::ffff:127.0.0.1"],
    "empty.example.com": [],
    "junk.example.com": ["not-an-ip"],
    "api.example.com.evil.net": ["93.184.216.99"],
    "evilexample.com": ["93.184.216.98"],
}


class FakeResolver:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, host: str) -> list[str]:
        self.calls.append(host)
        if host not in DNS:
            raise OSError(f"NXDOMAIN {host}")
        return list(DNS[host])


@pytest.mark.parametrize(
    ("host", "want"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.65535", "10.0.255.255"),
        ("0", "0.0.0.0"),
        ("169.254.169.254.", "169.254.169.254"),
        ("::1", "::1"),
        ("::ffff:10.0.0.1", "::ffff:a00:1"),
        ("example.com", None),
        ("1.2.3.4.5", None),
        ("12.example", None),
        ("08.1.1.1", None),
    ],
)
def test_parse_ip_host(host: str, want: str | None) -> None:
    got = parse_ip_host(host)
    expected = None if want is None else ipaddress.ip_address(want)
    assert got == expected, f"parse_ip_host({host!r}) should be {expected!r}, got {got!r}"


@pytest.mark.parametrize("host", ["256.0.0.1", "4294967296", "1.2.65536", ":::1", "1::2::3"])
def test_parse_ip_host_out_of_range(host: str) -> None:
    with pytest.raises(ValueError):
        parse_ip_host(host)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:8.8.8.8", True),
    ],
)
def test_is_public_ip(address: str, public: bool) -> None:
    got = is_public_ip(ipaddress.ip_address(address))
    assert got is public, f"is_public_ip({address}) should be {public}, got {got!r}"


def test_allowed_url_returns_pinned_addresses() -> None:
    resolver = FakeResolver()
    policy = OutboundPolicy(resolver=resolver)
    got = policy.check("https://CDN.Example.COM./assets/logo.png")
    want = Target("https", "cdn.example.com", 443, ("93.184.216.35", "2606:2800:220:1::1"))
    assert got == want, f"check() should return {want!r}, got {got!r}"
    assert resolver.calls == ["cdn.example.com"], f"the resolver should be asked once, got {resolver.calls!r}"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/admin",
        "http://internal.example.com/",
        "http://rebind.example.com/",
        "http://metadata.example.com/latest/meta-data/",
        "http://v6-loop.example.com/",
        "http://mapped.example.com/",
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://empty.example.com/",
        "http://junk.example.com/",
        "http://nxdomain.example.com/",
        "http://999.1.1.1/",
    ],
)
def test_internal_targets_are_blocked(url: str) -> None:
    policy = OutboundPolicy(resolver=FakeResolver(), allowed_schemes=("http", "https"))
    with pytest.raises(BlockedURLError):
        policy.check(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://api.example.com/",
        "ftp://api.example.com/",
        "http://api.example.com/",
        "https://api.example.com@169.254.169.254/",
        "https://user:pass@api.example.com/",
        "https://api.example.com:22/",
        "https://api.example.com:99999/",
        "https:///path-only",
    ],
)
def test_scheme_credentials_port_and_shape_are_checked(url: str) -> None:
    policy = OutboundPolicy(resolver=FakeResolver())
    with pytest.raises(BlockedURLError):
        policy.check(url)


def test_ip_literals_do_not_call_the_resolver() -> None:
    resolver = FakeResolver()
    policy = OutboundPolicy(resolver=resolver, allowed_schemes=("http",))
    got = policy.check("http://93.184.216.34/")
    assert got == Target("http", "93.184.216.34", 80, ("93.184.216.34",)), f"got {got!r}"
    with pytest.raises(BlockedURLError):
        policy.check("http://0x7f.1/")
    assert resolver.calls == [], f"IP literals must not be resolved, resolver saw {resolver.calls!r}"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://api.example.com/v1", True),
        ("https://deep.eu.example.com/", True),
        ("https://example.com/", False),
        ("https://api.example.com.evil.net/", False),
        ("https://evilexample.com/", False),
        ("https://cdn.example.com:8443/", True),
    ],
)
def test_host_allowlist(url: str, allowed: bool) -> None:
    policy = OutboundPolicy(
        resolver=FakeResolver(),
        allowed_hosts=["api.example.com", "*.eu.example.com", "*.cdn.example.com", "cdn.example.com"],
        allowed_ports=(443, 8443),
    )
    if allowed:
        got = policy.check(url)
        assert isinstance(got, Target), f"{url} should be allowed, got {got!r}"
    else:
        with pytest.raises(BlockedURLError):
            policy.check(url)


def test_blocked_url_error_is_a_value_error() -> None:
    assert issubclass(BlockedURLError, ValueError), "BlockedURLError should subclass ValueError"
    with pytest.raises(ValueError):
        OutboundPolicy(resolver=FakeResolver()).check("javascript:alert(1)")
