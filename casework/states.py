"""The one state graph of a case (办件), from draft to delivery.

Every status change of a case goes through :func:`transition`, which answers either the
target status or raises :class:`TransitionRefused`. The graph is data (``GRAPH``), so
tests can enumerate it and the PWA can be told which actions a viewer may take now.

::

    draft ─submit─▶ submitted ─accept─▶ accepted ─start_review─▶ under_review
    submitted ─reject─▶ rejected ─close─▶ closed
    submitted | under_review ─request_correction─▶ correction_requested ─resubmit─▶ submitted
    under_review ─approve─▶ approved ─complete (fee settled)─▶ completed ─deliver─▶ delivered
    under_review ─deny─▶ denied ─close─▶ closed;   completed ─close─▶ closed
    draft | submitted | correction_requested | accepted | under_review ─withdraw─▶ withdrawn

Reasons are required where the applicant must be told why (rejection, correction,
denial, withdrawal).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CaseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # 不予受理: refused at intake
    CORRECTION_REQUESTED = "correction_requested"  # 补正
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    DENIED = "denied"  # 不予许可
    COMPLETED = "completed"  # 办结
    DELIVERED = "delivered"  # 送达
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # 撤回


class CaseAction(StrEnum):
    SUBMIT = "submit"
    RESUBMIT = "resubmit"
    WITHDRAW = "withdraw"
    ACCEPT = "accept"
    REJECT = "reject"
    REQUEST_CORRECTION = "request_correction"
    START_REVIEW = "start_review"
    APPROVE = "approve"
    DENY = "deny"
    COMPLETE = "complete"
    DELIVER = "deliver"
    CLOSE = "close"


class Actor(StrEnum):
    """Who takes an action: the applicant, or staff by role (identity.roles values)."""

    APPLICANT = "applicant"
    WINDOW_CLERK = "window_clerk"
    APPROVER = "approver"
    DEPARTMENT_ADMIN = "department_admin"


@dataclass(frozen=True, slots=True)
class Edge:
    source: CaseStatus
    action: CaseAction
    target: CaseStatus
    actors: frozenset[Actor]
    reason_required: bool = False


S = CaseStatus
A = CaseAction
_STAFF_INTAKE = frozenset({Actor.WINDOW_CLERK, Actor.DEPARTMENT_ADMIN})
_STAFF_DECISION = frozenset({Actor.APPROVER, Actor.DEPARTMENT_ADMIN})
_APPLICANT = frozenset({Actor.APPLICANT})

GRAPH: tuple[Edge, ...] = (
    Edge(S.DRAFT, A.SUBMIT, S.SUBMITTED, _APPLICANT),
    Edge(S.SUBMITTED, A.ACCEPT, S.ACCEPTED, _STAFF_INTAKE),
    Edge(S.SUBMITTED, A.REJECT, S.REJECTED, _STAFF_INTAKE, reason_required=True),
    Edge(S.SUBMITTED, A.REQUEST_CORRECTION, S.CORRECTION_REQUESTED, _STAFF_INTAKE, True),
    Edge(S.CORRECTION_REQUESTED, A.RESUBMIT, S.SUBMITTED, _APPLICANT),
    Edge(S.ACCEPTED, A.START_REVIEW, S.UNDER_REVIEW, _STAFF_DECISION),
    Edge(S.UNDER_REVIEW, A.REQUEST_CORRECTION, S.CORRECTION_REQUESTED, _STAFF_DECISION, True),
    Edge(S.UNDER_REVIEW, A.APPROVE, S.APPROVED, _STAFF_DECISION),
    Edge(S.UNDER_REVIEW, A.DENY, S.DENIED, _STAFF_DECISION, reason_required=True),
    Edge(S.APPROVED, A.COMPLETE, S.COMPLETED, _STAFF_INTAKE),
    Edge(S.COMPLETED, A.DELIVER, S.DELIVERED, _STAFF_INTAKE),
    Edge(S.COMPLETED, A.CLOSE, S.CLOSED, _STAFF_INTAKE),
    Edge(S.DENIED, A.CLOSE, S.CLOSED, _STAFF_INTAKE),
    Edge(S.REJECTED, A.CLOSE, S.CLOSED, _STAFF_INTAKE),
    *(
        Edge(source, A.WITHDRAW, S.WITHDRAWN, _APPLICANT, reason_required=True)
        for source in (
            S.DRAFT,
            S.SUBMITTED,
            S.CORRECTION_REQUESTED,
            S.ACCEPTED,
            S.UNDER_REVIEW,
        )
    ),
)

_BY_KEY: dict[tuple[CaseStatus, CaseAction], Edge] = {(e.source, e.action): e for e in GRAPH}

#: Statuses in which the case is still with the department (deadline running).
OPEN_FOR_DEPARTMENT = frozenset({S.SUBMITTED, S.ACCEPTED, S.UNDER_REVIEW, S.APPROVED})
#: Statuses after which nothing more happens.
FINAL = frozenset({S.DELIVERED, S.CLOSED, S.WITHDRAWN})
#: A decision has been made (approved or denied), used by supervision metrics.
DECIDED = frozenset({S.APPROVED, S.DENIED, S.COMPLETED, S.DELIVERED})


class TransitionRefused(Exception):
    """The action is not in the graph from this status, not for this actor, or lacks a reason.

    ``code`` is ``TRANSITION_NOT_ALLOWED`` (no such edge), ``ACTOR_NOT_ALLOWED`` (the edge
    exists, but not for this actor) or ``REASON_REQUIRED``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def edge(source: CaseStatus, action: CaseAction) -> Edge | None:
    return _BY_KEY.get((source, action))


def transition(
    source: CaseStatus, action: CaseAction, actors: frozenset[Actor], reason: str | None
) -> Edge:
    """The edge ``action`` takes from ``source`` for someone acting as any of ``actors``."""
    found = _BY_KEY.get((source, action))
    if found is None:
        raise TransitionRefused(
            "TRANSITION_NOT_ALLOWED",
            f"A case that is {source.value} cannot be {action.value}ed.",
        )
    if not (found.actors & actors):
        raise TransitionRefused(
            "ACTOR_NOT_ALLOWED", f"You may not {action.value} a case that is {source.value}."
        )
    if found.reason_required and not (reason and reason.strip()):
        raise TransitionRefused("REASON_REQUIRED", f"Please give a reason to {action.value}.")
    return found


def available_actions(source: CaseStatus, actors: frozenset[Actor]) -> list[CaseAction]:
    """The actions someone acting as ``actors`` may take on a case in ``source`` now."""
    return [e.action for e in GRAPH if e.source is source and e.actors & actors]
