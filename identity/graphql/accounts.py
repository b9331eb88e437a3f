"""GraphQL for resident accounts and sessions: register, sign in, refresh, sign out, recover."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from core.graphql.context import Ctx
from core.graphql.errors import AccessDenied
from identity import accounts, authz, profile, sessions, sms
from identity.errors import InvalidInput
from identity.ethnic_groups import ethnic_groups
from identity.evidence import EvidenceRecord
from identity.graphql.common import (
    AuthSuccess,
    Done,
    IdentityError,
    InvalidInputError,
    ProviderUnavailableError,
    RateLimitedError,
    VerificationFailedError,
    attempt,
    device_of,
    runtime,
    signed_in,
)
from identity.tiers import Tier as TierValue


@strawberry.enum(description="Identity assurance tier.")
class Tier(Enum):
    ANONYMOUS = "anonymous"
    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


@strawberry.enum(description="What an SMS code is for; a code works only for its purpose.")
class SmsPurpose(Enum):
    REGISTER = "register"
    LOGIN = "login"
    RECOVERY = "recovery"
    CHANGE_PHONE = "change_phone"


@strawberry.type(description="One piece of evidence behind a tier.")
class TierEvidence:
    id: strawberry.ID
    tier: Tier
    method: str
    provider: str
    verifier: str | None
    created_at: datetime
    revoked_at: datetime | None
    revoke_reason: str | None

    @classmethod
    def of(cls, record: EvidenceRecord) -> TierEvidence:
        return cls(
            id=strawberry.ID(record.id),
            tier=Tier(record.tier.value),
            method=record.method,
            provider=record.provider,
            verifier=record.verifier,
            created_at=record.created_at,
            revoked_at=record.revoked_at,
            revoke_reason=record.revoke_reason,
        )


@strawberry.type(description="A resident as they see themselves; identifiers are masked.")
class PersonProfile:
    id: strawberry.ID
    name: str
    masked_id_number: str
    masked_phone: str
    sex: str
    ethnicity: str
    tier: Tier
    evidence: list[TierEvidence]


@strawberry.type(description="A staff member as they see themselves.")
class StaffProfile:
    id: strawberry.ID
    username: str
    name: str
    department_code: str | None
    department_name: str | None
    roles: list[str]


@strawberry.type(description="Who is signed in on this request.")
class Me:
    subject: str
    kind: str
    tier: Tier
    roles: list[str]
    acting_for: str | None
    amr: list[str]
    auth_time: datetime | None
    person: PersonProfile | None
    staff: StaffProfile | None


@strawberry.type(description="A signed-in device.")
class Session:
    id: strawberry.ID
    device: str
    methods: list[str]
    created_at: datetime
    last_used_at: datetime
    current: bool


@strawberry.type(description="An ethnic group of GB 3304.")
class EthnicGroup:
    code: str
    name_zh: str
    name_en: str


@strawberry.type(description="What a tier allows and how to reach it.")
class TierInfo:
    tier: Tier
    allows: list[str] = strawberry.field(description="Stable keys the PWA translates.")
    how_to_reach: list[str] = strawberry.field(description="Stable method keys.")


_TIER_GUIDE = (
    TierInfo(tier=Tier.ANONYMOUS, allows=["browse", "ask"], how_to_reach=[]),
    TierInfo(
        tier=Tier.BASIC,
        allows=["browse", "ask", "apply_basic", "track_cases", "bind_enterprise"],
        how_to_reach=["register"],
    ),
    TierInfo(
        tier=Tier.INTERMEDIATE,
        allows=["apply_intermediate", "change_phone", "e_licenses"],
        how_to_reach=["face", "counter", "bank_card", "alipay", "housing_fund"],
    ),
    TierInfo(
        tier=Tier.ADVANCED,
        allows=["sensitive_actions", "reveal_id_number"],
        how_to_reach=["face_per_transaction"],
    ),
)


@strawberry.type(description="A message the sandbox SMS gateway 'sent' (sandbox only).")
class SandboxSmsMessage:
    text: str
    sent_at: datetime


@strawberry.type(description="A code is on its way.")
class SmsCodeSent:
    expires_at: datetime
    resend_after_seconds: int


SendSmsCodeResult = Annotated[
    SmsCodeSent
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("SendSmsCodeResult"),
]
AuthResult = Annotated[
    AuthSuccess
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("AuthResult"),
]
DoneResult = Annotated[
    Done
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("DoneResult"),
]


@strawberry.input(description="Registration of a resident: every field is checked.")
class RegisterInput:
    name: str
    id_number: str
    sex: str = strawberry.field(description="M or F, as on the ID card.")
    ethnicity: str = strawberry.field(description="GB 3304 code, e.g. 01.")
    phone: str
    sms_code: str
    password: str


async def _me(info: Ctx) -> Me | None:
    viewer = info.context.viewer
    if viewer.subject is None or viewer.subject_id is None:
        return None
    rt = runtime(info)
    person = staff = None
    tier = TierValue(viewer.tier)
    if viewer.kind == "person":
        p = await profile.person_profile(rt.keys, viewer.subject_id)
        tier = p.tier
        person = PersonProfile(
            id=strawberry.ID(p.id),
            name=p.name,
            masked_id_number=p.masked_id_number,
            masked_phone=p.masked_phone,
            sex=p.sex,
            ethnicity=p.ethnicity,
            tier=Tier(p.tier.value),
            evidence=[TierEvidence.of(e) for e in p.evidence],
        )
    else:
        s = await profile.staff_profile(viewer.subject_id)
        staff = StaffProfile(
            id=strawberry.ID(s.id),
            username=s.username,
            name=s.name,
            department_code=s.department_code,
            department_name=s.department_name,
            roles=list(s.roles),
        )
    return Me(
        subject=viewer.subject,
        kind=viewer.kind or "",
        tier=Tier(tier.value),
        roles=sorted(viewer.roles),
        acting_for=viewer.acting_for,
        amr=list(viewer.amr),
        auth_time=viewer.auth_time,
        person=person,
        staff=staff,
    )


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The signed-in account; null when anonymous.")
    async def me(self, info: Ctx) -> Me | None:
        return await _me(info)

    @strawberry.field(description="My signed-in devices.")
    async def my_sessions(self, info: Ctx) -> list[Session]:
        viewer = info.context.viewer
        subject = authz.require_signed_in(viewer)
        return [
            Session(
                id=strawberry.ID(s.id),
                device=s.device,
                methods=list(s.amr),
                created_at=s.created_at,
                last_used_at=s.last_used_at,
                current=s.id == viewer.session_id,
            )
            for s in await sessions.list_sessions(subject)
        ]

    @strawberry.field(description="Ethnic groups for the registration form.")
    def ethnic_groups(self) -> list[EthnicGroup]:
        return [
            EthnicGroup(code=g.code, name_zh=g.name_zh, name_en=g.name_en) for g in ethnic_groups()
        ]

    @strawberry.field(description="The tiers, what each allows and how to reach it.")
    def tier_guide(self) -> list[TierInfo]:
        return list(_TIER_GUIDE)

    @strawberry.field(
        description="Sandbox only: the latest messages 'sent' to a phone, for demos and tests."
    )
    async def sandbox_sms_inbox(self, info: Ctx, phone: str) -> list[SandboxSmsMessage]:
        rt = runtime(info)
        if not rt.sandbox:
            raise AccessDenied(authz.FORBIDDEN, "The SMS inbox exists only in the sandbox.")
        try:
            messages = await sms.sandbox_inbox(rt.keys, phone)
        except InvalidInput:
            return []  # not a phone number: nothing was ever sent to it
        return [SandboxSmsMessage(text=m.text, sent_at=m.sent_at) for m in messages]


@strawberry.type
class AccountMutation:
    @strawberry.mutation(
        description="Send a one-time code by SMS (limited per phone, IP, account)."
    )
    async def send_sms_code(self, info: Ctx, phone: str, purpose: SmsPurpose) -> SendSmsCodeResult:
        rt = runtime(info)
        purpose_value = sms.SmsPurpose(purpose.value)
        if purpose_value is sms.SmsPurpose.CHANGE_PHONE:
            # The same bar as changePhone itself: step up before a code goes out, not after.
            await authz.require_tier(info.context.viewer, TierValue.INTERMEDIATE)
        sent = await attempt(
            sms.send_code(
                rt.keys,
                rt.providers.sms,
                phone=phone,
                purpose=purpose_value,
                code_seconds=rt.settings.identity.sms_code_seconds,
                client_ip=info.context.client_ip,
                account=info.context.viewer.subject,
            )
        )
        if isinstance(sent, sms.CodeSent):
            return SmsCodeSent(
                expires_at=sent.expires_at, resend_after_seconds=sent.resend_after_seconds
            )
        return sent

    @strawberry.mutation(description="Register a resident; a registry match makes them basic.")
    async def register(self, info: Ctx, input: RegisterInput) -> AuthResult:
        form = accounts.Registration(
            name=input.name,
            id_number=input.id_number,
            sex=input.sex,
            ethnicity=input.ethnicity,
            phone=input.phone,
            sms_code=input.sms_code,
            password=input.password,
        )
        result = await attempt(
            accounts.register(
                runtime(info), form, client_ip=info.context.client_ip, device=device_of(info)
            )
        )
        return signed_in(result)

    @strawberry.mutation(description="Sign in with ID number or phone, and password.")
    async def login_with_password(self, info: Ctx, identifier: str, password: str) -> AuthResult:
        result = await attempt(
            accounts.login_with_password(
                runtime(info), identifier=identifier, password=password, device=device_of(info)
            )
        )
        return signed_in(result)

    @strawberry.mutation(description="Sign in with a code sent to the account's phone.")
    async def login_with_sms(self, info: Ctx, phone: str, code: str) -> AuthResult:
        result = await attempt(
            accounts.login_with_sms(runtime(info), phone=phone, code=code, device=device_of(info))
        )
        return signed_in(result)

    @strawberry.mutation(description="Trade a refresh token for new tokens (the old one is spent).")
    async def refresh_session(self, info: Ctx, refresh_token: str) -> AuthResult:
        result = await attempt(sessions.refresh(runtime(info), refresh_token))
        return signed_in(result)

    @strawberry.mutation(description="Sign out of this device.")
    async def logout(self, info: Ctx) -> DoneResult:
        viewer = info.context.viewer
        subject = authz.require_signed_in(viewer)
        assert viewer.session_id is not None
        result = await attempt(sessions.revoke_own_session(subject, viewer.session_id, "logout"))
        return Done() if result is None else result

    @strawberry.mutation(description="Sign another of my devices out.")
    async def revoke_session(self, info: Ctx, session_id: strawberry.ID) -> DoneResult:
        subject = authz.require_signed_in(info.context.viewer)
        result = await attempt(
            sessions.revoke_own_session(subject, str(session_id), "revoked_by_owner")
        )
        return Done() if result is None else result

    @strawberry.mutation(
        description="Reset the password with the ID number and an SMS code; the account "
        "returns to basic and every other device is signed out."
    )
    async def recover_account(
        self, info: Ctx, id_number: str, phone: str, sms_code: str, new_password: str
    ) -> AuthResult:
        result = await attempt(
            accounts.recover(
                runtime(info),
                id_number=id_number,
                phone=phone,
                code=sms_code,
                new_password=new_password,
                device=device_of(info),
            )
        )
        return signed_in(result)
