"""Who may see which license: the holder (a person, or those acting for the holding
enterprise with authority in the type's category) and the issuing department's staff.

Anyone else is told NOT_FOUND exactly as for a missing id, so ids reveal nothing.
Other departments read a license only through a consent (licenses.sharing).
"""

from __future__ import annotations

import uuid

from casework import numbers
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity import authz
from identity.roles import Role
from licenses import records
from licenses.errors import NotFound
from licenses.records import LicenseRecord

__all__ = [
    "STATUS_ROLES",
    "as_uuid",
    "department_licenses",
    "holder_license",
    "holder_licenses",
    "is_holder",
    "readable_license",
    "staff_license",
]

#: Who in the issuing department may suspend, reinstate or revoke.
STATUS_ROLES = (Role.APPROVER, Role.DEPARTMENT_ADMIN)


def as_uuid(value: str, what: str = "license") -> uuid.UUID:
    """``value`` as a UUID; a malformed id reads exactly like a missing ``what``."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(f"No such {what}.") from None


async def is_holder(viewer: Viewer, record: LicenseRecord) -> bool:
    if viewer.kind != "person" or viewer.subject_id is None:
        return False
    if record.holder_kind == "person":
        return str(record.holder_person) == viewer.subject_id
    if viewer.acting_for != f"enterprise:{record.holder_enterprise}":
        return False
    try:
        await authz.require_enterprise_authority(viewer, record.category)
    except AccessDenied:
        return False
    return True


async def holder_license(viewer: Viewer, license_id: str) -> LicenseRecord:
    """The license if the viewer holds it (or acts for its holder); else NOT_FOUND."""
    authz.require_person(viewer)
    record = await records.by_id(as_uuid(license_id))
    if record is None or not await is_holder(viewer, record):
        raise NotFound("No such license.")
    return record


def _is_issuing_staff(viewer: Viewer, record: LicenseRecord) -> bool:
    """Staff of the department that issued ``record``: the only ones who act on it."""
    return (
        viewer.kind == "staff"
        and viewer.department is not None
        and viewer.department == record.department_code
    )


async def staff_license(
    viewer: Viewer, license_id: str, roles: tuple[Role, ...] = ()
) -> LicenseRecord:
    """The license if the viewer is staff of its issuing department (holding ``roles``)."""
    authz.require_staff(viewer, roles)
    record = await records.by_id(as_uuid(license_id))
    if record is None or not _is_issuing_staff(viewer, record):
        raise NotFound("No such license.")
    return record


async def readable_license(viewer: Viewer, license_id: str) -> LicenseRecord | None:
    """For ``license(id)``: the holder's or the issuing department's; None otherwise."""
    if viewer.subject is None:
        return None
    try:
        record = await records.by_id(as_uuid(license_id))
    except NotFound:
        return None
    if record is None:
        return None
    # No oversight reads here: any other department (platform admins included) reads only
    # under the holder's consent, through sharing.read_shared, which the holder sees.
    if await is_holder(viewer, record) or _is_issuing_staff(viewer, record):
        return record
    return None


async def holder_licenses(viewer: Viewer) -> list[LicenseRecord]:
    """``myLicenses``: the person's own, or (acting for an enterprise) the enterprise's
    of the types whose category the viewer's authority covers."""
    person_id = authz.require_person(viewer)
    if viewer.acting_for is None:
        return await records.select_records(
            "l.holder_person = {} AND l.holder_kind = 'person'",
            uuid.UUID(person_id),
            tail="ORDER BY l.issued_at DESC",
        )
    held = await records.select_records(
        "l.holder_enterprise = {}",
        uuid.UUID(viewer.acting_for.split(":", 1)[1]),
        tail="ORDER BY l.issued_at DESC",
    )
    # One authority check per category, not per license (identity reads the DB each time).
    covered: dict[str, bool] = {}
    for record in held:
        if record.category not in covered:
            covered[record.category] = await is_holder(viewer, record)
    return [record for record in held if covered[record.category]]


#: How many licenses the department's list shows (newest first).
DEPARTMENT_LIST_LIMIT = 50


async def department_licenses(viewer: Viewer, query: str | None) -> list[LicenseRecord]:
    """Staff: the licenses their department issued, by identifier or by the issuing case's
    number (as typed or read out: casework.numbers.normalise), or the latest ones."""
    authz.require_staff(viewer)
    if viewer.department is None:
        return []
    tail = f"ORDER BY l.issued_at DESC LIMIT {DEPARTMENT_LIST_LIMIT}"
    text = (query or "").strip()
    if not text:
        return await records.select_records("l.department_code = {}", viewer.department, tail=tail)
    return await records.select_records(
        "l.department_code = {} AND (l.identifier = {} OR c.number = {})",
        viewer.department,
        text.upper(),
        numbers.normalise(text),
        tail=tail,
    )
