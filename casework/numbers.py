"""Case numbers (办件编号): unique, human-readable, safe to read over the phone.

A number is the item's region code (6 digits), the Asia/Shanghai date of submission
(yyyymmdd), a per-region-per-day sequence (6 digits) and one check character, ISO 7064
MOD 11-2 over those 20 digits (``0``-``9`` or ``X``, as on a resident ID card)::

    350100 20261122 000123 7   stored as "350100202611220001237" (21 characters)
                               shown as  "350100-20261122-000123-7"

MOD 11-2 weighs every position by a different power of two modulo 11, so the check
character catches every single mistyped character and every swap of two neighbours — the
errors people make when reading a number aloud or typing it from a call.

The sequence comes from one upsert on ``case_number_counter`` inside the submission's
transaction: concurrent submissions serialise on the counter row, and a rolled-back
submission gives its number back.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from casework.tables import CaseNumberCounter

#: Deadlines and case numbers follow the date in China, whatever the server's zone.
SHANGHAI = ZoneInfo("Asia/Shanghai")
LENGTH = 21
MAX_SEQUENCE = 999_999
_STORED = re.compile(r"[0-9]{20}[0-9X]")
_REGION = re.compile(r"[0-9]{6}")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—－]+")


class SequenceExhausted(RuntimeError):
    """A region handed out a million numbers in one day: a bug or an attack, not business."""


def shanghai_date(at: datetime) -> date:
    """The calendar date in China at the instant ``at`` (timezone-aware)."""
    if at.tzinfo is None:
        raise ValueError("a timezone-aware instant is needed")
    return at.astimezone(SHANGHAI).date()


def check_character(digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character of a string of digits."""
    if not digits.isdigit() or not digits.isascii():
        raise ValueError("only digits carry a MOD 11-2 check character")
    remainder = 0
    for digit in digits:
        remainder = ((remainder + int(digit)) * 2) % 11
    value = (12 - remainder) % 11
    return "X" if value == 10 else str(value)


def compose(region_code: str, day: date, sequence: int) -> str:
    """The stored (21-character) number for a region, a day and a sequence number."""
    if not _REGION.fullmatch(region_code):
        raise ValueError("a region code is six digits")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError("the sequence runs from 1 to 999999")
    digits = f"{region_code}{day:%Y%m%d}{sequence:06d}"
    return digits + check_character(digits)


def is_valid(stored: str) -> bool:
    """A well-formed stored number whose check character is right."""
    return bool(_STORED.fullmatch(stored)) and check_character(stored[:20]) == stored[20]


def normalise(text: str) -> str | None:
    """The stored form of a number as typed or read out, or None if it cannot be one.

    Spaces and hyphens (any dash a phone keyboard offers) are dropped and ``x`` read as
    ``X``; a wrong check character makes it no number at all, so a typo never finds
    another applicant's case.
    """
    compact = _SEPARATORS.sub("", text).upper()
    return compact if is_valid(compact) else None


def display(stored: str) -> str:
    """The grouped form shown to people: ``350100-20261122-000123-7``."""
    return f"{stored[:6]}-{stored[6:14]}-{stored[14:20]}-{stored[20:]}"


async def next_number(region_code: str, at: datetime) -> str:
    """Hand out the next number of ``region_code`` for the China date of ``at``.

    Call it inside the submission's transaction: the counter row stays locked until the
    submission commits, and a rollback returns the number.
    """
    day = shanghai_date(at)
    key = f"{region_code}{day:%Y%m%d}"
    rows = await CaseNumberCounter.raw(
        "INSERT INTO case_number_counter (key, last) VALUES ({}, 1) "
        "ON CONFLICT (key) DO UPDATE SET last = case_number_counter.last + 1 "
        "RETURNING last",
        key,
    )
    sequence = int(rows[0]["last"])
    if sequence > MAX_SEQUENCE:
        raise SequenceExhausted(f"region {region_code} has no case numbers left for {day}")
    return compose(region_code, day, sequence)
