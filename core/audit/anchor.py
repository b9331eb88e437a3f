"""Anchoring: the chain head, signed, stored outside the database.

Someone able to rewrite the whole ``audit_entry`` table could recompute every hash; they
cannot also forge an Ed25519 signature over the old head held in the object store. The
periodic job stores one anchor per run; ``verify_anchors`` checks each against the table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from core import clock
from core.audit import service
from core.crypto import b64url_decode, b64url_encode
from core.crypto.canonical import canonical_json
from core.crypto.signing import SigningKeyRing
from core.objectstore import ObjectStore

ANCHOR_PREFIX = "audit-anchors/"


@dataclass(frozen=True)
class Anchor:
    key: str
    seq: int
    entry_hash: str


async def anchor_head(store: ObjectStore, signing: SigningKeyRing) -> Anchor | None:
    """Sign the current head and store it; ``None`` when the chain is still empty."""
    current = await service.head()
    if current is None:
        return None
    payload = canonical_json(
        {
            "seq": current.seq,
            "entry_hash": current.entry_hash,
            "anchored_at": clock.now().isoformat(timespec="seconds"),
        }
    )
    kid, signature = signing.sign(payload)
    document = {
        "payload": payload.decode(),
        "kid": kid,
        "signature": b64url_encode(signature),
    }
    key = f"{ANCHOR_PREFIX}{current.seq:012d}.json"
    await store.put(key, canonical_json(document), "application/json")
    return Anchor(key, current.seq, current.entry_hash)


@dataclass(frozen=True)
class AnchorVerdict:
    ok: bool
    checked: int
    reason: str | None = None

    def describe(self) -> str:
        return "ok" if self.ok else str(self.reason)


async def verify_anchors(store: ObjectStore, signing: SigningKeyRing) -> AnchorVerdict:
    """Each stored anchor must carry a valid signature and match the table at its seq."""
    checked = 0
    for info in await store.list(ANCHOR_PREFIX):
        document = json.loads(await store.get(info.key))
        payload = str(document["payload"]).encode()
        try:
            signature = b64url_decode(document["signature"])
        except ValueError:  # not even a well-formed signature
            return AnchorVerdict(False, checked, f"anchor {info.key}: signature invalid")
        if not signing.verify(document["kid"], payload, signature):
            return AnchorVerdict(False, checked, f"anchor {info.key}: signature invalid")
        claimed = json.loads(payload)
        actual = await service.entry_hash_at(int(claimed["seq"]))
        if actual != claimed["entry_hash"]:
            return AnchorVerdict(
                False,
                checked,
                f"anchor {info.key}: entry {claimed['seq']} differs from the signed head",
            )
        checked += 1
    return AnchorVerdict(True, checked)
