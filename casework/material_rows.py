"""Materials as stored (``case_material`` rows) and what readers get of them.

Shared by the upload flow (casework.materials), the e-license flow to come (rows with
source ``"license"``) and the Case type. A download is a presigned GET of an accepted
upload, for whoever the caller decided may have it (casework.access.may_download).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from casework.tables import CaseMaterial
from core.objectstore import ObjectStore

UPLOAD = "upload"
LICENSE = "license"
PENDING = "pending"
ACCEPTED = "accepted"
#: How long an upload URL (and a download URL) lives.
URL_SECONDS = 300


@dataclass(frozen=True, slots=True)
class MaterialRow:
    id: str
    case_id: str
    slot: str
    source: str
    status: str
    object_key: str | None
    file_name: str | None
    content_type: str | None
    size_bytes: int | None
    license_reference: str | None
    verified_at: datetime | None
    created_at: datetime


def material_row(row: dict[str, Any]) -> MaterialRow:
    return MaterialRow(
        id=str(row["id"]),
        case_id=str(row["case"]),
        slot=row["slot"],
        source=row["source"],
        status=row["status"],
        object_key=row["object_key"],
        file_name=row["file_name"],
        content_type=row["content_type"],
        size_bytes=row["size_bytes"],
        license_reference=row["license_reference"],
        verified_at=row["verified_at"],
        created_at=row["created_at"],
    )


async def materials_of(case_ids: list[str]) -> dict[str, list[MaterialRow]]:
    """Each case's materials, oldest first (for the Case type's DataLoader)."""
    found: dict[str, list[MaterialRow]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return found
    rows = (
        await CaseMaterial.select()
        .where(CaseMaterial.case.is_in([uuid.UUID(c) for c in case_ids]))
        .order_by(CaseMaterial.created_at)
        .order_by(CaseMaterial.id)
    )
    for row in rows:
        material = material_row(row)
        found.setdefault(material.case_id, []).append(material)
    return found


async def load_material(material_id: str) -> MaterialRow | None:
    try:
        key = uuid.UUID(material_id)
    except ValueError:
        return None
    row = await CaseMaterial.select().where(CaseMaterial.id == key).first()
    return None if row is None else material_row(row)


async def download_url(objects: ObjectStore, material: MaterialRow) -> str | None:
    """A presigned GET (≤ 300 s) for an accepted upload; callers check who may have it."""
    if material.source != UPLOAD or material.status != ACCEPTED or material.object_key is None:
        return None
    return await objects.presigned_get_url(material.object_key, URL_SECONDS)
