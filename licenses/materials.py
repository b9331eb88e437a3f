"""Zero materials (免提交): a material slot filled by one of the applicant's e-licenses.

The applicant picks a license instead of uploading; it must be theirs (the person, or
the enterprise the case is for), of a type the slot accepts, and check out now
(signature, claims, status, dates). Attaching it consents to the case's service item
reading it until the consent's expiry, and every later check — at submission and when
staff start the review or approve (casework.license_materials) — is a logged read under
that consent, so the holder's access log shows the department's use.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from casework.access import CaseRow, applicant_case, load_case
from casework.applications import require_editable
from casework.bound_version import bound_version
from casework.license_materials import register_checker
from casework.material_rows import ACCEPTED, LICENSE, MaterialRow, material_row
from casework.tables import Case, CaseMaterial
from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from licenses import access, records, sharing
from licenses.errors import ConsentRefused, LicenseInvalid, NotHolder, SlotNotSatisfiable
from licenses.offline import Outcome
from licenses.records import LicenseRecord
from licenses.runtime import LicenseRuntime
from licenses.verification import verify_record

__all__ = ["install", "usable_licenses", "use_license_for_material"]

#: How long attaching a license lets the case's item read it (covers the statutory time).
CONSENT_DAYS = 180


def _holds(record: LicenseRecord, case: CaseRow) -> bool:
    """Whether ``record`` belongs to the case's applicant (the enterprise for its cases)."""
    if case.applicant_enterprise_id is not None:
        return record.holder_kind == "enterprise" and (
            str(record.holder_enterprise) == case.applicant_enterprise_id
        )
    return record.holder_kind == "person" and str(record.holder_person) == (
        case.applicant_person_id
    )


async def usable_licenses(viewer: Viewer, case_id: str, slot: str) -> list[LicenseRecord]:
    """The applicant's licenses of the slot's types that are valid now."""
    case = await applicant_case(viewer, case_id)
    version = await bound_version(case.item_version_id)
    material_slot = version.slot(slot)
    if material_slot is None or not material_slot.license_types:
        return []
    holder_column = "l.holder_enterprise" if case.applicant_enterprise_id else "l.holder_person"
    holder = case.applicant_enterprise_id or case.applicant_person_id
    found = await records.select_records(
        f"{holder_column} = {{}} AND l.license_type = ANY({{}}) AND l.status = 'valid'",
        uuid.UUID(holder),
        list(material_slot.license_types),
        tail="ORDER BY l.issued_at DESC",
    )
    now = clock.now()
    return [record for record in found if record.shown_status(now) == "valid"]


async def use_license_for_material(
    runtime: LicenseRuntime, viewer: Viewer, case_id: str, slot: str, license_id: str
) -> MaterialRow:
    """Fill ``slot`` of the applicant's editable case with a license (replacing one given
    there before); refused unless it is theirs, of an accepted type and checks out."""
    record = await records.by_id(access.as_uuid(license_id))
    async with DB.transaction():
        case = await applicant_case(viewer, case_id, lock=True)
        require_editable(case)
        version = await bound_version(case.item_version_id)
        material_slot = version.slot(slot)
        if material_slot is None or not material_slot.license_types:
            raise SlotNotSatisfiable("This material cannot be given as an e-license.")
        if record is None or not _holds(record, case):
            raise NotHolder("That e-license is not the applicant's.")
        if record.type_code not in material_slot.license_types:
            raise SlotNotSatisfiable("That kind of e-license does not satisfy this material.")
        verdict = await verify_record(record, at=clock.now(), store=runtime.store)
        if verdict.outcome is not Outcome.VALID:
            raise LicenseInvalid(f"The e-license does not check out ({verdict.outcome.value}).")
        await CaseMaterial.delete().where(
            (CaseMaterial.case == case.id)
            & (CaseMaterial.slot == slot)
            & (CaseMaterial.source == LICENSE)
        )
        now = clock.now()
        material_id = uuid.uuid4()
        await CaseMaterial.insert(
            CaseMaterial(
                id=material_id,
                case=case.id,
                slot=slot,
                source=LICENSE,
                status=ACCEPTED,
                file_name=record.type_name,
                license_reference=record.identifier,
                verified_at=now,
                created_at=now,
                confirmed_at=now,
            )
        )
        await Case.update({Case.updated_at: now}).where(Case.id == case.id)
        await sharing.grant_consent(
            record,
            actor=viewer.subject or "",
            department_code=None,
            service_item_code=case.item_code,
            purpose=f"办件材料 / application material: {material_slot.name}",
            expires_at=now + timedelta(days=CONSENT_DAYS),
        )
        await audit.record(
            actor=viewer.subject or "",
            action="casework.material_license_used",
            subject_type="case",
            subject_id=case.id,
            data={"slot": slot, "license": str(record.id)},
        )
        row = await CaseMaterial.select().where(CaseMaterial.id == material_id).first()
    assert row is not None
    return material_row(row)


def install(runtime: LicenseRuntime) -> None:
    """Let casework re-check license materials through this domain (call at start-up)."""

    async def check(reference: str, *, case_id: str, actor: str) -> bool:
        found = await records.select_records("l.identifier = {}", reference)
        case = await load_case(case_id)
        if not found or case is None or not _holds(found[0], case):
            return False
        try:
            await sharing.consented_read(
                found[0],
                actor=actor,
                department_code=case.department_code,
                purpose="办件材料核验 / checking an application material",
            )
        except ConsentRefused:
            return False
        verdict = await verify_record(found[0], at=clock.now(), store=runtime.store)
        return verdict.outcome is Outcome.VALID

    register_checker(check)
