"""Free-text input as identity accepts it: NFKC-normalised, trimmed, bounded, printable."""

from __future__ import annotations

import unicodedata

from identity.errors import InvalidInput


def has_control_characters(text: str) -> bool:
    # Category C: control, format, unassigned, private use; none belongs in a name.
    return any(unicodedata.category(c).startswith("C") for c in text)


def checked_text(raw: str, *, field: str, min_length: int, max_length: int, message: str) -> str:
    """``raw`` normalised (full-width forms folded, ends trimmed), or InvalidInput(field)."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not min_length <= len(text) <= max_length or has_control_characters(text):
        raise InvalidInput(field, "format", message)
    return text
