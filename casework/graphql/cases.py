"""GraphQL for cases: apply (draft, form, materials, submit), staff handling, reading.

Thin: every resolver is one call into the services (casework.applications, .materials,
.handling, .queues, .access). Mutations return ``<Name>Result`` unions of their success
type and the casework failures; permission failures are GraphQL errors with identity's
codes. A case the viewer may not read is ``null`` from ``case``/``caseByNumber`` and
``NOT_FOUND`` from every mutation, exactly like a case that does not exist.

The types live in :mod:`casework.graphql.case_types` and are re-exported here.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from casework import access, applications, handling, material_rows, materials, queues, states
from casework.errors import NotFound
from casework.graphql.case_enums import CaseAction, CaseEvent, CaseQueue, CaseStatus
from casework.graphql.case_types import Case, CaseMaterial, HttpHeader, MaterialUploadTicket
from casework.graphql.catalogue import DeliveryOption
from casework.graphql.common import Failure, attempt
from core.graphql.context import Ctx
from core.graphql.pagination import Connection, build_connection, page_request
from core.objectstore import ObjectStore
from identity.runtime import IdentityRuntime

__all__ = [
    "Case",
    "CaseAction",
    "CaseEvent",
    "CaseMaterial",
    "CaseMutation",
    "CaseQuery",
    "CaseQueue",
    "CaseStatus",
    "HttpHeader",
    "MaterialUploadTicket",
]

StartApplicationResult = Annotated[Case | Failure, strawberry.union("StartApplicationResult")]
SaveApplicationFormResult = Annotated[Case | Failure, strawberry.union("SaveApplicationFormResult")]
RequestMaterialUploadResult = Annotated[
    MaterialUploadTicket | Failure, strawberry.union("RequestMaterialUploadResult")
]
ConfirmMaterialUploadResult = Annotated[
    CaseMaterial | Failure, strawberry.union("ConfirmMaterialUploadResult")
]
RemoveMaterialResult = Annotated[Case | Failure, strawberry.union("RemoveMaterialResult")]
SubmitApplicationResult = Annotated[Case | Failure, strawberry.union("SubmitApplicationResult")]
ResubmitApplicationResult = Annotated[Case | Failure, strawberry.union("ResubmitApplicationResult")]
WithdrawApplicationResult = Annotated[Case | Failure, strawberry.union("WithdrawApplicationResult")]
AdvanceCaseResult = Annotated[Case | Failure, strawberry.union("AdvanceCaseResult")]


def _objects(info: Ctx) -> ObjectStore:
    return info.context.resource(IdentityRuntime).objects


def _case(result: access.CaseRow | Failure) -> Case | Failure:
    return Case.of(result) if isinstance(result, access.CaseRow) else result


@strawberry.type
class CaseQuery:
    @strawberry.field(
        description="My cases, newest first: a resident's own, or while acting for an "
        "enterprise that enterprise's (in the categories I have authority for)."
    )
    async def my_cases(
        self,
        info: Ctx,
        status: CaseStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Case]:
        request = page_request("MyCases", first, after, info.context.max_page_size)
        rows = await queues.my_cases(
            info.context.viewer,
            status=None if status is None else states.CaseStatus(status.value),
            limit=request.limit,
            after=request.after_key,
        )
        return build_connection("MyCases", [(k, Case.of(r)) for k, r in rows], request)

    @strawberry.field(description="One case, or null when there is none I may read.")
    async def case(self, info: Ctx, id: strawberry.ID) -> Case | None:
        try:
            return Case.of(await access.readable_case(info.context.viewer, str(id)))
        except NotFound:
            return None

    @strawberry.field(
        description="One case by number (grouped or not, spaces and hyphens ignored), or "
        "null when there is none I may read."
    )
    async def case_by_number(self, info: Ctx, number: str) -> Case | None:
        try:
            return Case.of(await access.readable_case_by_number(info.context.viewer, number))
        except NotFound:
            return None

    @strawberry.field(
        description="A work queue of my department (window clerks, approvers, department "
        "admins): NEW oldest first, DUE_SOON and OVERDUE by deadline, MINE, OPEN."
    )
    async def case_queue(
        self, info: Ctx, queue: CaseQueue, first: int | None = None, after: str | None = None
    ) -> Connection[Case]:
        kind = f"Queue{queue.name}"
        request = page_request(kind, first, after, info.context.max_page_size)
        settings = info.context.resource(IdentityRuntime).settings.casework
        rows = await queues.case_queue(
            info.context.viewer,
            queues.Queue(queue.value),
            limit=request.limit,
            after=request.after_key,
            due_soon_days=settings.due_soon_working_days,
        )
        return build_connection(kind, [(k, Case.of(r)) for k, r in rows], request)


@strawberry.type
class CaseMutation:
    @strawberry.mutation(
        description="Start a draft application under the item's published version (for "
        "myself, or for the enterprise I act for)."
    )
    async def start_application(self, info: Ctx, item_code: str) -> StartApplicationResult:
        return _case(await attempt(applications.start_application(info.context.viewer, item_code)))

    @strawberry.mutation(
        description="Save the answers (all of them, replacing earlier ones) and the delivery "
        "choice; given answers must be well-formed, required ones may still be missing."
    )
    async def save_application_form(
        self,
        info: Ctx,
        case_id: strawberry.ID,
        answers: JSON,
        delivery_method: DeliveryOption | None = None,
        delivery_address: str | None = None,
    ) -> SaveApplicationFormResult:
        call = applications.save_form(
            info.context.resource(IdentityRuntime).keys,
            info.context.viewer,
            str(case_id),
            answers,
            delivery_method=None if delivery_method is None else delivery_method.value,
            delivery_address=delivery_address,
        )
        return _case(await attempt(call))

    @strawberry.mutation(
        description="Get a URL (valid ≤ 300 s) to PUT one file of a material slot to; "
        "call confirmMaterialUpload once the PUT is done."
    )
    async def request_material_upload(
        self,
        info: Ctx,
        case_id: strawberry.ID,
        slot: str,
        file_name: str,
        content_type: str,
        size_bytes: int,
    ) -> RequestMaterialUploadResult:
        result = await attempt(
            materials.request_upload(
                _objects(info),
                info.context.viewer,
                str(case_id),
                slot=slot,
                file_name=file_name,
                content_type=content_type,
                size_bytes=size_bytes,
            )
        )
        return (
            MaterialUploadTicket.of(result)
            if isinstance(result, materials.UploadTicket)
            else result
        )

    @strawberry.mutation(
        description="Check the uploaded file (type by its bytes, size); a refused file is "
        "deleted and the reason returned."
    )
    async def confirm_material_upload(
        self, info: Ctx, material_id: strawberry.ID
    ) -> ConfirmMaterialUploadResult:
        result = await attempt(
            materials.confirm_upload(_objects(info), info.context.viewer, str(material_id))
        )
        if isinstance(result, material_rows.MaterialRow):
            return CaseMaterial.of(result, downloadable=True)
        return result

    @strawberry.mutation(description="Take a material out of the application.")
    async def remove_material(self, info: Ctx, material_id: strawberry.ID) -> RemoveMaterialResult:
        return _case(
            await attempt(
                materials.remove_material(_objects(info), info.context.viewer, str(material_id))
            )
        )

    @strawberry.mutation(
        description="Submit the application: every required answer and material, then the "
        "identity tier (an advanced item needs stepUpId: a face check bound to action "
        '"casework.submit" and arguments {"case": <id>}).'
    )
    async def submit_application(
        self, info: Ctx, case_id: strawberry.ID, step_up_id: str | None = None
    ) -> SubmitApplicationResult:
        runtime = info.context.resource(IdentityRuntime)
        call = applications.submit_application(
            runtime, info.context.viewer, str(case_id), step_up_id
        )
        return _case(await attempt(call))

    @strawberry.mutation(description="Send a corrected application back to the department.")
    async def resubmit_application(
        self, info: Ctx, case_id: strawberry.ID
    ) -> ResubmitApplicationResult:
        call = applications.resubmit_application(
            info.context.resource(IdentityRuntime), info.context.viewer, str(case_id)
        )
        return _case(await attempt(call))

    @strawberry.mutation(description="Withdraw the application before a decision.")
    async def withdraw_application(
        self, info: Ctx, case_id: strawberry.ID, reason: str
    ) -> WithdrawApplicationResult:
        call = applications.withdraw_application(info.context.viewer, str(case_id), reason)
        return _case(await attempt(call))

    @strawberry.mutation(
        description="Staff: take a step on a case of my department (ACCEPT, REJECT, "
        "REQUEST_CORRECTION, START_REVIEW, APPROVE, DENY, COMPLETE, DELIVER, CLOSE); "
        "reasons are required to reject, request a correction or deny."
    )
    async def advance_case(
        self, info: Ctx, case_id: strawberry.ID, action: CaseAction, reason: str | None = None
    ) -> AdvanceCaseResult:
        call = handling.advance_case(
            info.context.viewer, str(case_id), states.CaseAction(action.value), reason
        )
        return _case(await attempt(call))
