"""Staff status changes over GraphQL: the issuing department suspends, reinstates and
revokes with a reason; each change is history, audit, and shows on the verify page and the
status lists at once."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from licenses import status_list
from licenses.records import by_id
from licenses.runtime import LicenseRuntime
from licenses.tables import LicenseEvent
from licenses.types import LicenseTypeRow
from tests.casework import flow
from tests.identity.actors import BASIC, INTERMEDIATE, World
from tests.identity.conftest import Api
from tests.licenses.conftest import Desk, issued_license
from tests.licenses.test_wallet import (
    ERRORS,
    audits,
    issue_to,
    license_of,
    my_licenses,
    other_department_staff,
    person_of,
)

RESULT = f"""__typename ... on License {{ id status statusReason statusChangedAt holderName }}
    {ERRORS}"""
SUSPEND = f"""mutation($id: ID!, $r: String!) {{ suspendLicense(licenseId: $id, reason: $r)
    {{ {RESULT} }} }}"""
REINSTATE = f"""mutation($id: ID!, $r: String!) {{ reinstateLicense(licenseId: $id, reason: $r)
    {{ {RESULT} }} }}"""
REVOKE = f"""mutation($id: ID!, $r: String!) {{ revokeLicense(licenseId: $id, reason: $r)
    {{ {RESULT} }} }}"""
ACTIONS = {"suspend": SUSPEND, "reinstate": REINSTATE, "revoke": REVOKE}


async def change(
    api: Api, token: str | None, action: str, license_id: str, reason: str = "核查中"
) -> dict[str, Any]:
    return await flow.run(api, ACTIONS[action], {"id": license_id, "r": reason}, token)


async def events(license_id: str) -> list[tuple[str, str | None, str, str | None, str]]:
    rows = (
        await LicenseEvent.select(
            LicenseEvent.action,
            LicenseEvent.from_status,
            LicenseEvent.to_status,
            LicenseEvent.reason,
            LicenseEvent.actor,
        )
        .where(LicenseEvent.license == uuid.UUID(license_id))
        .order_by(LicenseEvent.at)
    )
    return [(r["action"], r["from_status"], r["to_status"], r["reason"], r["actor"]) for r in rows]


async def verify_status(api: Api, short_code: str) -> str:
    """The verdict the public verify page shows (its data-status attribute)."""
    page = await api.http.get(f"/v/{short_code}")
    assert page.status_code == 200, page.text
    assert page.headers["cache-control"] == "no-store"
    marker = 'data-status="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


async def listed(api: Api, runtime: LicenseRuntime, license_id: str, purpose: str) -> bool:
    """Whether the published status list of ``purpose`` has the license's bit set."""
    record = await by_id(uuid.UUID(license_id))
    assert record is not None
    url = runtime.status_list_url(purpose, status_list.list_number(record.status_index))
    response = await api.http.get(urlsplit(url).path)
    assert response.status_code == 200, response.text
    bits = status_list.decode(response.json()["credentialSubject"]["encodedList"])
    return status_list.is_set(bits, status_list.position(record.status_index))


def _refused(result: dict[str, Any], code: str) -> None:
    assert result["__typename"] == "LicenseError" and result["code"] == code, result


async def test_the_issuing_department_suspends_reinstates_and_revokes(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    license_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    record = await by_id(uuid.UUID(license_id))
    assert record is not None
    short_code = record.short_code
    approver, holder = world.token("approver"), world.token(BASIC)
    actor = f"staff:{world.staff_ids['approver']}"
    assert await verify_status(api, short_code) == "valid"

    # A reason is required; a blank one changes nothing.
    for blank in ("", "   ", "a"):
        _refused(await change(api, approver, "suspend", license_id, blank), "REASON_REQUIRED")
    # Only a suspended license can be reinstated.
    _refused(await change(api, approver, "reinstate", license_id), "NOT_ALLOWED")
    assert await events(license_id) == [("issue", None, "valid", None, "system:licenses")]

    suspended = await change(api, approver, "suspend", license_id, "  核查居住信息  ")
    assert suspended["__typename"] == "License", suspended
    assert suspended["status"] == "SUSPENDED" and suspended["statusReason"] == "核查居住信息"
    assert suspended["statusChangedAt"] is not None and suspended["holderName"] == "郑**"
    held = await license_of(api, holder, license_id)
    assert held is not None and held["status"] == "SUSPENDED"
    assert held["statusReason"] == "核查居住信息"
    assert [item["status"] for item in await my_licenses(api, holder)] == ["SUSPENDED"]
    assert await verify_status(api, short_code) == "suspended"
    assert await listed(api, runtime, license_id, "suspension")
    _refused(await change(api, approver, "suspend", license_id), "NOT_ALLOWED")

    reinstated = await change(api, approver, "reinstate", license_id, "核查无误")
    assert reinstated["status"] == "VALID" and reinstated["statusReason"] == "核查无误"
    assert await verify_status(api, short_code) == "valid"
    assert not await listed(api, runtime, license_id, "suspension")

    revoked = await change(api, approver, "revoke", license_id, "材料虚假")
    assert revoked["status"] == "REVOKED"
    # The verify page says so the moment the revocation commits.
    assert await verify_status(api, short_code) == "revoked"
    assert await listed(api, runtime, license_id, "revocation")
    held = await license_of(api, holder, license_id)
    assert held is not None and held["status"] == "REVOKED"

    # Revocation is final.
    for action in ("reinstate", "suspend", "revoke"):
        refused = await change(api, approver, action, license_id, "再次处理")
        _refused(refused, "NOT_ALLOWED")
        assert "dd" not in refused["message"]
    assert await verify_status(api, short_code) == "revoked"

    assert await events(license_id) == [
        ("issue", None, "valid", None, "system:licenses"),
        ("suspend", "valid", "suspended", "核查居住信息", actor),
        ("reinstate", "suspended", "valid", "核查无误", actor),
        ("revoke", "valid", "revoked", "材料虚假", actor),
    ]
    for action, before, after in (
        ("suspend", "valid", "suspended"),
        ("reinstate", "suspended", "valid"),
        ("revoke", "valid", "revoked"),
    ):
        (entry,) = await audits(f"licenses.{action}", license_id)
        assert entry["actor"] == actor
        assert entry["data"]["from"] == before and entry["data"]["to"] == after
        # The reason is free text and may name people: it stays in the history only.
        assert "核查" not in str(entry["data"]) and "材料" not in str(entry["data"])


async def test_a_suspended_license_can_be_revoked_by_the_department_admin(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    license_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    admin = world.token("department_admin")
    assert (await change(api, admin, "suspend", license_id))["status"] == "SUSPENDED"
    assert (await change(api, admin, "revoke", license_id, "证照注销"))["status"] == "REVOKED"
    assert [e[:3] for e in await events(license_id)] == [
        ("issue", None, "valid"),
        ("suspend", "valid", "suspended"),
        ("revoke", "suspended", "revoked"),
    ]


async def test_only_the_issuing_departments_approvers_change_status(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    license_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    other_approver = await other_department_staff(api, world, ["approver", "department_admin"])
    variables = {"id": license_id, "r": "核查中"}

    # Holding a platform-wide role too does not let another department's approver act.
    overseer = await other_department_staff(api, world, ["approver", "platform_admin"])
    for action, query in ACTIONS.items():
        _refused(await change(api, overseer, action, license_id), "NOT_FOUND")
        # A window clerk of the issuing department holds no role that may change status.
        assert await api.error_code(query, variables, world.token("window_clerk")) == "FORBIDDEN"
        # Residents (the holder too) and anonymous callers cannot either.
        assert await api.error_code(query, variables, world.token(BASIC)) == "FORBIDDEN"
        assert await api.error_code(query, variables, None) == "UNAUTHENTICATED"
        # Another department's approver is told the license does not exist.
        _refused(await change(api, other_approver, action, license_id), "NOT_FOUND")
    _refused(await change(api, world.token("approver"), "suspend", str(uuid.uuid4())), "NOT_FOUND")
    _refused(await change(api, world.token("approver"), "revoke", "not-a-uuid"), "NOT_FOUND")

    held = await license_of(api, world.token(BASIC), license_id)
    assert held is not None and held["status"] == "VALID"
    assert [e[0] for e in await events(license_id)] == ["issue"]
    for action in ACTIONS:
        assert await audits(f"licenses.{action}", license_id) == []


async def test_a_revocation_touches_only_its_license(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    revoked_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    kept_id = await issue_to(runtime, license_type, person_of(world, INTERMEDIATE))
    kept = await by_id(uuid.UUID(kept_id))
    assert kept is not None
    assert (await change(api, world.token("approver"), "revoke", revoked_id))["status"] == "REVOKED"
    assert await verify_status(api, kept.short_code) == "valid"
    assert not await listed(api, runtime, kept_id, "revocation")
    held = await license_of(api, world.token(INTERMEDIATE), kept_id)
    assert held is not None and held["status"] == "VALID"


DEPARTMENT_LICENSES = """query($q: String) { departmentLicenses(query: $q) {
    id identifier holderName caseNumber status } }"""


async def department_licenses(api: Api, token: str | None, query: str | None) -> list[str]:
    data = await api.data(DEPARTMENT_LICENSES, {"q": query}, token)
    return [item["id"] for item in data["departmentLicenses"]]


async def test_the_issuing_department_finds_its_licenses_at_the_desk(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    from_case = await issued_license(api, runtime, world.token(BASIC), desk)
    case_license = str(from_case.license_id)
    direct = await issue_to(runtime, license_type, person_of(world, INTERMEDIATE))
    approver = world.token("approver")

    latest = (await api.data(DEPARTMENT_LICENSES, {"q": None}, approver))["departmentLicenses"]
    assert [item["id"] for item in latest] == [direct, case_license]
    assert [item["holderName"] for item in latest] == ["刘**", "郑**"]

    case_number = latest[1]["caseNumber"]
    assert case_number
    assert await department_licenses(api, approver, case_number) == [case_license]
    assert await department_licenses(api, approver, case_number.replace("-", "")) == [case_license]
    assert await department_licenses(api, approver, from_case.identifier.lower()) == [case_license]
    assert await department_licenses(api, approver, "1.2.156.3005.2.0000") == []

    other = await other_department_staff(api, world, ["approver"])
    assert await department_licenses(api, other, None) == []
    assert await department_licenses(api, other, from_case.identifier) == []
    assert await api.error_code(DEPARTMENT_LICENSES, {"q": None}, world.token(BASIC)) == (
        "FORBIDDEN"
    )
