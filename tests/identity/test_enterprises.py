"""Binding enterprises and raising their tier, against real PostgreSQL over GraphQL."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from core import clock
from core.audit.tables import AuditEntry
from identity.providers.sandbox import (
    SandboxCompany,
    SandboxPerson,
    issue_sandbox_certificate,
    sandbox_companies,
)
from identity.tables import AttemptCounter, Enterprise, Person, TierEvidence, WebAuthnChallenge
from tests.identity.conftest import Api

COMPANIES = {c.name: c for c in sandbox_companies()}
MINJIANG = COMPANIES["福州闽江数字科技有限公司"]  # legal representative 陈明辉
LUJIANG = COMPANIES["厦门鹭江贸易有限公司"]  # legal representative 林淑芬

ENTERPRISE_RESULT = """__typename
    ... on Enterprise { id name creditCode registrationNumber tier legalRepresentativeName
        viewerIsLegalRepresentative evidence { method tier provider } }
    ... on UserError { code message }
    ... on InvalidInputError { field reason }
    ... on RateLimitedError { retryAfterSeconds }
    ... on VerificationFailedError { failedChecks }
    ... on ProviderUnavailableError { provider timedOut }"""

BIND = f"""mutation($i: BindEnterpriseInput!) {{ bindEnterprise(input: $i) {{ {ENTERPRISE_RESULT} }} }}"""
TAX = f"""mutation($e: ID!, $t: String!) {{
    verifyEnterpriseTaxAccount(enterpriseId: $e, taxAccount: $t) {{ {ENTERPRISE_RESULT} }} }}"""
BEGIN_CERT = """mutation($e: ID!) { beginEnterpriseCertificateCheck(enterpriseId: $e) {
    __typename ... on EnterpriseCertificateChallenge { challengeId challenge expiresAt }
    ... on UserError { code message } } }"""
FINISH_CERT = f"""mutation($e: ID!, $c: ID!, $p: String!, $s: String!) {{
    finishEnterpriseCertificateCheck(enterpriseId: $e, challengeId: $c, certificatePem: $p,
        signature: $s) {{ {ENTERPRISE_RESULT} }} }}"""
ENTERPRISE = """query($e: ID!) { enterprise(id: $e) { id name tier legalRepresentativeName
    viewerIsLegalRepresentative evidence { method tier } } }"""


async def signed_in(api: Api, person: SandboxPerson) -> str:
    """Register ``person`` and return their access token."""
    result = await api.register(person)
    assert result["__typename"] == "AuthSuccess", result
    token: str = result["accessToken"]
    return token


async def bind(
    api: Api, token: str | None, company: SandboxCompany = MINJIANG, **changes: str
) -> dict[str, Any]:
    form = {
        "name": company.name,
        "registrationNumber": company.registration_number,
        "creditCode": company.credit_code,
    }
    form.update(changes)
    data = await api.data(BIND, {"i": form}, token)
    result: dict[str, Any] = data["bindEnterprise"]
    return result


async def bound_enterprise(
    api: Api, person_named: Callable[[str], SandboxPerson], company: SandboxCompany = MINJIANG
) -> tuple[str, str]:
    """(token of the legal representative, enterprise id) for ``company``."""
    token = await signed_in(api, person_named(company.legal_representative_name))
    result = await bind(api, token, company)
    assert result["__typename"] == "Enterprise", result
    return token, result["id"]


def sign(key: ec.EllipticCurvePrivateKey, challenge_b64: str) -> str:
    signature = key.sign(base64.b64decode(challenge_b64), ec.ECDSA(hashes.SHA256()))
    return base64.b64encode(signature).decode()


async def enterprise_evidence(enterprise_id: str) -> list[dict[str, Any]]:
    return list(
        await TierEvidence.select(TierEvidence.tier, TierEvidence.method).where(
            TierEvidence.subject == f"enterprise:{enterprise_id}"
        )
    )


# --- Binding ---------------------------------------------------------------------------


async def test_legal_representative_binds_with_evidence_and_audit(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    # Lower-case and surrounding spaces are normalised before any check.
    result = await bind(api, token, creditCode=f" {MINJIANG.credit_code.lower()} ")
    assert result["__typename"] == "Enterprise", result
    assert result["creditCode"] == MINJIANG.credit_code
    assert result["tier"] == "BASIC"
    assert result["legalRepresentativeName"] == "陈明辉"
    assert result["viewerIsLegalRepresentative"] is True
    assert result["evidence"] == [
        {"method": "business_registry", "tier": "BASIC", "provider": "sandbox"}
    ]

    row = await Enterprise.select().first()
    person = await Person.select(Person.id).first()
    assert row is not None and person is not None
    assert row["legal_representative"] == person["id"]
    assert row["tier"] == "basic"
    assert await enterprise_evidence(result["id"]) == [
        {"tier": "basic", "method": "business_registry"}
    ]
    audit = await AuditEntry.select(AuditEntry.action, AuditEntry.data).where(
        AuditEntry.subject_id == result["id"]
    )
    actions = [a["action"] for a in audit]
    assert "identity.enterprise_bound" in actions
    assert "identity.tier_evidence_added" in actions
    # No personal identifier of the representative in the audit trail.
    assert person_named("陈明辉").id_number not in str(audit)

    again = await bind(api, token)
    assert (again["__typename"], again["code"]) == ("IdentityError", "ALREADY_EXISTS")
    assert await Enterprise.count() == 1

    seen = (await api.data(ENTERPRISE, {"e": result["id"]}, token))["enterprise"]
    assert seen["name"] == MINJIANG.name
    assert seen["evidence"] == [{"method": "business_registry", "tier": "BASIC"}]


async def test_anonymous_viewer_must_sign_in_and_verify_to_bind(api: Api) -> None:
    body = await api.gql(
        BIND,
        {
            "i": {
                "name": MINJIANG.name,
                "registrationNumber": MINJIANG.registration_number,
                "creditCode": MINJIANG.credit_code,
            }
        },
    )
    extensions = body["errors"][0]["extensions"]
    assert extensions["code"] == "INSUFFICIENT_USER_AUTHENTICATION"
    assert extensions["requiredTier"] == "basic"
    assert extensions["acrValues"] == "urn:onetap:acr:basic"
    assert await Enterprise.count() == 0


async def test_a_person_who_is_not_the_legal_representative_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("郑雅婷"))
    result = await bind(api, token)
    assert result["__typename"] == "VerificationFailedError", result
    assert result["code"] == "REGISTRY_MISMATCH"
    assert result["failedChecks"] == ["legal_representative"]
    # Says which check failed, never what the registry holds.
    assert "陈明辉" not in result["message"]
    assert await Enterprise.count() == 0
    assert await TierEvidence.count() == 1  # only the person's own registration


async def test_wrong_name_or_registration_number_is_reported_by_check(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    result = await bind(
        api, token, name="福州闽江科技有限公司", registrationNumber="350102110008171"
    )
    assert result["failedChecks"] == ["name", "registration_number"]
    assert await Enterprise.count() == 0


async def test_bad_credit_code_is_refused_before_the_registry(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    code = MINJIANG.credit_code
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    result = await bind(api, token, creditCode=bad)
    assert result["__typename"] == "InvalidInputError", result
    assert (result["field"], result["reason"]) == ("creditCode", "checksum")
    result = await bind(api, token, creditCode="91350102MA2XK8N3")
    assert (result["field"], result["reason"]) == ("creditCode", "format")
    assert await Enterprise.count() == 0
    # The registry was never asked: no enterprise attempt was counted.
    keys = [r["key"] for r in await AttemptCounter.select(AttemptCounter.key)]
    assert not [k for k in keys if k.startswith("enterprise:")]


async def test_registry_failure_and_timeout_store_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    # The sandbox business registry applies the magic words to the enterprise name.
    failed = await bind(api, token, name="福州闽江数字科技失败有限公司")
    assert failed["__typename"] == "ProviderUnavailableError", failed
    assert (failed["provider"], failed["timedOut"]) == ("business registry", False)
    timed_out = await bind(api, token, name="福州闽江数字科技超时有限公司")
    assert timed_out["__typename"] == "ProviderUnavailableError", timed_out
    assert timed_out["timedOut"] is True
    assert await Enterprise.count() == 0
    assert await TierEvidence.count() == 1  # only the person's own registration
    # After the outage the same person binds normally.
    assert (await bind(api, token))["__typename"] == "Enterprise"


async def test_attempts_are_limited_per_credit_code(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("郑雅婷"))
    for _ in range(5):
        assert (await bind(api, token))["code"] == "REGISTRY_MISMATCH"
    limited = await bind(api, token)
    assert limited["__typename"] == "RateLimitedError", limited
    assert limited["retryAfterSeconds"] > 0


# --- Tax account -------------------------------------------------------------------------


async def test_tax_account_raises_the_enterprise_to_intermediate(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    mismatch = (await api.data(TAX, {"e": enterprise_id, "t": "TAX35010210000"}, token))[
        "verifyEnterpriseTaxAccount"
    ]
    assert mismatch["__typename"] == "VerificationFailedError", mismatch
    assert mismatch["code"] == "VERIFICATION_FAILED"
    assert mismatch["failedChecks"] == ["tax_account"]
    for account, timed_out in (("TAX35010219999", True), ("TAX35010218888", False)):
        down = (await api.data(TAX, {"e": enterprise_id, "t": account}, token))[
            "verifyEnterpriseTaxAccount"
        ]
        assert down["__typename"] == "ProviderUnavailableError", down
        assert (down["provider"], down["timedOut"]) == ("tax bureau", timed_out)
    assert await enterprise_evidence(enterprise_id) == [
        {"tier": "basic", "method": "business_registry"}
    ]
    row = await Enterprise.select(Enterprise.tier).first()
    assert row is not None and row["tier"] == "basic"

    ok = (await api.data(TAX, {"e": enterprise_id, "t": "TAX35010212345"}, token))[
        "verifyEnterpriseTaxAccount"
    ]
    assert ok["__typename"] == "Enterprise", ok
    assert ok["tier"] == "INTERMEDIATE"
    assert {"method": "tax_account", "tier": "INTERMEDIATE", "provider": "sandbox"} in ok[
        "evidence"
    ]
    row = await Enterprise.select(Enterprise.tier).first()
    assert row is not None and row["tier"] == "intermediate"
    audit = await AuditEntry.select(AuditEntry.data).where(
        (AuditEntry.action == "identity.tier_evidence_added")
        & (AuditEntry.subject_id == enterprise_id)
    )
    assert any(json.loads(a["data"]).get("method") == "tax_account" for a in audit)


async def test_only_the_legal_representative_raises_the_tier(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    _, enterprise_id = await bound_enterprise(api, person_named)
    stranger = await signed_in(api, person_named("郑雅婷"))
    code = await api.error_code(TAX, {"e": enterprise_id, "t": "TAX35010212345"}, stranger)
    assert code == "FORBIDDEN"
    assert await api.error_code(BEGIN_CERT, {"e": enterprise_id}, stranger) == "FORBIDDEN"
    assert await api.error_code(TAX, {"e": "not-a-uuid", "t": "TAX1"}, stranger) == "FORBIDDEN"
    anonymous = await api.gql(TAX, {"e": enterprise_id, "t": "TAX35010212345"})
    assert anonymous["errors"][0]["extensions"]["code"] == "INSUFFICIENT_USER_AUTHENTICATION"
    row = await Enterprise.select(Enterprise.tier).first()
    assert row is not None and row["tier"] == "basic"


# --- Enterprise certificate --------------------------------------------------------------


async def _challenge(api: Api, token: str, enterprise_id: str) -> dict[str, Any]:
    data = await api.data(BEGIN_CERT, {"e": enterprise_id}, token)
    challenge: dict[str, Any] = data["beginEnterpriseCertificateCheck"]
    assert challenge["__typename"] == "EnterpriseCertificateChallenge", challenge
    return challenge


async def _finish(
    api: Api, token: str, enterprise_id: str, challenge_id: str, pem: str, signature: str
) -> dict[str, Any]:
    data = await api.data(
        FINISH_CERT,
        {"e": enterprise_id, "c": challenge_id, "p": pem, "s": signature},
        token,
    )
    result: dict[str, Any] = data["finishEnterpriseCertificateCheck"]
    return result


async def test_certificate_signing_the_challenge_raises_the_tier_once(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    pem, key = issue_sandbox_certificate(MINJIANG.credit_code, MINJIANG.name)
    challenge = await _challenge(api, token, enterprise_id)
    assert len(base64.b64decode(challenge["challenge"])) == 32
    stored = await WebAuthnChallenge.select().first()
    assert stored is not None
    assert (stored["purpose"], stored["owner"]) == (
        "enterprise_certificate",
        f"enterprise:{enterprise_id}",
    )
    signature = sign(key, challenge["challenge"])
    ok = await _finish(api, token, enterprise_id, challenge["challengeId"], pem, signature)
    assert ok["__typename"] == "Enterprise", ok
    assert ok["tier"] == "INTERMEDIATE"
    assert {"method": "enterprise_certificate", "tier": "INTERMEDIATE", "provider": "sandbox"} in (
        ok["evidence"]
    )
    # The same challenge and signature again: refused, nothing added.
    replay = await _finish(api, token, enterprise_id, challenge["challengeId"], pem, signature)
    assert (replay["__typename"], replay["code"]) == ("IdentityError", "CODE_INVALID")
    assert len(await enterprise_evidence(enterprise_id)) == 2


async def test_wrong_key_or_other_enterprises_certificate_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    pem, _key = issue_sandbox_certificate(MINJIANG.credit_code, MINJIANG.name)
    stranger = ec.generate_private_key(ec.SECP256R1())
    challenge = await _challenge(api, token, enterprise_id)
    result = await _finish(
        api,
        token,
        enterprise_id,
        challenge["challengeId"],
        pem,
        sign(stranger, challenge["challenge"]),
    )
    assert result["__typename"] == "VerificationFailedError", result
    assert result["failedChecks"] == ["signature"]

    other_pem, other_key = issue_sandbox_certificate(LUJIANG.credit_code, LUJIANG.name)
    challenge = await _challenge(api, token, enterprise_id)
    result = await _finish(
        api,
        token,
        enterprise_id,
        challenge["challengeId"],
        other_pem,
        sign(other_key, challenge["challenge"]),
    )
    assert result["failedChecks"] == ["credit_code"]

    # A certificate whose organisation carries the CA's magic word: the CA failed.
    magic_pem, magic_key = issue_sandbox_certificate(MINJIANG.credit_code, "福州闽江失败有限公司")
    challenge = await _challenge(api, token, enterprise_id)
    result = await _finish(
        api,
        token,
        enterprise_id,
        challenge["challengeId"],
        magic_pem,
        sign(magic_key, challenge["challenge"]),
    )
    assert result["__typename"] == "ProviderUnavailableError", result

    assert await enterprise_evidence(enterprise_id) == [
        {"tier": "basic", "method": "business_registry"}
    ]


async def test_expired_or_foreign_challenge_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token, enterprise_id = await bound_enterprise(api, person_named)
    pem, key = issue_sandbox_certificate(MINJIANG.credit_code, MINJIANG.name)
    challenge = await _challenge(api, token, enterprise_id)
    signature = sign(key, challenge["challenge"])
    with clock.frozen_at(clock.now() + timedelta(minutes=6)):
        stale = await _finish(api, token, enterprise_id, challenge["challengeId"], pem, signature)
    assert stale["code"] == "CODE_INVALID"

    # A challenge issued for another enterprise cannot be spent on this one.
    other_token, other_id = await bound_enterprise(api, person_named, LUJIANG)
    foreign = await _challenge(api, other_token, other_id)
    result = await _finish(
        api, token, enterprise_id, foreign["challengeId"], pem, sign(key, foreign["challenge"])
    )
    assert result["code"] == "CODE_INVALID"
    bad = await _finish(api, token, enterprise_id, challenge["challengeId"], pem, "not base64!")
    assert (bad["__typename"], bad["field"]) == ("InvalidInputError", "signature")
    row = await Enterprise.select(Enterprise.tier).where(Enterprise.id == enterprise_id).first()
    assert row is not None and row["tier"] == "basic"


# --- Visibility ---------------------------------------------------------------------------


async def test_enterprise_is_hidden_from_strangers(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    _, enterprise_id = await bound_enterprise(api, person_named)
    stranger = await signed_in(api, person_named("郑雅婷"))
    assert await api.error_code(ENTERPRISE, {"e": enterprise_id}, stranger) == "FORBIDDEN"
    assert await api.error_code(ENTERPRISE, {"e": enterprise_id}) == "UNAUTHENTICATED"
