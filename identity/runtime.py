"""What identity needs at run time, built once per process and shared by every request."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from core.crypto import KeyMaterial
from core.crypto.keys import load_key_material
from core.objectstore import ObjectStore, build_object_store
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


@contextlib.asynccontextmanager
async def standalone_identity_runtime(settings: Settings) -> AsyncIterator[IdentityRuntime]:
    """Identity's runtime for a one-shot command (seed, bootstrap), outside a server.

    Loads the keys and the object store itself and closes the providers' HTTP clients on
    the way out; the server builds its runtime in ``api.runtime.open_runtime`` instead.
    """
    runtime = build_identity_runtime(
        settings, load_key_material(settings), build_object_store(settings)
    )
    try:
        yield runtime
    finally:
        await runtime.providers.aclose()
