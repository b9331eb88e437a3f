"""Suspending, reinstating and revoking a license: the issuing department, with a reason.

Each change takes the row lock, checks the edge in licenses.states, and writes the row,
the history event and the audit entry in one transaction. The verify page and the
status lists read the row, so a revocation shows the moment it commits.
"""

from __future__ import annotations

import uuid

from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from licenses import access, records
from licenses.errors import NotAllowed, NotFound, ReasonRequired
from licenses.records import LicenseRecord
from licenses.states import LicenseAction, LicenseStatus, target_of
from licenses.tables import License, LicenseEvent

__all__ = ["change_status"]

_MAX_REASON = 500
#: How each action reads in a refusal ("cannot be suspended").
_DONE = {
    LicenseAction.ISSUE: "issued",
    LicenseAction.SUSPEND: "suspended",
    LicenseAction.REINSTATE: "reinstated",
    LicenseAction.REVOKE: "revoked",
}


async def change_status(
    viewer: Viewer, license_id: str, action: LicenseAction, reason: str
) -> LicenseRecord:
    record = await access.staff_license(viewer, license_id, access.STATUS_ROLES)
    text = (reason or "").strip()
    if len(text) < 2:
        raise ReasonRequired("Give the reason for this change.")
    text = text[:_MAX_REASON]
    actor = viewer.subject or ""
    at = clock.now()
    async with DB.transaction():
        locked = await License.raw("SELECT status FROM license WHERE id = {} FOR UPDATE", record.id)
        if not locked:
            raise NotFound("No such license.")
        current = LicenseStatus(locked[0]["status"])
        target = target_of(current, action)
        if target is None:
            raise NotAllowed(f"A {current.value} license cannot be {_DONE[action]}.")
        await License.update(
            {
                License.status: target.value,
                License.status_reason: text,
                License.status_changed_at: at,
            }
        ).where(License.id == record.id)
        await LicenseEvent.insert(
            LicenseEvent(
                id=uuid.uuid4(),
                license=record.id,
                action=action.value,
                from_status=current.value,
                to_status=target.value,
                reason=text,
                actor=actor,
                at=at,
            )
        )
        # The reason stays in the history only: free text may name people.
        await audit.record(
            actor=actor,
            action=f"licenses.{action.value}",
            subject_type="license",
            subject_id=str(record.id),
            data={"from": current.value, "to": target.value, "department": record.department_code},
        )
    updated = await records.by_id(record.id)
    assert updated is not None
    return updated
