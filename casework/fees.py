"""Fee settlement: the entry point of the (future) unified payment module.

A fee-charging case (``fee_fen`` copied from its item version at start) cannot be
completed until :func:`settle_fee` has recorded the payment. The payment module calls
it once a payment has cleared; delivery of the same notification twice is harmless:

- the same payment reference again → nothing changes, the case is returned;
- a different amount, a second different reference, or a case with no fee (or one
  that can no longer be paid for) → :class:`~casework.errors.Conflict`, for the payment
  module to refund or reconcile.
"""

from __future__ import annotations

from casework.access import CaseRow, load_case
from casework.errors import Conflict, InvalidInput, NotFound
from casework.states import CaseStatus
from casework.tables import Case
from core import clock
from core.audit import service as audit
from core.db import DB

S = CaseStatus
#: A payment only makes sense while the case is (or will be) handled.
PAYABLE = frozenset({S.SUBMITTED, S.ACCEPTED, S.CORRECTION_REQUESTED, S.UNDER_REVIEW, S.APPROVED})
MAX_REFERENCE = 64


async def settle_fee(case_id: str, *, amount_fen: int, payment_reference: str) -> CaseRow:
    """Record that the case's fee of ``amount_fen`` was paid under ``payment_reference``."""
    reference = payment_reference.strip()
    if not reference or len(reference) > MAX_REFERENCE:
        raise InvalidInput("paymentReference", "format", "A payment reference is 1-64 characters.")
    async with DB.transaction():
        case = await load_case(case_id, lock=True)
        if case is None:
            raise NotFound("No such case.")
        if case.fee_settled_at is not None:
            if case.payment_reference == reference and case.fee_fen == amount_fen:
                return case  # the same notification again
            raise Conflict("The fee of this case was already settled by another payment.")
        if not case.fee_fen:
            raise Conflict("This case charges no fee.")
        if amount_fen != case.fee_fen:
            raise Conflict("The amount paid differs from the case's fee.")
        if case.status not in PAYABLE:
            raise Conflict("This case can no longer be paid for.")
        now = clock.now()
        await Case.update(
            {Case.fee_settled_at: now, Case.payment_reference: reference, Case.updated_at: now}
        ).where(Case.id == case.id)
        await audit.record(
            actor="system:payment",
            action="casework.fee_settled",
            subject_type="case",
            subject_id=case.id,
            data={"amount_fen": amount_fen, "payment_reference": reference},
        )
    settled = await load_case(case_id)
    assert settled is not None
    return settled
