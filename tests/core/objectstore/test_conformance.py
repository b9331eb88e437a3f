"""One behaviour, every adapter: each test runs against the filesystem and the S3 store.

If a test needs an ``if backend.name == ...`` to pass, the adapters have drifted apart.
"""

from __future__ import annotations

import hashlib
from datetime import UTC

import pytest

from core.objectstore import (
    IntegrityError,
    InvalidKey,
    ObjectNotFound,
    ObjectStore,
    ObjectTooLarge,
)
from tests.core.objectstore.conftest import MAX_OBJECT_BYTES, PRESIGN_MAX_SECONDS, Backend

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def test_put_get_stat_round_trip(store: ObjectStore) -> None:
    written = await store.put("materials/42/passport.pdf", PDF, "application/pdf")

    assert written.key == "materials/42/passport.pdf"
    assert written.size == len(PDF)
    assert written.content_type == "application/pdf"
    assert written.sha256 == digest(PDF)
    assert written.last_modified.utcoffset() == UTC.utcoffset(None)

    assert await store.get("materials/42/passport.pdf") == PDF
    stat = await store.stat("materials/42/passport.pdf")
    assert (stat.key, stat.size, stat.content_type, stat.sha256) == (
        written.key,
        written.size,
        written.content_type,
        written.sha256,
    )
    assert stat.last_modified.tzinfo is not None
    assert abs((stat.last_modified - written.last_modified).total_seconds()) < 5


async def test_put_accepts_the_expected_sha256_in_any_case(store: ObjectStore) -> None:
    info = await store.put("a.pdf", PDF, "application/pdf", sha256=digest(PDF).upper())
    assert info.sha256 == digest(PDF)


async def test_empty_object(store: ObjectStore) -> None:
    await store.put("empty", b"", "text/plain")
    assert await store.get("empty") == b""
    assert (await store.stat("empty")).size == 0


async def test_overwrite_replaces_bytes_and_metadata(store: ObjectStore) -> None:
    await store.put("doc", b"first", "text/plain")
    await store.put("doc", PDF, "application/pdf")

    assert await store.get("doc") == PDF
    stat = await store.stat("doc")
    assert (stat.size, stat.content_type, stat.sha256) == (len(PDF), "application/pdf", digest(PDF))
    assert [info.key for info in await store.list()] == ["doc"]


async def test_sha256_mismatch_is_rejected_and_nothing_is_stored(store: ObjectStore) -> None:
    with pytest.raises(IntegrityError):
        await store.put("doc", PDF, "application/pdf", sha256=digest(b"something else"))
    with pytest.raises(ObjectNotFound):
        await store.stat("doc")
    assert await store.list() == []


async def test_sha256_mismatch_leaves_the_previous_version(store: ObjectStore) -> None:
    await store.put("doc", b"v1", "text/plain")
    with pytest.raises(IntegrityError):
        await store.put("doc", b"v2", "text/plain", sha256=digest(b"v3"))
    assert await store.get("doc") == b"v1"


async def test_object_at_the_limit_is_accepted_and_above_it_refused(store: ObjectStore) -> None:
    await store.put("max", b"x" * MAX_OBJECT_BYTES, "application/octet-stream")

    with pytest.raises(ObjectTooLarge) as refused:
        await store.put("big", b"x" * (MAX_OBJECT_BYTES + 1), "application/octet-stream")
    assert refused.value.limit == MAX_OBJECT_BYTES
    with pytest.raises(ObjectNotFound):
        await store.stat("big")


async def test_missing_objects_are_not_found(store: ObjectStore) -> None:
    with pytest.raises(ObjectNotFound):
        await store.get("nope")
    with pytest.raises(ObjectNotFound):
        await store.stat("nope/deeper")


async def test_delete_is_idempotent(store: ObjectStore) -> None:
    await store.put("doc", b"bytes", "text/plain")
    await store.delete("doc")
    await store.delete("doc")
    await store.delete("never/existed")

    with pytest.raises(ObjectNotFound):
        await store.get("doc")
    assert await store.list() == []


async def test_list_by_prefix_sorted_by_key(store: ObjectStore) -> None:
    for key in (
        "materials/b/1.pdf",
        "materials/a/2.pdf",
        "materials/a/1.pdf",
        "materialsx",
        "licenses/1.pdf",
    ):
        await store.put(key, key.encode(), "application/pdf")

    listed = await store.list("materials/a/")
    assert [info.key for info in listed] == ["materials/a/1.pdf", "materials/a/2.pdf"]
    assert listed[0].sha256 == digest(b"materials/a/1.pdf")
    assert listed[0].content_type == "application/pdf"
    assert listed[0].size == len("materials/a/1.pdf")

    # A prefix is a string prefix, not a folder: "materials" also matches "materialsx".
    assert [info.key for info in await store.list("materials")] == [
        "materials/a/1.pdf",
        "materials/a/2.pdf",
        "materials/b/1.pdf",
        "materialsx",
    ]
    assert [info.key for info in await store.list("materials/")] == [
        "materials/a/1.pdf",
        "materials/a/2.pdf",
        "materials/b/1.pdf",
    ]
    assert [info.key for info in await store.list("lic")] == ["licenses/1.pdf"]
    assert await store.list("audit/") == []
    assert len(await store.list()) == 5


async def test_keys_that_do_not_map_onto_plain_paths(store: ObjectStore) -> None:
    long_key = "deep/" + "k" * (1024 - len("deep/"))
    keys = [
        "a",
        "a/b",  # "a" is an object and a prefix at once
        "Doc",
        "doc",  # differ only in case
        "документы/паспорт 1.pdf",  # non-ASCII, space
        "odd/?#%&=+ .txt",  # URL metacharacters
        long_key,  # 1024 bytes, far beyond a file name's 255
    ]
    for key in keys:
        await store.put(key, key.encode(), "text/plain")

    for key in keys:
        assert await store.get(key) == key.encode()
    assert [info.key for info in await store.list()] == sorted(keys)
    assert [info.key for info in await store.list("a")] == ["a", "a/b"]
    # A prefix ending inside a long key (beyond the first 64 bytes) still finds it.
    assert [info.key for info in await store.list(long_key[:700])] == [long_key]
    assert [info.key for info in await store.list("докум")] == ["документы/паспорт 1.pdf"]


BAD_KEYS = [
    "",
    "/leading/slash",
    "trailing/slash/",
    "double//slash",
    "../escape",
    "a/../b",
    "a/./b",
    ".",
    "back\\slash",
    "nul\x00byte",
    "new\nline",
    "k" * 1025,
    "é" * 513,  # 513 characters, 1026 bytes of UTF-8
]


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_invalid_keys_are_refused_everywhere(store: ObjectStore, key: str) -> None:
    with pytest.raises(InvalidKey):
        await store.put(key, b"x", "text/plain")
    with pytest.raises(InvalidKey):
        await store.get(key)
    with pytest.raises(InvalidKey):
        await store.stat(key)
    with pytest.raises(InvalidKey):
        await store.delete(key)
    with pytest.raises(InvalidKey):
        await store.presigned_get_url(key, 60)
    with pytest.raises(InvalidKey):
        await store.presigned_put_url(key, 60, "text/plain")


@pytest.mark.parametrize("prefix", ["/abs", "nul\x00", "back\\slash", "k" * 1025])
async def test_invalid_prefixes_are_refused(store: ObjectStore, prefix: str) -> None:
    with pytest.raises(InvalidKey):
        await store.list(prefix)


@pytest.mark.parametrize("content_type", ["", "pdf", "text/plain\r\nX-Evil: 1", "têxt/plain"])
async def test_invalid_content_types_are_refused(store: ObjectStore, content_type: str) -> None:
    with pytest.raises(ValueError, match="content type"):
        await store.put("doc", b"x", content_type)
    with pytest.raises(ValueError, match="content type"):
        await store.presigned_put_url("doc", 60, content_type)


async def test_presigned_get_url_downloads_the_bytes(backend: Backend) -> None:
    key = "materials/42/паспорт scan #1.pdf"
    await backend.store.put(key, PDF, "application/pdf")

    url = await backend.store.presigned_get_url(key, 60)
    response = await backend.download(url)

    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"


async def test_presigned_put_url_uploads_the_bytes(backend: Backend) -> None:
    key = "uploads/42/scan 1.pdf"
    url = await backend.store.presigned_put_url(key, 60, "application/pdf")

    response = await backend.upload(url, PDF, "application/pdf")

    assert response.status_code == 200
    assert await backend.store.get(key) == PDF
    stat = await backend.store.stat(key)
    assert (stat.size, stat.content_type) == (len(PDF), "application/pdf")
    # S3 records no digest for a direct upload (see S3ObjectStore._presign_put).
    assert stat.sha256 in (digest(PDF), None)


async def test_presigned_lifetime_is_capped(backend: Backend) -> None:
    store = backend.store
    await store.put("doc", b"x", "text/plain")

    assert backend.url_lifetime(await store.presigned_get_url("doc", 60)) == 60
    for url in (
        await store.presigned_get_url("doc", 7 * 24 * 3600),
        await store.presigned_put_url("doc", PRESIGN_MAX_SECONDS + 1, "text/plain"),
    ):
        assert backend.url_lifetime(url) == PRESIGN_MAX_SECONDS


@pytest.mark.parametrize("seconds", [0, -1])
async def test_presigned_lifetime_must_be_positive(store: ObjectStore, seconds: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        await store.presigned_get_url("doc", seconds)
    with pytest.raises(ValueError, match="positive"):
        await store.presigned_put_url("doc", seconds, "text/plain")


async def test_ping_and_ensure_ready_succeed_on_a_healthy_store(store: ObjectStore) -> None:
    await store.ping()
    await store.ensure_bucket()  # idempotent
    await store.ensure_ready()
