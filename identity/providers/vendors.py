"""Production adapters: the provider interfaces over one small signed-JSON HTTP protocol.

This module owns the wire format OneTap speaks to outside systems and the vendors file that
configures them. Every vendor is reached the same way, so there is one client to review:

Requests
    ``POST <base_url><path>`` with a compact UTF-8 JSON body and the headers ``X-App-Id``,
    ``X-Timestamp`` (unix seconds), ``X-Nonce`` (random, single use) and ``X-Signature`` =
    base64 HMAC-SHA256(secret, ``METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nsha256hex(body)``), where
    PATH is the request's path and query exactly as sent. Personal data only ever travels in
    bodies, never in URLs, because URLs end up in access logs.

Responses and callbacks
    Signed by the vendor with its RSA key: ``X-Timestamp`` and ``X-Signature`` = base64
    RSASSA-PKCS1-v1_5/SHA-256 over ``TIMESTAMP + "\\n" + body``. A missing or wrong
    signature, or a timestamp more than 300 s from our clock, is a
    :class:`ResultSignatureError`. Only ``200`` counts as an answer; any other status is a
    :class:`ProviderError`. Bodies are ``{"code": "OK", "data": {...}}``; another code is a
    :class:`ProviderError`. Face results are the exception: their body is the bare result
    document (see :func:`~identity.providers.base.parse_face_result_body`), so the same bytes
    can be signed for the synchronous answer and for the callback.

Endpoints (all POST): ``/v1/person/verify``, ``/v1/person/photo``,
``/v1/enterprise/verify``, ``/v1/sms/send``, ``/v1/face/sessions``, ``/v1/face/capture``,
``/v1/accounts/verify``, ``/v1/tax/accounts/verify``, ``/v1/certificates/status``.
A verdict's data is ``{"matched": bool, "failed_checks": [...], "transaction_id": str}``,
and an answer that is inconsistent or names an unknown check is a :class:`ProviderError`:
what we cannot read is never taken for a match.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from core import clock
from identity.providers.base import (
    ACCOUNT_CHECKS,
    ENTERPRISE_CHECKS,
    PERSON_CHECKS,
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
    ResultSignatureError,
    SignedFaceResult,
    SmsGateway,
    TaxAccountVerifier,
    ThirdPartyMethod,
    Verdict,
    call_provider,
    check_result_timestamp,
    parse_face_result_body,
    strict_json_object,
)
from identity.providers.certificates import check_enterprise_certificate

__all__ = [
    "PROVIDER_KEYS",
    "SignedJsonClient",
    "VendorAccountVerifier",
    "VendorBusinessRegistry",
    "VendorCertificateAuthority",
    "VendorConfig",
    "VendorConfigError",
    "VendorFaceVerifier",
    "VendorPopulationRegistry",
    "VendorSmsGateway",
    "VendorTaxAccountVerifier",
    "load_vendors",
    "request_signature",
    "vendor_providers",
    "verify_vendor_signature",
]

#: The vendors file's top-level keys, one per provider interface.
PROVIDER_KEYS = ("registry", "business_registry", "sms", "face", "accounts", "tax", "ca")

#: Shortest request-signing secret accepted: HMAC keys shorter than the hash are weak.
_MIN_SECRET_BYTES = 16
#: RSA keys below 2048 bits are no longer acceptable for signatures (GM/T and NIST agree).
_MIN_RSA_BITS = 2048
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
_VENDOR_CODE = re.compile(r"[A-Za-z0-9_.-]{1,32}")


# --- The vendors file -----------------------------------------------------------------


class VendorConfigError(ValueError):
    """The vendors file is missing, unreadable or wrong; the message names the key."""


@dataclass(frozen=True)
class VendorConfig:
    """How to reach and trust one vendor."""

    key: str
    base_url: str
    app_id: str
    secret: bytes = field(repr=False)
    vendor_public_key: rsa.RSAPublicKey = field(repr=False)
    #: The CA root enterprise certificates must chain to (``ca`` only).
    root_certificate: x509.Certificate | None = field(default=None, repr=False)


def _entry_text(path: Path, key: str, entry: Mapping[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise VendorConfigError(f"{path}: missing key '{key}.{name}' (a non-empty string)")
    return value.strip()


def _load_entry(path: Path, key: str, entry: Any) -> VendorConfig:
    if not isinstance(entry, dict):
        raise VendorConfigError(f"{path}: '{key}' must be an object")
    base_url = _entry_text(path, key, entry, "base_url").rstrip("/")
    parts = urlsplit(base_url)
    # Personal data travels in these requests: plain HTTP only to a vendor simulator here.
    if not parts.hostname or not (
        parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS)
    ):
        raise VendorConfigError(
            f"{path}: '{key}.base_url' must be an https:// URL (http only for localhost)"
        )
    app_id = _entry_text(path, key, entry, "app_id")
    encoded_secret = _entry_text(path, key, entry, "secret")
    try:
        secret = base64.b64decode(encoded_secret, validate=True)
    except (binascii.Error, ValueError):
        raise VendorConfigError(f"{path}: '{key}.secret' is not valid base64") from None
    if len(secret) < _MIN_SECRET_BYTES:
        raise VendorConfigError(
            f"{path}: '{key}.secret' must decode to at least {_MIN_SECRET_BYTES} bytes"
        )
    pem = _entry_text(path, key, entry, "vendor_public_key")
    try:
        public_key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise VendorConfigError(f"{path}: '{key}.vendor_public_key' is not a PEM key") from None
    if not isinstance(public_key, rsa.RSAPublicKey) or public_key.key_size < _MIN_RSA_BITS:
        raise VendorConfigError(
            f"{path}: '{key}.vendor_public_key' must be an RSA key of at least {_MIN_RSA_BITS} bits"
        )
    root: x509.Certificate | None = None
    if key == "ca":
        root_pem = _entry_text(path, key, entry, "root_certificate")
        try:
            root = x509.load_pem_x509_certificate(root_pem.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise VendorConfigError(
                f"{path}: '{key}.root_certificate' is not a PEM certificate"
            ) from None
    return VendorConfig(
        key=key,
        base_url=base_url,
        app_id=app_id,
        secret=secret,
        vendor_public_key=public_key,
        root_certificate=root,
    )


def load_vendors(path: Path | str) -> dict[str, VendorConfig]:
    """Read the vendors file: ``{"registry": {"base_url", "app_id", "secret" (base64),
    "vendor_public_key" (PEM)}, ...}`` for every key in :data:`PROVIDER_KEYS`; ``ca`` also
    needs ``root_certificate`` (PEM). Raises :class:`VendorConfigError` naming the problem.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise VendorConfigError(f"{path}: cannot read vendors file ({exc.strerror})") from None
    try:
        document = strict_json_object(raw)
    except ValueError:
        raise VendorConfigError(f"{path}: not a JSON object") from None
    configs: dict[str, VendorConfig] = {}
    for key in PROVIDER_KEYS:
        if key not in document:
            raise VendorConfigError(f"{path}: missing key '{key}'")
        configs[key] = _load_entry(path, key, document[key])
    return configs


# --- Signatures -----------------------------------------------------------------------


def request_signature(
    secret: bytes, *, method: str, path: str, timestamp: str, nonce: str, body: bytes
) -> str:
    """Our request signature (base64 HMAC-SHA256), as the vendor recomputes it."""
    message = "\n".join(
        (method.upper(), path, timestamp, nonce, hashlib.sha256(body).hexdigest())
    ).encode("utf-8")
    return base64.b64encode(hmac.new(secret, message, hashlib.sha256).digest()).decode("ascii")


def verify_vendor_signature(
    provider: str,
    public_key: rsa.RSAPublicKey,
    *,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: datetime,
) -> None:
    """Raise :class:`ResultSignatureError` unless the vendor's RSA signature over
    ``timestamp + "\\n" + body`` is valid and the timestamp is fresh."""
    if not timestamp or not signature:
        raise ResultSignatureError(provider, "unsigned response")
    try:
        raw = base64.b64decode(signature, validate=True)
        public_key.verify(
            raw, timestamp.encode("ascii") + b"\n" + body, padding.PKCS1v15(), hashes.SHA256()
        )
    except (binascii.Error, ValueError, UnicodeEncodeError, InvalidSignature):
        raise ResultSignatureError(provider, "bad signature") from None
    # Freshness after authenticity: an attacker must not learn which check failed first.
    check_result_timestamp(provider, timestamp, now=now)


# --- The client -----------------------------------------------------------------------


def _compact_json(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SignedJsonClient:
    """Signs requests to one vendor and checks its signed answers."""

    def __init__(
        self,
        config: VendorConfig,
        *,
        timeout_ms: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.provider = config.key
        self.config = config
        self.timeout_ms = timeout_ms
        self._client = httpx.AsyncClient(
            base_url=config.base_url,
            transport=transport,
            timeout=timeout_ms / 1000,
            # A redirect would carry the signed request somewhere we did not sign it for.
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def exchange(self, path: str, payload: Mapping[str, Any]) -> tuple[bytes, str, str]:
        """POST ``payload``; return the verified response (body, timestamp, signature)."""
        return await call_provider(self.provider, self.timeout_ms, self._exchange(path, payload))

    async def call(self, path: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        """POST ``payload``; return the ``data`` object of a verified ``OK`` answer."""
        body, _, _ = await self.exchange(path, payload)
        try:
            document = strict_json_object(body)
        except ValueError:
            raise ProviderError(self.provider, "answer is not a JSON object") from None
        code = document.get("code")
        if code != "OK":
            shown = code if isinstance(code, str) and _VENDOR_CODE.fullmatch(code) else "?"
            raise ProviderError(self.provider, f"vendor refused the request (code {shown})")
        data = document.get("data")
        if not isinstance(data, dict):
            raise ProviderError(self.provider, "answer has no data object")
        return data

    async def _exchange(self, path: str, payload: Mapping[str, Any]) -> tuple[bytes, str, str]:
        body = _compact_json(payload)
        request = self._client.build_request(
            "POST",
            path,
            content=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        timestamp = str(int(clock.now().timestamp()))
        nonce = secrets.token_hex(16)
        request.headers["X-App-Id"] = self.config.app_id
        request.headers["X-Timestamp"] = timestamp
        request.headers["X-Nonce"] = nonce
        request.headers["X-Signature"] = request_signature(
            self.config.secret,
            method=request.method,
            path=request.url.raw_path.decode("ascii"),
            timestamp=timestamp,
            nonce=nonce,
            body=body,
        )
        response = await self._client.send(request)
        if response.status_code != 200:
            raise ProviderError(self.provider, f"HTTP {response.status_code}")
        answer_timestamp = response.headers.get("X-Timestamp")
        answer_signature = response.headers.get("X-Signature")
        if not answer_timestamp or not answer_signature:
            raise ResultSignatureError(self.provider, "unsigned response")
        verify_vendor_signature(
            self.provider,
            self.config.vendor_public_key,
            timestamp=answer_timestamp,
            signature=answer_signature,
            body=response.content,
            now=clock.now(),
        )
        return response.content, answer_timestamp, answer_signature


# --- Answer parsing -------------------------------------------------------------------


def _text(provider: str, data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise ProviderError(provider, f"answer field {name} missing or not a string")
    return value


def _verdict(provider: str, data: Mapping[str, Any], allowed: Sequence[str]) -> Verdict:
    matched = data.get("matched")
    checks = data.get("failed_checks")
    if not isinstance(matched, bool) or not isinstance(checks, list):
        raise ProviderError(provider, "answer is not a verdict")
    if any(c not in allowed for c in checks) or len(set(checks)) != len(checks):
        raise ProviderError(provider, "verdict names an unknown or repeated check")
    if matched == bool(checks):
        # "matched" with failures, or "not matched" with none: we cannot tell which half
        # is wrong, so neither is believed.
        raise ProviderError(provider, "inconsistent verdict")
    ordered = tuple(c for c in allowed if c in checks)
    return Verdict(matched, ordered, _text(provider, data, "transaction_id"))


def _image(provider: str, encoded: str) -> bytes:
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ProviderError(provider, "image is not valid base64") from None
    if not (raw.startswith(b"\xff\xd8\xff") or raw.startswith(b"\x89PNG\r\n\x1a\n")):
        raise ProviderError(provider, "image is neither JPEG nor PNG")
    return raw


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _vendor_name(config: VendorConfig) -> str:
    return f"vendor:{urlsplit(config.base_url).hostname}"


# --- Adapters -------------------------------------------------------------------------


class _VendorAdapter:
    def __init__(self, client: SignedJsonClient) -> None:
        self._client = client
        self.name = _vendor_name(client.config)
        self.provider_key = client.provider

    async def aclose(self) -> None:
        await self._client.aclose()


class VendorPopulationRegistry(_VendorAdapter, PopulationRegistry):
    async def verify_person(self, claim: PersonClaim) -> Verdict:
        data = await self._client.call(
            "/v1/person/verify",
            {
                "name": claim.name,
                "id_number": claim.id_number,
                "sex": claim.sex,
                "ethnicity": claim.ethnicity,
            },
        )
        return _verdict(self.provider_key, data, PERSON_CHECKS)

    async def reference_photo(self, id_number: str) -> bytes:
        data = await self._client.call("/v1/person/photo", {"id_number": id_number})
        return _image(self.provider_key, _text(self.provider_key, data, "photo"))


class VendorBusinessRegistry(_VendorAdapter, BusinessRegistry):
    async def verify_enterprise(self, claim: EnterpriseClaim) -> Verdict:
        data = await self._client.call(
            "/v1/enterprise/verify",
            {
                "name": claim.name,
                "registration_number": claim.registration_number,
                "credit_code": claim.credit_code,
                "legal_representative": {
                    "name": claim.legal_representative_name,
                    "id_number": claim.legal_representative_id_number,
                },
            },
        )
        return _verdict(self.provider_key, data, ENTERPRISE_CHECKS)


class VendorSmsGateway(_VendorAdapter, SmsGateway):
    async def send(self, *, phone: str, text: str) -> str:
        data = await self._client.call("/v1/sms/send", {"phone": phone, "text": text})
        return _text(self.provider_key, data, "message_id")


class VendorFaceVerifier(_VendorAdapter, FaceVerifier):
    async def start_session(self, *, session_reference: str) -> FaceSessionTicket:
        data = await self._client.call(
            "/v1/face/sessions", {"session_reference": session_reference}
        )
        expires = data.get("expires_at")
        if not isinstance(expires, int) or isinstance(expires, bool):
            raise ProviderError(self.provider_key, "answer field expires_at is not unix seconds")
        try:
            expires_at = datetime.fromtimestamp(expires, UTC)
        except (OverflowError, OSError, ValueError):
            raise ProviderError(self.provider_key, "answer field expires_at out of range") from None
        return FaceSessionTicket(
            provider_session_id=_text(self.provider_key, data, "session_id"),
            expires_at=expires_at,
        )

    async def submit_capture(
        self, *, provider_session_id: str, image: bytes, reference_photo: bytes, hint: str
    ) -> SignedFaceResult:
        # ``hint`` stays here: the vendor has no business with the person's name.
        body, timestamp, signature = await self._client.exchange(
            "/v1/face/capture",
            {
                "session_id": provider_session_id,
                "image": _b64(image),
                "reference_photo": _b64(reference_photo),
            },
        )
        return SignedFaceResult(body=body, timestamp=timestamp, signature=signature)

    def open_result(self, signed: SignedFaceResult, *, now: datetime) -> FaceOutcome:
        verify_vendor_signature(
            self.provider_key,
            self._client.config.vendor_public_key,
            timestamp=signed.timestamp,
            signature=signed.signature,
            body=signed.body,
            now=now,
        )
        return parse_face_result_body(self.provider_key, signed.body)


class VendorAccountVerifier(_VendorAdapter, AccountVerifier):
    async def verify_account(
        self,
        *,
        method: ThirdPartyMethod,
        name: str,
        id_number: str,
        account: str,
        phone: str | None,
    ) -> Verdict:
        data = await self._client.call(
            "/v1/accounts/verify",
            {
                "method": method.value,
                "name": name,
                "id_number": id_number,
                "account": account,
                "phone": phone,
            },
        )
        return _verdict(self.provider_key, data, ACCOUNT_CHECKS)


class VendorTaxAccountVerifier(_VendorAdapter, TaxAccountVerifier):
    async def verify_tax_account(self, *, credit_code: str, tax_account: str) -> Verdict:
        data = await self._client.call(
            "/v1/tax/accounts/verify", {"credit_code": credit_code, "tax_account": tax_account}
        )
        return _verdict(self.provider_key, data, TAX_CHECKS)


class VendorCertificateAuthority(_VendorAdapter, EnterpriseCertificateAuthority):
    """Local X.509 checks against the configured root, then the CA's revocation status."""

    def __init__(self, client: SignedJsonClient) -> None:
        super().__init__(client)
        root = client.config.root_certificate
        if root is None:
            raise VendorConfigError("ca: root_certificate is required")
        self._root = root

    async def verify_certificate(
        self, *, credit_code: str, certificate_pem: str, challenge: bytes, signature: bytes
    ) -> Verdict:
        result = check_enterprise_certificate(
            root=self._root,
            credit_code=credit_code,
            certificate_pem=certificate_pem,
            challenge=challenge,
            signature=signature,
            now=clock.now(),
        )
        if result.failed_checks or result.certificate is None:
            # Decided locally; the fingerprint lets the evidence record name the certificate.
            return Verdict(False, result.failed_checks, f"local:{result.fingerprint}")
        data = await self._client.call(
            "/v1/certificates/status",
            {
                "serial_number": format(result.certificate.serial_number, "x"),
                "fingerprint": result.fingerprint,
                "credit_code": credit_code,
            },
        )
        status = data.get("status")
        reference = _text(self.provider_key, data, "transaction_id")
        if status == "good":
            return Verdict(True, (), reference)
        if status == "revoked":
            return Verdict(False, ("revoked",), reference)
        # "unknown" or anything else: the CA did not vouch for it, and that is not a yes.
        raise ProviderError(self.provider_key, "certificate status is neither good nor revoked")


def vendor_providers(
    configs: Mapping[str, VendorConfig],
    *,
    timeout_ms: int,
    transport: httpx.AsyncBaseTransport | None = None,
) -> IdentityProviders:
    """The whole production set over ``configs`` (from :func:`load_vendors`)."""

    def client(key: str) -> SignedJsonClient:
        return SignedJsonClient(configs[key], timeout_ms=timeout_ms, transport=transport)

    return IdentityProviders(
        registry=VendorPopulationRegistry(client("registry")),
        business_registry=VendorBusinessRegistry(client("business_registry")),
        sms=VendorSmsGateway(client("sms")),
        face=VendorFaceVerifier(client("face")),
        accounts=VendorAccountVerifier(client("accounts")),
        tax=VendorTaxAccountVerifier(client("tax")),
        ca=VendorCertificateAuthority(client("ca")),
    )
