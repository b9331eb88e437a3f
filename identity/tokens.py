"""Access tokens (RFC 9068 JWTs signed by the core key ring) and opaque refresh tokens.

Access tokens are short (≤ 10 minutes) and carry what authorisation needs without a
lookup: subject, session, tier (as ``acr`` too), ``amr``, ``auth_time``, staff roles and
who the bearer acts for. Decoding pins the algorithm (EdDSA, via the key ring), the
``typ`` header and every claim we rely on. Refresh tokens are random strings; only their
SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core import clock
from core.crypto import TokenError
from core.graphql.context import Viewer
from identity.runtime import IdentityRuntime
from identity.tiers import Tier, parse_tier

ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105 (a JWT typ header, not a secret)
_REQUIRED = ("iat", "sub", "jti", "sid", "tier", "auth_time")


@dataclass(frozen=True, slots=True)
class AccessGrant:
    """Everything an access token says about its bearer."""

    subject: str
    session_id: str
    tier: Tier
    amr: tuple[str, ...]
    auth_time: datetime
    roles: tuple[str, ...] = ()
    department: str | None = None
    acting_for: str | None = None


def mint_access_token(runtime: IdentityRuntime, grant: AccessGrant) -> tuple[str, int]:
    """A signed access token for ``grant`` and its lifetime in seconds."""
    lifetime = runtime.settings.identity.access_token_seconds
    issued = int(clock.now().timestamp())
    claims: dict[str, Any] = {
        "iss": runtime.issuer,
        "aud": runtime.audience,
        "sub": grant.subject,
        "iat": issued,
        "exp": issued + lifetime,
        "jti": uuid.uuid4().hex,
        "sid": grant.session_id,
        "tier": grant.tier.value,
        "acr": grant.tier.acr,
        "amr": list(grant.amr),
        "auth_time": int(grant.auth_time.timestamp()),
    }
    if grant.roles:
        claims["roles"] = list(grant.roles)
    if grant.department:
        claims["dept"] = grant.department
    if grant.acting_for:
        claims["acting_for"] = grant.acting_for
    token = runtime.keys.signing.jwt_encode(claims, headers={"typ": ACCESS_TOKEN_TYPE})
    return token, lifetime


def read_access_token(runtime: IdentityRuntime, token: str) -> AccessGrant:
    """Verify ``token``; raise :class:`TokenError` for anything not minted by us, intact."""
    claims = runtime.keys.signing.jwt_decode(
        token,
        audience=runtime.audience,
        issuer=runtime.issuer,
        require=_REQUIRED,
        typ=ACCESS_TOKEN_TYPE,
    )
    subject = claims["sub"]
    if not isinstance(subject, str) or subject.split(":", 1)[0] not in {"person", "staff"}:
        raise TokenError("token subject is not a person or staff member")
    amr = claims.get("amr", [])
    roles = claims.get("roles", [])
    if not isinstance(amr, list) or not isinstance(roles, list):
        raise TokenError("token claims are malformed")
    return AccessGrant(
        subject=subject,
        session_id=str(claims["sid"]),
        tier=parse_tier(str(claims["tier"])),
        amr=tuple(str(m) for m in amr),
        auth_time=datetime.fromtimestamp(int(claims["auth_time"]), tz=UTC),
        roles=tuple(str(r) for r in roles),
        department=claims.get("dept"),
        acting_for=claims.get("acting_for"),
    )


def viewer_of(grant: AccessGrant) -> Viewer:
    return Viewer(
        subject=grant.subject,
        session_id=grant.session_id,
        tier=grant.tier.value,
        roles=frozenset(grant.roles),
        department=grant.department,
        acting_for=grant.acting_for,
        amr=grant.amr,
        auth_time=grant.auth_time,
    )


def new_refresh_token() -> tuple[str, str]:
    """A fresh refresh token and the hash under which it is stored."""
    token = secrets.token_urlsafe(32)
    return token, refresh_token_hash(token)


def refresh_token_hash(token: str) -> str:
    # 256 random bits need no salt or slow hash: the hash only keeps a database reader
    # from using the tokens it can see.
    return hashlib.sha256(token.encode()).hexdigest()
