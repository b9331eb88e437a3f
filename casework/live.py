"""Live case status: PostgreSQL LISTEN/NOTIFY fans status changes out to every API process.

A status change calls :func:`publish_status` inside its own transaction, so the
notification is delivered exactly when (and only if) the change commits, to every
process listening on :data:`CHANNEL` — whichever replica the applicant's WebSocket is
connected to. The payload carries only ids and the status, never personal data; each
subscriber re-checks that the viewer may see the case before subscribing.
"""

from __future__ import annotations

import json
from datetime import datetime

from casework.tables import Case

CHANNEL = "casework_case_status"


async def publish_status(case_id: str, status: str, at: datetime) -> None:
    """Queue a notification of ``case_id``'s new status; sent on commit."""
    payload = json.dumps({"case": str(case_id), "status": status, "at": at.isoformat()})
    await Case.raw("SELECT pg_notify({}, {})", CHANNEL, payload)
