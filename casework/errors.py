"""Expected casework failures, as exceptions carrying a stable code.

Services raise these; :mod:`casework.graphql.common` turns each into a typed error of
the mutation's result union. Messages are English and never carry personal data; the
PWA shows its own text for each code in the user's language. Authorisation failures are
:class:`core.graphql.errors.AccessDenied` (from identity.authz), not these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar


class CaseworkFailure(Exception):
    code: ClassVar[str] = "CASEWORK_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(CaseworkFailure):
    """No such thing *for this viewer*: another person's case reads exactly the same."""

    code = "NOT_FOUND"


class InvalidInput(CaseworkFailure):
    """One input field is malformed or breaks a rule; ``reason`` is a stable word."""

    code = "INVALID_INPUT"

    def __init__(self, field: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem with one field of an application form (or a material slot)."""

    field: str
    reason: str  # required, too_short, too_long, pattern, min, max, not_an_option, type...
    message: str


class FormInvalid(CaseworkFailure):
    """The application form (or its materials) has problems; lists every one of them."""

    code = "FORM_INVALID"

    def __init__(self, problems: Sequence[FieldProblem], message: str | None = None) -> None:
        super().__init__(message or "Some answers need attention.")
        self.problems = tuple(problems)


class MaterialRejected(CaseworkFailure):
    """An upload was refused (and deleted): wrong_type, too_large, too_many, empty, missing."""

    code = "MATERIAL_REJECTED"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class TransitionNotAllowed(CaseworkFailure):
    """The state graph refused: TRANSITION_NOT_ALLOWED, ACTOR_NOT_ALLOWED, REASON_REQUIRED."""

    code = "TRANSITION_NOT_ALLOWED"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code  # type: ignore[misc]


class FeeUnsettled(CaseworkFailure):
    """A fee-charging case cannot complete before its fee is settled."""

    code = "FEE_UNSETTLED"


class NotAccepting(CaseworkFailure):
    """The item has no published version (or is not for this kind of applicant)."""

    code = "NOT_ACCEPTING_APPLICATIONS"


class Conflict(CaseworkFailure):
    """The request contradicts the current state (e.g. a different fee already settled)."""

    code = "CONFLICT"


class RateLimited(CaseworkFailure):
    code = "RATE_LIMITED"

    def __init__(self, retry_after_seconds: int, message: str = "Too many requests.") -> None:
        super().__init__(message)
        self.retry_after_seconds = max(1, retry_after_seconds)


class LicenseMaterialInvalid(CaseworkFailure):
    """An e-license used as a material no longer checks out (revoked, expired, forged)."""

    code = "LICENSE_MATERIAL_INVALID"
