"""Administering the catalogue: versions draft → published → retired, one published at a
time, department admins confined to their own department, every change audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from casework.tables import ServiceItemVersion
from core import clock
from core.audit.tables import AuditEntry
from identity import sessions
from tests.casework.conftest import Api
from tests.casework.factories import COPIES_FIELD, PHOTO_SLOT, REASON_FIELD, ensure_department
from tests.identity.actors import World
from tests.identity.test_face import identity_runtime

CODE = "350100-ZW-0100"
RESULT = """__typename
  ... on ServiceItem { id code versionId version status name validFrom acceptingApplications }
  ... on UserError { code message }
  ... on InvalidInputError { field reason }"""
CREATE = f"mutation($i: ServiceItemInput!) {{ createServiceItem(input: $i) {{ {RESULT} }} }}"
DRAFT = f"mutation($c: String!) {{ draftServiceItemVersion(code: $c) {{ {RESULT} }} }}"
UPDATE = f"""mutation($v: ID!, $i: ServiceItemInput!) {{
  updateServiceItemDraft(versionId: $v, input: $i) {{ {RESULT} }} }}"""
PUBLISH = f"""mutation($v: ID!, $from: DateTime) {{
  publishServiceItemVersion(versionId: $v, validFrom: $from) {{ {RESULT} }} }}"""
RETIRE = f"mutation($v: ID!) {{ retireServiceItemVersion(versionId: $v) {{ {RESULT} }} }}"
VERSIONS = "query($c: String!) { serviceItemVersions(code: $c) { versionId version status name } }"
PUBLIC = "query($c: String!) { serviceItem(code: $c) { versionId version status name } }"
LISTED = "query($q: String) { serviceItems(query: $q) { edges { node { code version } } } }"


def item_input(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "code": CODE,
        "departmentCode": "350100-ZW",
        "name": "政务服务测试事项",
        "nameEn": "Test service item",
        "category": "government-services",
        "applicantKinds": ["PERSON"],
        "conditions": "本市居民。",
        "conditionsEn": "City residents.",
        "materials": [PHOTO_SLOT],
        "form": [REASON_FIELD, COPIES_FIELD],
        "feeFen": None,
        "statutoryDays": 10,
        "promisedDays": 5,
        "personTier": "basic",
        "enterpriseTier": "basic",
        "deliveryOptions": ["HALL"],
        "fullyOnline": True,
    }
    fields.update(changes)
    return fields


async def run(api: Api, query: str, variables: dict[str, Any], token: str | None) -> Any:
    data = await api.data(query, variables, token)
    (result,) = data.values()
    return result


async def created(api: Api, token: str | None, **changes: Any) -> dict[str, Any]:
    result = await run(api, CREATE, {"i": item_input(**changes)}, token)
    assert result["__typename"] == "ServiceItem", result
    return dict(result)


async def staff_token(api: Api, world: World, roles: list[str], department: str) -> str:
    await ensure_department(department)
    staff_id = await world.add_staff(roles, department=department)
    tokens = await sessions.start_session(
        identity_runtime(api), subject=f"staff:{staff_id}", amr=("pwd", "hwk"), device="test"
    )
    return tokens.access_token


async def audit_actions(subject_id: str) -> list[tuple[str, str]]:
    rows = (
        await AuditEntry.select(AuditEntry.action, AuditEntry.actor)
        .where(AuditEntry.subject_id == subject_id)
        .order_by(AuditEntry.seq)
    )
    return [(row["action"], row["actor"]) for row in rows]


async def test_versions_go_draft_published_retired(api: Api, world: World) -> None:
    admin = world.token("department_admin")
    draft = await created(api, admin)
    assert (draft["status"], draft["version"]) == ("DRAFT", 1)
    assert draft["validFrom"] is None and draft["acceptingApplications"] is False
    # A draft is invisible to the public, by code and in listings.
    assert (await api.data(PUBLIC, {"c": CODE}))["serviceItem"] is None
    assert (await api.data(LISTED, {"q": None}))["serviceItems"]["edges"] == []

    v1 = await run(api, PUBLISH, {"v": draft["versionId"]}, admin)
    assert (v1["status"], v1["acceptingApplications"]) == ("PUBLISHED", True)
    public = (await api.data(PUBLIC, {"c": CODE}))["serviceItem"]
    assert (public["versionId"], public["status"]) == (draft["versionId"], "PUBLISHED")
    assert (await api.data(LISTED, {"q": "政务"}))["serviceItems"]["edges"] == [
        {"node": {"code": CODE, "version": 1}}
    ]

    # A new draft copies the published version; the public still sees version 1 only.
    v2 = await run(api, DRAFT, {"c": CODE}, admin)
    assert (v2["status"], v2["version"], v2["name"]) == ("DRAFT", 2, "政务服务测试事项")
    changed = await run(
        api, UPDATE, {"v": v2["versionId"], "i": item_input(name="新版事项名称")}, admin
    )
    assert changed["name"] == "新版事项名称" and changed["status"] == "DRAFT"
    public = (await api.data(PUBLIC, {"c": CODE}))["serviceItem"]
    assert (public["version"], public["name"]) == (1, "政务服务测试事项")
    assert (await api.data(LISTED, {"q": "新版"}))["serviceItems"]["edges"] == []

    # Publishing version 2 retires version 1 at the same moment.
    published = await run(api, PUBLISH, {"v": v2["versionId"]}, admin)
    assert published["status"] == "PUBLISHED"
    versions = (await api.data(VERSIONS, {"c": CODE}, admin))["serviceItemVersions"]
    assert [(v["version"], v["status"]) for v in versions] == [(2, "PUBLISHED"), (1, "RETIRED")]
    public = (await api.data(PUBLIC, {"c": CODE}))["serviceItem"]
    assert (public["version"], public["name"]) == (2, "新版事项名称")
    assert await ServiceItemVersion.count().where(ServiceItemVersion.status == "published") == 1

    # Retiring the published version takes the item off the catalogue.
    retired = await run(api, RETIRE, {"v": v2["versionId"]}, admin)
    assert retired["status"] == "RETIRED" and retired["acceptingApplications"] is False
    assert (await api.data(PUBLIC, {"c": CODE}))["serviceItem"] is None
    assert (await api.data(LISTED, {"q": None}))["serviceItems"]["edges"] == []

    # Every change is in the audit chain, by the admin who made it.
    admin_subject = f"staff:{world.staff_ids['department_admin']}"
    assert await audit_actions(draft["id"]) == [
        ("casework.item_created", admin_subject),
        ("casework.item_version_published", admin_subject),
        ("casework.item_version_drafted", admin_subject),
        ("casework.item_draft_updated", admin_subject),
        ("casework.item_version_published", admin_subject),
        ("casework.item_version_retired", admin_subject),
    ]


async def test_only_drafts_change_and_only_one_draft_at_a_time(api: Api, world: World) -> None:
    admin = world.token("department_admin")
    draft = await created(api, admin)
    assert (await run(api, DRAFT, {"c": CODE}, admin))["code"] == "CONFLICT"
    await run(api, PUBLISH, {"v": draft["versionId"]}, admin)
    v = {"v": draft["versionId"]}
    assert (await run(api, UPDATE, {**v, "i": item_input()}, admin))["code"] == "CONFLICT"
    assert (await run(api, PUBLISH, v, admin))["code"] == "CONFLICT"
    await run(api, RETIRE, v, admin)
    assert (await run(api, RETIRE, v, admin))["code"] == "CONFLICT"
    assert (await run(api, PUBLISH, v, admin))["code"] == "CONFLICT"
    # A retired item can come back: a new draft copies the latest version.
    again = await run(api, DRAFT, {"c": CODE}, admin)
    assert (again["version"], again["status"]) == (2, "DRAFT")
    assert (await run(api, RETIRE, {"v": again["versionId"]}, admin))["code"] == "CONFLICT"


async def test_a_version_in_force_later_is_shown_but_takes_no_applications(
    api: Api, world: World
) -> None:
    admin = world.token("department_admin")
    draft = await created(api, admin)
    later = clock.now() + timedelta(days=3)
    published = await run(api, PUBLISH, {"v": draft["versionId"], "from": later.isoformat()}, admin)
    assert published["status"] == "PUBLISHED"
    assert published["acceptingApplications"] is False
    with clock.frozen_at(later + timedelta(seconds=1)):
        public = await api.data(
            "query($c: String!) { serviceItem(code: $c) { acceptingApplications } }", {"c": CODE}
        )
    assert public["serviceItem"]["acceptingApplications"] is True


async def test_another_departments_admin_is_refused(api: Api, world: World) -> None:
    admin = world.token("department_admin")
    draft = await created(api, admin)
    police_admin = await staff_token(api, world, ["department_admin"], "350100-GA")
    v = {"v": draft["versionId"]}
    for query, variables in (
        (PUBLISH, v),
        (UPDATE, {**v, "i": item_input()}),
        (RETIRE, v),
        (DRAFT, {"c": CODE}),
        (VERSIONS, {"c": CODE}),
        (CREATE, {"i": item_input(code="350100-ZW-0200")}),
    ):
        assert await api.error_code(query, variables, police_admin) == "FORBIDDEN", query
    # Nothing changed, nothing was audited for them.
    versions = (await api.data(VERSIONS, {"c": CODE}, admin))["serviceItemVersions"]
    assert [v["status"] for v in versions] == ["DRAFT"]
    assert [a for a, _ in await audit_actions(draft["id"])] == ["casework.item_created"]
    # Their own department's items are theirs.
    own = await created(api, police_admin, code="350100-GA-0100", departmentCode="350100-GA")
    assert own["status"] == "DRAFT"


async def test_a_platform_admin_may_change_any_department(api: Api, world: World) -> None:
    draft = await created(api, world.token("department_admin"))
    platform = world.token("platform_admin")
    published = await run(api, PUBLISH, {"v": draft["versionId"]}, platform)
    assert published["status"] == "PUBLISHED"
    await ensure_department("350100-GA")
    police = await created(api, platform, code="350100-GA-0101", departmentCode="350100-GA")
    assert police["code"] == "350100-GA-0101"
    platform_subject = f"staff:{world.staff_ids['platform_admin']}"
    assert ("casework.item_version_published", platform_subject) in await audit_actions(draft["id"])


async def test_others_may_not_administer(api: Api, world: World) -> None:
    draft = await created(api, world.token("department_admin"))
    v = {"v": draft["versionId"]}
    for actor in ("window_clerk", "approver", "supervisor", "basic", "legal_representative"):
        assert await api.error_code(PUBLISH, v, world.token(actor)) == "FORBIDDEN", actor
        assert await api.error_code(VERSIONS, {"c": CODE}, world.token(actor)) == "FORBIDDEN"
    assert await api.error_code(PUBLISH, v, None) == "UNAUTHENTICATED"
    assert await api.error_code(CREATE, {"i": item_input(code="350100-ZW-0300")}, None) == (
        "UNAUTHENTICATED"
    )


async def test_unknown_items_and_versions_are_not_found(api: Api, world: World) -> None:
    admin = world.token("department_admin")
    missing = {"v": "00000000-0000-4000-8000-000000000000"}
    assert (await run(api, PUBLISH, missing, admin))["code"] == "NOT_FOUND"
    assert (await run(api, RETIRE, {"v": "nonsense"}, admin))["code"] == "NOT_FOUND"
    assert (await run(api, DRAFT, {"c": "350100-ZW-9999"}, admin))["code"] == "NOT_FOUND"
    assert (await api.data(VERSIONS, {"c": "350100-ZW-9999"}, admin))["serviceItemVersions"] == []


async def test_input_is_checked(api: Api, world: World) -> None:
    admin = world.token("department_admin")

    async def refusal(**changes: Any) -> tuple[str, str, str]:
        result = await run(api, CREATE, {"i": item_input(**changes)}, admin)
        assert result["__typename"] == "InvalidInputError", result
        return result["code"], result["field"], result["reason"]

    assert (await refusal(code="350200-ZW-0001"))[1:] == ("code", "format")
    assert (await refusal(code="350100-zw 1"))[1:] == ("code", "format")
    # (A department admin is refused another department before it is looked up.)
    unknown = await run(
        api, CREATE, {"i": item_input(departmentCode="350100-NOPE")}, world.token("platform_admin")
    )
    assert (unknown["field"], unknown["reason"]) == ("departmentCode", "unknown")
    assert (await refusal(category="astrology"))[1:] == ("category", "unknown")
    assert (await refusal(promisedDays=11))[1:] == ("promisedDays", "out_of_range")
    assert (await refusal(feeFen=-1))[1:] == ("feeFen", "out_of_range")
    assert (await refusal(personTier="platinum"))[1:] == ("personTier", "invalid")
    assert (await refusal(name=" "))[1:] == ("name", "too_short")
    assert (await refusal(applicantKinds=[]))[1:] == ("applicantKinds", "invalid")
    assert (await refusal(deliveryOptions=[]))[1:] == ("deliveryOptions", "invalid")
    bad_slot = {**PHOTO_SLOT, "acceptedTypes": ["image/gif"]}
    assert (await refusal(materials=[bad_slot]))[2] == "invalid_spec"
    assert (await refusal(form={"not": "a list"}))[1:] == ("form", "invalid_spec")
    # Nothing was created by any of these.
    assert (await api.data(VERSIONS, {"c": CODE}, admin))["serviceItemVersions"] == []
    # A code is taken once; a zero fee is no fee.
    first = await created(api, admin, feeFen=0)
    assert first["code"] == CODE
    assert (await run(api, CREATE, {"i": item_input()}, admin))["code"] == "CONFLICT"
    fee = await api.data(
        "query($c: String!) { serviceItemVersions(code: $c) { feeFen } }", {"c": CODE}, admin
    )
    assert fee["serviceItemVersions"] == [{"feeFen": None}]


async def test_saved_specs_are_stored_whole_and_searchable(api: Api, world: World) -> None:
    admin = world.token("department_admin")
    draft = await created(api, admin, code="350100-zw-0100")  # stored upper-case
    assert draft["code"] == CODE
    await run(api, PUBLISH, {"v": draft["versionId"]}, admin)
    data = await api.data(
        """query($c: String!) { serviceItem(code: $c) {
            materials { key note licenseTypes } form { key type options { value } } } }""",
        {"c": CODE},
    )
    item = data["serviceItem"]
    assert item["materials"] == [{"key": "photo", "note": "", "licenseTypes": []}]
    assert [(f["key"], f["type"]) for f in item["form"]] == [
        ("reason", "TEXTAREA"),
        ("copies", "NUMBER"),
    ]
    # Found by its department's name (福州市行政服务中心管理委员会) and by its category's.
    for query in ("行政服务", "政务服务", "test service"):
        listed = (await api.data(LISTED, {"q": query}))["serviceItems"]["edges"]
        assert listed == [{"node": {"code": CODE, "version": 1}}], query
