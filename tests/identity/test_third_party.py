"""Third-party verification (bank card, Alipay, housing fund) and revoking evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.audit.tables import AuditEntry
from identity.providers.sandbox import SandboxPerson
from identity.tables import Person, TierEvidence
from tests.identity.conftest import Api
from tests.identity.test_face import person_id_of, rename, signed_in, staff_token, tier_of

VERIFY = """mutation($m: ThirdPartyMethod!, $a: String!, $p: String) {
    verifyWithThirdParty(method: $m, account: $a, phone: $p) {
        __typename
        ... on ThirdPartyVerified { method tier }
        ... on UserError { code message }
        ... on InvalidInputError { field reason }
        ... on RateLimitedError { retryAfterSeconds }
        ... on VerificationFailedError { failedChecks }
        ... on ProviderUnavailableError { provider timedOut }
    } }"""
REVOKE = """mutation($e: ID!, $r: String!) { revokeEvidence(evidenceId: $e, reason: $r) {
    __typename
    ... on EvidenceRevoked { evidenceId tier }
    ... on UserError { code message } } }"""
CARD = "6222020200112233445"


async def verify(
    api: Api, token: str | None, method: str, account: str, phone: str | None = None
) -> dict[str, Any]:
    data = await api.data(VERIFY, {"m": method, "a": account, "p": phone}, token)
    result: dict[str, Any] = data["verifyWithThirdParty"]
    return result


@pytest.mark.parametrize(
    ("method", "phone", "stored"),
    [
        ("BANK_CARD", "13805911234", "bank_card"),
        ("ALIPAY", None, "alipay"),
        ("HOUSING_FUND", None, "housing_fund"),
    ],
)
async def test_a_confirmed_account_raises_to_intermediate(
    api: Api,
    person_named: Callable[[str], SandboxPerson],
    method: str,
    phone: str | None,
    stored: str,
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    result = await verify(api, token, method, CARD, phone)
    assert result == {"__typename": "ThirdPartyVerified", "method": method, "tier": "INTERMEDIATE"}
    assert await tier_of(api, token) == "INTERMEDIATE"
    evidence = await TierEvidence.select().where(TierEvidence.method == stored)
    assert len(evidence) == 1
    assert evidence[0]["provider"] == "sandbox"
    assert evidence[0]["provider_reference"].startswith("sbx-acct-")


async def test_an_unconfirmed_account_says_which_check_failed(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    result = await verify(api, token, "ALIPAY", "6222020200110000")
    assert result["__typename"] == "VerificationFailedError"
    assert result["failedChecks"] == ["account"]
    no_phone = await verify(api, token, "BANK_CARD", CARD)
    assert (no_phone["field"], no_phone["reason"]) == ("phone", "required")
    assert (await verify(api, token, "ALIPAY", "  "))["field"] == "account"
    assert await tier_of(api, token) == "BASIC"


async def test_vendor_failure_and_timeout_raise_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await signed_in(api, person)
    person_id = await person_id_of(person)
    for name, timed_out in (("陈明辉Fail", False), ("陈明辉Time", True)):
        await rename(person_id, name)
        result = await verify(api, token, "HOUSING_FUND", CARD)
        assert result["__typename"] == "ProviderUnavailableError", result
        assert (result["provider"], result["timedOut"]) == ("housing fund verification", timed_out)
    assert await tier_of(api, token) == "BASIC"
    assert await TierEvidence.count() == 1  # registration only


async def test_attempts_are_limited_and_need_an_account(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    assert (
        await api.error_code(VERIFY, {"m": "ALIPAY", "a": CARD, "p": None})
        == "INSUFFICIENT_USER_AUTHENTICATION"
    )
    token = await signed_in(api, person_named("陈明辉"))
    for _ in range(5):
        assert (await verify(api, token, "ALIPAY", "1230000"))["failedChecks"] == ["account"]
    limited = await verify(api, token, "ALIPAY", CARD)
    assert limited["__typename"] == "RateLimitedError"
    assert await tier_of(api, token) == "BASIC"


async def _evidence_id(method: str) -> str:
    rows = await TierEvidence.select(TierEvidence.id).where(TierEvidence.method == method)
    return str(rows[0]["id"])


async def test_a_person_revokes_their_own_evidence_and_drops_to_basic(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    await verify(api, token, "ALIPAY", CARD)
    evidence_id = await _evidence_id("alipay")
    revoked = (await api.data(REVOKE, {"e": evidence_id, "r": "lost my phone"}, token))[
        "revokeEvidence"
    ]
    assert revoked == {"__typename": "EvidenceRevoked", "evidenceId": evidence_id, "tier": "BASIC"}
    assert await tier_of(api, token) == "BASIC"
    # Intermediate operations are refused at once, with the old token still in hand.
    change = await api.error_code(
        'mutation { changePhone(newPhone: "13712345678", smsCode: "1") { __typename } }',
        token=token,
    )
    assert change == "INSUFFICIENT_USER_AUTHENTICATION"
    entries = await AuditEntry.select().where(AuditEntry.action == "identity.tier_evidence_revoked")
    assert len(entries) == 1 and entries[0]["actor"].startswith("person:")
    again = await api.data(REVOKE, {"e": evidence_id, "r": "twice"}, token)
    assert again["revokeEvidence"]["code"] == "NOT_FOUND"
    # Registration evidence is the floor of the account: its owner cannot revoke it.
    registry = await _evidence_id("population_registry")
    floor = await api.data(REVOKE, {"e": registry, "r": "why not"}, token)
    assert floor["revokeEvidence"]["code"] == "NOT_ALLOWED"


async def test_only_supervisors_and_admins_revoke_other_peoples_evidence(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    owner = await signed_in(api, person_named("陈明辉"))
    other = await signed_in(api, person_named("林淑芬"))
    await verify(api, owner, "ALIPAY", CARD)
    evidence_id = await _evidence_id("alipay")
    variables = {"e": evidence_id, "r": "fraud suspected"}
    assert (await api.data(REVOKE, variables, other))["revokeEvidence"]["code"] == "NOT_FOUND"
    approver, _ = await staff_token(api, ["approver", "window_clerk"])
    assert await api.error_code(REVOKE, variables, approver) == "FORBIDDEN"
    assert await api.error_code(REVOKE, variables) == "UNAUTHENTICATED"
    assert await tier_of(api, owner) == "INTERMEDIATE"
    supervisor, supervisor_id = await staff_token(api, ["supervisor"])
    empty = await api.data(REVOKE, {"e": evidence_id, "r": "  "}, supervisor)
    assert empty["revokeEvidence"]["code"] == "INVALID_INPUT"
    revoked = (await api.data(REVOKE, variables, supervisor))["revokeEvidence"]
    assert revoked["tier"] == "BASIC"
    assert await tier_of(api, owner) == "BASIC"
    row = await TierEvidence.select().where(TierEvidence.id == evidence_id).first()
    assert row is not None
    assert (row["revoked_by"], row["revoke_reason"]) == (
        f"staff:{supervisor_id}",
        "fraud suspected",
    )
    person = await Person.select(Person.tier).where(Person.name == "陈明辉").first()
    assert person is not None and person["tier"] == "basic"
