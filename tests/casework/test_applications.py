"""Applying, end to end over GraphQL: form checks, materials, tiers and step-up,
enterprise applications by representative and agents, and the bound item version."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from casework.tables import ServiceItemVersion
from core import clock
from identity.tables import AgentAppointment, FaceCheck
from tests.casework import factories, flow
from tests.identity.actors import World
from tests.identity.conftest import Api
from tests.identity.test_agents import act_for
from tests.identity.test_stepup import step_up

NUMBER = re.compile(r"^350100-\d{8}-\d{6}-[0-9X]$")
ENTERPRISE_ITEM = "350100-TAX-0001"


def problems(result: dict[str, Any]) -> set[tuple[str, str]]:
    assert result["__typename"] == "FormInvalidError", result
    return {(p["field"], p["reason"]) for p in result["problems"]}


def submission(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["submitApplication"]
    return result


def refusal(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("errors"), body
    assert body["data"] is None or body["data"]["submitApplication"] is None
    extensions: dict[str, Any] = body["errors"][0]["extensions"]
    return extensions


async def test_apply_end_to_end(api: Api, world: World) -> None:
    _, version_id = await factories.publish_item()
    token = world.token("basic")
    draft = await flow.start(api, token)
    assert draft["__typename"] == "Case", draft
    assert (draft["status"], draft["number"], draft["applicantKind"]) == ("DRAFT", None, "PERSON")
    assert draft["item"] == {"code": flow.ITEM, "versionId": version_id, "version": 1}
    assert draft["deliveryMethod"] == "HALL"  # the first option until the applicant picks
    assert draft["availableActions"] == ["SUBMIT", "WITHDRAW"]
    assert draft["applicantName"] == "郑雅婷"  # the applicant sees their own name
    case_id = draft["id"]

    # Every malformed answer is listed at once; nothing is stored.
    bad = await flow.save(api, token, case_id, {"reason": "x", "copies": 9, "colour": "red"})
    assert problems(bad) == {
        ("reason", "too_short"),
        ("copies", "max"),
        ("colour", "unknown_field"),
    }
    typed = await flow.save(api, token, case_id, {"copies": "two"})
    assert problems(typed) == {("copies", "type")}
    # A partial form saves: required answers may wait until submission.
    partial = await flow.save(api, token, case_id, {"copies": 1}, "COURIER")
    assert (partial["answers"], partial["deliveryMethod"]) == ({"copies": 1}, "COURIER")

    missing = submission(await flow.submit(api, token, case_id))
    assert problems(missing) == {
        ("reason", "required"),
        ("photo", "material_missing"),
        ("deliveryAddress", "required"),
    }
    saved = await flow.save(
        api, token, case_id, {"reason": "  工作需要 ", "copies": 1}, "COURIER", "福州市鼓楼区"
    )
    assert saved["answers"] == {"reason": "工作需要", "copies": 1}  # trimmed as stored
    assert saved["deliveryAddress"] == "福州市鼓楼区"
    # A pending upload is not a material yet.
    ticket = await flow.request_upload(api, token, case_id)
    still = submission(await flow.submit(api, token, case_id))
    assert problems(still) == {("photo", "material_missing")}
    await flow.put(api, ticket, flow.JPEG)
    assert (await flow.confirm(api, token, ticket["materialId"]))["status"] == "accepted"

    submitted = submission(await flow.submit(api, token, case_id))
    assert submitted["status"] == "SUBMITTED", submitted
    assert NUMBER.match(submitted["number"]), submitted["number"]
    assert submitted["submittedAt"] is not None
    assert [(e["action"], e["fromStatus"], e["toStatus"]) for e in submitted["timeline"]] == [
        ("SUBMIT", "DRAFT", "SUBMITTED")
    ]
    assert submitted["availableActions"] == ["WITHDRAW"]
    again = submission(await flow.submit(api, token, case_id))
    assert again["code"] == "TRANSITION_NOT_ALLOWED"

    # Found by number in any spelling, and listed among my cases.
    for spelling in (submitted["number"], submitted["number"].replace("-", " ")):
        found = await api.data(flow.CASE_BY_NUMBER, {"n": spelling}, token)
        assert found["caseByNumber"]["id"] == case_id
    mine = await api.data(flow.MY_CASES, {}, token)
    assert [e["node"]["id"] for e in mine["myCases"]["edges"]] == [case_id]
    submitted_only = await api.data(flow.MY_CASES, {"s": "DRAFT"}, token)
    assert submitted_only["myCases"]["edges"] == []


async def test_my_cases_are_newest_first_and_paged(api: Api, world: World) -> None:
    await factories.publish_item()
    token = world.token("basic")
    ids = [(await flow.start(api, token))["id"] for _ in range(3)]
    first = (await api.data(flow.MY_CASES, {"f": 2}, token))["myCases"]
    assert [e["node"]["id"] for e in first["edges"]] == ids[::-1][:2]
    assert first["pageInfo"]["hasNextPage"]
    rest = (await api.data(flow.MY_CASES, {"f": 2, "a": first["pageInfo"]["endCursor"]}, token))[
        "myCases"
    ]
    assert [e["node"]["id"] for e in rest["edges"]] == [ids[0]]
    assert not rest["pageInfo"]["hasNextPage"]


async def test_a_tier_too_low_is_a_step_up_error(api: Api, world: World) -> None:
    await factories.publish_item(person_tier="intermediate")
    basic = world.token("basic")
    started = await flow.start(api, basic)
    await flow.save(api, basic, started["id"])
    await flow.upload(api, basic, started["id"])
    extensions = refusal(await flow.submit(api, basic, started["id"]))
    assert extensions["code"] == "INSUFFICIENT_USER_AUTHENTICATION"
    assert extensions["requiredTier"] == "intermediate"
    assert (await flow.read(api, basic, started["id"]) or {})["status"] == "DRAFT"

    # An intermediate resident submits the same service.
    case = await flow.submitted_case(api, world.token("intermediate"))
    assert case["status"] == "SUBMITTED"


async def test_an_advanced_item_needs_a_face_step_up_bound_to_the_case(
    api: Api, world: World
) -> None:
    await factories.publish_item(person_tier="advanced")
    token = world.token("advanced")
    case_id = (await flow.start(api, token))["id"]
    other_id = (await flow.start(api, token))["id"]
    await flow.save(api, token, case_id)

    check_id = await step_up(api, token, "casework.submit", json.dumps({"case": case_id}))
    # What is missing is said before any step-up, and a refused submission leaves the
    # check unspent...
    incomplete = submission(await flow.submit(api, token, case_id, check_id))
    assert problems(incomplete) == {("photo", "material_missing")}
    row = await FaceCheck.select(FaceCheck.used_at).where(FaceCheck.id == check_id).first()
    assert row is not None and row["used_at"] is None
    await flow.upload(api, token, case_id)

    missing = refusal(await flow.submit(api, token, case_id))
    assert (missing["code"], missing["requiredTier"]) == (
        "INSUFFICIENT_USER_AUTHENTICATION",
        "advanced",
    )
    assert (missing["action"], missing["reason"]) == ("casework.submit", "missing")
    for_other_case = await step_up(api, token, "casework.submit", json.dumps({"case": other_id}))
    mismatch = refusal(await flow.submit(api, token, case_id, for_other_case))
    assert mismatch["reason"] == "mismatch"

    # ... so it authorises the submission once complete, and only once.
    submitted = submission(await flow.submit(api, token, case_id, check_id))
    assert submitted["status"] == "SUBMITTED"
    row = await FaceCheck.select(FaceCheck.used_at).where(FaceCheck.id == check_id).first()
    assert row is not None and row["used_at"] is not None


async def _enterprise_item(**overrides: Any) -> None:
    await factories.publish_item(
        ENTERPRISE_ITEM,
        category="tax",
        applicant_kinds=["enterprise"],
        name="纳税信用证明开具",
        name_en="Tax credit certificate",
        **overrides,
    )


async def test_the_legal_representative_applies_for_the_enterprise(api: Api, world: World) -> None:
    await _enterprise_item(enterprise_tier="basic")
    own_token = world.token("legal_representative")
    # As a person, an enterprise-only service does not accept them.
    as_person = await flow.start(api, own_token, ENTERPRISE_ITEM)
    assert as_person["code"] == "NOT_ACCEPTING_APPLICATIONS"
    acting = (await act_for(api, own_token or "", world.enterprise_id))["accessToken"]
    case = await flow.submitted_case(api, acting, ENTERPRISE_ITEM)
    assert case["applicantKind"] == "ENTERPRISE"
    assert case["enterpriseName"] == "福州闽江数字科技有限公司"
    # The enterprise's cases are listed while acting for it, not among my own.
    enterprise_cases = await api.data(flow.MY_CASES, {}, acting)
    assert [e["node"]["id"] for e in enterprise_cases["myCases"]["edges"]] == [case["id"]]
    assert (await api.data(flow.MY_CASES, {}, own_token))["myCases"]["edges"] == []
    # A person-only service is not for the enterprise.
    await factories.publish_item()
    assert (await flow.start(api, acting))["code"] == "NOT_ACCEPTING_APPLICATIONS"


async def test_an_agent_in_scope_applies_and_one_out_of_scope_cannot(
    api: Api, world: World
) -> None:
    await _enterprise_item()
    agent = world.token("agent_in_scope")
    case = await flow.submitted_case(api, agent, ENTERPRISE_ITEM)
    assert case["applicantKind"] == "ENTERPRISE"
    assert case["applicantName"] == "杨俊杰"  # the acting person, to themselves

    outsider = world.token("agent_out_of_scope")
    code = await api.error_code(flow.START, {"c": ENTERPRISE_ITEM}, outsider)
    assert code == "AGENT_OUT_OF_SCOPE"
    # Nor do they see the enterprise's tax case.
    assert await flow.read(api, outsider, case["id"]) is None
    assert (await api.data(flow.MY_CASES, {}, outsider))["myCases"]["edges"] == []
    # The legal representative, acting for the enterprise, sees it with the agent masked.
    acting = (await act_for(api, world.token("legal_representative") or "", world.enterprise_id))[
        "accessToken"
    ]
    seen = await flow.read(api, acting, case["id"])
    assert seen is not None and seen["applicantName"] == "杨**"


async def test_an_expired_appointment_cannot_start_or_submit(api: Api, world: World) -> None:
    await _enterprise_item()
    agent = world.token("agent_in_scope")
    draft = await flow.start(api, agent, ENTERPRISE_ITEM)
    await flow.save(api, agent, draft["id"])
    await flow.upload(api, agent, draft["id"])
    await AgentAppointment.update(
        {AgentAppointment.expires_at: clock.now() - timedelta(minutes=1)}
    ).where(AgentAppointment.id == world.appointment_ids["agent_in_scope"])

    code = await api.error_code(flow.START, {"c": ENTERPRISE_ITEM}, agent)
    assert code == "AGENT_APPOINTMENT_INACTIVE"
    assert refusal(await flow.submit(api, agent, draft["id"]))["code"] == (
        "AGENT_APPOINTMENT_INACTIVE"
    )
    # ... and cannot read the enterprise's cases any more.
    assert await flow.read(api, agent, draft["id"]) is None


async def test_only_a_published_item_takes_applications(api: Api, world: World) -> None:
    token = world.token("basic")
    await factories.publish_item("350100-TEST-0002", status="draft")
    await factories.publish_item("350100-TEST-0003", status="retired")
    for code in ("350100-TEST-0002", "350100-TEST-0003", "350100-NONE-0000"):
        refused = await flow.start(api, token, code)
        assert (refused["__typename"], refused["code"]) == (
            "CaseworkError",
            "NOT_ACCEPTING_APPLICATIONS",
        ), code
    # Staff do not apply.
    assert await api.error_code(flow.START, {"c": flow.ITEM}, world.token("window_clerk")) == (
        "FORBIDDEN"
    )


async def test_a_case_stays_bound_to_its_version(api: Api, world: World) -> None:
    _, first_version = await factories.publish_item()
    token = world.token("basic")
    old = await flow.start(api, token)
    await flow.save(api, token, old["id"])
    await flow.upload(api, token, old["id"])

    # Version 2 asks for one more required answer and charges a fee.
    await ServiceItemVersion.update({ServiceItemVersion.status: "retired"}).where(
        ServiceItemVersion.id == first_version
    )
    employer = {"key": "employer", "label": "工作单位", "labelEn": "Employer", "type": "text"}
    _, second_version = await factories.publish_item(
        form=[factories.REASON_FIELD, factories.COPIES_FIELD, {**employer, "required": True}],
        fee_fen=2000,
    )

    kept = submission(await flow.submit(api, token, old["id"]))
    assert kept["status"] == "SUBMITTED", kept
    assert (kept["item"]["versionId"], kept["item"]["version"]) == (first_version, 1)
    assert kept["feeFen"] is None
    new = await flow.start(api, token)
    assert (new["item"]["versionId"], new["item"]["version"], new["feeFen"]) == (
        second_version,
        2,
        2000,
    )
    await flow.save(api, token, new["id"])
    await flow.upload(api, token, new["id"])
    assert problems(submission(await flow.submit(api, token, new["id"]))) == {
        ("employer", "required")
    }
