"""Online face verification: every outcome of a tier check, and the vendor callback."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from core import clock
from core.audit.tables import AuditEntry
from identity import sessions
from identity.providers import SignedFaceResult
from identity.providers.sandbox import SandboxFaceVerifier, SandboxPerson, sandbox_portrait
from identity.runtime import IdentityRuntime
from identity.tables import FaceCheck, Person, StaffMember, TierEvidence
from tests.identity.conftest import Api

#: The first bytes of a JPEG are all the sandbox looks at.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(64))

START = """mutation($p: FaceCheckPurpose!, $a: String, $g: String) {
    startFaceCheck(purpose: $p, action: $a, arguments: $g) {
        __typename
        ... on FaceCheckStarted { faceCheckId expiresAt bindingDigest }
        ... on UserError { code message }
        ... on InvalidInputError { field reason }
        ... on RateLimitedError { retryAfterSeconds }
    } }"""

SUBMIT = """mutation($id: ID!, $img: String!) {
    submitFaceCapture(faceCheckId: $id, image: $img) {
        __typename
        ... on FaceCheckPassed { faceCheckId purpose tier validUntil }
        ... on UserError { code message }
        ... on InvalidInputError { field reason }
        ... on VerificationFailedError { failedChecks }
        ... on ProviderUnavailableError { provider timedOut }
    } }"""

ME_TIER = "{ me { tier person { evidence { method tier provider } } } }"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def identity_runtime(api: Api) -> IdentityRuntime:
    runtime: IdentityRuntime = api.app.state.identity
    return runtime


async def signed_in(api: Api, person: SandboxPerson) -> str:
    """Register ``person`` and return an access token."""
    result = await api.register(person)
    assert result["__typename"] == "AuthSuccess", result
    token: str = result["accessToken"]
    return token


async def person_id_of(person: SandboxPerson) -> str:
    rows = await Person.select(Person.id, Person.name)
    found = [r for r in rows if r["name"] == person.name]
    assert found, person.name
    return str(found[0]["id"])


async def rename(person_id: str, name: str) -> None:
    """Give a registered person a sandbox magic name (the registry knows the real one)."""
    await Person.update({Person.name: name}).where(Person.id == person_id)


async def staff_token(api: Api, roles: Sequence[str]) -> tuple[str, str]:
    """A signed-in staff member with ``roles``: (access token, staff id)."""
    staff_id = uuid.uuid4()
    await StaffMember.insert(
        StaffMember(
            id=staff_id,
            username=f"staff-{staff_id.hex[:8]}",
            name="窗口人员",
            roles=list(roles),
            password_hash="unused",
            active=True,
            created_at=clock.now(),
            created_by="test",
        )
    )
    tokens = await sessions.start_session(
        identity_runtime(api), subject=f"staff:{staff_id}", amr=("pwd", "hwk"), device="test"
    )
    return tokens.access_token, str(staff_id)


async def start_check(
    api: Api,
    token: str | None,
    purpose: str = "TIER",
    action: str | None = None,
    arguments: str | None = None,
) -> dict[str, Any]:
    data = await api.data(START, {"p": purpose, "a": action, "g": arguments}, token)
    result: dict[str, Any] = data["startFaceCheck"]
    return result


async def submit(api: Api, token: str, check_id: str, image: bytes = JPEG) -> dict[str, Any]:
    data = await api.data(SUBMIT, {"id": check_id, "img": b64(image)}, token)
    result: dict[str, Any] = data["submitFaceCapture"]
    return result


async def face_check(api: Api, token: str, purpose: str = "TIER", **bind: str) -> dict[str, Any]:
    """Start a check and submit a JPEG; the submit result."""
    started = await start_check(api, token, purpose, bind.get("action"), bind.get("arguments"))
    assert started["__typename"] == "FaceCheckStarted", started
    return await submit(api, token, started["faceCheckId"])


async def tier_of(api: Api, token: str) -> str:
    tier: str = (await api.data(ME_TIER, token=token))["me"]["tier"]
    return tier


async def test_a_passed_face_check_raises_to_intermediate_with_evidence(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token)
    assert started["__typename"] == "FaceCheckStarted"
    assert started["bindingDigest"] is None
    result = await submit(api, token, started["faceCheckId"])
    assert result == {
        "__typename": "FaceCheckPassed",
        "faceCheckId": started["faceCheckId"],
        "purpose": "TIER",
        "tier": "INTERMEDIATE",
        "validUntil": None,
    }
    me = (await api.data(ME_TIER, token=token))["me"]
    assert me["tier"] == "INTERMEDIATE"
    assert {"method": "face", "tier": "INTERMEDIATE", "provider": "sandbox"} in me["person"][
        "evidence"
    ]
    # The capture is kept in the object store (until the retention job deletes it).
    row = await FaceCheck.select().where(FaceCheck.id == started["faceCheckId"]).first()
    assert row is not None
    assert row["status"] == "passed" and row["captured_at"] is not None
    assert row["image_key"] == f"identity/face/{row['person']}/{row['id']}.jpg"
    assert await identity_runtime(api).objects.get(row["image_key"]) == JPEG
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action)]
    assert "identity.face_check_completed" in actions
    assert "identity.tier_evidence_added" in actions


async def _failed_checks_for(api: Api, token: str, image: bytes = JPEG) -> dict[str, Any]:
    started = await start_check(api, token)
    return await submit(api, token, started["faceCheckId"], image)


async def test_a_face_mismatch_says_so_and_raises_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("张不符"))
    result = await _failed_checks_for(api, token)
    assert result["__typename"] == "VerificationFailedError", result
    assert (result["code"], result["failedChecks"]) == ("VERIFICATION_FAILED", ["face_match"])
    assert await tier_of(api, token) == "BASIC"
    assert not await TierEvidence.exists().where(TierEvidence.method == "face")


async def test_a_spoof_fails_liveness(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("赵假体"))
    result = await _failed_checks_for(api, token)
    assert result["failedChecks"] == ["liveness"]
    assert await tier_of(api, token) == "BASIC"


async def test_an_image_that_is_not_jpeg_or_png_fails_liveness(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    result = await _failed_checks_for(api, token, b"GIF89a not a photo of anyone")
    assert result["failedChecks"] == ["liveness"]
    assert await tier_of(api, token) == "BASIC"
    # A PNG passes like a JPEG.
    started = await start_check(api, token)
    passed = await submit(api, token, started["faceCheckId"], sandbox_portrait("x"))
    assert passed["__typename"] == "FaceCheckPassed"


async def test_vendor_failure_and_timeout_leave_the_tier_unchanged(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    person = person_named("陈明辉")
    token = await signed_in(api, person)
    person_id = await person_id_of(person)
    for name, timed_out in (("陈明辉失败", False), ("陈明辉超时", True)):
        await rename(person_id, name)
        result = await _failed_checks_for(api, token)
        assert result["__typename"] == "ProviderUnavailableError", result
        assert result["timedOut"] is timed_out
        assert result["provider"] == "face verification"
    assert await tier_of(api, token) == "BASIC"
    assert not await TierEvidence.exists().where(TierEvidence.method == "face")
    statuses = sorted(r["status"] for r in await FaceCheck.select(FaceCheck.status))
    # An error spends the check; after a timeout it waits for the vendor's callback.
    assert statuses == ["error", "submitted"]


async def test_a_check_takes_one_capture(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("张不符"))
    started = await start_check(api, token)
    first = await submit(api, token, started["faceCheckId"])
    assert first["__typename"] == "VerificationFailedError"
    again = await submit(api, token, started["faceCheckId"])
    assert again["code"] == "CODE_INVALID"


async def test_a_check_expires_after_five_minutes(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token)
    with clock.frozen_at(clock.now() + timedelta(seconds=301)):
        result = await submit(api, token, started["faceCheckId"])
    assert result["code"] == "CODE_INVALID"
    assert "expired" in result["message"]
    assert await tier_of(api, token) == "BASIC"


async def test_a_check_belongs_to_its_person_only(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    owner = await signed_in(api, person_named("陈明辉"))
    other = await signed_in(api, person_named("林淑芬"))
    started = await start_check(api, owner)
    stolen = await submit(api, other, started["faceCheckId"])
    assert stolen["code"] == "NOT_FOUND"
    seen = await api.data(
        "query($id: ID!) { faceCheck(faceCheckId: $id) { status } }",
        {"id": started["faceCheckId"]},
        other,
    )
    assert seen["faceCheck"] is None
    assert (await submit(api, other, "not-a-uuid"))["code"] == "NOT_FOUND"
    # The owner's check was not touched by the attempt.
    assert (await submit(api, owner, started["faceCheckId"]))["__typename"] == "FaceCheckPassed"
    assert await tier_of(api, other) == "BASIC"


async def test_captures_are_checked_before_anything_is_spent(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token)
    too_large = await submit(api, token, started["faceCheckId"], JPEG + bytes(500 * 1024))
    assert (too_large["field"], too_large["reason"]) == ("image", "too_large")
    data = await api.data(SUBMIT, {"id": started["faceCheckId"], "img": "@@not base64@@"}, token)
    assert data["submitFaceCapture"]["reason"] == "format"
    # Still usable: refusing the input spent nothing.
    assert (await submit(api, token, started["faceCheckId"]))["__typename"] == "FaceCheckPassed"


async def test_who_may_start_a_check(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    assert (
        await api.error_code(START, {"p": "TIER", "a": None, "g": None})
        == "INSUFFICIENT_USER_AUTHENTICATION"
    )
    clerk, _ = await staff_token(api, ["window_clerk"])
    assert await api.error_code(START, {"p": "TIER", "a": None, "g": None}, clerk) == "FORBIDDEN"
    token = await signed_in(api, person_named("陈明辉"))
    no_action = await start_check(api, token, "STEP_UP")
    assert (no_action["field"], no_action["reason"]) == ("action", "format")
    bad_arguments = await start_check(api, token, "STEP_UP", "identity.x", "[1, 2]")
    assert (bad_arguments["field"], bad_arguments["reason"]) == ("arguments", "format")
    bound_tier = await start_check(api, token, "TIER", "identity.x")
    assert bound_tier["reason"] == "not_allowed"
    assert await FaceCheck.count() == 0


async def test_face_checks_are_limited_per_person(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    for _ in range(10):
        assert (await start_check(api, token))["__typename"] == "FaceCheckStarted"
    limited = await start_check(api, token)
    assert limited["__typename"] == "RateLimitedError"
    assert limited["retryAfterSeconds"] > 0


# --- The vendor's callback -------------------------------------------------------------


async def _vendor_result(api: Api, check_id: str, hint: str = "陈明辉") -> SignedFaceResult:
    """What the sandbox vendor would send to the callback for ``check_id``."""
    face = identity_runtime(api).providers.face
    assert isinstance(face, SandboxFaceVerifier)
    row = await FaceCheck.select(FaceCheck.provider_session_id).where(FaceCheck.id == check_id)
    return await face.submit_capture(
        provider_session_id=row[0]["provider_session_id"],
        image=JPEG,
        reference_photo=sandbox_portrait("x"),
        hint=hint,
    )


async def _deliver(api: Api, signed: SignedFaceResult, body: bytes | None = None) -> Any:
    return await api.http.post(
        "/identity/face/callback",
        content=signed.body if body is None else body,
        headers={"X-Timestamp": signed.timestamp, "X-Signature": signed.signature},
    )


async def test_a_signed_callback_applies_the_result_once(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token)
    signed = await _vendor_result(api, started["faceCheckId"])
    response = await _deliver(api, signed)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "passed", "applied": True}
    assert await tier_of(api, token) == "INTERMEDIATE"
    # Vendors retry: a second delivery changes nothing.
    again = await _deliver(api, signed)
    assert again.json() == {"status": "passed", "applied": False}
    assert await TierEvidence.count().where(TierEvidence.method == "face") == 1
    # And the check cannot take a capture any more.
    assert (await submit(api, token, started["faceCheckId"]))["code"] == "CODE_INVALID"


async def test_a_failed_result_by_callback_raises_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token)
    signed = await _vendor_result(api, started["faceCheckId"], hint="Mismatch")
    response = await _deliver(api, signed)
    assert response.json() == {"status": "failed", "applied": True}
    status = await api.data(
        "query($id: ID!) { faceCheck(faceCheckId: $id) { status failedChecks } }",
        {"id": started["faceCheckId"]},
        token,
    )
    assert status["faceCheck"] == {"status": "FAILED", "failedChecks": ["face_match"]}
    assert await tier_of(api, token) == "BASIC"


async def test_a_tampered_or_stale_callback_is_refused_and_changes_nothing(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    token = await signed_in(api, person_named("陈明辉"))
    started = await start_check(api, token)
    failing = await _vendor_result(api, started["faceCheckId"], hint="Mismatch")
    # Turn the vendor's "no" into a "yes" without its key.
    body = json.loads(failing.body)
    body.update(liveness=True, match=True, score=99)
    forged = json.dumps(body, separators=(",", ":")).encode()
    response = await _deliver(api, failing, forged)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_SIGNATURE"
    unsigned = await api.http.post("/identity/face/callback", content=failing.body)
    assert unsigned.status_code == 401
    # A genuine result replayed long after it was signed.
    with clock.frozen_at(clock.now() - timedelta(minutes=10)):
        old = await _vendor_result(api, started["faceCheckId"])
    stale = await _deliver(api, old)
    assert stale.status_code == 401
    assert stale.json()["error"]["code"] == "INVALID_SIGNATURE"
    row = await FaceCheck.select(FaceCheck.status).where(FaceCheck.id == started["faceCheckId"])
    assert row[0]["status"] == "started"
    assert await tier_of(api, token) == "BASIC"


async def test_a_callback_for_an_unknown_session_is_not_found(api: Api) -> None:
    face = identity_runtime(api).providers.face
    ticket = await face.start_session(session_reference="never-stored")
    signed = await face.submit_capture(
        provider_session_id=ticket.provider_session_id,
        image=JPEG,
        reference_photo=sandbox_portrait("x"),
        hint="陈明辉",
    )
    response = await _deliver(api, signed)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"
