"""``build_object_store``: the adapter picked from settings, and the development signing key."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from core.objectstore import FilesystemObjectStore, S3ObjectStore, build_object_store
from core.settings import Settings, SettingsError, load_settings


def settings_with(tmp_path: Path, **variables: str) -> Settings:
    return load_settings(
        {"ONETAP_ENV": "test", "ONETAP_DATA_DIR": str(tmp_path / "data"), **variables}
    )


def test_filesystem_is_the_default(tmp_path: Path) -> None:
    store = build_object_store(settings_with(tmp_path))

    assert isinstance(store, FilesystemObjectStore)
    assert store.root == tmp_path / "data" / "objects"
    assert store.bucket == "onetap"
    assert store.public_url == "http://localhost:8000"


def test_development_signing_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    settings = settings_with(tmp_path)
    first = build_object_store(settings)
    key_file = tmp_path / "data" / "keys" / "objects-signing.key"

    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(base64.b64decode(key_file.read_bytes())) == 32
    second = build_object_store(settings)
    assert isinstance(first, FilesystemObjectStore)
    assert isinstance(second, FilesystemObjectStore)
    assert first._secret == second._secret  # URLs survive a restart
    assert list(key_file.parent.iterdir()) == [key_file]  # no temporary file left


def test_configured_signing_secret_is_used(tmp_path: Path) -> None:
    secret = bytes(range(32))
    store = build_object_store(
        settings_with(tmp_path, ONETAP_OBJECTS_SIGNING_SECRET=base64.b64encode(secret).decode())
    )

    assert isinstance(store, FilesystemObjectStore)
    assert store._secret == secret
    assert not (tmp_path / "data" / "keys").exists()


@pytest.mark.parametrize("value", ["not base64!", base64.b64encode(b"short").decode()])
def test_bad_signing_secret_names_the_variable(tmp_path: Path, value: str) -> None:
    with pytest.raises(SettingsError) as failure:
        build_object_store(settings_with(tmp_path, ONETAP_OBJECTS_SIGNING_SECRET=value))
    assert failure.value.variable == "ONETAP_OBJECTS_SIGNING_SECRET"


def test_s3_backend(tmp_path: Path) -> None:
    store = build_object_store(
        settings_with(
            tmp_path,
            ONETAP_OBJECTS_BACKEND="s3",
            ONETAP_OBJECTS_BUCKET="onetap-prod",
            ONETAP_OBJECTS_S3_ENDPOINT="minio:9000",
            ONETAP_OBJECTS_PRESIGN_MAX_SECONDS="120",
        )
    )

    assert isinstance(store, S3ObjectStore)
    assert (store.bucket, store.endpoint, store.presign_max_seconds) == (
        "onetap-prod",
        "minio:9000",
        120,
    )
