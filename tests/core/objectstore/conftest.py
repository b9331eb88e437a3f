"""Fixtures for the object-store tests: one ``backend`` per adapter, same test bodies.

``backend`` bundles a store with how a browser would follow its presigned URLs: straight to
S3 (moto) for the S3 adapter, through the app's ``/objects`` route for the filesystem one.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from api.routes.objects import ObjectsController
from core.objectstore import FilesystemObjectStore, ObjectStore, S3ObjectStore
from tests.s3_server import S3Endpoint, running_s3_server

PRESIGN_MAX_SECONDS = 300
MAX_OBJECT_BYTES = 64 * 1024
PUBLIC_URL = "http://testserver.local"  # AsyncTestClient's host, so URLs work unchanged


class Clock:
    """An injectable, movable ``now`` for the filesystem store."""

    def __init__(self) -> None:
        self.current = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@dataclass
class Backend:
    """A store plus the HTTP client side of its presigned URLs."""

    name: str
    store: ObjectStore
    http: httpx.AsyncClient
    #: Seconds from "now" until the presigned URL stops working.
    url_lifetime: Callable[[str], int]

    def download(self, url: str) -> Awaitable[httpx.Response]:
        return self.http.get(url)

    def upload(self, url: str, data: bytes, content_type: str) -> Awaitable[httpx.Response]:
        return self.http.put(url, content=data, headers={"Content-Type": content_type})


def objects_app(store: ObjectStore) -> Litestar:
    """The smallest app serving filesystem presigned URLs."""
    app = Litestar(route_handlers=[ObjectsController])
    app.state.object_store = store
    return app


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def filesystem_store(tmp_path: Path, clock: Clock) -> FilesystemObjectStore:
    return FilesystemObjectStore(
        tmp_path / "objects",
        "onetap",
        secrets.token_bytes(32),
        PUBLIC_URL,
        presign_max_seconds=PRESIGN_MAX_SECONDS,
        max_object_bytes=MAX_OBJECT_BYTES,
        now=clock,
    )


@pytest.fixture
async def objects_client(
    filesystem_store: FilesystemObjectStore,
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    await filesystem_store.ensure_bucket()
    async with AsyncTestClient(objects_app(filesystem_store), base_url=PUBLIC_URL) as client:
        yield client


@pytest.fixture
def filesystem_backend(
    filesystem_store: FilesystemObjectStore,
    objects_client: AsyncTestClient[Litestar],
    clock: Clock,
) -> Backend:
    def url_lifetime(url: str) -> int:
        expires = int(parse_qs(urlsplit(url).query)["expires"][0])
        return expires - int(clock().timestamp())

    return Backend("filesystem", filesystem_store, objects_client, url_lifetime)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Endpoint]:
    with running_s3_server() as endpoint:
        yield endpoint


def s3_store(server: S3Endpoint, bucket: str) -> S3ObjectStore:
    return S3ObjectStore(
        endpoint=server.endpoint,
        access_key=server.access_key,
        secret_key=server.secret_key,
        secure=False,
        region=server.region,
        bucket=bucket,
        presign_max_seconds=PRESIGN_MAX_SECONDS,
        max_object_bytes=MAX_OBJECT_BYTES,
    )


def unique_bucket() -> str:
    return f"onetap-{uuid.uuid4().hex[:16]}"


@pytest.fixture
async def s3_backend(s3_server: S3Endpoint) -> AsyncIterator[Backend]:
    store = s3_store(s3_server, unique_bucket())
    await store.ensure_bucket()
    # trust_env=False: a proxy from the environment must not intercept 127.0.0.1.
    async with httpx.AsyncClient(trust_env=False) as http:

        def url_lifetime(url: str) -> int:
            return int(parse_qs(urlsplit(url).query)["X-Amz-Expires"][0])

        yield Backend("s3", store, http, url_lifetime)


@pytest.fixture(params=["filesystem", "s3"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each adapter in turn; the conformance suite runs once per adapter."""
    found: Backend = request.getfixturevalue(f"{request.param}_backend")
    return found


@pytest.fixture
def store(backend: Backend) -> ObjectStore:
    return backend.store
