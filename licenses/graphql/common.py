"""Shared GraphQL pieces of licenses: the typed error and :func:`attempt`.

Every license mutation returns ``<Name>Result = <Success> | InvalidInputError |
LicenseError``. Casework failures met on the way (a case that is not editable, not the
viewer's) come out as ``LicenseError`` with casework's code.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import strawberry

from casework.errors import CaseworkFailure
from casework.errors import InvalidInput as CaseworkInvalidInput
from core.graphql.errors import UserError
from identity.graphql.common import InvalidInputError
from licenses.errors import InvalidInput, LicenseFailure

T = TypeVar("T")


@strawberry.type(
    description="An expected e-license failure: NOT_FOUND, NOT_ALLOWED, REASON_REQUIRED, "
    "CONSENT_REQUIRED, CONSENT_EXPIRED, CONSENT_WITHDRAWN, LICENSE_INVALID, "
    "SLOT_NOT_SATISFIABLE, NOT_HOLDER, SEAL_MISSING, SEAL_RETIRED, CONFLICT (or a casework code)."
)
class LicenseError(UserError):
    code: str
    message: str


Failure = InvalidInputError | LicenseError


async def attempt(call: Awaitable[T]) -> T | Failure:
    try:
        return await call
    except (InvalidInput, CaseworkInvalidInput) as exc:
        return InvalidInputError(
            code="INVALID_INPUT", message=exc.message, field=exc.field, reason=exc.reason
        )
    except (LicenseFailure, CaseworkFailure) as exc:
        return LicenseError(code=exc.code, message=exc.message)
