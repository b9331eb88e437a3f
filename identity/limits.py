"""Abuse limits kept in PostgreSQL, so they hold across every API replica.

Two shapes: a **window** (at most N hits per key in a fixed window: SMS sends, registry
and face attempts) and a **lockout** (failures on a key lock it with exponential backoff:
logins, keyed on the account and on the ID number's blind index). Each update is one
atomic ``INSERT ... ON CONFLICT`` statement, so concurrent requests on different
replicas cannot both slip under a limit. Keys contain blind indexes, never clear data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import clock
from identity.errors import AccountLocked, RateLimited
from identity.tables import AttemptCounter


@dataclass(frozen=True, slots=True)
class Window:
    """At most ``max_hits`` per key in ``seconds``."""

    name: str
    max_hits: int
    seconds: int


@dataclass(frozen=True, slots=True)
class Lockout:
    """After ``threshold`` failures the key locks for ``base_seconds`` × 2^(extra failures)."""

    name: str
    threshold: int
    base_seconds: int
    max_seconds: int


# One place for every limit, so they can be read (and tuned) together.
SMS_PER_PHONE = Window("sms:phone", 5, 3600)
SMS_PHONE_GAP = Window("sms:phone-gap", 1, 60)
SMS_PER_IP = Window("sms:ip", 20, 3600)
SMS_PER_ACCOUNT = Window("sms:account", 10, 86400)
SMS_CODE_ATTEMPTS = 5  # wrong guesses per code before it is burnt
REGISTRY_PER_TARGET = Window("registry:target", 5, 86400)
REGISTRY_PER_IP = Window("registry:ip", 30, 3600)
FACE_PER_PERSON = Window("face:person", 10, 86400)
VERIFY_PER_PERSON = Window("verify:person", 5, 86400)
COUNTER_TICKETS_PER_PERSON = Window("counter:person", 10, 3600)
ENTERPRISE_PER_TARGET = Window("enterprise:target", 5, 86400)
ENTERPRISE_PER_PERSON = Window("enterprise:person", 10, 86400)
ENTERPRISE_VERIFY = Window("enterprise:verify", 5, 86400)  # tax account / certificate checks
ENTERPRISE_CHALLENGE = Window("enterprise:challenge", 20, 3600)
AGENT_LOOKUP = Window("agent:lookup", 30, 86400)  # appointing looks a person up by ID number
LOGIN_ACCOUNT = Lockout("login:account", threshold=5, base_seconds=60, max_seconds=3600)
LOGIN_ID_NUMBER = Lockout("login:id", threshold=10, base_seconds=60, max_seconds=3600)
# Staff sign-in: the account lockout above keyed on the staff id, plus this on the username.
LOGIN_STAFF_USERNAME = Lockout("login:staff", threshold=10, base_seconds=60, max_seconds=3600)
# Passkey ceremonies started without an account (each stores a challenge row).
WEBAUTHN_PER_IP = Window("webauthn:ip", 60, 600)


def _key(name: str, subject: str) -> str:
    return f"{name}:{subject}"


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


async def hit(window: Window, subject: str, *, message: str | None = None) -> None:
    """Count one hit; raise :class:`RateLimited` once the window's limit is passed.

    Refused hits are counted too: hammering a limit keeps it shut until the window ends.
    """
    now = clock.now()
    expired_before = now - timedelta(seconds=window.seconds)
    rows = await AttemptCounter.raw(
        """
        INSERT INTO attempt_counter (key, window_started_at, hits, failures, locked_until)
        VALUES ({}, {}, 1, 0, NULL)
        ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN attempt_counter.window_started_at <= {} THEN 1
                ELSE attempt_counter.hits + 1 END,
            window_started_at = CASE WHEN attempt_counter.window_started_at <= {}
                THEN EXCLUDED.window_started_at ELSE attempt_counter.window_started_at END
        RETURNING hits, window_started_at
        """,
        _key(window.name, subject),
        now,
        expired_before,
        expired_before,
    )
    row = rows[0]
    if row["hits"] > window.max_hits:
        resets = row["window_started_at"] + timedelta(seconds=window.seconds)
        raise RateLimited(
            _seconds_until(resets, now), message or "Too many attempts; try again later."
        )


async def check_locked(lockout: Lockout, subject: str) -> None:
    """Raise :class:`AccountLocked` while ``subject`` is locked out."""
    rows = await AttemptCounter.select(AttemptCounter.locked_until).where(
        AttemptCounter.key == _key(lockout.name, subject)
    )
    now = clock.now()
    if rows and rows[0]["locked_until"] is not None and rows[0]["locked_until"] > now:
        raise AccountLocked(
            _seconds_until(rows[0]["locked_until"], now),
            "Too many failed sign-ins; the account is locked for a while.",
        )


async def record_failure(lockout: Lockout, subject: str) -> None:
    """Count a failure; from the threshold on, lock with doubling backoff."""
    now = clock.now()
    rows = await AttemptCounter.raw(
        """
        INSERT INTO attempt_counter (key, window_started_at, hits, failures, locked_until)
        VALUES ({}, {}, 0, 1, NULL)
        ON CONFLICT (key) DO UPDATE SET failures = attempt_counter.failures + 1
        RETURNING failures
        """,
        _key(lockout.name, subject),
        now,
    )
    failures = int(rows[0]["failures"])
    if failures >= lockout.threshold:
        seconds = min(
            lockout.max_seconds, lockout.base_seconds * 2 ** (failures - lockout.threshold)
        )
        await AttemptCounter.update(
            {AttemptCounter.locked_until: now + timedelta(seconds=seconds)}
        ).where(AttemptCounter.key == _key(lockout.name, subject))


async def clear_failures(lockout: Lockout, subject: str) -> None:
    await AttemptCounter.delete().where(AttemptCounter.key == _key(lockout.name, subject))
