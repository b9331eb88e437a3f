"""Scheduled casework: deadline warnings every quarter hour, stale uploads every hour.

- ``casework.raise_deadline_warnings`` raises the supervision warnings open cases have
  earned (casework.supervision); the unique (case, threshold) constraint makes a run
  repeated, or run on two workers at once, raise each warning once.
- ``casework.delete_stale_uploads`` deletes uploads whose presigned URL was issued more
  than an hour ago and never confirmed (casework.materials), object first, then row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import procrastinate

from casework import materials, supervision
from core import clock
from core.jobs import resources_of

logger = logging.getLogger(__name__)

WARNINGS_TASK = "casework.raise_deadline_warnings"
#: Every quarter hour, off the minutes other jobs crowd.
WARNINGS_CRON = "4,19,34,49 * * * *"
STALE_UPLOADS_TASK = "casework.delete_stale_uploads"
STALE_UPLOADS_CRON = "41 * * * *"


def register(
    app: procrastinate.App,
    *,
    thresholds: Sequence[int],
    warnings_cron: str = WARNINGS_CRON,
    stale_uploads_cron: str = STALE_UPLOADS_CRON,
) -> None:
    """Add casework's periodic tasks to ``app`` (thresholds in percent, e.g. (50, 80, 100))."""
    levels = tuple(thresholds)

    @app.periodic(cron=warnings_cron, periodic_id="casework-deadline-warnings")
    @app.task(name=WARNINGS_TASK, queue="casework")
    async def raise_deadline_warnings(timestamp: int) -> None:
        raised = await supervision.raise_deadline_warnings(levels)
        if raised:
            logger.info("deadline warnings raised", extra={"count": len(raised)})

    @app.periodic(cron=stale_uploads_cron, periodic_id="casework-stale-uploads")
    @app.task(name=STALE_UPLOADS_TASK, pass_context=True, queue="casework")
    async def delete_stale_uploads(context: procrastinate.JobContext, timestamp: int) -> None:
        # It logs its own count.
        await materials.delete_stale_uploads(resources_of(context).object_store, clock.now())
