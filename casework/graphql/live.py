"""Casework GraphQL: the live case-status subscription (graphql-transport-ws).

Browsers cannot put an ``Authorization`` header on a WebSocket, so the client sends its
bearer token in the ``connection_init`` payload (``{"authorization": "Bearer <jwt>"}``);
the app verifies it there, as it verifies a header (a bad token closes the connection
with 4403, so the client refreshes and reconnects), and it becomes the connection's
viewer. A subscription needs a signed-in viewer who may read the case (else
UNAUTHENTICATED / NOT_FOUND). Before every event it checks again that the viewer's
session is still live and the case still readable — not the access token's expiry: a
watched page outlives its token, and the connection proved who it is when it opened.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry
from graphql import GraphQLError

from casework import access, live
from casework.errors import NotFound
from casework.graphql.cases import CaseStatus
from casework.tables import CaseEvent
from core.graphql.context import Ctx, Viewer
from core.graphql.errors import AccessDenied
from identity import authz, sessions


@strawberry.type(description="A case's status, now or at a change.")
class CaseStatusEvent:
    case_id: strawberry.ID
    status: CaseStatus
    at: datetime = strawberry.field(description="When the case entered this status.")


async def _still_signed_in(viewer: Viewer) -> None:
    """The viewer's session has not been signed out, revoked or ended since it connected."""
    live = viewer.session_id is not None and viewer.subject is not None
    if not live or not await sessions.session_is_live(str(viewer.session_id), str(viewer.subject)):
        raise AccessDenied(authz.UNAUTHENTICATED, "The session has ended; please sign in again.")


async def _readable(viewer: Viewer, case_id: str) -> access.CaseRow:
    try:
        return await access.readable_case(viewer, case_id)
    except NotFound as exc:
        raise GraphQLError(exc.message, extensions={"code": exc.code}) from None


async def _entered_at(case: access.CaseRow) -> datetime:
    """When the case entered its current status: its last timeline step, else its creation."""
    rows = await CaseEvent.raw('SELECT max(at) AS at FROM case_event WHERE "case" = {}', case.id)
    at: datetime | None = rows[0]["at"] if rows else None
    return at or case.created_at


def _event(case_id: str, status: str, at: datetime) -> CaseStatusEvent:
    return CaseStatusEvent(case_id=strawberry.ID(case_id), status=CaseStatus(status), at=at)


@strawberry.type
class CaseworkSubscription:
    @strawberry.subscription(
        description="A case's status: first as it is now, then every change, live. Over "
        "WebSocket the token comes in the connection_init payload {authorization: 'Bearer "
        "<token>'}; NOT_FOUND for a case the viewer may not read."
    )
    async def case_status(
        self, info: Ctx, case_id: strawberry.ID
    ) -> AsyncGenerator[CaseStatusEvent, None]:
        viewer = info.context.viewer
        authz.require_signed_in(viewer)
        case = await _readable(viewer, str(case_id))
        broker = info.context.resource(live.StatusBroker)
        # Listening before reading: a change racing the read arrives on the queue, and a
        # repeat of the status just sent is dropped (every edge changes the status).
        async with broker.subscribe(case.id) as changes:
            case = await _readable(viewer, case.id)
            last = case.status.value
            yield _event(case.id, last, await _entered_at(case))
            while True:
                message = await changes.get()
                if message is live.CLOSED:
                    return
                # Still signed in, still allowed to see the case?
                await _still_signed_in(viewer)
                case = await _readable(viewer, case.id)
                if isinstance(message, live.StatusChange):
                    status, at = message.status, message.at
                else:  # RESYNC: changes may have been missed, so read the status itself
                    status, at = case.status.value, await _entered_at(case)
                if status != last:
                    last = status
                    yield _event(case.id, status, at)
