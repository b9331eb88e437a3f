"""Identity providers: the outside systems identity proofing relies on, behind interfaces.

This package owns the choice between the sandbox (``sandbox.py``, outcomes chosen by magic
inputs) and the production vendor adapters (``vendors.py``, signed JSON over HTTPS), made
once per process by :func:`build_providers` from settings. The rest of ``identity`` talks
only to the interfaces in ``base.py``, so it cannot tell which set it was given; see
``docs/adr/0005-identity-providers.md``.
"""

from __future__ import annotations

import base64
import binascii

import httpx

from core.settings import Settings, SettingsError
from identity.providers.base import (
    ACCOUNT_CHECKS,
    CERTIFICATE_CHECKS,
    ENTERPRISE_CHECKS,
    PERSON_CHECKS,
    RESULT_MAX_SKEW_SECONDS,
    TAX_CHECKS,
    AccountVerifier,
    BusinessRegistry,
    EnterpriseCertificateAuthority,
    EnterpriseClaim,
    FaceOutcome,
    FaceSessionTicket,
    FaceVerifier,
    IdentityProviders,
    PersonClaim,
    PopulationRegistry,
    ProviderError,
    ProviderTimeout,
    ResultSignatureError,
    SignedFaceResult,
    SmsGateway,
    SmsOutbox,
    TaxAccountVerifier,
    ThirdPartyMethod,
    Verdict,
    call_provider,
)
from identity.providers.sandbox import (
    SandboxCompany,
    SandboxPerson,
    issue_sandbox_certificate,
    sandbox_ca_root,
    sandbox_companies,
    sandbox_people,
    sandbox_providers,
)
from identity.providers.vendors import (
    VendorConfig,
    VendorConfigError,
    load_vendors,
    vendor_providers,
)

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
    "SandboxCompany",
    "SandboxPerson",
    "SignedFaceResult",
    "SmsGateway",
    "SmsOutbox",
    "TaxAccountVerifier",
    "ThirdPartyMethod",
    "VendorConfig",
    "VendorConfigError",
    "Verdict",
    "build_providers",
    "call_provider",
    "issue_sandbox_certificate",
    "load_vendors",
    "sandbox_ca_root",
    "sandbox_companies",
    "sandbox_people",
]


def _face_secret(value: str) -> bytes | None:
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SettingsError("ONETAP_IDENTITY_FACE_RESULT_SECRET", "is not valid base64") from None


def build_providers(
    settings: Settings,
    *,
    sms_outbox: SmsOutbox,
    transport: httpx.AsyncBaseTransport | None = None,
) -> IdentityProviders:
    """The providers this process uses, as ``ONETAP_IDENTITY_PROVIDERS`` says.

    ``sms_outbox`` receives the sandbox's messages (unused in production); ``transport``
    replaces the network for the vendor adapters (tests, vendor simulators). Every call is
    bounded by ``ONETAP_IDENTITY_PROVIDER_TIMEOUT_MS``. Call ``aclose()`` on the result at
    shutdown to release the vendors' connections.
    """
    identity = settings.identity
    timeout_ms = identity.provider_timeout_ms
    if identity.providers == "sandbox":
        return sandbox_providers(
            sms_outbox=sms_outbox,
            timeout_ms=timeout_ms,
            face_secret=_face_secret(identity.face_result_secret),
        )
    if identity.vendors_file is None:
        # load_settings already refuses this; repeated for settings built by hand.
        raise SettingsError("ONETAP_IDENTITY_VENDORS_FILE", "is required with production providers")
    return vendor_providers(
        load_vendors(identity.vendors_file), timeout_ms=timeout_ms, transport=transport
    )
