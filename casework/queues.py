"""Lists of cases: the staff's department queues and the applicant's "my cases".

Both are keyset-paged (the cursor carries the sort key), so a page is one index range
however deep the client pages:

- queues of the viewer's department, open cases only (states.OPEN_FOR_DEPARTMENT):
  ``new`` (submitted, oldest first), ``due_soon`` (due within a few working days),
  ``overdue`` (past their statutory deadline), ``mine`` (assigned to the viewer, i.e. the
  last one of them to move it) and ``open`` (all), each on (sort key, id);
- "my cases": newest first on (created_at desc, id desc), for the applicant subject — a
  resident's own person cases, or while acting for an enterprise the enterprise's cases
  in the categories the viewer has authority for.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from casework.access import CASE_STAFF_ROLES, CaseRow, enterprise_categories, select_cases
from casework.calendar import load_calendar
from casework.numbers import shanghai_date
from casework.sql import Conditions, as_uuid
from casework.states import OPEN_FOR_DEPARTMENT, CaseStatus
from core import clock
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from core.graphql.pagination import pair_key, split_day_key, split_moment_key
from identity import authz


class Queue(StrEnum):
    NEW = "new"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MINE = "mine"
    OPEN = "open"


_OPEN = sorted(status.value for status in OPEN_FOR_DEPARTMENT)
#: Queues ordered by deadline; the others by submission.
_BY_DEADLINE = frozenset({Queue.DUE_SOON, Queue.OVERDUE})

Page = list[tuple[str, CaseRow]]


async def case_queue(
    viewer: Viewer, queue: Queue, *, limit: int, after: str | None, due_soon_days: int
) -> Page:
    """Up to ``limit + 1`` (cursor key, case) pairs of the viewer's department's queue."""
    staff_id = authz.require_staff(viewer, CASE_STAFF_ROLES)
    if viewer.department is None:
        raise AccessDenied(authz.FORBIDDEN, "You belong to no department.")
    where = Conditions()
    where.add("d.code = {}", viewer.department)
    if queue is Queue.NEW:
        where.add("c.status = {}", CaseStatus.SUBMITTED.value)
    else:
        where.add("c.status = ANY({})", _OPEN)
    today = shanghai_date(clock.now())
    if queue is Queue.DUE_SOON:
        horizon = (await load_calendar()).add_working_days(today, due_soon_days)
        where.add("c.due_on >= {} AND c.due_on <= {}", today, horizon)
    elif queue is Queue.OVERDUE:
        where.add("c.due_on < {}", today)
    elif queue is Queue.MINE:
        where.add("c.assignee = {}", as_uuid(staff_id))
    sort = "c.due_on" if queue in _BY_DEADLINE else "c.submitted_at"
    if after is not None:
        value: date | datetime
        if queue in _BY_DEADLINE:
            value, after_id = split_day_key(after)
        else:
            value, after_id = split_moment_key(after)
        where.add(f"({sort}, c.id) > ({{}}, {{}})", value, after_id)
    rows = await select_cases(
        f"{where.where} ORDER BY {sort}, c.id LIMIT {{}}", *where.args, limit + 1
    )

    def key(case: CaseRow) -> str:
        moment = case.due_on if queue in _BY_DEADLINE else case.submitted_at
        assert moment is not None
        return pair_key(moment, case.id)

    return [(key(case), case) for case in rows]


async def my_cases(
    viewer: Viewer, *, status: CaseStatus | None, limit: int, after: str | None
) -> Page:
    """Up to ``limit + 1`` (cursor key, case) pairs of the viewer's applicant subject.

    The page's ids are chosen on ``casework_case`` alone, walking the (applicant,
    created_at, id) index and stopping after the page; only those rows are then joined
    with their item and department. (Joining first made PostgreSQL read and sort every
    case of the applicant: fine for a resident, not for an enterprise with thousands.)
    """
    person_id = authz.require_person(viewer)
    where = Conditions()
    if viewer.acting_for is not None:
        where.add("p.applicant = {}", viewer.acting_for)
        categories = await enterprise_categories(viewer)
        if categories is not None:
            where.add(
                "p.item_version IN (SELECT id FROM service_item_version WHERE category = ANY({}))",
                sorted(categories),
            )
    else:
        where.add("p.applicant = {}", f"person:{person_id}")
    if status is not None:
        where.add("p.status = {}", status.value)
    if after is not None:
        moment, after_id = split_moment_key(after)
        where.add("(p.created_at, p.id) < ({}, {})", moment, after_id)
    # Conditions joins only fixed strings; every value is a bound parameter.
    rows = await select_cases(
        f"WHERE c.id IN (SELECT p.id FROM casework_case p {where.where} "  # noqa: S608
        "ORDER BY p.created_at DESC, p.id DESC LIMIT {}) "
        "ORDER BY c.created_at DESC, c.id DESC",
        *where.args,
        limit + 1,
    )
    return [(pair_key(case.created_at, case.id), case) for case in rows]
