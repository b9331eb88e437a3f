"""Rows the casework tests start from, inserted directly (not through the catalogue API),
so a test of cases does not depend on the catalogue's admin flow."""

from __future__ import annotations

import uuid
from typing import Any

from casework.tables import ServiceItem, ServiceItemVersion
from core import clock
from reference.tables import Department, Region

PHOTO_SLOT: dict[str, Any] = {
    "key": "photo",
    "name": "近期免冠照片",
    "nameEn": "Recent photo",
    "required": True,
    "acceptedTypes": ["image/jpeg", "image/png"],
    "maxFiles": 1,
    "maxBytes": 1024 * 1024,
    "licenseTypes": [],
}
PROOF_SLOT: dict[str, Any] = {
    "key": "proof",
    "name": "居住证明",
    "nameEn": "Proof of residence",
    "required": False,
    "acceptedTypes": ["application/pdf", "image/jpeg"],
    "maxFiles": 2,
    "maxBytes": 2 * 1024 * 1024,
    "licenseTypes": ["residence-record"],
}
REASON_FIELD: dict[str, Any] = {
    "key": "reason",
    "label": "申请事由",
    "labelEn": "Reason",
    "type": "textarea",
    "required": True,
    "minLength": 2,
    "maxLength": 200,
}
COPIES_FIELD: dict[str, Any] = {
    "key": "copies",
    "label": "份数",
    "labelEn": "Copies",
    "type": "number",
    "required": False,
    "min": 1,
    "max": 5,
}


async def ensure_department(code: str, *, region_code: str | None = None) -> int:
    """The department ``code`` (and its region), inserted if the test database lacks it."""
    rows = await Department.select(Department.id).where(Department.code == code)
    if rows:
        return int(rows[0]["id"])
    region_code = region_code or code.split("-", 1)[0]
    region = await Region.select(Region.id).where(Region.code == region_code).first()
    if region is None:
        await Region.insert(
            Region(
                code=region_code,
                name="福州市",
                name_en="Fuzhou",
                level="city",
                parent_code=region_code[:2] + "0000",
            )
        )
        region = await Region.select(Region.id).where(Region.code == region_code).first()
    assert region is not None
    await Department.insert(
        Department(
            code=code,
            name=f"{code} 部门",
            name_en=f"Department {code}",
            category="government-services",
            region=region["id"],
        )
    )
    rows = await Department.select(Department.id).where(Department.code == code)
    return int(rows[0]["id"])


async def publish_item(
    code: str = "350100-TEST-0001",
    *,
    department: str = "350100-ZW",
    status: str = "published",
    **overrides: Any,
) -> tuple[str, str]:
    """A service item with one version (published by default): (item id, version id)."""
    department_id = await ensure_department(department)
    now = clock.now()
    existing = await ServiceItem.select(ServiceItem.id).where(ServiceItem.code == code)
    if existing:
        item_id = existing[0]["id"]
    else:
        item_id = uuid.uuid4()
        await ServiceItem.insert(
            ServiceItem(
                id=item_id,
                code=code,
                department=department_id,
                region_code=department.split("-", 1)[0],
                created_at=now,
            )
        )
    versions = await ServiceItemVersion.count().where(ServiceItemVersion.item == item_id)
    fields: dict[str, Any] = {
        "name": "居住证签注",
        "name_en": "Residence permit endorsement",
        "category": "public-security",
        "applicant_kinds": ["person"],
        "conditions": "在本市居住满半年。",
        "conditions_en": "Lived in the city for six months.",
        "materials": [PHOTO_SLOT, PROOF_SLOT],
        "form": [REASON_FIELD, COPIES_FIELD],
        "fee_fen": None,
        "statutory_days": 10,
        "promised_days": 5,
        "person_tier": "basic",
        "enterprise_tier": "basic",
        "delivery_options": ["hall", "courier"],
        "fully_online": True,
        "search_terms": [],
        "search_text": "",
    }
    fields.update(overrides)
    version_id = uuid.uuid4()
    await ServiceItemVersion.insert(
        ServiceItemVersion(
            id=version_id,
            item=item_id,
            version=versions + 1,
            status=status,
            valid_from=now if status == "published" else None,
            created_at=now,
            created_by="test",
            published_at=now if status == "published" else None,
            **fields,
        )
    )
    return str(item_id), str(version_id)
