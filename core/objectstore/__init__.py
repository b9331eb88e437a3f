"""Object storage for materials, licenses and audit anchors.

One async :class:`ObjectStore` contract with two adapters: the embedded filesystem store
(presigned URLs served by ``api/routes/objects.py``) and S3 (MinIO or any S3 service).
``build_object_store(settings)`` picks the one configured in ``ONETAP_OBJECTS_BACKEND``.
"""

from core.objectstore.base import ObjectInfo, ObjectStore
from core.objectstore.errors import (
    IntegrityError,
    InvalidKey,
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
    "ObjectInfo",
    "ObjectNotFound",
    "ObjectStore",
    "ObjectStoreError",
    "ObjectStoreUnavailable",
    "ObjectTooLarge",
    "PresignedUrlExpired",
    "PresignedUrlInvalid",
    "S3ObjectStore",
    "build_object_store",
]
