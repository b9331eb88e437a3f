"""Expected e-license failures, each with a stable code the PWA words in zh and en.

Services raise these; licenses.graphql turns them into ``LicenseError`` (or identity's
``InvalidInputError`` for :class:`InvalidInput`). Messages are English and never carry
personal data. Authorisation failures are :class:`core.graphql.errors.AccessDenied`.
"""

from __future__ import annotations

from typing import ClassVar


class LicenseFailure(Exception):
    code: ClassVar[str] = "LICENSE_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(LicenseFailure):
    """No such license *for this viewer*: someone else's reads exactly like a missing one."""

    code = "NOT_FOUND"


class InvalidInput(LicenseFailure):
    code = "INVALID_INPUT"

    def __init__(self, field: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason


class NotAllowed(LicenseFailure):
    """The status change is not an edge of the graph from the current status."""

    code = "NOT_ALLOWED"


class ReasonRequired(LicenseFailure):
    code = "REASON_REQUIRED"


class ConsentRefused(LicenseFailure):
    """Reading a shared license without a live consent; ``code`` says which way it failed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.refusal = code

    @property
    def code(self) -> str:  # type: ignore[override]
        return self.refusal


class LicenseInvalid(LicenseFailure):
    """Signature, integrity or status check failed (used as material, shared...)."""

    code = "LICENSE_INVALID"


class SlotNotSatisfiable(LicenseFailure):
    code = "SLOT_NOT_SATISFIABLE"


class NotHolder(LicenseFailure):
    code = "NOT_HOLDER"


class SealMissing(LicenseFailure):
    """The department has no active seal, so nothing can be signed in its name."""

    code = "SEAL_MISSING"


class SealRetired(LicenseFailure):
    """A retired seal was asked to sign; it only verifies what it signed before."""

    code = "SEAL_RETIRED"


class Conflict(LicenseFailure):
    code = "CONFLICT"
