"""The object store's failures, one class per thing a caller may want to handle.

Every error subclasses :class:`ObjectStoreError`, so a caller that only needs "storage went
wrong" catches one class, while the HTTP layer can map each case to its own status.
"""

from __future__ import annotations


class ObjectStoreError(Exception):
    """Base class of every object-store failure."""


class InvalidKey(ObjectStoreError):
    """A key (or list prefix) that could escape its folder, break a URL, or exceed S3's limits."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"invalid object key {key[:80]!r}: {reason}")
        self.key = key
        self.reason = reason


class ObjectNotFound(ObjectStoreError):
    """No object is stored under the key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"object {key!r} not found")
        self.key = key


class ObjectTooLarge(ObjectStoreError):
    """The object exceeds ``ONETAP_OBJECTS_MAX_OBJECT_BYTES``."""

    def __init__(self, key: str, size: int, limit: int) -> None:
        super().__init__(f"object {key!r} is {size} bytes; the limit is {limit}")
        self.key = key
        self.size = size
        self.limit = limit


class IntegrityError(ObjectStoreError):
    """The bytes do not match the SHA-256 the caller announced or the store recorded."""

    def __init__(self, key: str, expected: str, actual: str) -> None:
        super().__init__(f"object {key!r}: expected SHA-256 {expected}, got {actual}")
        self.key = key
        self.expected = expected
        self.actual = actual


class ObjectStoreUnavailable(ObjectStoreError):
    """The backend cannot be reached or used; ``reason`` is meant for operators (``/readyz``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PresignedUrlInvalid(ObjectStoreError):
    """A presigned URL whose signature, method or parameters do not check out."""


class PresignedUrlExpired(ObjectStoreError):
    """A correctly signed presigned URL used after its expiry."""


class ObjectExists(ObjectStoreError):
    """A write-once store already holds an object under the key; nothing was changed."""

    def __init__(self, key: str) -> None:
        super().__init__(f"object {key!r} already exists and this store is write-once")
        self.key = key


class ObjectLocked(ObjectStoreError):
    """A write-once store refuses to delete the object or to let anyone upload around it."""

    def __init__(self, key: str) -> None:
        super().__init__(f"object {key!r} is in a write-once store: it cannot be changed")
        self.key = key
