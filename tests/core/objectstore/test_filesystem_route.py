"""The ``/objects`` route: what a presigned filesystem URL allows, and everything it refuses."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from api.routes.objects import ObjectsController
from core.objectstore import FilesystemObjectStore, ObjectNotFound
from tests.core.objectstore.conftest import (
    MAX_OBJECT_BYTES,
    PRESIGN_MAX_SECONDS,
    PUBLIC_URL,
    Clock,
    objects_app,
)

Client = AsyncTestClient[Litestar]


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def error_code(response: object) -> str:
    code: str = response.json()["error"]["code"]  # type: ignore[attr-defined]
    return code


async def test_expired_url_is_refused(
    filesystem_store: FilesystemObjectStore, objects_client: Client, clock: Clock
) -> None:
    await filesystem_store.put("doc.pdf", b"%PDF", "application/pdf")
    url = await filesystem_store.presigned_get_url("doc.pdf", 60)

    clock.advance(59)
    assert (await objects_client.get(url)).status_code == 200
    clock.advance(1)
    response = await objects_client.get(url)

    assert response.status_code == 403
    assert error_code(response) == "PRESIGNED_URL_EXPIRED"


async def test_expired_upload_url_is_refused_and_nothing_is_written(
    filesystem_store: FilesystemObjectStore, objects_client: Client, clock: Clock
) -> None:
    url = await filesystem_store.presigned_put_url("doc.pdf", 60, "application/pdf")
    clock.advance(61)

    response = await objects_client.put(
        url, content=b"%PDF", headers={"Content-Type": "application/pdf"}
    )

    assert (response.status_code, error_code(response)) == (403, "PRESIGNED_URL_EXPIRED")
    with pytest.raises(ObjectNotFound):
        await filesystem_store.stat("doc.pdf")


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda url: with_query(url, sig="0" * 64), id="signature"),
        pytest.param(lambda url: with_query(url, sig=""), id="empty-signature"),
        pytest.param(lambda url: with_query(url, expires="9999999999"), id="expiry"),
        pytest.param(lambda url: with_query(url, expires="soon"), id="malformed-expiry"),
        pytest.param(lambda url: with_query(url, method="PUT"), id="method"),
        pytest.param(lambda url: url.replace("/doc.pdf?", "/other.pdf?"), id="key"),
        pytest.param(lambda url: url.split("?")[0], id="no-query"),
    ],
)
async def test_tampered_download_url_is_refused(
    filesystem_store: FilesystemObjectStore, objects_client: Client, tamper: object
) -> None:
    await filesystem_store.put("doc.pdf", b"%PDF", "application/pdf")
    await filesystem_store.put("other.pdf", b"secret", "application/pdf")
    url = await filesystem_store.presigned_get_url("doc.pdf", 60)

    response = await objects_client.get(tamper(url))  # type: ignore[operator]

    assert response.status_code == 403
    assert error_code(response) == "PRESIGNED_URL_INVALID"
    assert b"secret" not in response.content


async def test_download_url_cannot_upload(
    filesystem_store: FilesystemObjectStore, objects_client: Client
) -> None:
    await filesystem_store.put("doc.pdf", b"%PDF", "application/pdf")
    url = await filesystem_store.presigned_get_url("doc.pdf", 60)

    response = await objects_client.put(url, content=b"evil", headers={"Content-Type": ""})

    assert (response.status_code, error_code(response)) == (403, "PRESIGNED_URL_INVALID")
    assert await filesystem_store.get("doc.pdf") == b"%PDF"


async def test_url_signed_by_another_secret_is_refused(
    filesystem_store: FilesystemObjectStore, objects_client: Client, tmp_path: object, clock: Clock
) -> None:
    other = FilesystemObjectStore(
        filesystem_store.root,
        filesystem_store.bucket,
        b"x" * 32,
        PUBLIC_URL,
        PRESIGN_MAX_SECONDS,
        MAX_OBJECT_BYTES,
        now=clock,
    )
    await filesystem_store.put("doc.pdf", b"%PDF", "application/pdf")

    response = await objects_client.get(await other.presigned_get_url("doc.pdf", 60))

    assert (response.status_code, error_code(response)) == (403, "PRESIGNED_URL_INVALID")


async def test_oversize_upload_is_refused_with_413(
    filesystem_store: FilesystemObjectStore, objects_client: Client
) -> None:
    url = await filesystem_store.presigned_put_url("big.bin", 60, "application/octet-stream")

    response = await objects_client.put(
        url,
        content=b"x" * (MAX_OBJECT_BYTES + 1),
        headers={"Content-Type": "application/octet-stream"},
    )

    assert (response.status_code, error_code(response)) == (413, "OBJECT_TOO_LARGE")
    with pytest.raises(ObjectNotFound):
        await filesystem_store.stat("big.bin")


async def test_oversize_streamed_upload_without_length_is_refused(
    filesystem_store: FilesystemObjectStore,
) -> None:
    # No Content-Length, body in chunks: the limit must hold while streaming. The test
    # client always buffers the body, so this drives the ASGI app directly.
    await filesystem_store.ensure_bucket()
    url = urlsplit(await filesystem_store.presigned_put_url("big.bin", 60, "text/plain"))
    chunk_count = MAX_OBJECT_BYTES // 1024 + 2
    chunks = [
        {"type": "http.request", "body": b"x" * 1024, "more_body": n < chunk_count - 1}
        for n in range(chunk_count)
    ]
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "server": ("testserver.local", 80),
        "client": ("127.0.0.1", 1234),
        "root_path": "",
        "path": unquote(url.path),
        "raw_path": url.path.encode(),
        "query_string": url.query.encode(),
        "headers": [(b"host", b"testserver.local"), (b"content-type", b"text/plain")],
    }
    await objects_app(filesystem_store)(scope, receive, send)  # type: ignore[arg-type]

    assert sent[0]["status"] == 413
    assert chunks, "the app should stop reading once the limit is crossed"
    with pytest.raises(ObjectNotFound):
        await filesystem_store.stat("big.bin")


async def test_upload_above_the_app_body_limit_but_within_the_object_limit(
    filesystem_store: FilesystemObjectStore,
) -> None:
    # The app's request_max_body_size guards API calls; uploads answer to max_object_bytes.
    app = Litestar(route_handlers=[ObjectsController], request_max_body_size=1024)
    app.state.object_store = filesystem_store
    await filesystem_store.ensure_bucket()
    url = await filesystem_store.presigned_put_url("scan.pdf", 60, "application/pdf")

    async with AsyncTestClient(app, base_url=PUBLIC_URL) as client:
        response = await client.put(
            url, content=b"x" * 4096, headers={"Content-Type": "application/pdf"}
        )

    assert response.status_code == 200
    assert (await filesystem_store.stat("scan.pdf")).size == 4096


async def test_upload_with_another_content_type_is_refused(
    filesystem_store: FilesystemObjectStore, objects_client: Client
) -> None:
    url = await filesystem_store.presigned_put_url("scan.pdf", 60, "application/pdf")

    response = await objects_client.put(
        url, content=b"<script>", headers={"Content-Type": "text/html"}
    )

    assert (response.status_code, error_code(response)) == (403, "PRESIGNED_URL_INVALID")
    with pytest.raises(ObjectNotFound):
        await filesystem_store.stat("scan.pdf")


async def test_upload_records_the_sha256_and_returns_it_as_etag(
    filesystem_store: FilesystemObjectStore, objects_client: Client
) -> None:
    url = await filesystem_store.presigned_put_url("scan.pdf", 60, "application/pdf")

    response = await objects_client.put(
        url, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}
    )

    info = await filesystem_store.stat("scan.pdf")
    assert info.sha256 is not None
    assert response.headers["etag"] == f'"{info.sha256}"'


async def test_missing_object_is_404_once_the_url_checks_out(
    filesystem_store: FilesystemObjectStore, objects_client: Client
) -> None:
    response = await objects_client.get(await filesystem_store.presigned_get_url("gone", 60))

    assert (response.status_code, error_code(response)) == (404, "OBJECT_NOT_FOUND")


async def test_other_bucket_is_404(
    filesystem_store: FilesystemObjectStore, objects_client: Client
) -> None:
    await filesystem_store.put("doc.pdf", b"%PDF", "application/pdf")
    url = await filesystem_store.presigned_get_url("doc.pdf", 60)

    response = await objects_client.get(url.replace("/objects/onetap/", "/objects/another/"))

    assert response.status_code == 404


async def test_route_is_404_without_a_filesystem_store() -> None:
    app = Litestar(route_handlers=[ObjectsController])  # no object_store in state at all
    async with AsyncTestClient(app) as client:
        response = await client.get("/objects/onetap/doc.pdf?method=GET&expires=1&sig=00")

    assert (response.status_code, error_code(response)) == (404, "OBJECT_NOT_FOUND")


@pytest.mark.parametrize(
    ("content_type", "attachment"),
    [
        ("application/pdf", False),
        ("image/png", False),
        ("text/html", True),
        ("image/svg+xml", True),
    ],
)
async def test_active_content_is_served_as_a_sandboxed_download(
    filesystem_store: FilesystemObjectStore,
    objects_client: Client,
    content_type: str,
    attachment: bool,
) -> None:
    await filesystem_store.put("file", b"<script>alert(1)</script>", content_type)

    response = await objects_client.get(await filesystem_store.presigned_get_url("file", 60))

    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-store"
    assert (response.headers.get("content-disposition") == "attachment") is attachment
    assert ("sandbox" in response.headers.get("content-security-policy", "")) is attachment
