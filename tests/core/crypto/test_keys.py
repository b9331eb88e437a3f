"""Key loading: configured rings, the persisted development key file, and its safety."""

from __future__ import annotations

import base64
import dataclasses
import multiprocessing
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.crypto import KeyMaterial, dev_key_path, load_key_material
from core.settings import AppSettings, Settings, SettingsError, load_settings

CONTEXT = "person.id_number"
ID_NUMBER = "11010519491231002X"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _settings(data_dir: Path, **crypto: str) -> Settings:
    env = {"ONETAP_ENV": "test", "ONETAP_DATA_DIR": str(data_dir)}
    env.update({f"ONETAP_CRYPTO_{name.upper()}": value for name, value in crypto.items()})
    return load_settings(env)


def _production(settings: Settings) -> Settings:
    # Bypasses load_settings' validation, to check this module's own production guard.
    return dataclasses.replace(settings, app=AppSettings(env="production"))


@pytest.fixture
def strict_umask() -> Iterator[None]:
    # A permissive umask proves the modes are set explicitly, not inherited.
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_dev_keys_created_once_and_reused(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = load_key_material(settings)
    path = dev_key_path(settings)
    assert path == tmp_path / "keys" / "dev-keys.json"
    content, inode = path.read_bytes(), path.stat().st_ino

    second = load_key_material(settings)
    assert path.read_bytes() == content
    assert path.stat().st_ino == inode

    token = first.field_cipher.encrypt(ID_NUMBER, CONTEXT)
    assert second.field_cipher.decrypt(token, CONTEXT) == ID_NUMBER
    assert first.blind_index.compute(ID_NUMBER, CONTEXT) == second.blind_index.compute(
        ID_NUMBER, CONTEXT
    )
    kid, signature = first.signing.sign(b"x")
    assert second.signing.verify(kid, b"x", signature)
    assert first.signing.jwks() == second.signing.jwks()
    assert sorted(p.name for p in path.parent.iterdir()) == ["dev-keys.json"]


@pytest.mark.usefixtures("strict_umask")
def test_dev_key_file_and_directory_are_private(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "nested" / "data")
    load_key_material(settings)
    path = dev_key_path(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_loose_permissions_are_tightened(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    load_key_material(settings)
    path = dev_key_path(settings)
    path.chmod(0o644)
    path.parent.chmod(0o755)
    load_key_material(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_different_data_dirs_get_different_keys(tmp_path: Path) -> None:
    a = load_key_material(_settings(tmp_path / "a"))
    b = load_key_material(_settings(tmp_path / "b"))
    assert a.blind_index.compute(ID_NUMBER, CONTEXT) != b.blind_index.compute(ID_NUMBER, CONTEXT)
    assert a.signing.active_kid != b.signing.active_kid


def test_configured_keys_need_no_file(tmp_path: Path) -> None:
    k1, k2, blind, s1, s2 = (os.urandom(32) for _ in range(5))
    settings = _settings(
        tmp_path,
        field_keys=f"k2={_b64(k2)}, k1={_b64(k1)}",
        blind_index_key=_b64(blind),
        signing_keys=f"s2={_b64(s2)},s1={_b64(s1)}",
    )
    material = load_key_material(settings)
    assert not (tmp_path / "keys").exists()
    assert material.field_cipher.active_kid == "k2"
    assert material.field_cipher.kids == ("k2", "k1")
    assert material.signing.active_kid == "s2"
    assert [k["kid"] for k in material.signing.jwks()["keys"]] == ["s2", "s1"]

    # A token written under k1 (before the rotation) still decrypts.
    from core.crypto import FieldCipher

    old = FieldCipher({"k1": k1}, "k1").encrypt(ID_NUMBER, CONTEXT)
    assert material.field_cipher.decrypt(old, CONTEXT) == ID_NUMBER
    assert material.field_cipher.needs_rotation(old)


def test_only_missing_settings_come_from_the_file(tmp_path: Path) -> None:
    field_key = os.urandom(32)
    settings = _settings(tmp_path, field_keys=f"prod1={_b64(field_key)}")
    material = load_key_material(settings)
    assert material.field_cipher.active_kid == "prod1"
    assert dev_key_path(settings).exists()
    assert material.signing.active_kid.startswith("dev-")


def test_dev_passphrases_outside_production(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        field_keys="f1=dev-field",
        blind_index_key="dev-blind",
        signing_keys="s1=dev-signing",
    )
    a, b = load_key_material(settings), load_key_material(settings)
    assert a.blind_index.compute(ID_NUMBER, CONTEXT) == b.blind_index.compute(ID_NUMBER, CONTEXT)
    assert a.signing.jwks() == b.signing.jwks()
    assert b.field_cipher.decrypt(a.field_cipher.encrypt("x", "c"), "c") == "x"
    assert not (tmp_path / "keys").exists()


def test_production_refuses_missing_and_dev_keys(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as info:
        load_key_material(_production(_settings(tmp_path)))
    assert info.value.variable == "ONETAP_CRYPTO_FIELD_KEYS"
    assert not (tmp_path / "keys").exists()

    settings = _production(
        _settings(
            tmp_path,
            field_keys="f1=dev-field",
            blind_index_key=_b64(os.urandom(32)),
            signing_keys=f"s1={_b64(os.urandom(32))}",
        )
    )
    with pytest.raises(SettingsError, match="development secret"):
        load_key_material(settings)


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("field_keys", "no-equals-sign", "kid=base64"),
        ("field_keys", "k.1=" + _b64(b"A" * 32), "key id"),
        ("field_keys", "k1=notbase64!!", "base64"),
        ("field_keys", "k1=" + _b64(b"short"), "32 bytes"),
        ("field_keys", "k1={0},k1={0}".format(_b64(b"B" * 32)), "twice"),
        ("signing_keys", "=" + _b64(b"C" * 32), "key id"),
        ("blind_index_key", _b64(b"D" * 16), "32 bytes"),
    ],
)
def test_malformed_settings_name_the_variable_not_the_key(
    tmp_path: Path, variable: str, value: str, problem: str
) -> None:
    settings = _settings(tmp_path, **{variable: value})
    with pytest.raises(SettingsError, match=problem) as info:
        load_key_material(settings)
    assert info.value.variable.startswith(f"ONETAP_CRYPTO_{variable.upper()}")
    material = value.rpartition("=")[2] if "=" in value[1:] else value
    if len(material) > 8:
        assert material not in str(info.value)


def test_corrupt_key_file_is_reported_not_replaced(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = dev_key_path(settings)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(SettingsError, match="not valid JSON"):
        load_key_material(settings)
    assert path.read_text() == "{not json"

    path.write_text('{"version": 99}')
    with pytest.raises(SettingsError, match="not a OneTap"):
        load_key_material(settings)


def test_symlinked_key_file_refused(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    load_key_material(settings)
    path = dev_key_path(settings)
    real = tmp_path / "elsewhere.json"
    path.rename(real)
    path.symlink_to(real)
    with pytest.raises(OSError, match="symbolic link"):
        load_key_material(settings)


def _start_together(data_dir: str, barrier: multiprocessing.synchronize.Barrier) -> str:
    barrier.wait()
    material: KeyMaterial = load_key_material(_settings(Path(data_dir)))
    return material.blind_index.compute(ID_NUMBER, CONTEXT) + material.signing.active_kid


def _worker(data_dir: str, barrier: multiprocessing.synchronize.Barrier, out: object) -> None:
    out.put(_start_together(data_dir, barrier))  # type: ignore[attr-defined]


def test_concurrent_first_start_agrees_on_one_key_file(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    count = 4
    barrier = ctx.Barrier(count)
    out = ctx.Queue()
    processes = [
        ctx.Process(target=_worker, args=(str(tmp_path), barrier, out)) for _ in range(count)
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    out.close()
    out.join_thread()
    assert len(set(results)) == 1
    assert [p.name for p in (tmp_path / "keys").iterdir()] == ["dev-keys.json"]
