"""GraphQL for staff: admins create, list and deactivate staff; staff sign in with a
password and a passkey (a first passkey needs the enrolment code from their admin).

Who may administer is checked twice: here from the token (signed in, staff, an admin
role: ``UNAUTHENTICATED`` / ``FORBIDDEN``), and in :mod:`identity.staff` from the
database (department scope, roles only platform admins grant: ``FORBIDDEN``).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from core.graphql.context import Ctx
from identity import authz
from identity import staff as staff_service
from identity.graphql.accounts import AuthResult
from identity.graphql.common import (
    Failure,
    attempt,
    device_of,
    runtime,
    signed_in,
)
from identity.roles import Role


@strawberry.enum(description="A staff role.")
class StaffRole(Enum):
    WINDOW_CLERK = "window_clerk"
    APPROVER = "approver"
    DEPARTMENT_ADMIN = "department_admin"
    SUPERVISOR = "supervisor"
    CALL_CENTRE_AGENT = "call_centre_agent"
    PLATFORM_ADMIN = "platform_admin"


@strawberry.type(name="StaffMember", description="A staff account, as admins see it.")
class StaffMemberInfo:
    id: strawberry.ID
    username: str
    name: str
    department_code: str | None
    department_name: str | None
    roles: list[StaffRole]
    active: bool
    created_at: datetime
    passkey_count: int
    enrolment_expires_at: datetime | None = strawberry.field(
        description="When the outstanding enrolment code expires; null when none is pending."
    )

    @classmethod
    def of(cls, record: staff_service.StaffRecord) -> StaffMemberInfo:
        return cls(
            id=strawberry.ID(record.id),
            username=record.username,
            name=record.name,
            department_code=record.department_code,
            department_name=record.department_name,
            roles=[StaffRole(r.value) for r in record.roles],
            active=record.active,
            created_at=record.created_at,
            passkey_count=record.passkey_count,
            enrolment_expires_at=record.enrolment_expires_at,
        )


@strawberry.type(
    description="A staff member and their one-time enrolment code: shown only now; they "
    "need it (after their password) to register their first passkey."
)
class StaffEnrolmentCode:
    staff: StaffMemberInfo
    enrolment_code: str
    expires_at: datetime

    @classmethod
    def of(cls, issued: staff_service.EnrolmentCode) -> StaffEnrolmentCode:
        return cls(
            staff=StaffMemberInfo.of(issued.staff),
            enrolment_code=issued.code,
            expires_at=issued.expires_at,
        )


@strawberry.input(description="A new staff account.")
class CreateStaffMemberInput:
    username: str
    name: str
    department_code: str | None = strawberry.field(
        description="Null only when every role is platform-wide "
        "(platform admin, supervisor, call-centre agent)."
    )
    roles: list[StaffRole]
    initial_password: str


@strawberry.type(description="Password accepted: sign in with one of your passkeys.")
class StaffPasskeyChallenge:
    challenge_id: strawberry.ID
    options: str = strawberry.field(description="PublicKeyCredentialRequestOptionsJSON.")
    expires_at: datetime


@strawberry.type(
    description="Password and enrolment code accepted: register your first passkey, then "
    "finish with the same enrolment code."
)
class StaffEnrolmentRequired:
    challenge_id: strawberry.ID
    options: str = strawberry.field(description="PublicKeyCredentialCreationOptionsJSON.")
    expires_at: datetime


StaffEnrolmentCodeResult = Annotated[
    StaffEnrolmentCode | Failure,
    strawberry.union("StaffEnrolmentCodeResult"),
]
StaffMemberResult = Annotated[StaffMemberInfo | Failure, strawberry.union("StaffMemberResult")]
BeginStaffLoginResult = Annotated[
    StaffPasskeyChallenge | StaffEnrolmentRequired | Failure,
    strawberry.union("BeginStaffLoginResult"),
]


def _admin_id(info: Ctx) -> str:
    return authz.require_staff(info.context.viewer, staff_service.ADMIN_ROLES)


@strawberry.type
class StaffQuery:
    @strawberry.field(
        description="Staff accounts (admins; a department admin sees their own department)."
    )
    async def staff_members(
        self, info: Ctx, department_code: str | None = None
    ) -> list[StaffMemberInfo]:
        records = await staff_service.list_staff(_admin_id(info), department_code)
        return [StaffMemberInfo.of(r) for r in records]


@strawberry.type
class StaffMutation:
    @strawberry.mutation(
        description="Create a staff account (platform admin: any; department admin: own "
        "department, not platform admin or supervisor). Returns the enrolment code."
    )
    async def create_staff_member(
        self, info: Ctx, input: CreateStaffMemberInput
    ) -> StaffEnrolmentCodeResult:
        actor = _admin_id(info)
        form = staff_service.NewStaff(
            username=input.username,
            name=input.name,
            department_code=input.department_code,
            roles=tuple(Role(r.value) for r in input.roles),
            initial_password=input.initial_password,
        )
        result = await attempt(staff_service.create_staff_member(runtime(info), actor, form))
        return (
            StaffEnrolmentCode.of(result)
            if isinstance(result, staff_service.EnrolmentCode)
            else result
        )

    @strawberry.mutation(
        description="A new enrolment code for a staff member (e.g. the first one expired)."
    )
    async def issue_staff_enrolment_code(
        self, info: Ctx, id: strawberry.ID
    ) -> StaffEnrolmentCodeResult:
        result = await attempt(staff_service.issue_enrolment_code(_admin_id(info), str(id)))
        return (
            StaffEnrolmentCode.of(result)
            if isinstance(result, staff_service.EnrolmentCode)
            else result
        )

    @strawberry.mutation(
        description="A staff member lost their device: remove their passkeys, end their "
        "sessions and issue a new enrolment code (shown once)."
    )
    async def reset_staff_passkeys(self, info: Ctx, id: strawberry.ID) -> StaffEnrolmentCodeResult:
        result = await attempt(staff_service.reset_passkeys(_admin_id(info), str(id)))
        return (
            StaffEnrolmentCode.of(result)
            if isinstance(result, staff_service.EnrolmentCode)
            else result
        )

    @strawberry.mutation(description="Deactivate a staff account; its sessions end at once.")
    async def deactivate_staff_member(self, info: Ctx, id: strawberry.ID) -> StaffMemberResult:
        result = await attempt(staff_service.deactivate_staff_member(_admin_id(info), str(id)))
        return (
            StaffMemberInfo.of(result) if isinstance(result, staff_service.StaffRecord) else result
        )

    @strawberry.mutation(
        description="Staff sign-in, step 1: username and password. Answers with a passkey "
        "challenge, or (no passkey yet) with registration options when a valid enrolment "
        "code is given (ENROLMENT_CODE_REQUIRED without one, CODE_INVALID if wrong)."
    )
    async def begin_staff_login(
        self, info: Ctx, username: str, password: str, enrolment_code: str | None = None
    ) -> BeginStaffLoginResult:
        result = await attempt(
            staff_service.begin_staff_login(
                runtime(info), username=username, password=password, enrolment_code=enrolment_code
            )
        )
        if not isinstance(result, staff_service.StaffLoginStep):
            return result
        ceremony = result.ceremony
        kind = (
            StaffPasskeyChallenge
            if result.step is staff_service.StaffStep.PASSKEY
            else StaffEnrolmentRequired
        )
        return kind(
            challenge_id=strawberry.ID(ceremony.challenge_id),
            options=ceremony.options_json,
            expires_at=ceremony.expires_at,
        )

    @strawberry.mutation(
        description="Staff sign-in, step 2: the passkey's credential JSON (and, when "
        "enrolling, the same enrolment code). Signs in with amr pwd + hwk."
    )
    async def finish_staff_login(
        self,
        info: Ctx,
        challenge_id: strawberry.ID,
        credential: str,
        enrolment_code: str | None = None,
    ) -> AuthResult:
        result = await attempt(
            staff_service.finish_staff_login(
                runtime(info),
                challenge_id=str(challenge_id),
                credential=credential,
                enrolment_code=enrolment_code,
                device=device_of(info),
            )
        )
        return signed_in(result)
