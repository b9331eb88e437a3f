"""GraphQL enums of cases and the timeline event type, shared by every casework module.

The call centre and supervision show cases' statuses and timelines too; they import
these from :mod:`casework.graphql.cases` (which re-exports them).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Protocol

import strawberry


@strawberry.enum(description="Where a case stands in its one state graph.")
class CaseStatus(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CORRECTION_REQUESTED = "correction_requested"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    DENIED = "denied"
    COMPLETED = "completed"
    DELIVERED = "delivered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


@strawberry.enum(description="A step along the state graph.")
class CaseAction(Enum):
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


@strawberry.enum(description="A staff work queue of the viewer's department.")
class CaseQueue(Enum):
    NEW = "new"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MINE = "mine"
    OPEN = "open"


class Step(Protocol):
    """What a timeline step offers (casework.timeline and the call centre's own)."""

    @property
    def action(self) -> str: ...
    @property
    def from_status(self) -> str | None: ...
    @property
    def to_status(self) -> str: ...
    @property
    def actor_role(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def at(self) -> datetime: ...


@strawberry.type(description="One status change in a case's timeline.")
class CaseEvent:
    action: CaseAction
    from_status: CaseStatus | None
    to_status: CaseStatus
    actor_role: str = strawberry.field(
        description="applicant, window_clerk, approver or department_admin."
    )
    reason: str | None
    at: datetime

    @classmethod
    def from_step(cls, step: Step) -> CaseEvent:
        return cls(
            action=CaseAction(step.action),
            from_status=None if step.from_status is None else CaseStatus(step.from_status),
            to_status=CaseStatus(step.to_status),
            actor_role=step.actor_role,
            reason=step.reason,
            at=step.at,
        )
