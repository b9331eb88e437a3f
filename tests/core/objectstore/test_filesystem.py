"""Filesystem-adapter details the conformance suite cannot see: files, modes, signatures."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.objectstore import (
    FilesystemObjectStore,
    IntegrityError,
    ObjectStoreError,
    ObjectStoreUnavailable,
    PresignedUrlExpired,
    PresignedUrlInvalid,
)
from tests.core.objectstore.conftest import MAX_OBJECT_BYTES, PUBLIC_URL, Clock


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def signed_params(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


async def test_sidecar_records_the_sha256_and_files_are_private(
    filesystem_store: FilesystemObjectStore,
) -> None:
    info = await filesystem_store.put("materials/1.pdf", b"%PDF", "application/pdf")

    files = files_under(filesystem_store.root)
    sidecars = [path for path in files if path.suffix == ".json"]
    blobs = [path for path in files if path.suffix == ".blob"]
    assert len(sidecars) == 1
    assert len(blobs) == 1  # and no temporary file left behind
    record = json.loads(sidecars[0].read_text())
    assert record["key"] == "materials/1.pdf"
    assert record["sha256"] == info.sha256
    assert record["content_type"] == "application/pdf"
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((filesystem_store.root / "onetap").stat().st_mode) == 0o700


async def test_overwrite_and_delete_leave_no_stale_blobs(
    filesystem_store: FilesystemObjectStore,
) -> None:
    await filesystem_store.put("doc", b"v1", "text/plain")
    await filesystem_store.put("doc", b"v2", "text/plain")
    assert len(files_under(filesystem_store.root)) == 2

    await filesystem_store.delete("doc")
    assert files_under(filesystem_store.root) == []


async def test_corrupted_bytes_are_detected_on_read(
    filesystem_store: FilesystemObjectStore,
) -> None:
    await filesystem_store.put("doc", b"original", "text/plain")
    (blob,) = [path for path in files_under(filesystem_store.root) if path.suffix == ".blob"]
    blob.write_bytes(b"tampered")

    with pytest.raises(IntegrityError):
        await filesystem_store.get("doc")


async def test_last_modified_comes_from_the_injected_clock(
    filesystem_store: FilesystemObjectStore, clock: Clock
) -> None:
    clock.advance(3600)
    info = await filesystem_store.put("doc", b"x", "text/plain")
    assert info.last_modified == clock()
    assert (await filesystem_store.stat("doc")).last_modified == clock()


async def test_ping_reports_a_missing_or_unusable_folder(tmp_path: Path, clock: Clock) -> None:
    store = FilesystemObjectStore(
        tmp_path / "objects", "onetap", b"s" * 32, PUBLIC_URL, 300, MAX_OBJECT_BYTES, now=clock
    )
    with pytest.raises(ObjectStoreUnavailable, match="does not exist"):
        await store.ping()

    await store.ensure_ready()

    blocked = FilesystemObjectStore(
        tmp_path / "file", "onetap", b"s" * 32, PUBLIC_URL, 300, MAX_OBJECT_BYTES, now=clock
    )
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ObjectStoreUnavailable):
        await blocked.ping()


async def test_presigned_url_shape(filesystem_store: FilesystemObjectStore, clock: Clock) -> None:
    url = await filesystem_store.presigned_put_url("a b/ü.pdf", 60, "application/pdf")

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == PUBLIC_URL
    assert parts.path == "/objects/onetap/a%20b/%C3%BC.pdf"
    params = signed_params(url)
    assert params["method"] == "PUT"
    assert params["ct"] == "application/pdf"
    assert int(params["expires"]) == int(clock().timestamp()) + 60
    assert len(params["sig"]) == 64


async def test_verify_presigned(filesystem_store: FilesystemObjectStore, clock: Clock) -> None:
    url = await filesystem_store.presigned_put_url("doc.pdf", 60, "application/pdf")
    params = signed_params(url)
    expires, sig = int(params["expires"]), params["sig"]
    verify = filesystem_store.verify_presigned

    verify("PUT", "doc.pdf", expires, "application/pdf", sig)
    with pytest.raises(PresignedUrlInvalid):
        verify("PUT", "doc.pdf", expires, "text/html", sig)
    with pytest.raises(PresignedUrlInvalid):
        verify("GET", "doc.pdf", expires, "application/pdf", sig)
    with pytest.raises(PresignedUrlInvalid):
        verify("PUT", "doc.pdf", expires + 1, "application/pdf", sig)
    with pytest.raises(PresignedUrlInvalid):
        verify("DELETE", "doc.pdf", expires, "application/pdf", sig)
    with pytest.raises(PresignedUrlInvalid):
        verify("PUT", "../doc.pdf", expires, "application/pdf", sig)
    with pytest.raises(PresignedUrlExpired):
        verify("PUT", "doc.pdf", expires, "application/pdf", sig, now=clock().replace(year=2100))


async def test_urls_cannot_outlive_a_lowered_cap(
    filesystem_store: FilesystemObjectStore, clock: Clock
) -> None:
    params = signed_params(await filesystem_store.presigned_get_url("doc", 300))
    lowered = FilesystemObjectStore(
        filesystem_store.root,
        "onetap",
        filesystem_store._secret,
        PUBLIC_URL,
        presign_max_seconds=60,
        max_object_bytes=MAX_OBJECT_BYTES,
        now=clock,
    )
    with pytest.raises(PresignedUrlInvalid, match="maximum"):
        lowered.verify_presigned("GET", "doc", int(params["expires"]), "", params["sig"])


@pytest.mark.parametrize(
    ("bucket", "secret", "problem"),
    [
        ("onetap", b"short", "signing_secret"),
        ("Bad_Bucket", b"s" * 32, "bucket"),
        ("..", b"s" * 32, "bucket"),
        ("ab", b"s" * 32, "bucket"),
    ],
)
def test_constructor_refuses_weak_secrets_and_bad_buckets(
    tmp_path: Path, bucket: str, secret: bytes, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        FilesystemObjectStore(tmp_path, bucket, secret, PUBLIC_URL, 300, MAX_OBJECT_BYTES)


async def test_damaged_metadata_is_a_store_error(filesystem_store: FilesystemObjectStore) -> None:
    await filesystem_store.put("doc", b"x", "text/plain")
    (sidecar,) = [path for path in files_under(filesystem_store.root) if path.suffix == ".json"]
    sidecar.write_text("{not json")

    with pytest.raises(ObjectStoreError, match="unreadable object metadata"):
        await filesystem_store.stat("doc")
