"""Key loading: from ``ONETAP_CRYPTO_*`` settings, or a persisted development key file.

Owns the translation of :class:`~core.settings.CryptoSettings` into ready objects
(:class:`KeyMaterial`). Rings are ``kid=base64(32 bytes),...`` with the first entry
active. In production every key must be configured (settings validation already
refuses to start otherwise; this module checks again). Elsewhere an empty setting is
filled from ``<data_dir>/keys/dev-keys.json``, generated on first use and then reused,
so a restarted laptop server can still decrypt what it wrote yesterday.

A value starting with ``dev-`` (:data:`~core.settings.DEV_SECRET_PREFIX`) is accepted
outside production as a readable passphrase and stretched into a 32-byte key, so
tests and docker-compose files can pin keys without generating base64.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import logging
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.crypto._encoding import check_kid
from core.crypto.blind_index import BlindIndex
from core.crypto.fields import FieldCipher
from core.crypto.signing import SigningKeyRing
from core.secretfiles import ensure_private_dir, publish_once
from core.settings import DEV_SECRET_PREFIX, Settings, SettingsError

__all__ = ["DEV_KEY_FILE", "KeyMaterial", "dev_key_path", "load_key_material"]

logger = logging.getLogger(__name__)

#: Name of the development key file inside ``<data_dir>/keys``.
DEV_KEY_FILE = "dev-keys.json"
_KEY_BYTES = 32
_DEV_FILE_VERSION = 1

_FIELD_VAR = "ONETAP_CRYPTO_FIELD_KEYS"
_BLIND_VAR = "ONETAP_CRYPTO_BLIND_INDEX_KEY"
_SIGNING_VAR = "ONETAP_CRYPTO_SIGNING_KEYS"


@dataclass(frozen=True, slots=True)
class KeyMaterial:
    """Everything the application needs to encrypt, index and sign."""

    field_cipher: FieldCipher
    blind_index: BlindIndex
    signing: SigningKeyRing


def dev_key_path(settings: Settings) -> Path:
    return settings.app.data_dir / "keys" / DEV_KEY_FILE


def load_key_material(settings: Settings) -> KeyMaterial:
    """Build :class:`KeyMaterial` from settings, using the development key file for gaps.

    Raises :class:`~core.settings.SettingsError` naming the variable (or the key file)
    when a key is malformed, and in production when one is missing.
    """
    crypto = settings.crypto
    field_ring, blind_key, signing_ring = (
        crypto.field_keys.strip(),
        crypto.blind_index_key.strip(),
        crypto.signing_keys.strip(),
    )
    production = settings.app.is_production
    sources = {_FIELD_VAR: field_ring, _BLIND_VAR: blind_key, _SIGNING_VAR: signing_ring}
    if production:
        for variable, value in sources.items():
            if not value:
                raise SettingsError(variable, "is required in production")

    missing = [variable for variable, value in sources.items() if not value]
    dev: dict[str, str] = {}
    dev_source = ""
    if missing:
        path = dev_key_path(settings)
        dev = _load_or_create_dev_keys(path)
        dev_source = str(path)
        # Which keys come from the file is useful to know; the keys themselves never
        # appear in logs.
        logger.info("using development keys from %s for %s", path, ", ".join(missing))

    def ring(variable: str, configured: str, file_field: str) -> list[tuple[str, bytes]]:
        if configured:
            return _parse_ring(variable, configured, allow_dev=not production)
        return _parse_ring(f"{dev_source} ({file_field})", dev[file_field], allow_dev=False)

    field_entries = ring(_FIELD_VAR, field_ring, "field_keys")
    signing_entries = ring(_SIGNING_VAR, signing_ring, "signing_keys")
    if blind_key:
        blind = _parse_key(_BLIND_VAR, blind_key, allow_dev=not production)
    else:
        blind = _parse_key(f"{dev_source} (blind_index_key)", dev["blind_index_key"], False)

    return KeyMaterial(
        field_cipher=FieldCipher(dict(field_entries), field_entries[0][0]),
        blind_index=BlindIndex(blind),
        signing=SigningKeyRing(
            {kid: Ed25519PrivateKey.from_private_bytes(seed) for kid, seed in signing_entries},
            signing_entries[0][0],
        ),
    )


# --- parsing -----------------------------------------------------------------------


def _parse_ring(variable: str, text: str, *, allow_dev: bool) -> list[tuple[str, bytes]]:
    entries: list[tuple[str, bytes]] = []
    for entry in text.split(","):
        kid, sep, material = entry.strip().partition("=")
        kid = kid.strip()
        if not sep:
            raise SettingsError(variable, "each entry must be kid=base64(32 bytes)")
        try:
            check_kid(kid)
        except ValueError as exc:
            raise SettingsError(variable, str(exc)) from None
        if any(kid == seen for seen, _ in entries):
            raise SettingsError(variable, f"key id {kid!r} appears twice")
        key = _parse_key(
            f"{variable} ({kid})", material.strip(), allow_dev, purpose=f"{variable}\x00{kid}"
        )
        entries.append((kid, key))
    return entries


def _parse_key(variable: str, material: str, allow_dev: bool, *, purpose: str = "") -> bytes:
    """Decode one key; ``variable`` labels errors, ``purpose`` separates derived keys."""
    # Messages describe the problem, never the material itself.
    if material.startswith(DEV_SECRET_PREFIX):
        if not allow_dev:
            raise SettingsError(variable, "a development secret cannot be used here")
        # The purpose (variable and kid) is mixed in so one passphrase reused for two
        # keys still yields two independent keys.
        label = purpose or variable
        return hashlib.sha256(
            f"onetap-dev-key\x00{label}\x00{material}".encode("utf-8", "surrogateescape")
        ).digest()
    try:
        raw = base64.b64decode(material, validate=True)
    except (binascii.Error, ValueError):
        raise SettingsError(variable, "is not valid base64") from None
    if len(raw) != _KEY_BYTES:
        raise SettingsError(variable, f"must decode to {_KEY_BYTES} bytes, got {len(raw)}")
    return raw


# --- development key file ----------------------------------------------------------


def _generate_dev_keys() -> dict[str, object]:
    def key() -> str:
        return base64.b64encode(secrets.token_bytes(_KEY_BYTES)).decode("ascii")

    # A random suffix keeps kids distinct between laptops, so a token signed on one
    # machine is reported as "unknown key" elsewhere rather than "bad signature".
    suffix = secrets.token_hex(4)
    return {
        "version": _DEV_FILE_VERSION,
        "comment": "Development keys generated by OneTap. Never use them in production.",
        "field_keys": f"dev-{suffix}={key()}",
        "blind_index_key": key(),
        "signing_keys": f"dev-{suffix}={key()}",
    }


def _load_or_create_dev_keys(path: Path) -> dict[str, str]:
    """Read the key file, creating it first if absent; safe against concurrent starts."""
    ensure_private_dir(path.parent)
    with contextlib.suppress(FileNotFoundError):
        return _read_dev_keys(path)
    publish_once(path, (json.dumps(_generate_dev_keys(), indent=2) + "\n").encode("utf-8"))
    # Whoever won the race, everybody reads the one file that was published.
    return _read_dev_keys(path)


def _read_dev_keys(path: Path) -> dict[str, str]:
    # O_NOFOLLOW: the key file must be the file in our private directory, not a link.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
        if mode & 0o077:
            logger.warning("tightening permissions of %s to 0600", path)
            os.fchmod(handle.fileno(), 0o600)
        raw = handle.read()
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SettingsError(str(path), "is not valid JSON; delete it to regenerate") from None
    fields = ("field_keys", "blind_index_key", "signing_keys")
    if (
        not isinstance(data, dict)
        or data.get("version") != _DEV_FILE_VERSION
        or not all(isinstance(data.get(name), str) for name in fields)
    ):
        raise SettingsError(str(path), "is not a OneTap development key file")
    return {name: data[name] for name in fields}
