"""Anchors: a signed chain head outside the database exposes a full-table rewrite."""

from __future__ import annotations

import json
from pathlib import Path

import procrastinate
import pytest

from core.audit import anchor, service
from core.audit import jobs as audit_jobs
from core.audit.chain import GENESIS_HASH, entry_hash
from core.crypto.keys import KeyMaterial, load_key_material
from core.jobs import JobResources, build_job_app, worker_options
from core.objectstore import ObjectStore, build_object_store
from core.settings import Settings
from tests.tampering import bypassing_triggers


@pytest.fixture
def store(settings: Settings) -> ObjectStore:
    return build_object_store(settings)


@pytest.fixture
def keys(settings: Settings) -> KeyMaterial:
    return load_key_material(settings)


async def test_empty_chain_is_not_anchored(
    database_url: str, store: ObjectStore, keys: KeyMaterial
) -> None:
    assert await anchor.anchor_head(store, keys.signing) is None


async def test_full_rewrite_passes_the_chain_but_not_the_anchor(
    database_url: str, store: ObjectStore, keys: KeyMaterial
) -> None:
    for n in range(3):
        await service.record(actor="system", action="a", subject_type="t", subject_id=str(n))
    stored = await anchor.anchor_head(store, keys.signing)
    assert stored is not None
    assert stored.seq == 3
    assert (await anchor.verify_anchors(store, keys.signing)).ok

    # Rewrite every entry and recompute every hash: the chain alone looks intact...
    async with bypassing_triggers(database_url) as conn:
        rows = await conn.fetch("SELECT * FROM audit_entry ORDER BY seq")
        prev = GENESIS_HASH
        for row in rows:
            forged = entry_hash(
                seq=row["seq"],
                occurred_at=row["occurred_at"],
                actor="mallory",
                action=row["action"],
                subject_type=row["subject_type"],
                subject_id=row["subject_id"],
                data={},
                prev_hash=prev,
            )
            await conn.execute(
                "UPDATE audit_entry SET actor = 'mallory', prev_hash = $1, entry_hash = $2 "
                "WHERE seq = $3",
                prev,
                forged,
                row["seq"],
            )
            prev = forged
    assert (await service.verify_chain()).ok
    # ...but the signed head kept outside the database does not match it any more.
    verdict = await anchor.verify_anchors(store, keys.signing)
    assert not verdict.ok
    assert "differs from the signed head" in verdict.describe()


async def test_forged_anchor_signature_is_detected(
    database_url: str, store: ObjectStore, keys: KeyMaterial
) -> None:
    await service.record(actor="system", action="a", subject_type="t", subject_id="1")
    stored = await anchor.anchor_head(store, keys.signing)
    assert stored is not None
    document = json.loads(await store.get(stored.key))
    document["payload"] = document["payload"].replace('"seq":1', '"seq":2')
    await store.put(stored.key, json.dumps(document).encode(), "application/json")
    verdict = await anchor.verify_anchors(store, keys.signing)
    assert not verdict.ok
    assert "signature invalid" in verdict.describe()


async def test_the_periodic_job_stores_an_anchor(
    database_url: str, store: ObjectStore, keys: KeyMaterial
) -> None:
    await service.record(actor="system", action="a", subject_type="t", subject_id="1")
    app: procrastinate.App = build_job_app(database_url)
    audit_jobs.register(app, cron="*/5 * * * *")
    async with app.open_async():
        await app.configure_task(audit_jobs.ANCHOR_TASK).defer_async(timestamp=0)
        options = worker_options(JobResources(object_store=store, key_material=keys))
        await app.run_worker_async(wait=False, **options)
    stored = await store.list(anchor.ANCHOR_PREFIX)
    assert [info.key for info in stored] == ["audit-anchors/000000000001.json"]
    assert (await anchor.verify_anchors(store, keys.signing)).ok


def test_anchor_key_is_zero_padded_for_ordering(tmp_path: Path) -> None:
    # list() returns keys sorted; zero padding keeps that in seq order past 9, 99, ...
    keys = [f"{anchor.ANCHOR_PREFIX}{seq:012d}.json" for seq in (9, 10, 100)]
    assert keys == sorted(keys)


async def test_malformed_anchor_signature_is_reported_not_raised(
    database_url: str, store: ObjectStore, keys: KeyMaterial
) -> None:
    await service.record(actor="system", action="a", subject_type="t", subject_id="1")
    stored = await anchor.anchor_head(store, keys.signing)
    assert stored is not None
    document = json.loads(await store.get(stored.key))
    document["signature"] = "not base64url!"
    await store.put(stored.key, json.dumps(document).encode(), "application/json")
    verdict = await anchor.verify_anchors(store, keys.signing)
    assert not verdict.ok
    assert "signature invalid" in verdict.describe()
