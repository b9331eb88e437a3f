"""Online verification: what the public verify page and the material checks say.

The stored JWS is judged like an offline verifier would (licenses.offline) against the
seals' keys, then the stored payload is compared with the signed one and the PDF in the
bucket is hashed against the recorded SHA-256 — so a changed claim in the database, a
changed byte of the PDF or a forged signature all read INVALID. Status comes from the
row itself (not the cached lists), so a revocation shows at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from core.crypto import canonical_json
from core.objectstore import IntegrityError, ObjectNotFound, ObjectStore
from licenses import offline, seals
from licenses.offline import Outcome, Verdict
from licenses.records import LicenseRecord

__all__ = ["OnlineVerdict", "verify_record"]


@dataclass(frozen=True, slots=True)
class OnlineVerdict:
    outcome: Outcome
    reason: str
    pdf_intact: bool | None  # None: not checked


def _stored_payload_matches(record: LicenseRecord, verdict: Verdict) -> bool:
    # The row's payload and fields are what pages show; they must be what was signed.
    if canonical_json(verdict.claims) != record.payload.encode():
        return False
    signed_fields = verdict.claims.get("credentialSubject", {}).get("fields", {})
    return signed_fields == {f.key: f.value for f in record.fields} and (
        verdict.claims.get("identifier") == record.identifier
    )


async def verify_record(
    record: LicenseRecord, *, at: datetime, store: ObjectStore | None = None
) -> OnlineVerdict:
    """The verdict on a stored license now; with ``store`` the PDF is checked too."""
    status = record.status

    def from_row(purpose: str, index: int, _url: str) -> bool | None:
        if index != record.status_index:
            return None
        return (purpose == "revocation" and status == "revoked") or (
            purpose == "suspension" and status == "suspended"
        )

    verdict = offline.judge(record.jws, await seals.verification_keys(), at=at, status=from_row)
    if verdict.outcome is Outcome.INVALID:
        return OnlineVerdict(Outcome.INVALID, verdict.reason, None)
    if not _stored_payload_matches(record, verdict):
        return OnlineVerdict(Outcome.INVALID, "the stored claims differ from the signed ones", None)
    pdf_intact: bool | None = None
    if store is not None:
        try:
            data = await store.get(record.pdf_key)
        except (IntegrityError, ObjectNotFound):
            # The store checks its own recorded digest too; a mismatch lands here. An
            # unreachable store raises on: "cannot check" is not "invalid".
            pdf_intact = False
        else:
            pdf_intact = hashlib.sha256(data).hexdigest() == record.pdf_sha256
        if not pdf_intact:
            return OnlineVerdict(Outcome.INVALID, "the stored PDF does not match its digest", False)
    return OnlineVerdict(verdict.outcome, verdict.reason, pdf_intact)
