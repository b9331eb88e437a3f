"""GraphQL for raising tiers and per-transaction step-up.

Face checks (for intermediate, or bound to one sensitive action), third-party account
checks, counter verification by a window clerk, revoking evidence, and identity's own
sensitive operations (change phone: intermediate; reveal the full ID number: advanced,
per transaction). Authorisation failures are GraphQL errors (``extensions.code``); the
expected failures of each operation are members of its result union.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from core.graphql.context import Ctx
from identity import authz, counter, face, sensitive, verification
from identity.graphql.accounts import Tier
from identity.graphql.common import (
    IdentityError,
    InvalidInputError,
    ProviderUnavailableError,
    RateLimitedError,
    VerificationFailedError,
    attempt,
    runtime,
)
from identity.providers import ThirdPartyMethod as ThirdPartyMethodValue
from identity.roles import Role
from identity.tiers import Tier as TierValue


@strawberry.enum(description="What a face check is for.")
class FaceCheckPurpose(Enum):
    TIER = "tier"
    STEP_UP = "step_up"


@strawberry.enum(description="Where a face check stands.")
class FaceCheckStatus(Enum):
    STARTED = "started"
    SUBMITTED = "submitted"
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    EXPIRED = "expired"


@strawberry.enum(description="A third-party real-name channel.")
class ThirdPartyMethod(Enum):
    BANK_CARD = "bank_card"
    ALIPAY = "alipay"
    HOUSING_FUND = "housing_fund"


@strawberry.type(description="A face check is open: capture the face and submit it in time.")
class FaceCheckStarted:
    face_check_id: strawberry.ID
    expires_at: datetime
    binding_digest: str | None = strawberry.field(
        description="For a step-up: the SHA-256 the check is bound to (action, arguments, nonce)."
    )


@strawberry.type(description="The face check passed.")
class FaceCheckPassed:
    face_check_id: strawberry.ID = strawberry.field(
        description="For a step-up: pass it as stepUpId to the action it was started for."
    )
    purpose: FaceCheckPurpose
    tier: Tier = strawberry.field(description="The person's tier now.")
    valid_until: datetime | None = strawberry.field(
        description="For a step-up: it must be used before this moment, once."
    )


@strawberry.type(description="One of my face checks.")
class FaceCheck:
    id: strawberry.ID
    purpose: FaceCheckPurpose
    status: FaceCheckStatus
    action: str | None
    expires_at: datetime
    completed_at: datetime | None
    used_at: datetime | None
    failed_checks: list[str]

    @classmethod
    def of(cls, record: face.FaceCheckRecord) -> FaceCheck:
        return cls(
            id=strawberry.ID(record.id),
            purpose=FaceCheckPurpose(record.purpose.value),
            status=FaceCheckStatus(record.status.value),
            action=record.bound_action,
            expires_at=record.expires_at,
            completed_at=record.completed_at,
            used_at=record.used_at,
            failed_checks=list(record.failed_checks),
        )


@strawberry.type(description="A third-party check confirmed the account is the person's.")
class ThirdPartyVerified:
    method: ThirdPartyMethod
    tier: Tier


@strawberry.type(description="The evidence is revoked; the tier of its subject now.")
class EvidenceRevoked:
    evidence_id: strawberry.ID
    tier: Tier


@strawberry.type(description="Show this ticket as a QR code to the window clerk.")
class CounterTicketIssued:
    ticket: str
    expires_at: datetime


@strawberry.type(
    description="Who a counter ticket is for, to compare with the physical ID card (and, "
    "for an enterprise, its documents)."
)
class CounterTicketInfo:
    subject_kind: str = strawberry.field(description="person or enterprise")
    name: str = strawberry.field(description="The person (or legal representative).")
    masked_id_number: str
    sex: str
    enterprise_name: str | None
    credit_code: str | None
    expires_at: datetime


@strawberry.type(description="Counter verification recorded.")
class CounterVerified:
    subject_kind: str
    tier: Tier


@strawberry.type(description="The account's phone number changed.")
class PhoneChanged:
    masked_phone: str


@strawberry.type(description="My full ID number (shown to its owner only, once per check).")
class IdNumberRevealed:
    id_number: str


StartFaceCheckResult = Annotated[
    FaceCheckStarted
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("StartFaceCheckResult"),
]
SubmitFaceCaptureResult = Annotated[
    FaceCheckPassed
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("SubmitFaceCaptureResult"),
]
VerifyWithThirdPartyResult = Annotated[
    ThirdPartyVerified
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("VerifyWithThirdPartyResult"),
]
RevokeEvidenceResult = Annotated[
    EvidenceRevoked
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("RevokeEvidenceResult"),
]
CreateCounterTicketResult = Annotated[
    CounterTicketIssued
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("CreateCounterTicketResult"),
]
CounterTicketLookup = Annotated[
    CounterTicketInfo
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("CounterTicketLookup"),
]
ConfirmCounterVerificationResult = Annotated[
    CounterVerified
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("ConfirmCounterVerificationResult"),
]
ChangePhoneResult = Annotated[
    PhoneChanged
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("ChangePhoneResult"),
]
RevealIdNumberResult = Annotated[
    IdNumberRevealed
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("RevealIdNumberResult"),
]


def _tier(value: TierValue) -> Tier:
    return Tier(value.value)


@strawberry.type
class VerificationQuery:
    @strawberry.field(description="One of my face checks (null if not mine or unknown).")
    async def face_check(self, info: Ctx, face_check_id: strawberry.ID) -> FaceCheck | None:
        person_id = authz.require_person(info.context.viewer)
        found = await attempt(face.get_check(person_id, str(face_check_id)))
        return FaceCheck.of(found) if isinstance(found, face.FaceCheckRecord) else None

    @strawberry.field(description="Window clerks: who a counter ticket (scanned QR) is for.")
    async def counter_ticket(self, info: Ctx, ticket: str) -> CounterTicketLookup:
        clerk_id = authz.require_staff(info.context.viewer, [Role.WINDOW_CLERK])
        found = await attempt(counter.view_ticket(runtime(info).keys, ticket, clerk_id=clerk_id))
        if isinstance(found, counter.TicketView):
            return CounterTicketInfo(
                subject_kind=found.subject_kind,
                name=found.name,
                masked_id_number=found.masked_id_number,
                sex=found.sex,
                enterprise_name=found.enterprise_name,
                credit_code=found.credit_code,
                expires_at=found.expires_at,
            )
        return found


@strawberry.type
class VerificationMutation:
    @strawberry.mutation(
        description="Open a face check: TIER raises me to intermediate; STEP_UP authorises "
        "one sensitive action (name it, with its arguments as a JSON object)."
    )
    async def start_face_check(
        self,
        info: Ctx,
        purpose: FaceCheckPurpose,
        action: str | None = None,
        arguments: Annotated[
            str | None,
            strawberry.argument(description="The action's arguments as a JSON object."),
        ] = None,
    ) -> StartFaceCheckResult:
        person_id = await authz.require_tier(info.context.viewer, TierValue.BASIC)
        started = await attempt(
            face.start(
                runtime(info),
                person_id,
                purpose=face.FacePurpose(purpose.value),
                action=action,
                arguments=arguments,
            )
        )
        if isinstance(started, face.FaceCheckStarted):
            return FaceCheckStarted(
                face_check_id=strawberry.ID(started.id),
                expires_at=started.expires_at,
                binding_digest=started.binding_digest,
            )
        return started

    @strawberry.mutation(
        description="Submit the captured face (base64 JPEG or PNG, at most 500 KB) for my "
        "face check; once per check."
    )
    async def submit_face_capture(
        self, info: Ctx, face_check_id: strawberry.ID, image: str
    ) -> SubmitFaceCaptureResult:
        person_id = await authz.require_tier(info.context.viewer, TierValue.BASIC)
        passed = await attempt(
            face.submit_capture(runtime(info), person_id, str(face_check_id), image)
        )
        if isinstance(passed, face.FacePassed):
            return FaceCheckPassed(
                face_check_id=strawberry.ID(passed.check_id),
                purpose=FaceCheckPurpose(passed.purpose.value),
                tier=_tier(passed.tier),
                valid_until=passed.valid_until,
            )
        return passed

    @strawberry.mutation(
        description="Verify through an account in my name (bank card: with the phone held "
        "by the bank); a match raises me to intermediate."
    )
    async def verify_with_third_party(
        self, info: Ctx, method: ThirdPartyMethod, account: str, phone: str | None = None
    ) -> VerifyWithThirdPartyResult:
        person_id = await authz.require_tier(info.context.viewer, TierValue.BASIC)
        tier = await attempt(
            verification.verify_with_third_party(
                runtime(info),
                person_id,
                method=ThirdPartyMethodValue(method.value),
                account=account,
                phone=phone,
            )
        )
        if isinstance(tier, TierValue):
            return ThirdPartyVerified(method=method, tier=_tier(tier))
        return tier

    @strawberry.mutation(
        description="Revoke a piece of tier evidence (supervisors and platform admins: "
        "anyone's; a person: their own above basic); the tier is lowered at once."
    )
    async def revoke_evidence(
        self, info: Ctx, evidence_id: strawberry.ID, reason: str
    ) -> RevokeEvidenceResult:
        tier = await attempt(
            verification.revoke_evidence(info.context.viewer, str(evidence_id), reason=reason)
        )
        if isinstance(tier, TierValue):
            return EvidenceRevoked(evidence_id=evidence_id, tier=_tier(tier))
        return tier

    @strawberry.mutation(
        description="A ticket for counter verification (QR, ten minutes); for an "
        "enterprise I legally represent when enterpriseId is given."
    )
    async def create_counter_ticket(
        self, info: Ctx, enterprise_id: strawberry.ID | None = None
    ) -> CreateCounterTicketResult:
        person_id = await authz.require_tier(info.context.viewer, TierValue.BASIC)
        issued = await attempt(
            counter.create_ticket(
                person_id, enterprise_id=None if enterprise_id is None else str(enterprise_id)
            )
        )
        if isinstance(issued, counter.IssuedTicket):
            return CounterTicketIssued(ticket=issued.ticket, expires_at=issued.expires_at)
        return issued

    @strawberry.mutation(
        description="Window clerks: confirm a counter verification after checking the "
        "physical ID card (idCardChecked must be true)."
    )
    async def confirm_counter_verification(
        self, info: Ctx, ticket: str, id_card_checked: bool
    ) -> ConfirmCounterVerificationResult:
        clerk_id = authz.require_staff(info.context.viewer, [Role.WINDOW_CLERK])
        done = await attempt(
            counter.confirm(ticket, clerk_id=clerk_id, id_card_checked=id_card_checked)
        )
        if isinstance(done, counter.CounterVerification):
            return CounterVerified(subject_kind=done.subject_kind, tier=_tier(done.tier))
        return done

    @strawberry.mutation(
        description="Move my account to a new phone (needs intermediate and a CHANGE_PHONE "
        "code sent to the new phone)."
    )
    async def change_phone(self, info: Ctx, new_phone: str, sms_code: str) -> ChangePhoneResult:
        person_id = await authz.require_tier(info.context.viewer, TierValue.INTERMEDIATE)
        masked = await attempt(
            sensitive.change_phone(runtime(info), person_id, new_phone=new_phone, sms_code=sms_code)
        )
        if isinstance(masked, str):
            return PhoneChanged(masked_phone=masked)
        return masked

    @strawberry.mutation(
        description="My full ID number. Advanced, per transaction: pass the id of a passed "
        "STEP_UP face check started for action identity.reveal_id_number (arguments {})."
    )
    async def reveal_id_number(
        self, info: Ctx, step_up_id: strawberry.ID | None = None
    ) -> RevealIdNumberResult:
        revealed = await attempt(
            sensitive.reveal_id_number(
                runtime(info),
                info.context.viewer,
                step_up_id=None if step_up_id is None else str(step_up_id),
            )
        )
        if isinstance(revealed, str):
            return IdNumberRevealed(id_number=revealed)
        return revealed
