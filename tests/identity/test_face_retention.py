"""Captured face images are deleted after the retention; the checks themselves stay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import procrastinate
import pytest

from api.runtime import build_jobs
from core import clock
from core.audit.tables import AuditEntry
from core.jobs import JobResources, build_job_app, worker_options
from core.objectstore import ObjectNotFound
from identity import jobs
from identity.providers.sandbox import SandboxPerson
from identity.tables import FaceCheck
from tests.identity.conftest import Api
from tests.identity.test_face import JPEG, face_check, identity_runtime, signed_in


async def _two_captures(api: Api, person: SandboxPerson) -> tuple[dict[str, object], ...]:
    """Two captured checks; the first is made 25 hours old."""
    token = await signed_in(api, person)
    first = await face_check(api, token)
    second = await face_check(api, token)
    await FaceCheck.update({FaceCheck.captured_at: clock.now() - timedelta(hours=25)}).where(
        FaceCheck.id == first["faceCheckId"]
    )
    rows = []
    for check in (first, second):
        row = await FaceCheck.select().where(FaceCheck.id == check["faceCheckId"]).first()
        assert row is not None and row["image_key"]
        rows.append(row)
    return tuple(rows)


async def test_only_images_past_the_retention_are_deleted(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    old, recent = await _two_captures(api, person_named("陈明辉"))
    objects = identity_runtime(api).objects
    now = clock.now()
    assert await jobs.purge_face_images(objects, now, retention_hours=24) == 1
    with pytest.raises(ObjectNotFound):
        await objects.get(str(old["image_key"]))
    assert await objects.get(str(recent["image_key"])) == JPEG
    rows = {
        str(r["id"]): r
        for r in await FaceCheck.select(FaceCheck.id, FaceCheck.image_deleted_at, FaceCheck.status)
    }
    assert rows[str(old["id"])]["image_deleted_at"] == now
    assert rows[str(recent["id"])]["image_deleted_at"] is None
    # The check and its outcome outlive the image.
    assert rows[str(old["id"])]["status"] == "passed"
    # Nothing is left to delete: a second run deletes nothing and records nothing.
    assert await jobs.purge_face_images(objects, now, retention_hours=24) == 0
    purged = await AuditEntry.select().where(AuditEntry.action == "identity.face_images_purged")
    assert len(purged) == 1
    # A day later the other image goes too.
    later = now + timedelta(hours=25)
    assert await jobs.purge_face_images(objects, later, retention_hours=24) == 1
    with pytest.raises(ObjectNotFound):
        await objects.get(str(recent["image_key"]))


async def test_the_hourly_job_is_registered_and_runs_in_the_worker(
    api: Api, person_named: Callable[[str], SandboxPerson], database_url: str
) -> None:
    settings = identity_runtime(api).settings
    registered = build_jobs(settings, database_url)
    periodic = {
        task.periodic_id: task.cron for task in registered.periodic_registry.periodic_tasks.values()
    }
    assert periodic["identity-face-image-retention"] == jobs.PURGE_CRON
    assert settings.identity.face_image_retention_hours == 24

    old, recent = await _two_captures(api, person_named("陈明辉"))
    app: procrastinate.App = build_job_app(database_url)
    jobs.register(app, retention_hours=24)
    objects = identity_runtime(api).objects
    async with app.open_async():
        await app.configure_task(jobs.PURGE_TASK).defer_async(timestamp=0)
        resources = JobResources(object_store=objects, key_material=identity_runtime(api).keys)
        await app.run_worker_async(wait=False, **worker_options(resources))
    with pytest.raises(ObjectNotFound):
        await objects.get(str(old["image_key"]))
    assert await objects.get(str(recent["image_key"])) == JPEG
