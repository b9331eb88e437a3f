"""Casework GraphQL: the 12345 call-centre lookup, notes, and the processing log.

Thin: each resolver makes one call into :mod:`casework.callcentre`, which authorises,
logs and masks; nothing here reads a table.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated

import strawberry

from casework import callcentre
from casework.graphql.cases import CaseEvent, CaseStatus
from casework.graphql.common import Failure, attempt
from core.graphql.context import Ctx
from core.graphql.pagination import Connection, build_connection, page_request
from identity.runtime import IdentityRuntime


@strawberry.enum(description="What a call-centre agent looks a case up by.")
class LookupKind(Enum):
    CASE_NUMBER = "case_number"
    PHONE = "phone"
    ID_NUMBER = "id_number"


@strawberry.enum(description="Why an agent looks a case up (with a sentence of free text).")
class LookupPurpose(Enum):
    CALLER_ENQUIRY = "caller_enquiry"
    COMPLAINT_FOLLOW_UP = "complaint_follow_up"
    URGING = "urging"
    SUPERVISION = "supervision"
    OTHER = "other"


@strawberry.type(description="A call-centre note on a case; never shown to the applicant.")
class CaseNote:
    id: strawberry.ID
    case_id: strawberry.ID
    text: str
    author_name: str
    created_at: datetime

    @classmethod
    def from_record(cls, note: callcentre.NoteRecord) -> CaseNote:
        return cls(
            id=strawberry.ID(note.id),
            case_id=strawberry.ID(note.case_id),
            text=note.text,
            author_name=note.author_name,
            created_at=note.created_at,
        )


@strawberry.type(
    description="A case as a call-centre agent sees it: status, timeline and notes, the "
    "applicant's identifiers masked; never the answers or the materials."
)
class CallCentreCase:
    case_id: strawberry.ID
    number: str | None = strawberry.field(description="Grouped: 350100-20261122-000123-7.")
    item_name: str
    item_name_en: str
    department_name: str
    department_name_en: str
    status: CaseStatus
    submitted_at: datetime | None
    due_on: date | None
    applicant_name: str = strawberry.field(description="Masked, e.g. 陈**.")
    applicant_phone: str = strawberry.field(description="Masked, e.g. 138****1234.")
    applicant_id_number: str = strawberry.field(description="Masked, e.g. 350***********1234.")
    timeline: list[CaseEvent]
    notes: list[CaseNote]

    @classmethod
    def from_view(cls, view: callcentre.AgentCaseView) -> CallCentreCase:
        return cls(
            case_id=strawberry.ID(view.case_id),
            number=view.number,
            item_name=view.item_name,
            item_name_en=view.item_name_en,
            department_name=view.department_name,
            department_name_en=view.department_name_en,
            status=CaseStatus(view.status.value),
            submitted_at=view.submitted_at,
            due_on=view.due_on,
            applicant_name=view.applicant_name,
            applicant_phone=view.applicant_phone,
            applicant_id_number=view.applicant_id_number,
            timeline=[CaseEvent.from_step(step) for step in view.timeline],
            notes=[CaseNote.from_record(note) for note in view.notes],
        )


@strawberry.type(description="What a lookup found (possibly nothing) and its log entry.")
class LookupResult:
    cases: list[CallCentreCase]
    log_id: strawberry.ID

    @classmethod
    def from_outcome(cls, outcome: callcentre.LookupOutcome) -> LookupResult:
        return cls(
            cases=[CallCentreCase.from_view(view) for view in outcome.cases],
            log_id=strawberry.ID(outcome.log_id),
        )


@strawberry.type(description="One line of the 12345 processing log.")
class LookupLogEntry:
    id: strawberry.ID
    agent_id: strawberry.ID
    agent_name: str
    query_kind: LookupKind
    purpose: LookupPurpose
    purpose_text: str
    case_numbers: list[str] = strawberry.field(description="The cases found (grouped numbers).")
    at: datetime

    @classmethod
    def from_entry(cls, entry: callcentre.LogEntry) -> LookupLogEntry:
        return cls(
            id=strawberry.ID(entry.id),
            agent_id=strawberry.ID(entry.agent_id),
            agent_name=entry.agent_name,
            query_kind=LookupKind(entry.query_kind.value),
            purpose=LookupPurpose(entry.purpose.value),
            purpose_text=entry.purpose_text,
            case_numbers=list(entry.case_numbers),
            at=entry.at,
        )


CallCentreLookupResult = Annotated[
    LookupResult | Failure, strawberry.union("CallCentreLookupResult")
]
AddCaseNoteResult = Annotated[CaseNote | Failure, strawberry.union("AddCaseNoteResult")]


async def _lookup(
    info: Ctx, kind: LookupKind, value: str, purpose: LookupPurpose, purpose_text: str
) -> LookupResult:
    runtime = info.context.resource(IdentityRuntime)
    outcome = await callcentre.lookup(
        runtime.keys,
        info.context.viewer,
        kind=callcentre.LookupKind(kind.value),
        value=value,
        purpose=callcentre.LookupPurpose(purpose.value),
        purpose_text=purpose_text,
        lookups_per_hour=runtime.settings.casework.lookups_per_hour,
    )
    return LookupResult.from_outcome(outcome)


async def _add_note(info: Ctx, case_id: str, text: str) -> CaseNote:
    note = await callcentre.add_note(info.context.viewer, case_id=case_id, text=text)
    return CaseNote.from_record(note)


@strawberry.type
class CallCentreQuery:
    @strawberry.field(
        description="The 12345 processing log, newest first (supervisors only); optionally "
        "one agent's lookups."
    )
    async def lookup_log(
        self,
        info: Ctx,
        agent_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[LookupLogEntry]:
        request = page_request("LookupLog", first, after, info.context.max_page_size)
        rows = await callcentre.lookup_log(
            info.context.viewer,
            agent_id=None if agent_id is None else str(agent_id),
            after_key=request.after_key,
            limit=request.limit + 1,
        )
        return build_connection(
            "LookupLog", [(key, LookupLogEntry.from_entry(entry)) for key, entry in rows], request
        )


@strawberry.type
class CallCentreMutation:
    @strawberry.mutation(
        description="Find cases by case number, phone or ID number (call-centre agents; a "
        "purpose is required, every lookup is logged, rate limited per agent)."
    )
    async def call_centre_lookup(
        self,
        info: Ctx,
        kind: LookupKind,
        value: str,
        purpose: LookupPurpose,
        purpose_text: str,
    ) -> CallCentreLookupResult:
        return await attempt(_lookup(info, kind, value, purpose, purpose_text))

    @strawberry.mutation(
        description="Add a note to a case this agent looked up within the last hour."
    )
    async def add_case_note(
        self, info: Ctx, case_id: strawberry.ID, text: str
    ) -> AddCaseNoteResult:
        return await attempt(_add_note(info, str(case_id), text))
