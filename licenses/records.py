"""Reading licenses: one record type for every reader, with the status as shown.

``shown_status`` folds expiry in (a valid license past ``valid_until`` shows EXPIRED) so
the wallet, the staff desk and the verify page cannot disagree about it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.crypto import mask_name
from licenses.tables import License

__all__ = [
    "LicenseField",
    "LicenseRecord",
    "by_id",
    "by_short_code",
    "public_holder_name",
    "select_records",
]

_COLUMNS = (
    "l.id, l.identifier, l.short_code, l.license_type, l.department_code, l.holder_kind, "
    "l.holder_person, l.holder_enterprise, l.case, l.fields, l.valid_from, l.valid_until, "
    "l.status, l.status_reason, l.status_changed_at, l.status_index, l.kid, l.payload, "
    "l.jws, l.pdf_key, l.pdf_sha256, l.issued_at, "
    "t.name AS type_name, t.name_en AS type_name_en, t.category AS type_category, "
    "d.name AS department_name, d.name_en AS department_name_en, "
    "c.number AS case_number, p.name AS person_name, e.name AS enterprise_name"
)
_FROM = (
    "FROM license l JOIN license_type t ON t.code = l.license_type "
    "JOIN department d ON d.code = l.department_code "
    'LEFT JOIN casework_case c ON c.id = l."case" '
    "LEFT JOIN person p ON p.id = l.holder_person "
    "LEFT JOIN enterprise e ON e.id = l.holder_enterprise"
)


@dataclass(frozen=True, slots=True)
class LicenseField:
    key: str
    label: str
    label_en: str
    value: str


@dataclass(frozen=True, slots=True)
class LicenseRecord:
    id: uuid.UUID
    identifier: str
    short_code: str
    type_code: str
    type_name: str
    type_name_en: str
    category: str
    department_code: str
    department_name: str
    department_name_en: str
    holder_kind: str
    holder_person: uuid.UUID | None
    holder_enterprise: uuid.UUID | None
    holder_name: str
    case_id: uuid.UUID | None
    case_number: str | None
    fields: tuple[LicenseField, ...]
    valid_from: datetime
    valid_until: datetime | None
    status: str
    status_reason: str | None
    status_changed_at: datetime | None
    status_index: int
    kid: str
    payload: str
    jws: str
    pdf_key: str
    pdf_sha256: str
    issued_at: datetime

    def shown_status(self, at: datetime) -> str:
        """valid | suspended | revoked | expired (expiry only shows on a valid license)."""
        if self.status == "valid" and self.valid_until is not None and at >= self.valid_until:
            return "expired"
        return self.status

    @property
    def public_holder_name(self) -> str:
        """The holder as anyone but the holder sees it (see :func:`public_holder_name`)."""
        return public_holder_name(self.holder_kind, self.holder_name)


def public_holder_name(holder_kind: str, name: str | None) -> str:
    """A person's name masked (陈**); an enterprise's registered name is public."""
    return mask_name(name) if holder_kind == "person" else name or ""


def _record(row: dict[str, Any]) -> LicenseRecord:
    fields = row["fields"]
    if isinstance(fields, str):
        fields = json.loads(fields)
    return LicenseRecord(
        id=row["id"],
        identifier=row["identifier"],
        short_code=row["short_code"],
        type_code=row["license_type"],
        type_name=row["type_name"],
        type_name_en=row["type_name_en"],
        category=row["type_category"],
        department_code=row["department_code"],
        department_name=row["department_name"],
        department_name_en=row["department_name_en"],
        holder_kind=row["holder_kind"],
        holder_person=row["holder_person"],
        holder_enterprise=row["holder_enterprise"],
        holder_name=row["person_name"] or row["enterprise_name"] or "",
        case_id=row["case"],
        case_number=row["case_number"],
        fields=tuple(
            LicenseField(f["key"], f["label"], f["labelEn"], str(f["value"])) for f in fields
        ),
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        status=row["status"],
        status_reason=row["status_reason"],
        status_changed_at=row["status_changed_at"],
        status_index=row["status_index"],
        kid=row["kid"],
        payload=row["payload"],
        jws=row["jws"],
        pdf_key=row["pdf_key"],
        pdf_sha256=row["pdf_sha256"],
        issued_at=row["issued_at"],
    )


async def select_records(where: str, *args: Any, tail: str = "") -> list[LicenseRecord]:
    """Records matching a WHERE clause over ``l`` (license), ``t``, ``d``, ``c``, ``p``, ``e``."""
    rows = await License.raw(f"SELECT {_COLUMNS} {_FROM} WHERE {where} {tail}", *args)
    return [_record(row) for row in rows]


async def by_id(license_id: uuid.UUID) -> LicenseRecord | None:
    found = await select_records("l.id = {}", license_id)
    return found[0] if found else None


async def by_short_code(short_code: str) -> LicenseRecord | None:
    found = await select_records("l.short_code = {}", short_code)
    return found[0] if found else None
