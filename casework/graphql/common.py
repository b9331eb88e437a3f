"""Shared GraphQL pieces of casework: typed errors and :func:`attempt`.

Every casework mutation returns ``<Name>Success | <typed errors>``; :func:`attempt` runs
a service call and turns an expected :class:`~casework.errors.CaseworkFailure` into the
matching error object. Permission failures stay GraphQL errors (``AccessDenied``) with
identity's codes, so the PWA's step-up routing works the same for every domain.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import strawberry

from casework.errors import (
    CaseworkFailure,
    FormInvalid,
    InvalidInput,
    MaterialRejected,
    RateLimited,
)
from core.graphql.errors import UserError
from identity.graphql.common import InvalidInputError, RateLimitedError

T = TypeVar("T")


@strawberry.type(description="One problem with one answer of an application form.")
class FieldProblem:
    field: str = strawberry.field(description="The form field key (or material slot key).")
    reason: str = strawberry.field(
        description="A stable word: required, too_short, too_long, pattern, min, max, "
        "not_an_option, type, unknown_field, material_missing."
    )
    message: str


@strawberry.type(description="The application form has problems; every one is listed.")
class FormInvalidError(UserError):
    code: str
    message: str
    problems: list[FieldProblem]


@strawberry.type(description="An uploaded file was refused and deleted.")
class MaterialRejectedError(UserError):
    code: str
    message: str
    reason: str = strawberry.field(
        description="wrong_type, too_large, too_many, empty, missing, not_uploaded."
    )


@strawberry.type(
    description="Another expected casework failure: NOT_FOUND, TRANSITION_NOT_ALLOWED, "
    "ACTOR_NOT_ALLOWED, REASON_REQUIRED, FEE_UNSETTLED, NOT_ACCEPTING_APPLICATIONS, CONFLICT."
)
class CaseworkError(UserError):
    code: str
    message: str


Failure = (
    InvalidInputError | RateLimitedError | FormInvalidError | MaterialRejectedError | CaseworkError
)


def as_error(exc: CaseworkFailure) -> Failure:
    if isinstance(exc, InvalidInput):
        return InvalidInputError(
            code=exc.code, message=exc.message, field=exc.field, reason=exc.reason
        )
    if isinstance(exc, RateLimited):
        return RateLimitedError(
            code=exc.code, message=exc.message, retry_after_seconds=exc.retry_after_seconds
        )
    if isinstance(exc, FormInvalid):
        return FormInvalidError(
            code=exc.code,
            message=exc.message,
            problems=[
                FieldProblem(field=p.field, reason=p.reason, message=p.message)
                for p in exc.problems
            ],
        )
    if isinstance(exc, MaterialRejected):
        return MaterialRejectedError(code=exc.code, message=exc.message, reason=exc.reason)
    return CaseworkError(code=exc.code, message=exc.message)


async def attempt(call: Awaitable[T]) -> T | Failure:
    """Await ``call``; an expected casework failure becomes its typed error object."""
    try:
        return await call
    except CaseworkFailure as exc:
        return as_error(exc)
