"""One status change of a case, recorded the same way whoever makes it.

Every change (applicant or staff) goes through :func:`apply`: check the edge in the state
graph, update the row, add the timeline event, append the audit entry and queue the live
notification — all inside the caller's transaction, which holds the case's row lock, so
a change is either wholly there or not at all and two people cannot make the same one.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from casework import live
from casework.access import CaseRow
from casework.errors import TransitionNotAllowed
from casework.states import FINAL, Actor, CaseAction, Edge, TransitionRefused, transition
from casework.tables import Case, CaseEvent
from core.audit import service as audit

#: When several of the viewer's roles may take an edge, the timeline names the most
#: specific one (a department admin who is also the window clerk acted as the clerk).
_ROLE_PREFERENCE = (Actor.APPLICANT, Actor.WINDOW_CLERK, Actor.APPROVER, Actor.DEPARTMENT_ADMIN)


def check(
    case: CaseRow, action: CaseAction, actors: frozenset[Actor], reason: str | None
) -> tuple[Edge, Actor]:
    """The edge ``action`` takes for ``actors`` and the role they take it as, or refuse."""
    try:
        edge = transition(case.status, action, actors, reason)
    except TransitionRefused as refused:
        raise TransitionNotAllowed(refused.code, refused.message) from None
    role = next(actor for actor in _ROLE_PREFERENCE if actor in edge.actors & actors)
    return edge, role


async def apply(
    case: CaseRow,
    edge: Edge,
    *,
    actor: str,
    role: Actor,
    reason: str | None,
    at: datetime,
    updates: dict[Any, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Move ``case`` along ``edge`` (checked by :func:`check`); call inside the transaction."""
    reason = reason.strip() if reason and reason.strip() else None
    values: dict[Any, Any] = {Case.status: edge.target.value, Case.updated_at: at}
    if edge.target in FINAL:
        values[Case.closed_at] = at
    values.update(updates or {})
    await Case.update(values).where(Case.id == case.id)
    await CaseEvent.insert(
        CaseEvent(
            id=uuid.uuid4(),
            case=case.id,
            action=edge.action.value,
            from_status=edge.source.value,
            to_status=edge.target.value,
            actor=actor,
            actor_role=role.value,
            reason=reason,
            at=at,
        )
    )
    # The reason stays in the timeline only: free text may name people, the chain must not.
    await audit.record(
        actor=actor,
        action=f"casework.{edge.action.value}",
        subject_type="case",
        subject_id=case.id,
        data={
            "from": edge.source.value,
            "to": edge.target.value,
            "role": role.value,
            "department": case.department_code,
            "reason_given": reason is not None,
            **(details or {}),
        },
    )
    await live.publish_status(case.id, edge.target.value, at)
