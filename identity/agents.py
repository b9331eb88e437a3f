"""Authorised agents (经办人): appointed by the legal representative, acting for the enterprise.

The legal representative appoints a person (found by ID number and name, both of which
must match an existing account) for a scope of service categories and a period, and can
revoke the appointment at any time. An agent, or the legal representative, switches the
session into "acting for enterprise X"; the new access token carries it, and what is done
from then on belongs to the enterprise and records who did it.

The switch is a convenience, not the authority: every action re-checks the appointment in
the database (:func:`identity.authz.require_enterprise_authority`), so revoking or expiry
takes effect on the next request, not when the token runs out.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core import clock
from core.audit import service as audit
from core.crypto import mask_name
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity import authz, limits, sessions
from identity.enterprises import enterprise_subject, require_legal_representative
from identity.errors import AlreadyExists, InvalidInput, NotAllowed, NotFound
from identity.pii import id_number_index, masked_id_number
from identity.runtime import IdentityRuntime
from identity.tables import AgentAppointment, Enterprise, Person
from identity.tiers import Tier, parse_tier
from identity.validators import InvalidIdentifier, parse_resident_id

#: Every service category.
ALL_CATEGORIES = "*"
# The catalogue's category codes (casework.categories), e.g. "tax", "social-security".
_CATEGORY = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_MAX_SCOPE = 32
#: The longest appointment, in calendar years from its start.
MAX_APPOINTMENT_YEARS = 3


class Status:
    """An appointment's state at a moment (stable words)."""

    ACTIVE = "active"
    SCHEDULED = "scheduled"
    EXPIRED = "expired"
    REVOKED = "revoked"


#: How an inactive status is reported in AGENT_APPOINTMENT_INACTIVE (as authz does).
_INACTIVE_REASON = {
    Status.SCHEDULED: "not_started",
    Status.EXPIRED: "expired",
    Status.REVOKED: "revoked",
}

LEGAL_REPRESENTATIVE = "legal_representative"
AGENT = "agent"


def appointment_status(
    starts_at: datetime, expires_at: datetime, revoked_at: datetime | None, now: datetime
) -> str:
    if revoked_at is not None:
        return Status.REVOKED
    if starts_at > now:
        return Status.SCHEDULED
    if expires_at <= now:
        return Status.EXPIRED
    return Status.ACTIVE


@dataclass(frozen=True, slots=True)
class Appointment:
    """What the legal representative fills in."""

    agent_id_number: str
    agent_name: str
    scope: Sequence[str]
    starts_at: datetime | None
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AppointmentRecord:
    """An appointment as the legal representative sees it; the agent is masked."""

    id: str
    enterprise_id: str
    agent_name: str
    agent_id_number: str
    scope: tuple[str, ...]
    starts_at: datetime
    expires_at: datetime
    appointed_at: datetime
    revoked_at: datetime | None
    status: str


@dataclass(frozen=True, slots=True)
class MyEnterprise:
    """An enterprise the viewer can act for, or could once."""

    enterprise_id: str
    name: str
    credit_code: str
    tier: Tier
    role: str
    status: str
    appointment_id: str | None
    scope: tuple[str, ...]
    starts_at: datetime | None
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class ActingSwitch:
    access_token: str
    expires_in: int
    acting_for: str | None


@dataclass(frozen=True, slots=True)
class AuthorityView:
    enterprise_id: str
    enterprise_name: str
    as_legal_representative: bool
    appointment_id: str | None


# --- Input checks ---------------------------------------------------------------------


def checked_scope(scope: Sequence[str]) -> tuple[str, ...]:
    codes: list[str] = []
    for raw in scope:
        code = raw.strip()
        if code != ALL_CATEGORIES and _CATEGORY.fullmatch(code) is None:
            raise InvalidInput(
                "scope",
                "format",
                "A scope entry is a category code in lowercase letters, digits, - and _, or *.",
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise InvalidInput("scope", "empty", "Choose at least one service category.")
    if len(codes) > _MAX_SCOPE:
        raise InvalidInput("scope", "too_many", "Too many categories; use * for all.")
    return (ALL_CATEGORIES,) if ALL_CATEGORIES in codes else tuple(codes)


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a common year
        return moment.replace(year=moment.year + years, day=28)


def checked_period(starts_at: datetime | None, expires_at: datetime) -> tuple[datetime, datetime]:
    now = clock.now()
    start = now if starts_at is None else starts_at
    for field, value in (("startsAt", start), ("expiresAt", expires_at)):
        if value.tzinfo is None:
            raise InvalidInput(field, "timezone", "Give the time with a time zone.")
    if expires_at <= start:
        raise InvalidInput("expiresAt", "before_start", "The expiry must come after the start.")
    if expires_at <= now:
        raise InvalidInput("expiresAt", "in_past", "The expiry must be in the future.")
    if expires_at > _add_years(start, MAX_APPOINTMENT_YEARS):
        raise InvalidInput(
            "expiresAt",
            "too_long",
            f"An appointment lasts at most {MAX_APPOINTMENT_YEARS} years.",
        )
    return start, expires_at


# --- Records ---------------------------------------------------------------------------


def _record(row: dict[str, Any], runtime: IdentityRuntime, now: datetime) -> AppointmentRecord:
    return AppointmentRecord(
        id=str(row["id"]),
        enterprise_id=str(row["enterprise"]),
        agent_name=mask_name(row["agent.name"]),
        agent_id_number=masked_id_number(runtime.keys, row["agent.id_number_enc"]),
        scope=tuple(row["scope"]),
        starts_at=row["starts_at"],
        expires_at=row["expires_at"],
        appointed_at=row["appointed_at"],
        revoked_at=row["revoked_at"],
        status=appointment_status(row["starts_at"], row["expires_at"], row["revoked_at"], now),
    )


def _appointment_query() -> Any:
    return AgentAppointment.select(
        *AgentAppointment.all_columns(),
        AgentAppointment.agent.name.as_alias("agent.name"),
        AgentAppointment.agent.id_number_enc.as_alias("agent.id_number_enc"),
    )


async def _load(runtime: IdentityRuntime, appointment_id: str) -> AppointmentRecord:
    rows = await _appointment_query().where(AgentAppointment.id == appointment_id)
    return _record(rows[0], runtime, clock.now())


# --- Appointing and revoking --------------------------------------------------------------


async def appoint_agent(
    runtime: IdentityRuntime, viewer: Viewer, enterprise_id: str, form: Appointment
) -> AppointmentRecord:
    """The legal representative appoints a person as the enterprise's agent."""
    enterprise = await require_legal_representative(viewer, enterprise_id)
    enterprise_id = str(enterprise["id"])
    representative = f"person:{enterprise['legal_representative']}"
    scope = checked_scope(form.scope)
    starts_at, expires_at = checked_period(form.starts_at, form.expires_at)
    try:
        resident = parse_resident_id(form.agent_id_number, today=clock.now().date())
    except InvalidIdentifier as exc:
        raise InvalidInput("agentIdNumber", exc.reason, str(exc)) from None
    await limits.hit(limits.AGENT_LOOKUP, str(enterprise["legal_representative"]))

    name = unicodedata.normalize("NFKC", form.agent_name).strip()
    rows = await Person.select(Person.id, Person.name, Person.tier).where(
        Person.id_number_bidx == id_number_index(runtime.keys, resident.number)
    )
    # One answer for "no such account", "wrong name" and "not verified": which one it was
    # would tell a stranger whether someone has an account.
    if not rows or rows[0]["name"] != name or not parse_tier(rows[0]["tier"]).at_least(Tier.BASIC):
        raise NotFound("No verified resident account matches this name and ID number.")
    agent_id = str(rows[0]["id"])
    if agent_id == str(enterprise["legal_representative"]):
        raise NotAllowed("The legal representative already acts for the enterprise.")

    appointment_id = uuid.uuid4()
    async with DB.transaction():
        # Serialise appointments of one enterprise so two overlapping ones cannot both pass.
        await Enterprise.raw("SELECT id FROM enterprise WHERE id = {} FOR UPDATE", enterprise_id)
        overlapping = await AgentAppointment.exists().where(
            (AgentAppointment.enterprise == enterprise_id)
            & (AgentAppointment.agent == agent_id)
            & AgentAppointment.revoked_at.is_null()
            & (AgentAppointment.starts_at < expires_at)
            & (AgentAppointment.expires_at > starts_at)
        )
        if overlapping:
            raise AlreadyExists(
                "This person already holds an appointment for this enterprise in that "
                "period; revoke it first."
            )
        await AgentAppointment.insert(
            AgentAppointment(
                id=appointment_id,
                enterprise=enterprise_id,
                agent=agent_id,
                scope=list(scope),
                starts_at=starts_at,
                expires_at=expires_at,
                appointed_at=clock.now(),
            )
        )
        await audit.record(
            actor=representative,
            action="identity.agent_appointed",
            subject_type="enterprise",
            subject_id=enterprise_id,
            data={
                "appointment": str(appointment_id),
                "agent": f"person:{agent_id}",
                "scope": list(scope),
                "starts_at": starts_at.isoformat(),
                "expires_at": expires_at.isoformat(),
            },
        )
    return await _load(runtime, str(appointment_id))


async def revoke_agent(
    runtime: IdentityRuntime, viewer: Viewer, appointment_id: str
) -> AppointmentRecord:
    """The legal representative ends an appointment now."""
    person_id = authz.require_person(viewer)
    # An unknown appointment is refused like someone else's: ids cannot be probed.
    refused = AccessDenied(
        authz.FORBIDDEN, "Only the enterprise's legal representative can do this."
    )
    try:
        uuid.UUID(appointment_id)
    except ValueError:
        raise refused from None
    rows = await AgentAppointment.select(
        AgentAppointment.enterprise, AgentAppointment.agent, AgentAppointment.revoked_at
    ).where(AgentAppointment.id == appointment_id)
    if not rows:
        raise refused
    enterprise_id = str(rows[0]["enterprise"])
    await require_legal_representative(viewer, enterprise_id)
    now = clock.now()
    async with DB.transaction():
        revoked = (
            await AgentAppointment.update({AgentAppointment.revoked_at: now})
            .where((AgentAppointment.id == appointment_id) & AgentAppointment.revoked_at.is_null())
            .returning(AgentAppointment.id)
        )
        if not revoked:
            raise NotAllowed("This appointment is already revoked.")
        # The agent's sessions stop acting for the enterprise at their next token; every
        # check already re-reads the appointment, this keeps what they are shown honest.
        await sessions.clear_acting_for(f"person:{rows[0]['agent']}", f"enterprise:{enterprise_id}")
        await audit.record(
            actor=f"person:{person_id}",
            action="identity.agent_revoked",
            subject_type="enterprise",
            subject_id=enterprise_id,
            data={"appointment": appointment_id, "agent": f"person:{rows[0]['agent']}"},
        )
    return await _load(runtime, appointment_id)


async def list_agents(
    runtime: IdentityRuntime, viewer: Viewer, enterprise_id: str
) -> list[AppointmentRecord]:
    """Every appointment of the enterprise, newest first (legal representative only)."""
    enterprise = await require_legal_representative(viewer, enterprise_id)
    rows = (
        await _appointment_query()
        .where(AgentAppointment.enterprise == enterprise["id"])
        .order_by(AgentAppointment.appointed_at, ascending=False)
    )
    now = clock.now()
    return [_record(r, runtime, now) for r in rows]


_STATUS_RANK = {Status.ACTIVE: 0, Status.SCHEDULED: 1, Status.EXPIRED: 2, Status.REVOKED: 3}


async def my_enterprises(viewer: Viewer) -> list[MyEnterprise]:
    """Enterprises I represent, then those I am (or was) an agent of, one entry each."""
    person_id = authz.require_person(viewer)
    now = clock.now()
    result: list[MyEnterprise] = []
    represented = (
        await Enterprise.select()
        .where(Enterprise.legal_representative == person_id)
        .order_by(Enterprise.created_at)
    )
    for row in represented:
        result.append(
            MyEnterprise(
                enterprise_id=str(row["id"]),
                name=row["name"],
                credit_code=row["credit_code"],
                tier=parse_tier(row["tier"]),
                role=LEGAL_REPRESENTATIVE,
                status=Status.ACTIVE,
                appointment_id=None,
                scope=(ALL_CATEGORIES,),
                starts_at=None,
                expires_at=None,
            )
        )
    appointments = (
        await AgentAppointment.select(
            *AgentAppointment.all_columns(),
            AgentAppointment.enterprise.name.as_alias("e_name"),
            AgentAppointment.enterprise.credit_code.as_alias("e_credit_code"),
            AgentAppointment.enterprise.tier.as_alias("e_tier"),
        )
        .where(AgentAppointment.agent == person_id)
        .order_by(AgentAppointment.appointed_at, ascending=False)
    )
    # The most useful appointment per enterprise: in force, else the next, else the latest.
    best: dict[str, tuple[int, dict[str, Any], str]] = {}
    for row in appointments:
        status = appointment_status(row["starts_at"], row["expires_at"], row["revoked_at"], now)
        key = str(row["enterprise"])
        rank = _STATUS_RANK[status]
        if key not in best or rank < best[key][0]:
            best[key] = (rank, row, status)
    for _, row, status in best.values():
        result.append(
            MyEnterprise(
                enterprise_id=str(row["enterprise"]),
                name=row["e_name"],
                credit_code=row["e_credit_code"],
                tier=parse_tier(row["e_tier"]),
                role=AGENT,
                status=status,
                appointment_id=str(row["id"]),
                scope=tuple(row["scope"]),
                starts_at=row["starts_at"],
                expires_at=row["expires_at"],
            )
        )
    return result


# --- Acting for an enterprise ------------------------------------------------------------


async def _standing(enterprise_id: str, person_id: str) -> tuple[bool, str | None]:
    """(as legal representative, appointment id) if the person may act for it now.

    Raises AGENT_APPOINTMENT_INACTIVE (with the reason of the latest appointment) or
    FORBIDDEN when they may not.
    """
    try:
        uuid.UUID(enterprise_id)
    except ValueError:
        raise AccessDenied(authz.FORBIDDEN, "Unknown enterprise.") from None
    if await Enterprise.exists().where(
        (Enterprise.id == enterprise_id) & (Enterprise.legal_representative == person_id)
    ):
        return True, None
    rows = (
        await AgentAppointment.select()
        .where(
            (AgentAppointment.enterprise == enterprise_id) & (AgentAppointment.agent == person_id)
        )
        .order_by(AgentAppointment.appointed_at, ascending=False)
    )
    now = clock.now()
    statuses: list[str] = []
    for row in rows:
        status = appointment_status(row["starts_at"], row["expires_at"], row["revoked_at"], now)
        if status == Status.ACTIVE:
            return False, str(row["id"])
        statuses.append(status)
    if statuses:
        raise AccessDenied(
            "AGENT_APPOINTMENT_INACTIVE",
            "Your appointment as this enterprise's agent is not in force.",
            reason=_INACTIVE_REASON[statuses[0]],
        )
    raise AccessDenied(authz.FORBIDDEN, "You are not an agent of this enterprise.")


async def act_for_enterprise(
    runtime: IdentityRuntime, viewer: Viewer, enterprise_id: str | None
) -> ActingSwitch:
    """Switch this session to acting for an enterprise (or back to myself, with None)."""
    person_id = authz.require_person(viewer)
    subject = f"person:{person_id}"
    session_id = viewer.session_id
    if session_id is None:
        raise AccessDenied(authz.UNAUTHENTICATED, "Please sign in first.")
    as_representative, appointment_id = False, None
    acting_for: str | None = None
    if enterprise_id is not None:
        as_representative, appointment_id = await _standing(enterprise_id, person_id)
        acting_for = enterprise_subject(str(uuid.UUID(enterprise_id)))
    concerned = acting_for or viewer.acting_for
    async with DB.transaction():
        await sessions.set_acting_for(session_id, acting_for)
        await audit.record(
            actor=subject,
            action="identity.acting_for_switched",
            subject_type="enterprise" if concerned else "session",
            subject_id=concerned.split(":", 1)[1] if concerned else session_id,
            data={
                "session": session_id,
                "agent": subject,
                "acting_for": acting_for,
                "previous": viewer.acting_for,
                "as_legal_representative": as_representative,
                "appointment": appointment_id,
            },
        )
    token, lifetime = await sessions.reissue_access(runtime, session_id)
    return ActingSwitch(access_token=token, expires_in=lifetime, acting_for=acting_for)


async def enterprise_authority(viewer: Viewer, category: str) -> AuthorityView:
    """What the acting viewer may do for their enterprise in ``category`` right now."""
    authority = await authz.require_enterprise_authority(viewer, category.strip())
    rows = await Enterprise.select(Enterprise.name).where(Enterprise.id == authority.enterprise_id)
    if not rows:
        raise AccessDenied(authz.FORBIDDEN, "Unknown enterprise.")
    return AuthorityView(
        enterprise_id=authority.enterprise_id,
        enterprise_name=rows[0]["name"],
        as_legal_representative=authority.as_legal_representative,
        appointment_id=authority.appointment_id,
    )
