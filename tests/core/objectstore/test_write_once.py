"""Write-once stores (the licenses bucket): an issued object can be neither replaced nor removed.

The refusals run against both adapters; then what each backend adds: the filesystem's atomic
refusal under a race, S3's conditional PUT, object lock, versioning and their fallbacks; then
the factory and the ``/objects`` route serving a second bucket.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import urllib3
from litestar import Litestar
from litestar.datastructures import State
from litestar.testing import AsyncTestClient
from minio import Minio
from minio.commonconfig import ENABLED, GOVERNANCE
from minio.error import S3Error
from minio.objectlockconfig import DAYS
from minio.versioningconfig import VersioningConfig

import core.objectstore.filesystem as filesystem_module
from api.routes.objects import ObjectsController, served_store
from core.objectstore import (
    FilesystemObjectStore,
    ObjectExists,
    ObjectLocked,
    ObjectNotFound,
    ObjectStore,
    ObjectStoreError,
    S3ObjectStore,
    build_object_store,
)
from core.settings import Settings, load_settings
from tests.core.objectstore.conftest import (
    MAX_OBJECT_BYTES,
    PRESIGN_MAX_SECONDS,
    PUBLIC_URL,
    Clock,
    unique_bucket,
)
from tests.s3_server import S3Endpoint

LICENSES = "onetap-licenses"
ISSUED = b"%PDF-1.7\nissued licence " + bytes(range(256))
FORGED = b"%PDF-1.7\nforged licence"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_client(server: S3Endpoint) -> Minio:
    return Minio(
        server.endpoint,
        access_key=server.access_key,
        secret_key=server.secret_key,
        secure=False,
        region=server.region,
    )


def locked_s3_store(server: S3Endpoint, bucket: str, retention_days: int = 0) -> S3ObjectStore:
    return S3ObjectStore(
        endpoint=server.endpoint,
        access_key=server.access_key,
        secret_key=server.secret_key,
        secure=False,
        region=server.region,
        bucket=bucket,
        presign_max_seconds=PRESIGN_MAX_SECONDS,
        max_object_bytes=MAX_OBJECT_BYTES,
        write_once=True,
        retention_days=retention_days,
    )


def licenses_folder_store(
    root: Path, clock: Clock, secret: bytes, *, bucket: str = LICENSES
) -> FilesystemObjectStore:
    return FilesystemObjectStore(
        root,
        bucket,
        secret,
        PUBLIC_URL,
        PRESIGN_MAX_SECONDS,
        MAX_OBJECT_BYTES,
        now=clock,
        write_once=True,
    )


@pytest.fixture
async def filesystem_licenses(tmp_path: Path, clock: Clock) -> FilesystemObjectStore:
    store = licenses_folder_store(tmp_path / "objects", clock, secrets.token_bytes(32))
    await store.ensure_bucket()
    return store


@pytest.fixture
async def s3_licenses(s3_server: S3Endpoint) -> S3ObjectStore:
    store = locked_s3_store(s3_server, unique_bucket())
    await store.ensure_bucket()
    return store


@pytest.fixture(params=["filesystem", "s3"])
def licenses(request: pytest.FixtureRequest) -> ObjectStore:
    """A write-once store on each adapter in turn."""
    found: ObjectStore = request.getfixturevalue(f"{request.param}_licenses")
    return found


# -- the contract, on every adapter -------------------------------------------------------


async def test_a_new_key_is_stored(licenses: ObjectStore) -> None:
    info = await licenses.put("2026/L-1.pdf", ISSUED, "application/pdf", sha256=digest(ISSUED))

    assert info.sha256 == digest(ISSUED)
    assert await licenses.get("2026/L-1.pdf") == ISSUED


async def test_a_second_put_is_refused_and_changes_nothing(licenses: ObjectStore) -> None:
    await licenses.put("2026/L-1.pdf", ISSUED, "application/pdf")

    with pytest.raises(ObjectExists) as refused:
        await licenses.put("2026/L-1.pdf", FORGED, "text/plain")

    assert refused.value.key == "2026/L-1.pdf"
    assert isinstance(refused.value, ObjectStoreError)
    assert await licenses.get("2026/L-1.pdf") == ISSUED
    stat = await licenses.stat("2026/L-1.pdf")
    assert (stat.size, stat.content_type, stat.sha256) == (
        len(ISSUED),
        "application/pdf",
        digest(ISSUED),
    )
    assert [info.key for info in await licenses.list()] == ["2026/L-1.pdf"]


async def test_the_same_bytes_again_are_refused_too(licenses: ObjectStore) -> None:
    # A retried issuance job must notice the object exists rather than rewrite it.
    await licenses.put("L-1.pdf", ISSUED, "application/pdf")
    with pytest.raises(ObjectExists):
        await licenses.put("L-1.pdf", ISSUED, "application/pdf")


async def test_delete_is_refused(licenses: ObjectStore) -> None:
    await licenses.put("L-1.pdf", ISSUED, "application/pdf")

    with pytest.raises(ObjectLocked):
        await licenses.delete("L-1.pdf")
    with pytest.raises(ObjectLocked):
        await licenses.delete("never-written.pdf")

    assert await licenses.get("L-1.pdf") == ISSUED


async def test_presigned_upload_is_refused_but_download_works(licenses: ObjectStore) -> None:
    await licenses.put("L-1.pdf", ISSUED, "application/pdf")

    with pytest.raises(ObjectLocked):
        await licenses.presigned_put_url("L-1.pdf", 60, "application/pdf")
    with pytest.raises(ObjectLocked):
        await licenses.presigned_put_url("L-2.pdf", 60, "application/pdf")

    assert "L-1.pdf" in await licenses.presigned_get_url("L-1.pdf", 60)


async def test_an_ordinary_store_still_overwrites_and_deletes(store: ObjectStore) -> None:
    # ``store`` is the conformance fixture: each adapter, built without write_once.
    assert (store.write_once, store.protection) == (False, "none")
    await store.put("doc", b"first", "text/plain")
    await store.put("doc", b"second", "text/plain")
    assert await store.get("doc") == b"second"
    await store.presigned_put_url("doc", 60, "text/plain")
    await store.delete("doc")
    with pytest.raises(ObjectNotFound):
        await store.stat("doc")


# -- filesystem ---------------------------------------------------------------------------


def test_filesystem_protection_is_refuse_overwrite(
    filesystem_licenses: FilesystemObjectStore,
) -> None:
    assert filesystem_licenses.protection == "refuse-overwrite"


async def test_a_refused_put_leaves_no_files_behind(
    filesystem_licenses: FilesystemObjectStore,
) -> None:
    await filesystem_licenses.put("L-1.pdf", ISSUED, "application/pdf")
    before = sorted(p.name for p in filesystem_licenses.root.rglob("*"))

    with pytest.raises(ObjectExists):
        await filesystem_licenses.put("L-1.pdf", FORGED, "application/pdf")

    assert sorted(p.name for p in filesystem_licenses.root.rglob("*")) == before


def test_two_racing_writers_of_one_key_cannot_both_win(
    filesystem_licenses: FilesystemObjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both writers are held after writing their blobs, i.e. past the cheap "exists?" check,
    # so only the atomic publication of the sidecar can decide between them.
    both_blobs_written = threading.Barrier(2, timeout=30)
    write_blob = filesystem_module._write_durably

    def write_then_wait(path: Path, data: bytes) -> None:
        write_blob(path, data)
        both_blobs_written.wait()

    monkeypatch.setattr(filesystem_module, "_write_durably", write_then_wait)
    outcomes: dict[bytes, BaseException | None] = {}

    def write(data: bytes) -> None:
        try:
            filesystem_licenses._put_verified("L-1.pdf", data, "application/pdf", None)
        except BaseException as exc:  # recorded and asserted below
            outcomes[data] = exc
        else:
            outcomes[data] = None

    writers = [threading.Thread(target=write, args=(data,)) for data in (ISSUED, FORGED)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    winners = [data for data, failure in outcomes.items() if failure is None]
    losers = [failure for failure in outcomes.values() if failure is not None]
    assert len(winners) == 1
    assert len(losers) == 1
    assert isinstance(losers[0], ObjectExists)
    assert filesystem_licenses._get_verified("L-1.pdf") == winners[0]
    # The loser's blob and temporary sidecar are gone; only the winner's files remain.
    files = [p for p in filesystem_licenses.root.rglob("*") if p.is_file()]
    assert sorted(p.suffix for p in files) == [".blob", ".json"]


async def test_a_write_once_folder_refuses_a_signed_upload(
    filesystem_licenses: FilesystemObjectStore, clock: Clock
) -> None:
    # Buckets share the signing secret, so the check must not rest on never minting a URL.
    url = filesystem_licenses._presigned_url("PUT", "L-1.pdf", 60, "application/pdf")
    expires = int(url.split("expires=")[1].split("&")[0])
    sig = url.split("sig=")[1]

    with pytest.raises(ObjectLocked):
        filesystem_licenses.verify_presigned("PUT", "L-1.pdf", expires, "application/pdf", sig)


# -- S3 (moto) ----------------------------------------------------------------------------


async def test_s3_bucket_is_created_with_object_lock_and_versioning(
    s3_licenses: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    client = raw_client(s3_server)

    assert s3_licenses.protection == "object-lock"
    assert client.get_bucket_versioning(s3_licenses.bucket).status == ENABLED
    client.get_object_lock_config(s3_licenses.bucket)  # raises if the bucket has no lock


async def test_s3_refuses_the_overwrite_itself(
    s3_licenses: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    # Written around the store, so only S3's answer to If-None-Match can refuse the put.
    client = raw_client(s3_server)
    client.put_object(s3_licenses.bucket, "L-1.pdf", io.BytesIO(ISSUED), len(ISSUED))

    with pytest.raises(ObjectExists):
        await s3_licenses.put("L-1.pdf", FORGED, "application/pdf")

    response = client.get_object(s3_licenses.bucket, "L-1.pdf")
    try:
        assert response.read() == ISSUED
    finally:
        response.close()
        response.release_conn()
    versions = list(client.list_objects(s3_licenses.bucket, include_version=True))
    assert len(versions) == 1  # no second version either


async def test_s3_write_once_put_records_the_sha256(
    s3_licenses: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    await s3_licenses.put("L-1.pdf", ISSUED, "application/pdf")

    found = raw_client(s3_server).stat_object(s3_licenses.bucket, "L-1.pdf")
    assert found.metadata is not None
    assert found.metadata["x-amz-meta-sha256"] == digest(ISSUED)
    assert found.content_type == "application/pdf"
    assert "x-amz-meta-if-none-match" not in {name.lower() for name in found.metadata}


async def test_s3_default_retention(s3_server: S3Endpoint) -> None:
    store = locked_s3_store(s3_server, unique_bucket(), retention_days=7)
    await store.ensure_bucket()

    config = raw_client(s3_server).get_object_lock_config(store.bucket)
    assert (config.mode, config.duration, config.duration_unit) == (GOVERNANCE, 7, DAYS)
    assert store.protection == "object-lock"


async def test_s3_without_object_lock_falls_back_to_versioning(
    s3_server: S3Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = locked_s3_store(s3_server, unique_bucket(), retention_days=7)
    make_bucket = store._client.make_bucket

    def refuse_object_lock(
        bucket: str, location: str | None = None, object_lock: bool = False
    ) -> None:
        if object_lock:
            response = urllib3.HTTPResponse(status=501)
            raise S3Error(response, "NotImplemented", "no object lock", bucket, None, None)
        make_bucket(bucket, location=location)

    monkeypatch.setattr(store._client, "make_bucket", refuse_object_lock)
    await store.ensure_bucket()

    client = raw_client(s3_server)
    assert store.protection == "versioning"
    assert client.get_bucket_versioning(store.bucket).status == ENABLED
    await store.put("L-1.pdf", ISSUED, "application/pdf")
    with pytest.raises(ObjectExists):
        await store.put("L-1.pdf", FORGED, "application/pdf")


@pytest.mark.parametrize(
    ("versioned", "expected"), [(False, "refuse-overwrite"), (True, "versioning")]
)
async def test_an_existing_bucket_is_reported_as_it_is(
    s3_server: S3Endpoint, versioned: bool, expected: str
) -> None:
    client = raw_client(s3_server)
    bucket = unique_bucket()
    client.make_bucket(bucket)
    if versioned:
        client.set_bucket_versioning(bucket, VersioningConfig(ENABLED))
    store = locked_s3_store(s3_server, bucket)

    await store.ensure_bucket()

    assert store.protection == expected
    # The operator's bucket settings are reported, not changed.
    assert (client.get_bucket_versioning(bucket).status == ENABLED) is versioned
    await store.put("L-1.pdf", ISSUED, "application/pdf")
    with pytest.raises(ObjectExists):
        await store.put("L-1.pdf", FORGED, "application/pdf")


async def test_an_existing_locked_bucket_is_object_lock(s3_server: S3Endpoint) -> None:
    first = locked_s3_store(s3_server, unique_bucket())
    await first.ensure_bucket()
    again = locked_s3_store(s3_server, first.bucket)
    before_looking = again.protection  # only what the store itself enforces

    await again.ensure_bucket()

    assert (before_looking, again.protection) == ("refuse-overwrite", "object-lock")


def test_retention_needs_write_once(s3_server: S3Endpoint) -> None:
    with pytest.raises(ValueError, match="write_once"):
        S3ObjectStore(
            endpoint=s3_server.endpoint,
            access_key="testing",
            secret_key="testing",
            secure=False,
            region=s3_server.region,
            bucket=unique_bucket(),
            presign_max_seconds=PRESIGN_MAX_SECONDS,
            max_object_bytes=MAX_OBJECT_BYTES,
            retention_days=7,
        )
    with pytest.raises(ValueError, match="negative"):
        locked_s3_store(s3_server, unique_bucket(), retention_days=-1)


# -- factory ------------------------------------------------------------------------------


def settings_with(tmp_path: Path, **variables: str) -> Settings:
    return load_settings(
        {"ONETAP_ENV": "test", "ONETAP_DATA_DIR": str(tmp_path / "data"), **variables}
    )


async def test_factory_builds_a_write_once_folder_beside_the_main_one(tmp_path: Path) -> None:
    settings = settings_with(tmp_path)
    main = build_object_store(settings)
    licenses = build_object_store(settings, bucket=LICENSES, write_once=True)

    assert isinstance(main, FilesystemObjectStore)
    assert isinstance(licenses, FilesystemObjectStore)
    assert (main.bucket, main.write_once) == ("onetap", False)
    assert (licenses.bucket, licenses.write_once, licenses.protection) == (
        LICENSES,
        True,
        "refuse-overwrite",
    )
    assert licenses.root == main.root == tmp_path / "data" / "objects"
    assert licenses._secret == main._secret
    await main.ensure_bucket()
    await licenses.ensure_bucket()
    await licenses.put("L-1.pdf", ISSUED, "application/pdf")
    assert await main.list() == []
    assert (tmp_path / "data" / "objects" / LICENSES).is_dir()


def test_factory_passes_write_once_and_retention_to_s3(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, ONETAP_OBJECTS_BACKEND="s3")
    store = build_object_store(settings, bucket=LICENSES, write_once=True, retention_days=30)

    assert isinstance(store, S3ObjectStore)
    assert (store.bucket, store.write_once, store.retention_days) == (LICENSES, True, 30)
    assert build_object_store(settings).bucket == "onetap"
    with pytest.raises(ValueError, match="write_once"):
        build_object_store(settings, bucket=LICENSES, retention_days=30)


# -- the /objects route serving a second bucket -------------------------------------------


@pytest.fixture
def shared_secret() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
async def main_folder(tmp_path: Path, clock: Clock, shared_secret: bytes) -> FilesystemObjectStore:
    store = FilesystemObjectStore(
        tmp_path / "objects",
        "onetap",
        shared_secret,
        PUBLIC_URL,
        PRESIGN_MAX_SECONDS,
        MAX_OBJECT_BYTES,
        now=clock,
    )
    await store.ensure_bucket()
    return store


@pytest.fixture
async def licenses_folder(
    tmp_path: Path, clock: Clock, shared_secret: bytes
) -> FilesystemObjectStore:
    store = licenses_folder_store(tmp_path / "objects", clock, shared_secret)
    await store.ensure_bucket()
    return store


def app_with(**state: Any) -> Litestar:
    app = Litestar(route_handlers=[ObjectsController])
    for name, value in state.items():
        setattr(app.state, name, value)
    return app


@pytest.fixture
async def two_bucket_client(
    main_folder: FilesystemObjectStore, licenses_folder: FilesystemObjectStore
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    # The wiring api/app.py does: every bucket in object_stores, the main one as object_store.
    app = app_with(
        object_store=main_folder,
        object_stores={main_folder.bucket: main_folder, licenses_folder.bucket: licenses_folder},
    )
    async with AsyncTestClient(app, base_url=PUBLIC_URL) as client:
        yield client


async def test_route_serves_both_buckets(
    two_bucket_client: AsyncTestClient[Litestar],
    main_folder: FilesystemObjectStore,
    licenses_folder: FilesystemObjectStore,
) -> None:
    await main_folder.put("materials/id.pdf", b"%PDF material", "application/pdf")
    await licenses_folder.put("L-1.pdf", ISSUED, "application/pdf")

    material = await two_bucket_client.get(
        await main_folder.presigned_get_url("materials/id.pdf", 60)
    )
    licence = await two_bucket_client.get(await licenses_folder.presigned_get_url("L-1.pdf", 60))

    assert (material.status_code, material.content) == (200, b"%PDF material")
    assert (licence.status_code, licence.content) == (200, ISSUED)
    assert licence.headers["etag"] == f'"{digest(ISSUED)}"'


async def test_route_upload_through_the_main_bucket_still_works(
    two_bucket_client: AsyncTestClient[Litestar], main_folder: FilesystemObjectStore
) -> None:
    url = await main_folder.presigned_put_url("upload.pdf", 60, "application/pdf")

    response = await two_bucket_client.put(
        url, content=b"%PDF", headers={"Content-Type": "application/pdf"}
    )

    assert response.status_code == 200
    assert await main_folder.get("upload.pdf") == b"%PDF"


async def test_route_refuses_a_signed_upload_into_the_licenses_bucket(
    two_bucket_client: AsyncTestClient[Litestar], licenses_folder: FilesystemObjectStore
) -> None:
    await licenses_folder.put("L-1.pdf", ISSUED, "application/pdf")
    # Validly signed (the store never hands such a URL out; the route must refuse it anyway).
    for key in ("L-1.pdf", "L-2.pdf"):
        url = licenses_folder._presigned_url("PUT", key, 60, "application/pdf")
        response = await two_bucket_client.put(
            url, content=FORGED, headers={"Content-Type": "application/pdf"}
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "OBJECT_LOCKED"
    assert await licenses_folder.get("L-1.pdf") == ISSUED
    with pytest.raises(ObjectNotFound):
        await licenses_folder.stat("L-2.pdf")


async def test_a_main_bucket_url_cannot_be_replayed_on_the_licenses_bucket(
    two_bucket_client: AsyncTestClient[Litestar],
    main_folder: FilesystemObjectStore,
    licenses_folder: FilesystemObjectStore,
) -> None:
    # Same secret, but the bucket is signed: a main-bucket URL is worthless for licenses.
    await licenses_folder.put("L-1.pdf", ISSUED, "application/pdf")
    await main_folder.put("L-1.pdf", b"%PDF main", "application/pdf")
    url = await main_folder.presigned_get_url("L-1.pdf", 60)

    response = await two_bucket_client.get(url.replace("/objects/onetap/", f"/objects/{LICENSES}/"))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "PRESIGNED_URL_INVALID"


async def test_without_object_stores_only_the_main_bucket_is_served(
    main_folder: FilesystemObjectStore, licenses_folder: FilesystemObjectStore
) -> None:
    await main_folder.put("doc.pdf", b"%PDF", "application/pdf")
    await licenses_folder.put("L-1.pdf", ISSUED, "application/pdf")
    async with AsyncTestClient(app_with(object_store=main_folder), base_url=PUBLIC_URL) as client:
        served = await client.get(await main_folder.presigned_get_url("doc.pdf", 60))
        unknown = await client.get(await licenses_folder.presigned_get_url("L-1.pdf", 60))

    assert served.status_code == 200
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "OBJECT_NOT_FOUND")


def test_served_store_lookup(
    main_folder: FilesystemObjectStore,
    licenses_folder: FilesystemObjectStore,
    s3_licenses_stub: ObjectStore,
) -> None:
    def state(**values: Any) -> State:
        return State(values)

    both = state(object_store=main_folder, object_stores={LICENSES: licenses_folder})
    assert served_store(both, "onetap") is main_folder
    assert served_store(both, LICENSES) is licenses_folder
    assert served_store(both, "other-bucket") is None
    assert served_store(state(object_stores={LICENSES: licenses_folder}), LICENSES) is (
        licenses_folder
    )
    assert served_store(state(), "onetap") is None
    # Served only under its own name: a mis-keyed registry does not open another folder.
    assert served_store(state(object_stores={LICENSES: main_folder}), LICENSES) is None
    # S3 presigned URLs go to S3; the route never serves an S3 store.
    assert served_store(state(object_stores={LICENSES: s3_licenses_stub}), LICENSES) is None


@pytest.fixture
def s3_licenses_stub() -> ObjectStore:
    """An S3 store that is never contacted (the lookup only checks its type)."""
    return S3ObjectStore(
        endpoint="127.0.0.1:9",
        access_key="testing",
        secret_key="testing",
        secure=False,
        region="us-east-1",
        bucket=LICENSES,
        presign_max_seconds=PRESIGN_MAX_SECONDS,
        max_object_bytes=MAX_OBJECT_BYTES,
        write_once=True,
    )
