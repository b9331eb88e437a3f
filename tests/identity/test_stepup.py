"""Advanced, per transaction: a fresh face check bound to one action, usable once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from core import clock
from core.audit.tables import AuditEntry
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity import stepup
from identity.face import binding_digest
from identity.providers.sandbox import SandboxPerson
from identity.tables import FaceCheck
from tests.identity.conftest import Api
from tests.identity.test_face import (
    face_check,
    identity_runtime,
    person_id_of,
    signed_in,
    start_check,
)

REVEAL = """mutation($s: ID) { revealIdNumber(stepUpId: $s) {
    __typename ... on IdNumberRevealed { idNumber } ... on UserError { code message } } }"""
ACTION = "identity.reveal_id_number"


async def step_up(api: Api, token: str, action: str = ACTION, arguments: str = "{}") -> str:
    """A passed step-up check bound to ``action`` and ``arguments``; its id."""
    passed = await face_check(api, token, "STEP_UP", action=action, arguments=arguments)
    assert passed["__typename"] == "FaceCheckPassed", passed
    assert passed["purpose"] == "STEP_UP" and passed["validUntil"] is not None
    check_id: str = passed["faceCheckId"]
    return check_id


async def refusal(api: Api, token: str | None, step_up_id: str | None) -> dict[str, Any]:
    body = await api.gql(REVEAL, {"s": step_up_id}, token)
    assert body.get("errors"), body
    assert body["data"] is None or body["data"]["revealIdNumber"] is None
    extensions: dict[str, Any] = body["errors"][0]["extensions"]
    return extensions


async def test_without_a_check_the_error_says_how_to_step_up(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    assert await refusal(api, token, None) == {
        "code": "INSUFFICIENT_USER_AUTHENTICATION",
        "requiredTier": "advanced",
        "acrValues": "urn:onetap:acr:advanced",
        "maxAge": 120,
        "action": ACTION,
        "reason": "missing",
    }
    anonymous = await refusal(api, None, None)
    assert anonymous["code"] == "INSUFFICIENT_USER_AUTHENTICATION"


async def test_the_binding_digest_covers_action_arguments_and_nonce(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token, "STEP_UP", "demo.pay", '{"b": 2, "a": "一"}')
    check_id = started["faceCheckId"]
    # Key order and spacing do not matter; the nonce is the check's own random id.
    assert started["bindingDigest"] == binding_digest("demo.pay", {"a": "一", "b": 2}, check_id)
    row = await FaceCheck.select().where(FaceCheck.id == check_id).first()
    assert row is not None
    assert (row["bound_action"], row["bound_digest"]) == ("demo.pay", started["bindingDigest"])
    again = await start_check(api, token, "STEP_UP", "demo.pay", '{"b": 2, "a": "一"}')
    assert again["bindingDigest"] != started["bindingDigest"]


async def test_a_check_is_usable_once(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await signed_in(api, person)
    check_id = await step_up(api, token)
    revealed = (await api.data(REVEAL, {"s": check_id}, token))["revealIdNumber"]
    assert revealed == {"__typename": "IdNumberRevealed", "idNumber": person.id_number}
    replayed = await refusal(api, token, check_id)
    assert (replayed["code"], replayed["reason"]) == ("INSUFFICIENT_USER_AUTHENTICATION", "used")
    row = await FaceCheck.select(FaceCheck.used_at).where(FaceCheck.id == check_id)
    assert row[0]["used_at"] is not None
    used = await AuditEntry.select().where(AuditEntry.action == "identity.step_up_used")
    assert len(used) == 1
    assert used[0]["subject_id"] == check_id
    data = used[0]["data"] if isinstance(used[0]["data"], dict) else json.loads(used[0]["data"])
    assert data["action"] == ACTION
    assert data["digest"] == binding_digest(ACTION, {}, check_id)


async def test_a_stale_check_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    check_id = await step_up(api, token)
    with clock.frozen_at(clock.now() + timedelta(seconds=121)):
        stale = await refusal(api, token, check_id)
    assert (stale["reason"], stale["maxAge"]) == ("stale", 120)
    row = await FaceCheck.select(FaceCheck.used_at).where(FaceCheck.id == check_id)
    assert row[0]["used_at"] is None, "a refused check is not spent"


async def test_a_check_bound_to_another_action_or_arguments_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    other_action = await step_up(api, token, action="licences.revoke")
    assert (await refusal(api, token, other_action))["reason"] == "mismatch"
    other_arguments = await step_up(api, token, arguments='{"for": "someone else"}')
    assert (await refusal(api, token, other_arguments))["reason"] == "mismatch"


async def test_someone_elses_or_an_unpassed_check_is_refused(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    owner = await signed_in(api, person_named("陈明辉"))
    thief = await signed_in(api, person_named("林淑芬"))
    theirs = await step_up(api, owner)
    stolen = await refusal(api, thief, theirs)
    assert (stolen["code"], stolen["reason"]) == ("INSUFFICIENT_USER_AUTHENTICATION", "unknown")
    assert (await refusal(api, thief, "not-a-uuid"))["reason"] == "unknown"
    # Started but never captured, and a tier check, are not step-ups.
    pending = await start_check(api, thief, "STEP_UP", ACTION, "{}")
    assert (await refusal(api, thief, pending["faceCheckId"]))["reason"] == "not_passed"
    tier_check = await face_check(api, thief)
    assert (await refusal(api, thief, tier_check["faceCheckId"]))["reason"] == "unknown"
    # The owner's check survived all that.
    revealed = (await api.data(REVEAL, {"s": theirs}, owner))["revealIdNumber"]
    assert revealed["__typename"] == "IdNumberRevealed"


async def test_a_failed_face_check_authorises_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("张不符"))
    started = await start_check(api, token, "STEP_UP", ACTION, "{}")
    assert started["__typename"] == "FaceCheckStarted"
    failed = await api.data(
        """mutation($id: ID!, $img: String!) { submitFaceCapture(faceCheckId: $id, image: $img) {
            __typename } }""",
        {"id": started["faceCheckId"], "img": "/9j/4AAQSkZJRg=="},
        token,
    )
    assert failed["submitFaceCapture"]["__typename"] == "VerificationFailedError"
    assert (await refusal(api, token, started["faceCheckId"]))["reason"] == "not_passed"


async def test_consume_for_any_domain_compares_arguments_canonically(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await signed_in(api, person)
    viewer = Viewer(subject=f"person:{await person_id_of(person)}", tier="basic")
    runtime = identity_runtime(api)
    check_id = await step_up(api, token, "cases.withdraw", '{"case": "C-1", "n": 2}')
    with pytest.raises(AccessDenied) as refused:
        await stepup.consume(
            runtime,
            viewer,
            step_up_id=check_id,
            action="cases.withdraw",
            arguments={"case": "C-1", "n": 3},
        )
    assert refused.value.extensions == {
        "code": "INSUFFICIENT_USER_AUTHENTICATION",
        "requiredTier": "advanced",
        "acrValues": "urn:onetap:acr:advanced",
        "maxAge": 120,
        "action": "cases.withdraw",
        "reason": "mismatch",
    }
    await stepup.consume(
        runtime,
        viewer,
        step_up_id=check_id,
        action="cases.withdraw",
        arguments={"n": 2, "case": "C-1"},
    )


async def test_concurrent_uses_spend_a_check_once(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await signed_in(api, person)
    viewer = Viewer(subject=f"person:{await person_id_of(person)}", tier="basic")
    check_id = await step_up(api, token)

    async def use() -> str:
        try:
            await stepup.consume(
                identity_runtime(api), viewer, step_up_id=check_id, action=ACTION, arguments={}
            )
        except AccessDenied as exc:
            return str((exc.extensions or {})["reason"])
        return "ok"

    outcomes = await asyncio.gather(*(use() for _ in range(5)))
    assert sorted(outcomes) == ["ok", "used", "used", "used", "used"]
    assert await AuditEntry.count().where(AuditEntry.action == "identity.step_up_used") == 1
