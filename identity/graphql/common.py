"""Shared GraphQL pieces of identity: typed errors, the auth payload, context access.

Every identity mutation returns ``<Name>Success | <typed errors>``; :func:`attempt` runs
a service call and turns an expected :class:`~identity.errors.IdentityFailure` into the
matching error object, so resolvers stay one line and no failure becomes a bare 500.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import TypeVar

import strawberry

from core.graphql.context import Ctx
from core.graphql.errors import UserError
from identity.errors import (
    IdentityFailure,
    InvalidInput,
    ProviderUnavailable,
    RateLimited,
    RegistryMismatch,
)
from identity.runtime import IdentityRuntime
from identity.sessions import IssuedTokens

T = TypeVar("T")


@strawberry.type(description="A field was malformed or broke a rule.")
class InvalidInputError(UserError):
    code: str
    message: str
    field: str = strawberry.field(description="The input field at fault (camelCase).")
    reason: str = strawberry.field(description="A stable word, e.g. checksum, too_short.")


@strawberry.type(description="Too many attempts (or a locked account); try again later.")
class RateLimitedError(UserError):
    code: str
    message: str
    retry_after_seconds: int


@strawberry.type(description="A registry or verifier did not confirm; lists the failed checks.")
class VerificationFailedError(UserError):
    code: str
    message: str
    failed_checks: list[str]


@strawberry.type(description="An outside service failed or timed out; nothing was changed.")
class ProviderUnavailableError(UserError):
    code: str
    message: str
    provider: str
    timed_out: bool


@strawberry.type(
    description="Another expected failure: LOGIN_FAILED, CODE_INVALID, ALREADY_EXISTS, "
    "NOT_FOUND, SESSION_INVALID, STEP_UP_INVALID, NOT_ALLOWED."
)
class IdentityError(UserError):
    code: str
    message: str


Failure = (
    InvalidInputError
    | RateLimitedError
    | VerificationFailedError
    | ProviderUnavailableError
    | IdentityError
)


def as_error(exc: IdentityFailure) -> Failure:
    if isinstance(exc, InvalidInput):
        return InvalidInputError(
            code=exc.code, message=exc.message, field=exc.field, reason=exc.reason
        )
    if isinstance(exc, RateLimited):
        return RateLimitedError(
            code=exc.code, message=exc.message, retry_after_seconds=exc.retry_after_seconds
        )
    if isinstance(exc, RegistryMismatch):
        return VerificationFailedError(
            code=exc.code, message=exc.message, failed_checks=list(exc.failed_checks)
        )
    if isinstance(exc, ProviderUnavailable):
        return ProviderUnavailableError(
            code=exc.code, message=exc.message, provider=exc.provider, timed_out=exc.timed_out
        )
    return IdentityError(code=exc.code, message=exc.message)


async def attempt(call: Awaitable[T]) -> T | Failure:
    """Await ``call``; an expected identity failure becomes its typed error object."""
    try:
        return await call
    except IdentityFailure as exc:
        return as_error(exc)


def runtime(info: Ctx) -> IdentityRuntime:
    return info.context.resource(IdentityRuntime)


def device_of(info: Ctx) -> str:
    """What the sessions list shows for this device: the browser's own description."""
    return (info.context.user_agent or "unknown device")[:200]


@strawberry.type(description="Signed in: a short-lived access token and a rotating refresh token.")
class AuthSuccess:
    access_token: str
    expires_in: int = strawberry.field(description="Seconds until the access token expires.")
    refresh_token: str = strawberry.field(
        description="Opaque; single use: every refresh returns a new one."
    )
    session_id: strawberry.ID

    @classmethod
    def of(cls, tokens: IssuedTokens) -> AuthSuccess:
        return cls(
            access_token=tokens.access_token,
            expires_in=tokens.expires_in,
            refresh_token=tokens.refresh_token,
            session_id=strawberry.ID(tokens.session_id),
        )


def signed_in(result: IssuedTokens | Failure) -> AuthSuccess | Failure:
    """A sign-in's outcome as the GraphQL answer: the tokens, or the typed failure."""
    return AuthSuccess.of(result) if isinstance(result, IssuedTokens) else result


@strawberry.type(description="Done.")
class Done:
    ok: bool = True
    at: datetime | None = None
