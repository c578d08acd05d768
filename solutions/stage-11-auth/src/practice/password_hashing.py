"""Store passwords as salted, deliberately slow, self-describing hashes.

A password database leaks sooner or later. What protects users then is how the
passwords were stored: never in plain text, never with a fast hash like SHA-256,
but with a key-derivation function (KDF) that is slow on purpose, with a fresh
random salt per password, and with the algorithm and its cost written next to
the hash so that the cost can be raised later without locking anybody out.

This module writes two formats (salt and key are base64url without ``=`` padding)::

    scrypt$n=16384,r=8,p=1$<salt>$<key>
    pbkdf2_sha256$i=600000$<salt>$<key>
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass, replace

ALGORITHMS = ("scrypt", "pbkdf2_sha256")
"""The algorithm names this module can write and verify."""

MAX_PASSWORD_LENGTH = 1024
"""Longest password (in characters) accepted; longer input is a denial-of-service risk."""

MIN_SALT_BYTES = 16
"""Shortest salt accepted, in bytes."""

SCRYPT_MAXMEM = 128 * 1024 * 1024
"""The ``maxmem`` passed to :func:`hashlib.scrypt` (128 MiB)."""

_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_SCRYPT_PARAMS = re.compile(r"n=([0-9]+),r=([0-9]+),p=([0-9]+)")
_PBKDF2_PARAMS = re.compile(r"i=([0-9]+)")


class InvalidHashError(ValueError):
    """A stored hash string is not in a format this module writes."""


@dataclass(frozen=True)
class HashPolicy:
    """The algorithm and cost used for NEW hashes.

    Attributes:
        algorithm: ``"scrypt"`` or ``"pbkdf2_sha256"``.
        n: scrypt CPU/memory cost; a power of two, at least 2.
        r: scrypt block size; at least 1.
        p: scrypt parallelism; at least 1.
        iterations: PBKDF2-HMAC-SHA256 iteration count; at least 1.
        salt_bytes: Length of the random salt; at least :data:`MIN_SALT_BYTES`.
        key_bytes: Length of the derived key; at least 16.
    """

    algorithm: str = "scrypt"
    n: int = 2**14
    r: int = 8
    p: int = 1
    iterations: int = 600_000
    salt_bytes: int = 16
    key_bytes: int = 32


@dataclass(frozen=True)
class _Parsed:
    algorithm: str
    n: int
    r: int
    p: int
    iterations: int
    salt: bytes
    key: bytes


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise InvalidHashError(f"not base64url: {text!r}")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidHashError(f"not base64url: {text!r}") from exc


def _is_power_of_two(n: int) -> bool:
    return n >= 2 and n & (n - 1) == 0


def _check_policy(policy: HashPolicy) -> None:
    if policy.algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {policy.algorithm!r}; use one of {ALGORITHMS}")
    if not _is_power_of_two(policy.n):
        raise ValueError(f"scrypt n must be a power of two >= 2, got {policy.n}")
    if policy.r < 1 or policy.p < 1 or policy.iterations < 1:
        raise ValueError("r, p and iterations must all be >= 1")
    if policy.salt_bytes < MIN_SALT_BYTES:
        raise ValueError(f"salt_bytes must be >= {MIN_SALT_BYTES}")
    if policy.key_bytes < 16:
        raise ValueError("key_bytes must be >= 16")


def _password_bytes(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _derive(password: bytes, parsed: _Parsed, length: int) -> bytes:
    if parsed.algorithm == "scrypt":
        return hashlib.scrypt(
            password,
            salt=parsed.salt,
            n=parsed.n,
            r=parsed.r,
            p=parsed.p,
            maxmem=SCRYPT_MAXMEM,
            dklen=length,
        )
    return hashlib.pbkdf2_hmac("sha256", password, parsed.salt, parsed.iterations, length)


def _encode(parsed: _Parsed) -> str:
    scrypt = parsed.algorithm == "scrypt"
    params = f"n={parsed.n},r={parsed.r},p={parsed.p}" if scrypt else f"i={parsed.iterations}"
    return f"{parsed.algorithm}${params}${_b64encode(parsed.salt)}${_b64encode(parsed.key)}"


def _parse(encoded: str) -> _Parsed:
    if not isinstance(encoded, str):
        raise InvalidHashError("a stored hash must be a str")
    parts = encoded.split("$")
    if len(parts) != 4:
        raise InvalidHashError("expected 'algorithm$params$salt$key'")
    algorithm, params, salt_text, key_text = parts
    n = r = p = iterations = 0
    if algorithm == "scrypt":
        match = _SCRYPT_PARAMS.fullmatch(params)
        if not match:
            raise InvalidHashError(f"bad scrypt parameters {params!r}")
        n, r, p = (int(group) for group in match.groups())
        if not _is_power_of_two(n) or r < 1 or p < 1:
            raise InvalidHashError(f"impossible scrypt parameters {params!r}")
    elif algorithm == "pbkdf2_sha256":
        match = _PBKDF2_PARAMS.fullmatch(params)
        if not match:
            raise InvalidHashError(f"bad pbkdf2 parameters {params!r}")
        iterations = int(match.group(1))
        if iterations < 1:
            raise InvalidHashError("iterations must be >= 1")
    else:
        raise InvalidHashError(f"unknown algorithm {algorithm!r}")
    salt = _b64decode(salt_text)
    key = _b64decode(key_text)
    return _Parsed(algorithm, n, r, p, iterations, salt, key)


def hash_password(password: str, policy: HashPolicy | None = None, *, salt: bytes | None = None) -> str:
    """Hash ``password`` for storage.

    The password is normalized to Unicode NFC and encoded as UTF-8 before it is
    hashed, so "caf\\u00e9" (composed) and "cafe\\u0301" (decomposed) give the
    same hash.

    Args:
        password: The plain-text password; 1 to :data:`MAX_PASSWORD_LENGTH` characters.
        policy: Algorithm and cost; ``None`` means ``HashPolicy()``.
        salt: The salt to use. ``None`` (the normal case) draws
            ``policy.salt_bytes`` bytes from :func:`secrets.token_bytes`. Tests
            pass a fixed salt to get a predictable result.

    Returns:
        ``scrypt$n=<n>,r=<r>,p=<p>$<salt>$<key>`` computed with
        ``hashlib.scrypt(pw, salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM,
        dklen=key_bytes)``, or ``pbkdf2_sha256$i=<iterations>$<salt>$<key>``
        computed with ``hashlib.pbkdf2_hmac("sha256", pw, salt, iterations,
        key_bytes)``. Salt and key are base64url (``-`` and ``_``) without ``=``.

    Raises:
        ValueError: The password is empty or too long; the given salt is
            shorter than :data:`MIN_SALT_BYTES`; or the policy is invalid (see
            :class:`HashPolicy` for the limits).
    """
    policy = policy or HashPolicy()
    _check_policy(policy)
    if not password:
        raise ValueError("password must not be empty")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"password longer than {MAX_PASSWORD_LENGTH} characters")
    if salt is None:
        salt = secrets.token_bytes(policy.salt_bytes)
    if len(salt) < MIN_SALT_BYTES:
        raise ValueError(f"salt must be at least {MIN_SALT_BYTES} bytes")
    settings = _Parsed(policy.algorithm, policy.n, policy.r, policy.p, policy.iterations, salt, b"")
    key = _derive(_password_bytes(password), settings, policy.key_bytes)
    return _encode(replace(settings, key=key))


def verify_password(password: str, encoded: str) -> bool:
    """Return True if ``password`` matches the stored hash ``encoded``.

    The algorithm, cost and salt are read from ``encoded`` (not from any
    policy), the key is derived again with the same length as the stored key,
    and the two keys are compared with ``hmac.compare_digest`` (call it as
    ``hmac.compare_digest``) so that the time taken does not reveal how many
    bytes matched.

    Args:
        password: What the user typed. An empty or over-long password simply
            does not match (this is user input: it must never crash a login).
        encoded: A string produced by :func:`hash_password`.

    Returns:
        True on a match, False otherwise.

    Raises:
        InvalidHashError: ``encoded`` is malformed: not four ``$``-separated
            parts, an unknown algorithm, parameters not exactly in the written
            form (``n=..,r=..,p=..`` or ``i=..``), n not a power of two, or a
            salt/key that is empty or not base64url without padding. A broken
            stored hash is a data problem, not a wrong password.
    """
    parsed = _parse(encoded)
    if not password or len(password) > MAX_PASSWORD_LENGTH:
        return False
    candidate = _derive(_password_bytes(password), parsed, len(parsed.key))
    return hmac.compare_digest(candidate, parsed.key)


def needs_rehash(encoded: str, policy: HashPolicy) -> bool:
    """Return True if ``encoded`` was made with other settings than ``policy``.

    A hash needs rehashing when its algorithm differs from
    ``policy.algorithm``; for scrypt when ``(n, r, p)`` differ; for PBKDF2 when
    the iteration count differs; or when its salt is shorter than
    ``policy.salt_bytes`` or its key length differs from ``policy.key_bytes``.

    Raises:
        InvalidHashError: ``encoded`` is malformed (same rules as
            :func:`verify_password`).
    """
    parsed = _parse(encoded)
    if parsed.algorithm != policy.algorithm:
        return True
    if parsed.algorithm == "scrypt" and (parsed.n, parsed.r, parsed.p) != (
        policy.n,
        policy.r,
        policy.p,
    ):
        return True
    if parsed.algorithm == "pbkdf2_sha256" and parsed.iterations != policy.iterations:
        return True
    return len(parsed.salt) < policy.salt_bytes or len(parsed.key) != policy.key_bytes


def verify_and_update(password: str, encoded: str, policy: HashPolicy) -> tuple[bool, str | None]:
    """Check a login and upgrade the stored hash when the policy has moved on.

    This is what a login handler calls: the only moment the plain password is
    available to rehash it is right after it was verified.

    Returns:
        ``(False, None)`` when the password is wrong; ``(True, None)`` when it
        is right and the hash is current; ``(True, new_hash)`` when it is right
        and :func:`needs_rehash` says the hash is outdated, where ``new_hash``
        is ``hash_password(password, policy)`` for the caller to store.

    Raises:
        InvalidHashError: ``encoded`` is malformed.
    """
    if not verify_password(password, encoded):
        return False, None
    if needs_rehash(encoded, policy):
        return True, hash_password(password, policy)
    return True, None
