"""Objects in an S3 bucket (MinIO or any S3 service) through the ``minio`` client.

The SHA-256 recorded at write time travels as user metadata (``x-amz-meta-sha256``), so
``stat`` and ``get`` return and check it without reading the bytes twice. Backend failures are
translated into the store's own errors: a missing key is :class:`ObjectNotFound`; a refused
connection, a missing bucket or rejected credentials are :class:`ObjectStoreUnavailable`.

Write-once (``write_once=True``). The bucket is created with object lock, which also turns on
versioning (MinIO can only enable object lock at creation), and, with ``retention_days``, a
default GOVERNANCE retention; a server that refuses object lock gets a plain bucket with
versioning. Each PUT carries ``If-None-Match: *``, so S3 itself refuses an overwrite (412),
atomically against a concurrent writer. ``protection`` reports what the bucket really has.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import logging
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import urllib3
from minio import Minio
from minio.commonconfig import ENABLED, GOVERNANCE
from minio.error import InvalidResponseError, S3Error, ServerError
from minio.helpers import DictType
from minio.objectlockconfig import DAYS, ObjectLockConfig
from minio.time import from_http_header
from minio.versioningconfig import VersioningConfig

from core import clock
from core.objectstore.base import ObjectInfo, ObjectStore, Protection
from core.objectstore.errors import (
    ObjectExists,
    ObjectNotFound,
    ObjectStoreError,
    ObjectStoreUnavailable,
    ObjectTooLarge,
)

_SHA256_HEADER = "x-amz-meta-sha256"
_DEFAULT_CONTENT_TYPE = "application/octet-stream"
#: S3's smallest multipart part; see ``_write``.
_MIN_PART_SIZE = 5 * 1024 * 1024
#: Parallel HEAD requests when listing, kept under urllib3's 10 pooled connections per host.
_LIST_STAT_WORKERS = 8
_NOT_FOUND_CODES = frozenset({"NoSuchKey", "NoSuchObject"})
#: A conditional PUT lost: the key exists (412), or another conditional write of it is in
#: flight (409 on AWS and MinIO; retrying would then meet the winner's object).
_EXISTS_CODES = frozenset({"PreconditionFailed", "ConditionalRequestConflict"})
#: Codes a server answers when it cannot create a bucket with object lock.
_NO_OBJECT_LOCK_CODES = frozenset({"NotImplemented", "InvalidRequest", "InvalidArgument"})

logger = logging.getLogger(__name__)
#: Codes that mean the store as a whole is misconfigured or down, not this one request.
_UNAVAILABLE_CODES = frozenset(
    {
        "NoSuchBucket",
        "AccessDenied",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "ExpiredToken",
        "RequestTimeTooSkewed",
        "ServiceUnavailable",
        "SlowDown",
        "InternalError",
    }
)


def _http_client(connect_timeout: float, read_timeout: float) -> urllib3.PoolManager:
    """A pool that gives up fast: minio's default retries a dead endpoint for many seconds,
    which would make ``/readyz`` hang instead of answering "not ready"."""
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
        retries=urllib3.Retry(
            total=2,
            connect=1,
            read=1,
            backoff_factor=0.1,
            status_forcelist=(500, 502, 503, 504),
        ),
    )


class S3ObjectStore(ObjectStore):
    """Objects in one S3 bucket; presigned URLs go straight to the S3 endpoint."""

    def __init__(
        self,
        *,
        endpoint: str,
        access_key: str,
        secret_key: str,
        secure: bool,
        region: str,
        bucket: str,
        presign_max_seconds: int,
        max_object_bytes: int,
        connect_timeout: float = 2.0,
        read_timeout: float = 30.0,
        public_url: str = "",
        write_once: bool = False,
        retention_days: int = 0,
    ) -> None:
        super().__init__(
            bucket=bucket,
            presign_max_seconds=presign_max_seconds,
            max_object_bytes=max_object_bytes,
            write_once=write_once,
        )
        if retention_days < 0:
            raise ValueError("retention_days must not be negative")
        if retention_days and not write_once:
            raise ValueError("retention_days needs write_once: only a write-once bucket is locked")
        #: Default GOVERNANCE retention set when this store creates a locked bucket.
        self.retention_days = retention_days
        self.endpoint = endpoint
        self.region = region
        # An explicit region also spares presigning a GetBucketLocation round trip.
        self._client = Minio(
            endpoint,
            access_key=access_key or None,
            secret_key=secret_key or None,
            secure=secure,
            region=region,
            http_client=_http_client(connect_timeout, read_timeout),
        )
        # Presigned links are for browsers, which may reach the store under another name
        # than the app does (``minio:9000`` inside the cluster, a public host outside). The
        # signature covers the host, so such links are signed by a client for that name;
        # presigning is local computation (the region is given), it never calls that host.
        self._presigner = self._client
        if public_url:
            parsed = urlsplit(public_url)
            self._presigner = Minio(
                parsed.netloc,
                access_key=access_key or None,
                secret_key=secret_key or None,
                secure=parsed.scheme == "https",
                region=region,
                http_client=_http_client(connect_timeout, read_timeout),
            )

    def _ensure_bucket(self) -> None:
        with self._translated():
            created = not self._client.bucket_exists(self.bucket) and self._create_bucket()
            if not self.write_once:
                return
            protection = self._inspect_protection()
            if created and protection == "refuse-overwrite":
                # Created plainly (or the server ignored the lock request): keep versions.
                self._client.set_bucket_versioning(self.bucket, VersioningConfig(ENABLED))
                protection = self._inspect_protection()
            if created and protection == "object-lock" and self.retention_days:
                self._client.set_object_lock_config(
                    self.bucket, ObjectLockConfig(GOVERNANCE, self.retention_days, DAYS)
                )
        if protection == "refuse-overwrite":
            # Bucket settings are the operator's: an existing bucket is reported, not changed.
            logger.warning(
                "write-once bucket %r has neither object lock nor versioning", self.bucket
            )
        self._protection = protection

    def _create_bucket(self) -> bool:
        """Create the bucket (locked if write-once); ``False`` if another process did first."""
        try:
            self._client.make_bucket(self.bucket, location=self.region, object_lock=self.write_once)
        except S3Error as exc:
            if exc.code == "BucketAlreadyOwnedByYou":  # another process won the race
                return False
            if not (self.write_once and exc.code in _NO_OBJECT_LOCK_CODES):
                raise
            logger.warning(
                "S3 at %s refused object lock (%s); bucket %r gets versioning only",
                self.endpoint,
                exc.code,
                self.bucket,
            )
            try:
                self._client.make_bucket(self.bucket, location=self.region)
            except S3Error as retry:
                if retry.code != "BucketAlreadyOwnedByYou":
                    raise
                return False
        return True

    def _inspect_protection(self) -> Protection:
        """What the bucket enforces, read back from S3 rather than assumed from creation."""
        try:
            self._client.get_object_lock_config(self.bucket)
        except S3Error as exc:
            # No lock configuration (ObjectLockConfigurationNotFoundError), or a server
            # without the API at all (NotImplemented, ...): either way, no lock. Outages and
            # bad credentials are not an answer, though.
            if exc.code in _UNAVAILABLE_CODES:
                raise
        else:
            return "object-lock"
        if self._client.get_bucket_versioning(self.bucket).status == ENABLED:
            return "versioning"
        return "refuse-overwrite"

    def _ping(self) -> None:
        with self._translated():
            exists = self._client.bucket_exists(self.bucket)
        if not exists:
            raise ObjectStoreUnavailable(
                f"bucket {self.bucket!r} does not exist at {self.endpoint}"
            )

    def _write(self, key: str, data: bytes, content_type: str, sha256: str) -> ObjectInfo:
        if self.write_once:
            return self._write_if_absent(key, data, content_type, sha256)
        with self._translated(key):
            result = self._client.put_object(
                self.bucket,
                key,
                io.BytesIO(data),
                len(data),
                content_type=content_type,
                metadata={"sha256": sha256},
                # One PUT instead of a multipart upload: objects are capped at
                # max_object_bytes, so the parts would only add requests and threads.
                part_size=max(_MIN_PART_SIZE, len(data)),
            )
        return ObjectInfo(
            key=key,
            size=len(data),
            content_type=content_type,
            sha256=sha256,
            last_modified=result.last_modified or _response_time(result.http_headers),
        )

    def _write_if_absent(self, key: str, data: bytes, content_type: str, sha256: str) -> ObjectInfo:
        """One PUT with ``If-None-Match: *``: S3 stores it only if the key is absent."""
        md5 = hashlib.md5(data, usedforsecurity=False).digest()
        headers: DictType = {
            "Content-Type": content_type,
            "x-amz-meta-sha256": sha256,
            "If-None-Match": "*",
            # AWS demands an MD5 or checksum for PUTs into a bucket with default retention.
            "Content-MD5": base64.b64encode(md5).decode(),
        }
        with self._translated(key):
            # minio 7.2's put_object passes no arbitrary headers (a conditional one would be
            # sent as x-amz-meta-if-none-match), so this calls its single-PUT primitive,
            # which put_object itself uses for one-part uploads. test_write_once covers it.
            result = self._client._put_object(self.bucket, key, data, headers)
        return ObjectInfo(
            key=key,
            size=len(data),
            content_type=content_type,
            sha256=sha256,
            last_modified=result.last_modified or _response_time(result.http_headers),
        )

    def _read(self, key: str) -> tuple[bytes, str | None]:
        with self._translated(key):
            response = self._client.get_object(self.bucket, key)
            try:
                # A presigned PUT bypasses the size limit; refuse before buffering it all.
                length = response.headers.get("content-length")
                if length is not None and int(length) > self.max_object_bytes:
                    raise ObjectTooLarge(key, int(length), self.max_object_bytes)
                return response.read(), _recorded_sha256(response.headers)
            finally:
                response.close()
                response.release_conn()

    def _stat(self, key: str) -> ObjectInfo:
        with self._translated(key):
            found = self._client.stat_object(self.bucket, key)
        return ObjectInfo(
            key=key,
            size=found.size or 0,
            content_type=found.content_type or _DEFAULT_CONTENT_TYPE,
            sha256=_recorded_sha256(found.metadata),
            last_modified=found.last_modified or clock.now(),
        )

    def _remove(self, key: str) -> None:
        with self._translated(key):
            self._client.remove_object(self.bucket, key)  # S3 DELETE is already idempotent

    def _scan(self, prefix: str) -> list[ObjectInfo]:
        with self._translated():
            keys = [
                found.object_name
                for found in self._client.list_objects(
                    self.bucket, prefix=prefix or None, recursive=True
                )
                if found.object_name is not None
            ]
        # Listings carry neither content type nor user metadata, so each key needs a HEAD.
        with ThreadPoolExecutor(max_workers=_LIST_STAT_WORKERS) as pool:
            infos = list(pool.map(self._stat_if_present, keys))
        return [info for info in infos if info is not None]

    def _stat_if_present(self, key: str) -> ObjectInfo | None:
        try:
            return self._stat(key)
        except ObjectNotFound:  # deleted between the listing and the HEAD
            return None

    def _presign_get(self, key: str, lifetime: int) -> str:
        with self._translated(key):
            return self._presigner.presigned_get_object(
                self.bucket, key, expires=timedelta(seconds=lifetime)
            )

    def _presign_put(self, key: str, lifetime: int, content_type: str) -> str:
        # An S3 presigned PUT signs only the host: the uploader should send this content
        # type, but S3 neither enforces it nor the size limit, and records no SHA-256.
        # Confirm an upload with stat() (and get(), which applies the size limit) before use.
        with self._translated(key):
            return self._presigner.presigned_put_object(
                self.bucket, key, expires=timedelta(seconds=lifetime)
            )

    @contextlib.contextmanager
    def _translated(self, key: str | None = None) -> Iterator[None]:
        """Re-raise minio and urllib3 failures as the store's own errors."""
        try:
            yield
        except S3Error as exc:
            if key is not None and exc.code in _NOT_FOUND_CODES:
                raise ObjectNotFound(key) from exc
            if key is not None and self.write_once and exc.code in _EXISTS_CODES:
                raise ObjectExists(key) from exc
            reason = f"S3 {exc.code} at {self.endpoint}/{self.bucket}: {exc.message}"
            if exc.code in _UNAVAILABLE_CODES:
                raise ObjectStoreUnavailable(reason) from exc
            raise ObjectStoreError(reason) from exc
        except (ServerError, InvalidResponseError) as exc:
            raise ObjectStoreUnavailable(f"S3 endpoint {self.endpoint} failed: {exc}") from exc
        except urllib3.exceptions.HTTPError as exc:
            cause = getattr(exc, "reason", None) or exc
            raise ObjectStoreUnavailable(
                f"cannot reach S3 endpoint {self.endpoint}: {cause}"
            ) from exc


def _recorded_sha256(headers: Mapping[str, str] | None) -> str | None:
    # Header names are case-insensitive but minio may hand back a plain dict.
    for name, value in (headers or {}).items():
        if name.lower() == _SHA256_HEADER:
            return value.lower()
    return None


def _response_time(headers: Mapping[str, str]) -> datetime:
    """When the PUT took effect: Last-Modified if the server sent it, else its Date."""
    for name in ("last-modified", "date"):
        value = headers.get(name)
        if value:
            with contextlib.suppress(ValueError):
                return from_http_header(value)
    return clock.now()
