"""Staff handling of a case: accept, reject, request correction, review, decide, complete.

:func:`advance_case` is the one entry point. It takes the case's row lock
(``SELECT ... FOR UPDATE``) before checking the state graph, so two clerks pressing
"accept" at once produce one acceptance and one refusal, never two timeline entries.

Staff act only on their own department's cases and only with the roles the graph names
for each edge (a department admin may take every staff edge). Acceptance starts the
clock: the statutory and promised deadlines are that many working days after the
acceptance date in China (casework.calendar). A correction request does not stop the
clock in this version.
"""

from __future__ import annotations

from typing import Any

from casework import changes, license_materials
from casework.access import CaseRow, load_case, may_read, staff_actors
from casework.bound_version import bound_version
from casework.calendar import load_calendar
from casework.errors import FeeUnsettled, InvalidInput, LicenseMaterialInvalid, NotFound
from casework.numbers import shanghai_date
from casework.states import CaseAction
from casework.tables import Case
from core import clock
from core.db import DB
from core.graphql.context import Viewer
from identity import authz

A = CaseAction
#: What staff do through :func:`advance_case`; the applicant's actions have their own calls.
STAFF_ACTIONS = frozenset(
    {
        A.ACCEPT,
        A.REJECT,
        A.REQUEST_CORRECTION,
        A.START_REVIEW,
        A.APPROVE,
        A.DENY,
        A.COMPLETE,
        A.DELIVER,
        A.CLOSE,
    }
)
#: Reasons that go to the applicant, who is shown the latest one.
_TOLD_TO_APPLICANT = frozenset({A.REJECT, A.REQUEST_CORRECTION, A.DENY})
MAX_REASON = 1000
#: Staff steps before which e-license materials are checked again (signature and status).
_LICENSES_RECHECKED = frozenset({A.START_REVIEW, A.APPROVE})


def checked_reason(reason: str | None) -> str | None:
    if reason is not None and len(reason.strip()) > MAX_REASON:
        raise InvalidInput("reason", "too_long", f"At most {MAX_REASON} characters.")
    return reason.strip() if reason and reason.strip() else None


async def advance_case(
    viewer: Viewer, case_id: str, action: CaseAction, reason: str | None = None
) -> CaseRow:
    """Take ``action`` on the case as the staff ``viewer``; the case afterwards."""
    staff_id = authz.require_staff(viewer)
    if action not in STAFF_ACTIONS:
        raise InvalidInput("action", "not_a_staff_action", "The applicant takes this action.")
    reason = checked_reason(reason)
    calendar = await load_calendar() if action is A.ACCEPT else None
    async with DB.transaction():
        case = await load_case(case_id, lock=True)
        if case is None or not await may_read(viewer, case):
            raise NotFound("No such case.")
        edge, role = changes.check(case, action, staff_actors(viewer, case), reason)
        now = clock.now()
        updates: dict[Any, Any] = {Case.assignee: staff_id}
        if action in _TOLD_TO_APPLICANT:
            updates[Case.last_reason] = reason
        if action is A.ACCEPT and calendar is not None:
            version = await bound_version(case.item_version_id)
            accepted_on = shanghai_date(now)
            updates[Case.accepted_at] = now
            updates[Case.due_on] = calendar.add_working_days(accepted_on, version.statutory_days)
            updates[Case.promised_on] = calendar.add_working_days(
                accepted_on, version.promised_days
            )
        if action in (A.APPROVE, A.DENY):
            updates[Case.decided_at] = now
        if action in _LICENSES_RECHECKED:
            failing = await license_materials.recheck_case(case.id, actor=f"staff:{staff_id}")
            if failing:
                raise LicenseMaterialInvalid(
                    "An e-license given as material no longer checks out "
                    f"(slot {', '.join(failing)}); request a correction instead."
                )
        if action is A.COMPLETE:
            if case.fee_fen and case.fee_settled_at is None:
                raise FeeUnsettled("The fee has not been settled yet.")
            updates[Case.completed_at] = now
        await changes.apply(
            case,
            edge,
            actor=f"staff:{staff_id}",
            role=role,
            reason=reason,
            at=now,
            updates=updates,
        )
    advanced = await load_case(case_id)
    assert advanced is not None
    return advanced
