"""A case's timeline as its readers see it: every status change, oldest first.

Rows are written by casework.changes (one per change, in the change's transaction); the
acting person's subject stays in the table for audit, and readers see only the role.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from casework.tables import CaseEvent


@dataclass(frozen=True, slots=True)
class TimelineStep:
    action: str
    from_status: str | None
    to_status: str
    actor_role: str
    reason: str | None
    at: datetime


async def timelines_of(case_ids: Sequence[str]) -> dict[str, list[TimelineStep]]:
    """Each case's steps in order (an empty list for a case without any)."""
    found: dict[str, list[TimelineStep]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return found
    rows = (
        await CaseEvent.select(
            CaseEvent.case,
            CaseEvent.action,
            CaseEvent.from_status,
            CaseEvent.to_status,
            CaseEvent.actor_role,
            CaseEvent.reason,
            CaseEvent.at,
        )
        .where(CaseEvent.case.is_in([uuid.UUID(case_id) for case_id in case_ids]))
        .order_by(CaseEvent.at)
        .order_by(CaseEvent.id)
    )
    for row in rows:
        found.setdefault(str(row["case"]), []).append(
            TimelineStep(
                action=row["action"],
                from_status=row["from_status"],
                to_status=row["to_status"],
                actor_role=row["actor_role"],
                reason=row["reason"],
                at=row["at"],
            )
        )
    return found
