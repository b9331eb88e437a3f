"""Expected identity failures, as exceptions carrying a stable code.

Services raise these; the GraphQL layer turns each into a typed error object of the
mutation's result union, so the PWA switches on ``code`` and shows the message in the
user's language. Messages never contain personal data (no ID numbers, phones, names).
Authorisation failures are not here: they are :class:`core.graphql.errors.AccessDenied`.
"""

from __future__ import annotations

from typing import ClassVar


class IdentityFailure(Exception):
    code: ClassVar[str] = "IDENTITY_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(IdentityFailure):
    """A field is malformed or fails a rule; ``reason`` is a stable machine word."""

    code = "INVALID_INPUT"

    def __init__(self, field: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason


class RateLimited(IdentityFailure):
    code = "RATE_LIMITED"

    def __init__(self, retry_after_seconds: int, message: str = "Too many attempts.") -> None:
        super().__init__(message)
        self.retry_after_seconds = max(1, retry_after_seconds)


class AccountLocked(RateLimited):
    code = "ACCOUNT_LOCKED"


class RegistryMismatch(IdentityFailure):
    """The registry did not confirm the claim; says which checks failed, never the data."""

    code = "REGISTRY_MISMATCH"

    def __init__(self, failed_checks: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.failed_checks = failed_checks


class VerificationFailed(RegistryMismatch):
    """A verification (face, bank card, certificate...) said no."""

    code = "VERIFICATION_FAILED"


class ProviderUnavailable(IdentityFailure):
    code = "PROVIDER_UNAVAILABLE"

    def __init__(self, provider: str, timed_out: bool) -> None:
        what = "did not answer in time" if timed_out else "reported an error"
        super().__init__(f"The {provider} service {what}; nothing was changed. Try again later.")
        self.provider = provider
        self.timed_out = timed_out


class LoginFailed(IdentityFailure):
    code = "LOGIN_FAILED"


class CodeInvalid(IdentityFailure):
    """A one-time code (SMS, counter ticket, challenge) is wrong, expired or used."""

    code = "CODE_INVALID"


class AlreadyExists(IdentityFailure):
    code = "ALREADY_EXISTS"


class NotFound(IdentityFailure):
    code = "NOT_FOUND"


class SessionInvalid(IdentityFailure):
    code = "SESSION_INVALID"


class StepUpInvalid(IdentityFailure):
    """An advanced (per-transaction) check is missing, stale, used or bound elsewhere."""

    code = "STEP_UP_INVALID"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class NotAllowed(IdentityFailure):
    """The operation conflicts with the current state (e.g. removing the last passkey)."""

    code = "NOT_ALLOWED"
