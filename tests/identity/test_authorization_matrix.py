"""The authorisation matrix: every identity operation x every kind of actor.

Each row names an operation (a field of Query or Mutation), a document calling it (the
field aliased ``r``), its arguments per actor, and the expected outcome per actor:

- ``A``: allowed. The response carries no GraphQL error at all; the answer may still be a
  domain error of the result union (e.g. NOT_FOUND for a dummy id): the permission layer
  let the call through. (Stricter than "no denial code": a masked internal error fails.)
- ``ok("X")``: allowed, and the answer is X (the union member's ``__typename``, or the
  ``code`` of a UserError), where the answer says something about authorisation.
- a denial: ``errors[0].extensions.code`` (and, for INSUFFICIENT_USER_AUTHENTICATION, the
  ``requiredTier``), with no data.

Each row is run against a fresh world (actors.py) and asks all actors in the order of
``ACTORS`` (anonymous, residents, staff); arguments that an allowed call would spend (a
staff member to deactivate, evidence to revoke) are made fresh for each actor.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse

from api.schema import build_schema
from core import clock
from core.settings import Settings
from identity import evidence
from identity.graphql import IdentityMutation, IdentityQuery
from identity.tiers import Tier
from tests.identity.actors import (
    ACTORS,
    ADVANCED,
    AGENT_IN_SCOPE,
    AGENT_OUT_OF_SCOPE,
    ANONYMOUS,
    BASIC,
    COMPANY,
    DEPARTMENT,
    INTERMEDIATE,
    LEGAL_REPRESENTATIVE,
    RESIDENTS,
    STAFF,
    World,
    build_world,
    person,
)
from tests.identity.conftest import PASSWORD, Api
from tests.identity.test_enterprises import LUJIANG
from tests.identity.test_face import JPEG, b64
from tests.identity.test_stepup import ACTION as REVEAL_ACTION
from tests.identity.test_stepup import step_up

# --- outcomes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    #: ``extensions.code`` of the first GraphQL error; None when allowed.
    denial: str | None = None
    #: ``extensions.requiredTier`` of a step-up denial.
    required_tier: str | None = None
    #: When allowed and given: the answer's ``__typename`` or UserError ``code``.
    answer: str | None = None

    def __str__(self) -> str:
        if self.denial is None:
            return "A" if self.answer is None else f"A:{self.answer}"
        if self.required_tier is not None:
            return f"{self.denial}({self.required_tier})"
        return self.denial

    def admits(self, observed: Outcome) -> bool:
        if self.denial is not None:  # refused, and no data beside the error
            return (self.denial, self.required_tier, None) == (
                observed.denial,
                observed.required_tier,
                observed.answer,
            )
        return observed.denial is None and self.answer in (None, observed.answer)


A = Outcome()


def ok(answer: str) -> Outcome:
    return Outcome(answer=answer)


def needs(tier: Tier) -> Outcome:
    return Outcome("INSUFFICIENT_USER_AUTHENTICATION", tier.value)


UNAUTHENTICATED = Outcome("UNAUTHENTICATED")
FORBIDDEN = Outcome("FORBIDDEN")
NOT_ACTING = Outcome("NOT_ACTING_FOR_ENTERPRISE")
OUT_OF_SCOPE = Outcome("AGENT_OUT_OF_SCOPE")


def every(actors: Iterable[str], outcome: Outcome) -> dict[str, Outcome]:
    return dict.fromkeys(actors, outcome)


AGENTS = (AGENT_IN_SCOPE, AGENT_OUT_OF_SCOPE)
#: Signed in: anyone with a token (resident or staff).
SIGNED_IN = {ANONYMOUS: UNAUTHENTICATED}
#: A resident's own account (authz.require_person): staff are the wrong kind of account.
RESIDENT = {ANONYMOUS: UNAUTHENTICATED, **every(STAFF, FORBIDDEN)}
#: At least basic (authz.require_tier(BASIC)): anonymous is told which tier to reach.
BASIC_TIER = {ANONYMOUS: needs(Tier.BASIC), **every(STAFF, FORBIDDEN)}


# --- rows -------------------------------------------------------------------------------

Variables = Callable[[World, str], Awaitable[dict[str, Any]]]


def const(**values: Any) -> Variables:
    async def variables(world: World, actor: str) -> dict[str, Any]:
        return dict(values)

    return variables


def per_actor(build: Callable[[World, str], dict[str, Any]]) -> Variables:
    async def variables(world: World, actor: str) -> dict[str, Any]:
        return build(world, actor)

    return variables


def phone_for(prefix: str, actor: str) -> str:
    """A distinct, unregistered mobile number per actor (limits are per phone)."""
    return f"{prefix}{ACTORS.index(actor):02d}45678"


def _random_id(world: World, actor: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4())}


def _enterprise(world: World, actor: str) -> dict[str, Any]:
    return {"e": world.enterprise_id}


async def _fresh_staff(world: World, actor: str) -> dict[str, Any]:
    # A window clerk of the department admin's own department, new for each actor.
    return {"id": await world.add_staff(["window_clerk"])}


async def _fresh_evidence(world: World, actor: str) -> dict[str, Any]:
    # Intermediate evidence of the intermediate resident, new for each actor.
    return {"id": await world.grant_intermediate(INTERMEDIATE), "reason": "matrix test"}


async def _step_up(world: World, actor: str) -> dict[str, Any]:
    # The advanced actor brings a fresh passed STEP_UP check bound to this action.
    if actor != ADVANCED:
        return {"s": None}
    return {"s": await step_up(world.api, world.token(ADVANCED) or "", REVEAL_ACTION)}


NO_VARIABLES = const()


@dataclass(frozen=True)
class Row:
    operation: str
    document: str
    default: Outcome
    overrides: Mapping[str, Outcome] = field(default_factory=dict)
    variables: Variables = NO_VARIABLES
    variant: str = ""

    def expected(self, actor: str) -> Outcome:
        return self.overrides.get(actor, self.default)

    @property
    def id(self) -> str:
        return f"{self.operation}[{self.variant}]" if self.variant else self.operation


R = "__typename ... on UserError { code }"

MATRIX: tuple[Row, ...] = (
    # --- accounts and sessions -----------------------------------------------------------
    # Who am I: null when anonymous, never refused.
    Row("me", "{ r: me { subject kind } }", A),
    # My devices: any signed-in account.
    Row("mySessions", "{ r: mySessions { id } }", A, SIGNED_IN),
    # Reference lists for the forms: public.
    Row("ethnicGroups", "{ r: ethnicGroups { code } }", A),
    Row("tierGuide", "{ r: tierGuide { tier } }", A),
    # The sandbox SMS inbox is public in the sandbox (demo and tests read codes from it);
    # it does not exist outside the sandbox (FORBIDDEN there, see test_accounts).
    Row(
        "sandboxSmsInbox",
        "query($p: String!) { r: sandboxSmsInbox(phone: $p) { text } }",
        A,
        variables=const(p=person(LEGAL_REPRESENTATIVE).phone),
    ),
    # Codes to register, sign in or recover: public (limited per phone, IP and account).
    Row(
        "sendSmsCode",
        f"mutation($p: String!) {{ r: sendSmsCode(phone: $p, purpose: LOGIN) {{ {R} }} }}",
        ok("SmsCodeSent"),
        variables=per_actor(lambda w, a: {"p": phone_for("1372", a)}),
        variant="LOGIN",
    ),
    # A code to move to a new phone: the same bar as changePhone (intermediate), so the
    # PWA steps up before a code goes out rather than after.
    Row(
        "sendSmsCode",
        f"mutation($p: String!) {{ r: sendSmsCode(phone: $p, purpose: CHANGE_PHONE) {{ {R} }} }}",
        needs(Tier.INTERMEDIATE),
        {
            **every(STAFF, FORBIDDEN),
            INTERMEDIATE: ok("SmsCodeSent"),
            ADVANCED: ok("SmsCodeSent"),
        },
        variables=per_actor(lambda w, a: {"p": phone_for("1373", a)}),
        variant="CHANGE_PHONE",
    ),
    # Registering and signing in are public; wrong codes and passwords are domain answers.
    Row(
        "register",
        f"mutation($i: RegisterInput!) {{ r: register(input: $i) {{ {R} }} }}",
        ok("CODE_INVALID"),
        variables=const(
            i={
                "name": LUJIANG.legal_representative_name,
                "idNumber": LUJIANG.legal_representative_id_number,
                "sex": "F",
                "ethnicity": "01",
                "phone": "13950125678",
                "smsCode": "000000",
                "password": PASSWORD,
            }
        ),
    ),
    Row(
        "loginWithPassword",
        f"""mutation($i: String!) {{ r: loginWithPassword(identifier: $i,
            password: "not the password") {{ {R} }} }}""",
        ok("LOGIN_FAILED"),
        # One identifier per actor: ten failures on one lock it (ACCOUNT_LOCKED).
        variables=per_actor(lambda w, a: {"i": phone_for("1375", a)}),
    ),
    Row(
        "loginWithSms",
        f'mutation {{ r: loginWithSms(phone: "13912345678", code: "123456") {{ {R} }} }}',
        ok("CODE_INVALID"),
    ),
    Row(
        "refreshSession",
        f'mutation {{ r: refreshSession(refreshToken: "not-a-refresh-token") {{ {R} }} }}',
        ok("SESSION_INVALID"),
    ),
    # Sign out of this device: any signed-in account.
    Row("logout", f"mutation {{ r: logout {{ {R} }} }}", ok("Done"), SIGNED_IN),
    # Sign out another device: only the owner's sessions exist for them (others: NOT_FOUND).
    Row(
        "revokeSession",
        f"mutation($s: ID!) {{ r: revokeSession(sessionId: $s) {{ {R} }} }}",
        ok("NOT_FOUND"),
        {**SIGNED_IN, LEGAL_REPRESENTATIVE: ok("Done")},
        variables=per_actor(lambda w, a: {"s": w.other_session_id}),
    ),
    # Recovery is public (SMS code + ID number).
    Row(
        "recoverAccount",
        f"""mutation($i: String!, $p: String!) {{ r: recoverAccount(idNumber: $i, phone: $p,
            smsCode: "000000", newPassword: "another long password") {{ {R} }} }}""",
        ok("CODE_INVALID"),
        variables=const(i=person(BASIC).id_number, p=person(BASIC).phone),
    ),
    # --- passkeys ------------------------------------------------------------------------
    # Managing my passkeys: any signed-in account (staff keep theirs too).
    Row("myPasskeys", "{ r: myPasskeys { id } }", A, SIGNED_IN),
    Row(
        "beginPasskeyRegistration",
        f"mutation {{ r: beginPasskeyRegistration {{ {R} }} }}",
        ok("PasskeyOptions"),
        SIGNED_IN,
    ),
    Row(
        "finishPasskeyRegistration",
        f"""mutation($id: ID!) {{ r: finishPasskeyRegistration(challengeId: $id,
            credential: "{{}}") {{ {R} }} }}""",
        ok("CODE_INVALID"),
        SIGNED_IN,
        variables=per_actor(_random_id),
    ),
    Row(
        "renamePasskey",
        f'mutation($id: ID!) {{ r: renamePasskey(id: $id, nickname: "Phone") {{ {R} }} }}',
        ok("NOT_FOUND"),
        SIGNED_IN,
        variables=per_actor(_random_id),
    ),
    Row(
        "removePasskey",
        f"mutation($id: ID!) {{ r: removePasskey(id: $id) {{ {R} }} }}",
        ok("NOT_FOUND"),
        SIGNED_IN,
        variables=per_actor(_random_id),
    ),
    # Passkey sign-in is public.
    Row(
        "beginPasskeyLogin",
        f"mutation {{ r: beginPasskeyLogin {{ {R} }} }}",
        ok("PasskeyOptions"),
    ),
    Row(
        "finishPasskeyLogin",
        f"""mutation($id: ID!) {{ r: finishPasskeyLogin(challengeId: $id, credential: "{{}}")
            {{ {R} }} }}""",
        ok("CODE_INVALID"),
        variables=per_actor(_random_id),
    ),
    # --- staff ---------------------------------------------------------------------------
    # Staff administration: department admins (own department) and platform admins only.
    Row(
        "staffMembers",
        "{ r: staffMembers { id } }",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, "department_admin": A, "platform_admin": A},
    ),
    Row(
        "createStaffMember",
        f"mutation($i: CreateStaffMemberInput!) {{ r: createStaffMember(input: $i) {{ {R} }} }}",
        FORBIDDEN,
        {
            ANONYMOUS: UNAUTHENTICATED,
            "department_admin": ok("StaffEnrolmentCode"),
            "platform_admin": ok("StaffEnrolmentCode"),
        },
        variables=per_actor(
            lambda w, a: {
                "i": {
                    "username": f"new.{a}",
                    "name": "新员工",
                    "departmentCode": DEPARTMENT,
                    "roles": ["WINDOW_CLERK"],
                    "initialPassword": PASSWORD,
                }
            }
        ),
    ),
    Row(
        "issueStaffEnrolmentCode",
        f"mutation($id: ID!) {{ r: issueStaffEnrolmentCode(id: $id) {{ {R} }} }}",
        FORBIDDEN,
        {
            ANONYMOUS: UNAUTHENTICATED,
            "department_admin": ok("StaffEnrolmentCode"),
            "platform_admin": ok("StaffEnrolmentCode"),
        },
        variables=per_actor(lambda w, a: {"id": w.staff_ids["window_clerk"]}),
    ),
    # Resetting a lost device's passkeys: the same admins as issuing codes.
    Row(
        "resetStaffPasskeys",
        f"mutation($id: ID!) {{ r: resetStaffPasskeys(id: $id) {{ {R} }} }}",
        FORBIDDEN,
        {
            ANONYMOUS: UNAUTHENTICATED,
            "department_admin": ok("StaffEnrolmentCode"),
            "platform_admin": ok("StaffEnrolmentCode"),
        },
        variables=per_actor(lambda w, a: {"id": w.staff_ids["window_clerk"]}),
    ),
    Row(
        "deactivateStaffMember",
        f"mutation($id: ID!) {{ r: deactivateStaffMember(id: $id) {{ {R} }} }}",
        FORBIDDEN,
        {
            ANONYMOUS: UNAUTHENTICATED,
            "department_admin": ok("StaffMember"),
            "platform_admin": ok("StaffMember"),
        },
        variables=_fresh_staff,
    ),
    # Staff sign-in is public (password, then passkey).
    Row(
        "beginStaffLogin",
        f"""mutation($u: String!) {{ r: beginStaffLogin(username: $u,
            password: "not the password") {{ {R} }} }}""",
        ok("LOGIN_FAILED"),
        # One username per actor: ten failures on one lock it (ACCOUNT_LOCKED).
        variables=per_actor(lambda w, a: {"u": f"nobody.{a}"}),
    ),
    Row(
        "finishStaffLogin",
        f"""mutation($id: ID!) {{ r: finishStaffLogin(challengeId: $id, credential: "{{}}")
            {{ {R} }} }}""",
        ok("CODE_INVALID"),
        variables=per_actor(_random_id),
    ),
    # --- enterprises and agents ----------------------------------------------------------
    # Binding needs a basic resident (someone else's company: the registry says no, or,
    # after five tries on one company, RATE_LIMITED).
    Row(
        "bindEnterprise",
        f"mutation($i: BindEnterpriseInput!) {{ r: bindEnterprise(input: $i) {{ {R} }} }}",
        A,
        BASIC_TIER,
        variables=const(
            i={
                "name": LUJIANG.name,
                "registrationNumber": LUJIANG.registration_number,
                "creditCode": LUJIANG.credit_code,
            }
        ),
    ),
    # Raising the enterprise's tier: its legal representative (a basic resident) only.
    Row(
        "verifyEnterpriseTaxAccount",
        f"""mutation($e: ID!) {{ r: verifyEnterpriseTaxAccount(enterpriseId: $e,
            taxAccount: "{COMPANY.credit_code}") {{ {R} }} }}""",
        FORBIDDEN,
        {**BASIC_TIER, LEGAL_REPRESENTATIVE: ok("Enterprise")},
        variables=per_actor(_enterprise),
    ),
    Row(
        "beginEnterpriseCertificateCheck",
        f"mutation($e: ID!) {{ r: beginEnterpriseCertificateCheck(enterpriseId: $e) {{ {R} }} }}",
        FORBIDDEN,
        {**BASIC_TIER, LEGAL_REPRESENTATIVE: ok("EnterpriseCertificateChallenge")},
        variables=per_actor(_enterprise),
    ),
    Row(
        "finishEnterpriseCertificateCheck",
        f"""mutation($e: ID!, $c: ID!) {{ r: finishEnterpriseCertificateCheck(enterpriseId: $e,
            challengeId: $c, certificatePem: "-----BEGIN CERTIFICATE-----", signature: "AAAA")
            {{ {R} }} }}""",
        FORBIDDEN,
        {**BASIC_TIER, LEGAL_REPRESENTATIVE: ok("CODE_INVALID")},
        variables=per_actor(lambda w, a: {"e": w.enterprise_id, "c": str(uuid.uuid4())}),
    ),
    # The enterprise itself: its legal representative and agents in force (any scope).
    Row(
        "enterprise",
        "query($e: ID!) { r: enterprise(id: $e) { id } }",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, LEGAL_REPRESENTATIVE: A, **every(AGENTS, A)},
        variables=per_actor(_enterprise),
    ),
    # My enterprises: any resident (an empty list for most).
    Row("myEnterprises", "{ r: myEnterprises { enterpriseId } }", A, RESIDENT),
    # Managing agents: the legal representative only.
    Row(
        "enterpriseAgents",
        "query($e: ID!) { r: enterpriseAgents(enterpriseId: $e) { id } }",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, LEGAL_REPRESENTATIVE: A},
        variables=per_actor(_enterprise),
    ),
    Row(
        "appointAgent",
        f"""mutation($e: ID!, $i: AppointAgentInput!) {{ r: appointAgent(enterpriseId: $e,
            input: $i) {{ {R} }} }}""",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, LEGAL_REPRESENTATIVE: ok("AgentAppointment")},
        variables=per_actor(
            lambda w, a: {
                "e": w.enterprise_id,
                "i": {
                    "agentIdNumber": person(BASIC).id_number,
                    "agentName": person(BASIC).name,
                    "scope": ["tax"],
                    "expiresAt": (clock.now() + timedelta(days=30)).isoformat(),
                },
            }
        ),
    ),
    Row(
        "revokeAgent",
        f"mutation($a: ID!) {{ r: revokeAgent(appointmentId: $a) {{ {R} }} }}",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, LEGAL_REPRESENTATIVE: ok("AgentAppointment")},
        variables=per_actor(lambda w, a: {"a": w.appointment_ids[AGENT_IN_SCOPE]}),
    ),
    # Acting for the enterprise: its legal representative or an agent in force (any scope).
    Row(
        "actForEnterprise",
        f"mutation($e: ID) {{ r: actForEnterprise(enterpriseId: $e) {{ {R} }} }}",
        FORBIDDEN,
        {
            ANONYMOUS: UNAUTHENTICATED,
            LEGAL_REPRESENTATIVE: ok("ActingSwitched"),
            **every(AGENTS, ok("ActingSwitched")),
        },
        variables=per_actor(_enterprise),
    ),
    # Authority in a category: only while acting for the enterprise, within scope.
    Row(
        "enterpriseAuthority",
        'query { r: enterpriseAuthority(category: "tax") { enterpriseId } }',
        NOT_ACTING,
        {**RESIDENT, AGENT_IN_SCOPE: A, AGENT_OUT_OF_SCOPE: OUT_OF_SCOPE},
        variant="tax",
    ),
    Row(
        "enterpriseAuthority",
        'query { r: enterpriseAuthority(category: "construction") { enterpriseId } }',
        NOT_ACTING,
        {**RESIDENT, AGENT_IN_SCOPE: OUT_OF_SCOPE, AGENT_OUT_OF_SCOPE: A},
        variant="construction",
    ),
    # --- raising a person's tier ---------------------------------------------------------
    # Face checks and third-party checks: a basic resident, for themselves.
    Row(
        "startFaceCheck",
        f"mutation {{ r: startFaceCheck(purpose: TIER) {{ {R} }} }}",
        ok("FaceCheckStarted"),
        BASIC_TIER,
    ),
    Row(
        "submitFaceCapture",
        f"""mutation($id: ID!, $img: String!) {{ r: submitFaceCapture(faceCheckId: $id,
            image: $img) {{ {R} }} }}""",
        ok("NOT_FOUND"),
        BASIC_TIER,
        variables=per_actor(lambda w, a: {"id": str(uuid.uuid4()), "img": b64(JPEG)}),
    ),
    # My face checks: a resident's own (someone else's or unknown: null).
    Row(
        "faceCheck",
        "query($id: ID!) { r: faceCheck(faceCheckId: $id) { id } }",
        A,
        RESIDENT,
        variables=per_actor(_random_id),
    ),
    Row(
        "verifyWithThirdParty",
        f"""mutation {{ r: verifyWithThirdParty(method: ALIPAY, account: "someone@example.com")
            {{ {R} }} }}""",
        ok("ThirdPartyVerified"),
        BASIC_TIER,
    ),
    # Revoking evidence: supervisors and platform admins (anyone's), or its owner; to any
    # other resident someone else's evidence does not exist.
    Row(
        "revokeEvidence",
        f"""mutation($id: ID!, $reason: String!) {{ r: revokeEvidence(evidenceId: $id,
            reason: $reason) {{ {R} }} }}""",
        FORBIDDEN,
        {
            ANONYMOUS: UNAUTHENTICATED,
            **every(RESIDENTS, ok("NOT_FOUND")),
            INTERMEDIATE: ok("EvidenceRevoked"),
            "supervisor": ok("EvidenceRevoked"),
            "platform_admin": ok("EvidenceRevoked"),
        },
        variables=_fresh_evidence,
    ),
    # Counter verification: a basic resident asks for a ticket (for an enterprise: as its
    # legal representative); window clerks look it up and confirm it.
    Row(
        "createCounterTicket",
        f"mutation {{ r: createCounterTicket {{ {R} }} }}",
        ok("CounterTicketIssued"),
        BASIC_TIER,
        variant="person",
    ),
    Row(
        "createCounterTicket",
        f"mutation($e: ID) {{ r: createCounterTicket(enterpriseId: $e) {{ {R} }} }}",
        FORBIDDEN,
        {**BASIC_TIER, LEGAL_REPRESENTATIVE: ok("CounterTicketIssued")},
        variables=per_actor(_enterprise),
        variant="enterprise",
    ),
    Row(
        "counterTicket",
        f"query($t: String!) {{ r: counterTicket(ticket: $t) {{ {R} }} }}",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, "window_clerk": ok("CounterTicketInfo")},
        variables=per_actor(lambda w, a: {"t": w.ticket}),
    ),
    Row(
        "confirmCounterVerification",
        f"""mutation($t: String!) {{ r: confirmCounterVerification(ticket: $t,
            idCardChecked: true) {{ {R} }} }}""",
        FORBIDDEN,
        {ANONYMOUS: UNAUTHENTICATED, "window_clerk": ok("CounterVerified")},
        variables=per_actor(lambda w, a: {"t": w.ticket}),
    ),
    # --- identity's own sensitive operations ---------------------------------------------
    # Changing phone: intermediate (a wrong code is then a domain answer).
    Row(
        "changePhone",
        f"""mutation($p: String!) {{ r: changePhone(newPhone: $p, smsCode: "123456")
            {{ {R} }} }}""",
        needs(Tier.INTERMEDIATE),
        {
            **every(STAFF, FORBIDDEN),
            INTERMEDIATE: ok("CODE_INVALID"),
            ADVANCED: ok("CODE_INVALID"),
        },
        variables=per_actor(lambda w, a: {"p": phone_for("1374", a)}),
    ),
    # Revealing my ID number: advanced, per transaction (a fresh step-up bound to it).
    # Staff have no ID number and cannot step up: FORBIDDEN, as for every resident-only
    # operation.
    Row(
        "revealIdNumber",
        f"mutation($s: ID) {{ r: revealIdNumber(stepUpId: $s) {{ {R} }} }}",
        needs(Tier.ADVANCED),
        {**every(STAFF, FORBIDDEN), ADVANCED: ok("IdNumberRevealed")},
        variables=_step_up,
    ),
)


def identity_operations(schema: Any) -> set[str]:
    """The GraphQL names of identity's own queries and mutations (not other domains')."""
    converter = schema.config.name_converter
    return {
        converter.get_graphql_name(f)
        for kind in (IdentityQuery, IdentityMutation)
        for f in kind.__strawberry_definition__.fields
    }


# --- running a row ----------------------------------------------------------------------


def observe(body: Mapping[str, Any]) -> tuple[Outcome, str]:
    """The outcome of one response, and the first error's message (for failure reports)."""
    errors = body.get("errors")
    if errors:
        extensions = errors[0].get("extensions") or {}
        outcome = Outcome(
            str(extensions.get("code", "NO_CODE")), extensions.get("requiredTier"), None
        )
        if body.get("data") and body["data"].get("r") is not None:
            outcome = Outcome(outcome.denial, outcome.required_tier, "<data despite error>")
        return outcome, str(errors[0].get("message"))
    answer = body["data"]["r"]
    if isinstance(answer, dict):
        return Outcome(answer=answer.get("code") or answer.get("__typename")), ""
    return Outcome(), ""


async def run_row(world: World, row: Row) -> dict[str, tuple[Outcome, str]]:
    observed: dict[str, tuple[Outcome, str]] = {}
    for actor in ACTORS:
        variables = await row.variables(world, actor)
        body = await world.api.gql(row.document, variables, world.token(actor))
        observed[actor] = observe(body)
    return observed


@pytest.fixture
async def world(api: Api) -> World:
    return await build_world(api)


@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
async def test_matrix(world: World, row: Row) -> None:
    observed = await run_row(world, row)
    wrong = [
        f"{actor}: expected {row.expected(actor)}, got {outcome}"
        + (f" ({message})" if message else "")
        for actor, (outcome, message) in observed.items()
        if not row.expected(actor).admits(outcome)
    ]
    assert not wrong, f"{row.id}:\n  " + "\n  ".join(wrong)


def test_every_identity_operation_has_a_row(identity_settings: Settings) -> None:
    schema = build_schema(identity_settings)
    graphql_schema = schema._schema
    assert graphql_schema.query_type is not None and graphql_schema.mutation_type is not None
    operations = set(graphql_schema.query_type.fields) | set(graphql_schema.mutation_type.fields)
    identity = identity_operations(schema)
    assert identity <= operations  # all of identity is served
    assert {row.operation for row in MATRIX} == identity
    assert len({row.id for row in MATRIX}) == len(MATRIX)
    for row in MATRIX:
        # Each row calls its own operation (aliased r) and names only known actors.
        (definition,) = parse(row.document).definitions
        assert isinstance(definition, OperationDefinitionNode)
        (selection,) = definition.selection_set.selections
        assert isinstance(selection, FieldNode)
        assert (selection.name.value, getattr(selection.alias, "value", None)) == (
            row.operation,
            "r",
        ), row.id
        assert set(row.overrides) <= set(ACTORS), row.id


async def test_the_tier_is_read_from_the_database_not_the_token(world: World) -> None:
    """Revoking evidence lowers the tier at once: the same, still valid token is refused."""
    api, token = world.api, world.token(INTERMEDIATE)
    change = next(row for row in MATRIX if row.operation == "changePhone")
    variables = await change.variables(world, INTERMEDIATE)
    before, _ = observe(await api.gql(change.document, variables, token))
    assert before == ok("CODE_INVALID")

    subject = f"person:{world.person_ids[INTERMEDIATE]}"
    revoke = next(row for row in MATRIX if row.operation == "revokeEvidence")
    live = [
        record
        for record in await evidence.list_evidence(subject)
        if record.tier is Tier.INTERMEDIATE and record.revoked_at is None
    ]
    assert live
    for record in live:
        body = await api.gql(
            revoke.document,
            {"id": record.id, "reason": "ID card reported stolen"},
            world.token("supervisor"),
        )
        assert body["data"]["r"]["__typename"] == "EvidenceRevoked", body

    after, _ = observe(await api.gql(change.document, variables, token))
    assert after == needs(Tier.INTERMEDIATE)
    # The token itself is still good: only the tier behind it fell.
    sessions = await api.data("{ mySessions { current } }", token=token)
    assert any(s["current"] for s in sessions["mySessions"])
    me = await api.data("{ me { tier } }", token=token)
    assert me["me"]["tier"] == "BASIC"


def render_matrix() -> str:
    """The expectations as a compact table (for notes and reviews)."""
    short = {
        "UNAUTHENTICATED": "UNAUTH",
        "FORBIDDEN": "FORB",
        "INSUFFICIENT_USER_AUTHENTICATION": "NEEDS",
        "NOT_ACTING_FOR_ENTERPRISE": "NOT_ACTING",
        "AGENT_OUT_OF_SCOPE": "OUT_OF_SCOPE",
    }

    def cell(outcome: Outcome) -> str:
        if outcome.denial is None:
            return "A"
        text = short.get(outcome.denial, outcome.denial)
        return f"{text}:{outcome.required_tier}" if outcome.required_tier else text

    lines = ["| operation | " + " | ".join(ACTORS) + " |", "|---" * (len(ACTORS) + 1) + "|"]
    for row in MATRIX:
        cells = [cell(row.expected(actor)) for actor in ACTORS]
        lines.append(f"| {row.id} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
