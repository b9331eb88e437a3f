"""The contract between OneTap and the outside systems identity proofing depends on.

This module owns what every provider implementation (sandbox or vendor) must look like:
the abstract interfaces, the value types they exchange, the errors they raise, and the
rules that must not differ between implementations:

- every call runs under :func:`call_provider`, so a slow or failing vendor surfaces as
  :class:`ProviderTimeout` / :class:`ProviderError` and can never be mistaken for an answer;
- a :class:`Verdict` is internally consistent (``matched`` exactly when nothing failed);
- a face result is trusted only after its signature and freshness are checked, and its
  body is parsed strictly (:func:`check_result_timestamp`, :func:`parse_face_result_body`).

Nothing here knows a particular vendor; ``sandbox.py`` and ``vendors.py`` implement it.
Error messages name the provider and a fixed description, never the personal data of the
request, so they can be logged and shown as they are.
"""

from __future__ import annotations

import asyncio
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Awaitable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal, Protocol, TypeVar

import httpx

from core.crypto.masking import mask_id_number

__all__ = [
    "ACCOUNT_CHECKS",
    "CERTIFICATE_CHECKS",
    "ENTERPRISE_CHECKS",
    "PERSON_CHECKS",
    "RESULT_MAX_SKEW_SECONDS",
    "TAX_CHECKS",
    "AccountVerifier",
    "BusinessRegistry",
    "EnterpriseCertificateAuthority",
    "EnterpriseClaim",
    "FaceOutcome",
    "FaceSessionTicket",
    "FaceVerifier",
    "IdentityProviders",
    "PersonClaim",
    "PopulationRegistry",
    "ProviderError",
    "ProviderTimeout",
    "ResultSignatureError",
    "SignedFaceResult",
    "SmsGateway",
    "SmsOutbox",
    "TaxAccountVerifier",
    "ThirdPartyMethod",
    "Verdict",
    "call_provider",
    "check_result_timestamp",
    "parse_face_result_body",
    "strict_json_object",
]

T = TypeVar("T")

#: How far a signed result's timestamp may be from our clock, either way. Wide enough for
#: ordinary clock drift and callback retries, narrow enough that a captured result cannot
#: be replayed later (the same tolerance Stripe and WeChat Pay use).
RESULT_MAX_SKEW_SECONDS = 300

#: The checks each kind of verification can report as failed, in reporting order.
PERSON_CHECKS = ("id_number", "name", "sex", "ethnicity")
ENTERPRISE_CHECKS = ("credit_code", "name", "registration_number", "legal_representative")
ACCOUNT_CHECKS = ("name", "id_number", "account", "phone")
TAX_CHECKS = ("credit_code", "tax_account")
#: ``certificate``: unreadable or not an ECDSA P-256 end-entity certificate; ``chain``: not
#: issued by the configured root; ``validity``: outside its validity period;
#: ``signature``: the challenge signature is wrong; ``revoked``: the CA says the certificate
#: is revoked (vendor only, asked once every local check has passed).
CERTIFICATE_CHECKS = ("certificate", "chain", "validity", "credit_code", "signature", "revoked")


# --- Errors ---------------------------------------------------------------------------


class ProviderError(Exception):
    """A provider could not give an answer. Never a "no": callers must not treat it as one.

    ``provider`` is the provider's key (``registry``, ``sms``, ...); ``detail`` is a fixed
    description chosen by our code, never text containing the request's personal data.
    """

    def __init__(self, provider: str, detail: str) -> None:
        super().__init__(f"{provider}: {detail}")
        self.provider = provider
        self.detail = detail


class ProviderTimeout(ProviderError):
    """The provider did not answer within the configured time."""


class ResultSignatureError(ProviderError):
    """A signed result or response had a missing or wrong signature, or a stale timestamp."""


async def call_provider(provider: str, timeout_ms: int, awaitable: Awaitable[T]) -> T:
    """Await ``awaitable`` with a deadline, turning transport failures into provider errors.

    Provider errors raised inside pass through unchanged. The httpx exception text is not
    kept in the message because it can contain the request URL.
    """
    try:
        async with asyncio.timeout(timeout_ms / 1000):
            return await awaitable
    except ProviderError:
        raise
    except (TimeoutError, httpx.TimeoutException) as exc:
        raise ProviderTimeout(provider, f"no answer within {timeout_ms} ms") from exc
    except httpx.HTTPError as exc:
        raise ProviderError(provider, f"transport error ({type(exc).__name__})") from exc


# --- Values ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A provider's yes/no on a set of claims.

    ``failed_checks`` names what did not match; ``matched`` is true exactly when it is
    empty (enforced, so a half-filled verdict cannot read as a pass). ``reference`` is the
    provider's transaction id, kept in evidence records.
    """

    matched: bool
    failed_checks: tuple[str, ...]
    reference: str

    def __post_init__(self) -> None:
        if self.matched == bool(self.failed_checks):
            raise ValueError("a verdict is matched exactly when no check failed")


@dataclass(frozen=True)
class PersonClaim:
    """What a person says about themselves, to be checked against the population registry.

    ``ethnicity`` is the GB 3304 two-digit code (``"01"`` 汉族).
    """

    name: str
    id_number: str
    sex: Literal["M", "F"]
    ethnicity: str

    def __repr__(self) -> str:
        # Claims end up in tracebacks and log lines; show only what identifies the record.
        return f"PersonClaim(id_number={mask_id_number(self.id_number)!r})"


@dataclass(frozen=True)
class EnterpriseClaim:
    """What an applicant says about an enterprise, checked against the business registry."""

    name: str
    registration_number: str
    credit_code: str
    legal_representative_name: str
    legal_representative_id_number: str

    def __repr__(self) -> str:
        return f"EnterpriseClaim(credit_code={self.credit_code!r})"


@dataclass(frozen=True)
class FaceSessionTicket:
    """A face-verification session opened at the vendor."""

    provider_session_id: str
    expires_at: datetime


@dataclass(frozen=True)
class SignedFaceResult:
    """A face result exactly as the vendor sent it (synchronously or to our callback).

    ``timestamp`` is unix seconds as text; ``signature`` covers ``timestamp + "\\n" + body``.
    Nothing in it may be believed before :meth:`FaceVerifier.open_result` has checked it.
    """

    body: bytes
    timestamp: str
    signature: str


@dataclass(frozen=True)
class FaceOutcome:
    """A verified face result: liveness, comparison with the registry portrait, score 0-100."""

    provider_session_id: str
    liveness_passed: bool
    matched: bool
    score: int
    reference: str
    checked_at: datetime


class ThirdPartyMethod(StrEnum):
    """Third-party real-name channels a person can prove their identity through."""

    BANK_CARD = "bank_card"
    ALIPAY = "alipay"
    HOUSING_FUND = "housing_fund"


# --- Interfaces -----------------------------------------------------------------------


class PopulationRegistry(ABC):
    """The population (resident identity) registry."""

    name: str

    @abstractmethod
    async def verify_person(self, claim: PersonClaim) -> Verdict:
        """Check a claim; ``failed_checks`` ⊆ :data:`PERSON_CHECKS`.

        An ID number the registry does not know fails with ``("id_number",)`` alone.
        """

    @abstractmethod
    async def reference_photo(self, id_number: str) -> bytes:
        """The registry portrait (image bytes) used for face comparison."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook, most providers hold nothing
        """Release connections; a no-op unless the implementation holds any."""


class BusinessRegistry(ABC):
    """The market-regulation business registry."""

    name: str

    @abstractmethod
    async def verify_enterprise(self, claim: EnterpriseClaim) -> Verdict:
        """Check a claim; ``failed_checks`` ⊆ :data:`ENTERPRISE_CHECKS`.

        ``legal_representative`` fails when either the name or the ID number differs.
        """

    async def aclose(self) -> None:  # noqa: B027
        """Release connections."""


class SmsOutbox(Protocol):
    """Where the sandbox SMS gateway keeps messages instead of sending them."""

    async def keep(self, *, phone: str, text: str, message_id: str) -> None: ...


class SmsGateway(ABC):
    """An SMS gateway."""

    name: str

    @abstractmethod
    async def send(self, *, phone: str, text: str) -> str:
        """Send ``text`` to ``phone``; return the gateway's message id."""

    async def aclose(self) -> None:  # noqa: B027
        """Release connections."""


class FaceVerifier(ABC):
    """A face / liveness vendor comparing a capture with the registry portrait."""

    name: str

    @abstractmethod
    async def start_session(self, *, session_reference: str) -> FaceSessionTicket:
        """Open a vendor session for our ``session_reference``."""

    @abstractmethod
    async def submit_capture(
        self, *, provider_session_id: str, image: bytes, reference_photo: bytes, hint: str
    ) -> SignedFaceResult:
        """Submit a capture; the result comes back signed and must go through
        :meth:`open_result`. ``hint`` is the person's name, used only by the sandbox."""

    @abstractmethod
    def open_result(self, signed: SignedFaceResult, *, now: datetime) -> FaceOutcome:
        """Verify the signature and freshness of a result and parse it.

        Raises :class:`ResultSignatureError` for a bad or missing signature, a timestamp
        more than :data:`RESULT_MAX_SKEW_SECONDS` from ``now``, or a malformed body.
        """

    async def aclose(self) -> None:  # noqa: B027
        """Release connections."""


class AccountVerifier(ABC):
    """Third-party real-name checks: bank card four elements, Alipay, housing fund."""

    name: str

    @abstractmethod
    async def verify_account(
        self,
        *,
        method: ThirdPartyMethod,
        name: str,
        id_number: str,
        account: str,
        phone: str | None,
    ) -> Verdict:
        """Check that ``account`` belongs to the person; ``failed_checks`` ⊆
        :data:`ACCOUNT_CHECKS`. A bank card check needs ``phone`` (the fourth element)."""

    async def aclose(self) -> None:  # noqa: B027
        """Release connections."""


class TaxAccountVerifier(ABC):
    """The tax bureau's enterprise e-filing accounts."""

    name: str

    @abstractmethod
    async def verify_tax_account(self, *, credit_code: str, tax_account: str) -> Verdict:
        """Check that ``tax_account`` is the enterprise's; ``failed_checks`` ⊆
        :data:`TAX_CHECKS`."""

    async def aclose(self) -> None:  # noqa: B027
        """Release connections."""


class EnterpriseCertificateAuthority(ABC):
    """The CA issuing enterprise digital certificates (USB keys, cloud certificates)."""

    name: str

    @abstractmethod
    async def verify_certificate(
        self, *, credit_code: str, certificate_pem: str, challenge: bytes, signature: bytes
    ) -> Verdict:
        """Check the certificate chains to the CA root, is within its validity period,
        names ``credit_code`` in its subject, and that ``signature`` (ECDSA P-256 /
        SHA-256) over ``challenge`` verifies with its key; ``failed_checks`` ⊆
        :data:`CERTIFICATE_CHECKS`."""

    async def aclose(self) -> None:  # noqa: B027
        """Release connections."""


@dataclass(frozen=True)
class IdentityProviders:
    """The full set of providers a process uses; built by ``build_providers``."""

    registry: PopulationRegistry
    business_registry: BusinessRegistry
    sms: SmsGateway
    face: FaceVerifier
    accounts: AccountVerifier
    tax: TaxAccountVerifier
    ca: EnterpriseCertificateAuthority

    async def aclose(self) -> None:
        """Close every provider's connections (call once at shutdown)."""
        for f in fields(self):
            provider = getattr(self, f.name)
            await provider.aclose()


# --- Shared parsing rules -------------------------------------------------------------

_UNIX_SECONDS = re.compile(r"[0-9]{1,12}")


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _reject_constant(_name: str) -> Any:
    raise ValueError("non-finite number")


def strict_json_object(body: bytes) -> dict[str, Any]:
    """Parse ``body`` as one UTF-8 JSON object: no duplicate keys, no NaN/Infinity.

    Raises ``ValueError`` otherwise; the caller turns that into its provider's error. Two
    parsers reading a duplicated key differently is how signed payloads get smuggled.
    """
    text = body.decode("utf-8")  # UnicodeDecodeError is a ValueError
    value = json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def check_result_timestamp(provider: str, timestamp: str, *, now: datetime) -> None:
    """Raise :class:`ResultSignatureError` unless ``timestamp`` is unix seconds within
    :data:`RESULT_MAX_SKEW_SECONDS` of ``now`` (which must be timezone-aware)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if not _UNIX_SECONDS.fullmatch(timestamp):
        raise ResultSignatureError(provider, "malformed timestamp")
    if abs(now.timestamp() - int(timestamp)) > RESULT_MAX_SKEW_SECONDS:
        raise ResultSignatureError(provider, "stale timestamp")


_FACE_RESULT_TYPES: dict[str, type] = {
    "session": str,
    "liveness": bool,
    "match": bool,
    "score": int,
    "reference": str,
    "checked_at": int,
}


def parse_face_result_body(provider: str, body: bytes) -> FaceOutcome:
    """Parse a (signature-checked) face result body, strictly.

    The body is ``{"session": str, "liveness": bool, "match": bool, "score": 0-100,
    "reference": str, "checked_at": unix seconds}`` with exactly these keys. Anything else
    raises :class:`ResultSignatureError`: a result we cannot read is not a result.
    """
    try:
        data = strict_json_object(body)
    except ValueError:
        raise ResultSignatureError(provider, "face result is not a JSON object") from None
    if set(data) != set(_FACE_RESULT_TYPES):
        raise ResultSignatureError(provider, "face result has unexpected or missing fields")
    for key, expected in _FACE_RESULT_TYPES.items():
        value = data[key]
        # bool is a subclass of int: a score of ``true`` must not read as 1.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ResultSignatureError(provider, f"face result field {key} has the wrong type")
    score: int = data["score"]
    if not 0 <= score <= 100:
        raise ResultSignatureError(provider, "face result score out of range")
    if not data["session"] or not data["reference"]:
        raise ResultSignatureError(provider, "face result without session or reference")
    try:
        checked_at = datetime.fromtimestamp(data["checked_at"], UTC)
    except (OverflowError, OSError, ValueError):
        raise ResultSignatureError(provider, "face result time out of range") from None
    return FaceOutcome(
        provider_session_id=data["session"],
        liveness_passed=data["liveness"],
        matched=data["match"],
        score=score,
        reference=data["reference"],
        checked_at=checked_at,
    )
