"""The actors of the authorisation matrix, set up once per test in one small world.

The world: six registered residents (one of them the legal representative of a bound
enterprise, two of them its agents acting for it with different scopes), one staff member
per role, a counter ticket and a second session, all built through the same services and
GraphQL operations a client uses. Every actor holds a live access token (anonymous: none).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from core import clock
from identity import evidence, sessions
from identity.providers.sandbox import SandboxPerson, sandbox_people
from identity.roles import Role
from identity.tables import StaffMember
from identity.tiers import Tier
from reference.tables import Department, Region
from tests.identity.conftest import Api
from tests.identity.test_agents import act_for, appoint
from tests.identity.test_counter import ticket_for
from tests.identity.test_enterprises import MINJIANG, bind
from tests.identity.test_face import identity_runtime, person_id_of, signed_in

ANONYMOUS = "anonymous"
LEGAL_REPRESENTATIVE = "legal_representative"
BASIC = "basic"
INTERMEDIATE = "intermediate"
ADVANCED = "advanced"
AGENT_IN_SCOPE = "agent_in_scope"
AGENT_OUT_OF_SCOPE = "agent_out_of_scope"

#: Residents, in the order the matrix asks them. The legal representative is a basic
#: resident who bound the world's enterprise; "basic" has no tie to any enterprise.
RESIDENTS = (
    LEGAL_REPRESENTATIVE,
    BASIC,
    INTERMEDIATE,
    ADVANCED,
    AGENT_IN_SCOPE,
    AGENT_OUT_OF_SCOPE,
)
#: One staff member per role (the actor's name is the role's value).
STAFF = tuple(role.value for role in Role)
ACTORS = (ANONYMOUS, *RESIDENTS, *STAFF)

#: The enterprise's sandbox company; its legal representative is 陈明辉.
COMPANY = MINJIANG
#: A department of the seeded reference data (Fuzhou's administrative service centre).
DEPARTMENT = "350100-ZW"
#: Roles that work across departments (a staff member with only these has none).
PLATFORM_WIDE = {Role.PLATFORM_ADMIN.value, Role.SUPERVISOR.value, Role.CALL_CENTRE_AGENT.value}

_PEOPLE = {
    LEGAL_REPRESENTATIVE: COMPANY.legal_representative_name,
    BASIC: "郑雅婷",
    INTERMEDIATE: "刘思远",
    ADVANCED: "张晓燕",
    AGENT_IN_SCOPE: "杨俊杰",
    AGENT_OUT_OF_SCOPE: "许丽娜",
}
#: The agents' appointment scopes (service category codes).
SCOPES = {AGENT_IN_SCOPE: ["tax"], AGENT_OUT_OF_SCOPE: ["construction"]}


def person(actor: str) -> SandboxPerson:
    people = {p.name: p for p in sandbox_people()}
    return people[_PEOPLE[actor]]


@dataclass
class World:
    api: Api
    #: Access token per actor (None for anonymous).
    tokens: dict[str, str | None] = field(default_factory=dict)
    #: The session of each signed-in actor's token.
    session_ids: dict[str, str] = field(default_factory=dict)
    person_ids: dict[str, str] = field(default_factory=dict)
    staff_ids: dict[str, str] = field(default_factory=dict)
    enterprise_id: str = ""
    #: Appointment id per agent actor.
    appointment_ids: dict[str, str] = field(default_factory=dict)
    #: A live counter ticket of the basic resident.
    ticket: str = ""
    #: Another live session of the legal representative (another device).
    other_session_id: str = ""

    def token(self, actor: str) -> str | None:
        return self.tokens[actor]

    async def add_staff(
        self, roles: list[str], *, department: str | None = DEPARTMENT, name: str = "工作人员"
    ) -> str:
        """A staff member row (no session); its id."""
        staff_id = uuid.uuid4()
        department_id = None
        if department is not None:
            rows = await Department.select(Department.id).where(Department.code == department)
            department_id = rows[0]["id"]
        await StaffMember.insert(
            StaffMember(
                id=staff_id,
                username=f"staff-{staff_id.hex[:12]}",
                name=name,
                department=department_id,
                roles=roles,
                password_hash="unused",
                active=True,
                created_at=clock.now(),
                created_by="test",
            )
        )
        return str(staff_id)

    async def grant_intermediate(self, actor: str) -> str:
        """Fresh intermediate evidence for a resident actor; the evidence id."""
        subject = f"person:{self.person_ids[actor]}"
        before = {r.id for r in await evidence.list_evidence(subject)}
        await evidence.grant(
            subject=subject,
            tier=Tier.INTERMEDIATE,
            method=evidence.Method.COUNTER,
            provider="test",
            provider_reference=uuid.uuid4().hex,
            actor="test",
        )
        (added,) = {r.id for r in await evidence.list_evidence(subject)} - before
        return added


async def _seed_department() -> None:
    """Just the region and department the staff need (the full seed is a few thousand rows)."""
    await Region.insert(
        Region(code="350100", name="福州市", name_en="Fuzhou", level="city", parent_code="350000")
    )
    region = await Region.select(Region.id).where(Region.code == "350100").first()
    assert region is not None
    await Department.insert(
        Department(
            code=DEPARTMENT,
            name="福州市行政服务中心管理委员会",
            name_en="Fuzhou Administrative Service Center Management Committee",
            category="government-services",
            region=region["id"],
        )
    )


async def _signed_in_again(api: Api, actor: str) -> tuple[str, str]:
    """A new session of a registered resident: (access token, session id)."""
    result = await api.login(person(actor).id_number)
    assert result["__typename"] == "AuthSuccess", result
    return result["accessToken"], result["sessionId"]


async def build_world(api: Api) -> World:
    world = World(api, tokens={ANONYMOUS: None})
    await _seed_department()

    for actor in RESIDENTS:
        world.tokens[actor] = await signed_in(api, person(actor))
        world.person_ids[actor] = await person_id_of(person(actor))

    # The enterprise, bound by its legal representative (a basic resident).
    bound = await bind(api, world.tokens[LEGAL_REPRESENTATIVE], COMPANY)
    assert bound["__typename"] == "Enterprise", bound
    world.enterprise_id = bound["id"]

    # Intermediate residents (evidence as a window clerk would leave it); they sign in again
    # so their token, too, says intermediate.
    for actor in (INTERMEDIATE, ADVANCED):
        await world.grant_intermediate(actor)
        world.tokens[actor], world.session_ids[actor] = await _signed_in_again(api, actor)

    # Agents: appointed by the legal representative, then switched to act for the enterprise.
    for actor, scope in SCOPES.items():
        appointed = await appoint(
            api,
            world.tokens[LEGAL_REPRESENTATIVE] or "",
            world.enterprise_id,
            person(actor),
            scope=scope,
            expires=clock.now() + timedelta(days=30),
        )
        assert appointed["__typename"] == "AgentAppointment", appointed
        world.appointment_ids[actor] = appointed["id"]
        switched = await act_for(api, world.tokens[actor] or "", world.enterprise_id)
        assert switched["actingFor"] == f"enterprise:{world.enterprise_id}", switched
        world.tokens[actor] = switched["accessToken"]

    for actor in (LEGAL_REPRESENTATIVE, BASIC, AGENT_IN_SCOPE, AGENT_OUT_OF_SCOPE):
        sessions_now = await api.data("{ mySessions { id current } }", token=world.tokens[actor])
        (current,) = [s["id"] for s in sessions_now["mySessions"] if s["current"]]
        world.session_ids[actor] = current
    _, world.other_session_id = await _signed_in_again(api, LEGAL_REPRESENTATIVE)

    runtime = identity_runtime(api)
    for role in STAFF:
        staff_id = await world.add_staff(
            [role], department=None if role in PLATFORM_WIDE else DEPARTMENT
        )
        tokens = await sessions.start_session(
            runtime, subject=f"staff:{staff_id}", amr=("pwd", "hwk"), device="test"
        )
        world.staff_ids[role] = staff_id
        world.tokens[role] = tokens.access_token
        world.session_ids[role] = tokens.session_id

    world.ticket = await ticket_for(api, world.tokens[BASIC] or "")
    assert set(world.tokens) == set(ACTORS)
    return world
