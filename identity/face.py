"""Online real-person verification: liveness + face match against the registry portrait.

A face check is opened for one purpose:

- ``tier``: a pass is evidence for **intermediate** (method ``face``);
- ``step_up``: a pass authorises **one transaction** (advanced, per transaction). The check
  is bound at start to ``sha256(canonical_json({"action", "arguments", "nonce"}))``; the
  nonce is the check's own random id, so two checks for the same operation never share a
  digest. :mod:`identity.stepup` recomputes the digest when the check is spent.

The PWA captures the face and submits it (:func:`submit_capture`); the vendor answers with
a signed result, which is only believed after :meth:`FaceVerifier.open_result` has checked
its signature and timestamp. A vendor may also deliver the result to our callback
(:func:`receive_signed_result`); both paths end in :func:`apply_outcome`, which moves the
check out of ``started``/``submitted`` exactly once, so a result applied twice changes
nothing the second time. A check is single-submit, expires after five minutes and belongs
to its person only. Captured images go to the object store and are deleted after the
configured retention by :mod:`identity.jobs`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from core import clock
from core.audit import service as audit
from core.crypto import canonical_json
from core.db import DB
from core.objectstore import ObjectStoreError
from identity import evidence, limits
from identity.errors import (
    CodeInvalid,
    InvalidInput,
    NotFound,
    ProviderUnavailable,
    VerificationFailed,
)
from identity.pii import ID_NUMBER, unseal
from identity.providers import (
    FaceOutcome,
    ProviderError,
    ProviderTimeout,
    SignedFaceResult,
)
from identity.providers.base import strict_json_object
from identity.runtime import IdentityRuntime
from identity.tables import FaceCheck, Person
from identity.tiers import Tier, parse_tier

#: How long a started check accepts a capture (a vendor session may end sooner).
FACE_CHECK_SECONDS = 300
#: Largest capture accepted, decoded.
MAX_IMAGE_BYTES = 500 * 1024
#: Largest ``arguments`` document a step-up may be bound to.
MAX_ARGUMENTS_BYTES = 8192
#: Action names: dotted lowercase words, e.g. ``identity.reveal_id_number``.
_ACTION = re.compile(r"[a-z][a-z0-9_]*(?:[.:][a-z0-9_]+)*")
_ACTION_MAX = 64
_DATA_URL = re.compile(r"data:image/[a-z0-9.+-]+;base64,", re.IGNORECASE)

FACE_PROVIDER = "face verification"
REGISTRY_PROVIDER = "population registry"


class FacePurpose(StrEnum):
    TIER = "tier"
    STEP_UP = "step_up"


class FaceStatus(StrEnum):
    STARTED = "started"  # waiting for a capture
    SUBMITTED = "submitted"  # capture sent to the vendor, result not applied yet
    PASSED = "passed"
    FAILED = "failed"  # liveness or comparison said no
    ERROR = "error"  # a vendor or store failure; the check is spent
    EXPIRED = "expired"  # a vendor result arrived for a check past its time


_PENDING = (FaceStatus.STARTED.value, FaceStatus.SUBMITTED.value)


@dataclass(frozen=True, slots=True)
class FaceCheckStarted:
    id: str
    expires_at: datetime
    #: The step-up binding (hex SHA-256); ``None`` for a tier check.
    binding_digest: str | None


@dataclass(frozen=True, slots=True)
class FaceCheckRecord:
    """A face check as its owner (or the callback) sees it."""

    id: str
    person_id: str
    purpose: FacePurpose
    status: FaceStatus
    bound_action: str | None
    expires_at: datetime
    completed_at: datetime | None
    used_at: datetime | None
    failed_checks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AppliedFaceResult:
    """What applying a vendor result did: ``applied`` is false when it had been applied."""

    check: FaceCheckRecord
    applied: bool
    #: The person's tier after the result (raised only by a passed tier check).
    tier: Tier


@dataclass(frozen=True, slots=True)
class FacePassed:
    check_id: str
    purpose: FacePurpose
    tier: Tier
    #: For a step-up: the moment the pass stops authorising anything.
    valid_until: datetime | None


def binding_digest(action: str, arguments: Mapping[str, Any], nonce: str) -> str:
    """The digest a step-up check is bound to (hex SHA-256 of canonical JSON)."""
    payload = {"action": action, "arguments": dict(arguments), "nonce": nonce}
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def checked_action(action: str | None) -> str:
    text = (action or "").strip()
    if not text or len(text) > _ACTION_MAX or not _ACTION.fullmatch(text):
        raise InvalidInput(
            "action", "format", "Name the action the check is for, e.g. identity.reveal_id_number."
        )
    return text


def parse_arguments(raw: str | None) -> dict[str, Any]:
    """The step-up's arguments: a JSON object (absent means ``{}``)."""
    if raw is None or not raw.strip():
        return {}
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_ARGUMENTS_BYTES:
        raise InvalidInput("arguments", "too_large", "The arguments are too large.")
    try:
        value = strict_json_object(raw.encode("utf-8"))
        canonical_json(value)
    except (ValueError, TypeError, UnicodeEncodeError):
        raise InvalidInput("arguments", "format", "The arguments must be a JSON object.") from None
    return value


def _as_uuid(value: str, message: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(message) from None


def _failed_checks(outcome: object) -> tuple[str, ...]:
    if isinstance(outcome, str):
        try:
            outcome = json.loads(outcome)
        except ValueError:
            return ()
    if isinstance(outcome, dict):
        found = outcome.get("failed_checks")
        if isinstance(found, list):
            return tuple(str(c) for c in found)
    return ()


def _record(row: Mapping[str, Any]) -> FaceCheckRecord:
    return FaceCheckRecord(
        id=str(row["id"]),
        person_id=str(row["person"]),
        purpose=FacePurpose(row["purpose"]),
        status=FaceStatus(row["status"]),
        bound_action=row["bound_action"],
        expires_at=row["expires_at"],
        completed_at=row["completed_at"],
        used_at=row["used_at"],
        failed_checks=_failed_checks(row["outcome"]),
    )


def _provider_unavailable(provider: str, exc: ProviderError) -> ProviderUnavailable:
    return ProviderUnavailable(provider, timed_out=isinstance(exc, ProviderTimeout))


async def start(
    runtime: IdentityRuntime,
    person_id: str,
    *,
    purpose: FacePurpose,
    action: str | None = None,
    arguments: str | None = None,
) -> FaceCheckStarted:
    """Open a face check for ``person_id`` (limited per person)."""
    bound_action: str | None = None
    parsed: dict[str, Any] = {}
    if purpose is FacePurpose.STEP_UP:
        bound_action = checked_action(action)
        parsed = parse_arguments(arguments)
    elif action is not None or arguments is not None:
        raise InvalidInput("action", "not_allowed", "Only a step-up check is bound to an action.")
    await limits.hit(
        limits.FACE_PER_PERSON, person_id, message="Too many face checks today; try tomorrow."
    )
    check_id = uuid.uuid4()
    try:
        ticket = await runtime.providers.face.start_session(session_reference=str(check_id))
    except ProviderError as exc:
        raise _provider_unavailable(FACE_PROVIDER, exc) from None
    now = clock.now()
    expires_at = min(now + timedelta(seconds=FACE_CHECK_SECONDS), ticket.expires_at)
    digest = (
        binding_digest(bound_action, parsed, str(check_id)) if bound_action is not None else None
    )
    await FaceCheck.insert(
        FaceCheck(
            id=check_id,
            person=person_id,
            purpose=purpose.value,
            provider=runtime.providers.face.name,
            provider_session_id=ticket.provider_session_id,
            status=FaceStatus.STARTED.value,
            bound_action=bound_action,
            bound_digest=digest,
            created_at=now,
            expires_at=expires_at,
        )
    )
    return FaceCheckStarted(id=str(check_id), expires_at=expires_at, binding_digest=digest)


async def get_check(person_id: str, check_id: str) -> FaceCheckRecord:
    """One of the person's own checks; anyone else's is :class:`NotFound`."""
    key = _as_uuid(check_id, "No such face check.")
    rows = await FaceCheck.select().where((FaceCheck.id == key) & (FaceCheck.person == person_id))
    if not rows:
        raise NotFound("No such face check.")
    return _record(rows[0])


def decode_image(raw: str) -> tuple[bytes, str, str]:
    """(bytes, file extension, content type) of a base64 capture; :class:`InvalidInput`."""
    text = _DATA_URL.sub("", raw.strip(), count=1)
    # Base64 of MAX_IMAGE_BYTES, with room for line breaks; refuse before decoding more.
    if len(text) > (MAX_IMAGE_BYTES * 4) // 3 + 1024:
        raise InvalidInput("image", "too_large", "The photo is larger than 500 KB.")
    try:
        image = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("image", "format", "The photo must be base64 encoded.") from None
    if not image:
        raise InvalidInput("image", "empty", "The photo is empty.")
    if len(image) > MAX_IMAGE_BYTES:
        raise InvalidInput("image", "too_large", "The photo is larger than 500 KB.")
    if image.startswith(b"\xff\xd8\xff"):
        return image, "jpg", "image/jpeg"
    if image.startswith(b"\x89PNG\r\n\x1a\n"):
        return image, "png", "image/png"
    # Not refused here: the vendor judges what it was sent (and fails liveness).
    return image, "bin", "application/octet-stream"


async def _spend(check_id: uuid.UUID, status: FaceStatus) -> None:
    """End a submitted check without a result (a vendor or store failure)."""
    await FaceCheck.update(
        {FaceCheck.status: status.value, FaceCheck.completed_at: clock.now()}
    ).where((FaceCheck.id == check_id) & (FaceCheck.status == FaceStatus.SUBMITTED.value))


async def submit_capture(
    runtime: IdentityRuntime, person_id: str, check_id: str, image_base64: str
) -> FacePassed:
    """Submit the person's capture for their check and apply the vendor's verdict.

    Raises :class:`VerificationFailed` (``liveness`` / ``face_match``),
    :class:`ProviderUnavailable`, :class:`CodeInvalid` (used or expired) or
    :class:`NotFound`.
    """
    image, extension, content_type = decode_image(image_base64)
    key = _as_uuid(check_id, "No such face check.")
    rows = await FaceCheck.select().where((FaceCheck.id == key) & (FaceCheck.person == person_id))
    if not rows:
        raise NotFound("No such face check.")
    row = rows[0]
    now = clock.now()
    image_key = f"identity/face/{person_id}/{key}.{extension}"
    # Claim the check: only one submission can move it out of ``started``.
    claimed = (
        await FaceCheck.update(
            {
                FaceCheck.status: FaceStatus.SUBMITTED.value,
                FaceCheck.captured_at: now,
                FaceCheck.image_key: image_key,
            }
        )
        .where(
            (FaceCheck.id == key)
            & (FaceCheck.status == FaceStatus.STARTED.value)
            & (FaceCheck.expires_at > now)
        )
        .returning(FaceCheck.id)
    )
    if not claimed:
        if row["status"] == FaceStatus.STARTED.value:
            raise CodeInvalid("This face check has expired; start a new one.")
        raise CodeInvalid("This face check has already been used; start a new one.")

    try:
        await runtime.objects.put(image_key, image, content_type)
    except ObjectStoreError:
        await _spend(key, FaceStatus.ERROR)
        raise ProviderUnavailable("object store", timed_out=False) from None

    people = await Person.select(Person.name, Person.id_number_enc).where(Person.id == person_id)
    if not people:
        await _spend(key, FaceStatus.ERROR)
        raise NotFound("No such person.")
    try:
        portrait = await runtime.providers.registry.reference_photo(
            unseal(runtime.keys, people[0]["id_number_enc"], ID_NUMBER)
        )
    except ProviderError as exc:
        await _spend(key, FaceStatus.ERROR)
        raise _provider_unavailable(REGISTRY_PROVIDER, exc) from None

    face = runtime.providers.face
    try:
        signed = await face.submit_capture(
            provider_session_id=row["provider_session_id"],
            image=image,
            reference_photo=portrait,
            hint=people[0]["name"],
        )
        outcome = face.open_result(signed, now=clock.now())
    except ProviderTimeout as exc:
        # The vendor may still finish and call back; the check stays submitted (and is
        # spent for another capture either way).
        raise _provider_unavailable(FACE_PROVIDER, exc) from None
    except ProviderError as exc:
        await _spend(key, FaceStatus.ERROR)
        raise _provider_unavailable(FACE_PROVIDER, exc) from None
    if outcome.provider_session_id != row["provider_session_id"]:
        await _spend(key, FaceStatus.ERROR)
        raise ProviderUnavailable(FACE_PROVIDER, timed_out=False)

    result = await apply_outcome(runtime, outcome, actor=f"person:{person_id}")
    check = result.check
    if check.status is FaceStatus.PASSED:
        valid_until = None
        if check.purpose is FacePurpose.STEP_UP and check.completed_at is not None:
            valid_until = check.completed_at + timedelta(
                seconds=runtime.settings.identity.step_up_seconds
            )
        return FacePassed(check.id, check.purpose, result.tier, valid_until)
    if check.status is FaceStatus.FAILED:
        raise VerificationFailed(
            check.failed_checks,
            "The face check did not pass: " + ", ".join(check.failed_checks) + ".",
        )
    raise CodeInvalid("This face check has already been used; start a new one.")


def _verdict(outcome: FaceOutcome) -> tuple[FaceStatus, tuple[str, ...]]:
    if not outcome.liveness_passed:
        return FaceStatus.FAILED, ("liveness",)
    if not outcome.matched:
        return FaceStatus.FAILED, ("face_match",)
    return FaceStatus.PASSED, ()


async def apply_outcome(
    runtime: IdentityRuntime, outcome: FaceOutcome, *, actor: str
) -> AppliedFaceResult:
    """Apply a verified vendor result to its check, once; :class:`NotFound` if unknown."""
    rows = await FaceCheck.select().where(
        FaceCheck.provider_session_id == outcome.provider_session_id
    )
    if not rows:
        raise NotFound("No face check has this vendor session.")
    row = rows[0]
    status, failed = _verdict(outcome)
    if row["status"] == FaceStatus.STARTED.value and outcome.checked_at > row["expires_at"]:
        # Captured at the vendor (never through us) after the check's time ran out.
        status, failed = FaceStatus.EXPIRED, ("expired",)
    subject = f"person:{row['person']}"
    now = clock.now()
    stored = {
        "liveness": outcome.liveness_passed,
        "match": outcome.matched,
        "score": outcome.score,
        "reference": outcome.reference[:128],
        "checked_at": outcome.checked_at.isoformat(),
        "failed_checks": list(failed),
    }
    async with DB.transaction():
        updated = (
            await FaceCheck.update(
                {
                    FaceCheck.status: status.value,
                    FaceCheck.outcome: json.dumps(stored),
                    FaceCheck.completed_at: now,
                }
            )
            .where((FaceCheck.id == row["id"]) & FaceCheck.status.is_in(list(_PENDING)))
            .returning(FaceCheck.id)
        )
        if updated:
            await audit.record(
                actor=actor,
                action="identity.face_check_completed",
                subject_type="person",
                subject_id=str(row["person"]),
                data={
                    "face_check": str(row["id"]),
                    "purpose": str(row["purpose"]),
                    "status": status.value,
                    "failed_checks": list(failed),
                    "score": outcome.score,
                    "provider": str(row["provider"]),
                    "provider_reference": outcome.reference[:128],
                },
            )
            if status is FaceStatus.PASSED and row["purpose"] == FacePurpose.TIER.value:
                await evidence.grant(
                    subject=subject,
                    tier=Tier.INTERMEDIATE,
                    method=evidence.Method.FACE,
                    provider=str(row["provider"]),
                    provider_reference=outcome.reference,
                    actor=actor,
                )
    fresh = await FaceCheck.select().where(FaceCheck.id == row["id"])
    tiers = await Person.select(Person.tier).where(Person.id == row["person"])
    tier = parse_tier(tiers[0]["tier"]) if tiers else Tier.ANONYMOUS
    return AppliedFaceResult(check=_record(fresh[0]), applied=bool(updated), tier=tier)


async def receive_signed_result(
    runtime: IdentityRuntime, signed: SignedFaceResult
) -> AppliedFaceResult:
    """A vendor's callback: check signature and timestamp, then apply the result.

    Raises :class:`~identity.providers.ResultSignatureError` (nothing is read or changed)
    or :class:`NotFound` for a session we never opened.
    """
    outcome = runtime.providers.face.open_result(signed, now=clock.now())
    return await apply_outcome(
        runtime, outcome, actor=f"provider:face:{runtime.providers.face.name}"
    )
