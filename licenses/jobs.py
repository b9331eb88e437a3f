"""Scheduled license work: issue what completed cases are owed (every minute by default).

The task builds the licenses bucket's store once per worker from settings and takes the
keys from the worker's JobResources; issuance itself is idempotent per case, so a run
repeated, overlapping or retried issues each license once.
"""

from __future__ import annotations

import logging

import procrastinate

from core.jobs import resources_of
from core.objectstore import ObjectStore
from core.settings import Settings
from licenses.issuance import issue_pending
from licenses.runtime import LicenseRuntime, build_license_store

logger = logging.getLogger(__name__)

ISSUANCE_TASK = "licenses.issue_pending"


def register(app: procrastinate.App, *, settings: Settings) -> None:
    stores: dict[str, ObjectStore] = {}

    @app.periodic(cron=settings.licenses.issuance_cron, periodic_id="licenses-issuance")
    @app.task(name=ISSUANCE_TASK, pass_context=True, queue="licenses")
    async def issue_licenses(context: procrastinate.JobContext, timestamp: int) -> None:
        if "store" not in stores:
            store = build_license_store(settings)
            await store.ensure_bucket()
            stores["store"] = store
        runtime = LicenseRuntime(settings, resources_of(context).key_material, stores["store"])
        issued = await issue_pending(runtime)
        if issued:
            logger.info("licenses issued", extra={"count": len(issued)})
