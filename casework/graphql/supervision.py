"""GraphQL for electronic supervision: warnings, overdue cases, metrics, the holiday calendar.

Thin: each resolver is one call into :mod:`casework.supervision`. Cases are shown with the
cases module's :class:`~casework.graphql.case_types.Case`, so an overdue case reads the
same as in a staff queue. :func:`case_warnings_field` is ``caseWarnings`` as a resolver
for a ``Case.warnings`` field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from casework import access, supervision
from casework.errors import InvalidInput, NotFound
from casework.graphql.case_types import Case, CaseStatus
from casework.graphql.common import Failure, attempt
from core.graphql.context import Ctx
from core.graphql.errors import CodedGraphQLError, RequestErrorCode
from core.graphql.pagination import Connection, build_connection, page_request
from reference.graphql import Department


@strawberry.type(
    description="A supervision warning (电子监察预警): a case has used a share of its "
    "statutory time limit."
)
class DeadlineWarning:
    id: strawberry.ID
    case_id: strawberry.ID
    case_number: str | None = strawberry.field(description="Grouped, as on a Case.")
    case_status: CaseStatus
    department_code: str
    item_name: str
    item_name_en: str
    threshold: int = strawberry.field(description="Percent of the limit used, e.g. 50, 80, 100.")
    raised_at: datetime
    due_on: date | None

    @classmethod
    def of(cls, record: supervision.WarningRecord) -> DeadlineWarning:
        return cls(
            id=strawberry.ID(record.id),
            case_id=strawberry.ID(record.case_id),
            case_number=record.case_number,
            case_status=CaseStatus(record.case_status),
            department_code=record.department_code,
            item_name=record.item_name,
            item_name_en=record.item_name_en,
            threshold=record.threshold,
            raised_at=record.raised_at,
            due_on=record.due_on,
        )

    @strawberry.field(description="The case, for those who may read it.")
    async def case(self, info: Ctx) -> Case | None:
        try:
            row = await access.readable_case(info.context.viewer, str(self.case_id))
        except NotFound:
            return None
        return Case.of(row)


@strawberry.type(
    description="One department's figures over a period (Asia/Shanghai dates, inclusive); "
    "openCases, overdueCases and complaintsOpen are as of now."
)
class DepartmentMetrics:
    department: Department
    cases_received: int = strawberry.field(description="Submitted in the period.")
    cases_decided: int = strawberry.field(
        description="Accepted cases approved or denied in the period."
    )
    on_time_rate: float | None = strawberry.field(
        description="Share of those decided on or before their deadline (0-1); null "
        "without decisions."
    )
    average_handling_days: float | None = strawberry.field(
        description="Working days from acceptance to decision, on average."
    )
    rating_average: float | None = strawberry.field(description="Ratings given in the period.")
    rating_count: int
    open_cases: int = strawberry.field(description="Still with the department now.")
    overdue_cases: int = strawberry.field(description="Open and past their deadline now.")
    complaints_open: int = strawberry.field(description="Received or being handled now.")

    @classmethod
    def of(cls, record: supervision.DepartmentMetrics) -> DepartmentMetrics:
        return cls(
            department=Department.from_record(record.department),
            cases_received=record.cases_received,
            cases_decided=record.cases_decided,
            on_time_rate=record.on_time_rate,
            average_handling_days=record.average_handling_days,
            rating_average=record.rating_average,
            rating_count=record.rating_count,
            open_cases=record.open_cases,
            overdue_cases=record.overdue_cases,
            complaints_open=record.complaints_open,
        )


@strawberry.type(description="A day that differs from the Monday-to-Friday rule.")
class Holiday:
    day: date
    kind: str = strawberry.field(
        description='"holiday" (a day off) or "workday" (a make-up working day, 调休).'
    )
    name: str

    @classmethod
    def of(cls, record: supervision.HolidayRecord) -> Holiday:
        return cls(day=record.day, kind=record.kind, name=record.name)


async def case_warnings_field(info: Ctx, row: access.CaseRow) -> list[DeadlineWarning]:
    """``Case.warnings``: call only for a case the viewer may read (a Case object is one)."""
    records = await supervision.warnings_of_readable_case(info.context.viewer, row)
    return [DeadlineWarning.of(r) for r in records]


SetHolidayResult = Annotated[Holiday | Failure, strawberry.union("SetHolidayResult")]
RemoveHolidayResult = Annotated[Holiday | Failure, strawberry.union("RemoveHolidayResult")]


@strawberry.type
class SupervisionQuery:
    @strawberry.field(
        description="Deadline warnings, newest first: a department's staff see their own "
        "department, supervisors and platform admins any (or all). Only cases still with "
        "the department unless includeClosed."
    )
    async def deadline_warnings(
        self,
        info: Ctx,
        department_code: str | None = None,
        include_closed: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[DeadlineWarning]:
        request = page_request("DeadlineWarning", first, after, info.context.max_page_size)
        records = await supervision.list_warnings(
            info.context.viewer,
            department_code=department_code,
            include_closed=include_closed,
            after_key=request.after_key,
            limit=request.limit + 1,
        )
        return build_connection(
            "DeadlineWarning", [(r.key, DeadlineWarning.of(r)) for r in records], request
        )

    @strawberry.field(
        description="A case's warnings, lowest threshold first: for its department's staff "
        "and supervisors; empty for anyone else."
    )
    async def case_warnings(self, info: Ctx, case_id: strawberry.ID) -> list[DeadlineWarning]:
        try:
            records = await supervision.case_warnings(info.context.viewer, str(case_id))
        except NotFound:
            return []
        return [DeadlineWarning.of(r) for r in records]

    @strawberry.field(
        description="Open cases past their statutory deadline, most overdue first (same "
        "audience as deadlineWarnings)."
    )
    async def overdue_cases(
        self,
        info: Ctx,
        department_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Case]:
        request = page_request("OverdueCase", first, after, info.context.max_page_size)
        keyed = await supervision.overdue_case_ids(
            info.context.viewer,
            department_code=department_code,
            after_key=request.after_key,
            limit=request.limit + 1,
        )
        rows = await access.load_cases([case_id for _, case_id in keyed])
        return build_connection(
            "OverdueCase",
            [(key, Case.of(rows[case_id])) for key, case_id in keyed if case_id in rows],
            request,
        )

    @strawberry.field(
        description="Per-department figures over a period: supervisors and platform admins."
    )
    async def department_metrics(
        self,
        info: Ctx,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        department_code: str | None = None,
    ) -> list[DepartmentMetrics]:
        try:
            records = await supervision.department_metrics(
                info.context.viewer, start=from_, end=to, department_code=department_code
            )
        except InvalidInput as exc:
            raise CodedGraphQLError(RequestErrorCode.BAD_REQUEST, exc.message) from None
        return [DepartmentMetrics.of(r) for r in records]

    @strawberry.field(description="The holiday calendar of a year (anyone).")
    async def holidays(self, year: int) -> list[Holiday]:
        return [Holiday.of(r) for r in await supervision.list_holidays(year)]


@strawberry.type
class SupervisionMutation:
    @strawberry.mutation(
        description="Add or change a day of the holiday calendar (platform admin). "
        "Deadlines already set keep their dates."
    )
    async def set_holiday(self, info: Ctx, day: date, kind: str, name: str) -> SetHolidayResult:
        async def run() -> Holiday:
            return Holiday.of(
                await supervision.set_holiday(info.context.viewer, day=day, kind=kind, name=name)
            )

        return await attempt(run())

    @strawberry.mutation(description="Remove a day from the holiday calendar (platform admin).")
    async def remove_holiday(self, info: Ctx, day: date) -> RemoveHolidayResult:
        async def run() -> Holiday:
            return Holiday.of(await supervision.remove_holiday(info.context.viewer, day=day))

        return await attempt(run())
