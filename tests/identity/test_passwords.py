"""Password policy and Argon2id hashing."""

from __future__ import annotations

import asyncio

import pytest

from core.settings import IdentitySettings
from identity.passwords import (
    MAX_PASSWORD_LENGTH,
    PasswordHasher,
    Verification,
    WeakPassword,
    check_password_policy,
)

# Small parameters keep each hash around a few milliseconds.
SMALL = {"time_cost": 1, "memory_kib": 8192, "parallelism": 1}
ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"


def _small_hasher(concurrency: int = 2) -> PasswordHasher:
    return PasswordHasher(**SMALL, concurrency=concurrency)


def _refusal(
    password: str,
    *,
    min_length: int = 10,
    id_number: str | None = ID_NUMBER,
    phone: str | None = PHONE,
) -> str | None:
    """The policy's reason for refusing ``password``, or None when it is accepted."""
    refusal: WeakPassword | None = None
    try:
        check_password_policy(password, min_length=min_length, id_number=id_number, phone=phone)
    except WeakPassword as refused:
        refusal = refused
    if refusal is None:
        return None
    # The message is shown to users and may be logged: it must not echo the password.
    assert not password or password not in str(refusal)
    return refusal.reason


# --- policy ------------------------------------------------------------------------------


def test_policy_accepts_a_good_password() -> None:
    assert _refusal("correct horse battery staple") is None
    assert _refusal("x" * MAX_PASSWORD_LENGTH) is None
    assert _refusal("0123456789", id_number=None, phone=None) is None


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "too_short"),
        ("short", "too_short"),
        ("123456789", "too_short"),
        ("x" * (MAX_PASSWORD_LENGTH + 1), "too_long"),
        (f"my id {ID_NUMBER}", "contains_id_number"),
        ("my id 11010519491231002x!", "contains_id_number"),  # case-insensitive
        (ID_NUMBER, "contains_id_number"),
        (PHONE, "contains_phone"),  # equal to the phone
        (f"call me {PHONE} ok", "contains_phone"),
        ("call 138-0013-8000", "contains_phone"),  # separators do not hide it
    ],
)
def test_policy_refuses(password: str, reason: str) -> None:
    assert _refusal(password) == reason


def test_policy_refusal_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="at least 10 characters"):
        check_password_policy("short", min_length=10, id_number=None, phone=None)


def test_policy_min_length_counts_characters() -> None:
    assert _refusal("密码密码密码", min_length=7) == "too_short"
    assert _refusal("密码密码密码密", min_length=7) is None


def test_policy_normalises_the_stored_id_number() -> None:
    assert (
        _refusal("prefix11010519491231002Xsuffix", id_number=" 11010519491231002x ")
        == "contains_id_number"
    )


def test_policy_phone_with_country_code_and_formatting() -> None:
    assert _refusal("pw13800138000pw", phone="+86 138-0013-8000") == "contains_phone"


def test_policy_ignores_absent_or_junk_phone_and_id() -> None:
    assert _refusal("a1234567890b", id_number="", phone="12") is None
    assert _refusal("a1234567890b", id_number=None, phone=None) is None


def test_policy_partial_phone_is_allowed() -> None:
    # Only the whole number is refused; its last four digits are fine.
    assert _refusal("summer-8000-garden") is None


# --- hashing -----------------------------------------------------------------------------


async def test_hash_verify_round_trip() -> None:
    hasher = _small_hasher()
    stored = await hasher.hash("correct horse battery staple")
    assert stored.startswith("$argon2id$v=19$m=8192,t=1,p=1$")
    assert await hasher.verify(stored, "correct horse battery staple") == Verification(
        ok=True, new_hash=None
    )


async def test_hashes_are_salted() -> None:
    hasher = _small_hasher()
    first = await hasher.hash("same password")
    second = await hasher.hash("same password")
    assert first != second
    assert (await hasher.verify(first, "same password")).ok
    assert (await hasher.verify(second, "same password")).ok


async def test_wrong_password_is_not_ok() -> None:
    hasher = _small_hasher()
    stored = await hasher.hash("correct horse battery staple")
    result = await hasher.verify(stored, "Correct horse battery staple")
    assert result == Verification(ok=False, new_hash=None)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "not a hash",
        "$argon2id$v=19$m=8192,t=1,p=1$garbage",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # bcrypt
        "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0$",
    ],
)
async def test_garbage_stored_hash_is_not_ok(stored: str) -> None:
    result = await _small_hasher().verify(stored, "whatever password")
    assert result == Verification(ok=False, new_hash=None)


async def test_rehash_when_parameters_change() -> None:
    old = _small_hasher()
    new = PasswordHasher(time_cost=2, memory_kib=16384, parallelism=1, concurrency=1)
    stored = await old.hash("correct horse battery staple")

    result = await new.verify(stored, "correct horse battery staple")
    assert result.ok
    assert result.new_hash is not None
    assert "m=16384,t=2,p=1" in result.new_hash
    # The upgraded hash verifies with the new hasher and needs no further upgrade.
    assert await new.verify(result.new_hash, "correct horse battery staple") == Verification(
        ok=True, new_hash=None
    )
    # A wrong password never produces a new hash, whatever the parameters.
    assert await new.verify(stored, "wrong") == Verification(ok=False, new_hash=None)


async def test_no_rehash_with_same_parameters() -> None:
    stored = await _small_hasher().hash("correct horse battery staple")
    # A separate instance with equal parameters: nothing to upgrade.
    result = await _small_hasher(concurrency=1).verify(stored, "correct horse battery staple")
    assert result == Verification(ok=True, new_hash=None)


async def test_from_settings_uses_the_identity_parameters() -> None:
    settings = IdentitySettings(
        argon2_time_cost=2, argon2_memory_kib=8192, argon2_parallelism=1, argon2_concurrency=3
    )
    hasher = PasswordHasher.from_settings(settings)
    stored = await hasher.hash("correct horse battery staple")
    assert "$m=8192,t=2,p=1$" in stored


async def test_burn_completes_and_reuses_its_dummy_hash() -> None:
    hasher = _small_hasher()
    await hasher.burn()
    dummy = hasher._dummy_hash
    assert dummy is not None
    assert dummy.startswith("$argon2id$v=19$m=8192,t=1,p=1$")
    await hasher.burn()
    assert hasher._dummy_hash == dummy


async def test_concurrency_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = _small_hasher(concurrency=2)
    in_flight = 0
    peak = 0
    real_verify = hasher._verify_sync

    def counting_verify(stored: str, password: str) -> Verification:
        nonlocal in_flight, peak
        # Runs in worker threads; the GIL makes these small updates safe enough for a
        # counter that only ever sees at most a handful of threads.
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            return real_verify(stored, password)
        finally:
            in_flight -= 1

    stored = await hasher.hash("correct horse battery staple")
    monkeypatch.setattr(hasher, "_verify_sync", counting_verify)
    results = await asyncio.gather(
        *(hasher.verify(stored, "correct horse battery staple") for _ in range(8))
    )
    assert all(r.ok for r in results)
    # Without the semaphore, eight verifies reach 5-6 at once here (the default thread
    # pool is wider than 2), so this bound is the semaphore's doing.
    assert 1 <= peak <= 2


def test_semaphore_is_made_per_loop() -> None:
    # Used from two different event loops: the second must not trip over a semaphore bound
    # to the first (concurrency=1 and several verifies, so the semaphore really contends
    # and binds to its loop). Private loops rather than asyncio.run, which would reset the
    # thread's current loop under the session loop the other tests share.
    hasher = _small_hasher(concurrency=1)

    async def round_trip() -> bool:
        stored = await hasher.hash("pw-pw-pw-pw")
        results = await asyncio.gather(*(hasher.verify(stored, "pw-pw-pw-pw") for _ in range(3)))
        return all(r.ok for r in results)

    for _ in range(2):
        loop = asyncio.new_event_loop()
        try:
            assert loop.run_until_complete(round_trip())
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()


def test_concurrency_must_be_positive() -> None:
    with pytest.raises(ValueError, match="concurrency"):
        PasswordHasher(**SMALL, concurrency=0)
