"""GraphQL for passkeys: add, list, rename and remove mine; sign in with one.

Ceremony options travel as a JSON string (``PublicKeyCredentialCreationOptionsJSON`` or
``PublicKeyCredentialRequestOptionsJSON``, byte fields base64url) that the PWA hands to
``PublicKeyCredential.parseCreationOptionsFromJSON`` / ``parseRequestOptionsFromJSON``
(or @simplewebauthn/browser); the credential comes back as the JSON string of
``credential.toJSON()``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from core.graphql.context import Ctx
from identity import authz, passkeys
from identity.graphql.accounts import AuthResult
from identity.graphql.common import (
    Done,
    Failure,
    attempt,
    device_of,
    runtime,
    signed_in,
)


@strawberry.type(name="Passkey", description="One of my passkeys (a WebAuthn credential).")
class PasskeyInfo:
    id: strawberry.ID
    nickname: str
    created_at: datetime
    last_used_at: datetime | None
    backed_up: bool = strawberry.field(description="Synced to a cloud account (backup state).")
    device_type: str = strawberry.field(description="single_device or multi_device.")
    transports: list[str]
    aaguid: str = strawberry.field(description="The authenticator model's AAGUID.")

    @classmethod
    def of(cls, record: passkeys.PasskeyRecord) -> PasskeyInfo:
        return cls(
            id=strawberry.ID(record.id),
            nickname=record.nickname,
            created_at=record.created_at,
            last_used_at=record.last_used_at,
            backed_up=record.backed_up,
            device_type=record.device_type,
            transports=list(record.transports),
            aaguid=record.aaguid,
        )


@strawberry.type(description="A started passkey ceremony: options for the browser.")
class PasskeyOptions:
    challenge_id: strawberry.ID = strawberry.field(
        description="Give it back to finish; valid once, for two minutes."
    )
    options: str = strawberry.field(
        description="JSON for navigator.credentials (PublicKeyCredential*OptionsJSON)."
    )
    expires_at: datetime

    @classmethod
    def of(cls, ceremony: passkeys.Ceremony) -> PasskeyOptions:
        return cls(
            challenge_id=strawberry.ID(ceremony.challenge_id),
            options=ceremony.options_json,
            expires_at=ceremony.expires_at,
        )


PasskeyOptionsResult = Annotated[PasskeyOptions | Failure, strawberry.union("PasskeyOptionsResult")]
PasskeyResult = Annotated[PasskeyInfo | Failure, strawberry.union("PasskeyResult")]
RemovePasskeyResult = Annotated[Done | Failure, strawberry.union("RemovePasskeyResult")]


@strawberry.type
class PasskeyQuery:
    @strawberry.field(description="My passkeys, oldest first.")
    async def my_passkeys(self, info: Ctx) -> list[PasskeyInfo]:
        subject = authz.require_signed_in(info.context.viewer)
        return [PasskeyInfo.of(p) for p in await passkeys.list_passkeys(subject)]


@strawberry.type
class PasskeyMutation:
    @strawberry.mutation(
        description="Start adding a passkey to my account (resident key and user "
        "verification required; my existing passkeys are excluded)."
    )
    async def begin_passkey_registration(self, info: Ctx) -> PasskeyOptionsResult:
        subject = authz.require_signed_in(info.context.viewer)
        result = await attempt(passkeys.begin_registration(runtime(info), subject))
        return PasskeyOptions.of(result) if isinstance(result, passkeys.Ceremony) else result

    @strawberry.mutation(description="Finish adding a passkey with the browser's credential JSON.")
    async def finish_passkey_registration(
        self,
        info: Ctx,
        challenge_id: strawberry.ID,
        credential: str,
        nickname: str | None = None,
    ) -> PasskeyResult:
        subject = authz.require_signed_in(info.context.viewer)
        result = await attempt(
            passkeys.finish_registration(
                runtime(info),
                subject,
                challenge_id=str(challenge_id),
                credential=credential,
                nickname=nickname,
            )
        )
        return PasskeyInfo.of(result) if isinstance(result, passkeys.PasskeyRecord) else result

    @strawberry.mutation(description="Rename one of my passkeys.")
    async def rename_passkey(self, info: Ctx, id: strawberry.ID, nickname: str) -> PasskeyResult:
        subject = authz.require_signed_in(info.context.viewer)
        result = await attempt(passkeys.rename_passkey(subject, str(id), nickname))
        return PasskeyInfo.of(result) if isinstance(result, passkeys.PasskeyRecord) else result

    @strawberry.mutation(
        description="Remove one of my passkeys (staff keep at least one: NOT_ALLOWED)."
    )
    async def remove_passkey(self, info: Ctx, id: strawberry.ID) -> RemovePasskeyResult:
        subject = authz.require_signed_in(info.context.viewer)
        result = await attempt(passkeys.remove_passkey(subject, str(id)))
        return Done() if result is None else result

    @strawberry.mutation(
        description="Start signing in with a passkey on this device (no account named: "
        "the device offers its passkeys for OneTap)."
    )
    async def begin_passkey_login(self, info: Ctx) -> PasskeyOptionsResult:
        result = await attempt(
            passkeys.begin_login(runtime(info), client_ip=info.context.client_ip)
        )
        return PasskeyOptions.of(result) if isinstance(result, passkeys.Ceremony) else result

    @strawberry.mutation(description="Finish signing in with the browser's credential JSON.")
    async def finish_passkey_login(
        self, info: Ctx, challenge_id: strawberry.ID, credential: str
    ) -> AuthResult:
        result = await attempt(
            passkeys.finish_login(
                runtime(info),
                challenge_id=str(challenge_id),
                credential=credential,
                device=device_of(info),
            )
        )
        return signed_in(result)
