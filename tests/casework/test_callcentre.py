"""The 12345 call-centre lookup: masked results only, a purpose for every lookup, every
lookup in the processing log, a per-agent rate limit, notes only on cases just looked up,
and the log for supervisors."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from casework import numbers
from casework.tables import Case, CaseEvent, LookupLog
from core import clock
from core.audit.tables import AuditEntry
from core.settings import Settings
from identity.roles import Role
from identity.validators import resident_id_check_char
from tests.casework.factories import ensure_department, publish_item
from tests.identity.actors import BASIC, INTERMEDIATE, World, person
from tests.identity.conftest import FAST_ARGON2, Api
from tests.identity.test_face import staff_token

#: Small enough that a test reaches it in a few calls.
LOOKUPS_PER_HOUR = 3
DEPARTMENT = "350100-ZW"
_sequence = itertools.count(1)


@pytest.fixture
def identity_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(**FAST_ARGON2, ONETAP_CASEWORK_LOOKUPS_PER_HOUR=str(LOOKUPS_PER_HOUR))


async def insert_case(
    person_id: str,
    item: tuple[str, str],
    *,
    status: str = "submitted",
    created_at: datetime | None = None,
    form_data: dict[str, Any] | None = None,
) -> tuple[str, str | None]:
    """A case of ``person_id`` straight into the table: (case id, stored number or None).

    Drafts have no number; any other status gets one and a submission in its timeline.
    """
    item_id, version_id = item
    department_id = await ensure_department(DEPARTMENT)
    at = created_at or clock.now()
    number = (
        None
        if status == "draft"
        else numbers.compose("350100", numbers.shanghai_date(at), next(_sequence))
    )
    case_id = uuid.uuid4()
    await Case.insert(
        Case(
            id=case_id,
            number=number,
            item=item_id,
            item_version=version_id,
            department=department_id,
            applicant=f"person:{person_id}",
            applicant_person=person_id,
            status=status,
            form_data=form_data or {},
            created_at=at,
            updated_at=at,
            submitted_at=None if status == "draft" else at,
        )
    )
    if status != "draft":
        await CaseEvent.insert(
            CaseEvent(
                id=uuid.uuid4(),
                case=case_id,
                action="submit",
                from_status="draft",
                to_status="submitted",
                actor=f"person:{person_id}",
                actor_role="applicant",
                reason=None,
                at=at,
            )
        )
    return str(case_id), number


LOOKUP = """
mutation($kind: LookupKind!, $value: String!, $purpose: LookupPurpose!, $text: String!) {
  callCentreLookup(kind: $kind, value: $value, purpose: $purpose, purposeText: $text) {
    __typename
    ... on LookupResult {
      logId
      cases {
        caseId number itemName itemNameEn departmentName departmentNameEn status
        submittedAt dueOn applicantName applicantPhone applicantIdNumber
        timeline { action fromStatus toStatus actorRole reason at }
        notes { id caseId text authorName createdAt }
      }
    }
    ... on UserError { code message }
    ... on InvalidInputError { field reason }
    ... on RateLimitedError { retryAfterSeconds }
  }
}"""

ADD_NOTE = """
mutation($case: ID!, $text: String!) {
  addCaseNote(caseId: $case, text: $text) {
    __typename
    ... on CaseNote { id caseId text authorName createdAt }
    ... on UserError { code message }
    ... on InvalidInputError { field reason }
  }
}"""

LOG = """
query($agent: ID, $first: Int, $after: String) {
  lookupLog(agentId: $agent, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id agentId agentName queryKind purpose purposeText caseNumbers at } }
  }
}"""


async def look_up(
    api: Api,
    token: str | None,
    kind: str,
    value: str,
    *,
    purpose: str = "CALLER_ENQUIRY",
    text: str = "来电查询办理进度",
) -> dict[str, Any]:
    body = await api.gql(
        LOOKUP, {"kind": kind, "value": value, "purpose": purpose, "text": text}, token
    )
    return body


def found(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["callCentreLookup"]
    assert result["__typename"] == "LookupResult", result
    return result


def _other_than(check: str) -> str:
    """A check character that is wrong."""
    return "1" if check != "1" else "2"


async def logged() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await LookupLog.select().order_by(LookupLog.at)
    return rows


async def test_each_kind_of_lookup_shows_masked_data_only(api: Api, world: World) -> None:
    resident = person(BASIC)
    person_id = world.person_ids[BASIC]
    item = await publish_item()
    secret_answer = "我的秘密申请事由"
    case_id, number = await insert_case(person_id, item, form_data={"reason": secret_answer})
    await insert_case(person_id, item, status="draft")  # the resident's own business
    assert number is not None
    agent = world.token(Role.CALL_CENTRE_AGENT.value)

    spoken = numbers.display(number).replace("-", " ").lower()
    by_number = await look_up(api, agent, "CASE_NUMBER", spoken)
    by_phone = await look_up(api, agent, "PHONE", f"+86 {resident.phone}", purpose="URGING")
    by_id = await look_up(api, agent, "ID_NUMBER", resident.id_number.lower())

    for body in (by_number, by_phone, by_id):
        (case,) = found(body)["cases"]
        assert case["caseId"] == case_id
        assert case["number"] == numbers.display(number)
        assert case["status"] == "SUBMITTED"
        assert case["itemName"] == "居住证签注"
        assert case["departmentName"]
        assert case["applicantName"] == resident.name[0] + "*" * (len(resident.name) - 1)
        assert case["applicantPhone"] == resident.phone[:3] + "****" + resident.phone[-4:]
        assert case["applicantIdNumber"] == (
            resident.id_number[:3] + "*" * 11 + resident.id_number[-4:]
        )
        assert [e["action"] for e in case["timeline"]] == ["SUBMIT"]
        assert case["notes"] == []
        # Nothing in clear anywhere in the answer: not the identifiers, not the answers.
        text = json.dumps(body, ensure_ascii=False)
        for secret in (resident.phone, resident.id_number, resident.name, secret_answer):
            assert secret not in text
        assert "answers" not in text and "materials" not in text

    assert len(await logged()) == 3


async def test_a_phone_lookup_shows_the_twenty_most_recent_cases(api: Api, world: World) -> None:
    item = await publish_item()
    start = clock.now() - timedelta(days=30)
    ids = [
        (await insert_case(world.person_ids[BASIC], item, created_at=start + timedelta(days=i)))[0]
        for i in range(22)
    ]
    body = await look_up(
        api, world.token(Role.CALL_CENTRE_AGENT.value), "PHONE", person(BASIC).phone
    )
    cases = found(body)["cases"]
    assert [c["caseId"] for c in cases] == list(reversed(ids))[:20]
    (row,) = await logged()
    assert len(row["cases"]) == 20


async def test_refused_lookups_are_not_logged(api: Api, world: World) -> None:
    agent = world.token(Role.CALL_CENTRE_AGENT.value)
    phone = person(BASIC).phone
    for text, reason in (("", "too_short"), ("    ", "too_short"), (" 催办 ", "too_short")):
        result = (await look_up(api, agent, "PHONE", phone, text=text))["data"]["callCentreLookup"]
        assert result["__typename"] == "InvalidInputError", result
        assert (result["code"], result["field"], result["reason"]) == (
            "INVALID_INPUT",
            "purposeText",
            reason,
        )
    # Without a purpose code the document itself is refused.
    body = await api.gql(
        """mutation { callCentreLookup(kind: PHONE, value: "13800000000", purposeText: "来电查询")
        { __typename } }""",
        token=agent,
    )
    assert body.get("errors"), body
    # A value that cannot be what it claims to be is refused, too.
    number = "35010020261122000123"
    id_body = person(BASIC).id_number[:17]
    for kind, value in (
        ("CASE_NUMBER", number + _other_than(numbers.check_character(number))),
        ("PHONE", "12"),
        ("ID_NUMBER", id_body + _other_than(resident_id_check_char(id_body))),
    ):
        result = (await look_up(api, agent, kind, value))["data"]["callCentreLookup"]
        assert result["__typename"] == "InvalidInputError", (kind, result)
        assert result["field"] == "value"
    assert await logged() == []
    assert not await AuditEntry.exists().where(AuditEntry.action == "casework.lookup")


async def test_every_lookup_is_logged_with_its_audit_record_also_when_empty(
    api: Api, world: World
) -> None:
    item = await publish_item()
    case_id, _ = await insert_case(world.person_ids[BASIC], item)
    agent = world.token(Role.CALL_CENTRE_AGENT.value)
    text = "市民来电催办居住证"

    hit = found(
        await look_up(api, agent, "ID_NUMBER", person(BASIC).id_number, purpose="URGING", text=text)
    )
    nobody = found(await look_up(api, agent, "PHONE", "13912345678"))  # registered by no one
    no_cases = found(await look_up(api, agent, "PHONE", person(INTERMEDIATE).phone))
    assert nobody["cases"] == [] and no_cases["cases"] == []

    rows = await logged()
    assert [str(r["id"]) for r in rows] == [hit["logId"], nobody["logId"], no_cases["logId"]]
    first = rows[0]
    assert str(first["agent"]) == world.staff_ids[Role.CALL_CENTRE_AGENT.value]
    assert (first["query_kind"], first["purpose_code"], first["purpose_text"]) == (
        "id_number",
        "urging",
        text,
    )
    assert [str(c) for c in first["cases"]] == [case_id]
    assert rows[1]["cases"] == [] and rows[2]["cases"] == []

    audits = await AuditEntry.select().where(AuditEntry.action == "casework.lookup")
    assert sorted(a["subject_id"] for a in audits) == sorted(str(r["id"]) for r in rows)
    for entry in audits:
        assert entry["actor"] == f"staff:{world.staff_ids[Role.CALL_CENTRE_AGENT.value]}"
        data = json.dumps(entry["data"], ensure_ascii=False)
        # Neither what was looked up nor the free text: both may carry personal data.
        for secret in (person(BASIC).id_number, person(INTERMEDIATE).phone, "13912345678", text):
            assert secret not in data


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        (BASIC, "FORBIDDEN"),
        (Role.WINDOW_CLERK.value, "FORBIDDEN"),
        (Role.SUPERVISOR.value, "FORBIDDEN"),
        (Role.PLATFORM_ADMIN.value, "FORBIDDEN"),
    ],
)
async def test_only_call_centre_agents_look_up(
    api: Api, world: World, actor: str, code: str
) -> None:
    item = await publish_item()
    case_id, number = await insert_case(world.person_ids[BASIC], item)
    assert number is not None
    body = await look_up(api, world.token(actor), "CASE_NUMBER", number)
    assert body["errors"][0]["extensions"]["code"] == code, body
    body = await api.gql(ADD_NOTE, {"case": case_id, "text": "记录"}, world.token(actor))
    assert body["errors"][0]["extensions"]["code"] == code, body
    assert await logged() == []


async def test_lookups_are_rate_limited_per_agent(api: Api, world: World) -> None:
    agent, _ = await staff_token(api, [Role.CALL_CENTRE_AGENT.value])
    other, _ = await staff_token(api, [Role.CALL_CENTRE_AGENT.value])
    phone = person(BASIC).phone
    # Refused lookups are not lookups: they do not use the allowance up.
    refused = await look_up(api, agent, "PHONE", phone, text="")
    assert refused["data"]["callCentreLookup"]["__typename"] == "InvalidInputError"

    for _ in range(LOOKUPS_PER_HOUR):
        found(await look_up(api, agent, "PHONE", phone))
    limited = (await look_up(api, agent, "PHONE", phone))["data"]["callCentreLookup"]
    assert limited["__typename"] == "RateLimitedError", limited
    assert limited["code"] == "RATE_LIMITED"
    assert 0 < limited["retryAfterSeconds"] <= 3600
    assert len(await logged()) == LOOKUPS_PER_HOUR  # the refused one is not in the log

    found(await look_up(api, other, "PHONE", phone))  # another agent has their own allowance
    with clock.frozen_at(clock.now() + timedelta(hours=1, minutes=1)):
        found(await look_up(api, agent, "PHONE", phone))


async def test_notes_only_on_a_case_just_looked_up(api: Api, world: World) -> None:
    item = await publish_item()
    case_id, number = await insert_case(world.person_ids[BASIC], item)
    other_case, _ = await insert_case(world.person_ids[INTERMEDIATE], item)
    assert number is not None
    agent, _ = await staff_token(api, [Role.CALL_CENTRE_AGENT.value])
    colleague, _ = await staff_token(api, [Role.CALL_CENTRE_AGENT.value])

    async def add(token: str | None, case: str, text: str = "来电催办，已告知进度") -> Any:
        body = await api.data(ADD_NOTE, {"case": case, "text": text}, token)
        return body["addCaseNote"]

    # Not looked up (yet): reads exactly like a case that does not exist.
    for case in (case_id, str(uuid.uuid4()), "not-an-id"):
        refused = await add(agent, case)
        assert (refused["__typename"], refused["code"]) == ("CaseworkError", "NOT_FOUND")

    looked_at = clock.now()
    found(await look_up(api, agent, "CASE_NUMBER", numbers.display(number)))
    note = await add(agent, case_id, "  来电催办，已告知进度  ")
    assert note["__typename"] == "CaseNote", note
    assert (note["caseId"], note["text"]) == (case_id, "来电催办，已告知进度")

    for text in ("", "   ", "字" * 1001):
        refused = await add(agent, case_id, text)
        assert (refused["__typename"], refused["field"]) == ("InvalidInputError", "text")
    # The lookup covers the case it found, for this agent only.
    assert (await add(agent, other_case))["code"] == "NOT_FOUND"
    assert (await add(colleague, case_id))["code"] == "NOT_FOUND"

    # The next lookup shows the note.
    (case,) = found(await look_up(api, colleague, "CASE_NUMBER", number))["cases"]
    assert [n["id"] for n in case["notes"]] == [note["id"]]
    assert case["notes"][0]["authorName"]

    assert await AuditEntry.exists().where(
        (AuditEntry.action == "casework.note_added") & (AuditEntry.subject_id == case_id)
    )
    # An hour after the lookup the call is over.
    with clock.frozen_at(looked_at + timedelta(hours=1, seconds=1)):
        assert (await add(agent, case_id))["code"] == "NOT_FOUND"


async def test_supervisors_read_the_processing_log(api: Api, world: World) -> None:
    item = await publish_item()
    _, number = await insert_case(world.person_ids[BASIC], item)
    assert number is not None
    agent, agent_id = await staff_token(api, [Role.CALL_CENTRE_AGENT.value])
    first = found(await look_up(api, agent, "CASE_NUMBER", number, purpose="COMPLAINT_FOLLOW_UP"))
    second = found(
        await look_up(api, world.token(Role.CALL_CENTRE_AGENT.value), "PHONE", "13912345678")
    )

    supervisor = world.token(Role.SUPERVISOR.value)
    page = (await api.data(LOG, {"first": 1}, supervisor))["lookupLog"]
    (newest,) = [edge["node"] for edge in page["edges"]]
    assert newest["id"] == second["logId"]
    assert page["pageInfo"]["hasNextPage"]
    rest = (await api.data(LOG, {"after": page["pageInfo"]["endCursor"]}, supervisor))["lookupLog"]
    (oldest,) = [edge["node"] for edge in rest["edges"]]
    assert oldest == {
        "id": first["logId"],
        "agentId": agent_id,
        "agentName": "窗口人员",
        "queryKind": "CASE_NUMBER",
        "purpose": "COMPLAINT_FOLLOW_UP",
        "purposeText": "来电查询办理进度",
        "caseNumbers": [numbers.display(number)],
        "at": oldest["at"],
    }
    assert not rest["pageInfo"]["hasNextPage"]

    mine = (await api.data(LOG, {"agent": agent_id}, supervisor))["lookupLog"]
    assert [e["node"]["id"] for e in mine["edges"]] == [first["logId"]]
    nobody = (await api.data(LOG, {"agent": "not-an-id"}, supervisor))["lookupLog"]
    assert nobody["edges"] == []

    for actor in (Role.CALL_CENTRE_AGENT.value, Role.WINDOW_CLERK.value, BASIC):
        assert await api.error_code(LOG, {}, world.token(actor)) == "FORBIDDEN"
    assert await api.error_code(LOG, {}, None) == "UNAUTHENTICATED"
