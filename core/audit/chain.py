"""Hash chaining for audit entries: what is hashed and how.

Each entry's hash covers its own fields and the previous entry's hash, serialised as
canonical JSON, so changing, removing or reordering any entry breaks every hash after it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from core.crypto.canonical import canonical_json

GENESIS_HASH = "0" * 64


def entry_hash(
    *,
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str,
    data: dict[str, Any],
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        # Microsecond precision is what PostgreSQL keeps, so the hash survives a round trip.
        "occurred_at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "data": data,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()
