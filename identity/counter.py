"""Counter verification (柜台核验): a window clerk sees the person and their ID card.

The person (or an enterprise's legal representative) asks for a ticket: a random token
the PWA shows as a QR code, valid ten minutes, stored only as its SHA-256. The clerk scans
it, sees who it is for (full name, masked ID number and sex, to compare with the physical
card; for an enterprise also its name and credit code), checks the card, and confirms.
Confirming spends the ticket once and stores intermediate evidence with the clerk as
verifier. Viewing and confirming are audited; no personal data goes into the audit data.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import clock
from core.audit import service as audit
from core.crypto import KeyMaterial, mask_id_number
from core.db import DB
from core.graphql.errors import AccessDenied
from identity import authz, evidence, limits
from identity.errors import CodeInvalid, InvalidInput, NotFound
from identity.pii import ID_NUMBER, unseal
from identity.tables import CounterTicket, Enterprise, Person
from identity.tiers import Tier

#: How long a ticket can be scanned.
TICKET_SECONDS = 600
COUNTER_PROVIDER = "counter"


@dataclass(frozen=True, slots=True)
class IssuedTicket:
    ticket: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class TicketView:
    """What the clerk sees: enough to compare with the ID card, no more."""

    subject_kind: str
    name: str
    masked_id_number: str
    sex: str
    enterprise_name: str | None
    credit_code: str | None
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class CounterVerification:
    subject_kind: str
    tier: Tier


def _hash(ticket: str) -> str:
    return hashlib.sha256(ticket.strip().encode("utf-8")).hexdigest()


async def create_ticket(person_id: str, *, enterprise_id: str | None = None) -> IssuedTicket:
    """A ticket for the person, or for an enterprise they legally represent."""
    subject = f"person:{person_id}"
    if enterprise_id is not None:
        # Unknown and someone else's enterprise are refused alike, so ids cannot be probed.
        refused = AccessDenied(
            authz.FORBIDDEN, "Only the enterprise's legal representative can do this."
        )
        try:
            key = uuid.UUID(enterprise_id)
        except ValueError:
            raise refused from None
        rows = await Enterprise.select(Enterprise.legal_representative).where(Enterprise.id == key)
        if not rows or str(rows[0]["legal_representative"]) != person_id:
            raise refused
        subject = f"enterprise:{key}"
    await limits.hit(limits.COUNTER_TICKETS_PER_PERSON, person_id)
    ticket = secrets.token_urlsafe(24)
    now = clock.now()
    expires_at = now + timedelta(seconds=TICKET_SECONDS)
    await CounterTicket.insert(
        CounterTicket(
            id=uuid.uuid4(),
            subject=subject,
            token_hash=_hash(ticket),
            created_at=now,
            expires_at=expires_at,
        )
    )
    return IssuedTicket(ticket=ticket, expires_at=expires_at)


async def _live_ticket(ticket: str) -> dict[str, object]:
    if not ticket.strip():
        raise NotFound("No such ticket.")
    rows = await CounterTicket.select().where(CounterTicket.token_hash == _hash(ticket))
    if not rows:
        raise NotFound("No such ticket.")
    row = rows[0]
    if row["used_at"] is not None:
        raise CodeInvalid("This ticket has already been used; ask for a new one.")
    if row["expires_at"] <= clock.now():
        raise CodeInvalid("This ticket has expired; ask for a new one.")
    return row


async def view_ticket(keys: KeyMaterial, ticket: str, *, clerk_id: str) -> TicketView:
    """Who a live ticket is for, as the clerk must see it; the viewing is audited."""
    row = await _live_ticket(ticket)
    kind, subject_id = str(row["subject"]).split(":", 1)
    enterprise_name = credit_code = None
    person_id = subject_id
    if kind == "enterprise":
        companies = await Enterprise.select(
            Enterprise.name, Enterprise.credit_code, Enterprise.legal_representative
        ).where(Enterprise.id == subject_id)
        if not companies:
            raise NotFound("No such enterprise.")
        enterprise_name = str(companies[0]["name"])
        credit_code = str(companies[0]["credit_code"])
        person_id = str(companies[0]["legal_representative"])
    people = await Person.select(Person.name, Person.id_number_enc, Person.sex).where(
        Person.id == person_id
    )
    if not people:
        raise NotFound("No such person.")
    person = people[0]
    await audit.record(
        actor=f"staff:{clerk_id}",
        action="identity.counter_ticket_viewed",
        subject_type=kind,
        subject_id=subject_id,
        data={"ticket": str(row["id"])},
    )
    return TicketView(
        subject_kind=kind,
        name=person["name"],
        masked_id_number=mask_id_number(unseal(keys, person["id_number_enc"], ID_NUMBER)),
        sex=person["sex"],
        enterprise_name=enterprise_name,
        credit_code=credit_code,
        expires_at=row["expires_at"],  # type: ignore[arg-type]
    )


async def confirm(ticket: str, *, clerk_id: str, id_card_checked: bool) -> CounterVerification:
    """Spend a live ticket and grant intermediate evidence with the clerk as verifier."""
    if not id_card_checked:
        raise InvalidInput(
            "idCardChecked", "required", "Check the physical ID card before confirming."
        )
    clerk = f"staff:{clerk_id}"
    now = clock.now()
    async with DB.transaction():
        spent = (
            await CounterTicket.update({CounterTicket.used_at: now, CounterTicket.used_by: clerk})
            .where(
                (CounterTicket.token_hash == _hash(ticket))
                & CounterTicket.used_at.is_null()
                & (CounterTicket.expires_at > now)
            )
            .returning(CounterTicket.id, CounterTicket.subject)
        )
        if not spent:
            raise CodeInvalid("This ticket is unknown, expired or already used; ask for a new one.")
        subject = str(spent[0]["subject"])
        tier = await evidence.grant(
            subject=subject,
            tier=Tier.INTERMEDIATE,
            method=evidence.Method.COUNTER,
            provider=COUNTER_PROVIDER,
            provider_reference=str(spent[0]["id"]),
            actor=clerk,
            verifier=clerk,
        )
    return CounterVerification(subject_kind=subject.split(":", 1)[0], tier=tier)
