"""What the item version a case is bound to asks for: form, material slots, tiers, limits.

A case keeps the version it applied under, so every check of an application reads that
version, never the item's current one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from casework.errors import NotFound
from casework.forms import FormField, MaterialSlot, parse_form, parse_materials
from casework.tables import ServiceItemVersion
from identity.tiers import Tier, parse_tier


@dataclass(frozen=True, slots=True)
class BoundVersion:
    id: str
    form: tuple[FormField, ...]
    slots: tuple[MaterialSlot, ...]
    person_tier: Tier
    enterprise_tier: Tier
    statutory_days: int
    promised_days: int
    delivery_options: tuple[str, ...]
    fee_fen: int | None

    def slot(self, key: str) -> MaterialSlot | None:
        return next((slot for slot in self.slots if slot.key == key), None)


_COLUMNS = (
    ServiceItemVersion.id,
    ServiceItemVersion.form,
    ServiceItemVersion.materials,
    ServiceItemVersion.person_tier,
    ServiceItemVersion.enterprise_tier,
    ServiceItemVersion.statutory_days,
    ServiceItemVersion.promised_days,
    ServiceItemVersion.delivery_options,
    ServiceItemVersion.fee_fen,
)


def _of(row: dict[str, Any]) -> BoundVersion:
    return BoundVersion(
        id=str(row["id"]),
        form=tuple(parse_form(row["form"])),
        slots=tuple(parse_materials(row["materials"])),
        person_tier=parse_tier(row["person_tier"]),
        enterprise_tier=parse_tier(row["enterprise_tier"]),
        statutory_days=int(row["statutory_days"]),
        promised_days=int(row["promised_days"]),
        delivery_options=tuple(row["delivery_options"] or ()),
        fee_fen=row["fee_fen"],
    )


async def bound_version(version_id: str) -> BoundVersion:
    row = (
        await ServiceItemVersion.select(*_COLUMNS)
        .output(load_json=True)
        .where(ServiceItemVersion.id == version_id)
        .first()
    )
    if row is None:  # a case's foreign key makes this impossible
        raise NotFound("No such service item version.")
    return _of(row)


async def bound_versions(version_ids: Sequence[str]) -> list[BoundVersion | None]:
    """Several versions at once, in the order asked (for a DataLoader)."""
    keys = [uuid.UUID(v) for v in version_ids]
    rows = (
        await ServiceItemVersion.select(*_COLUMNS)
        .output(load_json=True)
        .where(ServiceItemVersion.id.is_in(keys))
        if keys
        else []
    )
    found = {str(row["id"]): _of(row) for row in rows}
    return [found.get(str(key)) for key in keys]
