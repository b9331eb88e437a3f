"""Judging a signed license payload with nothing but published keys (and, optionally,
status lists): the core of the public verify page and of ``onetap license verify``.

Order of verdicts: INVALID (malformed, unknown key, bad signature, signed by a seal after
it was retired, issuer not the key's department) beats REVOKED beats SUSPENDED beats
EXPIRED / NOT_YET_VALID; only then VALID. Without a status source the verdict says so
(``status_checked`` False) rather than claiming the license is not revoked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from core.crypto import b64url_decode
from licenses import jws

_OKP = ("OKP", "Ed25519")

__all__ = ["Outcome", "PublishedKey", "Verdict", "judge", "keys_from_jwks"]


class Outcome(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


@dataclass(frozen=True, slots=True)
class PublishedKey:
    public: Ed25519PublicKey
    department: str | None
    retired_at: datetime | None


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    reason: str
    claims: dict[str, Any] = field(default_factory=dict)
    kid: str | None = None
    status_checked: bool = False


#: (purpose, statusListIndex, statusListCredential URL) -> bit set? None = unknown.
StatusSource = Callable[[str, int, str], bool | None]


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def keys_from_jwks(document: Mapping[str, Any]) -> dict[str, PublishedKey]:
    """Parse the ``/licenses/keys`` document; ``ValueError`` when it is not one."""
    entries = document.get("keys")
    if not isinstance(entries, list):
        raise ValueError("not a key set: no 'keys' list")
    keys: dict[str, PublishedKey] = {}
    for entry in entries:
        if (
            not isinstance(entry, dict)
            or entry.get("kty") != "OKP"
            or entry.get("crv") != "Ed25519"
        ):
            continue
        kid, x = entry.get("kid"), entry.get("x")
        if not isinstance(kid, str) or not isinstance(x, str):
            raise ValueError("a key has no kid or x")
        department = entry.get("department")
        keys[kid] = PublishedKey(
            public=Ed25519PublicKey.from_public_bytes(b64url_decode(x)),
            department=department if isinstance(department, str) else None,
            retired_at=_parse_time(entry.get("retiredAt")),
        )
    return keys


def judge(
    token: str,
    keys: Mapping[str, PublishedKey],
    *,
    at: datetime,
    status: StatusSource | None = None,
) -> Verdict:
    """The verdict on ``token`` at moment ``at`` (aware)."""
    try:
        parsed = jws.verify(token, {kid: key.public for kid, key in keys.items()})
        claims = parsed.claims()
    except jws.JwsInvalid as exc:
        return Verdict(Outcome.INVALID, str(exc))
    key = keys[parsed.kid]
    issued = _parse_time(claims.get("issued"))
    valid_from = _parse_time(claims.get("validFrom"))
    if issued is None or valid_from is None:
        return Verdict(Outcome.INVALID, "the payload lacks its issue or validity dates", claims)
    if key.retired_at is not None and issued > key.retired_at:
        return Verdict(Outcome.INVALID, "signed by a seal after it was retired", claims, parsed.kid)
    issuer = claims.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else None
    if key.department is not None and issuer_id != f"urn:onetap:department:{key.department}":
        return Verdict(
            Outcome.INVALID, "the seal belongs to another department", claims, parsed.kid
        )
    checked = False
    if status is not None:
        for entry in claims.get("credentialStatus") or []:
            if not isinstance(entry, dict):
                continue
            purpose = entry.get("statusPurpose")
            try:
                index = int(entry.get("statusListIndex", ""))
            except ValueError:
                return Verdict(Outcome.INVALID, "a status entry is malformed", claims, parsed.kid)
            bit = status(str(purpose), index, str(entry.get("statusListCredential", "")))
            if bit is None:
                continue
            checked = True
            if bit and purpose == "revocation":
                return Verdict(Outcome.REVOKED, "revoked by the issuer", claims, parsed.kid, True)
            if bit and purpose == "suspension":
                return Verdict(
                    Outcome.SUSPENDED, "suspended by the issuer", claims, parsed.kid, True
                )
    valid_until = _parse_time(claims.get("validUntil"))
    if valid_until is not None and at >= valid_until:
        return Verdict(Outcome.EXPIRED, "past its valid-until date", claims, parsed.kid, checked)
    if at < valid_from:
        return Verdict(Outcome.NOT_YET_VALID, "not valid yet", claims, parsed.kid, checked)
    return Verdict(Outcome.VALID, "signature and dates check out", claims, parsed.kid, checked)
