"""GraphQL types of a case: Case, CaseMaterial, CaseEvent, the upload ticket, the enums.

A :class:`Case` is only ever built from a case the viewer may read (casework.access);
what it shows still depends on who reads it:

- the applicant sees everything, their own name in full;
- staff of the case's department see everything but the applicant's name (masked);
- supervisors and platform admins (read-only oversight) also get phone and ID-number
  answers masked, no delivery address and no material downloads.

Lists of cases batch their materials, timelines, names and versions per request.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from casework import access, material_rows, materials, states
from casework.answers import open_answers
from casework.bound_version import BoundVersion, bound_versions
from casework.forms import FieldType
from casework.graphql.case_enums import CaseAction, CaseEvent, CaseQueue, CaseStatus
from casework.graphql.catalogue import (
    ApplicantKind,
    DeliveryOption,
    ServiceItem,
    load_service_item,
)
from casework.graphql.feedback import Rating, case_rating_field
from casework.numbers import shanghai_date
from casework.timeline import TimelineStep, timelines_of
from core import clock
from core.crypto import mask_id_number, mask_name, mask_phone
from core.graphql.context import Ctx, Viewer
from identity.runtime import IdentityRuntime
from identity.tables import Enterprise, Person

if TYPE_CHECKING:
    # Supervision's types build on Case, so Case refers to them lazily.
    from casework.graphql.supervision import DeadlineWarning

__all__ = [
    "Case",
    "CaseAction",
    "CaseEvent",
    "CaseMaterial",
    "CaseQueue",
    "CaseStatus",
    "HttpHeader",
    "MaterialUploadTicket",
]


@strawberry.type(description="One file (or, later, e-license reference) filling a slot.")
class CaseMaterial:
    id: strawberry.ID
    slot: str
    source: str = strawberry.field(description='"upload" or "license".')
    status: str = strawberry.field(description='"pending" (URL issued) or "accepted".')
    file_name: str | None
    content_type: str | None = strawberry.field(description="As recognised by magic bytes.")
    size_bytes: int | None
    license_reference: str | None
    verified_at: datetime | None
    row: strawberry.Private[material_rows.MaterialRow]
    downloadable: strawberry.Private[bool]

    @classmethod
    def of(cls, row: material_rows.MaterialRow, *, downloadable: bool) -> CaseMaterial:
        return cls(
            id=strawberry.ID(row.id),
            slot=row.slot,
            source=row.source,
            status=row.status,
            file_name=row.file_name,
            content_type=row.content_type,
            size_bytes=row.size_bytes,
            license_reference=row.license_reference,
            verified_at=row.verified_at,
            row=row,
            downloadable=downloadable,
        )

    @strawberry.field(
        description="A download link valid for at most 300 s: the applicant and the case's "
        "department staff only; null for anyone else and for pending uploads."
    )
    async def download_url(self, info: Ctx) -> str | None:
        if not self.downloadable:
            return None
        return await material_rows.download_url(
            info.context.resource(IdentityRuntime).objects, self.row
        )


@strawberry.type(description="A header the upload must carry.")
class HttpHeader:
    name: str
    value: str


@strawberry.type(description="Where to PUT a material's bytes; confirm afterwards.")
class MaterialUploadTicket:
    material_id: strawberry.ID
    upload_url: str
    method: str = strawberry.field(description='Always "PUT".')
    headers: list[HttpHeader]
    expires_at: datetime

    @classmethod
    def of(cls, ticket: materials.UploadTicket) -> MaterialUploadTicket:
        return cls(
            material_id=strawberry.ID(ticket.material_id),
            upload_url=ticket.upload_url,
            method=ticket.method,
            headers=[HttpHeader(name=n, value=v) for n, v in ticket.headers],
            expires_at=ticket.expires_at,
        )


async def _person_names(ids: list[str]) -> list[str]:
    rows = await Person.select(Person.id, Person.name).where(Person.id.is_in(ids))
    names = {str(row["id"]): row["name"] for row in rows}
    return [names.get(i, "") for i in ids]


async def _enterprise_names(ids: list[str]) -> list[str]:
    rows = await Enterprise.select(Enterprise.id, Enterprise.name).where(Enterprise.id.is_in(ids))
    names = {str(row["id"]): row["name"] for row in rows}
    return [names.get(i, "") for i in ids]


async def _materials(ids: list[str]) -> list[list[material_rows.MaterialRow]]:
    found = await material_rows.materials_of(ids)
    return [found.get(i, []) for i in ids]


async def _timelines(ids: list[str]) -> list[list[TimelineStep]]:
    found = await timelines_of(ids)
    return [found.get(i, []) for i in ids]


def person_names() -> DataLoader[str, str]:
    return DataLoader(load_fn=_person_names)


def enterprise_names() -> DataLoader[str, str]:
    return DataLoader(load_fn=_enterprise_names)


def material_lists() -> DataLoader[str, list[material_rows.MaterialRow]]:
    return DataLoader(load_fn=_materials)


def timelines() -> DataLoader[str, list[TimelineStep]]:
    return DataLoader(load_fn=_timelines)


def versions() -> DataLoader[str, BoundVersion | None]:
    return DataLoader(load_fn=bound_versions)


def owns(viewer: Viewer, case: access.CaseRow) -> bool:
    """The viewer is the applicant of a case they can read (authority already checked)."""
    if viewer.kind != "person":
        return False
    return case.applicant == viewer.subject or (
        case.is_enterprise and viewer.acting_for == case.applicant
    )


def handles(viewer: Viewer, case: access.CaseRow) -> bool:
    """The applicant or the case's own department staff: who sees the case unmasked."""
    return owns(viewer, case) or bool(access.staff_actors(viewer, case))


def _masked_answers(answers: dict[str, Any], version: BoundVersion | None) -> dict[str, Any]:
    kinds = {} if version is None else {f.key: f.type for f in version.form}
    masked: dict[str, Any] = {}
    for key, value in answers.items():
        if kinds.get(key) is FieldType.PHONE:
            masked[key] = mask_phone(str(value))
        elif kinds.get(key) is FieldType.ID_NUMBER:
            masked[key] = mask_id_number(str(value))
        else:
            masked[key] = value
    return masked


@strawberry.type(description="A case (办件): one application from draft to delivery.")
class Case:
    id: strawberry.ID
    number: str | None = strawberry.field(
        description="Grouped, e.g. 350100-20261122-000123-7; null for a draft."
    )
    status: CaseStatus
    applicant_kind: ApplicantKind
    delivery_method: DeliveryOption | None
    fee_fen: int | None
    fee_settled: bool
    created_at: datetime
    submitted_at: datetime | None
    accepted_at: datetime | None
    due_on: date | None = strawberry.field(description="The statutory deadline (working days).")
    promised_on: date | None
    decided_at: datetime | None
    completed_at: datetime | None
    last_reason: str | None = strawberry.field(
        description="The latest reason given to the applicant (correction, rejection, denial)."
    )
    row: strawberry.Private[access.CaseRow]

    @classmethod
    def of(cls, row: access.CaseRow) -> Case:
        return cls(
            id=strawberry.ID(row.id),
            number=row.display_number,
            status=CaseStatus(row.status.value),
            applicant_kind=ApplicantKind.ENTERPRISE if row.is_enterprise else ApplicantKind.PERSON,
            delivery_method=None
            if row.delivery_method is None
            else DeliveryOption(row.delivery_method),
            fee_fen=row.fee_fen,
            fee_settled=row.fee_settled_at is not None,
            created_at=row.created_at,
            submitted_at=row.submitted_at,
            accepted_at=row.accepted_at,
            due_on=row.due_on,
            promised_on=row.promised_on,
            decided_at=row.decided_at,
            completed_at=row.completed_at,
            last_reason=row.last_reason,
            row=row,
        )

    @strawberry.field(description="The item version the case is bound to.")
    async def item(self, info: Ctx) -> ServiceItem:
        found = await load_service_item(info, self.row.item_version_id)
        if found is None:  # the foreign key makes this impossible
            raise LookupError("case without item version")
        return found

    @strawberry.field(description="The applying person; masked for everyone but that person.")
    async def applicant_name(self, info: Ctx) -> str:
        name = await info.context.loader(person_names).load(self.row.applicant_person_id)
        viewer = info.context.viewer
        mine = viewer.kind == "person" and viewer.subject_id == self.row.applicant_person_id
        return name if mine else mask_name(name)

    @strawberry.field(description="The applying enterprise's name (enterprise cases).")
    async def enterprise_name(self, info: Ctx) -> str | None:
        if self.row.applicant_enterprise_id is None:
            return None
        return await info.context.loader(enterprise_names).load(self.row.applicant_enterprise_id)

    @strawberry.field(
        description="The form answers by field key; phone and ID-number answers are masked "
        "for readers outside the case's department."
    )
    async def answers(self, info: Ctx) -> JSON:
        version = await info.context.loader(versions).load(self.row.item_version_id)
        fields = [] if version is None else version.form
        keys = info.context.resource(IdentityRuntime).keys
        answers = open_answers(keys, fields, self.row.form_data)
        if handles(info.context.viewer, self.row):
            return JSON(answers)
        return JSON(_masked_answers(answers, version))

    @strawberry.field(description="Courier address: the applicant and department staff only.")
    def delivery_address(self, info: Ctx) -> str | None:
        return self.row.delivery_address if handles(info.context.viewer, self.row) else None

    @strawberry.field
    async def materials(self, info: Ctx) -> list[CaseMaterial]:
        rows = await info.context.loader(material_lists).load(self.row.id)
        downloadable = handles(info.context.viewer, self.row)
        return [CaseMaterial.of(row, downloadable=downloadable) for row in rows]

    @strawberry.field(description="Every status change, oldest first.")
    async def timeline(self, info: Ctx) -> list[CaseEvent]:
        steps = await info.context.loader(timelines).load(self.row.id)
        return [CaseEvent.from_step(step) for step in steps]

    @strawberry.field(description="What this viewer may do with the case now.")
    async def available_actions(self, info: Ctx) -> list[CaseAction]:
        actors = await access.viewer_actors(info.context.viewer, self.row)
        found = states.available_actions(self.row.status, actors)
        fee_due = bool(self.row.fee_fen) and self.row.fee_settled_at is None
        return [
            CaseAction(a.value) for a in found if not (fee_due and a is states.CaseAction.COMPLETE)
        ]

    @strawberry.field(description="Still with the department and past its statutory deadline.")
    def overdue(self) -> bool:
        due = self.row.due_on
        return (
            self.row.status in states.OPEN_FOR_DEPARTMENT
            and due is not None
            and due < shanghai_date(clock.now())
        )

    @strawberry.field(description="The applicant's rating, once given (see rateCase).")
    async def rating(self, info: Ctx) -> Rating | None:
        return await case_rating_field(info, self.row.id)

    @strawberry.field(description="Supervision's deadline warnings raised for this case.")
    async def warnings(
        self, info: Ctx
    ) -> list[
        Annotated["DeadlineWarning", strawberry.lazy("casework.graphql.supervision")]  # noqa: UP037
    ]:
        from casework.graphql.supervision import case_warnings_field

        return await case_warnings_field(info, self.row)
