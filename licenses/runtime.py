"""What the license domain needs at run time: settings, keys and its own bucket."""

from __future__ import annotations

from dataclasses import dataclass

from core.crypto import KeyMaterial
from core.objectstore import ObjectStore, build_object_store
from core.settings import Settings

__all__ = ["LicenseRuntime", "build_license_store"]


def build_license_store(settings: Settings) -> ObjectStore:
    """The licenses bucket: write-once (issued PDFs and seal images are never replaced)."""
    return build_object_store(
        settings,
        bucket=settings.licenses.bucket,
        write_once=True,
        retention_days=settings.licenses.retention_days,
    )


@dataclass(frozen=True, slots=True)
class LicenseRuntime:
    settings: Settings
    keys: KeyMaterial
    store: ObjectStore

    @property
    def base_url(self) -> str:
        return self.settings.app.public_url.rstrip("/")

    def verify_url(self, short_code: str) -> str:
        """The short URL printed in a license's QR code (fits in QR version 3)."""
        return f"{self.base_url}/v/{short_code}"

    def status_list_url(self, purpose: str, number: int) -> str:
        return f"{self.base_url}/licenses/status/{purpose}/{number}"
