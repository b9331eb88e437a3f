"""Sandbox providers: in-process stand-ins for every outside system, driven by magic inputs.

This module owns the behaviour of ``ONETAP_IDENTITY_PROVIDERS=sandbox`` (development, demos,
tests; settings refuse it in production). Nothing leaves the process; the outcome of each
call is chosen by its input, as login.gov's mock vendors do, so every branch of a proofing
flow can be reached by hand.

Magic inputs
============

================================  =================================================
input                             outcome
================================  =================================================
name contains ``失败`` / ``Fail``  :class:`ProviderError` (the vendor failed). Applies to
                                  the person's name (registry, face ``hint``, accounts),
                                  the enterprise name (business registry) and the
                                  certificate's subject organisation (CA).
name contains ``超时`` / ``Time``  :class:`ProviderTimeout`, raised at once (no sleeping).
registry ``reference_photo``      the same two rules, on the name registered for the ID
                                  number; an unknown ID number is a :class:`ProviderError`.
face ``hint`` contains            ``matched=False`` (score 28).
``不符`` / ``Mismatch``
face ``hint`` contains            ``liveness_passed=False`` (and never ``matched``).
``假体`` / ``Spoof``
face image not JPEG/PNG           ``liveness_passed=False`` (checked by magic bytes).
SMS phone ending ``0000``         :class:`ProviderError`
SMS phone ending ``9999``         :class:`ProviderTimeout`; any other valid mobile number
                                  is kept in the injected :class:`SmsOutbox`.
account ending ``0000``           ``Verdict(matched=False, failed_checks=("account",))``
bank card without ``phone``       ``failed_checks=("phone",)`` (four elements needed).
tax account ending ``0000``       ``failed_checks=("tax_account",)``
tax account ending ``9999``       :class:`ProviderTimeout`
tax account ending ``8888``       :class:`ProviderError`
tax credit code with a bad check  ``failed_checks=("credit_code",)``
================================  =================================================

The population and business registries know exactly the synthetic people and companies in
``data/sandbox_people.csv`` and ``data/sandbox_companies.csv`` (valid GB 11643 ID numbers
and GB 32100 credit codes, checked when loaded). A person claim is compared on name (after
NFKC and trimming), sex and ethnicity; an unknown ID number fails with ``("id_number",)``.
The seeded people include 王失败 (SMS phone ends 0000), 李超时 (phone ends 9999), 张不符 and
赵假体 so the demo can show each failure.

The sandbox CA's root key is derived from a published constant, so every process (and
every worker) has the same root and a certificate issued by one verifies in another; which
also means anyone can mint sandbox certificates, which is exactly right for a sandbox.
"""

from __future__ import annotations

import base64
import csv
import functools
import hashlib
import hmac
import json
import re
import secrets
import struct
import unicodedata
import uuid
import zlib
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from core import clock
from identity.providers.base import (
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
    check_result_timestamp,
    parse_face_result_body,
)
from identity.providers.certificates import check_enterprise_certificate, subject_organisation
from identity.validators import InvalidIdentifier, parse_credit_code, parse_resident_id

__all__ = [
    "DEFAULT_TIMEOUT_MS",
    "SandboxAccountVerifier",
    "SandboxBusinessRegistry",
    "SandboxCertificateAuthority",
    "SandboxCompany",
    "SandboxFaceVerifier",
    "SandboxPerson",
    "SandboxPopulationRegistry",
    "SandboxSmsGateway",
    "SandboxTaxAccountVerifier",
    "issue_sandbox_certificate",
    "sandbox_ca_root",
    "sandbox_companies",
    "sandbox_people",
    "sandbox_portrait",
    "sandbox_providers",
]

T = TypeVar("T")

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_TIMEOUT_MS = 8000

#: Signs sandbox face results when ``ONETAP_IDENTITY_FACE_RESULT_SECRET`` is empty. It is
#: public, which is fine only here: the sandbox only ever checks results it produced itself
#: (in this or a sibling worker), the signature just exercises the verification path, and
#: settings refuse sandbox providers in production.
_DEVELOPMENT_FACE_SECRET = b"onetap-sandbox-face-results-not-a-secret"

#: Face sessions last as long as a vendor's typically do.
FACE_SESSION_SECONDS = 300

_ERROR_WORDS = ("失败", "Fail")
_TIMEOUT_WORDS = ("超时", "Time")
_MISMATCH_WORDS = ("不符", "Mismatch")
_SPOOF_WORDS = ("假体", "Spoof")

_MOBILE = re.compile(r"1[3-9][0-9]{9}")


# --- Identifiers ----------------------------------------------------------------------
# The same GB 11643 / GB 32100 checks as registration uses; tests/identity/providers
# recomputes the seeded check characters independently of both.


def _valid_id_number(value: str) -> bool:
    try:
        parse_resident_id(value, today=clock.now().date())
    except InvalidIdentifier:
        return False
    return True


def _valid_credit_code(value: str) -> bool:
    try:
        parse_credit_code(value)
    except InvalidIdentifier:
        return False
    return True


def _normalise_text(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _normalise_code(value: str) -> str:
    return _normalise_text(value).upper()


def _raise_for_magic(provider: str, text: str) -> None:
    if any(word in text for word in _ERROR_WORDS):
        raise ProviderError(provider, "sandbox: simulated vendor error")
    if any(word in text for word in _TIMEOUT_WORDS):
        raise ProviderTimeout(provider, "sandbox: simulated timeout")


def _reference(kind: str) -> str:
    return f"sbx-{kind}-{uuid.uuid4().hex}"


# --- Seed data ------------------------------------------------------------------------


@dataclass(frozen=True)
class SandboxPerson:
    """A synthetic resident the sandbox registry knows (a row of sandbox_people.csv)."""

    name: str
    id_number: str
    sex: Literal["M", "F"]
    ethnicity: str
    phone: str


@dataclass(frozen=True)
class SandboxCompany:
    """A synthetic enterprise the sandbox business registry knows."""

    name: str
    registration_number: str
    credit_code: str
    legal_representative_name: str
    legal_representative_id_number: str


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def _people() -> tuple[SandboxPerson, ...]:
    people: list[SandboxPerson] = []
    for row in _rows("sandbox_people.csv"):
        sex = row["sex"]
        if sex not in ("M", "F"):
            raise ValueError(f"sandbox_people.csv: bad sex for {row['name']}")
        person = SandboxPerson(
            name=row["name"],
            id_number=row["id_number"],
            sex="M" if sex == "M" else "F",
            ethnicity=row["ethnicity"],
            phone=row["phone"],
        )
        # Seed data that fails the real checks would make the demo lie; fail loudly instead.
        if not _valid_id_number(person.id_number):
            raise ValueError(f"sandbox_people.csv: invalid ID number for {person.name}")
        if ("M" if int(person.id_number[16]) % 2 else "F") != person.sex:
            raise ValueError(f"sandbox_people.csv: sex disagrees with ID for {person.name}")
        if not _MOBILE.fullmatch(person.phone) or not re.fullmatch(r"[0-9]{2}", person.ethnicity):
            raise ValueError(f"sandbox_people.csv: bad phone or ethnicity for {person.name}")
        people.append(person)
    return tuple(people)


@functools.cache
def _companies() -> tuple[SandboxCompany, ...]:
    by_id = {p.id_number: p for p in _people()}
    companies: list[SandboxCompany] = []
    for row in _rows("sandbox_companies.csv"):
        company = SandboxCompany(**row)
        if not _valid_credit_code(company.credit_code):
            raise ValueError(f"sandbox_companies.csv: invalid credit code for {company.name}")
        representative = by_id.get(company.legal_representative_id_number)
        if representative is None or representative.name != company.legal_representative_name:
            raise ValueError(
                f"sandbox_companies.csv: legal representative of {company.name} is not a "
                "sandbox person"
            )
        companies.append(company)
    return tuple(companies)


def sandbox_people() -> list[SandboxPerson]:
    """Every synthetic person the sandbox registry knows (for demo seeds and tests)."""
    return list(_people())


def sandbox_companies() -> list[SandboxCompany]:
    """Every synthetic enterprise the sandbox business registry knows."""
    return list(_companies())


# --- A tiny deterministic portrait ----------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def sandbox_portrait(id_number: str, size: int = 16) -> bytes:
    """A small valid PNG whose colours derive from the ID number: same person, same bytes."""
    digest = hashlib.sha256(id_number.encode("utf-8")).digest()
    background, face = digest[0:3], digest[3:6]
    rows = bytearray()
    centre = (size - 1) / 2
    for y in range(size):
        rows.append(0)  # filter type "None" for this scanline
        for x in range(size):
            inside = (x - centre) ** 2 + (y - centre) ** 2 <= (size / 3) ** 2
            rows += face if inside else background
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


# --- Providers ------------------------------------------------------------------------


class _Sandboxed:
    """Routes every call through :func:`call_provider`, as vendor adapters do, so the
    sandbox exercises the same timeout and error path."""

    provider_key: str = ""

    def __init__(self, *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        self._timeout_ms = timeout_ms

    async def _guard(self, call: Coroutine[Any, Any, T]) -> T:
        return await call_provider(self.provider_key, self._timeout_ms, call)


class SandboxPopulationRegistry(_Sandboxed, PopulationRegistry):
    """The population registry, knowing only the sandbox people."""

    name = "sandbox"
    provider_key = "registry"

    def __init__(
        self,
        people: Iterable[SandboxPerson] | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
    ) -> None:
        super().__init__(timeout_ms=timeout_ms)
        self._people = {p.id_number: p for p in (_people() if people is None else people)}

    async def verify_person(self, claim: PersonClaim) -> Verdict:
        return await self._guard(self._verify(claim))

    async def _verify(self, claim: PersonClaim) -> Verdict:
        _raise_for_magic(self.provider_key, claim.name)
        record = self._people.get(_normalise_code(claim.id_number))
        if record is None:
            return Verdict(False, ("id_number",), _reference("reg"))
        failed: list[str] = []
        if _normalise_text(claim.name) != record.name:
            failed.append("name")
        if claim.sex != record.sex:
            failed.append("sex")
        if _normalise_text(claim.ethnicity) != record.ethnicity:
            failed.append("ethnicity")
        return Verdict(not failed, tuple(failed), _reference("reg"))

    async def reference_photo(self, id_number: str) -> bytes:
        return await self._guard(self._photo(id_number))

    async def _photo(self, id_number: str) -> bytes:
        record = self._people.get(_normalise_code(id_number))
        if record is None:
            raise ProviderError(self.provider_key, "no portrait on record")
        _raise_for_magic(self.provider_key, record.name)
        return sandbox_portrait(record.id_number)


class SandboxBusinessRegistry(_Sandboxed, BusinessRegistry):
    """The business registry, knowing only the sandbox companies."""

    name = "sandbox"
    provider_key = "business_registry"

    def __init__(
        self,
        companies: Iterable[SandboxCompany] | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
    ) -> None:
        super().__init__(timeout_ms=timeout_ms)
        source = _companies() if companies is None else companies
        self._companies = {c.credit_code: c for c in source}

    async def verify_enterprise(self, claim: EnterpriseClaim) -> Verdict:
        return await self._guard(self._verify(claim))

    async def _verify(self, claim: EnterpriseClaim) -> Verdict:
        _raise_for_magic(self.provider_key, claim.name)
        record = self._companies.get(_normalise_code(claim.credit_code))
        if record is None:
            return Verdict(False, ("credit_code",), _reference("biz"))
        failed: list[str] = []
        if _normalise_text(claim.name) != record.name:
            failed.append("name")
        if _normalise_code(claim.registration_number) != record.registration_number:
            failed.append("registration_number")
        if (
            _normalise_text(claim.legal_representative_name) != record.legal_representative_name
            or _normalise_code(claim.legal_representative_id_number)
            != record.legal_representative_id_number
        ):
            failed.append("legal_representative")
        return Verdict(not failed, tuple(failed), _reference("biz"))


class SandboxSmsGateway(_Sandboxed, SmsGateway):
    """Keeps messages in an outbox (shown by the demo) instead of sending them."""

    name = "sandbox"
    provider_key = "sms"

    def __init__(self, outbox: SmsOutbox, *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        super().__init__(timeout_ms=timeout_ms)
        self._outbox = outbox

    async def send(self, *, phone: str, text: str) -> str:
        return await self._guard(self._send(phone=phone, text=text))

    async def _send(self, *, phone: str, text: str) -> str:
        # Real gateways refuse these too; refusing here keeps the sandbox from being laxer.
        if not _MOBILE.fullmatch(phone):
            raise ProviderError(self.provider_key, "not a mainland mobile number")
        if not text:
            raise ProviderError(self.provider_key, "empty message")
        if phone.endswith("0000"):
            raise ProviderError(self.provider_key, "sandbox: simulated vendor error")
        if phone.endswith("9999"):
            raise ProviderTimeout(self.provider_key, "sandbox: simulated timeout")
        message_id = _reference("sms")
        await self._outbox.keep(phone=phone, text=text, message_id=message_id)
        return message_id


class SandboxFaceVerifier(_Sandboxed, FaceVerifier):
    """Liveness and comparison decided by the hint and the image's magic bytes.

    Session ids carry their own expiry and an HMAC tag, so any worker can check a session
    another worker opened without shared state.
    """

    name = "sandbox"
    provider_key = "face"

    def __init__(
        self, secret: bytes | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
    ) -> None:
        super().__init__(timeout_ms=timeout_ms)
        self._secret = secret or _DEVELOPMENT_FACE_SECRET

    def _mac(self, message: bytes) -> bytes:
        return hmac.new(self._secret, message, hashlib.sha256).digest()

    def _session_tag(self, expires: int, nonce: str) -> str:
        return self._mac(f"session\n{expires}\n{nonce}".encode()).hex()[:32]

    async def start_session(self, *, session_reference: str) -> FaceSessionTicket:
        return await self._guard(self._start(session_reference))

    async def _start(self, session_reference: str) -> FaceSessionTicket:
        expires_at = clock.now().replace(microsecond=0) + timedelta(seconds=FACE_SESSION_SECONDS)
        expires = int(expires_at.timestamp())
        nonce = secrets.token_hex(12)
        session_id = f"sbxf.{expires}.{nonce}.{self._session_tag(expires, nonce)}"
        return FaceSessionTicket(provider_session_id=session_id, expires_at=expires_at)

    def _session_open(self, session_id: str) -> bool:
        match = re.fullmatch(r"sbxf\.([0-9]{1,12})\.([0-9a-f]{24})\.([0-9a-f]{32})", session_id)
        if match is None:
            return False
        expires, nonce, tag = int(match[1]), match[2], match[3]
        if not hmac.compare_digest(tag, self._session_tag(expires, nonce)):
            return False
        return clock.now().timestamp() <= expires

    async def submit_capture(
        self, *, provider_session_id: str, image: bytes, reference_photo: bytes, hint: str
    ) -> SignedFaceResult:
        return await self._guard(
            self._submit(
                provider_session_id, image=image, reference_photo=reference_photo, hint=hint
            )
        )

    async def _submit(
        self, provider_session_id: str, *, image: bytes, reference_photo: bytes, hint: str
    ) -> SignedFaceResult:
        _raise_for_magic(self.provider_key, hint)
        if not self._session_open(provider_session_id):
            raise ProviderError(self.provider_key, "unknown or expired session")
        if not reference_photo:
            raise ProviderError(self.provider_key, "no reference photo")
        is_image = image.startswith(b"\xff\xd8\xff") or image.startswith(b"\x89PNG\r\n\x1a\n")
        liveness = is_image and not any(word in hint for word in _SPOOF_WORDS)
        # A capture that failed liveness is never reported as a match, whatever it shows.
        matched = liveness and not any(word in hint for word in _MISMATCH_WORDS)
        score = 93 if matched else (28 if liveness else 0)
        now = clock.now()
        body = json.dumps(
            {
                "session": provider_session_id,
                "liveness": liveness,
                "match": matched,
                "score": score,
                "reference": _reference("face"),
                "checked_at": int(now.timestamp()),
            },
            separators=(",", ":"),
        ).encode()
        timestamp = str(int(now.timestamp()))
        return SignedFaceResult(
            body=body, timestamp=timestamp, signature=self._sign(timestamp, body)
        )

    def _sign(self, timestamp: str, body: bytes) -> str:
        return base64.b64encode(self._mac(timestamp.encode("ascii") + b"\n" + body)).decode()

    def open_result(self, signed: SignedFaceResult, *, now: datetime) -> FaceOutcome:
        try:
            given = base64.b64decode(signed.signature, validate=True)
            expected = self._mac(signed.timestamp.encode("ascii") + b"\n" + signed.body)
        except (ValueError, UnicodeEncodeError):
            raise ResultSignatureError(self.provider_key, "malformed signature") from None
        if not hmac.compare_digest(given, expected):
            raise ResultSignatureError(self.provider_key, "bad signature")
        check_result_timestamp(self.provider_key, signed.timestamp, now=now)
        return parse_face_result_body(self.provider_key, signed.body)


class SandboxAccountVerifier(_Sandboxed, AccountVerifier):
    """Bank card, Alipay and housing-fund checks: everything passes except magic inputs."""

    name = "sandbox"
    provider_key = "accounts"

    async def verify_account(
        self,
        *,
        method: ThirdPartyMethod,
        name: str,
        id_number: str,
        account: str,
        phone: str | None,
    ) -> Verdict:
        return await self._guard(self._verify(method, name, account, phone))

    async def _verify(
        self, method: ThirdPartyMethod, name: str, account: str, phone: str | None
    ) -> Verdict:
        _raise_for_magic(self.provider_key, name)
        failed: list[str] = []
        account = _normalise_code(account)
        if not account or account.endswith("0000"):
            failed.append("account")
        if method is ThirdPartyMethod.BANK_CARD and not phone:
            failed.append("phone")
        return Verdict(not failed, tuple(failed), _reference("acct"))


class SandboxTaxAccountVerifier(_Sandboxed, TaxAccountVerifier):
    """Tax e-filing accounts: any account passes for a well-formed credit code, except
    magic suffixes."""

    name = "sandbox"
    provider_key = "tax"

    async def verify_tax_account(self, *, credit_code: str, tax_account: str) -> Verdict:
        return await self._guard(self._verify(credit_code, tax_account))

    async def _verify(self, credit_code: str, tax_account: str) -> Verdict:
        account = _normalise_code(tax_account)
        if account.endswith("8888"):
            raise ProviderError(self.provider_key, "sandbox: simulated vendor error")
        if account.endswith("9999"):
            raise ProviderTimeout(self.provider_key, "sandbox: simulated timeout")
        failed: list[str] = []
        if not _valid_credit_code(_normalise_code(credit_code)):
            failed.append("credit_code")
        if not account or account.endswith("0000"):
            failed.append("tax_account")
        return Verdict(not failed, tuple(failed), _reference("tax"))


# --- Sandbox CA -----------------------------------------------------------------------

_CA_SEED = b"onetap sandbox enterprise CA root key: public on purpose, sandbox only"
_CA_SUBJECT = x509.Name(
    [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "OneTap Sandbox"),
        x509.NameAttribute(NameOID.COMMON_NAME, "OneTap Sandbox Enterprise CA"),
    ]
)


@functools.cache
def _ca_key() -> ec.EllipticCurvePrivateKey:
    # Derived from a constant so every process has the same root without a key file.
    scalar = int.from_bytes(hashlib.sha256(_CA_SEED).digest(), "big")
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256 n
    return ec.derive_private_key(scalar % (order - 1) + 1, ec.SECP256R1())


@functools.cache
def sandbox_ca_root() -> x509.Certificate:
    """The sandbox CA's self-signed root (same subject and key in every process)."""
    key = _ca_key()
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(_CA_SUBJECT)
        .issuer_name(_CA_SUBJECT)
        .public_key(public)
        .serial_number(0x0E7A9)
        .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2050, 1, 1, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def issue_sandbox_certificate(
    credit_code: str,
    name: str,
    *,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> tuple[str, ec.EllipticCurvePrivateKey]:
    """Issue an enterprise certificate from the sandbox CA; return (PEM, private key).

    The subject carries ``O``/``CN`` = ``name`` and ``serialNumber`` = ``credit_code``.
    Validity defaults to one day ago until a year from now; tests pass their own bounds.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    now = clock.now()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, credit_code),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(_CA_SUBJECT)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(_ca_key().public_key()),
            critical=False,
        )
        .sign(_ca_key(), hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"), key


class SandboxCertificateAuthority(_Sandboxed, EnterpriseCertificateAuthority):
    """Real X.509 checks against the sandbox root (or another root, for tests)."""

    name = "sandbox"
    provider_key = "ca"

    def __init__(
        self, root: x509.Certificate | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
    ) -> None:
        super().__init__(timeout_ms=timeout_ms)
        self._root = root or sandbox_ca_root()

    async def verify_certificate(
        self, *, credit_code: str, certificate_pem: str, challenge: bytes, signature: bytes
    ) -> Verdict:
        return await self._guard(self._verify(credit_code, certificate_pem, challenge, signature))

    async def _verify(
        self, credit_code: str, certificate_pem: str, challenge: bytes, signature: bytes
    ) -> Verdict:
        result = check_enterprise_certificate(
            root=self._root,
            credit_code=credit_code,
            certificate_pem=certificate_pem,
            challenge=challenge,
            signature=signature,
            now=clock.now(),
        )
        if result.certificate is not None:
            _raise_for_magic(self.provider_key, subject_organisation(result.certificate))
        return Verdict(not result.failed_checks, result.failed_checks, _reference("ca"))


def sandbox_providers(
    *,
    sms_outbox: SmsOutbox,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    face_secret: bytes | None = None,
) -> IdentityProviders:
    """The whole sandbox set; ``face_secret`` empty means the development secret."""
    return IdentityProviders(
        registry=SandboxPopulationRegistry(timeout_ms=timeout_ms),
        business_registry=SandboxBusinessRegistry(timeout_ms=timeout_ms),
        sms=SandboxSmsGateway(sms_outbox, timeout_ms=timeout_ms),
        face=SandboxFaceVerifier(face_secret, timeout_ms=timeout_ms),
        accounts=SandboxAccountVerifier(timeout_ms=timeout_ms),
        tax=SandboxTaxAccountVerifier(timeout_ms=timeout_ms),
        ca=SandboxCertificateAuthority(timeout_ms=timeout_ms),
    )
