"""Materials filled by an e-license, re-checked when it matters.

The e-license domain sits above casework (it reads cases to issue licenses), so casework
cannot call it; instead licenses registers a checker at start-up (dependency inversion).
Casework asks it at submission and when staff start the review or approve: a license
that was revoked, suspended, expired or tampered with since it was attached fails the
step. Without a registered checker every license material fails — closed, not open.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol

from casework.material_rows import ACCEPTED, LICENSE
from casework.tables import CaseMaterial
from core import clock

__all__ = ["LicenseCheck", "recheck_case", "register_checker"]


class LicenseCheck(Protocol):
    def __call__(self, reference: str, *, case_id: str, actor: str) -> Awaitable[bool]:
        """Whether the license ``reference`` (its identifier) still holds for the case."""
        ...


_checker: LicenseCheck | None = None


def register_checker(check: LicenseCheck | None) -> None:
    global _checker
    _checker = check


async def recheck_case(case_id: str, *, actor: str) -> list[str]:
    """Re-check every license material of the case; the slots whose license failed.

    Call inside the caller's transaction: passing checks refresh ``verified_at``.
    """
    rows = await CaseMaterial.select(
        CaseMaterial.id, CaseMaterial.slot, CaseMaterial.license_reference
    ).where(
        (CaseMaterial.case == case_id)
        & (CaseMaterial.source == LICENSE)
        & (CaseMaterial.status == ACCEPTED)
    )
    failing: list[str] = []
    for row in rows:
        reference = row["license_reference"]
        ok = (
            _checker is not None
            and reference is not None
            and await _checker(reference, case_id=case_id, actor=actor)
        )
        if ok:
            await CaseMaterial.update({CaseMaterial.verified_at: clock.now()}).where(
                CaseMaterial.id == row["id"]
            )
        else:
            failing.append(row["slot"])
    return failing
