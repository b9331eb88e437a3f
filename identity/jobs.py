"""Scheduled identity work: delete captured face images once their retention has passed.

A capture is needed only while the vendor compares it and for a short dispute window
afterwards (``ONETAP_IDENTITY_FACE_IMAGE_RETENTION_HOURS``); the hourly job deletes older
images from the object store and records when (``image_deleted_at``), so the face check
itself (outcome, evidence) stays while the biometric data goes.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import procrastinate

from core import clock
from core.audit import service as audit
from core.jobs import resources_of
from core.objectstore import ObjectStore
from identity.tables import FaceCheck

logger = logging.getLogger(__name__)

PURGE_TASK = "identity.purge_face_images"
#: Every hour, a few minutes past (away from the top of the hour other jobs crowd).
PURGE_CRON = "7 * * * *"
_BATCH = 200


async def purge_face_images(objects: ObjectStore, now: datetime, *, retention_hours: int) -> int:
    """Delete every capture taken more than ``retention_hours`` before ``now``; the count.

    Each image is deleted from the store before its row is marked, so a crash in between
    only means deleting an absent object next time (which is not an error).
    """
    cutoff = now - timedelta(hours=retention_hours)
    deleted = 0
    while True:
        rows = (
            await FaceCheck.select(FaceCheck.id, FaceCheck.image_key)
            .where(
                FaceCheck.image_key.is_not_null()
                & FaceCheck.image_deleted_at.is_null()
                & (FaceCheck.captured_at < cutoff)
            )
            .order_by(FaceCheck.captured_at)
            .limit(_BATCH)
        )
        for row in rows:
            await objects.delete(row["image_key"])
            await FaceCheck.update({FaceCheck.image_deleted_at: now}).where(
                FaceCheck.id == row["id"]
            )
        deleted += len(rows)
        if len(rows) < _BATCH:
            break
    if deleted:
        await audit.record(
            actor="system:retention",
            action="identity.face_images_purged",
            subject_type="face_image",
            subject_id="retention",
            data={"count": deleted, "retention_hours": retention_hours},
        )
    return deleted


def register(app: procrastinate.App, *, retention_hours: int, cron: str = PURGE_CRON) -> None:
    @app.periodic(cron=cron, periodic_id="identity-face-image-retention")
    @app.task(name=PURGE_TASK, pass_context=True, queue="identity")
    async def purge_face_images_task(context: procrastinate.JobContext, timestamp: int) -> None:
        resources = resources_of(context)
        count = await purge_face_images(
            resources.object_store, clock.now(), retention_hours=retention_hours
        )
        if count:
            logger.info("face images purged", extra={"count": count})
