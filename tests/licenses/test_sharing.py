"""Sharing a license under the holder's consent: departments read only while a consent for
them is live, every read (granted or refused) is logged for the holder and audited."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest

from core import clock
from licenses.issuance import HolderRef
from licenses.runtime import LicenseRuntime
from licenses.types import LicenseTypeRow, upsert_type
from tests.casework import flow
from tests.casework.factories import ensure_department, publish_item
from tests.identity.actors import (
    AGENT_IN_SCOPE,
    AGENT_OUT_OF_SCOPE,
    BASIC,
    COMPANY,
    INTERMEDIATE,
    LEGAL_REPRESENTATIVE,
    World,
)
from tests.identity.conftest import Api
from tests.identity.test_agents import act_for
from tests.licenses.test_wallet import ERRORS, TAX_TYPE, audits, issue_to, person_of

#: The department the holder shares with, and one they do not.
GRANTEE = "350100-GA"
STRANGER = "350100-RS"
#: A service item handled by the grantee department.
GRANTEE_ITEM = "350100-TEST-0002"

CONSENT_FIELDS = """id licenseId departmentCode departmentName serviceItemCode serviceItemName
    purpose expiresAt createdAt withdrawnAt live"""
SHARE = f"""mutation($i: ShareLicenseInput!) {{ shareLicense(input: $i) {{ __typename
    ... on LicenseConsent {{ {CONSENT_FIELDS} }} {ERRORS} }} }}"""
WITHDRAW = f"""mutation($id: ID!) {{ withdrawLicenseConsent(consentId: $id) {{ __typename
    ... on LicenseConsent {{ {CONSENT_FIELDS} }} {ERRORS} }} }}"""
READ = f"""mutation($id: ID!, $p: String!) {{ readSharedLicense(licenseId: $id, purpose: $p) {{
    __typename ... on SharedLicense {{ license {{ id holderName status }}
        consent {{ {CONSENT_FIELDS} }} }} {ERRORS} }} }}"""
CONSENTS = f"query($id: ID!) {{ licenseConsents(licenseId: $id) {{ {CONSENT_FIELDS} }} }}"
LOG = """query($id: ID!) { licenseAccessLog(licenseId: $id) {
    id licenseId at departmentCode departmentName purpose granted refusal } }"""

PURPOSE = "核验居住信息"


def _iso(moment: datetime) -> str:
    return moment.isoformat()


async def share(
    api: Api,
    token: str | None,
    license_id: str,
    *,
    department: str | None = GRANTEE,
    item: str | None = None,
    purpose: str = "办理落户手续",
    expires: datetime | None = None,
) -> dict[str, Any]:
    form: dict[str, Any] = {
        "licenseId": license_id,
        "departmentCode": department,
        "serviceItemCode": item,
        "purpose": purpose,
        "expiresAt": _iso(expires or clock.now() + timedelta(days=7)),
    }
    return await flow.run(api, SHARE, {"i": form}, token)


async def withdraw(api: Api, token: str | None, consent_id: str) -> dict[str, Any]:
    return await flow.run(api, WITHDRAW, {"id": consent_id}, token)


async def read(
    api: Api, token: str | None, license_id: str, purpose: str = PURPOSE
) -> dict[str, Any]:
    return await flow.run(api, READ, {"id": license_id, "p": purpose}, token)


async def consents(api: Api, token: str | None, license_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await api.data(CONSENTS, {"id": license_id}, token))[
        "licenseConsents"
    ]
    return found


async def access_log(api: Api, token: str | None, license_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await api.data(LOG, {"id": license_id}, token))[
        "licenseAccessLog"
    ]
    return found


class Staff:
    """Signed-in window clerks of the grantee and of a stranger department."""

    def __init__(self, grantee: tuple[str, str], stranger: tuple[str, str]) -> None:
        self.grantee, self.grantee_id = grantee
        self.stranger, self.stranger_id = stranger


@pytest.fixture
async def staff(api: Api, world: World) -> Staff:
    for code in (GRANTEE, STRANGER):
        await ensure_department(code)
    return Staff(
        await flow.staff_in(api, world, ["window_clerk"], GRANTEE),
        await flow.staff_in(api, world, ["window_clerk"], STRANGER),
    )


@pytest.fixture
async def license_id(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow
) -> str:
    return await issue_to(runtime, license_type, person_of(world, BASIC))


def _refused(result: dict[str, Any], code: str) -> None:
    assert result["__typename"] == "LicenseError" and result["code"] == code, result


async def test_a_department_reads_only_under_a_live_consent_and_every_read_is_logged(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    holder = world.token(BASIC)
    expires = clock.now() + timedelta(days=7)
    consent = await share(api, holder, license_id, expires=expires)
    assert consent["__typename"] == "LicenseConsent", consent
    assert consent["licenseId"] == license_id and consent["live"] is True
    assert consent["departmentCode"] == GRANTEE and consent["departmentName"]
    assert consent["serviceItemCode"] is None and consent["withdrawnAt"] is None
    assert consent["purpose"] == "办理落户手续"
    assert datetime.fromisoformat(consent["expiresAt"]) == expires
    assert [c["id"] for c in await consents(api, holder, license_id)] == [consent["id"]]

    granted = await read(api, staff.grantee, license_id)
    assert granted["__typename"] == "SharedLicense", granted
    assert granted["license"]["id"] == license_id
    assert granted["license"]["holderName"] == "郑**"
    assert granted["consent"]["id"] == consent["id"]

    _refused(await read(api, staff.stranger, license_id, "核对身份信息"), "CONSENT_REQUIRED")

    log = await access_log(api, holder, license_id)
    assert [
        (e["departmentCode"], e["granted"], e["refusal"], e["purpose"], e["licenseId"]) for e in log
    ] == [
        (STRANGER, False, "CONSENT_REQUIRED", "核对身份信息", license_id),
        (GRANTEE, True, None, PURPOSE, license_id),
    ]
    assert all(e["departmentName"] for e in log)

    (given,) = await audits("licenses.consent_given", license_id)
    assert given["actor"] == f"person:{world.person_ids[BASIC]}"
    assert given["data"]["consent"] == consent["id"] and given["data"]["department"] == GRANTEE
    (read_granted,) = await audits("licenses.access_granted", license_id)
    assert read_granted["actor"] == f"staff:{staff.grantee_id}"
    assert read_granted["data"]["department"] == GRANTEE
    assert read_granted["data"]["consent"] == consent["id"]
    (read_refused,) = await audits("licenses.access_refused", license_id)
    assert read_refused["actor"] == f"staff:{staff.stranger_id}"
    assert read_refused["data"]["department"] == STRANGER
    assert read_refused["data"]["refusal"] == "CONSENT_REQUIRED"


async def test_the_issuing_department_too_reads_shared_only_under_consent(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    # Its staff see the license at their desk (license(id)), but a *shared* read is the
    # holder's to allow like any other department's.
    _refused(await read(api, world.token("window_clerk"), license_id), "CONSENT_REQUIRED")
    (entry,) = await access_log(api, world.token(BASIC), license_id)
    assert entry["granted"] is False and entry["refusal"] == "CONSENT_REQUIRED"


async def test_a_withdrawn_consent_refuses_the_next_read(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    holder = world.token(BASIC)
    consent = await share(api, holder, license_id)
    assert (await read(api, staff.grantee, license_id))["__typename"] == "SharedLicense"

    withdrawn = await withdraw(api, holder, consent["id"])
    assert withdrawn["__typename"] == "LicenseConsent", withdrawn
    assert withdrawn["id"] == consent["id"]
    assert withdrawn["withdrawnAt"] is not None and withdrawn["live"] is False
    (listed,) = await consents(api, holder, license_id)
    assert listed["live"] is False and listed["withdrawnAt"] == withdrawn["withdrawnAt"]

    _refused(await read(api, staff.grantee, license_id), "CONSENT_WITHDRAWN")
    log = await access_log(api, holder, license_id)
    assert [(e["granted"], e["refusal"]) for e in log] == [
        (False, "CONSENT_WITHDRAWN"),
        (True, None),
    ]
    refused = await audits("licenses.access_refused", license_id)
    assert [row["data"]["refusal"] for row in refused] == ["CONSENT_WITHDRAWN"]

    # Withdrawing again changes nothing and audits nothing more.
    again = await withdraw(api, holder, consent["id"])
    assert again["withdrawnAt"] == withdrawn["withdrawnAt"]
    assert len(await audits("licenses.consent_withdrawn", license_id)) == 1

    # A fresh consent lets the department read again.
    renewed = await share(api, holder, license_id)
    assert renewed["live"] is True
    granted = await read(api, staff.grantee, license_id)
    assert granted["__typename"] == "SharedLicense" and granted["consent"]["id"] == renewed["id"]


async def test_a_consent_past_its_expiry_refuses(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    holder = world.token(BASIC)
    expires = clock.now() + timedelta(minutes=2)
    consent = await share(api, holder, license_id, expires=expires)
    assert consent["live"] is True

    with clock.frozen_at(expires - timedelta(seconds=1)):
        assert (await read(api, staff.grantee, license_id))["__typename"] == "SharedLicense"
    with clock.frozen_at(expires):
        _refused(await read(api, staff.grantee, license_id), "CONSENT_EXPIRED")
        (listed,) = await consents(api, holder, license_id)
        assert listed["live"] is False and listed["withdrawnAt"] is None

    log = await access_log(api, holder, license_id)
    assert [(e["granted"], e["refusal"]) for e in log] == [
        (False, "CONSENT_EXPIRED"),
        (True, None),
    ]
    assert datetime.fromisoformat(log[0]["at"]) == expires
    refused = await audits("licenses.access_refused", license_id)
    assert [row["data"]["refusal"] for row in refused] == ["CONSENT_EXPIRED"]


async def test_a_consent_for_a_service_item_lets_its_department_read(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    await publish_item(GRANTEE_ITEM, department=GRANTEE)
    holder = world.token(BASIC)
    consent = await share(api, holder, license_id, department=None, item=GRANTEE_ITEM)
    assert consent["__typename"] == "LicenseConsent", consent
    assert consent["serviceItemCode"] == GRANTEE_ITEM and consent["serviceItemName"]
    # Exactly one grantee is named, as the holder chose it (the PWA words it by which).
    assert consent["departmentCode"] is None and consent["departmentName"] is None

    granted = await read(api, staff.grantee, license_id)
    assert granted["__typename"] == "SharedLicense" and granted["consent"]["id"] == consent["id"]
    _refused(await read(api, staff.stranger, license_id), "CONSENT_REQUIRED")
    log = await access_log(api, holder, license_id)
    assert [(e["departmentCode"], e["granted"]) for e in log] == [
        (STRANGER, False),
        (GRANTEE, True),
    ]


async def test_only_the_holder_lists_shares_or_withdraws(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    holder = world.token(BASIC)
    consent = await share(api, holder, license_id)
    await read(api, staff.grantee, license_id)

    for actor in (INTERMEDIATE, AGENT_IN_SCOPE):
        other = world.token(actor)
        assert await consents(api, other, license_id) == []
        assert await access_log(api, other, license_id) == []
        _refused(await share(api, other, license_id), "NOT_FOUND")
        _refused(await withdraw(api, other, consent["id"]), "NOT_FOUND")
    _refused(await withdraw(api, holder, str(uuid.uuid4())), "NOT_FOUND")
    _refused(await withdraw(api, holder, "not-a-uuid"), "NOT_FOUND")
    _refused(await share(api, holder, str(uuid.uuid4())), "NOT_FOUND")

    # Staff neither share nor withdraw; residents do not read as a department.
    form = {
        "licenseId": license_id,
        "departmentCode": GRANTEE,
        "purpose": "办理落户手续",
        "expiresAt": _iso(clock.now() + timedelta(days=1)),
    }
    assert await api.error_code(SHARE, {"i": form}, staff.grantee) == "FORBIDDEN"
    assert await api.error_code(WITHDRAW, {"id": consent["id"]}, staff.grantee) == "FORBIDDEN"
    variables = {"id": license_id, "p": PURPOSE}
    assert await api.error_code(READ, variables, world.token(INTERMEDIATE)) == "FORBIDDEN"
    assert await api.error_code(READ, variables, None) == "UNAUTHENTICATED"

    # The holder's consent is untouched and the log holds only the department's one read.
    (listed,) = await consents(api, holder, license_id)
    assert listed["live"] is True
    assert len(await access_log(api, holder, license_id)) == 1
    assert len(await audits("licenses.consent_given", license_id)) == 1


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"purpose": "看看"}, "purpose", "length"),
        ({"purpose": "   看看   "}, "purpose", "length"),
        ({"purpose": "长" * 201}, "purpose", "length"),
        ({"serviceItemCode": GRANTEE_ITEM}, "departmentCode", "one_grantee"),
        ({"departmentCode": None}, "departmentCode", "one_grantee"),
        ({"departmentCode": "  "}, "departmentCode", "one_grantee"),
        ({"expiresAt": "past"}, "expiresAt", "past"),
        ({"expiresAt": "too_far"}, "expiresAt", "too_far"),
        ({"departmentCode": "350100-NOPE"}, "departmentCode", "unknown"),
        (
            {"departmentCode": None, "serviceItemCode": "350100-NOPE-0001"},
            "serviceItemCode",
            "unknown",
        ),
    ],
)
async def test_a_share_with_bad_input_says_which_field(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    staff: Staff,
    license_id: str,
    changes: dict[str, Any],
    field: str,
    reason: str,
) -> None:
    await publish_item(GRANTEE_ITEM, department=GRANTEE)
    now = clock.now()
    max_days = runtime.settings.licenses.consent_max_days
    moments = {
        "past": now - timedelta(minutes=1),
        "too_far": now + timedelta(days=max_days, minutes=5),
    }
    form: dict[str, Any] = {
        "licenseId": license_id,
        "departmentCode": GRANTEE,
        "serviceItemCode": None,
        "purpose": "办理落户手续",
        "expiresAt": _iso(now + timedelta(days=1)),
    }
    form.update(changes)
    if form["expiresAt"] in moments:
        form["expiresAt"] = _iso(moments[form["expiresAt"]])
    result = await flow.run(api, SHARE, {"i": form}, world.token(BASIC))
    assert result["__typename"] == "InvalidInputError", result
    assert (result["field"], result["reason"]) == (field, reason)
    assert await consents(api, world.token(BASIC), license_id) == []
    assert await audits("licenses.consent_given", license_id) == []


async def test_the_longest_share_is_allowed(
    api: Api, world: World, runtime: LicenseRuntime, staff: Staff, license_id: str
) -> None:
    max_days = runtime.settings.licenses.consent_max_days
    expires = clock.now() + timedelta(days=max_days, minutes=-5)
    consent = await share(api, world.token(BASIC), license_id, expires=expires)
    assert consent["__typename"] == "LicenseConsent" and consent["live"] is True


async def test_a_read_with_too_short_a_purpose_is_refused_as_input(
    api: Api, world: World, staff: Staff, license_id: str
) -> None:
    await share(api, world.token(BASIC), license_id)
    result = await read(api, staff.grantee, license_id, "看")
    assert result["__typename"] == "InvalidInputError" and result["field"] == "purpose", result
    _refused(await read(api, staff.grantee, str(uuid.uuid4())), "NOT_FOUND")
    _refused(await read(api, staff.grantee, "not-a-uuid"), "NOT_FOUND")


async def test_a_consent_covers_only_its_own_license(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    license_type: LicenseTypeRow,
    staff: Staff,
    license_id: str,
) -> None:
    unshared = await issue_to(runtime, license_type, person_of(world, BASIC))
    await share(api, world.token(BASIC), license_id)
    _refused(await read(api, staff.grantee, unshared), "CONSENT_REQUIRED")
    assert (await read(api, staff.grantee, license_id))["__typename"] == "SharedLicense"
    assert [e["granted"] for e in await access_log(api, world.token(BASIC), unshared)] == [False]


async def test_those_acting_for_an_enterprise_share_its_licenses_within_scope(
    api: Api, world: World, runtime: LicenseRuntime, staff: Staff, license_type: LicenseTypeRow
) -> None:
    await upsert_type(TAX_TYPE)
    enterprise = HolderRef("enterprise", uuid.UUID(world.enterprise_id))
    tax = await issue_to(runtime, TAX_TYPE, enterprise, fields=[("grade", "A")])
    in_scope, out_of_scope = world.token(AGENT_IN_SCOPE), world.token(AGENT_OUT_OF_SCOPE)

    consent = await share(api, in_scope, tax)
    assert consent["__typename"] == "LicenseConsent", consent
    granted = await read(api, staff.grantee, tax)
    assert granted["__typename"] == "SharedLicense"
    # An enterprise's name is not personal data: staff see it whole.
    assert granted["license"]["holderName"] == COMPANY.name

    representative = (
        await act_for(api, world.token(LEGAL_REPRESENTATIVE) or "", world.enterprise_id)
    )["accessToken"]
    for token in (in_scope, representative):
        assert [c["id"] for c in await consents(api, token, tax)] == [consent["id"]]
        assert [e["granted"] for e in await access_log(api, token, tax)] == [True]

    # The agent whose scope does not cover the type neither sees nor changes the sharing.
    assert await consents(api, out_of_scope, tax) == []
    assert await access_log(api, out_of_scope, tax) == []
    _refused(await share(api, out_of_scope, tax), "NOT_FOUND")
    _refused(await withdraw(api, out_of_scope, consent["id"]), "NOT_FOUND")

    withdrawn = await withdraw(api, representative, consent["id"])
    assert withdrawn["live"] is False
    _refused(await read(api, staff.grantee, tax), "CONSENT_WITHDRAWN")
