"""Tests for ex01: salted, slow, self-describing password hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from practice.password_hashing import (
    MAX_PASSWORD_LENGTH,
    HashPolicy,
    InvalidHashError,
    hash_password,
    needs_rehash,
    verify_and_update,
    verify_password,
)

# Small costs keep the tests fast; production uses the HashPolicy defaults.
FAST_SCRYPT = HashPolicy(algorithm="scrypt", n=2**10, r=8, p=1)
FAST_PBKDF2 = HashPolicy(algorithm="pbkdf2_sha256", iterations=1000)
SALT = bytes(range(16))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def test_scrypt_hash_has_exact_self_describing_format() -> None:
    got = hash_password("correct horse", FAST_SCRYPT, salt=SALT)
    key = hashlib.scrypt(b"correct horse", salt=SALT, n=1024, r=8, p=1, maxmem=128 * 1024 * 1024, dklen=32)
    want = f"scrypt$n=1024,r=8,p=1${b64(SALT)}${b64(key)}"
    assert got == want, (
        "hash_password with scrypt n=1024,r=8,p=1 should return "
        f"'scrypt$n=1024,r=8,p=1$<salt>$<key>' (base64url, no '='):\n want {want}\n got  {got}"
    )


def test_pbkdf2_hash_has_exact_self_describing_format() -> None:
    got = hash_password("correct horse", FAST_PBKDF2, salt=SALT)
    key = hashlib.pbkdf2_hmac("sha256", b"correct horse", SALT, 1000, 32)
    want = f"pbkdf2_sha256$i=1000${b64(SALT)}${b64(key)}"
    assert got == want, (
        "hash_password with pbkdf2_sha256 and 1000 iterations should return "
        f"'pbkdf2_sha256$i=1000$<salt>$<key>':\n want {want}\n got  {got}"
    )


@pytest.mark.parametrize("policy", [FAST_SCRYPT, FAST_PBKDF2], ids=["scrypt", "pbkdf2"])
def test_same_password_gets_a_fresh_salt_each_time(policy: HashPolicy) -> None:
    first = hash_password("hunter2", policy)
    second = hash_password("hunter2", policy)
    assert first != second, (
        f"two hashes of the same password must differ (a random salt per hash), got the same string twice: {first!r}"
    )
    salt = first.split("$")[2]
    assert len(base64.urlsafe_b64decode(salt + "==")) == 16, (
        f"the default salt should be policy.salt_bytes=16 random bytes, got salt {salt!r}"
    )
    assert "hunter2" not in first, "the hash must not contain the plain password"
    for encoded in (first, second):
        assert verify_password("hunter2", encoded) is True, f"verify_password('hunter2', {encoded!r}) should be True"


@pytest.mark.parametrize("policy", [FAST_SCRYPT, FAST_PBKDF2], ids=["scrypt", "pbkdf2"])
@pytest.mark.parametrize(
    "attempt",
    ["hunter3", "Hunter2", "hunter2 ", " hunter2", "hunter", "", "x" * (MAX_PASSWORD_LENGTH + 1)],
)
def test_wrong_password_does_not_verify(policy: HashPolicy, attempt: str) -> None:
    encoded = hash_password("hunter2", policy, salt=SALT)
    got = verify_password(attempt, encoded)
    assert got is False, (
        f"verify_password({attempt[:20]!r}, hash of 'hunter2') should be False, got {got!r} "
        "(empty and over-long attempts are just wrong, not errors)"
    )


@pytest.mark.parametrize(
    "password",
    ["p\u00e4ssw\u00f6rd", "\u043f\u0430\u0440\u043e\u043b\u044c", "\U0001f511 key", "a", "x" * MAX_PASSWORD_LENGTH],
)
def test_unicode_and_boundary_passwords_round_trip(password: str) -> None:
    encoded = hash_password(password, FAST_SCRYPT)
    assert verify_password(password, encoded) is True, (
        f"verify_password should accept the password it hashed: {password[:20]!r}"
    )


def test_password_is_nfc_normalized() -> None:
    composed = "caf\u00e9"
    decomposed = "cafe\u0301"
    encoded = hash_password(composed, FAST_SCRYPT, salt=SALT)
    assert verify_password(decomposed, encoded) is True, (
        "'caf\\u00e9' and 'cafe\\u0301' look identical; normalize both to NFC so the user can log in from any keyboard"
    )
    assert hash_password(decomposed, FAST_SCRYPT, salt=SALT) == encoded, (
        "hashing the decomposed form with the same salt should give the same string"
    )


@pytest.mark.parametrize(
    ("password", "policy", "salt"),
    [
        ("", FAST_SCRYPT, None),
        ("x" * (MAX_PASSWORD_LENGTH + 1), FAST_SCRYPT, None),
        ("ok-password", FAST_SCRYPT, b"short"),
        ("ok-password", HashPolicy(algorithm="md5"), None),
        ("ok-password", HashPolicy(n=1000), None),
        ("ok-password", HashPolicy(n=1), None),
        ("ok-password", HashPolicy(n=1024, r=0), None),
        ("ok-password", HashPolicy(algorithm="pbkdf2_sha256", iterations=0), None),
        ("ok-password", HashPolicy(n=1024, salt_bytes=8), None),
        ("ok-password", HashPolicy(n=1024, key_bytes=8), None),
    ],
    ids=[
        "empty",
        "too-long",
        "short-salt",
        "unknown-algorithm",
        "n-not-power-of-two",
        "n-too-small",
        "r-zero",
        "zero-iterations",
        "salt-bytes-too-small",
        "key-bytes-too-small",
    ],
)
def test_hash_password_rejects_bad_input(password: str, policy: HashPolicy, salt: bytes | None) -> None:
    with pytest.raises(ValueError):
        hash_password(password, policy, salt=salt)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "hunter2",
        "scrypt$n=1024,r=8,p=1$AAECAwQFBgcICQoLDA0ODw",
        "scrypt$n=1024,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$a2V5$extra",
        "md5$i=1$AAECAwQFBgcICQoLDA0ODw$a2V5a2V5a2V5a2V5",
        "scrypt$n=1000,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$a2V5a2V5a2V5a2V5",
        "scrypt$r=8,n=1024,p=1$AAECAwQFBgcICQoLDA0ODw$a2V5a2V5a2V5a2V5",
        "scrypt$n=1024,r=8$AAECAwQFBgcICQoLDA0ODw$a2V5a2V5a2V5a2V5",
        "pbkdf2_sha256$i=-5$AAECAwQFBgcICQoLDA0ODw$a2V5a2V5a2V5a2V5",
        "pbkdf2_sha256$i=0$AAECAwQFBgcICQoLDA0ODw$a2V5a2V5a2V5a2V5",
        "pbkdf2_sha256$i=1000$!!!notbase64!!!$a2V5a2V5a2V5a2V5",
        "pbkdf2_sha256$i=1000$AAECAwQFBgcICQoLDA0ODw==$a2V5a2V5a2V5a2V5",
        "pbkdf2_sha256$i=1000$AAECAwQFBgcICQoLDA0ODw$",
    ],
)
def test_verify_rejects_malformed_stored_hash(encoded: str) -> None:
    with pytest.raises(InvalidHashError):
        verify_password("hunter2", encoded)
    with pytest.raises(InvalidHashError):
        needs_rehash(encoded, FAST_SCRYPT)


def test_invalid_hash_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r".") as info:
        verify_password("hunter2", "not-a-hash")
    assert isinstance(info.value, InvalidHashError), (
        f"a malformed stored hash should raise InvalidHashError, got {type(info.value).__name__}"
    )


def test_verify_compares_with_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a, b):  # type: ignore[no-untyped-def]
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    encoded = hash_password("hunter2", FAST_PBKDF2, salt=SALT)
    assert verify_password("hunter2", encoded) is True, "the right password should verify"
    assert verify_password("hunter3", encoded) is False, "a wrong password should not verify"
    assert len(calls) == 2, (
        "verify_password should compare the derived key with hmac.compare_digest "
        f"(constant time) on every check; it was called {len(calls)} times for 2 checks"
    )


@pytest.mark.parametrize(
    ("stored_with", "current", "want"),
    [
        (FAST_SCRYPT, FAST_SCRYPT, False),
        (FAST_SCRYPT, HashPolicy(n=2**11), True),
        (FAST_SCRYPT, HashPolicy(n=2**10, r=16), True),
        (FAST_SCRYPT, HashPolicy(n=2**10, p=2), True),
        (FAST_SCRYPT, HashPolicy(n=2**10, key_bytes=64), True),
        (FAST_SCRYPT, HashPolicy(n=2**10, salt_bytes=32), True),
        (FAST_SCRYPT, FAST_PBKDF2, True),
        (FAST_PBKDF2, FAST_PBKDF2, False),
        (FAST_PBKDF2, HashPolicy(algorithm="pbkdf2_sha256", iterations=2000), True),
        (FAST_PBKDF2, HashPolicy(algorithm="pbkdf2_sha256", iterations=1000, n=2**16), False),
        (FAST_PBKDF2, FAST_SCRYPT, True),
    ],
)
def test_needs_rehash_detects_changed_policy(stored_with: HashPolicy, current: HashPolicy, want: bool) -> None:
    encoded = hash_password("hunter2", stored_with, salt=SALT)
    got = needs_rehash(encoded, current)
    assert got is want, f"needs_rehash(hash made with {stored_with}, policy {current}) should be {want}, got {got!r}"


def test_verify_and_update_upgrades_only_on_success() -> None:
    old = hash_password("hunter2", FAST_PBKDF2, salt=SALT)
    got = verify_and_update("wrong", old, FAST_SCRYPT)
    assert got == (False, None), f"a wrong password should give (False, None), got {got!r}"

    current = hash_password("hunter2", FAST_SCRYPT, salt=SALT)
    got = verify_and_update("hunter2", current, FAST_SCRYPT)
    assert got == (True, None), f"a right password with an up-to-date hash should give (True, None), got {got!r}"

    ok, new_hash = verify_and_update("hunter2", old, FAST_SCRYPT)
    assert ok is True, "the right password should verify against the old pbkdf2 hash"
    assert isinstance(new_hash, str) and new_hash.startswith("scrypt$n=1024,r=8,p=1$"), (
        f"an outdated hash should be replaced by a hash under the current policy, got {new_hash!r}"
    )
    assert verify_password("hunter2", new_hash), "the upgraded hash should verify"
    assert not needs_rehash(new_hash, FAST_SCRYPT), "the upgraded hash should be current"
