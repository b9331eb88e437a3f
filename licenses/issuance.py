"""Issuing a license when a case of a license-issuing item completes.

The case's COMPLETED status is the outbox: the issuance job (every minute, and directly
callable) looks for completed cases owed a license and issues each in one transaction —
serial and status-list index allocated, payload signed with the department's seal
(audited), PDF rendered and written to the licenses bucket with its SHA-256 recorded,
the license row and its "issued" event inserted. A per-case advisory lock plus the
unique ``license.case`` make a retried or doubled job issue once. The PDF is written
under the license's own UUID, so a transaction that rolls back after the write leaves an
orphan object (write-once storage cannot delete it) but never blocks the retry.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from casework.access import load_case
from casework.answers import CONTEXTS
from casework.bound_version import bound_version
from casework.forms import FieldType, FormField
from casework.numbers import shanghai_date
from casework.states import CaseStatus
from core import clock
from core.audit import service as audit
from core.crypto import canonical_json, mask_id_number, mask_name
from core.db import DB
from identity import pii
from identity.tables import Enterprise, Person
from licenses import seals, status_list
from licenses.identifiers import compose, department_credit_code
from licenses.payload import Holder, build_claims, holder_digest
from licenses.rendering import LicenseDocument, render_license_pdf
from licenses.runtime import LicenseRuntime
from licenses.states import LicenseAction, LicenseStatus
from licenses.tables import License, LicenseEvent
from licenses.types import LicenseTypeRow, type_for_item
from reference.tables import Department

__all__ = ["HolderRef", "Issued", "issue", "issue_for_case", "issue_pending"]

SYSTEM_ACTOR = "system:licenses"
_PDF = "application/pdf"
_SHORT_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (0/o, 1/l/i)


@dataclass(frozen=True, slots=True)
class HolderRef:
    kind: str  # person | enterprise
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Issued:
    license_id: uuid.UUID
    identifier: str
    created: bool


@dataclass(frozen=True, slots=True)
class _HolderFacts:
    claims: Holder
    printed_name: str
    printed_label: str


async def _holder_facts(runtime: LicenseRuntime, holder: HolderRef) -> _HolderFacts:
    if holder.kind == "person":
        person = (
            await Person.select(Person.name, Person.id_number_enc)
            .where(Person.id == holder.id)
            .first()
        )
        if person is None:
            raise LookupError("holder person not found")
        id_number = pii.unseal(runtime.keys, person["id_number_enc"], pii.ID_NUMBER)
        digest, salt = holder_digest(id_number)
        masked_id = mask_id_number(id_number)
        return _HolderFacts(
            Holder("person", mask_name(person["name"]), masked_id, digest, salt),
            person["name"],
            masked_id,
        )
    enterprise = (
        await Enterprise.select(Enterprise.name, Enterprise.credit_code)
        .where(Enterprise.id == holder.id)
        .first()
    )
    if enterprise is None:
        raise LookupError("holder enterprise not found")
    return _HolderFacts(
        Holder("enterprise", enterprise["name"], enterprise["credit_code"]),
        enterprise["name"],
        enterprise["credit_code"],
    )


async def _department(code: str) -> dict[str, Any]:
    rows = await Department.raw(
        "SELECT d.code, d.name, d.name_en, r.code AS region_code FROM department d "
        "JOIN region r ON r.id = d.region WHERE d.code = {}",
        code,
    )
    if not rows:
        raise LookupError(f"department {code!r} not found")
    return dict(rows[0])


async def _next_serial(type_code: str, department_code: str) -> int:
    rows = await License.raw(
        "INSERT INTO license_serial_counter (key, last) VALUES ({}, 1) "
        "ON CONFLICT (key) DO UPDATE SET last = license_serial_counter.last + 1 "
        "RETURNING last",
        f"{type_code}.{department_code}",
    )
    return int(rows[0]["last"])


#: A block takes new licenses until it is this full; then the next block (list) starts, so
#: a random free position is found in a few tries.
_BLOCK_FILL = status_list.LIST_BITS * 9 // 10


async def _next_status_index() -> int:
    """A random free position in the current status-list block (call inside a transaction).

    Random, not sequential (the W3C note's advice): neighbouring indexes would tell anyone
    holding two licenses which was issued first. The sequence only counts allocations to
    choose the block. A candidate is claimed with a transaction-scoped advisory lock, so two
    issuances in flight cannot take the same one; a position already used by a committed
    license is skipped.
    """
    rows = await License.raw("SELECT nextval('license_status_index') AS allocated")
    block = int(rows[0]["allocated"]) // _BLOCK_FILL
    for _ in range(200):
        candidate = block * status_list.LIST_BITS + secrets.randbelow(status_list.LIST_BITS)
        rows = await License.raw(
            "SELECT pg_try_advisory_xact_lock(hashtext('license-status-index'), {}) AS mine, "
            "EXISTS (SELECT 1 FROM license WHERE status_index = {}) AS taken",
            candidate,
            candidate,
        )
        if rows[0]["mine"] and not rows[0]["taken"]:
            return candidate
    raise RuntimeError("no free status-list position found; the block is too full")


def _short_code() -> str:
    return "".join(secrets.choice(_SHORT_ALPHABET) for _ in range(10))


async def issue(
    runtime: LicenseRuntime,
    *,
    license_type: LicenseTypeRow,
    holder: HolderRef,
    fields: Sequence[tuple[str, str]],
    at: datetime,
    case_id: uuid.UUID | None = None,
    case_number: str | None = None,
    actor: str = SYSTEM_ACTOR,
) -> Issued:
    """Issue one license now; call inside a transaction (the caller's, or this one's)."""
    department = await _department(license_type.department_code)
    seal = await seals.ensure_seal(
        runtime.keys, runtime.store, department_code=department["code"], actor=actor
    )
    facts = await _holder_facts(runtime, holder)
    credit_code = department_credit_code(department["code"], department["region_code"])
    async with DB.transaction():
        serial = await _next_serial(license_type.type_code, department["code"])
        identifier = compose(license_type.type_code, credit_code, serial)
        status_index = await _next_status_index()
        number = status_list.list_number(status_index)
        valid_until = (
            None
            if license_type.validity_days is None
            else at + timedelta(days=license_type.validity_days)
        )
        labelled = {f.key: f for f in license_type.fields}
        claims = build_claims(
            identifier=identifier,
            type_code=license_type.type_code,
            type_key=license_type.code,
            type_name=license_type.name,
            department=(department["code"], department["name"], credit_code),
            holder=facts.claims,
            fields=fields,
            valid_from=at,
            valid_until=valid_until,
            issued_at=at,
            status_index=status_index,
            status_urls={
                purpose: runtime.status_list_url(purpose, number)
                for purpose in status_list.PURPOSES
            },
        )
        payload = canonical_json(claims)
        license_id = uuid.uuid4()
        token = await seals.sign(
            runtime.keys,
            seal,
            payload,
            actor=actor,
            subject_type="license",
            subject_id=str(license_id),
        )
        short_code = _short_code()
        pdf = render_license_pdf(
            LicenseDocument(
                identifier=identifier,
                type_name=license_type.name,
                type_name_en=license_type.name_en,
                department_name=department["name"],
                department_name_en=department["name_en"],
                holder_name=facts.printed_name,
                holder_label=facts.printed_label,
                fields=[
                    (labelled[key].label, labelled[key].label_en, value)
                    for key, value in fields
                    if key in labelled
                ],
                valid_from=shanghai_date(at),
                valid_until=None if valid_until is None else shanghai_date(valid_until),
                issued_at=at,
                verify_url=runtime.verify_url(short_code),
                signed_payload=token,
                seal_png=await seals.seal_image(runtime.store, seal),
            )
        )
        pdf_key = f"licenses/{shanghai_date(at):%Y/%m}/{license_id}.pdf"
        info = await runtime.store.put(pdf_key, pdf, _PDF)
        await License.insert(
            License(
                id=license_id,
                identifier=identifier,
                short_code=short_code,
                license_type=license_type.code,
                department_code=department["code"],
                holder_kind=holder.kind,
                holder_person=holder.id if holder.kind == "person" else None,
                holder_enterprise=holder.id if holder.kind == "enterprise" else None,
                case=case_id,
                fields=[
                    {
                        "key": key,
                        "label": labelled[key].label if key in labelled else key,
                        "labelEn": labelled[key].label_en if key in labelled else key,
                        "value": value,
                    }
                    for key, value in fields
                ],
                valid_from=at,
                valid_until=valid_until,
                status=LicenseStatus.VALID.value,
                status_index=status_index,
                kid=seal.kid,
                payload=payload.decode(),
                jws=token,
                pdf_key=pdf_key,
                pdf_sha256=info.sha256 or "",
                issued_at=at,
            )
        )
        await LicenseEvent.insert(
            LicenseEvent(
                id=uuid.uuid4(),
                license=license_id,
                action=LicenseAction.ISSUE.value,
                from_status=None,
                to_status=LicenseStatus.VALID.value,
                reason=None,
                actor=actor,
                at=at,
            )
        )
        await audit.record(
            actor=actor,
            action="licenses.issued",
            subject_type="license",
            subject_id=str(license_id),
            data={
                "type": license_type.code,
                "department": department["code"],
                "kid": seal.kid,
                "case_number": case_number,
                "pdf_sha256": info.sha256,
            },
        )
    return Issued(license_id, identifier, created=True)


def _shown_answer(field: FormField | None, value: object) -> str | None:
    """An answer as the license prints it: an option's label, yes/no, or the text.

    Identifier answers (phone, ID number) are stored encrypted and are never copied onto a
    license — a type that maps one is misconfigured, and the field is left out.
    """
    if field is None or field.type in CONTEXTS or value is None or value == "":
        return None
    if field.options:
        return next((o.label for o in field.options if o.value == value), str(value))
    if field.type is FieldType.BOOLEAN:
        return "是" if value is True else "否"
    return str(value)


async def issue_for_case(runtime: LicenseRuntime, case_id: uuid.UUID) -> Issued | None:
    """The license a completed case is owed, issued once; None if its item issues none."""
    case = await load_case(str(case_id))
    if case is None or case.status is not CaseStatus.COMPLETED:
        return None
    license_type = await type_for_item(case.item_code)
    if license_type is None:
        return None
    async with DB.transaction():
        # Two workers (or a retry racing the first run) serialise here; the loser then
        # finds the license the winner committed.
        await License.raw(
            "SELECT pg_advisory_xact_lock(hashtext('license-issue'), hashtext({}))", str(case_id)
        )
        existing = await License.select(License.id, License.identifier).where(
            License.case == case_id
        )
        if existing:
            return Issued(existing[0]["id"], existing[0]["identifier"], created=False)
        form = {f.key: f for f in (await bound_version(case.item_version_id)).form}
        fields = [
            (f.key, shown)
            for f in license_type.fields
            if (shown := _shown_answer(form.get(f.answer), case.form_data.get(f.answer)))
            is not None
        ]
        holder = (
            HolderRef("enterprise", uuid.UUID(case.applicant_enterprise_id))
            if case.applicant_enterprise_id is not None
            else HolderRef("person", uuid.UUID(case.applicant_person_id))
        )
        issued = await issue(
            runtime,
            license_type=license_type,
            holder=holder,
            fields=fields,
            at=case.completed_at or clock.now(),
            case_id=case_id,
            case_number=case.number,
        )
    return issued


async def issue_pending(runtime: LicenseRuntime, *, limit: int = 100) -> list[Issued]:
    """Issue what completed cases are still owed (oldest first); the job calls this."""
    rows = await License.raw(
        "SELECT c.id FROM casework_case c JOIN service_item i ON i.id = c.item "
        "JOIN license_type t ON i.code = ANY(t.issuing_items) "
        'LEFT JOIN license l ON l."case" = c.id '
        "WHERE c.status = 'completed' AND l.id IS NULL "
        "ORDER BY c.completed_at LIMIT {}",
        limit,
    )
    issued = []
    for row in rows:
        result = await issue_for_case(runtime, row["id"])
        if result is not None:
            issued.append(result)
    return issued
