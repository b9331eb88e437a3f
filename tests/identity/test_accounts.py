"""Registering, signing in, refreshing and signing out, against real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from api.app import create_app
from core.audit.tables import AuditEntry
from core.settings import Settings
from identity.providers.sandbox import SandboxPerson
from identity.tables import AttemptCounter, AuthSession, Person, TierEvidence
from tests.api.conftest import serving
from tests.identity.conftest import AUTH_FIELDS, PASSWORD, Api

ME = "{ me { subject tier person { name maskedIdNumber maskedPhone tier evidence { method tier } } } }"


async def test_register_makes_a_basic_person_with_evidence(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    result = await api.register(person)
    assert result["__typename"] == "AuthSuccess", result
    me = (await api.data(ME, token=result["accessToken"]))["me"]
    assert me["tier"] == "BASIC"
    profile = me["person"]
    assert profile["name"] == "陈明辉"
    assert profile["maskedIdNumber"] == person.id_number[:3] + "*" * 11 + person.id_number[-4:]
    assert profile["maskedPhone"] == person.phone[:3] + "****" + person.phone[-4:]
    assert profile["evidence"] == [{"method": "population_registry", "tier": "BASIC"}]
    # At rest: neither the ID number nor the phone in clear.
    row = await Person.select().first()
    assert row is not None
    assert person.id_number not in str(row) and person.phone not in str(row)
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    assert "identity.registered" in actions and "identity.tier_evidence_added" in actions


async def test_registry_mismatch_says_which_check_and_creates_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("林淑芬")
    result = await api.register(person, ethnicity="02")
    assert result["__typename"] == "VerificationFailedError"
    assert result["code"] == "REGISTRY_MISMATCH"
    assert result["failedChecks"] == ["ethnicity"]
    assert await Person.count() == 0
    assert await TierEvidence.count() == 0


async def test_local_id_checks_refuse_before_the_registry(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    bad_checksum = person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1")
    result = await api.register(person, idNumber=bad_checksum)
    assert result["__typename"] == "InvalidInputError"
    assert (result["field"], result["reason"]) == ("idNumber", "checksum")
    wrong_sex = "F" if person.sex == "M" else "M"
    result = await api.register(person, sex=wrong_sex)
    assert (result["field"], result["reason"]) == ("sex", "sex_mismatch")
    assert await Person.count() == 0


async def test_lowercase_x_is_accepted_and_normalised(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("林淑芬")
    assert person.id_number.endswith("X")
    result = await api.register(person, idNumber=person.id_number.lower())
    assert result["__typename"] == "AuthSuccess", result
    login = await api.login(person.id_number.lower())
    assert login["__typename"] == "AuthSuccess"


async def test_password_containing_the_id_number_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    result = await api.register(person, password=f"pw{person.id_number}")
    assert (result["field"], result["reason"]) == ("password", "contains_id_number")


async def test_provider_failure_and_timeout_raise_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    cases = (("王失败", False, "13912345678"), ("李超时", True, "13912345679"))
    for name, timed_out, phone in cases:
        # Phones of their own: the sandbox people's phones may carry SMS magic too.
        result = await api.register(person_named(name), phone=phone)
        assert result["__typename"] == "ProviderUnavailableError", result
        assert result["timedOut"] is timed_out
    assert await Person.count() == 0


async def test_wrong_sms_code_is_refused_and_burnt_after_five_guesses(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    await api.send_code(person.phone, "REGISTER")
    real = await api.sms_code(person.phone)
    wrong = "000000" if real != "000000" else "111111"
    for _ in range(5):
        data = await api.data(
            f"mutation($i: RegisterInput!) {{ register(input: $i) {{ {AUTH_FIELDS} }} }}",
            {"i": _form(person, wrong)},
        )
        assert data["register"]["code"] == "CODE_INVALID"
    data = await api.data(
        f"mutation($i: RegisterInput!) {{ register(input: $i) {{ {AUTH_FIELDS} }} }}",
        {"i": _form(person, real)},
    )
    assert data["register"]["code"] == "CODE_INVALID", "a burnt code must stay burnt"


def _form(person: SandboxPerson, code: str) -> dict[str, str]:
    return {
        "name": person.name,
        "idNumber": person.id_number,
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "phone": person.phone,
        "smsCode": code,
        "password": PASSWORD,
    }


async def test_login_by_password_and_lockout_with_backoff(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    await api.register(person)
    ok = await api.login(person.phone)
    assert ok["__typename"] == "AuthSuccess"
    for _ in range(5):
        failed = await api.login(person.id_number, "wrong password!!")
        assert failed["code"] == "LOGIN_FAILED"
    locked = await api.login(person.id_number)
    assert locked["__typename"] == "RateLimitedError"
    assert locked["code"] == "ACCOUNT_LOCKED"
    assert locked["retryAfterSeconds"] > 0


async def test_unknown_identifier_locks_on_the_identifier_too(api: Api) -> None:
    for _ in range(10):
        failed = await api.login("11010519491231002X", "whatever password")
        assert failed["code"] == "LOGIN_FAILED"
    locked = await api.login("11010519491231002X", "whatever password")
    assert locked["code"] == "ACCOUNT_LOCKED"


async def test_sms_sends_are_limited_per_phone(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    first = await api.send_code(person.phone, "LOGIN")
    assert first["__typename"] == "SmsCodeSent"
    again = await api.send_code(person.phone, "LOGIN")
    assert again["__typename"] == "RateLimitedError"
    assert again["code"] == "RATE_LIMITED"


async def test_sms_gateway_failure_is_reported(api: Api) -> None:
    result = await api.send_code("13800000000", "LOGIN")
    assert result["__typename"] == "ProviderUnavailableError"


async def test_login_by_sms(api: Api, person_named: Callable[[str], SandboxPerson]) -> None:
    person = person_named("陈明辉")
    await api.register(person)
    code = await api.fresh_code(person.phone, "LOGIN")
    data = await api.data(
        f"mutation($p: String!, $c: String!) {{ loginWithSms(phone: $p, code: $c) {{ {AUTH_FIELDS} }} }}",
        {"p": person.phone, "c": code},
    )
    assert data["loginWithSms"]["__typename"] == "AuthSuccess"


REFRESH = f"mutation($t: String!) {{ refreshSession(refreshToken: $t) {{ {AUTH_FIELDS} }} }}"


async def test_refresh_rotates_and_reuse_revokes_the_family(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    tokens = await api.register(person_named("陈明辉"))
    first = (await api.data(REFRESH, {"t": tokens["refreshToken"]}))["refreshSession"]
    assert first["__typename"] == "AuthSuccess"
    assert first["refreshToken"] != tokens["refreshToken"]
    reused = (await api.data(REFRESH, {"t": tokens["refreshToken"]}))["refreshSession"]
    assert reused["code"] == "SESSION_INVALID"
    # The legitimate newest token is now dead too, and so is its access token.
    after = (await api.data(REFRESH, {"t": first["refreshToken"]}))["refreshSession"]
    assert after["code"] == "SESSION_INVALID"
    response = await api.post(ME, token=first["accessToken"])
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
    session = await AuthSession.select(AuthSession.revoke_reason).first()
    assert session is not None and session["revoke_reason"] == "refresh_token_reuse"


async def test_logout_and_revoking_another_device(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    phone_tokens = await api.register(person)
    laptop = await api.login(person.phone)
    sessions = (await api.data("{ mySessions { id current } }", token=laptop["accessToken"]))[
        "mySessions"
    ]
    assert len(sessions) == 2
    other = next(s for s in sessions if not s["current"])
    assert other["id"] == phone_tokens["sessionId"]
    done = await api.data(
        "mutation($s: ID!) { revokeSession(sessionId: $s) { __typename } }",
        {"s": other["id"]},
        token=laptop["accessToken"],
    )
    assert done["revokeSession"]["__typename"] == "Done"
    assert (await api.post(ME, token=phone_tokens["accessToken"])).status_code == 401
    await api.data("mutation { logout { __typename } }", token=laptop["accessToken"])
    assert (await api.post(ME, token=laptop["accessToken"])).status_code == 401


async def test_cannot_revoke_someone_elses_session(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    mine = await api.register(person_named("陈明辉"))
    theirs = await api.register(person_named("林淑芬"))
    result = await api.data(
        "mutation($s: ID!) { revokeSession(sessionId: $s) { __typename ... on UserError { code } } }",
        {"s": theirs["sessionId"]},
        token=mine["accessToken"],
    )
    assert result["revokeSession"]["code"] == "NOT_FOUND"
    assert (await api.post(ME, token=theirs["accessToken"])).status_code == 200


async def test_recovery_drops_to_basic_and_signs_out_everywhere(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    from identity import evidence
    from identity.tiers import Tier

    person = person_named("陈明辉")
    old = await api.register(person)
    row = await Person.select(Person.id).first()
    assert row is not None
    subject = f"person:{row['id']}"
    await evidence.grant(
        subject=subject,
        tier=Tier.INTERMEDIATE,
        method="counter",
        provider="counter",
        provider_reference="t1",
        actor="staff:test",
    )
    assert (await Person.select(Person.tier).first() or {})["tier"] == "intermediate"
    code = await api.fresh_code(person.phone, "RECOVERY")
    data = await api.data(
        f"""mutation($i: String!, $p: String!, $c: String!, $n: String!) {{
            recoverAccount(idNumber: $i, phone: $p, smsCode: $c, newPassword: $n) {{ {AUTH_FIELDS} }} }}""",
        {"i": person.id_number, "p": person.phone, "c": code, "n": "a brand new secret"},
    )
    assert data["recoverAccount"]["__typename"] == "AuthSuccess"
    assert (await Person.select(Person.tier).first() or {})["tier"] == "basic"
    assert (await api.post(ME, token=old["accessToken"])).status_code == 401
    assert (await api.login(person.phone, "a brand new secret"))["__typename"] == "AuthSuccess"


async def test_failures_by_phone_count_against_the_id_number_too(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    from identity import limits

    person = person_named("陈明辉")
    await api.register(person)
    for _ in range(3):
        assert (await api.login(person.phone, "wrong password!!"))["code"] == "LOGIN_FAILED"
    rows = await AttemptCounter.select(AttemptCounter.key, AttemptCounter.failures)
    by_name = {r["key"].rsplit(":", 1)[0]: r["failures"] for r in rows}
    assert by_name[limits.LOGIN_ACCOUNT.name] == 3
    id_keys = [r for r in rows if r["key"].startswith(limits.LOGIN_ID_NUMBER.name)]
    assert len(id_keys) == 2, "the phone typed and the person's ID number are both counted"
    assert all(r["failures"] == 3 for r in id_keys)


async def test_limits_hold_across_replicas(
    database_url: str, identity_settings: Settings, person_named: Callable[[str], SandboxPerson]
) -> None:
    """Two API replicas on one database share the limits: the second sees the first's hits."""
    phone = person_named("陈明辉").phone
    first = create_app(identity_settings, database_url=database_url, run_worker=False)
    second = create_app(identity_settings, database_url=database_url, run_worker=False)
    async with serving(first) as http_a, serving(second) as http_b:
        replica_a, replica_b = Api(http_a, first), Api(http_b, second)
        sent = await replica_a.send_code(phone, "LOGIN")
        assert sent["__typename"] == "SmsCodeSent"
        refused = await replica_b.send_code(phone, "LOGIN")
        assert refused["__typename"] == "RateLimitedError"
        assert refused["code"] == "RATE_LIMITED"
