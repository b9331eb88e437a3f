"""The signed statement of a license: W3C VC 2.0-shaped claims as canonical JSON.

The holder appears as a masked name and masked ID number plus a salted SHA-256 digest of
the ID number (ISO 18013-5's salted digests): a verifier who sees the ID card can check
it belongs to the holder, while the payload itself — printed as a QR code, handed to
anyone — discloses no identifier. Status entries point at the Bitstring Status Lists.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.crypto import b64url_encode

__all__ = ["Holder", "build_claims", "holder_digest"]

CONTEXT = "https://www.w3.org/ns/credentials/v2"


@dataclass(frozen=True, slots=True)
class Holder:
    kind: str  # person | enterprise
    name: str  # masked for a person, the registered name for an enterprise
    #: Person: the masked ID number; enterprise: its (public) credit code.
    label: str
    #: Person only: digest of the ID number with ``salt``.
    digest: str | None = None
    salt: str | None = None


def holder_digest(id_number: str, salt: str | None = None) -> tuple[str, str]:
    """``(digest, salt)`` of an ID number: base64url SHA-256 of salt bytes + the number."""
    salt = salt or b64url_encode(secrets.token_bytes(16))
    digest = hashlib.sha256(salt.encode("ascii") + id_number.encode("ascii")).digest()
    return b64url_encode(digest), salt


def _moment(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def build_claims(
    *,
    identifier: str,
    type_code: str,
    type_key: str,
    type_name: str,
    department: tuple[str, str, str],  # code, name, credit code
    holder: Holder,
    fields: Sequence[tuple[str, str]],
    valid_from: datetime,
    valid_until: datetime | None,
    issued_at: datetime,
    status_index: int,
    status_urls: dict[str, str],
) -> dict[str, Any]:
    """The claims to sign (see the module doc); datetimes must be aware (UTC)."""
    code, name, credit_code = department
    subject: dict[str, Any] = {"kind": holder.kind, "name": holder.name, "label": holder.label}
    if holder.digest is not None:
        subject["idNumberDigest"] = holder.digest
        subject["salt"] = holder.salt
    subject["fields"] = {key: value for key, value in fields}
    claims: dict[str, Any] = {
        "@context": [CONTEXT],
        "id": f"urn:onetap:license:{identifier}",
        "type": ["VerifiableCredential", "OneTapLicense"],
        "identifier": identifier,
        "licenseType": {"code": type_key, "typeCode": type_code, "name": type_name},
        "issuer": {"id": f"urn:onetap:department:{code}", "name": name, "creditCode": credit_code},
        "issued": _moment(issued_at),
        "validFrom": _moment(valid_from),
        "credentialSubject": subject,
        "credentialStatus": [
            {
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(status_index),
                "statusListCredential": url,
            }
            for purpose, url in sorted(status_urls.items())
        ],
    }
    if valid_until is not None:
        claims["validUntil"] = _moment(valid_until)
    return claims
