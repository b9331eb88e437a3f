"""Counter verification: a QR ticket, a window clerk, the physical ID card."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from core import clock
from core.audit.tables import AuditEntry
from core.crypto import mask_id_number
from identity.providers.sandbox import SandboxPerson, sandbox_companies
from identity.tables import Enterprise, TierEvidence
from tests.identity.conftest import Api
from tests.identity.test_face import person_id_of, signed_in, staff_token, tier_of

CREATE = """mutation($e: ID) { createCounterTicket(enterpriseId: $e) {
    __typename
    ... on CounterTicketIssued { ticket expiresAt }
    ... on UserError { code message } } }"""
LOOKUP = """query($t: String!) { counterTicket(ticket: $t) {
    __typename
    ... on CounterTicketInfo {
        subjectKind name maskedIdNumber sex enterpriseName creditCode expiresAt }
    ... on UserError { code message } } }"""
CONFIRM = """mutation($t: String!, $c: Boolean!) {
    confirmCounterVerification(ticket: $t, idCardChecked: $c) {
        __typename
        ... on CounterVerified { subjectKind tier }
        ... on UserError { code message }
        ... on InvalidInputError { field reason } } }"""


async def ticket_for(api: Api, token: str, enterprise_id: str | None = None) -> str:
    issued = (await api.data(CREATE, {"e": enterprise_id}, token))["createCounterTicket"]
    assert issued["__typename"] == "CounterTicketIssued", issued
    ticket: str = issued["ticket"]
    return ticket


async def confirm(api: Api, clerk: str, ticket: str, checked: bool = True) -> dict[str, Any]:
    data = await api.data(CONFIRM, {"t": ticket, "c": checked}, clerk)
    result: dict[str, Any] = data["confirmCounterVerification"]
    return result


async def test_a_clerk_checks_the_card_and_raises_the_person_to_intermediate(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("林淑芬")
    token = await signed_in(api, person)
    ticket = await ticket_for(api, token)
    clerk, clerk_id = await staff_token(api, ["window_clerk"])
    seen = (await api.data(LOOKUP, {"t": ticket}, clerk))["counterTicket"]
    assert seen["__typename"] == "CounterTicketInfo"
    assert (seen["subjectKind"], seen["name"], seen["sex"]) == ("person", "林淑芬", "F")
    assert seen["maskedIdNumber"] == mask_id_number(person.id_number)
    assert person.id_number not in str(seen)
    assert seen["enterpriseName"] is None
    unchecked = await confirm(api, clerk, ticket, checked=False)
    assert (unchecked["field"], unchecked["reason"]) == ("idCardChecked", "required")
    done = await confirm(api, clerk, ticket)
    assert done == {
        "__typename": "CounterVerified",
        "subjectKind": "person",
        "tier": "INTERMEDIATE",
    }
    assert await tier_of(api, token) == "INTERMEDIATE"
    evidence = await TierEvidence.select().where(TierEvidence.method == "counter").first()
    assert evidence is not None
    assert (evidence["provider"], evidence["verifier"]) == ("counter", f"staff:{clerk_id}")
    actions = {r["action"] for r in await AuditEntry.select(AuditEntry.action)}
    assert {"identity.counter_ticket_viewed", "identity.tier_evidence_added"} <= actions


async def test_a_ticket_is_used_once(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    ticket = await ticket_for(api, token)
    clerk, _ = await staff_token(api, ["window_clerk"])
    assert (await confirm(api, clerk, ticket))["__typename"] == "CounterVerified"
    assert (await confirm(api, clerk, ticket))["code"] == "CODE_INVALID"
    assert (await api.data(LOOKUP, {"t": ticket}, clerk))["counterTicket"]["code"] == "CODE_INVALID"
    assert (await api.data(LOOKUP, {"t": "made-up"}, clerk))["counterTicket"]["code"] == "NOT_FOUND"
    assert await TierEvidence.count().where(TierEvidence.method == "counter") == 1


async def test_a_ticket_expires_after_ten_minutes(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    ticket = await ticket_for(api, token)
    clerk, _ = await staff_token(api, ["window_clerk"])
    with clock.frozen_at(clock.now() + timedelta(minutes=10, seconds=1)):
        assert (await confirm(api, clerk, ticket))["code"] == "CODE_INVALID"
        late = (await api.data(LOOKUP, {"t": ticket}, clerk))["counterTicket"]
        assert late["code"] == "CODE_INVALID"
    assert await tier_of(api, token) == "BASIC"


async def test_only_window_clerks_see_and_confirm_tickets(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    ticket = await ticket_for(api, token)
    approver, _ = await staff_token(api, ["approver", "supervisor", "platform_admin"])
    variables = {"t": ticket, "c": True}
    for who, code in ((approver, "FORBIDDEN"), (token, "FORBIDDEN"), (None, "UNAUTHENTICATED")):
        assert await api.error_code(LOOKUP, {"t": ticket}, who) == code
        assert await api.error_code(CONFIRM, variables, who) == code
    assert await api.error_code(CREATE, {"e": None}) == "INSUFFICIENT_USER_AUTHENTICATION"
    assert await tier_of(api, token) == "BASIC"
    assert not await AuditEntry.exists().where(
        AuditEntry.action == "identity.counter_ticket_viewed"
    )


async def test_an_enterprise_ticket_is_for_its_legal_representative_only(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    company = sandbox_companies()[0]
    representative = person_named(company.legal_representative_name)
    token = await signed_in(api, representative)
    enterprise_id = uuid.uuid4()
    await Enterprise.insert(
        Enterprise(
            id=enterprise_id,
            name=company.name,
            registration_number=company.registration_number,
            credit_code=company.credit_code,
            legal_representative=await person_id_of(representative),
            tier="basic",
            created_at=clock.now(),
        )
    )
    stranger = await signed_in(api, person_named("黄志强"))
    refused = await api.error_code(CREATE, {"e": str(enterprise_id)}, stranger)
    assert refused == "FORBIDDEN"
    # An unknown enterprise is refused exactly like someone else's: ids cannot be probed.
    unknown = await api.error_code(CREATE, {"e": str(uuid.uuid4())}, token)
    assert unknown == "FORBIDDEN"

    ticket = await ticket_for(api, token, str(enterprise_id))
    clerk, _ = await staff_token(api, ["window_clerk"])
    seen = (await api.data(LOOKUP, {"t": ticket}, clerk))["counterTicket"]
    assert seen["subjectKind"] == "enterprise"
    assert (seen["enterpriseName"], seen["creditCode"]) == (company.name, company.credit_code)
    assert seen["name"] == representative.name
    done = await confirm(api, clerk, ticket)
    assert (done["subjectKind"], done["tier"]) == ("enterprise", "INTERMEDIATE")
    row = await Enterprise.select(Enterprise.tier).where(Enterprise.id == enterprise_id)
    assert row[0]["tier"] == "intermediate"
    # The enterprise was verified, not its representative.
    assert await tier_of(api, token) == "BASIC"
