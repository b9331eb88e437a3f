"""S3-adapter details: metadata on the wire, and failures translated into store errors."""

from __future__ import annotations

import io

import httpx
import pytest
from minio import Minio

from core.objectstore import (
    IntegrityError,
    ObjectNotFound,
    ObjectStoreUnavailable,
    ObjectTooLarge,
    S3ObjectStore,
)
from tests.core.objectstore.conftest import MAX_OBJECT_BYTES, s3_store, unique_bucket
from tests.s3_server import S3Endpoint, free_port


def raw_client(server: S3Endpoint) -> Minio:
    return Minio(
        server.endpoint,
        access_key=server.access_key,
        secret_key=server.secret_key,
        secure=False,
        region=server.region,
    )


@pytest.fixture
async def s3(s3_server: S3Endpoint) -> S3ObjectStore:
    store = s3_store(s3_server, unique_bucket())
    await store.ensure_bucket()
    return store


async def test_sha256_is_stored_as_user_metadata(s3: S3ObjectStore, s3_server: S3Endpoint) -> None:
    info = await s3.put("doc.pdf", b"%PDF", "application/pdf")

    found = raw_client(s3_server).stat_object(s3.bucket, "doc.pdf")
    assert found.metadata is not None
    assert found.metadata["x-amz-meta-sha256"] == info.sha256


async def test_bytes_not_matching_the_recorded_sha256_are_refused(
    s3: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    raw_client(s3_server).put_object(
        s3.bucket, "doc", io.BytesIO(b"tampered"), 8, metadata={"sha256": "0" * 64}
    )
    with pytest.raises(IntegrityError):
        await s3.get("doc")


async def test_objects_written_around_the_store_have_no_sha256(
    s3: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    raw_client(s3_server).put_object(s3.bucket, "direct", io.BytesIO(b"abc"), 3)

    assert (await s3.stat("direct")).sha256 is None
    assert await s3.get("direct") == b"abc"


async def test_oversize_objects_in_the_bucket_are_not_buffered(
    s3: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    # A presigned PUT does not enforce the size limit, so reads must.
    size = MAX_OBJECT_BYTES + 1
    raw_client(s3_server).put_object(s3.bucket, "huge", io.BytesIO(b"x" * size), size)

    with pytest.raises(ObjectTooLarge):
        await s3.get("huge")


async def test_ping_reports_a_missing_bucket(s3_server: S3Endpoint) -> None:
    store = s3_store(s3_server, unique_bucket())
    with pytest.raises(ObjectStoreUnavailable, match="does not exist"):
        await store.ping()
    with pytest.raises(ObjectStoreUnavailable):
        await store.put("doc", b"x", "text/plain")


async def test_ping_fails_fast_when_the_endpoint_is_down() -> None:
    store = S3ObjectStore(
        endpoint=f"127.0.0.1:{free_port()}",  # nothing listens there
        access_key="testing",
        secret_key="testing",
        secure=False,
        region="us-east-1",
        bucket="onetap",
        presign_max_seconds=300,
        max_object_bytes=MAX_OBJECT_BYTES,
    )
    with pytest.raises(ObjectStoreUnavailable, match="cannot reach"):
        await store.ping()


def test_the_http_client_gives_up_after_a_bounded_number_of_tries() -> None:
    # Structural rather than timed (timings are noise here): a dead endpoint is tried at
    # most twice, with a short connect timeout, so /readyz answers instead of hanging.
    from core.objectstore.s3 import _http_client

    pool = _http_client(connect_timeout=2.0, read_timeout=30.0)
    retries = pool.connection_pool_kw["retries"]
    timeout = pool.connection_pool_kw["timeout"]
    assert retries.connect == 1
    assert retries.total == 2
    assert timeout.connect_timeout == 2.0


async def test_a_vanished_bucket_makes_the_store_unavailable(
    s3: S3ObjectStore, s3_server: S3Endpoint
) -> None:
    # The store as a whole is broken, not this one object: /readyz must say so.
    raw_client(s3_server).remove_bucket(s3.bucket)

    with pytest.raises(ObjectStoreUnavailable, match="NoSuchBucket") as failure:
        await s3.put("doc", b"x", "text/plain")
    assert not isinstance(failure.value, ObjectNotFound)


async def test_presigned_links_use_the_public_url(s3_server: S3Endpoint) -> None:
    # The app reaches the store as 127.0.0.1; browsers are given "localhost" links, which
    # reach the same server here and must carry a signature made for that host.
    port = s3_server.endpoint.rsplit(":", 1)[1]
    store = S3ObjectStore(
        endpoint=s3_server.endpoint,
        access_key=s3_server.access_key,
        secret_key=s3_server.secret_key,
        secure=False,
        region=s3_server.region,
        bucket=unique_bucket(),
        presign_max_seconds=300,
        max_object_bytes=MAX_OBJECT_BYTES,
        public_url=f"http://localhost:{port}",
    )
    await store.ensure_bucket()
    await store.put("letters/notice.txt", "通知".encode(), "text/plain")
    url = await store.presigned_get_url("letters/notice.txt", 60)
    assert url.startswith(f"http://localhost:{port}/{store.bucket}/letters/notice.txt?")
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
    assert response.status_code == 200
    assert response.content == "通知".encode()
