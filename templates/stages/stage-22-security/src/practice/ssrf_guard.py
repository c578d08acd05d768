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
    raise NotImplementedError(
        "IPv6 if ':' in host; else 1-4 numeric parts (hex/octal/decimal) combined like inet_aton; else None"
    )


def _parse_ipv4_part(part: str) -> int:
    raise NotImplementedError("0x... is hex, a leading 0 is octal, otherwise decimal")


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
    raise NotImplementedError("unwrap ipv4_mapped, then require is_global and not is_multicast")


def _host_allowed(host: str, patterns: Iterable[str]) -> bool:
    raise NotImplementedError("exact match, or '*.suffix' matching any subdomain but not the apex")


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
        raise NotImplementedError("store the resolver and the allowlists (lowercase hosts, frozensets)")

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
        raise NotImplementedError("scheme, credentials, host, port, allowlist, then addresses that must all be public")

    def _addresses(self, host: str) -> list[IPAddress]:
        raise NotImplementedError(
            "use parse_ip_host for literals, otherwise the resolver; turn failures into BlockedURLError"
        )
