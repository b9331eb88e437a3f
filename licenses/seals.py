"""Department seals (电子印章): Ed25519 keys that sign licenses in a department's name.

The private key lives only encrypted (core field cipher, context bound to the key id),
is decrypted for one signature at a time, and every signature is audited. Rotation
retires the active seal and creates the next in one transaction; a retired seal is still
published (with ``retiredAt``) so everything it signed keeps verifying, but it never signs
again — :func:`sign` refuses, and verifiers refuse a signature dated after retirement.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asyncpg.exceptions import UniqueViolationError
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from core import clock
from core.audit import service as audit
from core.crypto import KeyMaterial, b64url_decode, b64url_encode
from core.db import DB
from core.objectstore import ObjectStore
from licenses import jws
from licenses.errors import Conflict, NotFound, SealMissing, SealRetired
from licenses.offline import PublishedKey
from licenses.rendering import render_seal_png
from licenses.tables import Seal
from reference.tables import Department

__all__ = [
    "SealRow",
    "active_seal",
    "create_seal",
    "ensure_seal",
    "list_seals",
    "published_keys",
    "rotate_seal",
    "seal_image",
    "sign",
    "verification_keys",
]

_PNG = "image/png"


@dataclass(frozen=True, slots=True)
class SealRow:
    id: uuid.UUID
    department_code: str
    kid: str
    public_key: str
    private_key_enc: str
    image_key: str
    image_sha256: str
    valid_from: datetime
    retired_at: datetime | None

    @property
    def active(self) -> bool:
        return self.retired_at is None


def _row(row: dict[str, Any]) -> SealRow:
    return SealRow(**{name: row[name] for name in SealRow.__slots__})


def _context(kid: str) -> str:
    return f"licenses.seal:{kid}"


async def active_seal(department_code: str) -> SealRow | None:
    row = (
        await Seal.select()
        .where((Seal.department_code == department_code) & Seal.retired_at.is_null())
        .first()
    )
    return None if row is None else _row(row)


async def list_seals(department_code: str) -> list[SealRow]:
    rows = (
        await Seal.select()
        .where(Seal.department_code == department_code)
        .order_by(Seal.valid_from, ascending=False)
    )
    return [_row(row) for row in rows]


async def _new_seal(
    keys: KeyMaterial, store: ObjectStore, department_code: str, at: datetime
) -> Seal:
    department = (
        await Department.select(Department.name_en)
        .where(Department.code == department_code)
        .first()
    )
    if department is None:
        raise NotFound("No such department.")
    kid = f"seal-{department_code}-{at:%Y%m%d%H%M%S}-{secrets.token_hex(2)}"
    private = Ed25519PrivateKey.generate()
    image = render_seal_png(
        department_code=department_code, caption=str(department["name_en"]).upper()
    )
    image_key = f"seals/{department_code}/{kid}.png"
    info = await store.put(image_key, image, _PNG)
    return Seal(
        id=uuid.uuid4(),
        department_code=department_code,
        kid=kid,
        public_key=b64url_encode(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
        private_key_enc=keys.field_cipher.encrypt(
            b64url_encode(private.private_bytes_raw()), _context(kid)
        ),
        image_key=image_key,
        image_sha256=info.sha256 or "",
        valid_from=at,
        retired_at=None,
        created_by="",
    )


async def create_seal(
    keys: KeyMaterial, store: ObjectStore, *, department_code: str, actor: str
) -> SealRow:
    """The department's first seal; refused (CONFLICT) when one is active."""
    if await active_seal(department_code) is not None:
        raise Conflict("The department already has an active seal; rotate it instead.")
    at = clock.now()
    seal = await _new_seal(keys, store, department_code, at)
    seal.created_by = actor
    try:
        await _insert_created(seal, department_code, actor)
    except UniqueViolationError:
        # Another process created the department's seal between the check and the insert
        # (two first issuances at once); the partial unique index kept one.
        raise Conflict("The department already has an active seal; rotate it instead.") from None
    return _row(seal.to_dict())


async def _insert_created(seal: Seal, department_code: str, actor: str) -> None:
    async with DB.transaction():
        await Seal.insert(seal)
        await audit.record(
            actor=actor,
            action="licenses.seal_created",
            subject_type="seal",
            subject_id=seal.kid,
            data={"department": department_code},
        )


async def ensure_seal(
    keys: KeyMaterial, store: ObjectStore, *, department_code: str, actor: str
) -> SealRow:
    """The active seal, created first if the department has none (demo, first issuance)."""
    current = await active_seal(department_code)
    if current is not None:
        return current
    try:
        return await create_seal(keys, store, department_code=department_code, actor=actor)
    except Conflict:
        # Another process created it between the read and the insert.
        current = await active_seal(department_code)
        if current is None:
            raise
        return current


async def rotate_seal(
    keys: KeyMaterial, store: ObjectStore, *, department_code: str, actor: str
) -> SealRow:
    """Retire the active seal and make a new one sign; old licenses keep verifying."""
    # Checked before the new image is written: a refusal must leave nothing in the
    # write-once bucket. (The locked check below is what decides under concurrency.)
    if await active_seal(department_code) is None:
        raise SealMissing("The department has no active seal to rotate.")
    at = clock.now()
    seal = await _new_seal(keys, store, department_code, at)
    seal.created_by = actor
    async with DB.transaction():
        current = await Seal.raw(
            "SELECT kid FROM seal WHERE department_code = {} AND retired_at IS NULL FOR UPDATE",
            department_code,
        )
        if not current:
            raise SealMissing("The department has no active seal to rotate.")
        await Seal.update({Seal.retired_at: at}).where(Seal.kid == current[0]["kid"])
        await Seal.insert(seal)
        await audit.record(
            actor=actor,
            action="licenses.seal_rotated",
            subject_type="seal",
            subject_id=seal.kid,
            data={"department": department_code, "retired": current[0]["kid"]},
        )
    return _row(seal.to_dict())


#: Seal images by (bucket, key). An image is written once under its seal's unique kid and
#: never replaced (write-once bucket), so a copy cannot go stale; without it every
#: issuance read the same image back from the store.
_IMAGES: dict[tuple[str, str], bytes] = {}


async def seal_image(store: ObjectStore, seal: SealRow) -> bytes:
    """The seal's PNG, read from the store once per process."""
    cached = _IMAGES.get((store.bucket, seal.image_key))
    if cached is None:
        cached = _IMAGES[(store.bucket, seal.image_key)] = await store.get(seal.image_key)
    return cached


def private_key(keys: KeyMaterial, seal: SealRow) -> Ed25519PrivateKey:
    raw = keys.field_cipher.decrypt(seal.private_key_enc, _context(seal.kid))
    return Ed25519PrivateKey.from_private_bytes(b64url_decode(raw))


async def sign(
    keys: KeyMaterial,
    seal: SealRow,
    payload: bytes,
    *,
    actor: str,
    subject_type: str,
    subject_id: str,
) -> str:
    """A compact JWS of ``payload`` under ``seal``; audited; a retired seal refuses.

    Call inside the transaction that stores what was signed, so the audit entry and the
    signed thing commit together.
    """
    if not seal.active:
        raise SealRetired("A retired seal cannot sign.")
    token = jws.sign(payload, kid=seal.kid, key=private_key(keys, seal))
    await audit.record(
        actor=actor,
        action="licenses.seal_used",
        subject_type=subject_type,
        subject_id=subject_id,
        data={"kid": seal.kid, "department": seal.department_code},
    )
    return token


def _public(encoded: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(b64url_decode(encoded))


async def verification_keys() -> dict[str, PublishedKey]:
    """Every seal's key as an offline verifier reads it from :func:`published_keys`, straight
    from the rows (the verify page needs no JSON round trip)."""
    rows = await Seal.select(Seal.kid, Seal.public_key, Seal.department_code, Seal.retired_at)
    return {
        row["kid"]: PublishedKey(
            public=_public(row["public_key"]),
            department=row["department_code"],
            retired_at=row["retired_at"],
        )
        for row in rows
    }


async def published_keys() -> dict[str, Any]:
    """The JWKS-style set of every department seal, retired ones included."""
    rows = await Seal.select().order_by(Seal.department_code).order_by(Seal.valid_from)
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": row["public_key"],
                "kid": row["kid"],
                "use": "sig",
                "alg": jws.ALGORITHM,
                "department": row["department_code"],
                "validFrom": row["valid_from"].isoformat(),
                "retiredAt": None if row["retired_at"] is None else row["retired_at"].isoformat(),
            }
            for row in rows
        ]
    }
