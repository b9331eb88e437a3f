"""Third-party verification (bank card, Alipay, housing fund) and revoking tier evidence.

A basic person proves their identity through an account held in their name: the
provider checks that the account (and, for a bank card, the phone reserved with the
bank: the fourth element) belongs to the registered name and ID number. A match is
evidence for intermediate; a "no" says which check failed; a vendor error or timeout
changes nothing. Attempts are limited per person.

Evidence can be revoked by a supervisor or platform admin (anyone's) or by its owner (a
person's own evidence above basic, or their enterprise's as its legal representative);
the tier is recomputed at once and the revocation audited.
"""

from __future__ import annotations

import unicodedata
import uuid

from core.graphql.context import Viewer
from identity import authz, evidence, limits
from identity.errors import (
    InvalidInput,
    NotAllowed,
    NotFound,
    ProviderUnavailable,
    VerificationFailed,
)
from identity.inputs import has_control_characters
from identity.pii import ID_NUMBER, unseal
from identity.providers import ProviderError, ProviderTimeout, ThirdPartyMethod
from identity.roles import Role
from identity.runtime import IdentityRuntime
from identity.sms import checked_phone
from identity.tables import Enterprise, Person, TierEvidence
from identity.tiers import Tier

_METHOD = {
    ThirdPartyMethod.BANK_CARD: evidence.Method.BANK_CARD,
    ThirdPartyMethod.ALIPAY: evidence.Method.ALIPAY,
    ThirdPartyMethod.HOUSING_FUND: evidence.Method.HOUSING_FUND,
}
_PROVIDER_LABEL = {
    ThirdPartyMethod.BANK_CARD: "bank card verification",
    ThirdPartyMethod.ALIPAY: "Alipay verification",
    ThirdPartyMethod.HOUSING_FUND: "housing fund verification",
}
_ACCOUNT_MAX = 64
_REASON_MAX = 200
#: Roles that may revoke anyone's evidence.
REVOKING_ROLES = (Role.SUPERVISOR, Role.PLATFORM_ADMIN)


def _checked_account(raw: str) -> str:
    account = "".join(unicodedata.normalize("NFKC", raw).split())
    if not account or len(account) > _ACCOUNT_MAX or has_control_characters(account):
        raise InvalidInput("account", "format", "Enter the account number or name.")
    return account


def _checked_phone(raw: str | None, method: ThirdPartyMethod) -> str | None:
    if raw is None or not raw.strip():
        if method is ThirdPartyMethod.BANK_CARD:
            raise InvalidInput(
                "phone", "required", "A bank card check needs the phone number held by the bank."
            )
        return None
    try:
        return checked_phone(raw)
    except InvalidInput as exc:
        raise InvalidInput("phone", exc.reason, exc.message) from None


async def verify_with_third_party(
    runtime: IdentityRuntime,
    person_id: str,
    *,
    method: ThirdPartyMethod,
    account: str,
    phone: str | None = None,
) -> Tier:
    """Check an account held in the person's name; a match raises them to intermediate."""
    account = _checked_account(account)
    checked = _checked_phone(phone, method)
    rows = await Person.select(Person.name, Person.id_number_enc).where(Person.id == person_id)
    if not rows:
        raise NotFound("No such person.")
    await limits.hit(
        limits.VERIFY_PER_PERSON, person_id, message="Too many verification attempts today."
    )
    verifier = runtime.providers.accounts
    try:
        verdict = await verifier.verify_account(
            method=method,
            name=rows[0]["name"],
            id_number=unseal(runtime.keys, rows[0]["id_number_enc"], ID_NUMBER),
            account=account,
            phone=checked,
        )
    except ProviderTimeout:
        raise ProviderUnavailable(_PROVIDER_LABEL[method], timed_out=True) from None
    except ProviderError:
        raise ProviderUnavailable(_PROVIDER_LABEL[method], timed_out=False) from None
    if not verdict.matched:
        raise VerificationFailed(
            verdict.failed_checks,
            "The verification did not confirm: " + ", ".join(verdict.failed_checks) + ".",
        )
    return await evidence.grant(
        subject=f"person:{person_id}",
        tier=Tier.INTERMEDIATE,
        method=_METHOD[method],
        provider=verifier.name,
        provider_reference=verdict.reference,
        actor=f"person:{person_id}",
    )


async def _may_revoke_own(viewer: Viewer, subject: str, tier: str) -> bool:
    person_id = viewer.subject_id
    if viewer.kind != "person" or person_id is None:
        return False
    if subject == viewer.subject:
        if tier == Tier.BASIC.value:
            # Basic rests on the registration check; the account cannot drop below it.
            raise NotAllowed("Registration evidence cannot be revoked by its owner.")
        return True
    kind, subject_id = subject.split(":", 1)
    if kind != "enterprise":
        return False
    return bool(
        await Enterprise.exists().where(
            (Enterprise.id == subject_id) & (Enterprise.legal_representative == person_id)
        )
    )


async def revoke_evidence(viewer: Viewer, evidence_id: str, *, reason: str) -> Tier:
    """Revoke one piece of evidence and return its subject's new tier."""
    actor = authz.require_signed_in(viewer)
    # Who may revoke at all is settled before the input is looked at, so a refused
    # caller learns nothing from the answer.
    if viewer.kind == "staff":
        authz.require_staff(viewer, REVOKING_ROLES)
    else:
        authz.require_person(viewer)
    text = " ".join(unicodedata.normalize("NFKC", reason).split())
    if not text or len(text) > _REASON_MAX:
        raise InvalidInput("reason", "format", "Give a reason of at most 200 characters.")
    try:
        key = uuid.UUID(evidence_id)
    except ValueError:
        raise NotFound("No such evidence.") from None
    rows = await TierEvidence.select(TierEvidence.subject, TierEvidence.tier).where(
        TierEvidence.id == key
    )
    if viewer.kind == "staff":
        if not rows:
            raise NotFound("No such evidence.")
        return await evidence.revoke(str(key), actor=actor, reason=text)
    # A person learns nothing about evidence that is not theirs: it reads as not found.
    if not rows or not await _may_revoke_own(viewer, rows[0]["subject"], rows[0]["tier"]):
        raise NotFound("No such evidence.")
    return await evidence.revoke(str(key), actor=actor, reason=text, subject=rows[0]["subject"])
