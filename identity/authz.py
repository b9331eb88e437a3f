"""Permission checks for every domain: signed in, tier, role, ownership, acting for an enterprise.

Each check returns what it proved (an id, an authority) or raises
:class:`~core.graphql.errors.AccessDenied` with a stable code:

- ``UNAUTHENTICATED``: no (valid) sign-in.
- ``INSUFFICIENT_USER_AUTHENTICATION``: signed in below the required tier; carries
  ``requiredTier``, ``acrValues`` and ``maxAge`` (RFC 9470 step-up) so the PWA can start
  the right verification.
- ``FORBIDDEN``: wrong kind of account, missing role, or not the owner.
- ``NOT_ACTING_FOR_ENTERPRISE``, ``AGENT_APPOINTMENT_INACTIVE``, ``AGENT_OUT_OF_SCOPE``.

Tiers are read from the database, not only the token, so revoked evidence lowers the
tier at once rather than when the token expires.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from core import clock
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity.roles import Role
from identity.tables import AgentAppointment, Enterprise, Person
from identity.tiers import Tier, parse_tier

UNAUTHENTICATED = "UNAUTHENTICATED"
INSUFFICIENT = "INSUFFICIENT_USER_AUTHENTICATION"
FORBIDDEN = "FORBIDDEN"


def insufficient(
    tier: Tier, *, max_age: int | None = None, action: str | None = None
) -> AccessDenied:
    details: dict[str, object] = {"requiredTier": tier.value, "acrValues": tier.acr}
    if max_age is not None:
        details["maxAge"] = max_age
    if action is not None:
        details["action"] = action
    return AccessDenied(
        INSUFFICIENT,
        f"This needs identity level '{tier.value}'; verify your identity to continue.",
        **details,
    )


def require_signed_in(viewer: Viewer) -> str:
    if viewer.subject is None:
        raise AccessDenied(UNAUTHENTICATED, "Please sign in first.")
    return viewer.subject


def require_person(viewer: Viewer) -> str:
    """The viewer's person id; staff accounts are refused."""
    require_signed_in(viewer)
    if viewer.kind != "person" or viewer.subject_id is None:
        raise AccessDenied(FORBIDDEN, "Only a resident's account can do this.")
    return viewer.subject_id


def require_staff(viewer: Viewer, roles: Iterable[Role] = ()) -> str:
    """The viewer's staff id, if they hold any of ``roles`` (any role when empty)."""
    require_signed_in(viewer)
    if viewer.kind != "staff" or viewer.subject_id is None:
        raise AccessDenied(FORBIDDEN, "Only staff can do this.")
    wanted = {r.value for r in roles}
    if wanted and not (wanted & viewer.roles):
        raise AccessDenied(FORBIDDEN, "Your staff role does not allow this.", roles=sorted(wanted))
    return viewer.subject_id


async def current_tier(person_id: str) -> Tier:
    rows = await Person.select(Person.tier).where(Person.id == person_id)
    return parse_tier(rows[0]["tier"]) if rows else Tier.ANONYMOUS


async def require_tier(viewer: Viewer, tier: Tier) -> str:
    """The viewer's person id if they hold at least ``tier`` now (basic or intermediate)."""
    if tier is Tier.ADVANCED:
        raise ValueError("advanced is per transaction: use identity.stepup.consume")
    if viewer.subject is None:
        # Anonymous: the remedy is to sign in (and verify), which the code says.
        raise insufficient(tier)
    person_id = require_person(viewer)
    if not (await current_tier(person_id)).at_least(tier):
        raise insufficient(tier)
    return person_id


def require_owner(viewer: Viewer, owner: str) -> None:
    if viewer.subject != owner:
        raise AccessDenied(FORBIDDEN, "This belongs to someone else.")


@dataclass(frozen=True, slots=True)
class EnterpriseAuthority:
    """Proof that the viewer may act for an enterprise in a category."""

    enterprise_id: str
    person_id: str
    as_legal_representative: bool
    appointment_id: str | None


async def require_enterprise_authority(viewer: Viewer, category: str) -> EnterpriseAuthority:
    """The viewer acts for an enterprise and may do so in ``category`` right now."""
    person_id = require_person(viewer)
    if viewer.acting_for is None or not viewer.acting_for.startswith("enterprise:"):
        raise AccessDenied("NOT_ACTING_FOR_ENTERPRISE", "Switch to acting for an enterprise first.")
    enterprise_id = viewer.acting_for.split(":", 1)[1]
    try:
        uuid.UUID(enterprise_id)
    except ValueError:
        raise AccessDenied(FORBIDDEN, "Unknown enterprise.") from None
    representative = await Enterprise.exists().where(
        (Enterprise.id == enterprise_id) & (Enterprise.legal_representative == person_id)
    )
    if representative:
        return EnterpriseAuthority(enterprise_id, person_id, True, None)
    appointments = (
        await AgentAppointment.select()
        .where(
            (AgentAppointment.enterprise == enterprise_id) & (AgentAppointment.agent == person_id)
        )
        .order_by(AgentAppointment.appointed_at, ascending=False)
    )
    now = clock.now()
    reasons: list[str] = []
    for row in appointments:
        if row["revoked_at"] is not None:
            reasons.append("revoked")
        elif row["starts_at"] > now:
            reasons.append("not_started")
        elif row["expires_at"] <= now:
            reasons.append("expired")
        elif "*" in row["scope"] or category in row["scope"]:
            return EnterpriseAuthority(enterprise_id, person_id, False, str(row["id"]))
        else:
            reasons.append("out_of_scope")
    if "out_of_scope" in reasons:
        raise AccessDenied(
            "AGENT_OUT_OF_SCOPE",
            "Your appointment as this enterprise's agent does not cover this service.",
            category=category,
        )
    if reasons:
        raise AccessDenied(
            "AGENT_APPOINTMENT_INACTIVE",
            "Your appointment as this enterprise's agent is not in force.",
            reason=reasons[0],
        )
    raise AccessDenied(FORBIDDEN, "You are not an agent of this enterprise.")
