"""License identifiers in the GB/T 36904 style, and the issuing department's credit code.

``1.2.156.3005.2.<type code>.<issuer credit code>.<serial>.<version>.<check char>`` — the
OID arc of China's e-license system, the license type, the issuer's unified social credit
code, a serial per (type, issuer), the version, and an ISO 7064 MOD 37,36 check
character over everything before it (dots excluded). The hybrid system catches every
single-character error; it misses a small share of adjacent transpositions (42 of 61,083,
0.07 %, over serials 1-3000 of one type and issuer), the price of a check character from
the same 0-9A-Z alphabet (a pure MOD 37-2 would catch them all but may answer ``*``).

Departments in the reference data carry no credit code, so one is derived: a government
body's code ("11" = 机构编制, 机关) + the department's region + a stable organisation code
from its department code, with real GB 11714 and GB 32100 check characters — it parses as
a credit code everywhere else in OneTap.
"""

from __future__ import annotations

import hashlib
import re

from identity.validators import credit_code_check_char, organisation_code_check_char

__all__ = [
    "ROOT_ARC",
    "check_character",
    "compose",
    "department_credit_code",
    "is_valid",
]

#: The e-license root: ISO (1), member body (2), China (156), 3005.2 (e-license system).
ROOT_ARC = "1.2.156.3005.2"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MODULUS = 36
_SHAPE = re.compile(
    r"1\.2\.156\.3005\.2\.(?P<type>[0-9]{1,16})\.(?P<issuer>[0-9A-Z]{18})"
    r"\.(?P<serial>[0-9]{6,10})\.(?P<version>[0-9]{1,3})\.(?P<check>[0-9A-Z])"
)


def check_character(body: str) -> str:
    """ISO 7064 MOD 37,36 (hybrid) check character of ``body`` (dots ignored)."""
    product = _MODULUS
    for char in body.replace(".", "").upper():
        value = _ALPHABET.index(char)
        total = (product + value) % _MODULUS or _MODULUS
        product = (total * 2) % (_MODULUS + 1)
    return _ALPHABET[(_MODULUS + 1 - product) % _MODULUS]


def compose(type_code: str, issuer_credit_code: str, serial: int, version: int = 1) -> str:
    """The full identifier, check character included."""
    body = f"{ROOT_ARC}.{type_code}.{issuer_credit_code}.{serial:06d}.{version}"
    return f"{body}.{check_character(body)}"


def is_valid(identifier: str) -> bool:
    """Whether ``identifier`` has the shape and its check character matches."""
    match = _SHAPE.fullmatch(identifier.strip().upper())
    if match is None:
        return False
    body = identifier.strip().upper()[:-2]
    return check_character(body) == match["check"]


def department_credit_code(department_code: str, region_code: str) -> str:
    """A stable unified social credit code for a government department (see module doc)."""
    digest = hashlib.sha256(department_code.encode()).digest()
    first8 = f"{int.from_bytes(digest[:8], 'big') % 10**8:08d}"
    organisation = first8 + organisation_code_check_char(first8)
    body = f"11{region_code}{organisation}"
    return body + credit_code_check_char(body)
