"""The authorisation matrix of cases: who reads, who acts, and that everyone else finds
nothing — another person's case reads exactly like a missing one, by every path."""

from __future__ import annotations

from typing import Any

from casework.tables import CaseMaterial
from tests.casework import factories, flow
from tests.identity.actors import World
from tests.identity.conftest import Api
from tests.identity.test_agents import act_for

OTHER_DEPARTMENT = "350100-GA"
MISSING = "00000000-0000-4000-8000-000000000000"


async def a_case_with_a_draft(api: Api, world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    """Resident A ("basic"): a submitted case, and a draft with one accepted photo."""
    await factories.publish_item()
    owner = world.token("basic")
    submitted = await flow.submitted_case(api, owner)
    draft = await flow.start(api, owner)
    await flow.upload(api, owner, draft["id"])
    draft = await flow.read(api, owner, draft["id"]) or {}
    return submitted, draft


async def mutations_on(
    api: Api, token: str | None, case: dict[str, Any], draft: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Every applicant mutation on A's cases, as ``token``: name → result."""
    material_id = draft["materials"][0]["id"]
    results = {
        "save": await flow.save(api, token, draft["id"]),
        "request": await flow.request_upload(api, token, draft["id"]),
        "confirm": await flow.confirm(api, token, material_id),
        "remove": await flow.run(api, flow.REMOVE, {"id": material_id}, token),
        "submit": (await flow.submit(api, token, draft["id"]))["data"]["submitApplication"],
        "resubmit": await flow.run(api, flow.RESUBMIT, {"id": case["id"]}, token),
        "withdraw": await flow.run(api, flow.WITHDRAW, {"id": case["id"], "r": "不要了"}, token),
    }
    return results


async def test_another_resident_finds_nothing_by_any_path(api: Api, world: World) -> None:
    case, draft = await a_case_with_a_draft(api, world)
    intruder = world.token("intermediate")
    assert await flow.read(api, intruder, case["id"]) is None
    assert await flow.read(api, intruder, draft["id"]) is None
    by_number = await api.data(flow.CASE_BY_NUMBER, {"n": case["number"]}, intruder)
    assert by_number["caseByNumber"] is None
    assert (await api.data(flow.MY_CASES, {}, intruder))["myCases"]["edges"] == []

    # Every mutation answers NOT_FOUND, the same as for an id that does not exist.
    for name, result in (await mutations_on(api, intruder, case, draft)).items():
        assert (result["__typename"], result["code"]) == ("CaseworkError", "NOT_FOUND"), name
    missing = await flow.save(api, intruder, MISSING)
    assert missing["code"] == "NOT_FOUND"
    # ... and nothing changed.
    assert await CaseMaterial.count().where(CaseMaterial.case == draft["id"]) == 1
    owner = world.token("basic")
    assert (await flow.read(api, owner, case["id"]) or {})["status"] == "SUBMITTED"
    after = (await flow.read(api, owner, draft["id"]) or {})["materials"]
    assert [(m["id"], m["status"]) for m in after] == [(draft["materials"][0]["id"], "accepted")]


async def test_staff_of_another_department_can_neither_read_nor_act(api: Api, world: World) -> None:
    case, _ = await a_case_with_a_draft(api, world)
    await factories.ensure_department(OTHER_DEPARTMENT)
    for roles in (["window_clerk"], ["approver"], ["department_admin"]):
        token, _ = await flow.staff_in(api, world, roles, OTHER_DEPARTMENT)
        assert await flow.read(api, token, case["id"]) is None, roles
        by_number = await api.data(flow.CASE_BY_NUMBER, {"n": case["number"]}, token)
        assert by_number["caseByNumber"] is None
        refused = await flow.advance(api, token, case["id"], "ACCEPT")
        assert (refused["__typename"], refused["code"]) == ("CaseworkError", "NOT_FOUND")
        queue = await api.data(flow.QUEUE, {"q": "NEW"}, token)
        assert queue["caseQueue"]["edges"] == []
    clerk = world.token("window_clerk")
    assert (await flow.read(api, clerk, case["id"]) or {})["status"] == "SUBMITTED"


async def test_the_department_handles_with_the_applicant_masked(api: Api, world: World) -> None:
    case, draft = await a_case_with_a_draft(api, world)
    clerk = world.token("window_clerk")
    seen = await flow.read(api, clerk, case["id"])
    assert seen is not None
    assert seen["applicantName"] == "郑**"
    assert seen["answers"] == flow.ANSWERS
    assert seen["materials"][0]["downloadUrl"]  # they examine the materials
    assert seen["availableActions"] == ["ACCEPT", "REJECT", "REQUEST_CORRECTION"]
    # A draft is not sent yet: the department does not see it at all.
    assert await flow.read(api, clerk, draft["id"]) is None
    assert await flow.read(api, world.token("supervisor"), draft["id"]) is None
    # Nor can staff do the applicant's part.
    results = await mutations_on(api, clerk, case, draft)
    for name, result in results.items():
        expected = "ACTOR_NOT_ALLOWED" if name in ("resubmit", "withdraw") else "NOT_FOUND"
        assert result["code"] == expected, (name, result)


async def test_supervisors_and_platform_admins_read_but_never_act(api: Api, world: World) -> None:
    case, _ = await a_case_with_a_draft(api, world)
    for role in ("supervisor", "platform_admin"):
        token = world.token(role)
        seen = await flow.read(api, token, case["id"])
        assert seen is not None, role
        assert seen["applicantName"] == "郑**"
        assert seen["availableActions"] == []
        assert [m["downloadUrl"] for m in seen["materials"]] == [None]
        by_number = await api.data(flow.CASE_BY_NUMBER, {"n": case["number"]}, token)
        assert by_number["caseByNumber"]["id"] == case["id"]
        refused = await flow.advance(api, token, case["id"], "ACCEPT")
        assert (refused["__typename"], refused["code"]) == ("CaseworkError", "ACTOR_NOT_ALLOWED")
        assert await api.error_code(flow.QUEUE, {"q": "OPEN"}, token) == "FORBIDDEN"


async def test_call_centre_agents_only_look_up_through_their_logged_search(
    api: Api, world: World
) -> None:
    case, draft = await a_case_with_a_draft(api, world)
    agent = world.token("call_centre_agent")
    assert await flow.read(api, agent, case["id"]) is None
    by_number = await api.data(flow.CASE_BY_NUMBER, {"n": case["number"]}, agent)
    assert by_number["caseByNumber"] is None
    refused = await flow.advance(api, agent, case["id"], "ACCEPT")
    assert refused["code"] == "NOT_FOUND"
    for name, result in (await mutations_on(api, agent, case, draft)).items():
        assert result["code"] == "NOT_FOUND", name


async def test_anonymous_visitors(api: Api, world: World) -> None:
    case, draft = await a_case_with_a_draft(api, world)
    assert await flow.read(api, None, case["id"]) is None
    assert (await api.data(flow.CASE_BY_NUMBER, {"n": case["number"]}, None))[
        "caseByNumber"
    ] is None
    assert await api.error_code(flow.MY_CASES, {}, None) == "UNAUTHENTICATED"
    assert await api.error_code(flow.QUEUE, {"q": "NEW"}, None) == "UNAUTHENTICATED"
    assert await api.error_code(flow.START, {"c": flow.ITEM}, None) == "UNAUTHENTICATED"
    variables = {"id": case["id"], "a": "ACCEPT", "r": None}
    assert await api.error_code(flow.ADVANCE, variables, None) == "UNAUTHENTICATED"
    save = {"id": draft["id"], "a": flow.ANSWERS, "m": None, "d": None}
    assert await api.error_code(flow.SAVE, save, None) == "UNAUTHENTICATED"
    # Residents do not handle cases; staff do not apply.
    assert await api.error_code(flow.ADVANCE, variables, world.token("basic")) == "FORBIDDEN"
    assert await api.error_code(flow.MY_CASES, {}, world.token("window_clerk")) == "FORBIDDEN"


async def test_malformed_ids_and_numbers_are_simply_not_found(api: Api, world: World) -> None:
    case, _ = await a_case_with_a_draft(api, world)
    owner = world.token("basic")
    assert await flow.read(api, owner, "not-a-uuid") is None
    assert await flow.read(api, owner, MISSING) is None
    number = case["number"]
    typo = number[:-3] + ("1" if number[-3] != "1" else "2") + number[-2:]
    for text in (typo, "", "350100", number + "0"):
        found = await api.data(flow.CASE_BY_NUMBER, {"n": text}, owner)
        assert found["caseByNumber"] is None, text
    found = await api.data(flow.CASE_BY_NUMBER, {"n": number.replace("-", "")}, owner)
    assert found["caseByNumber"]["id"] == case["id"]


async def test_an_enterprise_case_belongs_to_those_acting_for_it_in_scope(
    api: Api, world: World
) -> None:
    await factories.publish_item("350100-TAX-0001", category="tax", applicant_kinds=["enterprise"])
    agent = world.token("agent_in_scope")
    case = await flow.submitted_case(api, agent, "350100-TAX-0001")
    representative = world.token("legal_representative")
    acting = (await act_for(api, representative or "", world.enterprise_id))["accessToken"]

    assert (await flow.read(api, acting, case["id"]) or {})["id"] == case["id"]
    # Not while acting as themselves, nor for anyone outside the enterprise or its scope.
    for token in (representative, world.token("agent_out_of_scope"), world.token("basic")):
        assert await flow.read(api, token, case["id"]) is None
        by_number = await api.data(flow.CASE_BY_NUMBER, {"n": case["number"]}, token)
        assert by_number["caseByNumber"] is None
    # The representative acting for it may withdraw it; out of scope says why.
    out_of_scope = await api.gql(
        flow.WITHDRAW, {"id": case["id"], "r": "x"}, world.token("agent_out_of_scope")
    )
    assert out_of_scope["errors"][0]["extensions"]["code"] == "AGENT_OUT_OF_SCOPE"
    stranger = await flow.run(
        api, flow.WITHDRAW, {"id": case["id"], "r": "x"}, world.token("basic")
    )
    assert stranger["code"] == "NOT_FOUND"
    withdrawn = await flow.run(api, flow.WITHDRAW, {"id": case["id"], "r": "不办了"}, acting)
    assert withdrawn["status"] == "WITHDRAWN"
