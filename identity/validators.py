"""Identifier checks: resident ID numbers (GB 11643) and unified social credit codes (GB 32100).

This module owns the syntax of the two national identifiers the identity domain accepts:
normalising them, checking their structure and check characters, and splitting them into
their parts. It knows nothing about whether a number belongs to a real person or
organisation; that is the proofing providers' job.

Error messages never repeat the identifier or any part of it (birth date, area code), so
an ``InvalidIdentifier`` can be logged or shown to a client as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "CreditCode",
    "InvalidIdentifier",
    "ResidentId",
    "check_declared_sex",
    "credit_code_check_char",
    "organisation_code_check_char",
    "parse_credit_code",
    "parse_resident_id",
    "resident_id_check_char",
]

ResidentIdReason = Literal["format", "birth_date", "checksum", "sex_mismatch"]
CreditCodeReason = Literal["format", "checksum", "organisation_code"]


class InvalidIdentifier(ValueError):
    """An identifier failed a structural check; ``reason`` says which one."""

    def __init__(self, reason: ResidentIdReason | CreditCodeReason, message: str) -> None:
        super().__init__(message)
        self.reason: str = reason


# --- Resident ID number (GB 11643-1999) --------------------------------------------------

# ISO 7064 MOD 11-2 as GB 11643 states it: weight i is 2^(17-i) mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# [0-9] rather than \d: \d also matches full-width and other Unicode digits, which int()
# would happily accept, so a number typed with an IME would be stored in two spellings.
_ID_BODY = re.compile(r"[0-9]{17}")
_ID_FULL = re.compile(r"[0-9]{17}[0-9X]")
# Nobody alive was born before this; earlier dates are typos, not people.
_EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class ResidentId:
    """A structurally valid resident ID number and what it encodes."""

    number: str
    """Normalised: surrounding whitespace removed, check char ``x`` upper-cased."""
    area_code: str
    """GB/T 2260 code of the area of first registration (digits 1-6)."""
    birth_date: date
    sex: Literal["M", "F"]


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character (``0``-``9`` or ``X``) for the first 17 digits."""
    if _ID_BODY.fullmatch(first17) is None:
        raise InvalidIdentifier("format", "A resident ID number body is 17 digits.")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def parse_resident_id(raw: str, *, today: date) -> ResidentId:
    """Normalise and check a resident ID number.

    ``today`` comes from the caller (the request clock) so a birth date in the future is
    judged against the same "now" as everything else in the request, and tests can pin it.
    """
    number = raw.strip().replace("x", "X")
    if _ID_FULL.fullmatch(number) is None:
        raise InvalidIdentifier(
            "format", "A resident ID number is 18 characters: 17 digits, then a digit or X."
        )
    # The date is checked before the check char: an impossible date is a more specific
    # (and more useful) answer than "the check character is wrong".
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdentifier(
            "birth_date", "The birth date in the resident ID number is not a real date."
        ) from None
    if birth_date > today or birth_date < _EARLIEST_BIRTH:
        raise InvalidIdentifier(
            "birth_date", "The birth date in the resident ID number is out of range."
        )
    if resident_id_check_char(number[:17]) != number[17]:
        raise InvalidIdentifier(
            "checksum", "The resident ID number's check character does not match."
        )
    # The 3-digit sequence (digits 15-17) is odd for men and even for women.
    sex: Literal["M", "F"] = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number=number, area_code=number[:6], birth_date=birth_date, sex=sex)


def check_declared_sex(resident_id: ResidentId, sex: str) -> None:
    """Refuse a declared sex (``M``/``F``) that the ID number contradicts.

    A value other than ``M`` or ``F`` is a caller error (the API's enum should have stopped
    it), so it raises a plain ``ValueError`` rather than ``InvalidIdentifier``.
    """
    declared = sex.strip().upper()
    if declared not in ("M", "F"):
        raise ValueError("declared sex must be 'M' or 'F'")
    if declared != resident_id.sex:
        raise InvalidIdentifier(
            "sex_mismatch", "The declared sex does not match the resident ID number."
        )


# --- Unified social credit code (GB 32100-2015) ------------------------------------------

# The 31 characters GB 32100 allows: digits and upper-case letters except I, O, S, V, Z
# (too easily confused with 1, 0, 5, U, 2). A character's value is its index here.
_CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {char: value for value, char in enumerate(_CREDIT_CHARSET)}
# Weight i is 3^(i-1) mod 31.
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_BODY = re.compile(r"[0-9A-HJ-NPQRTUWXY]{17}")
_CREDIT_FULL = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")

# GB 11714 organisation code (positions 9-17 of a credit code). Its own alphabet is the
# full 0-9A-Z, so values differ from the credit-code ones for letters after H.
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True, slots=True)
class CreditCode:
    """A structurally valid unified social credit code and its parts."""

    code: str
    """Normalised: surrounding whitespace removed, upper-case."""
    registration_authority: str
    """Character 1: the registering authority (e.g. 9 = market regulation)."""
    organisation_type: str
    """Character 2: the kind of organisation within that authority."""
    area_code: str
    """Characters 3-8: GB/T 2260 code of the registering authority's area."""
    organisation_code: str
    """Characters 9-17: the GB 11714 organisation code, including its own check char."""


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    if _CREDIT_BODY.fullmatch(first17) is None:
        raise InvalidIdentifier(
            "format",
            "A credit code body is 17 characters from 0-9 and A-Z without I, O, S, V, Z.",
        )
    total = sum(
        _CREDIT_VALUES[char] * weight for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_CHARSET[(31 - total % 31) % 31]


def organisation_code_check_char(first8: str) -> str:
    """The GB 11714 check character of an organisation code's first 8 characters."""
    return _organisation_code_check_char(first8)


def _organisation_code_check_char(first8: str) -> str:
    total = sum(
        _ORG_ALPHABET.index(char) * weight
        for char, weight in zip(first8, _ORG_WEIGHTS, strict=True)
    )
    remainder = 11 - total % 11
    if remainder == 10:
        return "X"
    if remainder == 11:
        return "0"
    return str(remainder)


def parse_credit_code(raw: str) -> CreditCode:
    """Normalise and check a unified social credit code, including its organisation code."""
    code = raw.strip().upper()
    if _CREDIT_FULL.fullmatch(code) is None:
        raise InvalidIdentifier(
            "format",
            "A credit code is 18 characters from 0-9 and A-Z without I, O, S, V, Z.",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise InvalidIdentifier("checksum", "The credit code's check character does not match.")
    # The embedded organisation code carries its own check char; a code whose outer check
    # passes but inner one fails was made up or mistyped in a way the outer sum missed.
    organisation_code = code[8:17]
    if _organisation_code_check_char(organisation_code[:8]) != organisation_code[8]:
        raise InvalidIdentifier(
            "organisation_code",
            "The organisation code inside the credit code has a wrong check character.",
        )
    return CreditCode(
        code=code,
        registration_authority=code[0],
        organisation_type=code[1],
        area_code=code[2:8],
        organisation_code=organisation_code,
    )
