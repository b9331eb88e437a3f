"""The 12345 hotline (12345热线): an agent finds a caller's cases and leaves notes on them.

An agent looks cases up by case number, phone number or ID number (the last two through
identity's blind indexes, so nothing is searched in clear) and must say why: a purpose
code and a sentence. Every lookup, also one that finds nothing, is written to the
processing log (:class:`~casework.tables.LookupLog`) in the same transaction as its audit
record, and lookups are rate limited per agent across every replica.

What an agent sees is deliberately narrow: status, timeline, notes, and the applicant's
name, phone and ID number *masked* — never the answers or the materials. A refused
lookup (no purpose, malformed value) is not a lookup and is not logged; hitting the rate
limit counts, so hammering it keeps it shut.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from casework import numbers
from casework.errors import InvalidInput, NotFound, RateLimited
from casework.sql import as_uuid
from casework.states import CaseStatus
from casework.tables import Case, CaseNote, LookupLog
from casework.timeline import TimelineStep, timelines_of
from core import clock
from core.audit import service as audit
from core.crypto import KeyMaterial
from core.crypto.blind_index import normalise_id_number, normalise_phone
from core.crypto.masking import mask_name
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.pagination import pair_key, split_moment_key
from identity import authz, limits, pii
from identity.errors import RateLimited as IdentityRateLimited
from identity.roles import Role
from identity.tables import Person
from identity.validators import InvalidIdentifier, parse_resident_id

#: A phone or ID number lookup shows at most this many cases (the most recent first).
MAX_CASES = 20
#: The free-text purpose must say something: at least this many characters.
MIN_PURPOSE_TEXT = 4
MAX_PURPOSE_TEXT = 500
MAX_NOTE = 1000
#: An agent may add a note to a case they looked up this recently (the call in progress).
NOTE_WINDOW = timedelta(hours=1)
#: Mainland numbers are 11 digits, landlines with area code 10-12; anything shorter
#: would match nothing useful, and the blind index needs the whole number anyway.
_PHONE_DIGITS = re.compile(r"[0-9]{7,15}")


class LookupKind(StrEnum):
    CASE_NUMBER = "case_number"
    PHONE = "phone"
    ID_NUMBER = "id_number"


class LookupPurpose(StrEnum):
    CALLER_ENQUIRY = "caller_enquiry"  # 来电咨询
    COMPLAINT_FOLLOW_UP = "complaint_follow_up"  # 投诉跟进
    URGING = "urging"  # 催办
    SUPERVISION = "supervision"  # 监督
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NoteRecord:
    id: str
    case_id: str
    text: str
    author_name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AgentCaseView:
    """One case as an agent may see it: no answers, no materials, identifiers masked."""

    case_id: str
    number: str | None  # grouped, as read over the phone
    item_name: str
    item_name_en: str
    department_name: str
    department_name_en: str
    status: CaseStatus
    submitted_at: datetime | None
    due_on: date | None
    applicant_name: str
    applicant_phone: str
    applicant_id_number: str
    timeline: tuple[TimelineStep, ...]
    notes: tuple[NoteRecord, ...]


@dataclass(frozen=True, slots=True)
class LookupOutcome:
    log_id: str
    cases: tuple[AgentCaseView, ...]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the processing log, as a supervisor reads it."""

    id: str
    agent_id: str
    agent_name: str
    query_kind: LookupKind
    purpose: LookupPurpose
    purpose_text: str
    case_numbers: tuple[str, ...]
    at: datetime


def lookup_window(per_hour: int) -> limits.Window:
    return limits.Window("casework:lookup", per_hour, 3600)


async def lookup(
    keys: KeyMaterial,
    viewer: Viewer,
    *,
    kind: LookupKind,
    value: str,
    purpose: LookupPurpose,
    purpose_text: str,
    lookups_per_hour: int,
) -> LookupOutcome:
    """Find the cases ``value`` points at, log the lookup, and return them masked."""
    agent_id = authz.require_staff(viewer, [Role.CALL_CENTRE_AGENT])
    reason = _checked_purpose(purpose_text)
    criterion = _criterion(keys, kind, value)
    try:
        await limits.hit(lookup_window(lookups_per_hour), agent_id)
    except IdentityRateLimited as exc:
        raise RateLimited(
            exc.retry_after_seconds, "Too many lookups this hour; try again later."
        ) from None
    now = clock.now()
    log_id = uuid.uuid4()
    async with DB.transaction():
        case_ids = await _find(kind, criterion)
        await LookupLog.insert(
            LookupLog(
                id=log_id,
                agent=agent_id,
                query_kind=kind.value,
                purpose_code=purpose.value,
                purpose_text=reason,
                cases=case_ids,
                at=now,
            )
        )
        # Neither the value looked up nor the purpose text: either may carry personal data.
        await audit.record(
            actor=f"staff:{agent_id}",
            action="casework.lookup",
            subject_type="lookup_log",
            subject_id=str(log_id),
            data={
                "kind": kind.value,
                "purpose": purpose.value,
                "cases": [str(c) for c in case_ids],
            },
        )
    return LookupOutcome(log_id=str(log_id), cases=await _views(keys, case_ids))


async def add_note(viewer: Viewer, *, case_id: str, text: str) -> NoteRecord:
    """A note on a case the agent looked up within :data:`NOTE_WINDOW`; else NOT_FOUND."""
    agent_id = authz.require_staff(viewer, [Role.CALL_CENTRE_AGENT])
    body = text.strip()
    if not 1 <= len(body) <= MAX_NOTE:
        raise InvalidInput("text", "length", f"A note is 1 to {MAX_NOTE} characters.")
    if as_uuid(case_id) is None or not await _looked_up_recently(agent_id, case_id):
        # Cases the agent did not look up read exactly like missing ones.
        raise NotFound("No such case.")
    note_id = uuid.uuid4()
    now = clock.now()
    async with DB.transaction():
        await CaseNote.insert(
            CaseNote(id=note_id, case=case_id, author=agent_id, text=body, created_at=now)
        )
        await audit.record(
            actor=f"staff:{agent_id}",
            action="casework.note_added",
            subject_type="case",
            subject_id=case_id,
            data={"note": str(note_id)},
        )
    (note,) = await _notes([uuid.UUID(case_id)], only=note_id)
    return note


async def lookup_log(
    viewer: Viewer, *, agent_id: str | None, after_key: str | None, limit: int
) -> list[tuple[str, LogEntry]]:
    """The processing log, newest first, for supervisors: (cursor key, entry) pairs."""
    authz.require_staff(viewer, [Role.SUPERVISOR])
    query = LookupLog.select(
        LookupLog.id,
        LookupLog.agent,
        LookupLog.agent.name,
        LookupLog.query_kind,
        LookupLog.purpose_code,
        LookupLog.purpose_text,
        LookupLog.cases,
        LookupLog.at,
    )
    where: list[Any] = []
    if agent_id is not None:
        if as_uuid(agent_id) is None:
            return []
        where.append(LookupLog.agent == agent_id)
    if after_key is not None:
        at, log_id = split_moment_key(after_key)
        where.append((LookupLog.at < at) | ((LookupLog.at == at) & (LookupLog.id < log_id)))
    for condition in where:
        query = query.where(condition)
    rows = await query.order_by(LookupLog.at, LookupLog.id, ascending=False).limit(limit).run()
    numbers_by_id = await _numbers({c for row in rows for c in row["cases"]})
    return [
        (
            pair_key(row["at"], row["id"]),
            LogEntry(
                id=str(row["id"]),
                agent_id=str(row["agent"]),
                agent_name=row["agent.name"],
                query_kind=LookupKind(row["query_kind"]),
                purpose=LookupPurpose(row["purpose_code"]),
                purpose_text=row["purpose_text"],
                case_numbers=tuple(numbers_by_id[c] for c in row["cases"] if c in numbers_by_id),
                at=row["at"],
            ),
        )
        for row in rows
    ]


def _checked_purpose(text: str) -> str:
    body = text.strip()
    if len(body) < MIN_PURPOSE_TEXT:
        raise InvalidInput(
            "purposeText",
            "too_short",
            f"Say why you look this up, in at least {MIN_PURPOSE_TEXT} characters.",
        )
    if len(body) > MAX_PURPOSE_TEXT:
        raise InvalidInput(
            "purposeText", "too_long", f"Keep the purpose under {MAX_PURPOSE_TEXT} characters."
        )
    return body


def _criterion(keys: KeyMaterial, kind: LookupKind, value: str) -> str:
    """What the lookup compares: a stored case number, or a blind index."""
    if kind is LookupKind.CASE_NUMBER:
        number = numbers.normalise(value)
        if number is None:
            raise InvalidInput("value", "case_number", "That is not a case number.")
        return number
    if kind is LookupKind.PHONE:
        digits = normalise_phone(value)
        if _PHONE_DIGITS.fullmatch(digits) is None:
            raise InvalidInput("value", "phone", "That is not a phone number.")
        return pii.phone_index(keys, digits)
    try:
        resident = parse_resident_id(normalise_id_number(value), today=clock.now().date())
    except InvalidIdentifier:
        raise InvalidInput("value", "id_number", "That is not a resident ID number.") from None
    return pii.id_number_index(keys, resident.number)


async def _find(kind: LookupKind, criterion: str) -> list[uuid.UUID]:
    """Ids of the matching cases, most recent first; drafts are the resident's own business."""
    query = Case.select(Case.id).where(Case.status != CaseStatus.DRAFT.value)
    if kind is LookupKind.CASE_NUMBER:
        query = query.where(Case.number == criterion)
    else:
        index = Person.phone_bidx if kind is LookupKind.PHONE else Person.id_number_bidx
        people = await Person.select(Person.id).where(index == criterion)
        if not people:
            return []
        query = query.where(Case.applicant_person == people[0]["id"])
    rows = await query.order_by(Case.created_at, ascending=False).limit(MAX_CASES).run()
    return [row["id"] for row in rows]


async def _views(keys: KeyMaterial, case_ids: Sequence[uuid.UUID]) -> tuple[AgentCaseView, ...]:
    if not case_ids:
        return ()
    rows = await Case.select(
        Case.id,
        Case.number,
        Case.status,
        Case.submitted_at,
        Case.due_on,
        Case.item_version.name,
        Case.item_version.name_en,
        Case.department.name,
        Case.department.name_en,
        Case.applicant_person.name,
        Case.applicant_person.phone_enc,
        Case.applicant_person.id_number_enc,
    ).where(Case.id.is_in(list(case_ids)))
    by_id = {row["id"]: row for row in rows}
    timelines = await timelines_of([str(c) for c in case_ids])
    notes: dict[str, list[NoteRecord]] = {}
    for note in await _notes(case_ids):
        notes.setdefault(note.case_id, []).append(note)
    views = []
    for case_id in case_ids:  # keep the order the lookup found them in
        row = by_id[case_id]
        views.append(
            AgentCaseView(
                case_id=str(case_id),
                number=numbers.display(row["number"]) if row["number"] else None,
                item_name=row["item_version.name"],
                item_name_en=row["item_version.name_en"],
                department_name=row["department.name"],
                department_name_en=row["department.name_en"],
                status=CaseStatus(row["status"]),
                submitted_at=row["submitted_at"],
                due_on=row["due_on"],
                applicant_name=mask_name(row["applicant_person.name"]),
                applicant_phone=pii.masked_phone(keys, row["applicant_person.phone_enc"]),
                applicant_id_number=pii.masked_id_number(
                    keys, row["applicant_person.id_number_enc"]
                ),
                timeline=tuple(timelines.get(str(case_id), ())),
                notes=tuple(notes.get(str(case_id), ())),
            )
        )
    return tuple(views)


async def _notes(
    case_ids: Sequence[uuid.UUID], *, only: uuid.UUID | None = None
) -> list[NoteRecord]:
    query = CaseNote.select(
        CaseNote.id, CaseNote.case, CaseNote.text, CaseNote.author.name, CaseNote.created_at
    ).where(CaseNote.case.is_in(list(case_ids)))
    if only is not None:
        query = query.where(CaseNote.id == only)
    rows = await query.order_by(CaseNote.created_at).run()
    return [
        NoteRecord(
            id=str(row["id"]),
            case_id=str(row["case"]),
            text=row["text"],
            author_name=row["author.name"],
            created_at=row["created_at"],
        )
        for row in rows
    ]


async def _looked_up_recently(agent_id: str, case_id: str) -> bool:
    return bool(
        await LookupLog.exists().where(
            (LookupLog.agent == agent_id)
            & (LookupLog.at >= clock.now() - NOTE_WINDOW)
            & LookupLog.cases.any(uuid.UUID(case_id))
        )
    )


async def _numbers(case_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Display numbers by case id (every case a lookup finds has one: drafts are skipped)."""
    if not case_ids:
        return {}
    rows = await Case.select(Case.id, Case.number).where(
        Case.id.is_in(list(case_ids)) & Case.number.is_not_null()
    )
    return {row["id"]: numbers.display(row["number"]) for row in rows}
