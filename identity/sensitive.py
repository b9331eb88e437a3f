"""Identity's own sensitive operations: changing the phone, revealing the full ID number.

Changing the phone needs intermediate (the account's durable tier) and a code sent to the
new phone; revealing the full ID number needs advanced, per transaction: a fresh face
check bound to the action ``identity.reveal_id_number``. Both are audited without the
values themselves.
"""

from __future__ import annotations

import asyncpg

from core.audit import service as audit
from core.crypto import mask_phone
from core.db import DB
from core.graphql.context import Viewer
from identity import authz, stepup
from identity.errors import AlreadyExists, InvalidInput, NotFound
from identity.pii import ID_NUMBER, PHONE, phone_index, seal, unseal
from identity.runtime import IdentityRuntime
from identity.sms import SmsPurpose, checked_phone, consume_code
from identity.tables import Person

REVEAL_ID_NUMBER = "identity.reveal_id_number"


async def change_phone(
    runtime: IdentityRuntime, person_id: str, *, new_phone: str, sms_code: str
) -> str:
    """Move the account to ``new_phone`` (proven by its code); return it masked.

    The caller has checked the tier (intermediate).
    """
    try:
        phone = checked_phone(new_phone)
    except InvalidInput as exc:
        raise InvalidInput("newPhone", exc.reason, exc.message) from None
    bidx = phone_index(runtime.keys, phone)
    rows = await Person.select(Person.id).where(Person.phone_bidx == bidx)
    if rows:
        if str(rows[0]["id"]) == person_id:
            raise InvalidInput("newPhone", "unchanged", "This is already your phone number.")
        raise AlreadyExists("This phone number already belongs to another account.")
    await consume_code(runtime.keys, phone=phone, purpose=SmsPurpose.CHANGE_PHONE, code=sms_code)
    subject = f"person:{person_id}"
    try:
        async with DB.transaction():
            updated = (
                await Person.update(
                    {Person.phone_enc: seal(runtime.keys, phone, PHONE), Person.phone_bidx: bidx}
                )
                .where(Person.id == person_id)
                .returning(Person.id)
            )
            if not updated:
                raise NotFound("No such person.")
            await audit.record(
                actor=subject,
                action="identity.phone_changed",
                subject_type="person",
                subject_id=person_id,
                data={},
            )
    except asyncpg.UniqueViolationError:
        # Another account took the number between the check and the update.
        raise AlreadyExists("This phone number already belongs to another account.") from None
    return mask_phone(phone)


async def reveal_id_number(
    runtime: IdentityRuntime, viewer: Viewer, *, step_up_id: str | None
) -> str:
    """The viewer's own full ID number, spending a step-up check bound to this action."""
    async with DB.transaction():
        # First: an anonymous caller, too, is told to step up (after signing in).
        await stepup.consume(
            runtime, viewer, step_up_id=step_up_id, action=REVEAL_ID_NUMBER, arguments={}
        )
        person_id = authz.require_person(viewer)
        rows = await Person.select(Person.id_number_enc).where(Person.id == person_id)
        if not rows:
            raise NotFound("No such person.")
        await audit.record(
            actor=f"person:{person_id}",
            action="identity.id_number_revealed",
            subject_type="person",
            subject_id=person_id,
            data={"step_up": step_up_id},
        )
    return unseal(runtime.keys, rows[0]["id_number_enc"], ID_NUMBER)
