"""Ratings (好差评) and complaints (投诉): what applicants say about cases and departments.

Ratings: the applicant rates a finished case (completed, delivered, or closed after a
decision) from 1 to 5 with an optional comment. One rating per case; the applicant may
change it for ``settings.casework.rating_edit_hours`` after first giving it, after which
it is locked (``RATING_LOCKED``) so a department's figures cannot be rewritten later.
Anyone who may read the case may read its rating; nobody else learns it exists.

Complaints: a resident complains about one of their cases or about a department, and the
complaint runs its own small lifecycle::

    received ─▶ handling ─▶ answered (an answer is required) ─▶ closed

Supervisors handle every department's complaints, a department admin their own
department's; the complainant may close a complaint once it is answered. Every change is
in the audit chain (without the texts, which may carry personal details).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from casework import access, numbers
from casework.errors import CaseworkFailure, InvalidInput, NotFound, TransitionNotAllowed
from casework.sql import Conditions, as_uuid
from casework.states import CaseStatus
from casework.tables import Complaint, Rating
from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from core.graphql.pagination import pair_key, split_moment_key
from identity import authz
from identity.roles import Role
from reference.service import DepartmentRecord
from reference.tables import Department

MAX_COMMENT = 500
MAX_COMPLAINT = 2000
MAX_ANSWER = 2000


class RatingLocked(CaseworkFailure):
    """The rating can no longer be changed: its edit window has passed."""

    code = "RATING_LOCKED"


class CaseNotFinished(CaseworkFailure):
    """Only a finished case (completed, delivered, closed after a decision) can be rated."""

    code = "CASE_NOT_FINISHED"


# --- ratings --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RatingRecord:
    id: str
    case_id: str
    score: int
    comment: str
    created_at: datetime
    updated_at: datetime

    def editable_until(self, edit_hours: int) -> datetime:
        """The window runs from the first rating; changing it does not extend it."""
        return self.created_at + timedelta(hours=edit_hours)


def _rating(row: dict[str, Any]) -> RatingRecord:
    return RatingRecord(
        id=str(row["id"]),
        case_id=str(row["case"]),
        score=int(row["score"]),
        comment=row["comment"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def is_finished(case: access.CaseRow) -> bool:
    if case.status in (CaseStatus.COMPLETED, CaseStatus.DELIVERED):
        return True
    return case.status is CaseStatus.CLOSED and case.decided_at is not None


def _checked_score(score: int) -> int:
    if not 1 <= score <= 5:
        raise InvalidInput("score", "out_of_range", "A rating is from 1 to 5.")
    return score


def _checked_comment(comment: str | None) -> str:
    text = (comment or "").strip()
    if len(text) > MAX_COMMENT:
        raise InvalidInput("comment", "too_long", f"At most {MAX_COMMENT} characters.")
    return text


async def _rated_case(viewer: Viewer, case_id: str) -> access.CaseRow:
    """The viewer's own case, row-locked (call inside a transaction); NotFound otherwise.

    The lock serialises two first ratings sent from two devices at once.
    """
    case = await access.load_case(case_id, lock=True)
    if case is None or not await access.is_applicant(viewer, case):
        raise NotFound("No such case.")
    return case


async def rate_case(
    viewer: Viewer, case_id: str, *, score: int, comment: str | None, edit_hours: int
) -> RatingRecord:
    """Rate the viewer's finished case, or change the rating within the edit window."""
    # Staff who read the case are refused as staff: rating is the applicant's alone.
    authz.require_person(viewer)
    score = _checked_score(score)
    text = _checked_comment(comment)
    async with DB.transaction():
        case = await _rated_case(viewer, case_id)
        if not is_finished(case):
            raise CaseNotFinished("The case can be rated once it is finished.")
        now = clock.now()
        existing = await Rating.select().where(Rating.case == case.id).first()
        if existing is None:
            rating_id = uuid.uuid4()
            await Rating.insert(
                Rating(
                    id=rating_id,
                    case=case.id,
                    score=score,
                    comment=text,
                    created_at=now,
                    updated_at=now,
                )
            )
            action, previous = "casework.case_rated", None
        else:
            if now > _rating(existing).editable_until(edit_hours):
                raise RatingLocked("This rating can no longer be changed.")
            rating_id = existing["id"]
            await Rating.update(
                {Rating.score: score, Rating.comment: text, Rating.updated_at: now}
            ).where(Rating.id == rating_id)
            action, previous = "casework.rating_changed", int(existing["score"])
        await audit.record(
            actor=viewer.subject or "",
            action=action,
            subject_type="case",
            subject_id=case.id,
            data={
                "rating": str(rating_id),
                "score": score,
                "previous_score": previous,
                "has_comment": bool(text),
            },
        )
        row = await Rating.select().where(Rating.id == rating_id).first()
    assert row is not None
    return _rating(row)


async def case_rating(viewer: Viewer, case_id: str) -> RatingRecord | None:
    """The case's rating for anyone who may read the case; NotFound for anyone else."""
    case = await access.readable_case(viewer, case_id)
    row = await Rating.select().where(Rating.case == case.id).first()
    return None if row is None else _rating(row)


async def ratings_of_cases(case_ids: Sequence[str]) -> list[RatingRecord | None]:
    """Ratings of cases the caller has already shown the viewer may read (DataLoader batch)."""
    keys = [k for k in (as_uuid(i) for i in case_ids) if k is not None]
    rows = await Rating.select().where(Rating.case.is_in(keys)) if keys else []
    found = {str(row["case"]): _rating(row) for row in rows}
    return [found.get(case_id) for case_id in case_ids]


# --- complaints -----------------------------------------------------------------------------


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    HANDLING = "handling"
    ANSWERED = "answered"
    CLOSED = "closed"


C = ComplaintStatus
#: The lifecycle: from each status, the one next status.
NEXT: dict[ComplaintStatus, ComplaintStatus] = {
    C.RECEIVED: C.HANDLING,
    C.HANDLING: C.ANSWERED,
    C.ANSWERED: C.CLOSED,
}
#: Complaints still waiting for the department's work (supervision's "open" count).
OPEN_COMPLAINTS = frozenset({C.RECEIVED, C.HANDLING})
HANDLERS = (Role.SUPERVISOR, Role.DEPARTMENT_ADMIN)


@dataclass(frozen=True, slots=True)
class ComplaintRecord:
    id: str
    complainant_id: str
    case_id: str | None
    case_number: str | None
    department: DepartmentRecord
    text: str
    status: ComplaintStatus
    answer: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def key(self) -> str:
        return pair_key(self.created_at, self.id)


_COMPLAINT_SELECT = """
SELECT k.id, k.complainant, k."case", c.number, k.department, d.code AS department_code,
       d.name AS department_name, d.name_en AS department_name_en,
       d.category AS department_category, d.region AS department_region,
       k.text, k.status, k.answer, k.created_at, k.updated_at
FROM complaint k
JOIN department d ON d.id = k.department
LEFT JOIN casework_case c ON c.id = k."case"
"""


def _complaint(row: dict[str, Any]) -> ComplaintRecord:
    return ComplaintRecord(
        id=str(row["id"]),
        complainant_id=str(row["complainant"]),
        case_id=None if row["case"] is None else str(row["case"]),
        case_number=None if row["number"] is None else numbers.display(row["number"]),
        department=DepartmentRecord(
            id=int(row["department"]),
            code=row["department_code"],
            name=row["department_name"],
            name_en=row["department_name_en"],
            category=row["department_category"],
            region_id=int(row["department_region"]),
        ),
        text=row["text"],
        status=ComplaintStatus(row["status"]),
        answer=row["answer"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def _load_complaint(complaint_id: str, *, lock: bool = False) -> ComplaintRecord | None:
    key = as_uuid(complaint_id)
    if key is None:
        return None
    rows = await Complaint.raw(
        _COMPLAINT_SELECT + "WHERE k.id = {}" + (" FOR UPDATE OF k" if lock else ""), key
    )
    return _complaint(rows[0]) if rows else None


def _checked_text(value: str | None, field: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(field, "required", "Please write something.")
    if len(text) > limit:
        raise InvalidInput(field, "too_long", f"At most {limit} characters.")
    return text


async def file_complaint(
    viewer: Viewer, *, case_id: str | None, department_code: str | None, text: str
) -> ComplaintRecord:
    """A resident's complaint about their own case or about a department."""
    person_id = authz.require_person(viewer)
    body = _checked_text(text, "text", MAX_COMPLAINT)
    async with DB.transaction():
        case: access.CaseRow | None = None
        if case_id is not None:
            case = await access.readable_case(viewer, case_id)
            if not await access.is_applicant(viewer, case):
                raise NotFound("No such case.")
            if department_code is not None and department_code != case.department_code:
                raise InvalidInput(
                    "departmentCode", "not_the_case_department", "That case is another's."
                )
            department_id, department = case.department_id, case.department_code
        elif department_code is None:
            raise InvalidInput(
                "departmentCode", "required", "Name a case or a department to complain about."
            )
        else:
            found = await Department.select(Department._meta.primary_key).where(
                Department.code == department_code
            )
            if not found:
                raise InvalidInput("departmentCode", "unknown", "No such department.")
            department_id, department = int(found[0]["id"]), department_code
        complaint_id = uuid.uuid4()
        now = clock.now()
        await Complaint.insert(
            Complaint(
                id=complaint_id,
                complainant=person_id,
                case=None if case is None else case.id,
                department=department_id,
                text=body,
                status=C.RECEIVED.value,
                created_at=now,
                updated_at=now,
            )
        )
        await audit.record(
            actor=f"person:{person_id}",
            action="casework.complaint_filed",
            subject_type="complaint",
            subject_id=str(complaint_id),
            data={"case": None if case is None else case.id, "department": department},
        )
    filed = await _load_complaint(str(complaint_id))
    assert filed is not None
    return filed


async def _page(where: Conditions, after_key: str | None, limit: int) -> list[ComplaintRecord]:
    if after_key is not None:
        where.add("(k.created_at, k.id) < ({}, {}::uuid)", *split_moment_key(after_key))
    rows = await Complaint.raw(
        f"{_COMPLAINT_SELECT}{where.where} ORDER BY k.created_at DESC, k.id DESC LIMIT {{}}",
        *where.args,
        limit,
    )
    return [_complaint(row) for row in rows]


async def my_complaints(
    viewer: Viewer, *, after_key: str | None = None, limit: int
) -> list[ComplaintRecord]:
    """The resident's own complaints, newest first."""
    person_id = authz.require_person(viewer)
    where = Conditions()
    where.add("k.complainant = {}::uuid", person_id)
    return await _page(where, after_key, limit)


def _handled_department(viewer: Viewer) -> str | None:
    """None for supervisors (every department); a department admin's own department."""
    authz.require_staff(viewer, HANDLERS)
    if Role.SUPERVISOR.value in viewer.roles:
        return None
    if viewer.department is None:
        raise AccessDenied(authz.FORBIDDEN, "You belong to no department.")
    return viewer.department


async def list_complaints(
    viewer: Viewer,
    *,
    status: ComplaintStatus | None = None,
    department_code: str | None = None,
    after_key: str | None = None,
    limit: int,
) -> list[ComplaintRecord]:
    """Complaints a handler may see, newest first: supervisors all, admins their own."""
    own = _handled_department(viewer)
    if own is not None and department_code not in (None, own):
        raise AccessDenied(authz.FORBIDDEN, "You may only see your own department.")
    department = own or department_code
    where = Conditions()
    if department is not None:
        where.add("d.code = {}", department)
    if status is not None:
        where.add("k.status = {}", status.value)
    return await _page(where, after_key, limit)


async def visible_complaint(viewer: Viewer, complaint_id: str) -> ComplaintRecord:
    """One complaint for its complainant or a handler of its department; else NotFound."""
    complaint = await _load_complaint(complaint_id)
    if complaint is None or not _may_see(viewer, complaint):
        raise NotFound("No such complaint.")
    return complaint


def _may_see(viewer: Viewer, complaint: ComplaintRecord) -> bool:
    if viewer.kind == "person":
        return viewer.subject_id == complaint.complainant_id
    return _may_handle(viewer, complaint)


def _may_handle(viewer: Viewer, complaint: ComplaintRecord) -> bool:
    if viewer.kind != "staff":
        return False
    if Role.SUPERVISOR.value in viewer.roles:
        return True
    return (
        Role.DEPARTMENT_ADMIN.value in viewer.roles
        and viewer.department == complaint.department.code
    )


def next_statuses(viewer: Viewer, complaint: ComplaintRecord) -> list[ComplaintStatus]:
    """Where this viewer may move the complaint now (for the PWA's buttons)."""
    following = NEXT.get(complaint.status)
    if following is None:
        return []
    if _may_handle(viewer, complaint):
        return [following]
    if (
        viewer.kind == "person"
        and viewer.subject_id == complaint.complainant_id
        and complaint.status is C.ANSWERED
    ):
        return [following]
    return []


async def advance_complaint(
    viewer: Viewer, complaint_id: str, *, to: ComplaintStatus, answer: str | None = None
) -> ComplaintRecord:
    """Move a complaint one step on (handler), or close an answered one (complainant)."""
    authz.require_signed_in(viewer)
    if viewer.kind == "staff":
        authz.require_staff(viewer, HANDLERS)
    async with DB.transaction():
        complaint = await _load_complaint(complaint_id, lock=True)
        if complaint is None or not _may_see(viewer, complaint):
            raise NotFound("No such complaint.")
        if NEXT.get(complaint.status) is not to:
            raise TransitionNotAllowed(
                "TRANSITION_NOT_ALLOWED",
                f"A complaint that is {complaint.status.value} cannot become {to.value}.",
            )
        if to not in next_statuses(viewer, complaint):
            raise TransitionNotAllowed(
                "ACTOR_NOT_ALLOWED", "Only the department's handlers can do this."
            )
        now = clock.now()
        updates: dict[Any, Any] = {Complaint.status: to.value, Complaint.updated_at: now}
        if to is C.ANSWERED:
            updates[Complaint.answer] = _checked_text(answer, "answer", MAX_ANSWER)
        if viewer.kind == "staff":
            updates[Complaint.handler] = viewer.subject_id
        await Complaint.update(updates).where(Complaint.id == complaint.id)
        await audit.record(
            actor=viewer.subject or "",
            action="casework.complaint_advanced",
            subject_type="complaint",
            subject_id=complaint.id,
            data={"from": complaint.status.value, "to": to.value},
        )
    advanced = await _load_complaint(complaint_id)
    assert advanced is not None
    return advanced
