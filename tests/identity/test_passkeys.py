"""Passkeys over GraphQL with a software authenticator, against real PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from core import clock
from core.audit.tables import AuditEntry
from core.settings import Settings
from identity.passkeys import relying_party
from identity.providers.sandbox import SandboxPerson
from identity.tables import Passkey, WebAuthnChallenge
from tests.identity.conftest import AUTH_FIELDS, Api
from tests.identity.webauthn_authenticator import SoftAuthenticator, b64url, unb64url

OPTIONS = "__typename ... on PasskeyOptions { challengeId options expiresAt } ... on UserError { code message }"
PASSKEY_FIELDS = """__typename
    ... on Passkey { id nickname backedUp deviceType transports aaguid lastUsedAt }
    ... on UserError { code message }
    ... on InvalidInputError { field reason }
    ... on VerificationFailedError { failedChecks }"""
BEGIN_REGISTRATION = f"mutation {{ beginPasskeyRegistration {{ {OPTIONS} }} }}"
FINISH_REGISTRATION = f"""mutation($c: ID!, $cred: String!, $n: String) {{
    finishPasskeyRegistration(challengeId: $c, credential: $cred, nickname: $n) {{
        {PASSKEY_FIELDS} }} }}"""
BEGIN_LOGIN = f"mutation {{ beginPasskeyLogin {{ {OPTIONS} }} }}"
FINISH_LOGIN = f"""mutation($c: ID!, $cred: String!) {{
    finishPasskeyLogin(challengeId: $c, credential: $cred) {{ {AUTH_FIELDS} }} }}"""
MY_PASSKEYS = "{ myPasskeys { id nickname backedUp deviceType transports aaguid lastUsedAt } }"
REMOVE = """mutation($id: ID!) { removePasskey(id: $id) {
    __typename ... on UserError { code message } } }"""
ME = "{ me { subject amr kind } }"


@pytest.fixture
def authenticator(identity_settings: Settings) -> SoftAuthenticator:
    return SoftAuthenticator(relying_party(identity_settings).origins[0])


async def signed_in(api: Api, person: SandboxPerson) -> str:
    result = await api.register(person)
    assert result["__typename"] == "AuthSuccess", result
    token: str = result["accessToken"]
    return token


async def begin_registration(api: Api, token: str) -> dict[str, Any]:
    begun: dict[str, Any] = (await api.data(BEGIN_REGISTRATION, token=token))[
        "beginPasskeyRegistration"
    ]
    assert begun["__typename"] == "PasskeyOptions", begun
    return begun


async def finish_registration(
    api: Api, token: str, challenge_id: str, credential: str, nickname: str | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = (
        await api.data(
            FINISH_REGISTRATION, {"c": challenge_id, "cred": credential, "n": nickname}, token
        )
    )["finishPasskeyRegistration"]
    return result


async def add_passkey(
    api: Api, token: str, authenticator: SoftAuthenticator, **create: Any
) -> dict[str, Any]:
    begun = await begin_registration(api, token)
    credential = authenticator.create(begun["options"], **create)
    return await finish_registration(api, token, begun["challengeId"], credential, "My phone")


async def begin_login(api: Api) -> dict[str, Any]:
    begun: dict[str, Any] = (await api.data(BEGIN_LOGIN))["beginPasskeyLogin"]
    assert begun["__typename"] == "PasskeyOptions", begun
    return begun


async def finish_login(api: Api, challenge_id: str, credential: str) -> dict[str, Any]:
    result: dict[str, Any] = (
        await api.data(FINISH_LOGIN, {"c": challenge_id, "cred": credential})
    )["finishPasskeyLogin"]
    return result


async def passkey_login(api: Api, authenticator: SoftAuthenticator, **get: Any) -> dict[str, Any]:
    begun = await begin_login(api)
    return await finish_login(api, begun["challengeId"], authenticator.get(begun["options"], **get))


async def test_register_list_and_sign_in_with_a_passkey(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    person = person_named("陈明辉")
    token = await signed_in(api, person)

    begun = await begin_registration(api, token)
    options = json.loads(begun["options"])
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["requireResidentKey"] is True
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["attestation"] == "none"
    assert options["excludeCredentials"] == []
    assert {"type": "public-key", "alg": -7} in options["pubKeyCredParams"]
    # user.name is the masked phone; user.id is an opaque handle, not the ID number.
    assert options["user"]["name"] == person.phone[:3] + "****" + person.phone[-4:]
    assert person.phone not in begun["options"] and person.id_number not in begun["options"]
    handle = unb64url(options["user"]["id"])
    assert len(handle) == 32 and person.id_number.encode() not in handle
    assert options["rp"]["id"] == relying_party(api.app.state.identity.settings).id

    credential = authenticator.create(begun["options"])
    added = await finish_registration(api, token, begun["challengeId"], credential, "My phone")
    assert added["__typename"] == "Passkey", added
    assert added["nickname"] == "My phone"
    assert added["backedUp"] is True and added["deviceType"] == "multi_device"
    assert added["transports"] == ["internal", "hybrid"]
    assert added["aaguid"].replace("-", "") == authenticator.aaguid.hex()

    # A second registration excludes the passkey already held.
    again = json.loads((await begin_registration(api, token))["options"])
    first_id = b64url(authenticator.credentials[0].credential_id)
    assert [c["id"] for c in again["excludeCredentials"]] == [first_id]

    listed = (await api.data(MY_PASSKEYS, token=token))["myPasskeys"]
    assert [p["id"] for p in listed] == [added["id"]]
    assert listed[0]["lastUsedAt"] is None

    # Sign in: discoverable credentials, nothing named.
    login = await begin_login(api)
    login_options = json.loads(login["options"])
    assert login_options["allowCredentials"] == []
    assert login_options["userVerification"] == "required"
    signed = await finish_login(api, login["challengeId"], authenticator.get(login["options"]))
    assert signed["__typename"] == "AuthSuccess", signed
    me = (await api.data(ME, token=signed["accessToken"]))["me"]
    assert me["subject"].startswith("person:") and me["kind"] == "person"
    assert me["amr"] == ["hwk", "user"]

    row = await Passkey.select(Passkey.sign_count, Passkey.last_used_at).first()
    assert row is not None and row["sign_count"] == 1 and row["last_used_at"] is not None
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    assert "identity.passkey_added" in actions
    assert actions.count("identity.login") == 2  # registration, then the passkey


async def test_several_passkeys_each_sign_in(
    api: Api, person_named: Callable[[str], SandboxPerson], identity_settings: Settings
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    origin = relying_party(identity_settings).origins[0]
    laptop, phone = SoftAuthenticator(origin), SoftAuthenticator(origin, backup_eligible=False)
    assert (await add_passkey(api, token, laptop))["__typename"] == "Passkey"
    second = await add_passkey(api, token, phone)
    assert second["deviceType"] == "single_device" and second["backedUp"] is False
    assert len((await api.data(MY_PASSKEYS, token=token))["myPasskeys"]) == 2
    for device in (laptop, phone):
        assert (await passkey_login(api, device))["__typename"] == "AuthSuccess"


async def test_a_challenge_is_used_once(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    begun = await begin_registration(api, token)
    credential = authenticator.create(begun["options"])
    assert (await finish_registration(api, token, begun["challengeId"], credential))[
        "__typename"
    ] == "Passkey"
    replayed = await finish_registration(api, token, begun["challengeId"], credential)
    assert replayed["code"] == "CODE_INVALID"

    login = await begin_login(api)
    assertion = authenticator.get(login["options"])
    assert (await finish_login(api, login["challengeId"], assertion))["__typename"] == "AuthSuccess"
    again = await finish_login(api, login["challengeId"], assertion)
    assert (again["__typename"], again["code"]) == ("IdentityError", "CODE_INVALID")
    used = await WebAuthnChallenge.select(WebAuthnChallenge.used_at).where(
        WebAuthnChallenge.id == login["challengeId"]
    )
    assert used[0]["used_at"] is not None


async def test_an_expired_challenge_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    begun = await begin_registration(api, token)
    assert json.loads(begun["options"])["timeout"] == 120_000
    credential = authenticator.create(begun["options"])
    with clock.frozen_at(clock.now() + timedelta(minutes=2, seconds=1)):
        late = await finish_registration(api, token, begun["challengeId"], credential)
    assert late["code"] == "CODE_INVALID"
    assert await Passkey.count() == 0

    assert (await add_passkey(api, token, authenticator))["__typename"] == "Passkey"
    login = await begin_login(api)
    assertion = authenticator.get(login["options"])
    with clock.frozen_at(clock.now() + timedelta(minutes=3)):
        late_login = await finish_login(api, login["challengeId"], assertion)
    assert late_login["code"] == "CODE_INVALID"


async def test_a_challenge_is_bound_to_its_purpose_and_owner(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    alice = await signed_in(api, person_named("陈明辉"))
    bob = await signed_in(api, person_named("林淑芬"))
    begun = await begin_registration(api, alice)
    credential = authenticator.create(begun["options"])
    stolen = await finish_registration(api, bob, begun["challengeId"], credential)
    assert stolen["code"] == "CODE_INVALID"

    # A sign-in challenge does not finish a registration.
    login = await begin_login(api)
    forged = authenticator.create(
        begun["options"], challenge=json.loads(login["options"])["challenge"]
    )
    wrong_purpose = await finish_registration(api, alice, login["challengeId"], forged)
    assert wrong_purpose["code"] == "CODE_INVALID"

    # A challenge answered with another challenge's value is refused by the check itself.
    fresh = await begin_registration(api, alice)
    mismatched = await finish_registration(api, alice, fresh["challengeId"], credential)
    assert (mismatched["code"], mismatched["failedChecks"]) == (
        "VERIFICATION_FAILED",
        ["challenge"],
    )
    assert await Passkey.count() == 0


async def test_a_wrong_origin_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    phished = await add_passkey(api, token, authenticator, origin="https://0netap.example")
    assert phished["__typename"] == "VerificationFailedError", phished
    assert phished["failedChecks"] == ["origin"]
    assert await Passkey.count() == 0

    authenticator.credentials.clear()
    assert (await add_passkey(api, token, authenticator))["__typename"] == "Passkey"
    refused = await passkey_login(api, authenticator, origin="https://0netap.example")
    assert (refused["code"], refused["failedChecks"]) == ("VERIFICATION_FAILED", ["origin"])


async def test_user_verification_is_required(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    unverified = await add_passkey(api, token, authenticator, uv=False)
    assert unverified["failedChecks"] == ["user_verification"]
    assert await Passkey.count() == 0

    authenticator.credentials.clear()
    assert (await add_passkey(api, token, authenticator))["__typename"] == "Passkey"
    refused = await passkey_login(api, authenticator, uv=False)
    assert (refused["code"], refused["failedChecks"]) == (
        "VERIFICATION_FAILED",
        ["user_verification"],
    )
    assert (await passkey_login(api, authenticator))["__typename"] == "AuthSuccess"


async def test_a_credential_id_belongs_to_one_account(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    alice = await signed_in(api, person_named("陈明辉"))
    bob = await signed_in(api, person_named("林淑芬"))
    assert (await add_passkey(api, alice, authenticator))["__typename"] == "Passkey"
    duplicate = await add_passkey(api, bob, authenticator, reuse=authenticator.credentials[0])
    assert (duplicate["__typename"], duplicate["code"]) == ("IdentityError", "ALREADY_EXISTS")
    # Alice's own second registration of it is refused the same way.
    again = await add_passkey(api, alice, authenticator, reuse=authenticator.credentials[0])
    assert again["code"] == "ALREADY_EXISTS"
    assert await Passkey.count() == 1


async def test_a_signature_counter_that_goes_back_is_refused_and_reported(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    assert (await add_passkey(api, token, authenticator))["__typename"] == "Passkey"
    assert (await passkey_login(api, authenticator, sign_count=5))["__typename"] == "AuthSuccess"
    for count in (5, 3):
        cloned = await passkey_login(api, authenticator, sign_count=count)
        assert (cloned["code"], cloned["failedChecks"]) == ("VERIFICATION_FAILED", ["sign_count"])
    reports = await AuditEntry.select(AuditEntry.action, AuditEntry.data).where(
        AuditEntry.action == "identity.passkey_clone_suspected"
    )
    assert len(reports) == 2
    data = reports[0]["data"]
    data = json.loads(data) if isinstance(data, str) else data
    assert data == {"stored_sign_count": 5, "presented_sign_count": 5}
    row = await Passkey.select(Passkey.sign_count).first()
    assert row is not None and row["sign_count"] == 5
    assert (await passkey_login(api, authenticator, sign_count=6))["__typename"] == "AuthSuccess"


async def test_an_authenticator_without_a_counter_signs_in_repeatedly(
    api: Api, person_named: Callable[[str], SandboxPerson], identity_settings: Settings
) -> None:
    device = SoftAuthenticator(relying_party(identity_settings).origins[0], counts_signatures=False)
    token = await signed_in(api, person_named("陈明辉"))
    assert (await add_passkey(api, token, device))["__typename"] == "Passkey"
    for _ in range(2):
        assert (await passkey_login(api, device))["__typename"] == "AuthSuccess"


async def test_a_passkey_for_another_user_handle_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    assert (await add_passkey(api, token, authenticator))["__typename"] == "Passkey"
    refused = await passkey_login(api, authenticator, user_handle=b"\x01" * 32)
    assert refused["failedChecks"] == ["user_handle"]


async def test_unknown_or_malformed_credentials_are_refused(
    api: Api, authenticator: SoftAuthenticator
) -> None:
    authenticator.credentials.clear()
    stranger = SoftAuthenticator(authenticator.origin)
    stranger.create(
        json.dumps(
            {
                "rp": {"id": relying_party(api.app.state.identity.settings).id},
                "user": {"id": b64url(b"x" * 32)},
                "challenge": b64url(b"c" * 32),
                "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
            }
        )
    )
    unknown = await passkey_login(api, stranger)
    assert (unknown["__typename"], unknown["code"]) == ("IdentityError", "LOGIN_FAILED")
    begun = await begin_login(api)
    garbage = await finish_login(api, begun["challengeId"], "{not json")
    assert (garbage["code"], garbage["field"]) == ("INVALID_INPUT", "credential")
    nonsense_id = await finish_login(api, "not-a-uuid", "{}")
    assert nonsense_id["code"] == "CODE_INVALID"


async def test_removing_passkeys(
    api: Api, person_named: Callable[[str], SandboxPerson], identity_settings: Settings
) -> None:
    origin = relying_party(identity_settings).origins[0]
    alice = await signed_in(api, person_named("陈明辉"))
    bob = await signed_in(api, person_named("林淑芬"))
    alice_device, bob_device = SoftAuthenticator(origin), SoftAuthenticator(origin)
    alices = await add_passkey(api, alice, alice_device)
    bobs = await add_passkey(api, bob, bob_device)

    taken = (await api.data(REMOVE, {"id": bobs["id"]}, alice))["removePasskey"]
    assert (taken["__typename"], taken["code"]) == ("IdentityError", "NOT_FOUND")
    garbage = (await api.data(REMOVE, {"id": "nope"}, alice))["removePasskey"]
    assert garbage["code"] == "NOT_FOUND"
    assert await Passkey.count() == 2

    # A resident may remove their last passkey: the password still signs them in.
    removed = (await api.data(REMOVE, {"id": alices["id"]}, alice))["removePasskey"]
    assert removed["__typename"] == "Done"
    assert (await api.data(MY_PASSKEYS, token=alice))["myPasskeys"] == []
    assert [str(r["id"]) for r in await Passkey.select(Passkey.id)] == [bobs["id"]]
    gone = await passkey_login(api, alice_device)
    assert gone["code"] == "LOGIN_FAILED"
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    assert "identity.passkey_removed" in actions


async def test_passkey_management_needs_a_sign_in(api: Api) -> None:
    assert await api.error_code(MY_PASSKEYS) == "UNAUTHENTICATED"
    assert await api.error_code(BEGIN_REGISTRATION) == "UNAUTHENTICATED"
    assert await api.error_code(REMOVE, {"id": "x"}) == "UNAUTHENTICATED"


async def test_renaming_a_passkey(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    rename = f"""mutation($id: ID!, $n: String!) {{ renamePasskey(id: $id, nickname: $n) {{
        {PASSKEY_FIELDS} }} }}"""
    alice = await signed_in(api, person_named("陈明辉"))
    bob = await signed_in(api, person_named("林淑芬"))
    added = await add_passkey(api, alice, authenticator)
    renamed = (await api.data(rename, {"id": added["id"], "n": " Work laptop "}, alice))[
        "renamePasskey"
    ]
    assert (renamed["__typename"], renamed["nickname"]) == ("Passkey", "Work laptop")
    too_long = (await api.data(rename, {"id": added["id"], "n": "x" * 65}, alice))["renamePasskey"]
    assert (too_long["field"], too_long["reason"]) == ("nickname", "format")
    not_bobs = (await api.data(rename, {"id": added["id"], "n": "Mine now"}, bob))["renamePasskey"]
    assert not_bobs["code"] == "NOT_FOUND"
    listed = (await api.data(MY_PASSKEYS, token=alice))["myPasskeys"]
    assert [p["nickname"] for p in listed] == ["Work laptop"]


async def test_a_credential_the_browser_reports_as_not_discoverable_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson], authenticator: SoftAuthenticator
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    begun = await begin_registration(api, token)
    assert json.loads(begun["options"])["extensions"] == {"credProps": True}
    credential = json.loads(authenticator.create(begun["options"]))
    credential["clientExtensionResults"] = {"credProps": {"rk": False}}
    refused = await finish_registration(api, token, begun["challengeId"], json.dumps(credential))
    assert (refused["code"], refused["failedChecks"]) == ("VERIFICATION_FAILED", ["resident_key"])
    assert await Passkey.count() == 0
