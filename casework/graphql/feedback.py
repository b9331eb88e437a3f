"""GraphQL for ratings (好差评) and complaints; thin over :mod:`casework.feedback`.

A case's rating is read with ``caseRating(caseId)``; :func:`case_rating_field` is the same
resolver for a ``Case.rating`` field, batched per request.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.dataloader import DataLoader

from casework import feedback
from casework.errors import NotFound
from casework.graphql.common import Failure, attempt
from core import clock
from core.graphql.context import Ctx
from core.graphql.pagination import Connection, build_connection, page_request
from identity.runtime import IdentityRuntime
from reference.graphql import Department


def _edit_hours(info: Ctx) -> int:
    return info.context.resource(IdentityRuntime).settings.casework.rating_edit_hours


@strawberry.type(description="The applicant's rating of a finished case (1-5).")
class Rating:
    id: strawberry.ID
    case_id: strawberry.ID
    score: int
    comment: str
    created_at: datetime
    updated_at: datetime
    editable_until: datetime = strawberry.field(
        description="The applicant may change the rating until then."
    )

    @classmethod
    def of(cls, record: feedback.RatingRecord, edit_hours: int) -> Rating:
        return cls(
            id=strawberry.ID(record.id),
            case_id=strawberry.ID(record.case_id),
            score=record.score,
            comment=record.comment,
            created_at=record.created_at,
            updated_at=record.updated_at,
            editable_until=record.editable_until(edit_hours),
        )

    @strawberry.field(description="Whether the rating can still be changed now.")
    def editable(self) -> bool:
        return clock.now() <= self.editable_until


@strawberry.enum(description="A complaint's lifecycle: received → handling → answered → closed.")
class ComplaintStatus(Enum):
    RECEIVED = "received"
    HANDLING = "handling"
    ANSWERED = "answered"
    CLOSED = "closed"


@strawberry.type(description="A complaint about a case or a department (投诉).")
class Complaint:
    id: strawberry.ID
    case_id: strawberry.ID | None
    case_number: str | None = strawberry.field(description="Grouped, as on a Case.")
    department: Department
    text: str
    status: ComplaintStatus
    answer: str | None
    created_at: datetime
    updated_at: datetime
    record: strawberry.Private[feedback.ComplaintRecord]

    @classmethod
    def of(cls, record: feedback.ComplaintRecord) -> Complaint:
        return cls(
            id=strawberry.ID(record.id),
            case_id=None if record.case_id is None else strawberry.ID(record.case_id),
            case_number=record.case_number,
            department=Department.from_record(record.department),
            text=record.text,
            status=ComplaintStatus(record.status.value),
            answer=record.answer,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )

    @strawberry.field(description="The statuses this viewer may move the complaint to now.")
    def next_statuses(self, info: Ctx) -> list[ComplaintStatus]:
        return [
            ComplaintStatus(s.value)
            for s in feedback.next_statuses(info.context.viewer, self.record)
        ]


RateCaseResult = Annotated[Rating | Failure, strawberry.union("RateCaseResult")]
FileComplaintResult = Annotated[Complaint | Failure, strawberry.union("FileComplaintResult")]
AdvanceComplaintResult = Annotated[Complaint | Failure, strawberry.union("AdvanceComplaintResult")]


async def _ratings_of(case_ids: list[str]) -> list[feedback.RatingRecord | None]:
    return await feedback.ratings_of_cases(case_ids)


def _ratings() -> DataLoader[str, feedback.RatingRecord | None]:
    return DataLoader(load_fn=_ratings_of)


async def case_rating_field(info: Ctx, case_id: str) -> Rating | None:
    """``Case.rating``, batched per request: call only for a case the viewer may read
    (a Case object is one)."""
    record = await info.context.loader(_ratings).load(case_id)
    return None if record is None else Rating.of(record, _edit_hours(info))


@strawberry.type
class FeedbackQuery:
    @strawberry.field(
        description="A case's rating (null when not rated): for whoever may read the case."
    )
    async def case_rating(self, info: Ctx, case_id: strawberry.ID) -> Rating | None:
        try:
            record = await feedback.case_rating(info.context.viewer, str(case_id))
        except NotFound:
            return None
        return None if record is None else Rating.of(record, _edit_hours(info))

    @strawberry.field(description="The signed-in resident's complaints, newest first.")
    async def my_complaints(
        self, info: Ctx, first: int | None = None, after: str | None = None
    ) -> Connection[Complaint]:
        request = page_request("Complaint", first, after, info.context.max_page_size)
        records = await feedback.my_complaints(
            info.context.viewer, after_key=request.after_key, limit=request.limit + 1
        )
        return build_connection("Complaint", [(r.key, Complaint.of(r)) for r in records], request)

    @strawberry.field(
        description="Complaints, newest first: supervisors every department's, a "
        "department admin their own department's."
    )
    async def complaints(
        self,
        info: Ctx,
        status: ComplaintStatus | None = None,
        department_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Complaint]:
        request = page_request("Complaint", first, after, info.context.max_page_size)
        records = await feedback.list_complaints(
            info.context.viewer,
            status=None if status is None else feedback.ComplaintStatus(status.value),
            department_code=department_code,
            after_key=request.after_key,
            limit=request.limit + 1,
        )
        return build_connection("Complaint", [(r.key, Complaint.of(r)) for r in records], request)

    @strawberry.field(description="One complaint: its complainant and its handlers only.")
    async def complaint(self, info: Ctx, id: strawberry.ID) -> Complaint | None:
        try:
            return Complaint.of(await feedback.visible_complaint(info.context.viewer, str(id)))
        except NotFound:
            return None


@strawberry.type
class FeedbackMutation:
    @strawberry.mutation(
        description="Rate your finished case 1-5, or change your rating while it is "
        "editable (then RATING_LOCKED); CASE_NOT_FINISHED before it is finished."
    )
    async def rate_case(
        self, info: Ctx, case_id: strawberry.ID, score: int, comment: str | None = None
    ) -> RateCaseResult:
        edit_hours = _edit_hours(info)

        async def run() -> Rating:
            rated = await feedback.rate_case(
                info.context.viewer,
                str(case_id),
                score=score,
                comment=comment,
                edit_hours=edit_hours,
            )
            return Rating.of(rated, edit_hours)

        return await attempt(run())

    @strawberry.mutation(
        description="Complain about one of your cases (its department by default) or about "
        "a department."
    )
    async def file_complaint(
        self,
        info: Ctx,
        text: str,
        case_id: strawberry.ID | None = None,
        department_code: str | None = None,
    ) -> FileComplaintResult:
        async def run() -> Complaint:
            return Complaint.of(
                await feedback.file_complaint(
                    info.context.viewer,
                    case_id=None if case_id is None else str(case_id),
                    department_code=department_code,
                    text=text,
                )
            )

        return await attempt(run())

    @strawberry.mutation(
        description="Move a complaint one step: handlers received → handling → answered "
        "(answer required) → closed; the complainant may close an answered one."
    )
    async def advance_complaint(
        self,
        info: Ctx,
        complaint_id: strawberry.ID,
        to: ComplaintStatus,
        answer: str | None = None,
    ) -> AdvanceComplaintResult:
        async def run() -> Complaint:
            return Complaint.of(
                await feedback.advance_complaint(
                    info.context.viewer,
                    str(complaint_id),
                    to=feedback.ComplaintStatus(to.value),
                    answer=answer,
                )
            )

        return await attempt(run())
