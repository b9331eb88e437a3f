"""Zero materials: a material slot filled by the applicant's e-license on a real application,
checked when attached, at submission and when staff review it."""

from __future__ import annotations

from typing import Any

from casework.tables import CaseMaterial
from licenses.records import by_id
from licenses.runtime import LicenseRuntime
from licenses.types import LicenseTypeRow
from tests.casework import flow
from tests.casework.factories import REASON_FIELD, publish_item
from tests.identity.actors import BASIC, INTERMEDIATE, World
from tests.identity.conftest import Api
from tests.licenses.conftest import DEPARTMENT, Desk, issued_license

REUSING_ITEM = "350100-TEST-0002"
SLOT = "permit"
PERMIT_SLOT: dict[str, Any] = {
    "key": SLOT,
    "name": "测试许可证",
    "nameEn": "Test permit",
    "required": True,
    "acceptedTypes": ["application/pdf"],
    "maxFiles": 1,
    "maxBytes": 1024 * 1024,
    "licenseTypes": ["test-permit"],
}
USABLE = "query($c: ID!, $s: String!) { usableLicenses(caseId: $c, slot: $s) { id identifier } }"
USE = """mutation($c: ID!, $s: String!, $l: ID!) {
    useLicenseForMaterial(caseId: $c, slot: $s, licenseId: $l) {
        __typename ... on CaseMaterial { id slot source status fileName licenseReference verifiedAt }
        ... on UserError { code message } } }"""


async def _draft(api: Api, token: str | None) -> str:
    await publish_item(
        REUSING_ITEM,
        department=DEPARTMENT,
        name="凭许可证办理的事项",
        materials=[PERMIT_SLOT],
        form=[REASON_FIELD],
    )
    started = await flow.start(api, token, REUSING_ITEM)
    assert started["__typename"] == "Case", started
    saved = await flow.save(api, token, started["id"], {"reason": "续办业务"})
    assert saved["__typename"] == "Case", saved
    case_id: str = started["id"]
    return case_id


async def _use(api: Api, token: str | None, case_id: str, license_id: object) -> dict[str, Any]:
    return await flow.run(api, USE, {"c": case_id, "s": SLOT, "l": str(license_id)}, token)


async def test_a_license_fills_the_slot_and_the_application_goes_through(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    token = world.token(BASIC)
    issued = await issued_license(api, runtime, token, desk)
    case_id = await _draft(api, token)

    usable = await api.data(USABLE, {"c": case_id, "s": SLOT}, token)
    assert [u["identifier"] for u in usable["usableLicenses"]] == [issued.identifier]
    assert (await api.data(USABLE, {"c": case_id, "s": "nope"}, token))["usableLicenses"] == []

    material = await _use(api, token, case_id, issued.license_id)
    assert material["__typename"] == "CaseMaterial", material
    assert material["source"] == "license" and material["status"] == "accepted"
    assert material["licenseReference"] == issued.identifier and material["verifiedAt"]

    body = await flow.submit(api, token, case_id)
    assert "errors" not in body, body
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body

    for action in ("ACCEPT", "START_REVIEW"):
        advanced = await flow.advance(api, desk.token, case_id, action)
        assert advanced["__typename"] == "Case", advanced
    staff_view = await flow.read(api, desk.token, case_id)
    assert staff_view is not None
    (shown,) = staff_view["materials"]
    assert shown["source"] == "license" and shown["status"] == "accepted"

    # Each check was a read under the consent that attaching the license gave.
    log = await api.data(
        "query($l: ID!) { licenseAccessLog(licenseId: $l) { granted departmentCode } }",
        {"l": str(issued.license_id)},
        token,
    )
    assert log["licenseAccessLog"] and all(e["granted"] for e in log["licenseAccessLog"])
    assert {e["departmentCode"] for e in log["licenseAccessLog"]} == {DEPARTMENT}
    consents = await api.data(
        "query($l: ID!) { licenseConsents(licenseId: $l) { serviceItemCode live } }",
        {"l": str(issued.license_id)},
        token,
    )
    assert consents["licenseConsents"] == [{"serviceItemCode": REUSING_ITEM, "live": True}]


async def test_a_license_revoked_after_submission_stops_the_approval(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    token = world.token(BASIC)
    issued = await issued_license(api, runtime, token, desk)
    case_id = await _draft(api, token)
    assert (await _use(api, token, case_id, issued.license_id))["__typename"] == "CaseMaterial"
    assert "errors" not in await flow.submit(api, token, case_id)
    for action in ("ACCEPT", "START_REVIEW"):
        assert (await flow.advance(api, desk.token, case_id, action))["__typename"] == "Case"
    revoked = await api.data(
        """mutation($l: ID!) { revokeLicense(licenseId: $l, reason: "证照信息有误")
        { __typename } }""",
        {"l": str(issued.license_id)},
        desk.token,
    )
    assert revoked["revokeLicense"]["__typename"] == "License"
    refused = await flow.advance(api, desk.token, case_id, "APPROVE")
    assert refused["code"] == "LICENSE_MATERIAL_INVALID", refused
    still = await flow.read(api, desk.token, case_id)
    assert still is not None and still["status"] == "UNDER_REVIEW"


async def test_a_license_revoked_before_submission_is_a_form_problem(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    token = world.token(BASIC)
    issued = await issued_license(api, runtime, token, desk)
    case_id = await _draft(api, token)
    assert (await _use(api, token, case_id, issued.license_id))["__typename"] == "CaseMaterial"
    await api.data(
        """mutation($l: ID!) { suspendLicense(licenseId: $l, reason: "核查中") { __typename } }""",
        {"l": str(issued.license_id)},
        desk.token,
    )
    body = await flow.submit(api, token, case_id)
    result = body["data"]["submitApplication"]
    assert result["code"] == "FORM_INVALID", result
    assert {"field": SLOT, "reason": "license_invalid"} in result["problems"]
    # And an invalid license cannot be attached in the first place.
    again = await _use(api, token, case_id, issued.license_id)
    assert again["code"] == "LICENSE_INVALID", again


async def test_someone_elses_or_an_unfitting_license_is_refused(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    mine = await issued_license(api, runtime, world.token(BASIC), desk)
    theirs = await issued_license(api, runtime, world.token(INTERMEDIATE), desk)
    token = world.token(BASIC)
    case_id = await _draft(api, token)
    assert (await _use(api, token, case_id, theirs.license_id))["code"] == "NOT_HOLDER"
    wrong_slot = await flow.run(
        api, USE, {"c": case_id, "s": "nope", "l": str(mine.license_id)}, token
    )
    assert wrong_slot["code"] == "SLOT_NOT_SATISFIABLE"
    # The other resident cannot attach anything to this case at all.
    other = await _use(api, world.token(INTERMEDIATE), case_id, theirs.license_id)
    assert other["code"] == "NOT_FOUND"
    assert await CaseMaterial.count().where(CaseMaterial.case == case_id) == 0
    record = await by_id(mine.license_id)
    assert record is not None and record.status == "valid"


async def test_a_license_type_names_the_slots_it_can_fill(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    await _draft(api, world.token(BASIC))  # publishes the item whose slot takes the type
    data = await api.data(
        "query { licenseTypes { code issuingItemCodes satisfies { itemCode slotKey slotName } } }"
    )
    (shown,) = [t for t in data["licenseTypes"] if t["code"] == license_type.code]
    assert shown["issuingItemCodes"] == [flow.ITEM]
    assert shown["satisfies"] == [
        {"itemCode": REUSING_ITEM, "slotKey": SLOT, "slotName": PERMIT_SLOT["name"]}
    ]
