"""Sharing a license under the holder's explicit consent, and the access log.

A consent names one grantee — a department, or a service item (whose department handles
it) — a purpose and an expiry; the holder may withdraw it at any time. Staff read a
shared license only while a consent for their department is live; every attempt, granted
or refused, is written to the access log (which the holder reads) and to the audit chain.
A refusal is logged in its own transaction before the error reaches the caller, so a
refused read can never be rolled away.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from identity import authz
from licenses import access, records
from licenses.errors import ConsentRefused, InvalidInput, NotFound
from licenses.records import LicenseRecord, public_holder_name
from licenses.tables import LicenseAccess, LicenseConsent

__all__ = [
    "AccessRow",
    "ConsentRow",
    "DepartmentGrant",
    "access_log",
    "consents_of",
    "grant_consent",
    "read_shared",
    "share",
    "shared_with_department",
    "withdraw",
]

MIN_PURPOSE, MAX_PURPOSE = 4, 200
#: How many live consents the department's list shows (newest first).
DEPARTMENT_GRANTS_LIMIT = 100
CONSENT_REQUIRED = "CONSENT_REQUIRED"
CONSENT_EXPIRED = "CONSENT_EXPIRED"
CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN"

_CONSENT_COLUMNS = (
    "k.id, k.license, k.department_code, k.service_item_code, k.purpose, k.expires_at, "
    "k.created_at, k.withdrawn_at, coalesce(d.code, id_.code) AS grantee_department, "
    "coalesce(d.name, id_.name) AS department_name, v.name AS item_name"
)
_CONSENT_FROM = (
    "FROM license_consent k "
    "LEFT JOIN department d ON d.code = k.department_code "
    "LEFT JOIN service_item i ON i.code = k.service_item_code "
    "LEFT JOIN department id_ ON id_.id = i.department "
    "LEFT JOIN service_item_version v ON v.item = i.id AND v.status = 'published'"
)


@dataclass(frozen=True, slots=True)
class ConsentRow:
    id: uuid.UUID
    license_id: uuid.UUID
    department_code: str | None
    service_item_code: str | None
    grantee_department: str | None
    department_name: str | None
    item_name: str | None
    purpose: str
    expires_at: datetime
    created_at: datetime
    withdrawn_at: datetime | None

    def live(self, at: datetime) -> bool:
        return self.withdrawn_at is None and at < self.expires_at


@dataclass(frozen=True, slots=True)
class AccessRow:
    id: uuid.UUID
    license_id: uuid.UUID
    at: datetime
    department_code: str
    department_name: str
    purpose: str
    granted: bool
    refusal: str | None


async def _consents(where: str, *args: object) -> list[ConsentRow]:
    rows = await LicenseConsent.raw(
        f"SELECT {_CONSENT_COLUMNS} {_CONSENT_FROM} WHERE {where} ORDER BY k.created_at DESC",
        *args,
    )
    return [
        ConsentRow(
            id=row["id"],
            license_id=row["license"],
            department_code=row["department_code"],
            service_item_code=row["service_item_code"],
            grantee_department=row["grantee_department"],
            department_name=row["department_name"],
            item_name=row["item_name"],
            purpose=row["purpose"],
            expires_at=row["expires_at"],
            created_at=row["created_at"],
            withdrawn_at=row["withdrawn_at"],
        )
        for row in rows
    ]


def _purpose(text: str, field: str = "purpose") -> str:
    purpose = (text or "").strip()
    if not MIN_PURPOSE <= len(purpose) <= MAX_PURPOSE:
        raise InvalidInput(
            field, "length", f"Say the purpose in {MIN_PURPOSE} to {MAX_PURPOSE} characters."
        )
    return purpose


async def grant_consent(
    record: LicenseRecord,
    *,
    actor: str,
    department_code: str | None,
    service_item_code: str | None,
    purpose: str,
    expires_at: datetime,
) -> ConsentRow:
    """Insert a consent (checked by the caller) and audit it; inside any transaction."""
    consent_id = uuid.uuid4()
    async with DB.transaction():
        await LicenseConsent.insert(
            LicenseConsent(
                id=consent_id,
                license=record.id,
                department_code=department_code,
                service_item_code=service_item_code,
                purpose=purpose,
                expires_at=expires_at,
                withdrawn_at=None,
                created_by=actor,
                created_at=clock.now(),
            )
        )
        await audit.record(
            actor=actor,
            action="licenses.consent_given",
            subject_type="license",
            subject_id=str(record.id),
            data={
                "consent": str(consent_id),
                "department": department_code,
                "service_item": service_item_code,
                "expires_at": expires_at.isoformat(),
            },
        )
    found = await _consents("k.id = {}", consent_id)
    return found[0]


async def share(
    viewer: Viewer,
    license_id: str,
    *,
    department_code: str | None,
    service_item_code: str | None,
    purpose: str,
    expires_at: datetime,
    max_days: int,
) -> ConsentRow:
    """The holder consents to one grantee reading the license for a purpose, until expiry."""
    record = await access.holder_license(viewer, license_id)
    department_code = (department_code or "").strip() or None
    service_item_code = (service_item_code or "").strip() or None
    if (department_code is None) == (service_item_code is None):
        raise InvalidInput(
            "departmentCode", "one_grantee", "Choose a department or a service item."
        )
    text = _purpose(purpose)
    now = clock.now()
    if expires_at.tzinfo is None:
        raise InvalidInput("expiresAt", "timezone", "Give the expiry with a time zone.")
    if expires_at <= now:
        raise InvalidInput("expiresAt", "past", "The expiry must be in the future.")
    if expires_at > now + timedelta(days=max_days):
        raise InvalidInput("expiresAt", "too_far", f"Share for at most {max_days} days.")
    if department_code is not None:
        known = await LicenseConsent.raw(
            "SELECT 1 FROM department WHERE code = {}", department_code
        )
        if not known:
            raise InvalidInput("departmentCode", "unknown", "No such department.")
    else:
        known = await LicenseConsent.raw(
            "SELECT 1 FROM service_item WHERE code = {}", service_item_code
        )
        if not known:
            raise InvalidInput("serviceItemCode", "unknown", "No such service item.")
    return await grant_consent(
        record,
        actor=viewer.subject or "",
        department_code=department_code,
        service_item_code=service_item_code,
        purpose=text,
        expires_at=expires_at,
    )


async def withdraw(viewer: Viewer, consent_id: str) -> ConsentRow:
    authz.require_person(viewer)
    found = await _consents("k.id = {}", access.as_uuid(consent_id, "consent"))
    if not found:
        raise NotFound("No such consent.")
    consent = found[0]
    record = await access.holder_license(viewer, str(consent.license_id))
    if consent.withdrawn_at is None:
        async with DB.transaction():
            await LicenseConsent.update({LicenseConsent.withdrawn_at: clock.now()}).where(
                LicenseConsent.id == consent.id
            )
            await audit.record(
                actor=viewer.subject or "",
                action="licenses.consent_withdrawn",
                subject_type="license",
                subject_id=str(record.id),
                data={"consent": str(consent.id)},
            )
    return (await _consents("k.id = {}", consent.id))[0]


async def consents_of(viewer: Viewer, license_id: str) -> list[ConsentRow]:
    record = await access.holder_license(viewer, license_id)
    return await _consents("k.license = {}", record.id)


async def access_log(viewer: Viewer, license_id: str) -> list[AccessRow]:
    record = await access.holder_license(viewer, license_id)
    rows = await LicenseAccess.raw(
        "SELECT a.id, a.license, a.at, a.department_code, d.name AS department_name, "
        "a.purpose, a.granted, a.refusal FROM license_access a "
        "JOIN department d ON d.code = a.department_code "
        "WHERE a.license = {} ORDER BY a.at DESC, a.id LIMIT 200",
        record.id,
    )
    return [
        AccessRow(
            id=row["id"],
            license_id=row["license"],
            at=row["at"],
            department_code=row["department_code"],
            department_name=row["department_name"],
            purpose=row["purpose"],
            granted=row["granted"],
            refusal=row["refusal"],
        )
        for row in rows
    ]


async def _log_access(
    record: LicenseRecord,
    *,
    actor: str,
    department_code: str,
    purpose: str,
    consent: ConsentRow | None,
    refusal: str | None,
) -> None:
    async with DB.transaction():
        await LicenseAccess.insert(
            LicenseAccess(
                id=uuid.uuid4(),
                license=record.id,
                consent=None if consent is None else consent.id,
                accessor=actor,
                department_code=department_code,
                purpose=purpose,
                granted=refusal is None,
                refusal=refusal,
                at=clock.now(),
            )
        )
        await audit.record(
            actor=actor,
            action="licenses.access_granted" if refusal is None else "licenses.access_refused",
            subject_type="license",
            subject_id=str(record.id),
            data={
                "department": department_code,
                "consent": None if consent is None else str(consent.id),
                "refusal": refusal,
            },
        )


def _refusal(consents: list[ConsentRow], at: datetime) -> tuple[ConsentRow | None, str | None]:
    """The live consent to read under, or why there is none."""
    live = [c for c in consents if c.live(at)]
    if live:
        return live[0], None
    if not consents:
        return None, CONSENT_REQUIRED
    # The most recent consent decides how it ended.
    latest = consents[0]
    return None, CONSENT_WITHDRAWN if latest.withdrawn_at is not None else CONSENT_EXPIRED


async def consented_read(
    record: LicenseRecord, *, actor: str, department_code: str, purpose: str
) -> ConsentRow:
    """Log and return the consent a department reads ``record`` under, or log and refuse."""
    consents = await _consents(
        "k.license = {} AND (k.department_code = {} OR id_.code = {})",
        record.id,
        department_code,
        department_code,
    )
    consent, refusal = _refusal(consents, clock.now())
    await _log_access(
        record,
        actor=actor,
        department_code=department_code,
        purpose=purpose,
        consent=consent,
        refusal=refusal,
    )
    if refusal is not None:
        raise ConsentRefused(refusal, "The holder has not consented to this department reading it.")
    assert consent is not None
    return consent


async def read_shared(
    viewer: Viewer, license_id: str, purpose: str
) -> tuple[LicenseRecord, ConsentRow]:
    """Staff read a license shared with their department (logged either way)."""
    staff_id = authz.require_staff(viewer)
    text = _purpose(purpose)
    if viewer.department is None:
        raise NotFound("No such license.")
    record = await records.by_id(access.as_uuid(license_id))
    if record is None:
        raise NotFound("No such license.")
    consent = await consented_read(
        record, actor=f"staff:{staff_id}", department_code=viewer.department, purpose=text
    )
    return record, consent


@dataclass(frozen=True, slots=True)
class DepartmentGrant:
    """A live consent for a department, as that department's staff may see it before reading:
    what was shared and why, with the holder masked — never the license's contents."""

    consent_id: uuid.UUID
    license_id: uuid.UUID
    type_name: str
    type_name_en: str
    holder_kind: str
    holder_name: str  # masked for a person (陈**), whole for an enterprise
    purpose: str
    expires_at: datetime
    created_at: datetime
    service_item_code: str | None
    item_name: str | None


async def shared_with_department(department_code: str) -> list[DepartmentGrant]:
    """The consents in force whose grantee is ``department_code`` — named directly, or
    through one of its service items — newest first, at most 100.

    Only a list of what may be read: it is not a read, so it writes nothing to the access
    log (the holder's log shows reads, through :func:`read_shared`). Withdrawn and expired
    consents are left out, judged by the application clock like every read.
    """
    rows = await LicenseConsent.raw(
        "SELECT k.id, k.license, k.purpose, k.expires_at, k.created_at, k.service_item_code, "
        "v.name AS item_name, t.name AS type_name, t.name_en AS type_name_en, "
        "l.holder_kind, p.name AS person_name, e.name AS enterprise_name "
        "FROM license_consent k JOIN license l ON l.id = k.license "
        "JOIN license_type t ON t.code = l.license_type "
        "LEFT JOIN service_item i ON i.code = k.service_item_code "
        "LEFT JOIN department id_ ON id_.id = i.department "
        "LEFT JOIN service_item_version v ON v.item = i.id AND v.status = 'published' "
        "LEFT JOIN person p ON p.id = l.holder_person "
        "LEFT JOIN enterprise e ON e.id = l.holder_enterprise "
        "WHERE k.withdrawn_at IS NULL AND k.expires_at > {} "
        "AND (k.department_code = {} OR id_.code = {}) "
        "ORDER BY k.created_at DESC, k.id LIMIT {}",
        clock.now(),
        department_code,
        department_code,
        DEPARTMENT_GRANTS_LIMIT,
    )
    return [
        DepartmentGrant(
            consent_id=row["id"],
            license_id=row["license"],
            type_name=row["type_name"],
            type_name_en=row["type_name_en"],
            holder_kind=row["holder_kind"],
            holder_name=public_holder_name(
                row["holder_kind"], row["person_name"] or row["enterprise_name"]
            ),
            purpose=row["purpose"],
            expires_at=row["expires_at"],
            created_at=row["created_at"],
            service_item_code=row["service_item_code"],
            item_name=row["item_name"],
        )
        for row in rows
    ]
