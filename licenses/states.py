"""The license status graph, as data: who may move a license where, and what it records.

valid ⇄ suspended (suspend / reinstate), valid | suspended → revoked (final). Expiry is
not a status: it is read from ``valid_until`` against the clock wherever status is shown,
so an expired license needs no job to mark it. Every change needs a reason.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["GRAPH", "LicenseAction", "LicenseStatus", "target_of"]


class LicenseStatus(StrEnum):
    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class LicenseAction(StrEnum):
    ISSUE = "issue"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    REVOKE = "revoke"


#: (from, action) → to. Issuing has no "from": it creates the row.
GRAPH: dict[tuple[LicenseStatus, LicenseAction], LicenseStatus] = {
    (LicenseStatus.VALID, LicenseAction.SUSPEND): LicenseStatus.SUSPENDED,
    (LicenseStatus.SUSPENDED, LicenseAction.REINSTATE): LicenseStatus.VALID,
    (LicenseStatus.VALID, LicenseAction.REVOKE): LicenseStatus.REVOKED,
    (LicenseStatus.SUSPENDED, LicenseAction.REVOKE): LicenseStatus.REVOKED,
}


def target_of(status: LicenseStatus, action: LicenseAction) -> LicenseStatus | None:
    """Where ``action`` takes a license in ``status``, or None if it may not."""
    return GRAPH.get((status, action))
