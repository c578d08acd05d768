"""An outbound URL guard against server-side request forgery (SSRF).

Features such as "import from URL", webhooks or link previews make the server
fetch a URL that a user chose. Without a guard, users can make it fetch
``http://169.254.169.254/`` (cloud credentials), ``http://localhost:6379/``
(an internal Redis) or ``file:///etc/passwd``. Attackers also hide internal
addresses: ``http://2130706433/`` and ``http://0177.0.0.1/`` are both
127.0.0.1, ``[::ffff:10.0.0.1]`` is an IPv4 address inside IPv6, and a harmless
looking host name can resolve to a private address.

The guard below parses the URL, checks scheme, credentials, port and host
against allowlists, turns every address the host stands for into an
``ipaddress`` object, and refuses unless ALL of them are public. It returns the
checked addresses so the caller connects to exactly those (no second DNS lookup
that could answer differently).

Exercise ex05: implement ``parse_ip_host``, ``is_public_ip`` and ``OutboundPolicy``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[str]]
DEFAULT_PORTS = {"http": 80, "https": 443}

_IPV4_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


class BlockedURLError(ValueError):
    """The URL may not be fetched; the message says why."""


@dataclass(frozen=True)
class Target:
    """A URL that passed the policy, with the addresses to connect to."""

    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]


def parse_ip_host(host: str) -> IPAddress | None:
    """Interpret a URL host as an IP address literal, the way browsers and libc do.

    * A host containing ``:`` is an IPv6 literal (already without brackets, as
      ``urlsplit(...).hostname`` returns it) and must parse with
      ``ipaddress.IPv6Address``.
    * Otherwise, after removing one trailing ``.``, a host made of 1 to 4
      dot-separated parts where EVERY part is a number is an IPv4 literal. A
      part is hexadecimal with ``0x``/``0X`` (``0x7f``; a bare ``0x`` is 0),
      octal with a leading ``0`` (``0177``), or decimal (``127``). With n
      parts, the first n-1 parts are single bytes (0-255) and the last part
      fills the remaining 5-n bytes: ``127.1`` is 127.0.0.1, ``10.65535`` is
      10.0.255.255 and ``2130706433`` is 127.0.0.1.
    * Anything else (``example.com``, ``1.2.3.4.5``, ``12.example``) is a host
      name: return None.

    Args:
        host: a lowercase host from a URL.

    Returns:
        The address, or None for a host name.

    Raises:
        ValueError: for an IPv6 literal that does not parse, or numeric IPv4
            parts that are out of range (``256.0.0.1``, ``4294967296``).
    """
    if ":" in host:
        return ipaddress.IPv6Address(host)
    name = host.removesuffix(".")
    parts = name.split(".")
    if not 1 <= len(parts) <= 4 or not all(_IPV4_PART.fullmatch(part) for part in parts):
        return None
    numbers = [_parse_ipv4_part(part) for part in parts]
    value = 0
    for number in numbers[:-1]:
        if number > 255:
            raise ValueError(f"IPv4 part {number} is out of range in {host!r}")
        value = value * 256 + number
    last_bytes = 5 - len(numbers)
    if numbers[-1] >= 256**last_bytes:
        raise ValueError(f"last IPv4 part is out of range in {host!r}")
    value = value * 256**last_bytes + numbers[-1]
    return ipaddress.IPv4Address(value)


def _parse_ipv4_part(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part)


def is_public_ip(ip: IPAddress) -> bool:
    """Say whether ``ip`` is a public unicast address that may be contacted.

    An IPv6 address with an embedded IPv4-mapped address (``::ffff:a.b.c.d``) is
    judged by that IPv4 address. An address is public when ``ip.is_global`` is
    True and it is not multicast. This excludes loopback, private (10/8,
    172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10),
    carrier-grade NAT (100.64/10), unspecified, reserved and documentation
    ranges.

    Args:
        ip: an address object.

    Returns:
        True if the address is public.
    """
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _host_allowed(host: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]) and len(host) > len(pattern) - 1:
                return True
        elif host == pattern:
            return True
    return False


class OutboundPolicy:
    """Decide whether the server may fetch a user-supplied URL."""

    def __init__(
        self,
        *,
        resolver: Resolver,
        allowed_schemes: Iterable[str] = ("https",),
        allowed_hosts: Iterable[str] | None = None,
        allowed_ports: Iterable[int] = (80, 443),
    ) -> None:
        """Keep the settings.

        Args:
            resolver: maps a host name to a list of address strings (like
                ``socket.getaddrinfo`` would); may raise ``OSError``.
            allowed_schemes: lowercase schemes that may be fetched.
            allowed_hosts: None to allow any host, or patterns: an exact
                lowercase host (``api.example.com``) or ``*.example.com``, which
                matches any subdomain at any depth but not ``example.com`` itself.
            allowed_ports: ports that may be used.
        """
        self._resolver = resolver
        self._schemes = frozenset(allowed_schemes)
        self._hosts = None if allowed_hosts is None else tuple(h.lower() for h in allowed_hosts)
        self._ports = frozenset(allowed_ports)

    def check(self, url: str) -> Target:
        """Check ``url`` and return the target to connect to.

        In order:

        1. parse with ``urllib.parse.urlsplit`` (a ``ValueError`` means blocked);
        2. the lowercased scheme must be allowed;
        3. no user info: a URL with ``@`` credentials (``https://ok.com@evil/``)
           is blocked;
        4. the host (``.hostname``, lowercased by urlsplit, one trailing ``.``
           removed) must not be empty;
        5. the port (explicit, or 80/443 for http/https) must be allowed; an
           invalid port is blocked;
        6. if ``allowed_hosts`` is set, the host must match a pattern;
        7. if ``parse_ip_host`` says the host is an IP literal, that address is
           the only one and the resolver is NOT called; if ``parse_ip_host``
           raises ``ValueError`` the URL is blocked;
        8. otherwise call the resolver; ``OSError`` or an empty list means
           blocked; every string it returns is parsed with
           ``ipaddress.ip_address`` (unparsable means blocked);
        9. every address must pass ``is_public_ip``.

        Args:
            url: the user-supplied URL.

        Returns:
            ``Target(scheme, host, port, addresses)`` with the addresses as
            ``str(ip)`` in the order found.

        Raises:
            BlockedURLError: whenever a step above fails.
        """
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise BlockedURLError(f"unparsable URL: {exc}") from exc
        scheme = parts.scheme.lower()
        if scheme not in self._schemes:
            raise BlockedURLError(f"scheme {scheme!r} is not allowed")
        if "@" in parts.netloc:
            raise BlockedURLError("credentials in URLs are not allowed")
        host = (parts.hostname or "").removesuffix(".")
        if not host:
            raise BlockedURLError("no host")
        if port is None:
            port = DEFAULT_PORTS.get(scheme, -1)
        if port not in self._ports:
            raise BlockedURLError(f"port {port} is not allowed")
        if self._hosts is not None and not _host_allowed(host, self._hosts):
            raise BlockedURLError(f"host {host!r} is not allowed")
        addresses = self._addresses(host)
        for ip in addresses:
            if not is_public_ip(ip):
                raise BlockedURLError(f"{host!r} points to non-public address {ip}")
        return Target(scheme, host, port, tuple(str(ip) for ip in addresses))

    def _addresses(self, host: str) -> list[IPAddress]:
        try:
            literal = parse_ip_host(host)
        except ValueError as exc:
            raise BlockedURLError(f"invalid IP literal {host!r}") from exc
        if literal is not None:
            return [literal]
        try:
            found = self._resolver(host)
        except OSError as exc:
            raise BlockedURLError(f"cannot resolve {host!r}") from exc
        if not found:
            raise BlockedURLError(f"{host!r} has no addresses")
        try:
            return [ipaddress.ip_address(address) for address in found]
        except ValueError as exc:
            raise BlockedURLError(f"resolver returned an invalid address for {host!r}") from exc
