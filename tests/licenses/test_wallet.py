"""The holder's wallet over GraphQL: my licenses, one license, the PDF download link, and
an enterprise's licenses for those acting for it within their authority."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from core import clock
from core.audit.tables import AuditEntry
from licenses import issuance
from licenses.issuance import HolderRef
from licenses.records import by_id
from licenses.runtime import LicenseRuntime
from licenses.types import LicenseTypeField, LicenseTypeRow, upsert_type
from tests.casework import flow
from tests.casework.factories import ensure_department
from tests.identity.actors import (
    ADVANCED,
    AGENT_IN_SCOPE,
    AGENT_OUT_OF_SCOPE,
    ANONYMOUS,
    BASIC,
    COMPANY,
    INTERMEDIATE,
    LEGAL_REPRESENTATIVE,
    SCOPES,
    World,
)
from tests.identity.conftest import Api
from tests.identity.test_agents import REVOKE as REVOKE_AGENT
from tests.identity.test_agents import act_for
from tests.licenses.conftest import DEPARTMENT, Desk, completed_case

#: A department that did not issue the test licenses.
OTHER_DEPARTMENT = "350100-GA"

LICENSE_FIELDS = """id identifier typeCode name nameEn departmentCode departmentName
    departmentNameEn holderKind holderName fields { key label labelEn value } validFrom
    validUntil status statusReason statusChangedAt issuedAt caseNumber verifyUrl qrSvg
    signedPayload pdfSha256"""
MY_LICENSES = f"{{ myLicenses {{ {LICENSE_FIELDS} }} }}"
LICENSE = f"query($id: ID!) {{ license(id: $id) {{ {LICENSE_FIELDS} offlineQrSvg }} }}"
ERRORS = """... on LicenseError { code message }
    ... on InvalidInputError { code message field reason }"""
DOWNLOAD = f"""mutation($id: ID!) {{ downloadLicense(licenseId: $id) {{ __typename
    ... on LicenseDownload {{ url expiresAt }} {ERRORS} }} }}"""

#: The enterprise's license types: one in the in-scope agent's category, one in the other's.
IN_SCOPE_CATEGORY = SCOPES[AGENT_IN_SCOPE][0]
OUT_OF_SCOPE_CATEGORY = SCOPES[AGENT_OUT_OF_SCOPE][0]
TAX_TYPE = LicenseTypeRow(
    code="test-tax-record",
    type_code="9902",
    name="测试纳税信用证明",
    name_en="Test tax credit record",
    department_code=DEPARTMENT,
    category=IN_SCOPE_CATEGORY,
    fields=(LicenseTypeField("grade", "信用等级", "Grade", "grade"),),
    validity_days=365,
    issuing_items=(),
)
BUILDING_TYPE = LicenseTypeRow(
    code="test-building-permit",
    type_code="9903",
    name="测试施工许可证",
    name_en="Test building permit",
    department_code=DEPARTMENT,
    category=OUT_OF_SCOPE_CATEGORY,
    fields=(LicenseTypeField("site", "工地", "Site", "site"),),
    validity_days=None,
    issuing_items=(),
)


async def issue_to(
    runtime: LicenseRuntime,
    license_type: LicenseTypeRow,
    holder: HolderRef,
    *,
    at: datetime | None = None,
    fields: list[tuple[str, str]] | None = None,
) -> str:
    """A license issued straight away (no case); its id."""
    issued = await issuance.issue(
        runtime,
        license_type=license_type,
        holder=holder,
        fields=fields if fields is not None else [("reason", str(flow.ANSWERS["reason"]))],
        at=at or clock.now(),
    )
    return str(issued.license_id)


def person_of(world: World, actor: str) -> HolderRef:
    return HolderRef("person", uuid.UUID(world.person_ids[actor]))


async def my_licenses(api: Api, token: str | None) -> list[dict[str, Any]]:
    data = await api.data(MY_LICENSES, token=token)
    found: list[dict[str, Any]] = data["myLicenses"]
    return found


async def license_of(api: Api, token: str | None, license_id: str) -> dict[str, Any] | None:
    data = await api.data(LICENSE, {"id": license_id}, token)
    found: dict[str, Any] | None = data["license"]
    return found


async def download(api: Api, token: str | None, license_id: str) -> dict[str, Any]:
    return await flow.run(api, DOWNLOAD, {"id": license_id}, token)


async def audits(action: str, subject_id: str) -> list[dict[str, Any]]:
    """The audit entries of ``action`` on one subject, oldest first (data decoded)."""
    rows = (
        await AuditEntry.select(AuditEntry.actor, AuditEntry.data)
        .where((AuditEntry.action == action) & (AuditEntry.subject_id == subject_id))
        .order_by(AuditEntry.seq)
    )
    for row in rows:
        if isinstance(row["data"], str):
            row["data"] = json.loads(row["data"])
    return rows


async def other_department_staff(api: Api, world: World, roles: list[str]) -> str:
    """A signed-in staff member of a department that issued nothing; the token."""
    await ensure_department(OTHER_DEPARTMENT)
    token, _ = await flow.staff_in(api, world, roles, OTHER_DEPARTMENT)
    return token


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def test_my_licenses_are_the_holders_own_newest_first(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    now = clock.now()
    older = await issue_to(runtime, license_type, person_of(world, BASIC), at=now - timedelta(2))
    newer = await issue_to(runtime, license_type, person_of(world, BASIC), at=now - timedelta(1))
    theirs = await issue_to(runtime, license_type, person_of(world, INTERMEDIATE))

    mine = await my_licenses(api, world.token(BASIC))
    assert [item["id"] for item in mine] == [newer, older]
    first = mine[0]
    record = await by_id(uuid.UUID(newer))
    assert record is not None
    assert first["identifier"] == record.identifier
    assert first["typeCode"] == license_type.code and first["name"] == license_type.name
    assert first["departmentCode"] == DEPARTMENT and first["departmentName"]
    assert first["holderKind"] == "PERSON" and first["holderName"] == "郑雅婷"
    assert first["status"] == "VALID" and first["statusReason"] is None
    assert first["fields"] == [
        {"key": "reason", "label": "申请事由", "labelEn": "Reason", "value": "工作需要"}
    ]
    assert first["caseNumber"] is None
    assert first["verifyUrl"] == runtime.verify_url(record.short_code)
    assert first["qrSvg"].lstrip().startswith(("<svg", "<?xml"))
    assert first["signedPayload"] == record.jws and first["pdfSha256"] == record.pdf_sha256
    assert parse_time(first["validUntil"]) - parse_time(first["validFrom"]) == timedelta(30)

    assert [item["id"] for item in await my_licenses(api, world.token(INTERMEDIATE))] == [theirs]
    assert await my_licenses(api, world.token(ADVANCED)) == []
    # Staff have no wallet; anonymous callers are told to sign in.
    assert await api.error_code(MY_LICENSES, token=world.token("approver")) == "FORBIDDEN"
    assert await api.error_code(MY_LICENSES, token=None) == "UNAUTHENTICATED"


async def test_one_license_is_for_its_holder_and_the_issuing_department_only(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    case = await completed_case(api, world.token(BASIC), desk)
    issued = await issuance.issue_for_case(runtime, case["id"])
    assert issued is not None
    license_id = str(issued.license_id)

    held = await license_of(api, world.token(BASIC), license_id)
    assert held is not None and held["id"] == license_id
    assert held["holderName"] == "郑雅婷"
    # The case number reads as casework shows it.
    assert held["caseNumber"] == case["number"] and "-" in held["caseNumber"]
    assert held["offlineQrSvg"].lstrip().startswith(("<svg", "<?xml"))

    # The issuing department's staff see it with the holder's name masked.
    for role in ("approver", "window_clerk", "department_admin"):
        seen = await license_of(api, world.token(role), license_id)
        assert seen is not None, role
        assert seen["holderName"] == "郑**", role
        assert seen["caseNumber"] == held["caseNumber"]

    # Anyone else is told nothing, exactly as for an id that does not exist.
    other_staff = await other_department_staff(api, world, ["approver", "window_clerk"])
    for token in (world.token(INTERMEDIATE), world.token(AGENT_IN_SCOPE), other_staff, None):
        assert await license_of(api, token, license_id) is None
    assert await license_of(api, world.token(BASIC), str(uuid.uuid4())) is None
    assert await license_of(api, world.token(BASIC), "not-a-uuid") is None


async def test_the_holder_downloads_the_pdf_through_a_short_lived_link(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    license_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    held = await license_of(api, world.token(BASIC), license_id)
    assert held is not None

    moment = clock.now()
    with clock.frozen_at(moment):
        link = await download(api, world.token(BASIC), license_id)
    assert link["__typename"] == "LicenseDownload", link
    lifetime = parse_time(link["expiresAt"]) - moment
    assert timedelta(0) < lifetime <= timedelta(seconds=300)
    parts = urlsplit(link["url"])
    (expires,) = parse_qs(parts.query)["expires"]
    assert 0 < int(expires) - int(moment.timestamp()) <= 300
    # The expiry shown is never later than the link's own (a client trusting it never holds
    # a dead link), and is that expiry to the second.
    shown = parse_time(link["expiresAt"]).timestamp()
    assert shown <= int(expires) < shown + 1

    fetched = await api.http.get(f"{parts.path}?{parts.query}")
    assert fetched.status_code == 200, fetched.text
    assert fetched.content.startswith(b"%PDF-")
    assert hashlib.sha256(fetched.content).hexdigest() == held["pdfSha256"]

    # The link is dead once its lifetime is over.
    with clock.frozen_at(parse_time(link["expiresAt"])):
        expired = await api.http.get(f"{parts.path}?{parts.query}")
    assert expired.status_code == 403

    downloads = await audits("licenses.downloaded", license_id)
    assert [row["actor"] for row in downloads] == [f"person:{world.person_ids[BASIC]}"]


async def test_no_one_else_gets_a_download_link(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    license_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    for token in (world.token(INTERMEDIATE), world.token(AGENT_IN_SCOPE)):
        refused = await download(api, token, license_id)
        assert refused["__typename"] == "LicenseError" and refused["code"] == "NOT_FOUND"
    missing = await download(api, world.token(BASIC), str(uuid.uuid4()))
    assert missing["code"] == "NOT_FOUND"
    variables = {"id": license_id}
    assert await api.error_code(DOWNLOAD, variables, world.token("approver")) == "FORBIDDEN"
    assert await api.error_code(DOWNLOAD, variables, None) == "UNAUTHENTICATED"
    assert await audits("licenses.downloaded", license_id) == []


async def test_an_enterprises_licenses_are_seen_by_those_acting_for_it_within_scope(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    await upsert_type(TAX_TYPE)
    await upsert_type(BUILDING_TYPE)
    enterprise = HolderRef("enterprise", uuid.UUID(world.enterprise_id))
    now = clock.now()
    tax = await issue_to(runtime, TAX_TYPE, enterprise, fields=[("grade", "A")], at=now)
    building = await issue_to(
        runtime, BUILDING_TYPE, enterprise, fields=[("site", "鼓楼区")], at=now - timedelta(1)
    )
    own = await issue_to(runtime, license_type, person_of(world, LEGAL_REPRESENTATIVE))

    # As themself the legal representative sees their own license, not the enterprise's.
    representative = world.token(LEGAL_REPRESENTATIVE)
    assert [item["id"] for item in await my_licenses(api, representative)] == [own]
    assert await license_of(api, representative, tax) is None

    switched = await act_for(api, representative or "", world.enterprise_id)
    acting = switched["accessToken"]
    held = await my_licenses(api, acting)
    assert [item["id"] for item in held] == [tax, building]
    assert held[0]["holderKind"] == "ENTERPRISE" and held[0]["holderName"] == COMPANY.name
    assert held[1]["validUntil"] is None
    seen = await license_of(api, acting, tax)
    assert seen is not None and seen["holderName"] == COMPANY.name
    assert (await download(api, acting, building))["__typename"] == "LicenseDownload"

    # Each agent sees only the types whose category their appointment covers.
    in_scope, out_of_scope = world.token(AGENT_IN_SCOPE), world.token(AGENT_OUT_OF_SCOPE)
    assert [item["id"] for item in await my_licenses(api, in_scope)] == [tax]
    assert await license_of(api, in_scope, tax) is not None
    assert await license_of(api, in_scope, building) is None
    assert (await download(api, in_scope, tax))["__typename"] == "LicenseDownload"
    assert (await download(api, in_scope, building))["code"] == "NOT_FOUND"

    assert [item["id"] for item in await my_licenses(api, out_of_scope)] == [building]
    assert await license_of(api, out_of_scope, tax) is None
    assert (await download(api, out_of_scope, tax))["code"] == "NOT_FOUND"

    # A resident with no tie to the enterprise sees none of it.
    for actor in (BASIC, ANONYMOUS):
        assert await license_of(api, world.token(actor), tax) is None
    assert await my_licenses(api, world.token(BASIC)) == []

    # The issuing department's staff see the enterprise's name (it is not personal data).
    staff_view = await license_of(api, world.token("approver"), tax)
    assert staff_view is not None and staff_view["holderName"] == COMPANY.name


async def test_an_agent_whose_appointment_is_revoked_no_longer_sees_the_enterprises(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> None:
    await upsert_type(TAX_TYPE)
    enterprise = HolderRef("enterprise", uuid.UUID(world.enterprise_id))
    tax = await issue_to(runtime, TAX_TYPE, enterprise, fields=[("grade", "A")])
    agent = world.token(AGENT_IN_SCOPE)
    assert [item["id"] for item in await my_licenses(api, agent)] == [tax]

    revoked = await api.data(
        REVOKE_AGENT,
        {"a": world.appointment_ids[AGENT_IN_SCOPE]},
        world.token(LEGAL_REPRESENTATIVE),
    )
    assert revoked["revokeAgent"]["__typename"] == "AgentAppointment", revoked
    assert await my_licenses(api, agent) == []
    assert await license_of(api, agent, tax) is None
    assert (await download(api, agent, tax))["code"] == "NOT_FOUND"
