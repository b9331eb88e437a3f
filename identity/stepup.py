"""Advanced, per transaction: spend a fresh face check bound to exactly this operation.

Every domain guards its sensitive operations with one call::

    async with DB.transaction():
        await stepup.consume(runtime, viewer, step_up_id=step_up_id,
                             action="licences.revoke", arguments={"licence": licence_id})
        ...  # the operation itself

Calling it inside the operation's transaction means a failed operation leaves the check
unspent. Any refusal is the GraphQL error ``INSUFFICIENT_USER_AUTHENTICATION`` with
``requiredTier: advanced``, the ``acrValues``, ``maxAge`` (seconds of freshness) and the
``action``; when a check was presented but cannot be used, ``reason`` says why:

- ``missing``: no check was presented;
- ``unknown``: no such check of the viewer's (another person's check reads the same);
- ``not_passed``: the check has not (or not yet) passed;
- ``used``: it already authorised an operation (each check is usable once);
- ``mismatch``: it is bound to another action or other arguments;
- ``stale``: it passed more than ``maxAge`` seconds ago.

Whatever the reason, the PWA's remedy is the same: start a new step-up face check for the
action and its arguments, then retry with its id.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from identity import authz
from identity.face import FacePurpose, FaceStatus, binding_digest
from identity.runtime import IdentityRuntime
from identity.tables import FaceCheck
from identity.tiers import Tier

_MESSAGES = {
    "missing": "This needs a live face check for this operation.",
    "unknown": "That face check does not exist; start a new one for this operation.",
    "not_passed": "That face check has not passed; start a new one for this operation.",
    "used": "That face check has already been used; start a new one for this operation.",
    "mismatch": "That face check was made for a different operation; start a new one.",
    "stale": "That face check is too old; start a new one for this operation.",
}


def refusal(runtime: IdentityRuntime, action: str, reason: str) -> AccessDenied:
    """The step-up error for ``action`` (``INSUFFICIENT_USER_AUTHENTICATION``)."""
    base = authz.insufficient(
        Tier.ADVANCED, max_age=runtime.settings.identity.step_up_seconds, action=action
    )
    details = {k: v for k, v in (base.extensions or {}).items() if k != "code"}
    return AccessDenied(
        authz.INSUFFICIENT, _MESSAGES.get(reason, base.message), **details, reason=reason
    )


async def consume(
    runtime: IdentityRuntime,
    viewer: Viewer,
    *,
    step_up_id: str | None,
    action: str,
    arguments: Mapping[str, Any],
) -> None:
    """Spend the viewer's step-up check ``step_up_id`` for ``action`` with ``arguments``.

    Raises :class:`~core.graphql.errors.AccessDenied` (``INSUFFICIENT_USER_AUTHENTICATION``
    with a ``reason``) unless the check is the viewer's, passed, bound to this action and
    these arguments, fresh and unused; then marks it used (atomically: two concurrent
    operations cannot both spend it) and audits the use.
    """
    if viewer.subject is None:
        raise refusal(runtime, action, "missing")
    # Staff can never take a face check: refuse them outright rather than ask for one.
    person_id = authz.require_person(viewer)
    if not step_up_id or not step_up_id.strip():
        raise refusal(runtime, action, "missing")
    try:
        check_id = uuid.UUID(step_up_id.strip())
    except ValueError:
        raise refusal(runtime, action, "unknown") from None
    rows = await FaceCheck.select().where(
        (FaceCheck.id == check_id)
        & (FaceCheck.person == person_id)
        & (FaceCheck.purpose == FacePurpose.STEP_UP.value)
    )
    if not rows:
        raise refusal(runtime, action, "unknown")
    row = rows[0]
    if row["status"] != FaceStatus.PASSED.value or row["completed_at"] is None:
        raise refusal(runtime, action, "not_passed")
    if row["used_at"] is not None:
        raise refusal(runtime, action, "used")
    # The nonce is the check's own (random) id; see identity.face.
    digest = binding_digest(action, arguments, str(check_id))
    if row["bound_action"] != action or row["bound_digest"] != digest:
        raise refusal(runtime, action, "mismatch")
    now = clock.now()
    fresh_after = now - timedelta(seconds=runtime.settings.identity.step_up_seconds)
    if row["completed_at"] < fresh_after:
        raise refusal(runtime, action, "stale")
    async with DB.transaction():
        spent = (
            await FaceCheck.update({FaceCheck.used_at: now})
            .where(
                (FaceCheck.id == check_id)
                & FaceCheck.used_at.is_null()
                & (FaceCheck.status == FaceStatus.PASSED.value)
                & (FaceCheck.bound_digest == digest)
                & (FaceCheck.completed_at >= fresh_after)
            )
            .returning(FaceCheck.id)
        )
        if not spent:
            # Another request spent it between the read and this update.
            raise refusal(runtime, action, "used")
        await audit.record(
            actor=viewer.subject,
            action="identity.step_up_used",
            subject_type="face_check",
            subject_id=str(check_id),
            data={"action": action, "digest": digest, "acting_for": viewer.acting_for},
        )
