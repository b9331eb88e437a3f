"""Material uploads: short-lived presigned PUTs, checked by the app before they count.

A material slot (casework.forms.MaterialSlot) is filled by rows of ``case_material``,
each either an **upload** (this module) or a **license** reference (the e-license domain
adds those, with source ``"license"``, through its own function — nothing here reads or
writes license rows except :func:`remove_material`, which removes either kind).

An upload takes three steps:

1. :func:`request_upload`: the slot exists, the declared type is accepted, the declared
   size fits, the slot has room; a ``pending`` row and a presigned PUT URL (≤ 300 s).
2. The client PUTs the bytes straight to the object store.
3. :func:`confirm_upload`: the app reads the object back and checks what was *stored*,
   not what was declared: non-empty, within the slot's size, and a type the slot accepts
   by its magic bytes (JPEG, PNG, PDF). A failure deletes the object and the row, so a
   rejected file leaves nothing behind.

Pending rows never confirmed are removed with their objects by :func:`delete_stale_uploads`
(scheduled by casework.jobs).
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from casework.access import CaseRow, applicant_case, load_case
from casework.applications import require_editable
from casework.bound_version import bound_version
from casework.errors import InvalidInput, MaterialRejected, NotFound
from casework.forms import MaterialSlot
from casework.material_rows import (
    ACCEPTED,
    PENDING,
    UPLOAD,
    URL_SECONDS,
    MaterialRow,
    load_material,
)
from casework.tables import CaseMaterial, UploadTombstone
from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from core.objectstore import ObjectNotFound, ObjectStore, ObjectTooLarge

logger = logging.getLogger(__name__)

#: A pending upload older than this was abandoned.
STALE_AFTER = timedelta(hours=1)
#: Clock skew between us and the object store, on top of an upload URL's lifetime.
_URL_GRACE = timedelta(seconds=60)
MAX_FILE_NAME = 200
_BATCH = 200
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")

#: Leading bytes of every file type the platform recognises (casework.forms.KNOWN_FILE_TYPES).
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


def sniff(data: bytes) -> str | None:
    """The file type ``data`` starts like, or None when it is none the platform accepts."""
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), None)


@dataclass(frozen=True, slots=True)
class UploadTicket:
    material_id: str
    upload_url: str
    method: str
    headers: tuple[tuple[str, str], ...]
    expires_at: datetime


def _file_name(name: str) -> str:
    cleaned = _UNSAFE_NAME.sub("_", name).strip()
    if not cleaned:
        raise InvalidInput("fileName", "required", "Name the file.")
    return cleaned[-MAX_FILE_NAME:]


def _slot_of(slots: tuple[MaterialSlot, ...], key: str) -> MaterialSlot:
    slot = next((s for s in slots if s.key == key), None)
    if slot is None:
        raise InvalidInput("slot", "unknown", "This service asks for no such material.")
    return slot


async def request_upload(
    objects: ObjectStore,
    viewer: Viewer,
    case_id: str,
    *,
    slot: str,
    file_name: str,
    content_type: str,
    size_bytes: int,
) -> UploadTicket:
    """A pending material and the presigned URL to PUT its bytes to (nothing checked yet)."""
    name = _file_name(file_name)
    declared = content_type.split(";", 1)[0].strip().lower()
    async with DB.transaction():
        # The case lock makes "the slot has room" hold against concurrent requests.
        case = await applicant_case(viewer, case_id, lock=True)
        require_editable(case)
        version = await bound_version(case.item_version_id)
        wanted = _slot_of(version.slots, slot)
        if declared not in wanted.accepted_types:
            raise MaterialRejected("wrong_type", "This material cannot be of that file type.")
        if size_bytes <= 0:
            raise MaterialRejected("empty", "The file is empty.")
        if size_bytes > min(wanted.max_bytes, objects.max_object_bytes):
            raise MaterialRejected("too_large", "The file is too large.")
        used = await CaseMaterial.count().where(
            (CaseMaterial.case == case.id) & (CaseMaterial.slot == wanted.key)
        )
        if used >= wanted.max_files:
            raise MaterialRejected("too_many", "This material already has all its files.")
        material_id = uuid.uuid4()
        key = f"cases/{case.id}/{material_id}"
        now = clock.now()
        await CaseMaterial.insert(
            CaseMaterial(
                id=material_id,
                case=case.id,
                slot=wanted.key,
                source=UPLOAD,
                status=PENDING,
                object_key=key,
                file_name=name,
                content_type=declared,
                size_bytes=size_bytes,
                created_at=now,
            )
        )
    url = await objects.presigned_put_url(key, URL_SECONDS, declared)
    return UploadTicket(
        material_id=str(material_id),
        upload_url=url,
        method="PUT",
        headers=(("Content-Type", declared),),
        expires_at=now + timedelta(seconds=objects.capped_lifetime(URL_SECONDS)),
    )


async def _applicants_material(
    viewer: Viewer, material_id: str, *, lock: bool
) -> tuple[CaseRow, MaterialRow]:
    material = await load_material(material_id)
    if material is None:
        raise NotFound("No such material.")
    case = await applicant_case(viewer, material.case_id, lock=lock)
    return case, material


async def _stored_bytes(
    objects: ObjectStore, material: MaterialRow, slot: MaterialSlot | None
) -> bytes:
    """The uploaded bytes if they pass the slot's checks; :class:`MaterialRejected` if not."""
    if slot is None or material.object_key is None:
        raise MaterialRejected("missing", "This material is no longer asked for.")
    limit = min(slot.max_bytes, objects.max_object_bytes)
    too_large = MaterialRejected("too_large", "The file is too large.")
    try:
        if (await objects.stat(material.object_key)).size > limit:
            raise too_large
        data = await objects.get(material.object_key)
    except ObjectNotFound:
        raise MaterialRejected("not_uploaded", "Nothing was uploaded for this material.") from None
    except ObjectTooLarge:
        raise too_large from None
    if not data:
        raise MaterialRejected("empty", "The file is empty.")
    if len(data) > limit:  # replaced between stat and get
        raise too_large
    kind = sniff(data)
    if kind is None or kind not in slot.accepted_types:
        raise MaterialRejected("wrong_type", "The file is not of a type this material accepts.")
    return data


def accepted_key(case_id: str, material_id: str) -> str:
    """Where an accepted upload lives: a key no upload URL was ever issued for."""
    return f"cases/{case_id}/accepted/{material_id}"


async def confirm_upload(objects: ObjectStore, viewer: Viewer, material_id: str) -> MaterialRow:
    """Check the uploaded bytes; accept the material, or delete object and row and say why.

    Runs under the case's row lock, so two confirmations of one upload (or a confirmation
    and a removal) cannot interleave. The checked bytes are copied to
    :func:`accepted_key` and the upload key deleted: the upload URL stays valid for a few
    minutes, and bytes swapped in through it after the check must never become the material.
    """
    refused: MaterialRejected | None = None
    async with DB.transaction():
        case, material = await _applicants_material(viewer, material_id, lock=True)
        material = await load_material(material.id) or material  # as of the lock
        if material.source != UPLOAD:
            raise NotFound("No such upload.")
        if material.status == ACCEPTED:
            return material  # confirming twice is harmless
        require_editable(case)
        version = await bound_version(case.item_version_id)
        try:
            data = await _stored_bytes(objects, material, version.slot(material.slot))
        except MaterialRejected as rejected:
            refused = rejected
            await _reject(objects, case, material, rejected.reason)
        else:
            await _accept(objects, viewer, case, material, data)
            await _bury(material)
    if refused is not None:
        raise refused  # after the commit, so the deletion of the row stands
    if material.object_key:
        await objects.delete(material.object_key)
    confirmed = await load_material(material.id)
    assert confirmed is not None
    return confirmed


async def _accept(
    objects: ObjectStore, viewer: Viewer, case: CaseRow, material: MaterialRow, data: bytes
) -> None:
    kind = sniff(data) or "application/octet-stream"
    final_key = accepted_key(case.id, material.id)
    stored = await objects.put(final_key, data, kind)
    try:
        await CaseMaterial.update(
            {
                CaseMaterial.status: ACCEPTED,
                CaseMaterial.object_key: final_key,
                CaseMaterial.size_bytes: stored.size,
                CaseMaterial.content_type: kind,
                CaseMaterial.sha256: stored.sha256,
                CaseMaterial.confirmed_at: clock.now(),
            }
        ).where(CaseMaterial.id == material.id)
        await audit.record(
            actor=viewer.subject or "",
            action="casework.material_accepted",
            subject_type="case",
            subject_id=case.id,
            data={"material": material.id, "slot": material.slot, "type": kind},
        )
    except Exception:
        await objects.delete(final_key)  # the row still points at the upload: keep nothing
        raise


async def _bury(material: MaterialRow) -> None:
    """Remember to delete the upload key again once its URL has expired (see the sweep)."""
    if material.source != UPLOAD or material.object_key is None:
        return
    if material.object_key == accepted_key(material.case_id, material.id):
        return  # no upload URL was ever issued for this key
    purge_after = material.created_at + timedelta(seconds=URL_SECONDS) + _URL_GRACE
    await UploadTombstone.raw(
        "INSERT INTO upload_tombstone (object_key, purge_after) VALUES ({}, {}) "
        "ON CONFLICT (object_key) DO NOTHING",
        material.object_key,
        purge_after,
    )


async def _reject(objects: ObjectStore, case: CaseRow, material: MaterialRow, reason: str) -> None:
    """Delete a refused upload, object and row (inside the caller's transaction)."""
    await _bury(material)
    if material.object_key is not None:
        await objects.delete(material.object_key)
    await CaseMaterial.delete().where(CaseMaterial.id == material.id)
    await audit.record(
        actor="system:casework",
        action="casework.material_rejected",
        subject_type="case",
        subject_id=case.id,
        data={"material": material.id, "slot": material.slot, "reason": reason},
    )


async def remove_material(objects: ObjectStore, viewer: Viewer, material_id: str) -> CaseRow:
    """Take a material (upload or license reference) out of the application."""
    async with DB.transaction():
        case, material = await _applicants_material(viewer, material_id, lock=True)
        require_editable(case)
        await CaseMaterial.delete().where(CaseMaterial.id == material.id)
        await _bury(material)
        await audit.record(
            actor=viewer.subject or "",
            action="casework.material_removed",
            subject_type="case",
            subject_id=case.id,
            data={"material": material.id, "slot": material.slot, "source": material.source},
        )
    # After the commit: a failure here leaves an orphaned object, never a row without one.
    if material.source == UPLOAD and material.object_key is not None:
        await objects.delete(material.object_key)
    removed_from = await load_case(case.id)
    assert removed_from is not None
    return removed_from


async def delete_stale_uploads(objects: ObjectStore, now: datetime) -> int:
    """Delete uploads still pending an hour after their URL was issued; how many.

    The object goes first: a crash in between leaves a row to find again next run, and
    deleting an absent object is not an error.
    """
    cutoff = now - STALE_AFTER
    deleted = 0
    while True:
        rows = (
            await CaseMaterial.select(CaseMaterial.id, CaseMaterial.object_key)
            .where(
                (CaseMaterial.source == UPLOAD)
                & (CaseMaterial.status == PENDING)
                & (CaseMaterial.created_at < cutoff)
            )
            .order_by(CaseMaterial.created_at)
            .limit(_BATCH)
        )
        for row in rows:
            if row["object_key"]:
                await objects.delete(row["object_key"])
            await CaseMaterial.delete().where(
                (CaseMaterial.id == row["id"]) & (CaseMaterial.status == PENDING)
            )
        deleted += len(rows)
        if len(rows) < _BATCH:
            break
    deleted += await _purge_tombstones(objects, now)
    if deleted:
        logger.info("stale uploads deleted", extra={"count": deleted})
    return deleted


async def _purge_tombstones(objects: ObjectStore, now: datetime) -> int:
    """Delete once more the upload keys whose URLs have expired since they were settled."""
    purged = 0
    while True:
        rows = (
            await UploadTombstone.select(UploadTombstone.object_key)
            .where(UploadTombstone.purge_after <= now)
            .limit(_BATCH)
        )
        for row in rows:
            await objects.delete(row["object_key"])  # absent is fine: nobody used the URL
            await UploadTombstone.delete().where(UploadTombstone.object_key == row["object_key"])
        purged += len(rows)
        if len(rows) < _BATCH:
            return purged
