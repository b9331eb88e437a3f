"""Passwords: the acceptance policy and Argon2id hashing.

This module owns what makes a password acceptable (length, not built from the account's
ID number or phone) and how passwords are stored and checked (Argon2id via argon2-cffi,
with transparent re-hashing when the configured parameters change). It never logs or
returns a password, and its error messages never contain one.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

if TYPE_CHECKING:
    from core.settings import IdentitySettings

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "PasswordHasher",
    "Verification",
    "WeakPassword",
    "check_password_policy",
]

# Long enough for any passphrase or manager-generated password; the cap stops a client
# from making us hash megabytes per login attempt.
MAX_PASSWORD_LENGTH = 128
# A "phone" with fewer digits than this is not a usable number (an extension, junk);
# refusing every password containing, say, "12" would make the policy absurd.
_MIN_PHONE_DIGITS = 7
# Mainland mobile numbers are 11 digits; a stored +86 number must also be caught when the
# password contains only the national part.
_NATIONAL_PHONE_DIGITS = 11
_NON_DIGITS = re.compile(r"[^0-9]")

WeakPasswordReason = Literal["too_short", "too_long", "contains_id_number", "contains_phone"]


class WeakPassword(ValueError):
    """A password the policy refuses; ``reason`` says why (the message never quotes it)."""

    def __init__(self, reason: WeakPasswordReason, message: str) -> None:
        super().__init__(message)
        self.reason: str = reason


def check_password_policy(
    password: str, *, min_length: int, id_number: str | None, phone: str | None
) -> None:
    """Refuse a password that is too short or long, or contains the ID number or phone.

    The ID number and phone are what an attacker who knows the person tries first, and both
    are printed on many documents, so a password containing either is refused outright.
    """
    if len(password) < min_length:
        raise WeakPassword("too_short", f"A password needs at least {min_length} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(
            "too_long", f"A password may have at most {MAX_PASSWORD_LENGTH} characters."
        )
    folded = password.upper()
    if id_number is not None:
        # Normalised like parse_resident_id (check char x -> X); upper-casing the password
        # as well makes the comparison case-insensitive.
        normalised_id = id_number.strip().upper()
        if normalised_id and normalised_id in folded:
            raise WeakPassword("contains_id_number", "A password may not contain the ID number.")
    if phone is not None:
        phone_digits = _NON_DIGITS.sub("", phone)
        if len(phone_digits) >= _MIN_PHONE_DIGITS:
            candidates = {phone_digits, phone_digits[-_NATIONAL_PHONE_DIGITS:]}
            # Also look at the password's digits alone, so "138-0013-8000" or
            # "138 0013 8000" spelled with separators is caught too.
            password_digits = _NON_DIGITS.sub("", password)
            if any(c in password or c in password_digits for c in candidates):
                raise WeakPassword("contains_phone", "A password may not contain the phone number.")


@dataclass(frozen=True)
class Verification:
    """Outcome of checking a password against a stored hash."""

    ok: bool
    new_hash: str | None
    """Set when ``ok`` and the stored hash used other parameters: store this one instead."""


# Hashed once per hasher (with its own parameters) for ``burn``; nobody can log in with it
# because no account's stored hash is this one.
_DUMMY_PASSWORD = "onetap-timing-equaliser"  # noqa: S105 - not a credential


class PasswordHasher:
    """Argon2id hashing and verification, off the event loop and bounded in memory.

    Each Argon2 computation allocates ``memory_kib`` and burns CPU for tens of
    milliseconds. Running it on the event loop would stall every other request, so it runs
    in a worker thread (argon2-cffi releases the GIL). Left unbounded, a burst of logins
    would start one such computation per request at once, so memory could grow without
    limit; a semaphore admits at most ``concurrency`` at a time, which caps the memory
    Argon2 uses in a process at ``concurrency × memory_kib``, and makes the rest queue.
    """

    def __init__(
        self, *, time_cost: int, memory_kib: int, parallelism: int, concurrency: int
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._hasher = argon2.PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=parallelism,
            type=argon2.Type.ID,
        )
        self._concurrency = concurrency
        # asyncio primitives belong to the loop they are first used in, and a hasher may
        # be built before any loop runs (at import or in a CLI); so the semaphore is made
        # on first use and remade if a later call comes from a different loop.
        self._semaphore: asyncio.Semaphore | None = None
        self._semaphore_loop: asyncio.AbstractEventLoop | None = None
        self._dummy_hash: str | None = None

    @classmethod
    def from_settings(cls, identity: IdentitySettings) -> PasswordHasher:
        return cls(
            time_cost=identity.argon2_time_cost,
            memory_kib=identity.argon2_memory_kib,
            parallelism=identity.argon2_parallelism,
            concurrency=identity.argon2_concurrency,
        )

    def _limiter(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._semaphore_loop is not loop:
            self._semaphore = asyncio.Semaphore(self._concurrency)
            self._semaphore_loop = loop
        return self._semaphore

    async def hash(self, password: str) -> str:
        """An Argon2id PHC string (``$argon2id$v=19$m=...``) with a fresh random salt."""
        async with self._limiter():
            return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, stored_hash: str, password: str) -> Verification:
        """Check ``password`` against ``stored_hash``; never raises for a wrong password.

        A mismatch and a stored hash that is not a valid Argon2 hash both give ``ok=False``:
        to the caller both mean "this password does not get you in".
        """
        async with self._limiter():
            return await asyncio.to_thread(self._verify_sync, stored_hash, password)

    def _verify_sync(self, stored_hash: str, password: str) -> Verification:
        try:
            self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return Verification(ok=False, new_hash=None)
        # Only after a successful verify do we know the password, so this is the only
        # moment an old-parameter hash can be upgraded (RFC 9106 / argon2-cffi advice).
        if self._hasher.check_needs_rehash(stored_hash):
            return Verification(ok=True, new_hash=self._hasher.hash(password))
        return Verification(ok=True, new_hash=None)

    async def burn(self) -> None:
        """Spend the time of one verification, for a login to an account that does not exist.

        Without it, "no such account" would answer in microseconds and "wrong password"
        in tens of milliseconds, telling an attacker which ID numbers or phones are
        registered. The dummy hash uses this hasher's own parameters so the cost matches a
        real verification; it is made on first use (two first calls racing may both make
        one, which is harmless).
        """
        if self._dummy_hash is None:
            self._dummy_hash = await self.hash(_DUMMY_PASSWORD)
        # A wrong password, so the verify runs in full and returns ok=False like a real miss.
        await self.verify(self._dummy_hash, _DUMMY_PASSWORD + "!")
