"""What a person (or staff member) sees about themselves: masked identifiers, tier, evidence."""

from __future__ import annotations

from dataclasses import dataclass

from core.crypto import KeyMaterial
from identity import evidence
from identity.errors import NotFound
from identity.pii import masked_id_number, masked_phone
from identity.tables import Person, StaffMember
from identity.tiers import Tier, parse_tier


@dataclass(frozen=True, slots=True)
class PersonProfile:
    id: str
    name: str
    masked_id_number: str
    masked_phone: str
    sex: str
    ethnicity: str
    tier: Tier
    evidence: list[evidence.EvidenceRecord]


@dataclass(frozen=True, slots=True)
class StaffProfile:
    id: str
    username: str
    name: str
    department_code: str | None
    department_name: str | None
    roles: tuple[str, ...]
    active: bool


async def person_profile(keys: KeyMaterial, person_id: str) -> PersonProfile:
    rows = await Person.select().where(Person.id == person_id)
    if not rows:
        raise NotFound("No such person.")
    row = rows[0]
    return PersonProfile(
        id=str(row["id"]),
        name=row["name"],
        masked_id_number=masked_id_number(keys, row["id_number_enc"]),
        masked_phone=masked_phone(keys, row["phone_enc"]),
        sex=row["sex"],
        ethnicity=row["ethnicity"],
        tier=parse_tier(row["tier"]),
        evidence=await evidence.list_evidence(f"person:{person_id}"),
    )


async def staff_profile(staff_id: str) -> StaffProfile:
    rows = await StaffMember.select(
        *StaffMember.all_columns(),
        StaffMember.department.code.as_alias("department_code"),
        StaffMember.department.name.as_alias("department_name"),
    ).where(StaffMember.id == staff_id)
    if not rows:
        raise NotFound("No such staff member.")
    row = rows[0]
    return StaffProfile(
        id=str(row["id"]),
        username=row["username"],
        name=row["name"],
        department_code=row["department_code"],
        department_name=row["department_name"],
        roles=tuple(row["roles"]),
        active=row["active"],
    )
