"""Enterprises (legal persons): binding by the legal representative, and their tiers.

A person who is at least basic binds an enterprise by naming it (name, registration
number, unified social credit code); the credit code is checked locally (GB 32100) and the
whole claim, with the person's own name and ID number as the legal representative, against
the business registry. Only a match stores the enterprise, at tier basic, with the
registry's answer as evidence. A mismatch says which checks failed and never what the
registry holds; a vendor error or timeout stores nothing.

Enterprise tiers mirror a person's. Intermediate comes from a counter check (counter
tickets, elsewhere), a tax e-filing account, or the enterprise's digital certificate
signing a fresh single-use challenge. Only the legal representative may raise the tier:
an agent acts *for* the enterprise within a scope, but proving the enterprise itself is
the representative's responsibility, as it is at the registry.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from core import clock
from core.audit import service as audit
from core.crypto import mask_name
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity import authz, evidence, limits
from identity.errors import (
    AlreadyExists,
    CodeInvalid,
    InvalidInput,
    ProviderUnavailable,
    RegistryMismatch,
    VerificationFailed,
)
from identity.inputs import checked_text
from identity.pii import ID_NUMBER, unseal
from identity.providers import EnterpriseClaim, ProviderError, ProviderTimeout
from identity.runtime import IdentityRuntime
from identity.tables import AgentAppointment, Enterprise, Person, WebAuthnChallenge
from identity.tiers import Tier, parse_tier
from identity.validators import InvalidIdentifier, parse_credit_code

#: ``WebAuthnChallenge.purpose`` of an enterprise-certificate challenge.
CERTIFICATE_PURPOSE = "enterprise_certificate"
#: How long the certificate holder has to sign the challenge.
CERTIFICATE_CHALLENGE_SECONDS = 300
_CHALLENGE_BYTES = 32
_REGISTRATION_NUMBER = re.compile(r"[0-9A-Z]{6,32}")
_MAX_TAX_ACCOUNT = 64
_MAX_SIGNATURE_CHARS = 1024


def enterprise_subject(enterprise_id: str) -> str:
    return f"enterprise:{enterprise_id}"


@dataclass(frozen=True, slots=True)
class EnterpriseBinding:
    name: str
    registration_number: str
    credit_code: str


@dataclass(frozen=True, slots=True)
class EnterpriseRecord:
    """An enterprise as its legal representative or an in-force agent sees it."""

    id: str
    name: str
    credit_code: str
    registration_number: str
    tier: Tier
    legal_representative_name: str
    """Masked (``陈**``) unless the viewer is the legal representative."""
    viewer_is_legal_representative: bool
    bound_at: datetime
    evidence: list[evidence.EvidenceRecord]


@dataclass(frozen=True, slots=True)
class CertificateChallenge:
    id: str
    challenge: bytes
    expires_at: datetime


# --- Input checks ---------------------------------------------------------------------


def checked_enterprise_name(raw: str) -> str:
    return checked_text(
        raw,
        field="name",
        min_length=2,
        max_length=128,
        message="Enter the enterprise's name as registered.",
    )


def checked_registration_number(raw: str) -> str:
    number = unicodedata.normalize("NFKC", raw).strip().upper()
    if _REGISTRATION_NUMBER.fullmatch(number) is None:
        raise InvalidInput(
            "registrationNumber",
            "format",
            "A registration number is 6 to 32 digits or capital letters.",
        )
    return number


def checked_credit_code(raw: str) -> str:
    try:
        return parse_credit_code(unicodedata.normalize("NFKC", raw)).code
    except InvalidIdentifier as exc:
        raise InvalidInput("creditCode", exc.reason, str(exc)) from None


def _checked_uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise AccessDenied(authz.FORBIDDEN, "Unknown enterprise.") from None


def decode_base64(raw: str, *, field: str) -> bytes:
    """Standard or URL-safe base64, padded or not (what browsers and USB-key tools emit)."""
    text = raw.strip()
    if not text or len(text) > _MAX_SIGNATURE_CHARS:
        raise InvalidInput(field, "format", "Expected base64 data.")
    text = text.replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(field, "format", "Expected base64 data.") from None


# --- Who may do what --------------------------------------------------------------------


async def _enterprise_row(enterprise_id: str) -> dict[str, Any] | None:
    rows = await Enterprise.select().where(Enterprise.id == enterprise_id)
    return rows[0] if rows else None


async def require_legal_representative(viewer: Viewer, enterprise_id: str) -> dict[str, Any]:
    """The enterprise's row if the viewer is its legal representative (else FORBIDDEN).

    An unknown enterprise is refused the same way, so ids cannot be probed.
    """
    person_id = authz.require_person(viewer)
    enterprise_id = _checked_uuid(enterprise_id)
    row = await _enterprise_row(enterprise_id)
    if row is None or str(row["legal_representative"]) != person_id:
        raise AccessDenied(
            authz.FORBIDDEN, "Only the enterprise's legal representative can do this."
        )
    return row


async def appointment_in_force(enterprise_id: str, person_id: str) -> str | None:
    """The id of an appointment of ``person_id`` for the enterprise in force now, if any."""
    now = clock.now()
    rows = await AgentAppointment.select(AgentAppointment.id).where(
        (AgentAppointment.enterprise == enterprise_id)
        & (AgentAppointment.agent == person_id)
        & AgentAppointment.revoked_at.is_null()
        & (AgentAppointment.starts_at <= now)
        & (AgentAppointment.expires_at > now)
    )
    return str(rows[0]["id"]) if rows else None


async def _record(row: dict[str, Any], *, as_representative: bool) -> EnterpriseRecord:
    names = await Person.select(Person.name).where(Person.id == row["legal_representative"])
    name = names[0]["name"] if names else ""
    return EnterpriseRecord(
        id=str(row["id"]),
        name=row["name"],
        credit_code=row["credit_code"],
        registration_number=row["registration_number"],
        tier=parse_tier(row["tier"]),
        legal_representative_name=name if as_representative else mask_name(name),
        viewer_is_legal_representative=as_representative,
        bound_at=row["created_at"],
        evidence=await evidence.list_evidence(enterprise_subject(str(row["id"]))),
    )


async def view_enterprise(viewer: Viewer, enterprise_id: str) -> EnterpriseRecord:
    """The enterprise, for its legal representative or an agent whose appointment is in
    force; anyone else is refused with FORBIDDEN."""
    person_id = authz.require_person(viewer)
    enterprise_id = _checked_uuid(enterprise_id)
    row = await _enterprise_row(enterprise_id)
    if row is not None:
        if str(row["legal_representative"]) == person_id:
            return await _record(row, as_representative=True)
        if await appointment_in_force(enterprise_id, person_id) is not None:
            return await _record(row, as_representative=False)
    raise AccessDenied(
        authz.FORBIDDEN, "Only the enterprise's legal representative and agents can see it."
    )


# --- Binding ---------------------------------------------------------------------------


async def bind_enterprise(
    runtime: IdentityRuntime, viewer: Viewer, form: EnterpriseBinding
) -> EnterpriseRecord:
    """Bind an enterprise with the viewer as its legal representative."""
    person_id = await authz.require_tier(viewer, Tier.BASIC)
    subject = f"person:{person_id}"
    name = checked_enterprise_name(form.name)
    registration_number = checked_registration_number(form.registration_number)
    credit_code = checked_credit_code(form.credit_code)
    if await Enterprise.exists().where(Enterprise.credit_code == credit_code):
        raise AlreadyExists(
            "This enterprise is already bound; its legal representative can appoint you "
            "as an agent."
        )
    await limits.hit(limits.ENTERPRISE_PER_TARGET, credit_code)
    await limits.hit(limits.ENTERPRISE_PER_PERSON, person_id)

    people = await Person.select(Person.name, Person.id_number_enc).where(Person.id == person_id)
    representative = people[0]
    registry = runtime.providers.business_registry
    claim = EnterpriseClaim(
        name=name,
        registration_number=registration_number,
        credit_code=credit_code,
        legal_representative_name=representative["name"],
        legal_representative_id_number=unseal(
            runtime.keys, representative["id_number_enc"], ID_NUMBER
        ),
    )
    try:
        verdict = await registry.verify_enterprise(claim)
    except ProviderTimeout:
        raise ProviderUnavailable("business registry", timed_out=True) from None
    except ProviderError:
        raise ProviderUnavailable("business registry", timed_out=False) from None
    if not verdict.matched:
        raise RegistryMismatch(
            verdict.failed_checks,
            "The business registry did not confirm: " + ", ".join(verdict.failed_checks) + ".",
        )

    enterprise_id = uuid.uuid4()
    async with DB.transaction():
        inserted = (
            await Enterprise.insert(
                Enterprise(
                    id=enterprise_id,
                    name=name,
                    registration_number=registration_number,
                    credit_code=credit_code,
                    legal_representative=person_id,
                    tier=Tier.BASIC.value,
                    created_at=clock.now(),
                )
            )
            .on_conflict(target=Enterprise.credit_code, action="DO NOTHING")
            .returning(Enterprise.id)
        )
        if not inserted:  # bound by someone else while the registry answered
            raise AlreadyExists("This enterprise is already bound.")
        await audit.record(
            actor=subject,
            action="identity.enterprise_bound",
            subject_type="enterprise",
            subject_id=str(enterprise_id),
            data={"legal_representative": subject},
        )
        await evidence.grant(
            subject=enterprise_subject(str(enterprise_id)),
            tier=Tier.BASIC,
            method=evidence.Method.BUSINESS_REGISTRY,
            provider=registry.name,
            provider_reference=verdict.reference,
            actor=subject,
        )
    row = await _enterprise_row(str(enterprise_id))
    assert row is not None
    return await _record(row, as_representative=True)


# --- Raising the tier ------------------------------------------------------------------


async def _representative_for_tier(viewer: Viewer, enterprise_id: str) -> dict[str, Any]:
    await authz.require_tier(viewer, Tier.BASIC)
    return await require_legal_representative(viewer, enterprise_id)


async def verify_tax_account(
    runtime: IdentityRuntime, viewer: Viewer, enterprise_id: str, tax_account: str
) -> EnterpriseRecord:
    """Raise the enterprise to intermediate with its tax e-filing account."""
    row = await _representative_for_tier(viewer, enterprise_id)
    account = unicodedata.normalize("NFKC", tax_account).strip()
    if not account or len(account) > _MAX_TAX_ACCOUNT:
        raise InvalidInput("taxAccount", "format", "Enter the enterprise's tax e-filing account.")
    await limits.hit(limits.ENTERPRISE_VERIFY, str(row["id"]))
    tax = runtime.providers.tax
    try:
        verdict = await tax.verify_tax_account(credit_code=row["credit_code"], tax_account=account)
    except ProviderTimeout:
        raise ProviderUnavailable("tax bureau", timed_out=True) from None
    except ProviderError:
        raise ProviderUnavailable("tax bureau", timed_out=False) from None
    if not verdict.matched:
        raise VerificationFailed(
            verdict.failed_checks,
            "The tax bureau did not confirm: " + ", ".join(verdict.failed_checks) + ".",
        )
    await evidence.grant(
        subject=enterprise_subject(str(row["id"])),
        tier=Tier.INTERMEDIATE,
        method=evidence.Method.TAX_ACCOUNT,
        provider=tax.name,
        provider_reference=verdict.reference,
        actor=authz.require_signed_in(viewer),
    )
    return await view_enterprise(viewer, str(row["id"]))


async def begin_certificate_check(viewer: Viewer, enterprise_id: str) -> CertificateChallenge:
    """A fresh random challenge for the enterprise's certificate to sign (single use)."""
    row = await _representative_for_tier(viewer, enterprise_id)
    await limits.hit(limits.ENTERPRISE_CHALLENGE, str(row["id"]))
    challenge_id = uuid.uuid4()
    challenge = secrets.token_bytes(_CHALLENGE_BYTES)
    expires_at = clock.now() + timedelta(seconds=CERTIFICATE_CHALLENGE_SECONDS)
    await WebAuthnChallenge.insert(
        WebAuthnChallenge(
            id=challenge_id,
            challenge=challenge,
            purpose=CERTIFICATE_PURPOSE,
            owner=enterprise_subject(str(row["id"])),
            expires_at=expires_at,
        )
    )
    return CertificateChallenge(str(challenge_id), challenge, expires_at)


async def _consume_challenge(challenge_id: str, owner: str) -> bytes:
    """Spend the challenge (whatever the outcome of the check); refuse unknown/used/stale."""
    try:
        uuid.UUID(challenge_id)
    except ValueError:
        raise CodeInvalid("The challenge is unknown, expired or already used.") from None
    now = clock.now()
    rows = (
        await WebAuthnChallenge.update({WebAuthnChallenge.used_at: now})
        .where(
            (WebAuthnChallenge.id == challenge_id)
            & (WebAuthnChallenge.purpose == CERTIFICATE_PURPOSE)
            & (WebAuthnChallenge.owner == owner)
            & WebAuthnChallenge.used_at.is_null()
            & (WebAuthnChallenge.expires_at > now)
        )
        .returning(WebAuthnChallenge.challenge)
    )
    if not rows:
        raise CodeInvalid("The challenge is unknown, expired or already used.")
    return bytes(rows[0]["challenge"])


async def finish_certificate_check(
    runtime: IdentityRuntime,
    viewer: Viewer,
    enterprise_id: str,
    *,
    challenge_id: str,
    certificate_pem: str,
    signature: str,
) -> EnterpriseRecord:
    """Raise the enterprise to intermediate: its certificate signed our challenge."""
    row = await _representative_for_tier(viewer, enterprise_id)
    signature_bytes = decode_base64(signature, field="signature")
    if not certificate_pem.strip():
        raise InvalidInput("certificatePem", "format", "Paste the certificate in PEM form.")
    await limits.hit(limits.ENTERPRISE_VERIFY, str(row["id"]))
    subject = enterprise_subject(str(row["id"]))
    challenge = await _consume_challenge(challenge_id, subject)
    ca = runtime.providers.ca
    try:
        verdict = await ca.verify_certificate(
            credit_code=row["credit_code"],
            certificate_pem=certificate_pem,
            challenge=challenge,
            signature=signature_bytes,
        )
    except ProviderTimeout:
        raise ProviderUnavailable("certificate authority", timed_out=True) from None
    except ProviderError:
        raise ProviderUnavailable("certificate authority", timed_out=False) from None
    if not verdict.matched:
        raise VerificationFailed(
            verdict.failed_checks,
            "The certificate check failed: " + ", ".join(verdict.failed_checks) + ".",
        )
    await evidence.grant(
        subject=subject,
        tier=Tier.INTERMEDIATE,
        method=evidence.Method.CERTIFICATE,
        provider=ca.name,
        provider_reference=verdict.reference,
        actor=authz.require_signed_in(viewer),
    )
    return await view_enterprise(viewer, str(row["id"]))
