"""Scheduled audit work: sign and store the chain head (see ``core.audit.anchor``)."""

from __future__ import annotations

import logging

import procrastinate

from core.audit.anchor import anchor_head
from core.jobs import resources_of

logger = logging.getLogger(__name__)

ANCHOR_TASK = "audit.anchor_head"


def register(app: procrastinate.App, *, cron: str) -> None:
    @app.periodic(cron=cron, periodic_id="audit-anchor")
    @app.task(name=ANCHOR_TASK, pass_context=True, queue="audit")
    async def anchor_audit_head(context: procrastinate.JobContext, timestamp: int) -> None:
        resources = resources_of(context)
        anchor = await anchor_head(resources.object_store, resources.key_material.signing)
        if anchor is not None:
            logger.info("audit head anchored", extra={"seq": anchor.seq, "key": anchor.key})
