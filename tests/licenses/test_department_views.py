"""What a department sees of e-licenses beyond its own: the consents in force for it (a
list, not a read: nothing logged, nothing of the license's contents), and its electronic
seals, which only its department admins list, create and rotate."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from core import clock
from licenses import offline, records, verification
from licenses.issuance import HolderRef
from licenses.runtime import LicenseRuntime
from licenses.types import LicenseTypeRow, upsert_type
from tests.casework import flow
from tests.casework.factories import ensure_department, publish_item
from tests.identity.actors import AGENT_IN_SCOPE, BASIC, COMPANY, INTERMEDIATE, World
from tests.identity.conftest import Api
from tests.licenses.conftest import DEPARTMENT
from tests.licenses.test_sharing import (  # the `staff` and `license_id` fixtures too
    GRANTEE,
    GRANTEE_ITEM,
    STRANGER,
    Staff,
    access_log,
    license_id,  # noqa: F401
    read,
    share,
    staff,  # noqa: F401
    withdraw,
)
from tests.licenses.test_wallet import ERRORS, TAX_TYPE, audits, issue_to, person_of

GRANTS = """{ licensesSharedWithMyDepartment { consentId licenseId licenseName licenseNameEn
    holderKind holderName purpose expiresAt createdAt serviceItemCode serviceItemName } }"""
#: What the list must never carry: the license's contents are read only under a logged read.
FORBIDDEN_FIELDS = ("fields", "identifier", "qrSvg", "offlineQrSvg", "signedPayload", "verifyUrl")

SEAL_FIELDS = "kid departmentCode validFrom retiredAt active publicKey imageUrl"
SEALS = f"query($d: String!) {{ seals(departmentCode: $d) {{ {SEAL_FIELDS} }} }}"
CREATE_SEAL = f"""mutation($d: String!) {{ createSeal(departmentCode: $d) {{ __typename
    ... on Seal {{ {SEAL_FIELDS} }} {ERRORS} }} }}"""
ROTATE_SEAL = f"""mutation($d: String!) {{ rotateSeal(departmentCode: $d) {{ __typename
    ... on Seal {{ {SEAL_FIELDS} }} {ERRORS} }} }}"""


async def grants(api: Api, token: str | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await api.data(GRANTS, token=token))[
        "licensesSharedWithMyDepartment"
    ]
    return found


# -- licenses shared with my department ----------------------------------------------------


async def test_a_shared_license_is_listed_for_the_grantee_without_its_contents_or_a_log(
    api: Api,
    world: World,
    staff: Staff,  # noqa: F811
    license_id: str,  # noqa: F811
    license_type: LicenseTypeRow,
) -> None:
    holder = world.token(BASIC)
    assert await grants(api, staff.grantee) == []
    expires = clock.now() + timedelta(days=7)
    consent = await share(api, holder, license_id, purpose="办理落户手续", expires=expires)
    assert consent["__typename"] == "LicenseConsent", consent

    (grant,) = await grants(api, staff.grantee)
    assert grant["consentId"] == consent["id"] and grant["licenseId"] == license_id
    assert (grant["licenseName"], grant["licenseNameEn"]) == (
        license_type.name,
        license_type.name_en,
    )
    assert grant["holderKind"] == "PERSON" and grant["holderName"] == "郑**"
    assert grant["purpose"] == "办理落户手续"
    assert datetime.fromisoformat(grant["expiresAt"]) == expires
    assert datetime.fromisoformat(grant["createdAt"]) == datetime.fromisoformat(
        consent["createdAt"]
    )
    assert grant["serviceItemCode"] is None and grant["serviceItemName"] is None
    for name in FORBIDDEN_FIELDS:
        query = f"{{ licensesSharedWithMyDepartment {{ consentId {name} }} }}"
        body = await api.gql(query, {}, staff.grantee)
        assert "data" not in body or body["data"] is None, name
        assert f"Cannot query field '{name}'" in body["errors"][0]["message"], body

    # Listing is not reading: the holder's log and the audit chain hold no access.
    assert await access_log(api, holder, license_id) == []
    assert await audits("licenses.access_granted", license_id) == []
    assert await audits("licenses.access_refused", license_id) == []
    # Reading it is what gets logged, as before.
    assert (await read(api, staff.grantee, license_id))["__typename"] == "SharedLicense"
    assert [e["granted"] for e in await access_log(api, holder, license_id)] == [True]


async def test_another_department_sees_nothing(
    api: Api,
    world: World,
    staff: Staff,  # noqa: F811
    license_id: str,  # noqa: F811
) -> None:
    await share(api, world.token(BASIC), license_id)
    assert len(await grants(api, staff.grantee)) == 1
    assert await grants(api, staff.stranger) == []
    # Not even the issuing department: its desk has the license, but no consent was given it.
    assert await grants(api, world.token("window_clerk")) == []


async def test_a_withdrawn_consent_leaves_the_list(
    api: Api,
    world: World,
    staff: Staff,  # noqa: F811
    license_id: str,  # noqa: F811
) -> None:
    holder = world.token(BASIC)
    first = await share(api, holder, license_id, purpose="办理落户手续")
    second = await share(api, holder, license_id, purpose="核对居住信息")
    assert [g["consentId"] for g in await grants(api, staff.grantee)] == [
        second["id"],
        first["id"],
    ]
    assert (await withdraw(api, holder, second["id"]))["live"] is False
    assert [g["consentId"] for g in await grants(api, staff.grantee)] == [first["id"]]
    await withdraw(api, holder, first["id"])
    assert await grants(api, staff.grantee) == []


async def test_an_expired_consent_leaves_the_list(
    api: Api,
    world: World,
    staff: Staff,  # noqa: F811
    license_id: str,  # noqa: F811
) -> None:
    expires = clock.now() + timedelta(minutes=2)
    consent = await share(api, world.token(BASIC), license_id, expires=expires)
    with clock.frozen_at(expires - timedelta(seconds=1)):
        assert [g["consentId"] for g in await grants(api, staff.grantee)] == [consent["id"]]
    with clock.frozen_at(expires):
        assert await grants(api, staff.grantee) == []


async def test_a_consent_for_a_service_item_is_listed_for_the_items_department(
    api: Api,
    world: World,
    staff: Staff,  # noqa: F811
    license_id: str,  # noqa: F811
) -> None:
    await publish_item(GRANTEE_ITEM, department=GRANTEE)
    consent = await share(api, world.token(BASIC), license_id, department=None, item=GRANTEE_ITEM)
    assert consent["__typename"] == "LicenseConsent", consent
    (grant,) = await grants(api, staff.grantee)
    assert grant["consentId"] == consent["id"]
    assert grant["serviceItemCode"] == GRANTEE_ITEM
    assert grant["serviceItemName"] == consent["serviceItemName"] and grant["serviceItemName"]
    assert await grants(api, staff.stranger) == []


async def test_an_enterprises_license_shows_the_enterprise_by_name(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    staff: Staff,  # noqa: F811
    license_type: LicenseTypeRow,
) -> None:
    await upsert_type(TAX_TYPE)
    enterprise = HolderRef("enterprise", uuid.UUID(world.enterprise_id))
    tax = await issue_to(runtime, TAX_TYPE, enterprise, fields=[("grade", "A")])
    await share(api, world.token(AGENT_IN_SCOPE), tax)
    (grant,) = await grants(api, staff.grantee)
    assert grant["licenseId"] == tax
    assert grant["holderKind"] == "ENTERPRISE" and grant["holderName"] == COMPANY.name


async def test_only_staff_of_a_department_list_what_was_shared(
    api: Api,
    world: World,
    staff: Staff,  # noqa: F811
    license_id: str,  # noqa: F811
) -> None:
    await share(api, world.token(BASIC), license_id)
    assert await api.error_code(GRANTS, {}, world.token(BASIC)) == "FORBIDDEN"
    assert await api.error_code(GRANTS, {}, world.token(INTERMEDIATE)) == "FORBIDDEN"
    assert await api.error_code(GRANTS, {}, None) == "UNAUTHENTICATED"
    # Staff of no department (a supervisor) have no department to share with.
    supervisor, _ = await flow.staff_in(api, world, ["supervisor"], None)
    assert await grants(api, supervisor) == []


# -- electronic seals ----------------------------------------------------------------------


async def admin_of(api: Api, world: World, department: str) -> str:
    await ensure_department(department)
    token, _ = await flow.staff_in(api, world, ["department_admin"], department)
    return token


async def seals_of(api: Api, token: str, department: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await api.data(SEALS, {"d": department}, token))["seals"]
    return found


async def test_a_department_admin_creates_the_first_seal_once(api: Api, world: World) -> None:
    admin = await admin_of(api, world, GRANTEE)
    assert await seals_of(api, admin, GRANTEE) == []
    missing = await flow.run(api, ROTATE_SEAL, {"d": GRANTEE}, admin)
    assert missing["__typename"] == "LicenseError" and missing["code"] == "SEAL_MISSING", missing

    created = await flow.run(api, CREATE_SEAL, {"d": GRANTEE}, admin)
    assert created["__typename"] == "Seal", created
    assert created["departmentCode"] == GRANTEE and created["active"] is True
    assert created["retiredAt"] is None and created["publicKey"] and created["imageUrl"]
    (listed,) = await seals_of(api, admin, GRANTEE)
    assert {k: v for k, v in listed.items() if k != "imageUrl"} == {
        k: v for k, v in created.items() if k not in ("__typename", "imageUrl")
    }
    # The seal image behind the link is the PNG the PWA shows.
    image = urlsplit(listed["imageUrl"])
    fetched = await api.http.get(f"{image.path}?{image.query}")
    assert fetched.status_code == 200 and fetched.content.startswith(b"\x89PNG\r\n\x1a\n")

    again = await flow.run(api, CREATE_SEAL, {"d": GRANTEE}, admin)
    assert again["__typename"] == "LicenseError" and again["code"] == "CONFLICT", again
    assert [s["kid"] for s in await seals_of(api, admin, GRANTEE)] == [created["kid"]]

    (entry,) = await audits("licenses.seal_created", created["kid"])
    assert entry["actor"].startswith("staff:") and entry["data"]["department"] == GRANTEE


async def test_a_rotation_retires_the_old_seal_and_its_licenses_still_verify(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    license_type: LicenseTypeRow,
) -> None:
    old_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    admin = await admin_of(api, world, DEPARTMENT)
    (old_seal,) = await seals_of(api, admin, DEPARTMENT)
    assert old_seal["active"] is True

    rotated = await flow.run(api, ROTATE_SEAL, {"d": DEPARTMENT}, admin)
    assert rotated["__typename"] == "Seal", rotated
    assert rotated["kid"] != old_seal["kid"] and rotated["active"] is True
    listed = await seals_of(api, admin, DEPARTMENT)
    assert [s["kid"] for s in listed] == [rotated["kid"], old_seal["kid"]]
    assert listed[1]["active"] is False and listed[1]["retiredAt"] is not None
    assert datetime.fromisoformat(listed[1]["retiredAt"]) <= datetime.fromisoformat(
        rotated["validFrom"]
    )

    (entry,) = await audits("licenses.seal_rotated", rotated["kid"])
    assert entry["data"] == {"department": DEPARTMENT, "retired": old_seal["kid"]}
    assert entry["actor"].startswith("staff:")

    # The license the old seal signed still verifies; the next one is signed by the new seal.
    new_id = await issue_to(runtime, license_type, person_of(world, BASIC))
    for issued, kid in ((old_id, old_seal["kid"]), (new_id, rotated["kid"])):
        record = await records.by_id(uuid.UUID(issued))
        assert record is not None and record.kid == kid
        verdict = await verification.verify_record(record, at=clock.now(), store=runtime.store)
        assert verdict.outcome is offline.Outcome.VALID, verdict


@pytest.mark.parametrize("operation", ["seals", "createSeal", "rotateSeal"])
async def test_only_the_departments_own_admins_manage_its_seals(
    api: Api, world: World, operation: str
) -> None:
    await ensure_department(GRANTEE)
    documents = {"seals": SEALS, "createSeal": CREATE_SEAL, "rotateSeal": ROTATE_SEAL}
    variables = {"d": GRANTEE}
    other_admin = await admin_of(api, world, STRANGER)
    approver, _ = await flow.staff_in(api, world, ["approver", "window_clerk"], GRANTEE)
    for token in (other_admin, approver, world.token(BASIC)):
        assert await api.error_code(documents[operation], variables, token) == "FORBIDDEN"
    assert await api.error_code(documents[operation], variables, None) == "UNAUTHENTICATED"
    # Nothing was created on the way.
    assert await seals_of(api, await admin_of(api, world, GRANTEE), GRANTEE) == []
