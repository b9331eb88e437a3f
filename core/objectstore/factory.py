"""Builds the configured object store from settings, including the development signing key.

The filesystem backend needs an HMAC key for its presigned URLs. Production must configure
``ONETAP_OBJECTS_SIGNING_SECRET``; development generates one on first start and keeps it in
``<data_dir>/keys`` so URLs handed out before a restart keep working after it.

Further buckets (the licenses bucket) come from the same settings with another ``bucket``:
same backend and credentials, for the filesystem a sibling folder ``<data_dir>/objects/<bucket>``
and the same signing secret (the bucket name is part of what a presigned URL signs).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import secrets
from pathlib import Path

from core.objectstore.base import ObjectStore
from core.objectstore.filesystem import MIN_SIGNING_SECRET_BYTES, FilesystemObjectStore
from core.objectstore.s3 import S3ObjectStore
from core.secretfiles import ensure_private_dir, publish_once
from core.settings import Settings, SettingsError, variable_name

SIGNING_SECRET_VARIABLE = variable_name("OBJECTS_", "signing_secret")
DEV_SIGNING_KEY_FILE = "objects-signing.key"


def build_object_store(
    settings: Settings,
    *,
    bucket: str | None = None,
    write_once: bool = False,
    retention_days: int = 0,
) -> ObjectStore:
    """The adapter named by ``settings.objects.backend``; call ``ensure_bucket()`` at startup.

    ``bucket`` defaults to ``settings.objects.bucket``. ``write_once`` makes a store that never
    replaces or deletes an object; ``retention_days`` (S3 only, needs ``write_once``) is the
    default object-lock retention of a bucket this store creates.
    """
    objects = settings.objects
    if retention_days and not write_once:
        raise ValueError("retention_days needs write_once: only a write-once bucket is locked")
    if objects.backend == "s3":
        return S3ObjectStore(
            endpoint=objects.s3_endpoint,
            access_key=objects.s3_access_key,
            secret_key=objects.s3_secret_key,
            secure=objects.s3_secure,
            region=objects.s3_region,
            bucket=bucket or objects.bucket,
            presign_max_seconds=objects.presign_max_seconds,
            max_object_bytes=objects.max_object_bytes,
            public_url=objects.s3_public_url,
            write_once=write_once,
            retention_days=retention_days,
        )
    return FilesystemObjectStore(
        root=settings.app.data_dir / "objects",
        bucket=bucket or objects.bucket,
        signing_secret=filesystem_signing_secret(settings),
        public_url=settings.app.public_url,
        presign_max_seconds=objects.presign_max_seconds,
        max_object_bytes=objects.max_object_bytes,
        # A folder has no retention to set; the store refuses overwrites and deletes itself.
        write_once=write_once,
    )


def filesystem_signing_secret(settings: Settings) -> bytes:
    """The configured secret (base64), or outside production the persisted development one."""
    configured = settings.objects.signing_secret
    if configured:
        try:
            secret = base64.b64decode(configured, validate=True)
        except (binascii.Error, ValueError):
            raise SettingsError(SIGNING_SECRET_VARIABLE, "is not valid base64") from None
        if len(secret) < MIN_SIGNING_SECRET_BYTES:
            raise SettingsError(
                SIGNING_SECRET_VARIABLE,
                f"must decode to at least {MIN_SIGNING_SECRET_BYTES} bytes, got {len(secret)}",
            )
        return secret
    if settings.app.is_production:
        # load_settings() already refuses this; repeated for settings built by hand.
        raise SettingsError(SIGNING_SECRET_VARIABLE, "is required in production")
    return _development_secret(settings.app.data_dir / "keys" / DEV_SIGNING_KEY_FILE)


def _development_secret(path: Path) -> bytes:
    """Read the key at ``path``, creating it (mode 0600) if this is the first start."""
    with contextlib.suppress(FileNotFoundError):
        return _read_key(path)
    ensure_private_dir(path.parent)
    publish_once(path, base64.b64encode(secrets.token_bytes(32)) + b"\n")
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    try:
        secret = base64.b64decode(path.read_bytes().strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SettingsError(SIGNING_SECRET_VARIABLE, f"{path} is not valid base64") from None
    if len(secret) < MIN_SIGNING_SECRET_BYTES:
        raise SettingsError(SIGNING_SECRET_VARIABLE, f"{path} holds fewer than 32 bytes")
    return secret
