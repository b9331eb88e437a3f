"""The applicant's side of a case: start a draft, fill the form, submit, resubmit, withdraw.

A draft is bound to the item's published version when it starts and stays bound to it
(a newer version changes nothing for it). Saving checks the types of what is given and
allows gaps; submission (and resubmission after a correction request) requires every
required answer and material, then checks the identity tier the version asks for:

- basic / intermediate: the person's durable tier now (identity.authz.require_tier);
- advanced: a fresh face step-up bound to ``casework.submit`` and ``{"case": <id>}``,
  spent inside the submission's transaction, so a refused submission leaves it unspent.

For an enterprise application the acting person's tier is checked, and their authority
for the enterprise in the item's category is checked at start and again at submission.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from casework import changes, license_materials, numbers
from casework.access import CaseRow, applicant_case, load_case
from casework.answers import open_answers, seal_answers
from casework.bound_version import BoundVersion, bound_version
from casework.errors import Conflict, FieldProblem, FormInvalid, InvalidInput, NotAccepting
from casework.forms import check_answers, normalised_answers
from casework.handling import checked_reason
from casework.states import Actor, CaseAction, CaseStatus
from casework.tables import Case, CaseMaterial, ServiceItemVersion
from core import clock
from core.audit import service as audit
from core.crypto import KeyMaterial
from core.db import DB
from core.graphql.context import Viewer
from identity import authz, stepup
from identity.runtime import IdentityRuntime
from identity.tiers import Tier

#: Statuses in which the applicant may change answers and materials.
EDITABLE = frozenset({CaseStatus.DRAFT, CaseStatus.CORRECTION_REQUESTED})
STEP_UP_ACTION = "casework.submit"
COURIER = "courier"
MAX_ADDRESS = 300
_APPLICANT = frozenset({Actor.APPLICANT})


def require_editable(case: CaseRow) -> None:
    if case.status not in EDITABLE:
        raise Conflict("This application can no longer be changed.")


async def _published_version(item_code: str) -> dict[str, Any] | None:
    now = clock.now()
    version = ServiceItemVersion
    row: dict[str, Any] | None = (
        await version.select(
            version.id,
            version.item,
            version.item.department.as_alias("department"),
            version.category,
            version.applicant_kinds,
            version.delivery_options,
            version.fee_fen,
            version.valid_from,
        )
        .where((version.item.code == item_code.strip()) & (version.status == "published"))
        .first()
    )
    if row is None or (row["valid_from"] is not None and row["valid_from"] > now):
        return None
    return row


async def start_application(viewer: Viewer, item_code: str) -> CaseRow:
    """A draft case of the item's published version, for the viewer or their enterprise."""
    person_id = authz.require_person(viewer)
    version = await _published_version(item_code)
    if version is None:
        raise NotAccepting("This service is not accepting applications.")
    kinds = set(version["applicant_kinds"] or ())
    enterprise_id: str | None = None
    appointment_id: str | None = None
    if viewer.acting_for is not None:
        if "enterprise" not in kinds:
            raise NotAccepting("Enterprises cannot apply for this service.")
        authority = await authz.require_enterprise_authority(viewer, version["category"])
        enterprise_id, appointment_id = authority.enterprise_id, authority.appointment_id
        applicant = f"enterprise:{enterprise_id}"
    else:
        if "person" not in kinds:
            raise NotAccepting("Only enterprises can apply for this service.")
        applicant = f"person:{person_id}"
    now = clock.now()
    case_id = uuid.uuid4()
    options = list(version["delivery_options"] or ())
    async with DB.transaction():
        await Case.insert(
            Case(
                id=case_id,
                item=version["item"],
                item_version=version["id"],
                department=version["department"],
                applicant=applicant,
                applicant_person=person_id,
                applicant_enterprise=enterprise_id,
                agent_appointment=appointment_id,
                status=CaseStatus.DRAFT.value,
                form_data={},
                fee_fen=version["fee_fen"],
                # The first offered option (the hall, usually) until the applicant picks.
                delivery_method=options[0] if options else None,
                created_at=now,
                updated_at=now,
            )
        )
        await audit.record(
            actor=viewer.subject or "",
            action="casework.start",
            subject_type="case",
            subject_id=str(case_id),
            data={"item_version": str(version["id"]), "applicant_kind": applicant.split(":")[0]},
        )
    return await _reloaded(str(case_id))


async def _reloaded(case_id: str) -> CaseRow:
    case = await load_case(case_id)
    assert case is not None
    return case


async def save_form(
    keys: KeyMaterial,
    viewer: Viewer,
    case_id: str,
    answers: Any,
    *,
    delivery_method: str | None = None,
    delivery_address: str | None = None,
) -> CaseRow:
    """Store the answers (replacing earlier ones) and the delivery choice.

    Every given answer must have the right type and format; missing required answers are
    allowed until submission.
    """
    async with DB.transaction():
        case = await applicant_case(viewer, case_id, lock=True)
        require_editable(case)
        version = await bound_version(case.item_version_id)
        problems = [p for p in check_answers(version.form, answers) if p.reason != "required"]
        if problems:
            raise FormInvalid(problems)
        assert isinstance(answers, Mapping)
        updates: dict[Any, Any] = {
            Case.form_data: seal_answers(
                keys, version.form, normalised_answers(version.form, answers)
            ),
            Case.updated_at: clock.now(),
        }
        if delivery_method is not None:
            if delivery_method not in version.delivery_options:
                raise InvalidInput(
                    "deliveryMethod", "not_offered", "This service does not deliver that way."
                )
            updates[Case.delivery_method] = delivery_method
        if delivery_address is not None:
            address = delivery_address.strip()
            if len(address) > MAX_ADDRESS:
                raise InvalidInput("deliveryAddress", "too_long", "The address is too long.")
            updates[Case.delivery_address] = address or None
        await Case.update(updates).where(Case.id == case.id)
    return await _reloaded(case.id)


async def application_problems(
    keys: KeyMaterial, case: CaseRow, version: BoundVersion
) -> list[FieldProblem]:
    """Everything still missing or wrong before the case can go to the department."""
    problems = check_answers(version.form, open_answers(keys, version.form, case.form_data))
    accepted = await CaseMaterial.select(CaseMaterial.slot).where(
        (CaseMaterial.case == case.id) & (CaseMaterial.status == "accepted")
    )
    filled = {row["slot"] for row in accepted}
    problems.extend(
        FieldProblem(slot.key, "material_missing", f"Please provide: {slot.name_en}.")
        for slot in version.slots
        if slot.required and slot.key not in filled
    )
    # An e-license attached earlier may have been revoked or may have expired since.
    problems.extend(
        FieldProblem(slot, "license_invalid", "The e-license given here no longer checks out.")
        for slot in await license_materials.recheck_case(case.id, actor=case.applicant)
    )
    if version.delivery_options:
        if case.delivery_method not in version.delivery_options:
            problems.append(FieldProblem("deliveryMethod", "required", "Choose a delivery."))
        elif case.delivery_method == COURIER and not case.delivery_address:
            problems.append(FieldProblem("deliveryAddress", "required", "Enter an address."))
    return problems


async def _require_tier(
    runtime: IdentityRuntime,
    viewer: Viewer,
    case: CaseRow,
    version: BoundVersion,
    step_up_id: str | None,
) -> None:
    tier = version.enterprise_tier if case.is_enterprise else version.person_tier
    if tier is Tier.ADVANCED:
        await stepup.consume(
            runtime,
            viewer,
            step_up_id=step_up_id,
            action=STEP_UP_ACTION,
            arguments={"case": case.id},
        )
    elif tier in (Tier.BASIC, Tier.INTERMEDIATE):
        await authz.require_tier(viewer, tier)


async def submit_application(
    runtime: IdentityRuntime, viewer: Viewer, case_id: str, step_up_id: str | None = None
) -> CaseRow:
    """Send the draft to the department: complete, tier checked, numbered."""
    async with DB.transaction():
        case = await applicant_case(viewer, case_id, lock=True)
        edge, role = changes.check(case, CaseAction.SUBMIT, _APPLICANT, None)
        version = await bound_version(case.item_version_id)
        problems = await application_problems(runtime.keys, case, version)
        if problems:
            raise FormInvalid(problems)
        await _require_tier(runtime, viewer, case, version, step_up_id)
        now = clock.now()
        number = await numbers.next_number(case.region_code, now)
        await changes.apply(
            case,
            edge,
            actor=viewer.subject or "",
            role=role,
            reason=None,
            at=now,
            updates={Case.number: number, Case.submitted_at: now},
            details={"number": number},
        )
    return await _reloaded(case.id)


async def resubmit_application(runtime: IdentityRuntime, viewer: Viewer, case_id: str) -> CaseRow:
    """Send a corrected application back to the department (same number)."""
    async with DB.transaction():
        case = await applicant_case(viewer, case_id, lock=True)
        edge, role = changes.check(case, CaseAction.RESUBMIT, _APPLICANT, None)
        version = await bound_version(case.item_version_id)
        problems = await application_problems(runtime.keys, case, version)
        if problems:
            raise FormInvalid(problems)
        now = clock.now()
        await changes.apply(case, edge, actor=viewer.subject or "", role=role, reason=None, at=now)
    return await _reloaded(case.id)


async def withdraw_application(viewer: Viewer, case_id: str, reason: str) -> CaseRow:
    """Withdraw the application before a decision; the reason is kept in the timeline."""
    reason_text = checked_reason(reason)
    async with DB.transaction():
        case = await applicant_case(viewer, case_id, lock=True)
        edge, role = changes.check(case, CaseAction.WITHDRAW, _APPLICANT, reason_text)
        await changes.apply(
            case, edge, actor=viewer.subject or "", role=role, reason=reason_text, at=clock.now()
        )
    return await _reloaded(case.id)
