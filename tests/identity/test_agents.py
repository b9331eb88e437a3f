"""Authorised agents: appoint, revoke, list, act for the enterprise, and what that allows."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from core import clock
from core.audit.tables import AuditEntry
from identity.providers.sandbox import SandboxPerson
from identity.tables import AgentAppointment, AuthSession
from tests.identity.conftest import Api
from tests.identity.test_enterprises import bound_enterprise, signed_in

APPOINTMENT_RESULT = """__typename
    ... on AgentAppointment { id enterpriseId agentName agentIdNumber scope startsAt expiresAt
        revokedAt status }
    ... on UserError { code message }
    ... on InvalidInputError { field reason }"""
APPOINT = f"""mutation($e: ID!, $i: AppointAgentInput!) {{
    appointAgent(enterpriseId: $e, input: $i) {{ {APPOINTMENT_RESULT} }} }}"""
REVOKE = f"""mutation($a: ID!) {{ revokeAgent(appointmentId: $a) {{ {APPOINTMENT_RESULT} }} }}"""
AGENTS = """query($e: ID!) { enterpriseAgents(enterpriseId: $e) {
    id agentName agentIdNumber scope status } }"""
ACT = """mutation($e: ID) { actForEnterprise(enterpriseId: $e) {
    __typename ... on ActingSwitched { accessToken expiresIn actingFor }
    ... on UserError { code message } } }"""
AUTHORITY = """query($c: String!) { enterpriseAuthority(category: $c) {
    enterpriseId enterpriseName asLegalRepresentative appointmentId } }"""
MINE = """{ myEnterprises { enterpriseId name role status appointmentId scope actingNow } }"""
ACTING_FOR = "{ me { actingFor } }"


def _iso(moment: datetime) -> str:
    return moment.isoformat()


async def appoint(
    api: Api,
    token: str,
    enterprise_id: str,
    agent: SandboxPerson,
    *,
    scope: list[str] | None = None,
    starts: datetime | None = None,
    expires: datetime | None = None,
    **changes: Any,
) -> dict[str, Any]:
    now = clock.now()
    form: dict[str, Any] = {
        "agentIdNumber": agent.id_number,
        "agentName": agent.name,
        "scope": ["tax"] if scope is None else scope,
        "expiresAt": _iso(expires or now + timedelta(days=30)),
    }
    if starts is not None:
        form["startsAt"] = _iso(starts)
    form.update(changes)
    data = await api.data(APPOINT, {"e": enterprise_id, "i": form}, token)
    result: dict[str, Any] = data["appointAgent"]
    return result


async def act_for(api: Api, token: str, enterprise_id: str | None) -> dict[str, Any]:
    data = await api.data(ACT, {"e": enterprise_id}, token)
    result: dict[str, Any] = data["actForEnterprise"]
    return result


async def denial(
    api: Api, query: str, variables: dict[str, Any], token: str | None
) -> dict[str, Any]:
    body = await api.gql(query, variables, token)
    assert body.get("errors"), body
    extensions: dict[str, Any] = body["errors"][0]["extensions"]
    return extensions


async def test_appoint_list_and_revoke(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    await signed_in(api, agent)
    appointed = await appoint(
        api, token, enterprise_id, agent, scope=["tax", "tax", "construction"]
    )
    assert appointed["__typename"] == "AgentAppointment", appointed
    assert appointed["status"] == "ACTIVE"
    assert appointed["scope"] == ["tax", "construction"]
    assert appointed["agentName"] == "郑**"
    assert appointed["agentIdNumber"] == agent.id_number[:3] + "*" * 11 + agent.id_number[-4:]
    assert appointed["enterpriseId"] == enterprise_id

    listed = (await api.data(AGENTS, {"e": enterprise_id}, token))["enterpriseAgents"]
    assert [(a["id"], a["status"]) for a in listed] == [(appointed["id"], "ACTIVE")]
    assert agent.id_number not in json.dumps(listed)

    # Overlapping a live appointment of the same person is refused.
    twice = await appoint(api, token, enterprise_id, agent)
    assert twice["code"] == "ALREADY_EXISTS"

    revoked = (await api.data(REVOKE, {"a": appointed["id"]}, token))["revokeAgent"]
    assert revoked["status"] == "REVOKED" and revoked["revokedAt"] is not None
    again = (await api.data(REVOKE, {"a": appointed["id"]}, token))["revokeAgent"]
    assert again["code"] == "NOT_ALLOWED"
    listed = (await api.data(AGENTS, {"e": enterprise_id}, token))["enterpriseAgents"]
    assert [a["status"] for a in listed] == ["REVOKED"]

    audit = await AuditEntry.select(AuditEntry.action, AuditEntry.data).where(
        AuditEntry.subject_id == enterprise_id
    )
    actions = [a["action"] for a in audit]
    assert "identity.agent_appointed" in actions and "identity.agent_revoked" in actions
    assert agent.id_number not in str(audit)


async def test_agent_lookup_does_not_say_which_part_was_wrong(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    registered = person_named("郑雅婷")
    await signed_in(api, registered)
    wrong_name = await appoint(api, token, enterprise_id, registered, agentName="郑雅丽")
    # A real person without an account.
    no_account = await appoint(api, token, enterprise_id, person_named("黄志强"))
    assert wrong_name["code"] == no_account["code"] == "NOT_FOUND"
    assert wrong_name["message"] == no_account["message"]
    bad_id = await appoint(
        api, token, enterprise_id, registered, agentIdNumber=registered.id_number[:-1] + "1"
    )
    assert (bad_id["field"], bad_id["reason"]) == ("agentIdNumber", "checksum")
    myself = await appoint(api, token, enterprise_id, person_named("陈明辉"))
    assert myself["code"] == "NOT_ALLOWED"
    assert await AgentAppointment.count() == 0


async def test_scope_and_period_are_checked(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    await signed_in(api, agent)
    now = clock.now()
    cases: list[tuple[dict[str, Any], tuple[str, str]]] = [
        ({"scope": []}, ("scope", "empty")),
        ({"scope": ["Tax"]}, ("scope", "format")),
        ({"scope": ["tax; drop"]}, ("scope", "format")),
        (
            {"starts": now + timedelta(days=2), "expires": now + timedelta(days=1)},
            ("expiresAt", "before_start"),
        ),
        (
            {"starts": now - timedelta(days=2), "expires": now - timedelta(days=1)},
            ("expiresAt", "in_past"),
        ),
        ({"expires": now + timedelta(days=3 * 365 + 2)}, ("expiresAt", "too_long")),
    ]
    for changes, expected in cases:
        result = await appoint(api, token, enterprise_id, agent, **changes)
        assert result["__typename"] == "InvalidInputError", (changes, result)
        assert (result["field"], result["reason"]) == expected
    assert await AgentAppointment.count() == 0
    everything = await appoint(
        api, token, enterprise_id, agent, scope=["*", "tax"], expires=now + timedelta(days=1000)
    )
    assert everything["scope"] == ["*"]


async def test_only_the_legal_representative_manages_agents(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    agent_token = await signed_in(api, agent)
    appointed = await appoint(api, token, enterprise_id, agent, scope=["*"])
    # Even an agent with every category cannot appoint, list or revoke.
    outsider = person_named("刘思远")
    await signed_in(api, outsider)
    form = {
        "agentIdNumber": outsider.id_number,
        "agentName": outsider.name,
        "scope": ["tax"],
        "expiresAt": _iso(clock.now() + timedelta(days=1)),
    }
    assert (
        await api.error_code(APPOINT, {"e": enterprise_id, "i": form}, agent_token) == "FORBIDDEN"
    )
    assert await api.error_code(AGENTS, {"e": enterprise_id}, agent_token) == "FORBIDDEN"
    assert await api.error_code(REVOKE, {"a": appointed["id"]}, agent_token) == "FORBIDDEN"
    assert await api.error_code(APPOINT, {"e": enterprise_id, "i": form}) == "UNAUTHENTICATED"
    assert await AgentAppointment.count() == 1


async def test_agent_in_scope_acts_for_the_enterprise(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    agent_token = await signed_in(api, agent)
    appointed = await appoint(api, token, enterprise_id, agent, scope=["tax", "social_security"])

    # Before switching, nothing is done for the enterprise.
    before = await denial(api, AUTHORITY, {"c": "tax"}, agent_token)
    assert before["code"] == "NOT_ACTING_FOR_ENTERPRISE"

    switched = await act_for(api, agent_token, enterprise_id)
    assert switched["__typename"] == "ActingSwitched", switched
    assert switched["actingFor"] == f"enterprise:{enterprise_id}"
    assert switched["expiresIn"] > 0
    acting = switched["accessToken"]
    me = (await api.data(ACTING_FOR, token=acting))["me"]
    assert me["actingFor"] == f"enterprise:{enterprise_id}"

    authority = (await api.data(AUTHORITY, {"c": "tax"}, acting))["enterpriseAuthority"]
    assert authority == {
        "enterpriseId": enterprise_id,
        "enterpriseName": "福州闽江数字科技有限公司",
        "asLegalRepresentative": False,
        "appointmentId": appointed["id"],
    }
    out = await denial(api, AUTHORITY, {"c": "construction"}, acting)
    assert out["code"] == "AGENT_OUT_OF_SCOPE"
    assert out["category"] == "construction"

    # The switch is audited and names the agent.
    entries = await AuditEntry.select(AuditEntry.actor, AuditEntry.data).where(
        AuditEntry.action == "identity.acting_for_switched"
    )
    assert len(entries) == 1
    data = json.loads(entries[0]["data"])
    assert data["agent"] == entries[0]["actor"] and data["agent"].startswith("person:")
    assert data["appointment"] == appointed["id"]
    assert data["acting_for"] == f"enterprise:{enterprise_id}"

    mine = (await api.data(MINE, token=acting))["myEnterprises"]
    assert mine == [
        {
            "enterpriseId": enterprise_id,
            "name": "福州闽江数字科技有限公司",
            "role": "AGENT",
            "status": "ACTIVE",
            "appointmentId": appointed["id"],
            "scope": ["tax", "social_security"],
            "actingNow": True,
        }
    ]
    enterprise = (
        await api.data(
            "query($e: ID!) { enterprise(id: $e) { name legalRepresentativeName "
            "viewerIsLegalRepresentative } }",
            {"e": enterprise_id},
            acting,
        )
    )["enterprise"]
    assert enterprise["legalRepresentativeName"] == "陈**"
    assert enterprise["viewerIsLegalRepresentative"] is False

    back = await act_for(api, acting, None)
    assert back["actingFor"] is None
    assert (await api.data(ACTING_FOR, token=back["accessToken"]))["me"]["actingFor"] is None
    again = await denial(api, AUTHORITY, {"c": "tax"}, back["accessToken"])
    assert again["code"] == "NOT_ACTING_FOR_ENTERPRISE"
    session = await AuthSession.select(AuthSession.acting_for).where(
        AuthSession.acting_for.is_not_null()
    )
    assert session == []


async def test_legal_representative_acts_in_every_category(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    acting = (await act_for(api, token, enterprise_id))["accessToken"]
    authority = (await api.data(AUTHORITY, {"c": "construction"}, acting))["enterpriseAuthority"]
    assert authority["asLegalRepresentative"] is True
    assert authority["appointmentId"] is None
    mine = (await api.data(MINE, token=acting))["myEnterprises"]
    assert [(m["role"], m["status"], m["actingNow"]) for m in mine] == [
        ("LEGAL_REPRESENTATIVE", "ACTIVE", True)
    ]


async def test_revoked_after_switching_is_refused_on_the_next_check(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    agent_token = await signed_in(api, agent)
    appointed = await appoint(api, token, enterprise_id, agent)
    acting = (await act_for(api, agent_token, enterprise_id))["accessToken"]
    assert (await api.data(AUTHORITY, {"c": "tax"}, acting))["enterpriseAuthority"]

    await api.data(REVOKE, {"a": appointed["id"]}, token)
    # The same token still says "acting for", but the appointment is read from the database.
    refused = await denial(api, AUTHORITY, {"c": "tax"}, acting)
    assert refused["code"] == "AGENT_APPOINTMENT_INACTIVE"
    assert refused["reason"] == "revoked"
    switch = await denial(api, ACT, {"e": enterprise_id}, acting)
    assert (switch["code"], switch["reason"]) == ("AGENT_APPOINTMENT_INACTIVE", "revoked")
    assert (
        await api.error_code(
            "query($e: ID!) { enterprise(id: $e) { name } }", {"e": enterprise_id}, acting
        )
        == "FORBIDDEN"
    )
    mine = (await api.data(MINE, token=acting))["myEnterprises"]
    assert [m["status"] for m in mine] == ["REVOKED"]
    # Their sessions no longer act for the enterprise: the next token says so too.
    acting_for = {r["acting_for"] for r in await AuthSession.select(AuthSession.acting_for)}
    assert acting_for == {None}


async def test_expired_appointment_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    agent_token = await signed_in(api, agent)
    await appoint(api, token, enterprise_id, agent, expires=clock.now() + timedelta(hours=1))
    acting = (await act_for(api, agent_token, enterprise_id))["accessToken"]
    assert (await api.data(AUTHORITY, {"c": "tax"}, acting))["enterpriseAuthority"]
    # Only the service's clock moves: the token itself is still fresh.
    with clock.frozen_at(clock.now() + timedelta(hours=2)):
        refused = await denial(api, AUTHORITY, {"c": "tax"}, acting)
        mine = (await api.data(MINE, token=acting))["myEnterprises"]
        listed = (await api.data(AGENTS, {"e": enterprise_id}, token))["enterpriseAgents"]
    assert (refused["code"], refused["reason"]) == ("AGENT_APPOINTMENT_INACTIVE", "expired")
    assert [m["status"] for m in mine] == ["EXPIRED"]
    assert [a["status"] for a in listed] == ["EXPIRED"]


async def test_appointment_not_yet_started_cannot_be_used(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    agent = person_named("郑雅婷")
    agent_token = await signed_in(api, agent)
    now = clock.now()
    scheduled = await appoint(
        api,
        token,
        enterprise_id,
        agent,
        starts=now + timedelta(days=1),
        expires=now + timedelta(days=5),
    )
    assert scheduled["status"] == "SCHEDULED"
    refused = await denial(api, ACT, {"e": enterprise_id}, agent_token)
    assert (refused["code"], refused["reason"]) == ("AGENT_APPOINTMENT_INACTIVE", "not_started")
    mine = (await api.data(MINE, token=agent_token))["myEnterprises"]
    assert [m["status"] for m in mine] == ["SCHEDULED"]
    assert await AuthSession.count().where(AuthSession.acting_for.is_not_null()) == 0


async def test_strangers_cannot_act_for_an_enterprise(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    _, enterprise_id = await bound_enterprise(api, person_named)
    stranger = await signed_in(api, person_named("郑雅婷"))
    assert await api.error_code(ACT, {"e": enterprise_id}, stranger) == "FORBIDDEN"
    assert await api.error_code(ACT, {"e": "nonsense"}, stranger) == "FORBIDDEN"
    assert await api.error_code(ACT, {"e": enterprise_id}) == "UNAUTHENTICATED"
    assert (await api.data(MINE, token=stranger))["myEnterprises"] == []
