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

from dataclasses import dataclass

ALGORITHMS = ("scrypt", "pbkdf2_sha256")
"""The algorithm names this module can write and verify."""

MAX_PASSWORD_LENGTH = 1024
"""Longest password (in characters) accepted; longer input is a denial-of-service risk."""

MIN_SALT_BYTES = 16
"""Shortest salt accepted, in bytes."""

SCRYPT_MAXMEM = 128 * 1024 * 1024
"""The ``maxmem`` passed to :func:`hashlib.scrypt` (128 MiB)."""


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
    raise NotImplementedError(
        "validate the policy, the password and the salt; NFC-normalize and UTF-8 encode the password; "
        "derive the key with hashlib.scrypt or hashlib.pbkdf2_hmac; return 'algorithm$params$salt$key' "
        "with unpadded base64url"
    )


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
    raise NotImplementedError(
        "parse 'algorithm$params$salt$key' strictly (InvalidHashError when malformed); return False for "
        "empty/over-long passwords; derive the key again with the stored settings and compare with "
        "hmac.compare_digest"
    )


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
    raise NotImplementedError(
        "parse the stored hash (same strict rules as verify_password) and compare its algorithm, cost, "
        "salt length and key length with the policy"
    )


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
    raise NotImplementedError(
        "verify first; if the password is right and needs_rehash() says so, return (True, "
        "hash_password(password, policy))"
    )
