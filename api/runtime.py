"""What a running process holds: database connection, object store, keys, job app.

Built once at startup (server lifespan, worker, CLI commands) from settings. Nothing here
is state another replica would need: it is all connections and configuration.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import procrastinate

from casework import jobs as casework_jobs
from core import db
from core.audit import jobs as audit_jobs
from core.crypto.keys import KeyMaterial, load_key_material
from core.db.embedded import start_embedded_postgres
from core.db.migrations import MigrationError, apply_migrations, pending_migrations
from core.jobs import JobResources, build_job_app
from core.objectstore import ObjectStore, ObjectStoreError, build_object_store
from core.settings import Settings
from identity import jobs as identity_jobs
from identity.runtime import IdentityRuntime, build_identity_runtime
from licenses import jobs as licenses_jobs
from licenses.runtime import LicenseRuntime, build_license_store

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    object_store: ObjectStore
    key_material: KeyMaterial
    jobs: procrastinate.App
    identity: IdentityRuntime
    licenses: LicenseRuntime

    @property
    def job_resources(self) -> JobResources:
        return JobResources(object_store=self.object_store, key_material=self.key_material)


def resolve_database_url(settings: Settings) -> str:
    """``ONETAP_DATABASE_URL``, or the embedded server (started if needed)."""
    if settings.database.url:
        return settings.database.url
    return start_embedded_postgres(settings.app.data_dir)


def build_jobs(settings: Settings, database_url: str) -> procrastinate.App:
    app = build_job_app(database_url)
    audit_jobs.register(app, cron=settings.jobs.audit_anchor_cron)
    identity_jobs.register(app, retention_hours=settings.identity.face_image_retention_hours)
    casework_jobs.register(app, thresholds=settings.casework.thresholds)
    licenses_jobs.register(app, settings=settings)
    return app


async def open_runtime(
    settings: Settings, *, apply_pending: bool, database_url: str | None = None
) -> Runtime:
    """Connect everything; refuse a schema with pending migrations unless told to apply."""
    url = database_url or resolve_database_url(settings)
    await db.connect(url, pool_min=settings.database.pool_min, pool_max=settings.database.pool_max)
    try:
        if apply_pending:
            applied = await apply_migrations()
            if applied:
                logger.info("migrations applied", extra={"count": len(applied)})
        else:
            pending = await pending_migrations()
            if pending:
                raise MigrationError(
                    f"{len(pending)} pending migration(s) ({', '.join(pending)}); "
                    "run `onetap migrate` or start with --migrate"
                )
        store = build_object_store(settings)
        license_store = build_license_store(settings)
        for each in (store, license_store):
            try:
                await each.ensure_ready()
            except ObjectStoreError as exc:
                # Serve anyway: /readyz reports the store as unreachable (so a load
                # balancer keeps traffic away) and retries until it comes back.
                logger.warning(
                    "object store unreachable at startup",
                    extra={"reason": str(exc), "bucket": each.bucket},
                )
        jobs = build_jobs(settings, url)
        await jobs.open_async()
    except BaseException:
        await db.close()
        raise
    keys = load_key_material(settings)
    return Runtime(
        store,
        keys,
        jobs,
        build_identity_runtime(settings, keys, store),
        LicenseRuntime(settings, keys, license_store),
    )


async def close_runtime(runtime: Runtime) -> None:
    await runtime.identity.providers.aclose()
    await runtime.jobs.close_async()
    await db.close()
