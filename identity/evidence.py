"""Tier evidence: every tier a person or enterprise holds rests on stored, audited evidence.

The stored tier is always recomputed from the live (unrevoked) evidence, never set
directly: granting adds evidence, revoking removes it, and both write the audit trail in
the same transaction as the change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from core import clock
from core.audit import service as audit
from core.db import DB
from identity.errors import NotFound
from identity.tables import Enterprise, Person, TierEvidence
from identity.tiers import Tier, parse_tier


class Method:
    """How evidence was obtained (stable words stored in the database)."""

    REGISTRY = "population_registry"
    BUSINESS_REGISTRY = "business_registry"
    COUNTER = "counter"
    BANK_CARD = "bank_card"
    ALIPAY = "alipay"
    HOUSING_FUND = "housing_fund"
    FACE = "face"
    TAX_ACCOUNT = "tax_account"
    CERTIFICATE = "enterprise_certificate"


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    id: str
    subject: str
    tier: Tier
    method: str
    provider: str
    provider_reference: str
    verifier: str | None
    created_at: datetime
    revoked_at: datetime | None
    revoke_reason: str | None


def _record(row: dict[str, object]) -> EvidenceRecord:
    return EvidenceRecord(
        id=str(row["id"]),
        subject=str(row["subject"]),
        tier=parse_tier(str(row["tier"])),
        method=str(row["method"]),
        provider=str(row["provider"]),
        provider_reference=str(row["provider_reference"]),
        verifier=row["verifier"] if isinstance(row["verifier"], str) else None,
        created_at=row["created_at"],  # type: ignore[arg-type]
        revoked_at=row["revoked_at"],  # type: ignore[arg-type]
        revoke_reason=row["revoke_reason"] if isinstance(row["revoke_reason"], str) else None,
    )


async def _recompute(subject: str) -> Tier:
    live = await TierEvidence.select(TierEvidence.tier).where(
        (TierEvidence.subject == subject) & TierEvidence.revoked_at.is_null()
    )
    tiers = [parse_tier(r["tier"]) for r in live]
    best = max(tiers, key=lambda t: t.rank, default=Tier.BASIC)
    # Basic is the floor of an existing account: it rests on the registration check.
    tier = best if best.at_least(Tier.BASIC) else Tier.BASIC
    kind, subject_id = subject.split(":", 1)
    table = Person if kind == "person" else Enterprise
    await table.update({table.tier: tier.value}).where(table.id == subject_id)
    return tier


async def grant(
    *,
    subject: str,
    tier: Tier,
    method: str,
    provider: str,
    provider_reference: str,
    actor: str,
    verifier: str | None = None,
) -> Tier:
    """Store evidence for ``tier`` and return the subject's resulting tier."""
    evidence_id = uuid.uuid4()
    async with DB.transaction():
        await TierEvidence.insert(
            TierEvidence(
                id=evidence_id,
                subject=subject,
                tier=tier.value,
                method=method,
                provider=provider,
                provider_reference=provider_reference[:128],
                verifier=verifier,
                created_at=clock.now(),
            )
        )
        result = await _recompute(subject)
        await audit.record(
            actor=actor,
            action="identity.tier_evidence_added",
            subject_type=subject.split(":", 1)[0],
            subject_id=subject.split(":", 1)[1],
            data={
                "evidence": str(evidence_id),
                "tier": tier.value,
                "method": method,
                "provider": provider,
                "provider_reference": provider_reference[:128],
                "verifier": verifier,
                "resulting_tier": result.value,
            },
        )
    return result


async def revoke(evidence_id: str, *, actor: str, reason: str, subject: str | None = None) -> Tier:
    """Revoke one piece of evidence (of ``subject`` when given) and return the new tier."""
    try:
        uuid.UUID(evidence_id)
    except ValueError:
        raise NotFound("No such evidence.") from None
    condition = (TierEvidence.id == evidence_id) & TierEvidence.revoked_at.is_null()
    if subject is not None:
        condition &= TierEvidence.subject == subject
    async with DB.transaction():
        rows = (
            await TierEvidence.update(
                {
                    TierEvidence.revoked_at: clock.now(),
                    TierEvidence.revoked_by: actor,
                    TierEvidence.revoke_reason: reason[:200],
                }
            )
            .where(condition)
            .returning(TierEvidence.subject, TierEvidence.method)
        )
        if not rows:
            raise NotFound("No such evidence, or it is already revoked.")
        owner = str(rows[0]["subject"])
        result = await _recompute(owner)
        await audit.record(
            actor=actor,
            action="identity.tier_evidence_revoked",
            subject_type=owner.split(":", 1)[0],
            subject_id=owner.split(":", 1)[1],
            data={
                "evidence": evidence_id,
                "method": str(rows[0]["method"]),
                "reason": reason[:200],
                "resulting_tier": result.value,
            },
        )
    return result


async def revoke_above_basic(subject: str, *, actor: str, reason: str) -> Tier:
    """Revoke every piece of evidence above basic (account recovery)."""
    rows = await TierEvidence.select(TierEvidence.id).where(
        (TierEvidence.subject == subject)
        & TierEvidence.revoked_at.is_null()
        & (TierEvidence.tier != Tier.BASIC.value)
    )
    tier = Tier.BASIC
    for row in rows:
        tier = await revoke(str(row["id"]), actor=actor, reason=reason, subject=subject)
    return tier


async def list_evidence(subject: str) -> list[EvidenceRecord]:
    rows = (
        await TierEvidence.select()
        .where(TierEvidence.subject == subject)
        .order_by(TierEvidence.created_at, ascending=False)
    )
    return [_record(r) for r in rows]
