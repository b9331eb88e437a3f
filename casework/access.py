"""Who may read a case, and as whom they may act on it — the one place that decides.

Public for every casework module (supervision, call centre, live status):

- :func:`readable_case` / :func:`readable_case_by_number`: the case if the viewer may
  read it, else :class:`~casework.errors.NotFound` — another person's case reads exactly
  like a missing one, so ids and numbers cannot be probed.
- :func:`staff_actors`: the state-graph actors a staff viewer is on this case (their
  roles, only on their own department's cases); :func:`viewer_actors` adds the applicant.
- :func:`applicant_case`: the case for an applicant's own action (submit, upload, ...),
  with identity's precise codes when an enterprise authority has lapsed.

Readers:

- the applicant: a resident their own person cases; someone acting for an enterprise
  that enterprise's cases in categories they have authority for (its legal representative
  all of them);
- staff of the case's department with a case-handling role (window clerk, approver,
  department admin), once it was submitted (a draft is the applicant's alone);
- supervisors and platform admins, every submitted case, read-only;
- nobody else. Call-centre agents see cases only through their logged, masked lookup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casework import numbers
from casework.errors import NotFound, TransitionNotAllowed
from casework.sql import as_uuid
from casework.states import Actor, CaseStatus
from casework.tables import Case
from core import clock
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity import authz
from identity.agents import ALL_CATEGORIES, Status, appointment_status
from identity.roles import Role
from identity.tables import AgentAppointment, Enterprise

#: Roles that handle their own department's cases; their values are state-graph actors.
CASE_STAFF_ROLES = frozenset({Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_ADMIN})
#: Roles that read every department's cases without acting on them.
OVERSIGHT_ROLES = frozenset({Role.SUPERVISOR, Role.PLATFORM_ADMIN})

#: One case with what access and display need from its item and department.
CASE_SELECT = """
SELECT c.id, c.number, c.item, c.item_version, i.code AS item_code, i.region_code,
       v.category, c.department, d.code AS department_code, c.applicant,
       c.applicant_person, c.applicant_enterprise, c.agent_appointment, c.status,
       c.form_data, c.fee_fen, c.fee_settled_at, c.payment_reference, c.delivery_method,
       c.delivery_address, c.assignee, c.created_at, c.updated_at, c.submitted_at,
       c.accepted_at, c.due_on, c.promised_on, c.decided_at, c.completed_at, c.closed_at,
       c.last_reason
FROM casework_case c
JOIN service_item i ON i.id = c.item
JOIN service_item_version v ON v.id = c.item_version
JOIN department d ON d.id = c.department
"""


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as stored, plus its item's code, region and category and its department."""

    id: str
    number: str | None
    item_id: str
    item_version_id: str
    item_code: str
    region_code: str
    category: str
    department_id: int
    department_code: str
    applicant: str
    applicant_person_id: str
    applicant_enterprise_id: str | None
    agent_appointment_id: str | None
    status: CaseStatus
    form_data: dict[str, Any]
    fee_fen: int | None
    fee_settled_at: datetime | None
    payment_reference: str | None
    delivery_method: str | None
    delivery_address: str | None
    assignee_id: str | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    accepted_at: datetime | None
    due_on: date | None
    promised_on: date | None
    decided_at: datetime | None
    completed_at: datetime | None
    closed_at: datetime | None
    last_reason: str | None

    @property
    def is_enterprise(self) -> bool:
        return self.applicant.startswith("enterprise:")

    @property
    def display_number(self) -> str | None:
        return None if self.number is None else numbers.display(self.number)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def case_row(row: dict[str, Any]) -> CaseRow:
    """A :class:`CaseRow` from a row of :data:`CASE_SELECT`."""
    form = row["form_data"]
    if isinstance(form, str):
        form = json.loads(form)
    return CaseRow(
        id=str(row["id"]),
        number=row["number"],
        item_id=str(row["item"]),
        item_version_id=str(row["item_version"]),
        item_code=row["item_code"],
        region_code=row["region_code"],
        category=row["category"],
        department_id=int(row["department"]),
        department_code=row["department_code"],
        applicant=row["applicant"],
        applicant_person_id=str(row["applicant_person"]),
        applicant_enterprise_id=_text(row["applicant_enterprise"]),
        agent_appointment_id=_text(row["agent_appointment"]),
        status=CaseStatus(row["status"]),
        form_data=dict(form or {}),
        fee_fen=row["fee_fen"],
        fee_settled_at=row["fee_settled_at"],
        payment_reference=row["payment_reference"],
        delivery_method=row["delivery_method"],
        delivery_address=row["delivery_address"],
        assignee_id=_text(row["assignee"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        submitted_at=row["submitted_at"],
        accepted_at=row["accepted_at"],
        due_on=row["due_on"],
        promised_on=row["promised_on"],
        decided_at=row["decided_at"],
        completed_at=row["completed_at"],
        closed_at=row["closed_at"],
        last_reason=row["last_reason"],
    )


async def select_cases(tail: str, *args: Any) -> list[CaseRow]:
    """Cases of :data:`CASE_SELECT` followed by ``tail`` (WHERE / ORDER / LIMIT, ``{}``)."""
    rows = await Case.raw(CASE_SELECT + tail, *args)
    return [case_row(row) for row in rows]


async def load_case(case_id: str, *, lock: bool = False) -> CaseRow | None:
    """The case, or None; ``lock`` takes its row lock (call inside a transaction)."""
    key = as_uuid(case_id)
    if key is None:
        return None
    found = await select_cases("WHERE c.id = {}" + (" FOR UPDATE OF c" if lock else ""), key)
    return found[0] if found else None


async def load_cases(case_ids: Sequence[str]) -> dict[str, CaseRow]:
    keys = [k for k in (as_uuid(i) for i in case_ids) if k is not None]
    if not keys:
        return {}
    return {row.id: row for row in await select_cases("WHERE c.id = ANY({})", keys)}


def staff_actors(viewer: Viewer, case: CaseRow) -> frozenset[Actor]:
    """The actors (roles) a staff viewer acts as on ``case``: none outside their department."""
    if viewer.kind != "staff" or viewer.department is None:
        return frozenset()
    if viewer.department != case.department_code:
        return frozenset()
    return frozenset(Actor(role.value) for role in CASE_STAFF_ROLES if role.value in viewer.roles)


def is_oversight(viewer: Viewer) -> bool:
    """Supervisors and platform admins read every case (and act on none)."""
    return viewer.kind == "staff" and any(role.value in viewer.roles for role in OVERSIGHT_ROLES)


async def is_applicant(viewer: Viewer, case: CaseRow) -> bool:
    """The viewer is the case's applicant now (for an enterprise: with authority for it)."""
    if viewer.kind != "person":
        return False
    if not case.is_enterprise:
        return case.applicant == viewer.subject
    if viewer.acting_for != case.applicant:
        return False
    try:
        await authz.require_enterprise_authority(viewer, case.category)
    except AccessDenied:
        return False
    return True


async def enterprise_categories(viewer: Viewer) -> frozenset[str] | None:
    """The categories of cases a viewer acting for an enterprise may see; None: all.

    The legal representative sees every case of the enterprise; an agent those in the
    scopes of their appointments in force (none when none is).
    """
    person_id = authz.require_person(viewer)
    enterprise = as_uuid((viewer.acting_for or "").removeprefix("enterprise:"))
    if enterprise is None:
        return frozenset()
    if await Enterprise.exists().where(
        (Enterprise.id == enterprise) & (Enterprise.legal_representative == person_id)
    ):
        return None
    rows = await AgentAppointment.select(
        AgentAppointment.scope,
        AgentAppointment.starts_at,
        AgentAppointment.expires_at,
        AgentAppointment.revoked_at,
    ).where((AgentAppointment.enterprise == enterprise) & (AgentAppointment.agent == person_id))
    now = clock.now()
    scopes = {
        category
        for row in rows
        if appointment_status(row["starts_at"], row["expires_at"], row["revoked_at"], now)
        == Status.ACTIVE
        for category in row["scope"]
    }
    return None if ALL_CATEGORIES in scopes else frozenset(scopes)


async def viewer_actors(viewer: Viewer, case: CaseRow) -> frozenset[Actor]:
    """Everything the viewer acts as on ``case``: applicant and/or staff roles."""
    actors = staff_actors(viewer, case)
    if await is_applicant(viewer, case):
        actors |= {Actor.APPLICANT}
    return actors


def reads_as_staff(viewer: Viewer, case: CaseRow) -> bool:
    """Staff of the case's department or oversight, once the case was sent (not a draft)."""
    if case.status is CaseStatus.DRAFT:
        return False  # not sent to anyone yet: the applicant's alone
    return bool(staff_actors(viewer, case)) or is_oversight(viewer)


async def may_read(viewer: Viewer, case: CaseRow) -> bool:
    if viewer.subject is None:
        return False
    return reads_as_staff(viewer, case) or await is_applicant(viewer, case)


async def may_download(viewer: Viewer, case: CaseRow) -> bool:
    """Material contents: the applicant and the case's own department staff only."""
    return bool(staff_actors(viewer, case)) or await is_applicant(viewer, case)


def _not_found() -> NotFound:
    return NotFound("No such case.")


async def readable_case(viewer: Viewer, case_id: str) -> CaseRow:
    """The case if ``viewer`` may read it; :class:`NotFound` otherwise (never FORBIDDEN)."""
    case = await load_case(case_id)
    if case is None or not await may_read(viewer, case):
        raise _not_found()
    return case


async def readable_case_by_number(viewer: Viewer, number: str) -> CaseRow:
    """Like :func:`readable_case`, by number in either the stored or the grouped form."""
    stored = numbers.normalise(number)
    found = [] if stored is None else await select_cases("WHERE c.number = {}", stored)
    if not found or not await may_read(viewer, found[0]):
        raise _not_found()
    return found[0]


async def applicant_case(viewer: Viewer, case_id: str, *, lock: bool = False) -> CaseRow:
    """The case for an action of its applicant (call with ``lock`` inside a transaction).

    Someone acting for the enterprise the case belongs to gets identity's precise refusal
    (``AGENT_OUT_OF_SCOPE``, ``AGENT_APPOINTMENT_INACTIVE``) when their authority has
    lapsed; a reader who is not the applicant (department staff, supervisors) gets
    ``ACTOR_NOT_ALLOWED``; anyone else :class:`NotFound`.
    """
    authz.require_signed_in(viewer)
    case = await load_case(case_id, lock=lock)
    if case is None:
        raise _not_found()
    if case.is_enterprise and viewer.kind == "person" and viewer.acting_for == case.applicant:
        await authz.require_enterprise_authority(viewer, case.category)
        return case
    if await is_applicant(viewer, case):
        return case
    if reads_as_staff(viewer, case):
        raise TransitionNotAllowed("ACTOR_NOT_ALLOWED", "Only the applicant can do this.")
    raise _not_found()
