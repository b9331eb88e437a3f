"""License types (证照类型): what a license says, who issues it, which items issue it.

A type's ``fields`` map application-form answers onto the license (``answer``: the form
field key); identifier answers (phone, ID number) are never mapped — the holder is named
by the payload's masked, digested holder claims instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from core import clock
from licenses.tables import LicenseType

__all__ = [
    "LicenseTypeField",
    "LicenseTypeRow",
    "SatisfiedSlot",
    "all_types",
    "slots_satisfied",
    "type_by_code",
    "type_for_item",
    "upsert_type",
]


@dataclass(frozen=True, slots=True)
class LicenseTypeField:
    key: str
    label: str
    label_en: str
    answer: str


@dataclass(frozen=True, slots=True)
class LicenseTypeRow:
    code: str
    type_code: str
    name: str
    name_en: str
    department_code: str
    category: str
    fields: tuple[LicenseTypeField, ...]
    validity_days: int | None
    issuing_items: tuple[str, ...]
    department_name: str = ""
    department_name_en: str = ""


def _row(row: dict[str, Any]) -> LicenseTypeRow:
    fields = row["fields"]
    if isinstance(fields, str):  # JSONB comes back as text through raw queries
        fields = json.loads(fields)
    return LicenseTypeRow(
        code=row["code"],
        type_code=row["type_code"],
        name=row["name"],
        name_en=row["name_en"],
        department_code=row["department_code"],
        category=row["category"],
        fields=tuple(
            LicenseTypeField(f["key"], f["label"], f["labelEn"], f.get("answer", f["key"]))
            for f in fields
        ),
        validity_days=row["validity_days"],
        issuing_items=tuple(row["issuing_items"] or ()),
        department_name=row.get("department_name") or "",
        department_name_en=row.get("department_name_en") or "",
    )


async def all_types() -> list[LicenseTypeRow]:
    rows = await LicenseType.raw(
        "SELECT t.*, d.name AS department_name, d.name_en AS department_name_en "
        "FROM license_type t LEFT JOIN department d ON d.code = t.department_code "
        "ORDER BY t.code"
    )
    return [_row(row) for row in rows]


async def type_by_code(code: str) -> LicenseTypeRow | None:
    row = await LicenseType.select().where(LicenseType.code == code).first()
    return None if row is None else _row(row)


async def type_for_item(item_code: str) -> LicenseTypeRow | None:
    """The license type a completed case of ``item_code`` issues, if any."""
    rows = await LicenseType.raw(
        "SELECT * FROM license_type WHERE {} = ANY(issuing_items) ORDER BY code LIMIT 1",
        item_code,
    )
    return _row(rows[0]) if rows else None


@dataclass(frozen=True, slots=True)
class SatisfiedSlot:
    """A material slot of a published service item that this license type can fill."""

    item_code: str
    item_name: str
    item_name_en: str
    slot_key: str
    slot_name: str
    slot_name_en: str


async def slots_satisfied(code: str) -> list[SatisfiedSlot]:
    """Which material slots of the published catalogue name ``code`` in their licenseTypes."""
    rows = await LicenseType.raw(
        "SELECT i.code, v.name, v.name_en, m->>'key' AS slot_key, m->>'name' AS slot_name, "
        "m->>'nameEn' AS slot_name_en FROM service_item_version v "
        "JOIN service_item i ON i.id = v.item, jsonb_array_elements(v.materials) m "
        "WHERE v.status = 'published' AND m->'licenseTypes' ? {} ORDER BY i.code, slot_key",
        code,
    )
    return [
        SatisfiedSlot(
            r["code"], r["name"], r["name_en"], r["slot_key"], r["slot_name"], r["slot_name_en"]
        )
        for r in rows
    ]


async def upsert_type(row: LicenseTypeRow) -> None:
    """Create or update a type (by code); seeding and administration both come here."""
    values: dict[Any, Any] = {
        LicenseType.type_code: row.type_code,
        LicenseType.name: row.name,
        LicenseType.name_en: row.name_en,
        LicenseType.department_code: row.department_code,
        LicenseType.category: row.category,
        LicenseType.fields: [
            {"key": f.key, "label": f.label, "labelEn": f.label_en, "answer": f.answer}
            for f in row.fields
        ],
        LicenseType.validity_days: row.validity_days,
        LicenseType.issuing_items: list(row.issuing_items),
    }
    if await LicenseType.exists().where(LicenseType.code == row.code):
        await LicenseType.update(values).where(LicenseType.code == row.code)
        return
    await LicenseType.insert(
        LicenseType(
            code=row.code,
            created_at=clock.now(),
            **{column._meta.name: value for column, value in values.items()},
        )
    )
