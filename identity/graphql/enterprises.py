"""GraphQL for enterprises and their agents: bind, raise the tier, appoint, act for.

Authorisation failures (not signed in, below basic, not the legal representative, an
appointment not in force, out of scope) are GraphQL errors with ``extensions.code``;
expected domain failures (registry mismatch, provider down, bad input) are members of
each mutation's result union.
"""

from __future__ import annotations

import base64
from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from core.graphql.context import Ctx
from identity import agents, enterprises
from identity.graphql.accounts import Tier, TierEvidence
from identity.graphql.common import (
    IdentityError,
    InvalidInputError,
    ProviderUnavailableError,
    RateLimitedError,
    VerificationFailedError,
    attempt,
    runtime,
)


@strawberry.enum(description="A person's role towards an enterprise.")
class EnterpriseRole(Enum):
    LEGAL_REPRESENTATIVE = agents.LEGAL_REPRESENTATIVE
    AGENT = agents.AGENT


@strawberry.enum(description="An agent appointment's state now.")
class AppointmentStatus(Enum):
    ACTIVE = agents.Status.ACTIVE
    SCHEDULED = agents.Status.SCHEDULED
    EXPIRED = agents.Status.EXPIRED
    REVOKED = agents.Status.REVOKED


@strawberry.type(description="A legal person, as its legal representative or agents see it.")
class Enterprise:
    id: strawberry.ID
    name: str
    credit_code: str
    registration_number: str
    tier: Tier
    legal_representative_name: str = strawberry.field(
        description="Masked unless the viewer is the legal representative."
    )
    viewer_is_legal_representative: bool
    bound_at: datetime
    evidence: list[TierEvidence]

    @classmethod
    def of(cls, record: enterprises.EnterpriseRecord) -> Enterprise:
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            credit_code=record.credit_code,
            registration_number=record.registration_number,
            tier=Tier(record.tier.value),
            legal_representative_name=record.legal_representative_name,
            viewer_is_legal_representative=record.viewer_is_legal_representative,
            bound_at=record.bound_at,
            evidence=[TierEvidence.of(e) for e in record.evidence],
        )


@strawberry.type(description="Random bytes for the enterprise certificate to sign (once).")
class EnterpriseCertificateChallenge:
    challenge_id: strawberry.ID
    challenge: str = strawberry.field(description="Base64; sign these raw bytes (ECDSA P-256).")
    expires_at: datetime


@strawberry.type(description="An authorised agent's appointment; the agent is masked.")
class AgentAppointment:
    id: strawberry.ID
    enterprise_id: strawberry.ID
    agent_name: str
    agent_id_number: str
    scope: list[str]
    starts_at: datetime
    expires_at: datetime
    appointed_at: datetime
    revoked_at: datetime | None
    status: AppointmentStatus

    @classmethod
    def of(cls, record: agents.AppointmentRecord) -> AgentAppointment:
        return cls(
            id=strawberry.ID(record.id),
            enterprise_id=strawberry.ID(record.enterprise_id),
            agent_name=record.agent_name,
            agent_id_number=record.agent_id_number,
            scope=list(record.scope),
            starts_at=record.starts_at,
            expires_at=record.expires_at,
            appointed_at=record.appointed_at,
            revoked_at=record.revoked_at,
            status=AppointmentStatus(record.status),
        )


@strawberry.type(description="An enterprise I represent or am (or was) an agent of.")
class MyEnterprise:
    enterprise_id: strawberry.ID
    name: str
    credit_code: str
    tier: Tier
    role: EnterpriseRole
    status: AppointmentStatus
    appointment_id: strawberry.ID | None
    scope: list[str]
    starts_at: datetime | None
    expires_at: datetime | None
    acting_now: bool = strawberry.field(description="This session acts for it now.")


@strawberry.type(description="The session now acts for someone else: use the new access token.")
class ActingSwitched:
    access_token: str
    expires_in: int
    acting_for: str | None = strawberry.field(description="enterprise:<id>, or null for myself.")


@strawberry.type(description="The acting viewer may act for this enterprise in the category.")
class EnterpriseAuthority:
    enterprise_id: strawberry.ID
    enterprise_name: str
    as_legal_representative: bool
    appointment_id: strawberry.ID | None


@strawberry.input(description="An enterprise to bind, with me as its legal representative.")
class BindEnterpriseInput:
    name: str
    registration_number: str
    credit_code: str = strawberry.field(description="Unified social credit code (GB 32100).")


@strawberry.input(description="A person to appoint as the enterprise's agent.")
class AppointAgentInput:
    agent_id_number: str
    agent_name: str
    scope: list[str] = strawberry.field(
        description='Service category codes (e.g. "tax", "social-security"), or "*" for all.'
    )
    expires_at: datetime
    starts_at: datetime | None = strawberry.field(default=None, description="Default: now.")


EnterpriseResult = Annotated[
    Enterprise
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("EnterpriseResult"),
]
CertificateChallengeResult = Annotated[
    EnterpriseCertificateChallenge
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("CertificateChallengeResult"),
]
AppointmentResult = Annotated[
    AgentAppointment
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("AppointmentResult"),
]
ActingResult = Annotated[
    ActingSwitched
    | InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError,
    strawberry.union("ActingResult"),
]


@strawberry.type
class EnterpriseQuery:
    @strawberry.field(description="An enterprise: for its legal representative and agents.")
    async def enterprise(self, info: Ctx, id: strawberry.ID) -> Enterprise:
        return Enterprise.of(await enterprises.view_enterprise(info.context.viewer, str(id)))

    @strawberry.field(description="Enterprises I represent or am an agent of, with my role.")
    async def my_enterprises(self, info: Ctx) -> list[MyEnterprise]:
        viewer = info.context.viewer
        return [
            MyEnterprise(
                enterprise_id=strawberry.ID(e.enterprise_id),
                name=e.name,
                credit_code=e.credit_code,
                tier=Tier(e.tier.value),
                role=EnterpriseRole(e.role),
                status=AppointmentStatus(e.status),
                appointment_id=strawberry.ID(e.appointment_id) if e.appointment_id else None,
                scope=list(e.scope),
                starts_at=e.starts_at,
                expires_at=e.expires_at,
                acting_now=viewer.acting_for == f"enterprise:{e.enterprise_id}",
            )
            for e in await agents.my_enterprises(viewer)
        ]

    @strawberry.field(description="The enterprise's agents (legal representative only).")
    async def enterprise_agents(
        self, info: Ctx, enterprise_id: strawberry.ID
    ) -> list[AgentAppointment]:
        records = await agents.list_agents(runtime(info), info.context.viewer, str(enterprise_id))
        return [AgentAppointment.of(r) for r in records]

    @strawberry.field(
        description="May I, acting for an enterprise, act in this service category now? "
        "Refused with NOT_ACTING_FOR_ENTERPRISE, AGENT_OUT_OF_SCOPE or "
        "AGENT_APPOINTMENT_INACTIVE otherwise."
    )
    async def enterprise_authority(self, info: Ctx, category: str) -> EnterpriseAuthority:
        view = await agents.enterprise_authority(info.context.viewer, category)
        return EnterpriseAuthority(
            enterprise_id=strawberry.ID(view.enterprise_id),
            enterprise_name=view.enterprise_name,
            as_legal_representative=view.as_legal_representative,
            appointment_id=strawberry.ID(view.appointment_id) if view.appointment_id else None,
        )


@strawberry.type
class EnterpriseMutation:
    @strawberry.mutation(
        description="Bind an enterprise as its legal representative (basic tier needed); "
        "checked against the business registry."
    )
    async def bind_enterprise(self, info: Ctx, input: BindEnterpriseInput) -> EnterpriseResult:
        form = enterprises.EnterpriseBinding(
            name=input.name,
            registration_number=input.registration_number,
            credit_code=input.credit_code,
        )
        result = await attempt(
            enterprises.bind_enterprise(runtime(info), info.context.viewer, form)
        )
        return Enterprise.of(result) if isinstance(result, enterprises.EnterpriseRecord) else result

    @strawberry.mutation(
        description="Raise the enterprise to intermediate with its tax e-filing account "
        "(legal representative only)."
    )
    async def verify_enterprise_tax_account(
        self, info: Ctx, enterprise_id: strawberry.ID, tax_account: str
    ) -> EnterpriseResult:
        result = await attempt(
            enterprises.verify_tax_account(
                runtime(info), info.context.viewer, str(enterprise_id), tax_account
            )
        )
        return Enterprise.of(result) if isinstance(result, enterprises.EnterpriseRecord) else result

    @strawberry.mutation(
        description="Start an enterprise-certificate check: a single-use challenge valid "
        "for 5 minutes (legal representative only)."
    )
    async def begin_enterprise_certificate_check(
        self, info: Ctx, enterprise_id: strawberry.ID
    ) -> CertificateChallengeResult:
        result = await attempt(
            enterprises.begin_certificate_check(info.context.viewer, str(enterprise_id))
        )
        if isinstance(result, enterprises.CertificateChallenge):
            return EnterpriseCertificateChallenge(
                challenge_id=strawberry.ID(result.id),
                challenge=base64.b64encode(result.challenge).decode("ascii"),
                expires_at=result.expires_at,
            )
        return result

    @strawberry.mutation(
        description="Finish the certificate check: the certificate (PEM) and its signature "
        "(base64, DER or raw r||s) over the challenge; a match raises the enterprise to "
        "intermediate."
    )
    async def finish_enterprise_certificate_check(
        self,
        info: Ctx,
        enterprise_id: strawberry.ID,
        challenge_id: strawberry.ID,
        certificate_pem: str,
        signature: str,
    ) -> EnterpriseResult:
        result = await attempt(
            enterprises.finish_certificate_check(
                runtime(info),
                info.context.viewer,
                str(enterprise_id),
                challenge_id=str(challenge_id),
                certificate_pem=certificate_pem,
                signature=signature,
            )
        )
        return Enterprise.of(result) if isinstance(result, enterprises.EnterpriseRecord) else result

    @strawberry.mutation(description="Appoint an authorised agent (legal representative only).")
    async def appoint_agent(
        self, info: Ctx, enterprise_id: strawberry.ID, input: AppointAgentInput
    ) -> AppointmentResult:
        form = agents.Appointment(
            agent_id_number=input.agent_id_number,
            agent_name=input.agent_name,
            scope=input.scope,
            starts_at=input.starts_at,
            expires_at=input.expires_at,
        )
        result = await attempt(
            agents.appoint_agent(runtime(info), info.context.viewer, str(enterprise_id), form)
        )
        return (
            AgentAppointment.of(result) if isinstance(result, agents.AppointmentRecord) else result
        )

    @strawberry.mutation(description="Revoke an agent's appointment now (legal representative).")
    async def revoke_agent(self, info: Ctx, appointment_id: strawberry.ID) -> AppointmentResult:
        result = await attempt(
            agents.revoke_agent(runtime(info), info.context.viewer, str(appointment_id))
        )
        return (
            AgentAppointment.of(result) if isinstance(result, agents.AppointmentRecord) else result
        )

    @strawberry.mutation(
        description="Act for an enterprise (as its legal representative or an agent in "
        "force), or for myself again with null; returns a new access token."
    )
    async def act_for_enterprise(
        self, info: Ctx, enterprise_id: strawberry.ID | None = None
    ) -> ActingResult:
        result = await attempt(
            agents.act_for_enterprise(
                runtime(info),
                info.context.viewer,
                None if enterprise_id is None else str(enterprise_id),
            )
        )
        if isinstance(result, agents.ActingSwitch):
            return ActingSwitched(
                access_token=result.access_token,
                expires_in=result.expires_in,
                acting_for=result.acting_for,
            )
        return result
