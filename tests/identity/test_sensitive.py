"""Identity's own sensitive operations: change phone (intermediate), reveal ID (advanced)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from core.audit.tables import AuditEntry
from identity.providers.sandbox import SandboxPerson
from tests.identity.conftest import Api
from tests.identity.test_face import face_check, signed_in
from tests.identity.test_stepup import ACTION, REVEAL, step_up

CHANGE = """mutation($p: String!, $c: String!) { changePhone(newPhone: $p, smsCode: $c) {
    __typename
    ... on PhoneChanged { maskedPhone }
    ... on UserError { code message }
    ... on InvalidInputError { field reason } } }"""
NEW_PHONE = "13712345678"


async def intermediate(api: Api, person: SandboxPerson) -> str:
    token = await signed_in(api, person)
    passed = await face_check(api, token)
    assert passed["tier"] == "INTERMEDIATE", passed
    return token


async def change(api: Api, token: str, phone: str, code: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.data(CHANGE, {"p": phone, "c": code}, token))["changePhone"]
    return result


async def test_changing_phone_below_intermediate_asks_for_intermediate(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    body = await api.gql(CHANGE, {"p": NEW_PHONE, "c": "123456"}, token)
    extensions = body["errors"][0]["extensions"]
    assert extensions == {
        "code": "INSUFFICIENT_USER_AUTHENTICATION",
        "requiredTier": "intermediate",
        "acrValues": "urn:onetap:acr:intermediate",
    }
    anonymous = await api.error_code(CHANGE, {"p": NEW_PHONE, "c": "123456"})
    assert anonymous == "INSUFFICIENT_USER_AUTHENTICATION"


async def test_an_intermediate_person_moves_to_a_proven_new_phone(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await intermediate(api, person)
    code = await api.fresh_code(NEW_PHONE, "CHANGE_PHONE", token)
    wrong = "000000" if code != "000000" else "111111"
    assert (await change(api, token, NEW_PHONE, wrong))["code"] == "CODE_INVALID"
    changed = await change(api, token, NEW_PHONE, code)
    assert changed == {"__typename": "PhoneChanged", "maskedPhone": "137****5678"}
    assert (await api.login(NEW_PHONE))["__typename"] == "AuthSuccess"
    assert (await api.login(person.phone))["code"] == "LOGIN_FAILED"
    entries = await AuditEntry.select().where(AuditEntry.action == "identity.phone_changed")
    assert len(entries) == 1
    assert NEW_PHONE not in json.dumps(entries[0]["data"])


async def test_a_code_for_another_purpose_or_phone_does_not_change_the_phone(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await intermediate(api, person)
    login_code = await api.fresh_code(NEW_PHONE, "LOGIN")
    assert (await change(api, token, NEW_PHONE, login_code))["code"] == "CODE_INVALID"
    bad = await change(api, token, "12345", "123456")
    assert (bad["field"], bad["reason"]) == ("newPhone", "format")
    same = await change(api, token, person.phone, "123456")
    assert same["reason"] == "unchanged"


async def test_a_phone_of_another_account_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await intermediate(api, person_named("陈明辉"))
    other = person_named("林淑芬")
    await signed_in(api, other)
    code = await api.fresh_code(other.phone, "CHANGE_PHONE", token)
    assert (await change(api, token, other.phone, code))["code"] == "ALREADY_EXISTS"
    assert (await api.login(other.phone))["__typename"] == "AuthSuccess"


async def test_reveal_id_number_shows_the_owner_their_number_and_audits_without_it(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("林淑芬")
    token = await signed_in(api, person)
    masked = (await api.data("{ me { person { maskedIdNumber } } }", token=token))["me"]
    assert person.id_number not in json.dumps(masked)
    check_id = await step_up(api, token, ACTION)
    revealed = (await api.data(REVEAL, {"s": check_id}, token))["revealIdNumber"]
    assert revealed["idNumber"] == person.id_number
    entries = await AuditEntry.select().where(AuditEntry.action == "identity.id_number_revealed")
    assert len(entries) == 1
    assert person.id_number not in json.dumps(entries[0]["data"])
    # The step-up is spent: the next reveal needs a new face check.
    again = await api.gql(REVEAL, {"s": check_id}, token)
    assert again["errors"][0]["extensions"]["reason"] == "used"
