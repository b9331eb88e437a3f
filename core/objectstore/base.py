"""The object-store contract every adapter fulfils, and the rules they must not drift on.

``ObjectStore`` owns the invariants (key and content-type validation, the size limit, the
SHA-256 check, the cap on presigned lifetimes) and runs each adapter's blocking I/O in a
worker thread; adapters only implement the ``_``-prefixed blocking hooks. Keeping the rules
here means the filesystem and S3 adapters cannot disagree on what a valid key or a too-large
object is, which the conformance test suite then checks end to end.

A store built with ``write_once=True`` (the licenses bucket) never changes an object once
written: ``put`` of an existing key raises :class:`ObjectExists`, ``delete`` and presigned
uploads raise :class:`ObjectLocked`. The refusal of deletes and uploads lives here; refusing
an overwrite must be atomic against a concurrent writer, so each adapter does it in ``_write``.
"""

from __future__ import annotations

import abc
import asyncio
import builtins
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from core.objectstore.errors import IntegrityError, InvalidKey, ObjectLocked, ObjectTooLarge

#: What keeps a written object from changing, strongest first. ``object-lock``: S3 object
#: lock (versioning included), so even the bucket's credentials cannot remove a version
#: within its retention. ``versioning``: S3 keeps every version, but an owner can delete
#: them. ``refuse-overwrite``: only the store refuses (filesystem; or S3 on a bucket without
#: versioning). ``none``: an ordinary store, last write wins.
Protection = Literal["object-lock", "versioning", "refuse-overwrite", "none"]

#: S3 limits keys to 1024 bytes of UTF-8; the filesystem adapter follows it for parity.
MAX_KEY_BYTES = 1024

#: C0 controls and DEL break HTTP headers and logs; backslash is a separator on Windows.
_FORBIDDEN_KEY_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")

#: S3 bucket naming: 3-63 lowercase letters, digits, dots and hyphens, alphanumeric ends.
_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")

#: ``type/subtype`` plus parameters, printable ASCII only (it travels in a header).
_CONTENT_TYPE = re.compile(r"[!-~]+/[!-~]+( *;[ -~]*)?")


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    """What the store knows about one object, without its bytes."""

    key: str
    size: int
    content_type: str
    #: Hex SHA-256 recorded at write time. ``None`` only for objects written around the
    #: store (an S3 presigned PUT goes straight to the bucket and records no digest).
    sha256: str | None
    #: Timezone-aware (UTC).
    last_modified: datetime


def _check_characters(value: str, what: str) -> None:
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:
        raise InvalidKey(value, f"{what} is not valid UTF-8") from None
    if size > MAX_KEY_BYTES:
        raise InvalidKey(value, f"{what} is {size} bytes of UTF-8; the limit is {MAX_KEY_BYTES}")
    if value.startswith("/"):
        raise InvalidKey(value, f"{what} must not start with '/'")
    if _FORBIDDEN_KEY_CHARS.search(value):
        raise InvalidKey(value, f"{what} must not contain control characters or '\\'")


def validate_key(key: str) -> None:
    """Raise :class:`InvalidKey` unless ``key`` is safe on every backend and in a URL path.

    Empty, ``.`` and ``..`` segments are refused: they would escape or alias a folder, and URL
    normalisation (browsers, httpx, Litestar's router) rewrites them, so a presigned URL for
    such a key would address a different object.
    """
    if not key:
        raise InvalidKey(key, "key is empty")
    _check_characters(key, "key")
    for segment in key.split("/"):
        if segment in ("", ".", ".."):
            raise InvalidKey(key, "key must not contain empty, '.' or '..' path segments")


def validate_prefix(prefix: str) -> None:
    """Raise :class:`InvalidKey` unless ``prefix`` could start a valid key (empty lists all)."""
    if prefix:
        _check_characters(prefix, "prefix")


def validate_content_type(content_type: str) -> None:
    """Raise ``ValueError`` unless ``content_type`` is a ``type/subtype`` header value."""
    if len(content_type) > 255 or not _CONTENT_TYPE.fullmatch(content_type):
        raise ValueError(f"invalid content type {content_type[:80]!r}")


def validate_bucket(bucket: str) -> None:
    """Raise ``ValueError`` unless ``bucket`` follows S3's bucket naming (also a safe folder)."""
    if not _BUCKET_NAME.fullmatch(bucket) or ".." in bucket:
        raise ValueError(f"invalid bucket name {bucket!r}: use 3-63 of a-z, 0-9, '.', '-'")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ObjectStore(abc.ABC):
    """Async object storage: bytes under string keys in one bucket, with presigned URLs.

    Public methods validate, then run the adapter's blocking hook via ``asyncio.to_thread``
    so a slow disk or S3 endpoint never stalls the event loop.
    """

    def __init__(
        self,
        *,
        bucket: str,
        presign_max_seconds: int,
        max_object_bytes: int,
        write_once: bool = False,
    ) -> None:
        validate_bucket(bucket)
        if presign_max_seconds < 1:
            raise ValueError("presign_max_seconds must be at least 1")
        if max_object_bytes < 0:
            raise ValueError("max_object_bytes must not be negative")
        self.bucket = bucket
        self.presign_max_seconds = presign_max_seconds
        self.max_object_bytes = max_object_bytes
        self.write_once = write_once
        # What the store itself guarantees; an S3 adapter raises it once it has seen the bucket.
        self._protection: Protection = "refuse-overwrite" if write_once else "none"

    @property
    def protection(self) -> Protection:
        """What really keeps written objects unchanged here (see :data:`Protection`).

        For S3 it is known only after :meth:`ensure_bucket` has inspected the bucket.
        """
        return self._protection

    # -- public, async API -------------------------------------------------------------

    async def ensure_bucket(self) -> None:
        """Create the bucket (S3) or folder (filesystem) if missing; call once at startup."""
        await asyncio.to_thread(self._ensure_bucket)

    async def ensure_ready(self) -> None:
        """Startup check: create the bucket if missing, then :meth:`ping` (fail fast)."""
        await self.ensure_bucket()
        await self.ping()

    async def put(
        self, key: str, data: bytes, content_type: str, sha256: str | None = None
    ) -> ObjectInfo:
        """Store ``data`` under ``key``, replacing any previous object, and record its SHA-256.

        ``sha256`` (hex), when given, is what the caller expects; a mismatch raises
        :class:`IntegrityError` and stores nothing. A write-once store raises
        :class:`ObjectExists` instead of replacing, and leaves the stored object as it was.
        """
        validate_key(key)
        validate_content_type(content_type)
        if len(data) > self.max_object_bytes:
            raise ObjectTooLarge(key, len(data), self.max_object_bytes)
        return await asyncio.to_thread(self._put_verified, key, data, content_type, sha256)

    async def get(self, key: str) -> bytes:
        """The object's bytes, checked against the recorded SHA-256 (:class:`IntegrityError`)."""
        validate_key(key)
        return await asyncio.to_thread(self._get_verified, key)

    async def stat(self, key: str) -> ObjectInfo:
        """The object's metadata; :class:`ObjectNotFound` if absent."""
        validate_key(key)
        return await asyncio.to_thread(self._stat, key)

    async def delete(self, key: str) -> None:
        """Remove the object; deleting an absent object is not an error.

        A write-once store raises :class:`ObjectLocked`, whether or not the object exists.
        """
        validate_key(key)
        if self.write_once:
            raise ObjectLocked(key)
        await asyncio.to_thread(self._remove, key)

    async def list(self, prefix: str = "") -> builtins.list[ObjectInfo]:
        """Objects whose key starts with ``prefix`` (plain string prefix), sorted by key."""
        validate_prefix(prefix)
        found = await asyncio.to_thread(self._scan, prefix)
        return sorted(found, key=lambda info: info.key)

    async def presigned_get_url(self, key: str, expires_seconds: int) -> str:
        """A URL anyone holding it can download the object from until it expires.

        The lifetime is capped at ``presign_max_seconds``; ``<= 0`` raises ``ValueError``.
        """
        validate_key(key)
        lifetime = self.capped_lifetime(expires_seconds)
        return await asyncio.to_thread(self._presign_get, key, lifetime)

    async def presigned_put_url(self, key: str, expires_seconds: int, content_type: str) -> str:
        """A URL the holder can upload the object to (as ``content_type``) until it expires.

        Same lifetime cap as :meth:`presigned_get_url`. Whether the content type and size are
        enforced on upload depends on the backend: see the adapter's ``_presign_put``.
        A write-once store raises :class:`ObjectLocked`: its objects come only from the app,
        which records and checks their SHA-256 (an S3 presigned PUT would record none).
        """
        validate_key(key)
        validate_content_type(content_type)
        if self.write_once:
            raise ObjectLocked(key)
        lifetime = self.capped_lifetime(expires_seconds)
        return await asyncio.to_thread(self._presign_put, key, lifetime, content_type)

    async def ping(self) -> None:
        """Return if the backend is usable, else raise :class:`ObjectStoreUnavailable`."""
        await asyncio.to_thread(self._ping)

    def capped_lifetime(self, expires_seconds: int) -> int:
        """A presigned URL's lifetime: the request, never more than ``presign_max_seconds``."""
        if expires_seconds <= 0:
            raise ValueError("a presigned URL's lifetime must be positive")
        return min(expires_seconds, self.presign_max_seconds)

    # -- invariants shared by every adapter (run in the worker thread) ------------------

    def _put_verified(
        self, key: str, data: bytes, content_type: str, expected: str | None
    ) -> ObjectInfo:
        # Hashing up to max_object_bytes is CPU work, so it happens off the event loop too.
        actual = sha256_hex(data)
        if expected is not None and expected.lower() != actual:
            raise IntegrityError(key, expected, actual)
        return self._write(key, data, content_type, actual)

    def _get_verified(self, key: str) -> bytes:
        data, recorded = self._read(key)
        if recorded is not None:
            actual = sha256_hex(data)
            if actual != recorded:
                raise IntegrityError(key, recorded, actual)
        return data

    # -- adapter hooks: blocking, called with validated arguments -----------------------

    @abc.abstractmethod
    def _ensure_bucket(self) -> None: ...

    @abc.abstractmethod
    def _write(self, key: str, data: bytes, content_type: str, sha256: str) -> ObjectInfo:
        """Store the object; if ``self.write_once``, atomically refuse an existing key
        (:class:`ObjectExists`) so that of two concurrent writers only one succeeds."""

    @abc.abstractmethod
    def _read(self, key: str) -> tuple[bytes, str | None]:
        """The bytes and the SHA-256 recorded with them (``None`` if none was recorded)."""

    @abc.abstractmethod
    def _stat(self, key: str) -> ObjectInfo: ...

    @abc.abstractmethod
    def _remove(self, key: str) -> None: ...

    @abc.abstractmethod
    def _scan(self, prefix: str) -> Iterable[ObjectInfo]: ...

    @abc.abstractmethod
    def _presign_get(self, key: str, lifetime: int) -> str: ...

    @abc.abstractmethod
    def _presign_put(self, key: str, lifetime: int, content_type: str) -> str: ...

    @abc.abstractmethod
    def _ping(self) -> None: ...
