"""What identity needs at run time, built once per process and shared by every request."""

from __future__ import annotations

from dataclasses import dataclass

from core.crypto import KeyMaterial
from core.objectstore import ObjectStore
from core.settings import Settings
from identity.passwords import PasswordHasher
from identity.providers import IdentityProviders, build_providers
from identity.sms import DatabaseSmsOutbox

#: ``aud`` of OneTap access tokens: only this API accepts them.
ACCESS_TOKEN_AUDIENCE = "onetap-api"  # noqa: S105 (an audience name, not a secret)


@dataclass(frozen=True, slots=True)
class IdentityRuntime:
    settings: Settings
    keys: KeyMaterial
    providers: IdentityProviders
    hasher: PasswordHasher
    objects: ObjectStore

    @property
    def issuer(self) -> str:
        return self.settings.identity.token_issuer or self.settings.app.public_url.rstrip("/")

    @property
    def audience(self) -> str:
        return ACCESS_TOKEN_AUDIENCE

    @property
    def sandbox(self) -> bool:
        return self.settings.identity.providers == "sandbox"


def build_identity_runtime(
    settings: Settings, keys: KeyMaterial, objects: ObjectStore
) -> IdentityRuntime:
    return IdentityRuntime(
        settings=settings,
        keys=keys,
        providers=build_providers(settings, sms_outbox=DatabaseSmsOutbox(keys)),
        hasher=PasswordHasher.from_settings(settings.identity),
        objects=objects,
    )
