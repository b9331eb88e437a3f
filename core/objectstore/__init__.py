"""Object storage for materials, licenses and audit anchors.

One async :class:`ObjectStore` contract with two adapters: the embedded filesystem store
(presigned URLs served by ``api/routes/objects.py``) and S3 (MinIO or any S3 service).
``build_object_store(settings)`` picks the one configured in ``ONETAP_OBJECTS_BACKEND``;
``build_object_store(settings, bucket=..., write_once=True)`` a write-once store for licenses.
"""

from core.objectstore.base import ObjectInfo, ObjectStore, Protection
from core.objectstore.errors import (
    IntegrityError,
    InvalidKey,
    ObjectExists,
    ObjectLocked,
    ObjectNotFound,
    ObjectStoreError,
    ObjectStoreUnavailable,
    ObjectTooLarge,
    PresignedUrlExpired,
    PresignedUrlInvalid,
)
from core.objectstore.factory import build_object_store
from core.objectstore.filesystem import FilesystemObjectStore
from core.objectstore.s3 import S3ObjectStore

__all__ = [
    "FilesystemObjectStore",
    "IntegrityError",
    "InvalidKey",
    "ObjectExists",
    "ObjectInfo",
    "ObjectLocked",
    "ObjectNotFound",
    "ObjectStore",
    "ObjectStoreError",
    "ObjectStoreUnavailable",
    "ObjectTooLarge",
    "PresignedUrlExpired",
    "PresignedUrlInvalid",
    "Protection",
    "S3ObjectStore",
    "build_object_store",
]
