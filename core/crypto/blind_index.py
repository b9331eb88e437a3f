"""Blind indexes: deterministic keyed hashes that let encrypted columns be searched.

Field encryption uses random nonces, so equal values give different ciphertexts; a
lookup by ID number or phone instead compares ``BlindIndex.compute(value, context)``,
an HMAC-SHA256 over the context and the *normalised* value. Normalising first means the
spellings a person might type (lowercase ``x``, ``+86`` prefixes, spaces, full-width
digits) find the same row.

The normaliser is chosen by the context's last dot-separated segment:
``id_number`` → :func:`normalise_id_number`, ``phone`` → :func:`normalise_phone`,
anything else → :func:`normalise_text`.

The key must never be rotated without recomputing every stored index.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "BlindIndex",
    "normalise_id_number",
    "normalise_phone",
    "normalise_text",
]

_MIN_KEY_BYTES = 32
_NON_DIGITS = re.compile(r"\D")
_WHITESPACE = re.compile(r"\s+")


def normalise_text(value: str) -> str:
    """NFKC (full-width forms to ASCII) and surrounding whitespace removed."""
    return unicodedata.normalize("NFKC", value).strip()


def normalise_id_number(value: str) -> str:
    """Resident ID numbers: NFKC, all whitespace removed, uppercased (check digit ``X``)."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", value)).upper()


def normalise_phone(value: str) -> str:
    """Phone numbers: digits only, without a leading ``+86``/``0086``/``86`` country code."""
    text = unicodedata.normalize("NFKC", value).strip()
    digits = _NON_DIGITS.sub("", text)
    if digits.startswith("0086"):
        return digits[4:]
    # A bare "86" is a country code only when more than a national number follows:
    # mainland numbers are at most 11 digits and never start with 86 themselves.
    if digits.startswith("86") and (text.startswith("+") or len(digits) > 11):
        return digits[2:]
    return digits


_NORMALISERS: dict[str, Callable[[str], str]] = {
    "id_number": normalise_id_number,
    "phone": normalise_phone,
}


def normaliser_for(context: str) -> Callable[[str], str]:
    """The normaliser :meth:`BlindIndex.compute` applies for ``context``."""
    return _NORMALISERS.get(context.rsplit(".", 1)[-1], normalise_text)


class BlindIndex:
    """HMAC-SHA256 blind index; output is 64 lowercase hex characters."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        if len(key) < _MIN_KEY_BYTES:
            raise ValueError(f"blind-index key must be at least {_MIN_KEY_BYTES} bytes")
        self._key = bytes(key)

    def __repr__(self) -> str:
        return "BlindIndex(<key hidden>)"

    def compute(self, value: str, context: str) -> str:
        """The index of ``value`` in ``context``; equal after normalisation → equal index."""
        if not context or "\x00" in context:
            raise ValueError("context must be a non-empty string without NUL")
        normalised = normaliser_for(context)(value)
        if not normalised:
            # Indexing "" would make every empty input match every other one.
            raise ValueError("value is empty after normalisation")
        # The NUL separator cannot occur in the context, so (context, value) pairs
        # map to distinct messages and one context's index never matches another's.
        try:
            message = f"onetap-blind-index\x00v1\x00{context}\x00{normalised}".encode()
        except UnicodeEncodeError:
            # The codec's message would quote the offending character of personal data.
            raise ValueError("value is not valid Unicode text") from None
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()
