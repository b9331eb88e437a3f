"""The tamper-evident audit trail (审计日志): append entries, verify the chain, anchor it.

Appends are serialised by a transaction-level advisory lock, so concurrent writers (in any
process or replica) always chain onto the true head and can never fork the chain. An entry
is written inside the caller's transaction when there is one: the audit record commits or
rolls back together with the change it describes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core import clock
from core.audit.chain import GENESIS_HASH, entry_hash
from core.audit.tables import AuditEntry
from core.crypto.canonical import canonical_json
from core.db import DB

#: Key of the advisory lock that serialises appends ("AUDIT" in ASCII).
_APPEND_LOCK_KEY = 0x4155444954


class AuditDataError(ValueError):
    """Audit data must be plain JSON without floats (they do not survive a round trip)."""


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    occurred_at: datetime
    actor: str
    action: str
    subject_type: str
    subject_id: str
    data: dict[str, Any]
    prev_hash: str
    entry_hash: str


def _check_data(value: Any, path: str = "data") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise AuditDataError(f"{path}: keys must be strings")
            _check_data(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_data(item, f"{path}[{index}]")
    elif value is not None and not isinstance(value, str | int | bool):
        raise AuditDataError(f"{path}: {type(value).__name__} is not allowed in audit data")


async def record(
    *,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str,
    data: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one entry to the chain and return it.

    ``data`` must never hold personal identifiers in clear: pass masked values or ids.
    """
    payload = data or {}
    _check_data(payload)
    async with DB.transaction():
        await AuditEntry.raw("SELECT pg_advisory_xact_lock({})", _APPEND_LOCK_KEY)
        current = await head()
        fields: dict[str, Any] = {
            "seq": 1 if current is None else current.seq + 1,
            "occurred_at": clock.now(),
            "actor": actor,
            "action": action,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "prev_hash": GENESIS_HASH if current is None else current.entry_hash,
        }
        digest = entry_hash(data=payload, **fields)
        await AuditEntry.insert(
            AuditEntry(data=canonical_json(payload).decode(), entry_hash=digest, **fields)
        )
    return AuditRecord(data=payload, entry_hash=digest, **fields)


@dataclass(frozen=True)
class ChainHead:
    seq: int
    entry_hash: str


async def head() -> ChainHead | None:
    row = await (
        AuditEntry.select(AuditEntry.seq, AuditEntry.entry_hash)
        .order_by(AuditEntry.seq, ascending=False)
        .first()
    )
    return None if row is None else ChainHead(int(row["seq"]), str(row["entry_hash"]))


async def entry_hash_at(seq: int) -> str | None:
    row = await AuditEntry.select(AuditEntry.entry_hash).where(AuditEntry.seq == seq).first()
    return None if row is None else str(row["entry_hash"])


@dataclass(frozen=True)
class ChainVerdict:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str | None = None

    def describe(self) -> str:
        if self.ok:
            return "ok"
        return f"broken at entry {self.broken_seq}: {self.reason}"


async def verify_chain(batch_size: int = 1000) -> ChainVerdict:
    """Recompute every hash in order; report the first entry that does not fit."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    while True:
        rows = await (
            AuditEntry.select()
            .where(AuditEntry.seq >= expected_seq)
            .order_by(AuditEntry.seq)
            .limit(batch_size)
        )
        if not rows:
            return ChainVerdict(ok=True, checked=checked)
        for row in rows:
            seq = int(row["seq"])
            if seq != expected_seq:
                return ChainVerdict(False, checked, expected_seq, "entry missing")
            if row["prev_hash"] != expected_prev:
                return ChainVerdict(False, checked, seq, "previous-hash link does not match")
            data = row["data"]
            recomputed = entry_hash(
                seq=seq,
                occurred_at=row["occurred_at"],
                actor=row["actor"],
                action=row["action"],
                subject_type=row["subject_type"],
                subject_id=row["subject_id"],
                data=json.loads(data) if isinstance(data, str) else data,
                prev_hash=row["prev_hash"],
            )
            if recomputed != row["entry_hash"]:
                return ChainVerdict(False, checked, seq, "content does not match its hash")
            expected_prev = row["entry_hash"]
            expected_seq += 1
            checked += 1
