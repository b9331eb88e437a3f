"""Objects as files under ``<data_dir>/objects/<bucket>``: the embedded, zero-setup backend.

Layout. A key is stored under its UTF-8 bytes in hex, cut into 128-character folder names,
rather than as a readable path: S3 allows ``a`` and ``a/b`` side by side (a file cannot also
be a folder), segments longer than a file name allows, and keys differing only in case (which
collide on macOS and Windows). Hex keeps every valid key representable and still prefix-
ordered, so ``list(prefix)`` walks only the matching folders. The sidecar holds the real key.

Each object is two files: ``<stem>.<id>.blob`` (the bytes, under a fresh name per write) and
``<stem>.json`` (key, size, content type, SHA-256, time, and which blob is current). Replacing
the sidecar with ``os.replace`` is the single commit point, so a crash or a concurrent reader
never sees new bytes paired with old metadata; an interrupted write leaves only an orphan blob.

Write-once (``write_once=True``). The sidecar is published with ``os.link`` instead: the link
fails if the name exists, so of two concurrent writers of one key exactly one wins and the
other gets :class:`ObjectExists`, and the stored object is never replaced. This is only as
strong as the folder's permissions (anyone with the service account can edit the files), so
``protection`` is ``refuse-overwrite``, not a lock.

Presigned URLs point back at this app (``api/routes/objects.py``) and carry an HMAC-SHA256 over
method, bucket, key, expiry and (for PUT) the content type.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from core import clock
from core.objectstore.base import ObjectInfo, ObjectStore, validate_key
from core.objectstore.errors import (
    InvalidKey,
    ObjectExists,
    ObjectLocked,
    ObjectNotFound,
    ObjectStoreError,
    ObjectStoreUnavailable,
    PresignedUrlExpired,
    PresignedUrlInvalid,
)

#: Hex characters per folder or file name: 64 key bytes, far below any file-name limit.
_CHUNK = 128
_SIDECAR_SUFFIX = ".json"
_SIDECAR_FORMAT = 1
_HEX_DIGITS = frozenset("0123456789abcdef")
#: Versioned so a future change to the signed fields cannot accept old signatures.
_SIGNATURE_CONTEXT = b"onetap-objects-v1"
MIN_SIGNING_SECRET_BYTES = 32


@dataclass(frozen=True, slots=True)
class _Record:
    """A parsed sidecar: the object's metadata and the name of its current blob."""

    info: ObjectInfo
    blob: str


class FilesystemObjectStore(ObjectStore):
    """Objects stored on the local filesystem, served through the app's ``/objects`` route."""

    def __init__(
        self,
        root: Path,
        bucket: str,
        signing_secret: bytes,
        public_url: str,
        presign_max_seconds: int,
        max_object_bytes: int,
        *,
        now: Callable[[], datetime] = clock.now,
        write_once: bool = False,
    ) -> None:
        super().__init__(
            bucket=bucket,
            presign_max_seconds=presign_max_seconds,
            max_object_bytes=max_object_bytes,
            write_once=write_once,
        )
        if len(signing_secret) < MIN_SIGNING_SECRET_BYTES:
            raise ValueError(f"signing_secret must be at least {MIN_SIGNING_SECRET_BYTES} bytes")
        self.root = root
        self.public_url = public_url.rstrip("/")
        self._bucket_dir = root / bucket
        self._secret = signing_secret
        self._now = now

    # -- presigned URLs ----------------------------------------------------------------

    def verify_presigned(
        self,
        method: str,
        key: str,
        expires: int,
        content_type: str | None,
        sig: str,
        now: datetime | None = None,
    ) -> None:
        """Accept a presigned request or raise :class:`PresignedUrlInvalid` / ``...Expired``.

        The signature is checked before the expiry so a tampered ``expires`` reads as invalid.
        A write-once store mints no upload URLs, so a signed PUT to it raises
        :class:`ObjectLocked` all the same (all buckets share the signing secret).
        """
        method = method.upper()
        if method not in ("GET", "PUT"):
            raise PresignedUrlInvalid(f"method {method} cannot be presigned")
        try:
            validate_key(key)
        except InvalidKey as exc:
            raise PresignedUrlInvalid(str(exc)) from exc
        expected = self._signature(method, key, expires, content_type or "")
        if not hmac.compare_digest(expected.encode(), sig.encode()):
            raise PresignedUrlInvalid("the URL's signature does not match")
        current = int((now or self._now()).timestamp())
        if current >= expires:
            raise PresignedUrlExpired("the URL has expired")
        # A URL minted before the cap was lowered must not outlive the new cap.
        if expires - current > self.presign_max_seconds:
            raise PresignedUrlInvalid("the URL's lifetime exceeds the configured maximum")
        if method == "PUT" and self.write_once:
            raise ObjectLocked(key)

    def _signature(self, method: str, key: str, expires: int, content_type: str) -> str:
        # Keys and content types cannot contain newlines (validated), so joining is unambiguous.
        message = b"\n".join(
            part.encode() for part in (method, self.bucket, key, str(expires), content_type)
        )
        return hmac.new(
            self._secret, _SIGNATURE_CONTEXT + b"\n" + message, hashlib.sha256
        ).hexdigest()

    def _presigned_url(self, method: str, key: str, lifetime: int, content_type: str) -> str:
        expires = int(self._now().timestamp()) + lifetime
        query: dict[str, str | int] = {"method": method, "expires": expires}
        if content_type:
            query["ct"] = content_type
        query["sig"] = self._signature(method, key, expires, content_type)
        return f"{self.public_url}/objects/{self.bucket}/{quote(key, safe='/')}?{urlencode(query)}"

    def _presign_get(self, key: str, lifetime: int) -> str:
        return self._presigned_url("GET", key, lifetime, "")

    def _presign_put(self, key: str, lifetime: int, content_type: str) -> str:
        # Enforced by the route: the upload's Content-Type must equal the signed one, and the
        # body is cut off at max_object_bytes.
        return self._presigned_url("PUT", key, lifetime, content_type)

    # -- storage -----------------------------------------------------------------------

    def _ensure_bucket(self) -> None:
        # Objects are personal data: only the service account may read the folder.
        self._bucket_dir.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _ping(self) -> None:
        folder = self._bucket_dir
        if not folder.is_dir():
            raise ObjectStoreUnavailable(f"object folder {folder} does not exist")
        try:
            # Creating a file proves more than os.access: a full disk or a read-only mount fails.
            fd, probe = tempfile.mkstemp(dir=folder, prefix=".ping-")
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise ObjectStoreUnavailable(
                f"object folder {folder} is not writable: {exc.strerror or exc}"
            ) from exc

    def _write(self, key: str, data: bytes, content_type: str, sha256: str) -> ObjectInfo:
        directory, stem = self._locate(key)
        sidecar = stem + _SIDECAR_SUFFIX
        if self.write_once and (directory / sidecar).exists():
            raise ObjectExists(key)  # saves writing a blob; _publish_durably decides races
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The blob is invisible until the sidecar names it, so it needs no temp-and-rename.
        blob = f"{stem}.{secrets.token_hex(8)}.blob"
        _write_durably(directory / blob, data)
        info = ObjectInfo(
            key=key,
            size=len(data),
            content_type=content_type,
            sha256=sha256,
            last_modified=self._now(),
        )
        record = _encode_record(_Record(info, blob))
        if self.write_once:
            try:
                _publish_durably(directory, sidecar, record)
            except FileExistsError:
                (directory / blob).unlink(missing_ok=True)  # the other writer's object stays
                raise ObjectExists(key) from None
            return info
        previous = _load_record(directory / sidecar)
        _replace_durably(directory, sidecar, record)
        if previous is not None:
            (directory / previous.blob).unlink(missing_ok=True)
        return info

    def _read(self, key: str) -> tuple[bytes, str | None]:
        directory, stem = self._locate(key)
        # Two tries: a concurrent overwrite may delete the blob between reading the sidecar
        # and opening the blob; the second read of the sidecar names the new blob.
        for _ in range(2):
            record = _load_record(directory / (stem + _SIDECAR_SUFFIX))
            if record is None:
                break
            try:
                return (directory / record.blob).read_bytes(), record.info.sha256
            except FileNotFoundError:
                continue
        raise ObjectNotFound(key)

    def _stat(self, key: str) -> ObjectInfo:
        directory, stem = self._locate(key)
        record = _load_record(directory / (stem + _SIDECAR_SUFFIX))
        if record is None:
            raise ObjectNotFound(key)
        return record.info

    def _remove(self, key: str) -> None:
        directory, stem = self._locate(key)
        sidecar = directory / (stem + _SIDECAR_SUFFIX)
        record = _load_record(sidecar)
        if record is None:
            return
        sidecar.unlink(missing_ok=True)  # the object is gone from here on
        (directory / record.blob).unlink(missing_ok=True)

    def _scan(self, prefix: str) -> list[ObjectInfo]:
        chunks = _chunks(prefix.encode().hex())
        # Full chunks name folders to descend into; the last chunk (maybe partial) filters
        # the names in that folder: a sidecar is a key, a folder holds longer keys.
        directory = self._bucket_dir.joinpath(*chunks[:-1])
        partial = chunks[-1] if chunks else ""
        found: list[ObjectInfo] = []
        for entry in _entries(directory):
            name = entry.name
            if name.endswith(_SIDECAR_SUFFIX):
                stem = name.removesuffix(_SIDECAR_SUFFIX)
                if _is_hex(stem) and stem.startswith(partial):
                    found.extend(_infos([entry]))
            elif _is_hex(name) and name.startswith(partial) and entry.is_dir():
                found.extend(_infos(_sidecars_below(Path(entry.path))))
        return found

    def _locate(self, key: str) -> tuple[Path, str]:
        """The folder holding the key's files and the stem of their names."""
        chunks = _chunks(key.encode().hex())
        return self._bucket_dir.joinpath(*chunks[:-1]), chunks[-1]


def _chunks(hex_key: str) -> list[str]:
    return [hex_key[i : i + _CHUNK] for i in range(0, len(hex_key), _CHUNK)]


def _is_hex(name: str) -> bool:
    # Temporary files start with "." and blobs contain ".", so neither passes.
    return bool(name) and set(name) <= _HEX_DIGITS


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as it:
            return list(it)
    except FileNotFoundError:
        return []


def _sidecars_below(directory: Path) -> Iterator[os.DirEntry[str]]:
    for entry in _entries(directory):
        if entry.name.endswith(_SIDECAR_SUFFIX) and _is_hex(entry.name[: -len(_SIDECAR_SUFFIX)]):
            yield entry
        elif _is_hex(entry.name) and entry.is_dir():
            yield from _sidecars_below(Path(entry.path))


def _infos(sidecars: Iterable[os.DirEntry[str]]) -> Iterator[ObjectInfo]:
    for entry in sidecars:
        record = _load_record(Path(entry.path))
        if record is not None:  # deleted while we listed
            yield record.info


def _encode_record(record: _Record) -> bytes:
    info = record.info
    document = {
        "format": _SIDECAR_FORMAT,
        "key": info.key,
        "size": info.size,
        "content_type": info.content_type,
        "sha256": info.sha256,
        "last_modified": info.last_modified.isoformat(),
        "blob": record.blob,
    }
    return json.dumps(document, ensure_ascii=False).encode()


def _load_record(sidecar: Path) -> _Record | None:
    try:
        raw = sidecar.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document: dict[str, Any] = json.loads(raw)
        info = ObjectInfo(
            key=document["key"],
            size=document["size"],
            content_type=document["content_type"],
            sha256=document["sha256"],
            last_modified=datetime.fromisoformat(document["last_modified"]),
        )
        return _Record(info, document["blob"])
    except (ValueError, KeyError, TypeError) as exc:
        # Sidecars are replaced atomically, so this means damage from outside the store.
        raise ObjectStoreError(f"unreadable object metadata in {sidecar}: {exc}") from exc


def _write_durably(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _replace_durably(directory: Path, name: str, data: bytes) -> None:
    """Atomically make ``directory/name`` hold ``data``: temp file, fsync, ``os.replace``."""
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, directory / name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)


def _publish_durably(directory: Path, name: str, data: bytes) -> None:
    """Atomically create ``directory/name`` holding ``data``; ``FileExistsError`` if it exists.

    ``os.link`` of a complete temporary file both refuses an existing name (unlike
    ``os.replace``) and never shows a reader a half-written file (unlike ``O_EXCL``).
    """
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.link(temp, directory / name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; directories cannot be opened for fsync on Windows.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
