"""Serves the filesystem object store's presigned URLs: ``GET`` and ``PUT /objects/{bucket}/{key}``.

Only the filesystem backend needs this: S3 presigned URLs point at S3 itself. The stores served
are ``app.state.object_stores`` (bucket name → store: the main bucket and the licenses bucket)
and ``app.state.object_store`` (the main one); a bucket with no filesystem store there answers
404. The URL is the whole credential, so nothing is read or written before its signature and
expiry check out.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Controller, Request, Response, get, put
from litestar.datastructures import State
from litestar.params import FromPath

from api.http_errors import error_response
from core.objectstore import (
    FilesystemObjectStore,
    ObjectExists,
    ObjectLocked,
    ObjectNotFound,
    ObjectStoreError,
    ObjectStoreUnavailable,
    ObjectTooLarge,
    PresignedUrlExpired,
    PresignedUrlInvalid,
)

logger = logging.getLogger(__name__)

#: Rendered in the browser as they are; anything else is served as a download. The bytes come
#: from citizens and are served from the app's own origin, so an uploaded HTML or SVG page
#: must never run there.
_INLINE_MEDIA_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"}
)

#: Error class → (status, code). Ordered: the first ``isinstance`` match wins.
_ERRORS: tuple[tuple[type[ObjectStoreError], int, str], ...] = (
    (PresignedUrlExpired, 403, "PRESIGNED_URL_EXPIRED"),
    (PresignedUrlInvalid, 403, "PRESIGNED_URL_INVALID"),
    (ObjectNotFound, 404, "OBJECT_NOT_FOUND"),
    (ObjectLocked, 403, "OBJECT_LOCKED"),
    (ObjectExists, 409, "OBJECT_EXISTS"),
    (ObjectTooLarge, 413, "OBJECT_TOO_LARGE"),
)


def _object_store_error(
    _: Request[Any, Any, Any], exc: ObjectStoreError
) -> Response[dict[str, object]]:
    for error_class, status, code in _ERRORS:
        if isinstance(exc, error_class):
            return error_response(status, code, str(exc))
    # Backend trouble (or a digest mismatch on disk): the reason names paths, so it is logged
    # for operators and kept from the client.
    logger.error("object store failed serving a presigned URL", exc_info=exc)
    if isinstance(exc, ObjectStoreUnavailable):
        return error_response(503, "OBJECT_STORE_UNAVAILABLE", "Object storage is unavailable")
    return error_response(500, "OBJECT_STORE_ERROR", "The object could not be served")


class ObjectsController(Controller):
    """Download and upload through URLs minted by :class:`FilesystemObjectStore`."""

    path = "/objects"
    include_in_schema = False
    # Litestar reads this layer attribute from the class; it is never mutated.
    exception_handlers = {ObjectStoreError: _object_store_error}  # noqa: RUF012

    @get("/{bucket:str}/{key:path}")
    async def download(
        self, request: Request[Any, Any, Any], bucket: FromPath[str], key: FromPath[str]
    ) -> Response[bytes]:
        store, object_key = _authorized(request, "GET", bucket, key)
        info = await store.stat(object_key)
        data = await store.get(object_key)
        headers = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}
        if info.sha256:
            headers["ETag"] = f'"{info.sha256}"'
        media_type = info.content_type.split(";", 1)[0].strip().lower()
        if media_type not in _INLINE_MEDIA_TYPES:
            headers["Content-Disposition"] = "attachment"
            headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return Response(data, media_type=info.content_type, headers=headers)

    # The app-wide body limit is meant for API calls; uploads get max_object_bytes instead,
    # enforced while streaming in _read_body.
    @put("/{bucket:str}/{key:path}", request_max_body_size=None, status_code=200)
    async def upload(
        self, request: Request[Any, Any, Any], bucket: FromPath[str], key: FromPath[str]
    ) -> Response[None]:
        store, object_key = _authorized(request, "PUT", bucket, key)
        content_type = request.query_params.get("ct") or ""
        if request.headers.get("content-type", "") != content_type:
            raise PresignedUrlInvalid("the upload's Content-Type differs from the signed one")
        data = await _read_body(request, object_key, store.max_object_bytes)
        info = await store.put(object_key, data, content_type)
        return Response(None, status_code=200, headers={"ETag": f'"{info.sha256}"'})


def _authorized(
    request: Request[Any, Any, Any], method: str, bucket: str, key: str
) -> tuple[FilesystemObjectStore, str]:
    """The store and object key, once the URL's signature and expiry are verified."""
    object_key = key.removeprefix("/")  # Litestar's path parameters keep the leading slash
    store = served_store(request.app.state, bucket)
    if store is None:
        raise ObjectNotFound(object_key)
    query = request.query_params
    if query.get("method") != method:
        raise PresignedUrlInvalid(f"the URL is not signed for {method}")
    try:
        expires = int(query.get("expires") or "")
    except ValueError:
        raise PresignedUrlInvalid("the URL's expiry is missing or malformed") from None
    store.verify_presigned(
        method, object_key, expires, query.get("ct") or "", query.get("sig") or ""
    )
    return store, object_key


def served_store(state: State, bucket: str) -> FilesystemObjectStore | None:
    """The filesystem store whose presigned URLs name ``bucket``, if the app has one.

    Looked up in ``state.object_stores`` (bucket → store), then ``state.object_store``. A
    store is served only under its own bucket name: its URLs are signed over that name, and a
    mis-keyed registry must not let one bucket's URLs reach another's folder.
    """
    registry = getattr(state, "object_stores", None) or {}
    candidates = (registry.get(bucket), getattr(state, "object_store", None))
    for store in candidates:
        if isinstance(store, FilesystemObjectStore) and store.bucket == bucket:
            return store
    return None


async def _read_body(request: Request[Any, Any, Any], key: str, limit: int) -> bytes:
    announced = request.headers.get("content-length")
    if announced is not None and announced.isdigit() and int(announced) > limit:
        raise ObjectTooLarge(key, int(announced), limit)  # refuse before reading a byte
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise ObjectTooLarge(key, received, limit)
        chunks.append(chunk)
    return b"".join(chunks)
