"""Identity demo data: residents, an enterprise with an agent, and staff to sign in as.

The people and the company are the sandbox registries' own synthetic records, so the
registry evidence written here is what a real registration would have stored. Passwords
are for the demo only (printed by ``onetap seed-demo``); staff enrolment codes let the
demo staff register their first passkey. Idempotent: what exists is left alone.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from core import clock
from core.audit import service as audit
from core.crypto import KeyMaterial
from core.db import DB
from identity import evidence, staff
from identity.passwords import PasswordHasher
from identity.pii import ID_NUMBER, PHONE, id_number_index, phone_index, seal
from identity.providers.sandbox import (
    SandboxCompany,
    SandboxPerson,
    sandbox_companies,
    sandbox_people,
)
from identity.roles import Role
from identity.runtime import IdentityRuntime
from identity.tables import AgentAppointment, Enterprise, Person, StaffMember
from identity.tiers import Tier

#: The demo residents' password (documented in the README; development data only).
DEMO_PASSWORD = "OneTap-demo-2026"  # noqa: S105 (public demo data, never in production)
DEMO_RESIDENTS = ("陈明辉", "林淑芬")
DEMO_COMPANY = "福州闽江数字科技有限公司"
DEMO_STAFF_PASSWORD = "OneTap-staff-2026"  # noqa: S105 (public demo data, never in production)
#: 福州市行政服务中心管理委员会: the clerk verifies people at its counters.
DEMO_CLERK_DEPARTMENT = "350100-ZW"
#: Casework staff to demonstrate a case end to end: an officer of 福州市公安局 who takes in
#: and decides its cases, a supervisor (电子监察) and a 12345 agent.
DEMO_CASEWORK_STAFF = (
    ("officer", "公安局办事员", "350100-GA", (Role.WINDOW_CLERK, Role.APPROVER)),
    ("supervisor", "电子监察员", None, (Role.SUPERVISOR,)),
    ("hotline", "12345 坐席", None, (Role.CALL_CENTRE_AGENT,)),
)


async def _resident(keys: KeyMaterial, hasher: PasswordHasher, person: SandboxPerson) -> str:
    existing = await Person.select(Person.id).where(
        Person.id_number_bidx == id_number_index(keys, person.id_number)
    )
    if existing:
        return str(existing[0]["id"])
    person_id = uuid.uuid4()
    subject = f"person:{person_id}"
    password_hash = await hasher.hash(DEMO_PASSWORD)
    async with DB.transaction():
        await Person.insert(
            Person(
                id=person_id,
                name=person.name,
                id_number_enc=seal(keys, person.id_number, ID_NUMBER),
                id_number_bidx=id_number_index(keys, person.id_number),
                sex=person.sex,
                ethnicity=person.ethnicity,
                phone_enc=seal(keys, person.phone, PHONE),
                phone_bidx=phone_index(keys, person.phone),
                password_hash=password_hash,
                tier=Tier.BASIC.value,
                created_at=clock.now(),
            )
        )
        await audit.record(
            actor="system:demo",
            action="identity.registered",
            subject_type="person",
            subject_id=str(person_id),
            data={"demo": True},
        )
        await evidence.grant(
            subject=subject,
            tier=Tier.BASIC,
            method=evidence.Method.REGISTRY,
            provider="sandbox-population-registry",
            provider_reference="demo-seed",
            actor="system:demo",
        )
    return str(person_id)


async def _enterprise(company: SandboxCompany, representative_id: str) -> str:
    existing = await Enterprise.select(Enterprise.id).where(
        Enterprise.credit_code == company.credit_code
    )
    if existing:
        return str(existing[0]["id"])
    enterprise_id = uuid.uuid4()
    async with DB.transaction():
        await Enterprise.insert(
            Enterprise(
                id=enterprise_id,
                name=company.name,
                registration_number=company.registration_number,
                credit_code=company.credit_code,
                legal_representative=representative_id,
                tier=Tier.BASIC.value,
                created_at=clock.now(),
            )
        )
        await evidence.grant(
            subject=f"enterprise:{enterprise_id}",
            tier=Tier.BASIC,
            method=evidence.Method.BUSINESS_REGISTRY,
            provider="sandbox-business-registry",
            provider_reference="demo-seed",
            actor="system:demo",
        )
    return str(enterprise_id)


async def _staff(runtime: IdentityRuntime) -> list[str]:
    """A platform admin and a window clerk; their enrolment codes while they have no passkey."""
    notes: list[str] = []
    admin_code = await staff.ensure_platform_admin(runtime, "admin", DEMO_STAFF_PASSWORD)
    if admin_code:
        notes.append(f"staff admin (enrolment code {admin_code})")
    admin = await StaffMember.select(StaffMember.id).where(StaffMember.username == "admin")
    if admin and not await StaffMember.exists().where(StaffMember.username == "clerk"):
        created = await staff.create_staff_member(
            runtime,
            str(admin[0]["id"]),
            staff.NewStaff(
                username="clerk",
                name="窗口办事员",
                department_code=DEMO_CLERK_DEPARTMENT,
                roles=(Role.WINDOW_CLERK,),
                initial_password=DEMO_STAFF_PASSWORD,
            ),
        )
        notes.append(f"staff clerk (enrolment code {created.code})")
    for username, name, department, roles in DEMO_CASEWORK_STAFF if admin else ():
        if await StaffMember.exists().where(StaffMember.username == username):
            continue
        created = await staff.create_staff_member(
            runtime,
            str(admin[0]["id"]),
            staff.NewStaff(
                username=username,
                name=name,
                department_code=department,
                roles=roles,
                initial_password=DEMO_STAFF_PASSWORD,
            ),
        )
        notes.append(f"staff {username} (enrolment code {created.code})")
    return notes


async def seed_identity_demo(runtime: IdentityRuntime) -> str:
    keys, hasher = runtime.keys, runtime.hasher
    people = {p.name: p for p in sandbox_people()}
    ids = {name: await _resident(keys, hasher, people[name]) for name in DEMO_RESIDENTS}
    company = next(c for c in sandbox_companies() if c.name == DEMO_COMPANY)
    enterprise_id = await _enterprise(company, ids[company.legal_representative_name])
    agent_id = ids["林淑芬"]
    appointed = await AgentAppointment.exists().where(
        (AgentAppointment.enterprise == enterprise_id) & (AgentAppointment.agent == agent_id)
    )
    if not appointed:
        now = clock.now()
        await AgentAppointment.insert(
            AgentAppointment(
                id=uuid.uuid4(),
                enterprise=enterprise_id,
                agent=agent_id,
                scope=["tax", "social-security"],
                starts_at=now,
                expires_at=now + timedelta(days=365),
                appointed_at=now,
            )
        )
    staff_notes = await _staff(runtime)
    return "; ".join(
        [
            f"demo residents {', '.join(DEMO_RESIDENTS)} (password {DEMO_PASSWORD})",
            f"{DEMO_COMPANY} with 林淑芬 as agent",
            *staff_notes,
            f"staff password {DEMO_STAFF_PASSWORD}",
        ]
    )
