"""Display masking of personal identifiers for screens, receipts and logs.

Owns the rule of how much of an identifier a person may see: enough to recognise their
own record, not enough to reconstruct it. Masking never raises: input that does not
look like the expected identifier is masked completely, keeping only its length.
"""

from __future__ import annotations

import re
import unicodedata

from core.crypto.blind_index import normalise_phone

__all__ = ["mask_id_number", "mask_name", "mask_phone"]

_MASK = "*"
# 18-character resident ID (17 digits + check digit) and the legacy 15-digit form.
_ID_NUMBER = re.compile(r"\d{17}[\dXx]|\d{15}")
_MOBILE = re.compile(r"1\d{10}")
_PHONE_SHAPE = re.compile(r"\+?[\d\s().-]+")


def _mask_all(value: str) -> str:
    return _MASK * len(value)


def _keep_ends(value: str, head: int, tail: int) -> str:
    return value[:head] + _MASK * (len(value) - head - tail) + value[len(value) - tail :]


def mask_id_number(value: str | None) -> str:
    """``"11010519491231002X"`` → ``"110***********002X"``; first 3 and last 4 kept.

    Applies to the 18- and 15-character forms only; anything else is masked entirely.
    """
    if not value:
        return ""
    text = value.strip()
    if _ID_NUMBER.fullmatch(text):
        return _keep_ends(text, 3, 4)
    return _mask_all(text)


def mask_phone(value: str | None) -> str:
    """``"13812341234"`` → ``"138****1234"``.

    Separators and a ``+86``/``0086`` country code are dropped first. An 11-digit mobile
    keeps its first 3 and last 4 digits; other numbers of 7 or more digits keep only the
    last 4; anything shorter, or containing letters, is masked entirely.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value).strip()
    if not _PHONE_SHAPE.fullmatch(text):
        return _mask_all(text)
    # The same normalisation as the blind index, so both agree on what a number is.
    digits = normalise_phone(text)
    if _MOBILE.fullmatch(digits):
        return _keep_ends(digits, 3, 4)
    if len(digits) >= 7:
        return _keep_ends(digits, 0, 4)
    return _mask_all(text)


def mask_name(value: str | None) -> str:
    """``"张三丰"`` → ``"张**"``: first character kept, one mask per remaining character.

    A one-character name is masked entirely, since its first character is all of it.
    """
    if not value:
        return ""
    text = value.strip()
    if len(text) < 2:
        return _mask_all(text)
    return text[0] + _MASK * (len(text) - 1)
