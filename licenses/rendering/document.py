"""The license document (电子证照版面): everything a rendering prints, already decided.

Rendering never looks anything up. The service resolves the license, its type, the holder's
printable name and masked identifier, the seal image and the signed payload, and hands them
over in one frozen value, so the same value always renders to the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class LicenseDocument:
    """One license as printed: bilingual labels, the values, both QR payloads and the seal."""

    identifier: str
    """The national identifier, e.g. ``1.2.156.3005.2.1101.11350100MB0000000X.000001.1.K``."""
    type_name: str
    type_name_en: str
    department_name: str
    department_name_en: str
    holder_name: str
    """Full name (person) or enterprise name, exactly as printed."""
    holder_label: str
    """Masked resident ID (``350***********1234``) or the unified social credit code."""
    fields: Sequence[tuple[str, str, str]]
    """The type's fields in order: (label in Chinese, label in English, value)."""
    valid_from: date
    valid_until: date | None
    """``None`` means long-term (长期)."""
    issued_at: datetime
    """Timezone-aware; printed as the date in China."""
    verify_url: str
    """Short URL for the online check (QR #1)."""
    signed_payload: str
    """Compact JWS for the offline check (QR #2); typically 600-1200 characters."""
    seal_png: bytes
    """The issuing department's seal image, stamped over its name."""

    def __post_init__(self) -> None:
        # A list handed in stays the caller's to mutate; freeze a copy so the document is a value.
        object.__setattr__(self, "fields", tuple(tuple(field) for field in self.fields))
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        if any(len(field) != 3 for field in self.fields):
            raise ValueError("every field is (label, label_en, value)")
