"""Staff accounts: who may create them, enrolment, password + passkey sign-in, deactivation."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from core import clock
from core.audit.tables import AuditEntry
from core.settings import Settings
from identity.passkeys import relying_party
from identity.providers.sandbox import SandboxPerson
from identity.staff import ensure_platform_admin
from identity.tables import Passkey, StaffMember
from reference.tables import Department, Region
from tests.identity.conftest import AUTH_FIELDS, PASSWORD, Api
from tests.identity.webauthn_authenticator import SoftAuthenticator, SoftCredential, b64url

DEPT_A = "350100-test-a"
DEPT_B = "350200-test-b"
STAFF_FIELDS = "id username name departmentCode roles active passkeyCount enrolmentExpiresAt"
CREATE = f"""mutation($i: CreateStaffMemberInput!) {{ createStaffMember(input: $i) {{
    __typename
    ... on StaffEnrolmentCode {{ enrolmentCode expiresAt staff {{ {STAFF_FIELDS} }} }}
    ... on UserError {{ code message }}
    ... on InvalidInputError {{ field reason }} }} }}"""
DEACTIVATE = f"""mutation($id: ID!) {{ deactivateStaffMember(id: $id) {{
    __typename ... on StaffMember {{ {STAFF_FIELDS} }} ... on UserError {{ code message }} }} }}"""
REISSUE = """mutation($id: ID!) { issueStaffEnrolmentCode(id: $id) {
    __typename ... on StaffEnrolmentCode { enrolmentCode } ... on UserError { code } } }"""
LIST = f"""query($d: String) {{ staffMembers(departmentCode: $d) {{ {STAFF_FIELDS} }} }}"""
BEGIN = """mutation($u: String!, $p: String!, $c: String) {
    beginStaffLogin(username: $u, password: $p, enrolmentCode: $c) {
        __typename
        ... on StaffPasskeyChallenge { challengeId options expiresAt }
        ... on StaffEnrolmentRequired { challengeId options expiresAt }
        ... on UserError { code message }
        ... on RateLimitedError { retryAfterSeconds } } }"""
FINISH = f"""mutation($id: ID!, $cred: String!, $c: String) {{
    finishStaffLogin(challengeId: $id, credential: $cred, enrolmentCode: $c) {{ {AUTH_FIELDS} }} }}"""
ME = "{ me { subject kind tier amr roles staff { username departmentCode roles } } }"
REMOVE = """mutation($id: ID!) { removePasskey(id: $id) {
    __typename ... on UserError { code message } } }"""
MY_PASSKEYS = "{ myPasskeys { id } }"


@dataclass
class StaffLogin:
    username: str
    device: SoftAuthenticator
    token: str = ""
    id: str = ""


@pytest.fixture
async def departments(database_url: str) -> None:
    for code, name in (("350100", "福州市"), ("350200", "厦门市")):
        await Region.insert(
            Region(code=code, name=name, name_en=name, level="city", parent_code="350000")
        )
    regions = {r["code"]: r["id"] for r in await Region.select(Region.id, Region.code)}
    for code, region in ((DEPT_A, "350100"), (DEPT_B, "350200")):
        await Department.insert(
            Department(
                code=code,
                name=code,
                name_en=code,
                category="public_security",
                region=regions[region],
            )
        )


@pytest.fixture
def device_factory(identity_settings: Settings) -> Callable[[], SoftAuthenticator]:
    origin = relying_party(identity_settings).origins[0]
    return lambda: SoftAuthenticator(origin)


async def begin(api: Api, username: str, password: str = PASSWORD, code: str | None = None) -> Any:
    return (await api.data(BEGIN, {"u": username, "p": password, "c": code}))["beginStaffLogin"]


async def finish(api: Api, challenge_id: str, credential: str, code: str | None = None) -> Any:
    return (await api.data(FINISH, {"id": challenge_id, "cred": credential, "c": code}))[
        "finishStaffLogin"
    ]


async def enrol(api: Api, username: str, code: str, device: SoftAuthenticator) -> str:
    step = await begin(api, username, code=code)
    assert step["__typename"] == "StaffEnrolmentRequired", step
    done = await finish(api, step["challengeId"], device.create(step["options"]), code)
    assert done["__typename"] == "AuthSuccess", done
    token: str = done["accessToken"]
    return token


async def login(api: Api, username: str, device: SoftAuthenticator) -> Any:
    step = await begin(api, username)
    assert step["__typename"] == "StaffPasskeyChallenge", step
    return await finish(api, step["challengeId"], device.get(step["options"]))


async def root_admin(api: Api, device: SoftAuthenticator) -> str:
    code = await ensure_platform_admin(api.app.state.identity, "root", PASSWORD)
    assert code is not None
    return await enrol(api, "root", code, device)


def staff_input(
    username: str, department: str | None, *roles: str, **changes: Any
) -> dict[str, Any]:
    form = {
        "username": username,
        "name": "王晓东",
        "departmentCode": department,
        "roles": list(roles),
        "initialPassword": PASSWORD,
    }
    form.update(changes)
    return form


async def create(api: Api, token: str | None, form: dict[str, Any]) -> Any:
    return (await api.data(CREATE, {"i": form}, token))["createStaffMember"]


async def new_staff(
    api: Api,
    admin: str,
    device: SoftAuthenticator,
    username: str,
    department: str | None,
    *roles: str,
) -> StaffLogin:
    created = await create(api, admin, staff_input(username, department, *roles))
    assert created["__typename"] == "StaffEnrolmentCode", created
    token = await enrol(api, username, created["enrolmentCode"], device)
    return StaffLogin(username, device, token, created["staff"]["id"])


async def test_bootstrap_gives_a_first_platform_admin(
    api: Api, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    runtime = api.app.state.identity
    first = await ensure_platform_admin(runtime, "root", PASSWORD)
    second = await ensure_platform_admin(runtime, "root", PASSWORD)
    assert first and second and first != second  # not enrolled yet: a fresh code
    stale = await begin(api, "root", code=first)
    assert stale["code"] == "CODE_INVALID"

    step = await begin(api, "root", code=second)
    assert step["__typename"] == "StaffEnrolmentRequired"
    options = json.loads(step["options"])
    assert options["user"]["name"] == "root"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    device = device_factory()
    done = await finish(api, step["challengeId"], device.create(step["options"]), second)
    assert done["__typename"] == "AuthSuccess", done
    me = (await api.data(ME, token=done["accessToken"]))["me"]
    assert me["kind"] == "staff" and me["amr"] == ["pwd", "hwk"]
    assert me["roles"] == ["platform_admin"] and me["tier"] == "INTERMEDIATE"
    assert me["staff"]["departmentCode"] is None

    assert await ensure_platform_admin(runtime, "root", PASSWORD) is None
    assert await ensure_platform_admin(runtime, "someone.else", PASSWORD) is None
    assert await StaffMember.count() == 1
    row = await StaffMember.select(StaffMember.enrolment_code_hash).first()
    assert row is not None and row["enrolment_code_hash"] is None  # used up

    # From now on: password, then one of their own passkeys.
    step = await begin(api, "root")
    assert step["__typename"] == "StaffPasskeyChallenge"
    allowed = [c["id"] for c in json.loads(step["options"])["allowCredentials"]]
    assert allowed == [b64url(device.credentials[0].credential_id)]
    assert json.loads(step["options"])["userVerification"] == "required"
    again = await finish(api, step["challengeId"], device.get(step["options"]))
    assert again["__typename"] == "AuthSuccess"
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    for action in ("identity.staff_created", "identity.passkey_added", "identity.login"):
        assert action in actions


async def test_who_may_create_staff(
    api: Api,
    departments: None,
    device_factory: Callable[[], SoftAuthenticator],
    person_named: Callable[[str], SandboxPerson],
) -> None:
    root = await root_admin(api, device_factory())
    # Platform admin: any department, any role; platform-wide roles need no department.
    dept_admin = await new_staff(api, root, device_factory(), "admin.a", DEPT_A, "DEPARTMENT_ADMIN")
    assert (await create(api, root, staff_input("clerk.b", DEPT_B, "WINDOW_CLERK")))[
        "__typename"
    ] == "StaffEnrolmentCode"
    supervisor = await create(api, root, staff_input("super", None, "SUPERVISOR"))
    assert supervisor["staff"]["departmentCode"] is None
    assert supervisor["staff"]["roles"] == ["SUPERVISOR"]
    assert supervisor["staff"]["passkeyCount"] == 0
    assert supervisor["staff"]["enrolmentExpiresAt"] is not None

    # Department admin: own department only, never platform admin or supervisor.
    own = await create(
        api, dept_admin.token, staff_input("clerk.a", DEPT_A, "WINDOW_CLERK", "APPROVER")
    )
    assert own["__typename"] == "StaffEnrolmentCode", own
    assert own["staff"]["roles"] == ["WINDOW_CLERK", "APPROVER"]
    assert own["staff"]["departmentCode"] == DEPT_A
    other = staff_input("clerk.b2", DEPT_B, "WINDOW_CLERK")
    assert await api.error_code(CREATE, {"i": other}, dept_admin.token) == "FORBIDDEN"
    for role in ("PLATFORM_ADMIN", "SUPERVISOR"):
        form = staff_input(f"x.{role.lower()}", DEPT_A, role)
        assert await api.error_code(CREATE, {"i": form}, dept_admin.token) == "FORBIDDEN"

    # Other staff, residents and anonymous callers.
    clerk = await enrol(api, "clerk.a", own["enrolmentCode"], device_factory())
    form = staff_input("clerk.a2", DEPT_A, "WINDOW_CLERK")
    assert await api.error_code(CREATE, {"i": form}, clerk) == "FORBIDDEN"
    resident = (await api.register(person_named("陈明辉")))["accessToken"]
    assert await api.error_code(CREATE, {"i": form}, resident) == "FORBIDDEN"
    assert await api.error_code(CREATE, {"i": form}) == "UNAUTHENTICATED"
    assert not await StaffMember.exists().where(StaffMember.username == "clerk.a2")

    # Input rules.
    missing = await create(api, root, staff_input("clerk.c", None, "WINDOW_CLERK", "SUPERVISOR"))
    assert (missing["field"], missing["reason"]) == ("departmentCode", "required")
    unknown = await create(api, root, staff_input("clerk.c", "nope", "WINDOW_CLERK"))
    assert (unknown["field"], unknown["reason"]) == ("departmentCode", "unknown")
    weak = await create(
        api, root, staff_input("clerk.c", DEPT_A, "APPROVER", initialPassword="short")
    )
    assert (weak["field"], weak["reason"]) == ("initialPassword", "too_short")
    bad_name = await create(api, root, staff_input("No Spaces", DEPT_A, "APPROVER"))
    assert (bad_name["field"], bad_name["reason"]) == ("username", "format")
    no_roles = await create(api, root, staff_input("clerk.c", DEPT_A))
    assert (no_roles["field"], no_roles["reason"]) == ("roles", "required")
    taken = await create(api, root, staff_input("Clerk.A", DEPT_A, "APPROVER"))
    assert (taken["__typename"], taken["code"]) == ("IdentityError", "ALREADY_EXISTS")


async def test_listing_staff(
    api: Api, departments: None, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    root = await root_admin(api, device_factory())
    dept_admin = await new_staff(api, root, device_factory(), "admin.a", DEPT_A, "DEPARTMENT_ADMIN")
    await create(api, root, staff_input("clerk.a", DEPT_A, "WINDOW_CLERK"))
    await create(api, root, staff_input("clerk.b", DEPT_B, "WINDOW_CLERK"))

    everyone = (await api.data(LIST, {}, root))["staffMembers"]
    assert [s["username"] for s in everyone] == ["admin.a", "clerk.a", "clerk.b", "root"]
    only_b = (await api.data(LIST, {"d": DEPT_B}, root))["staffMembers"]
    assert [s["username"] for s in only_b] == ["clerk.b"]
    mine = (await api.data(LIST, {}, dept_admin.token))["staffMembers"]
    assert [s["username"] for s in mine] == ["admin.a", "clerk.a"]
    assert [s["passkeyCount"] for s in mine] == [1, 0]
    assert await api.error_code(LIST, {"d": DEPT_B}, dept_admin.token) == "FORBIDDEN"
    clerk = await new_staff(api, root, device_factory(), "clerk.a3", DEPT_A, "WINDOW_CLERK")
    assert await api.error_code(LIST, {}, clerk.token) == "FORBIDDEN"
    assert await api.error_code(LIST, {}) == "UNAUTHENTICATED"


async def test_enrolment_needs_a_valid_code(
    api: Api, departments: None, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    root = await root_admin(api, device_factory())
    created = await create(api, root, staff_input("clerk.a", DEPT_A, "WINDOW_CLERK"))
    code = created["enrolmentCode"]
    device = device_factory()

    required = await begin(api, "clerk.a")
    assert (required["__typename"], required["code"]) == (
        "IdentityError",
        "ENROLMENT_CODE_REQUIRED",
    )
    wrong = await begin(api, "clerk.a", code="AAAA-BBBB-CCCC-DDDD")
    assert wrong["code"] == "CODE_INVALID"
    with clock.frozen_at(clock.now() + timedelta(hours=72, minutes=1)):
        expired = await begin(api, "clerk.a", code=code)
    assert expired["code"] == "CODE_INVALID"
    # A wrong password never reaches the enrolment step.
    assert (await begin(api, "clerk.a", "wrong password!", code))["code"] == "LOGIN_FAILED"

    # The code is needed again to finish, and a wrong one stores nothing.
    step = await begin(api, "clerk.a", code=code.lower().replace("-", ""))  # typed loosely
    assert step["__typename"] == "StaffEnrolmentRequired"
    refused = await finish(api, step["challengeId"], device.create(step["options"]), "nope")
    assert refused["code"] == "CODE_INVALID"
    assert await Passkey.count() == 1  # root's only

    device = device_factory()
    token = await enrol(api, "clerk.a", code, device)
    me = (await api.data(ME, token=token))["me"]
    assert me["roles"] == ["window_clerk"] and me["staff"]["departmentCode"] == DEPT_A
    # Enrolled: the code is spent and the next sign-in asks for the passkey.
    assert (await begin(api, "clerk.a", code=code))["__typename"] == "StaffPasskeyChallenge"
    assert (await login(api, "clerk.a", device))["__typename"] == "AuthSuccess"

    # An admin can issue a new code (for a staff member whose code expired).
    late = await create(api, root, staff_input("late", DEPT_A, "APPROVER"))
    reissued = (await api.data(REISSUE, {"id": late["staff"]["id"]}, root))[
        "issueStaffEnrolmentCode"
    ]
    assert reissued["__typename"] == "StaffEnrolmentCode"
    assert (await begin(api, "late", code=late["enrolmentCode"]))["code"] == "CODE_INVALID"
    assert (await begin(api, "late", code=reissued["enrolmentCode"]))[
        "__typename"
    ] == "StaffEnrolmentRequired"


async def test_staff_sign_in_failures(
    api: Api, departments: None, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    root_device = device_factory()
    root = await root_admin(api, root_device)
    clerk = await new_staff(api, root, device_factory(), "clerk.a", DEPT_A, "WINDOW_CLERK")

    assert (await begin(api, "clerk.a", "wrong password!"))["code"] == "LOGIN_FAILED"
    assert (await begin(api, "nobody.here"))["code"] == "LOGIN_FAILED"
    assert (await begin(api, "x"))["code"] == "LOGIN_FAILED"
    # (A success clears the failures so far; the ones below count towards a lockout too.)
    assert (await login(api, "clerk.a", clerk.device))["__typename"] == "AuthSuccess"

    # Right password, but someone else's passkey, or a passkey nobody registered.
    step = await begin(api, "clerk.a")
    options = json.loads(step["options"])
    options["allowCredentials"] = []  # a forged client offers any credential it has
    not_theirs = await finish(api, step["challengeId"], root_device.get(json.dumps(options)))
    assert (not_theirs["__typename"], not_theirs["code"]) == ("IdentityError", "LOGIN_FAILED")
    step = await begin(api, "clerk.a")
    stranger = device_factory()
    stranger.credentials.append(
        SoftCredential(
            credential_id=b"\x07" * 32,
            private_key=clerk.device.credentials[0].private_key,
            rp_id=clerk.device.credentials[0].rp_id,
            user_handle=clerk.device.credentials[0].user_handle,
        )
    )
    unknown = await finish(
        api, step["challengeId"], stranger.get(step["options"], credential=stranger.credentials[0])
    )
    assert unknown["code"] == "LOGIN_FAILED"
    # The password alone never signs a staff member in: a challenge without an answer.
    step = await begin(api, "clerk.a")
    assert (await finish(api, step["challengeId"], "{}"))["code"] == "INVALID_INPUT"
    # Without user verification, refused too.
    step = await begin(api, "clerk.a")
    unverified = await finish(api, step["challengeId"], clerk.device.get(step["options"], uv=False))
    assert unverified["failedChecks"] == ["user_verification"]

    assert (await login(api, "clerk.a", clerk.device))["__typename"] == "AuthSuccess"

    # A staff passkey does not work for the residents' passkey sign-in.
    begun = (
        await api.data(
            "mutation { beginPasskeyLogin { ... on PasskeyOptions { challengeId options } } }"
        )
    )["beginPasskeyLogin"]
    resident_style = (
        await api.data(
            f"""mutation($c: ID!, $cred: String!) {{ finishPasskeyLogin(challengeId: $c,
                credential: $cred) {{ {AUTH_FIELDS} }} }}""",
            {"c": begun["challengeId"], "cred": clerk.device.get(begun["options"])},
        )
    )["finishPasskeyLogin"]
    assert resident_style["code"] == "LOGIN_FAILED"


async def test_wrong_passwords_lock_the_staff_account(
    api: Api, departments: None, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    root = await root_admin(api, device_factory())
    clerk = await new_staff(api, root, device_factory(), "clerk.a", DEPT_A, "WINDOW_CLERK")
    for _ in range(5):
        assert (await begin(api, "clerk.a", "wrong password!"))["code"] == "LOGIN_FAILED"
    locked = await begin(api, "clerk.a")
    assert locked["code"] == "ACCOUNT_LOCKED" and locked["retryAfterSeconds"] > 0
    with clock.frozen_at(clock.now() + timedelta(hours=2)):
        step = await begin(api, "clerk.a")
    assert step["__typename"] == "StaffPasskeyChallenge"
    assert (await finish(api, step["challengeId"], clerk.device.get(step["options"])))[
        "__typename"
    ] == "AuthSuccess"


async def test_deactivated_staff_cannot_sign_in(
    api: Api, departments: None, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    root = await root_admin(api, device_factory())
    dept_admin = await new_staff(api, root, device_factory(), "admin.a", DEPT_A, "DEPARTMENT_ADMIN")
    clerk = await new_staff(api, root, device_factory(), "clerk.a", DEPT_A, "WINDOW_CLERK")
    clerk_b = await new_staff(api, root, device_factory(), "clerk.b", DEPT_B, "WINDOW_CLERK")
    root_id = (await api.data(ME, token=root))["me"]["subject"].split(":")[1]

    assert await api.error_code(DEACTIVATE, {"id": clerk_b.id}, dept_admin.token) == "FORBIDDEN"
    assert await api.error_code(DEACTIVATE, {"id": root_id}, dept_admin.token) == "FORBIDDEN"
    assert await api.error_code(DEACTIVATE, {"id": clerk_b.id}, clerk.token) == "FORBIDDEN"
    assert await api.error_code(DEACTIVATE, {"id": clerk_b.id}) == "UNAUTHENTICATED"
    own = (await api.data(DEACTIVATE, {"id": dept_admin.id}, dept_admin.token))[
        "deactivateStaffMember"
    ]
    assert own["code"] == "NOT_ALLOWED"
    missing = (await api.data(DEACTIVATE, {"id": "x"}, root))["deactivateStaffMember"]
    assert missing["code"] == "NOT_FOUND"

    # The clerk is signed in on a device; deactivation ends that session at once.
    step = await begin(api, "clerk.a")
    done = (await api.data(DEACTIVATE, {"id": clerk.id}, dept_admin.token))["deactivateStaffMember"]
    assert done["__typename"] == "StaffMember" and done["active"] is False
    assert (await api.post(ME, token=clerk.token)).status_code == 401
    assert (await begin(api, "clerk.a"))["code"] == "LOGIN_FAILED"
    late = await finish(api, step["challengeId"], clerk.device.get(step["options"]))
    assert late["code"] == "LOGIN_FAILED"
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    assert "identity.staff_deactivated" in actions

    # A platform admin deactivates anyone else.
    assert (await api.data(DEACTIVATE, {"id": clerk_b.id}, root))["deactivateStaffMember"][
        "active"
    ] is False


async def test_staff_keep_at_least_one_passkey(
    api: Api, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    device = device_factory()
    root = await root_admin(api, device)
    only = (await api.data(MY_PASSKEYS, token=root))["myPasskeys"]
    refused = (await api.data(REMOVE, {"id": only[0]["id"]}, root))["removePasskey"]
    assert (refused["__typename"], refused["code"]) == ("IdentityError", "NOT_ALLOWED")

    # Signed in, staff add a second passkey like anyone; then one may go.
    begun = (
        await api.data(
            "mutation { beginPasskeyRegistration { ... on PasskeyOptions { challengeId options } } }",
            token=root,
        )
    )["beginPasskeyRegistration"]
    assert json.loads(begun["options"])["user"]["name"] == "root"
    spare = device_factory()
    added = (
        await api.data(
            """mutation($c: ID!, $cred: String!) { finishPasskeyRegistration(challengeId: $c,
                credential: $cred, nickname: "Spare key") { __typename ... on Passkey { id } } }""",
            {"c": begun["challengeId"], "cred": spare.create(begun["options"])},
            root,
        )
    )["finishPasskeyRegistration"]
    assert added["__typename"] == "Passkey"
    removed = (await api.data(REMOVE, {"id": only[0]["id"]}, root))["removePasskey"]
    assert removed["__typename"] == "Done"
    last = (await api.data(REMOVE, {"id": added["id"]}, root))["removePasskey"]
    assert last["code"] == "NOT_ALLOWED"
    assert (await login(api, "root", spare))["__typename"] == "AuthSuccess"
    assert (await begin(api, "root"))["__typename"] == "StaffPasskeyChallenge"


async def test_staff_have_no_phone_path(api: Api) -> None:
    columns = {c._meta.name for c in StaffMember._meta.columns}
    assert not any("phone" in c for c in columns)
    schema = await api.data("""{ __schema { mutationType { fields { name args { name } } } } }""")
    fields = {
        f["name"]: [a["name"] for a in f["args"]]
        for f in schema["__schema"]["mutationType"]["fields"]
    }
    assert fields["beginStaffLogin"] == ["username", "password", "enrolmentCode"]
    assert fields["finishStaffLogin"] == ["challengeId", "credential", "enrolmentCode"]
    # The only SMS sign-in looks residents up by phone; staff are never found by it.
    assert not any("staff" in name.lower() and "sms" in name.lower() for name in fields)


async def test_an_admin_resets_a_lost_device(
    api: Api, departments: None, device_factory: Callable[[], SoftAuthenticator]
) -> None:
    """The old passkey and sessions stop working; the new enrolment code enrols a new one."""
    root = await root_admin(api, device_factory())
    clerk = await new_staff(api, root, device_factory(), "clerk.a", DEPT_A, "WINDOW_CLERK")
    reset = (await api.data(RESET, {"id": clerk.id}, root))["resetStaffPasskeys"]
    assert reset["__typename"] == "StaffEnrolmentCode", reset
    assert await Passkey.count().where(Passkey.owner == f"staff:{clerk.id}") == 0
    assert (await api.post(ME, token=clerk.token)).status_code == 401
    # The lost device no longer signs in: the account now asks for enrolment.
    assert (await begin(api, "clerk.a"))["code"] == "ENROLMENT_CODE_REQUIRED"
    assert await enrol(api, "clerk.a", reset["enrolmentCode"], device_factory())
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    assert "identity.staff_passkeys_reset" in actions
    own_id = (await api.data(ME, token=root))["me"]["subject"].split(":")[1]
    own = (await api.data(RESET, {"id": own_id}, root))["resetStaffPasskeys"]
    assert own["code"] == "NOT_ALLOWED"


RESET = """mutation($id: ID!) { resetStaffPasskeys(id: $id) { __typename
    ... on StaffEnrolmentCode { enrolmentCode } ... on UserError { code } } }"""
