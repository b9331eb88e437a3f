"""Sessions: one per signed-in device, each a refresh-token family.

A session is started by a successful login and ends on logout, revocation, expiry or
refresh-token reuse. Every refresh rotates the token; presenting an already-rotated one
means it was copied, so the whole family (the session) is revoked (RFC 9700 §4.14.2).
Access tokens are checked against their session on every request, so revoking a session
on another device takes effect at once, not when the token expires.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import clock
from core.audit import service as audit
from core.crypto import TokenError
from core.db import DB
from core.graphql.context import Viewer
from identity.errors import NotFound, SessionInvalid
from identity.runtime import IdentityRuntime
from identity.tables import AuthSession, Person, RefreshToken, StaffMember
from identity.tiers import Tier, parse_tier
from identity.tokens import (
    AccessGrant,
    mint_access_token,
    new_refresh_token,
    read_access_token,
    refresh_token_hash,
    viewer_of,
)


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str
    session_id: str


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    device: str
    amr: tuple[str, ...]
    created_at: datetime
    last_used_at: datetime
    acting_for: str | None


async def _grant_for(session: dict[str, object]) -> AccessGrant:
    """The claims for ``session``, read fresh: tiers and roles change between refreshes."""
    subject = str(session["subject"])
    kind, subject_id = subject.split(":", 1)
    roles: tuple[str, ...] = ()
    department: str | None = None
    if kind == "person":
        rows = await Person.select(Person.tier).where(Person.id == subject_id)
        if not rows:
            raise SessionInvalid("This account no longer exists.")
        tier = parse_tier(rows[0]["tier"])
    else:
        staff = await StaffMember.select(
            StaffMember.roles, StaffMember.active, StaffMember.department.code
        ).where(StaffMember.id == subject_id)
        if not staff or not staff[0]["active"]:
            raise SessionInvalid("This staff account is disabled.")
        tier = Tier.INTERMEDIATE  # staff are proven in person when their account is created
        roles = tuple(staff[0]["roles"])
        department = staff[0]["department.code"]
    auth_time = session["auth_time"]
    assert isinstance(auth_time, datetime)
    amr = session["amr"]
    assert isinstance(amr, list)
    acting_for = session["acting_for"]
    return AccessGrant(
        subject=subject,
        session_id=str(session["id"]),
        tier=tier,
        amr=tuple(amr),
        auth_time=auth_time,
        roles=roles,
        department=department,
        acting_for=acting_for if isinstance(acting_for, str) else None,
    )


async def _tokens_for(runtime: IdentityRuntime, session_id: str, refresh: str) -> IssuedTokens:
    rows = await AuthSession.select().where(AuthSession.id == session_id)
    access, lifetime = mint_access_token(runtime, await _grant_for(rows[0]))
    return IssuedTokens(access, lifetime, refresh, session_id)


async def start_session(
    runtime: IdentityRuntime, *, subject: str, amr: tuple[str, ...], device: str
) -> IssuedTokens:
    """Sign ``subject`` in on a new device."""
    now = clock.now()
    token, token_hash = new_refresh_token()
    session_id = uuid.uuid4()
    async with DB.transaction():
        await AuthSession.insert(
            AuthSession(
                id=session_id,
                subject=subject,
                amr=list(amr),
                auth_time=now,
                device=device[:200],
                created_at=now,
                last_used_at=now,
                expires_at=now + timedelta(days=runtime.settings.identity.refresh_token_days),
            )
        )
        await RefreshToken.insert(
            RefreshToken(session=session_id, token_hash=token_hash, issued_at=now)
        )
        await audit.record(
            actor=subject,
            action="identity.login",
            subject_type="session",
            subject_id=str(session_id),
            data={"amr": list(amr)},
        )
    return await _tokens_for(runtime, str(session_id), token)


async def refresh(runtime: IdentityRuntime, refresh_token: str) -> IssuedTokens:
    """Rotate ``refresh_token``; a reused (already rotated) one revokes its whole family."""
    now = clock.now()
    presented = refresh_token_hash(refresh_token)
    async with DB.transaction():
        rotated = await RefreshToken.raw(
            "UPDATE refresh_token SET rotated_at = {} "
            "WHERE token_hash = {} AND rotated_at IS NULL RETURNING session",
            now,
            presented,
        )
        if not rotated:
            known = await RefreshToken.select(RefreshToken.session).where(
                RefreshToken.token_hash == presented
            )
            if known:
                await _revoke(str(known[0]["session"]), "refresh_token_reuse", actor="system")
        else:
            session_id = str(rotated[0]["session"])
            live = await AuthSession.exists().where(
                (AuthSession.id == session_id)
                & AuthSession.revoked_at.is_null()
                & (AuthSession.expires_at > now)
            )
            if live:
                token, token_hash = new_refresh_token()
                await RefreshToken.insert(
                    RefreshToken(session=session_id, token_hash=token_hash, issued_at=now)
                )
                await AuthSession.update({AuthSession.last_used_at: now}).where(
                    AuthSession.id == session_id
                )
                return await _tokens_for(runtime, session_id, token)
    # Outside the transaction: the revocation above must commit even though we refuse.
    raise SessionInvalid("This sign-in has ended; please sign in again.")


async def reissue_access(runtime: IdentityRuntime, session_id: str) -> tuple[str, int]:
    """A new access token for a live session (after acting-for or tier changes)."""
    rows = await AuthSession.select().where(
        (AuthSession.id == session_id) & AuthSession.revoked_at.is_null()
    )
    if not rows:
        raise SessionInvalid("This sign-in has ended; please sign in again.")
    return mint_access_token(runtime, await _grant_for(rows[0]))


async def set_acting_for(session_id: str, acting_for: str | None) -> None:
    await AuthSession.update({AuthSession.acting_for: acting_for}).where(
        AuthSession.id == session_id
    )


async def clear_acting_for(subject: str, acting_for: str) -> None:
    """Stop every session of ``subject`` acting for ``acting_for`` (appointment revoked)."""
    await AuthSession.update({AuthSession.acting_for: None}).where(
        (AuthSession.subject == subject) & (AuthSession.acting_for == acting_for)
    )


async def authenticate(runtime: IdentityRuntime, token: str) -> Viewer:
    """The viewer behind a bearer token; :class:`TokenError` if it must be refused."""
    grant = read_access_token(runtime, token)
    try:
        uuid.UUID(grant.session_id)
    except ValueError:
        raise TokenError("token names no valid session") from None
    if not await session_is_live(grant.session_id, grant.subject):
        raise TokenError("the session of this token has ended")
    return viewer_of(grant)


async def session_is_live(session_id: str, subject: str) -> bool:
    """The session exists for ``subject`` and has not been signed out, revoked or ended.

    Every authenticated request (and every live-status event) pays for this lookup:
    hand-written SQL skips the query builder (bench/identity_logins.py measured it at
    about a quarter of the lookup).
    """
    rows = await AuthSession.raw(
        "SELECT 1 FROM auth_session WHERE id = {} AND subject = {} "
        "AND revoked_at IS NULL AND expires_at > {}",
        session_id,
        subject,
        clock.now(),
    )
    return bool(rows)


async def _revoke(session_id: str, reason: str, *, actor: str) -> None:
    updated = (
        await AuthSession.update(
            {AuthSession.revoked_at: clock.now(), AuthSession.revoke_reason: reason}
        )
        .where((AuthSession.id == session_id) & AuthSession.revoked_at.is_null())
        .returning(AuthSession.subject)
    )
    if updated:
        await audit.record(
            actor=actor,
            action="identity.session_revoked",
            subject_type="session",
            subject_id=session_id,
            data={"reason": reason},
        )


async def revoke_own_session(viewer_subject: str, session_id: str, reason: str) -> None:
    """End one of the viewer's own sessions (logout, or a device they no longer trust)."""
    try:
        uuid.UUID(session_id)
    except ValueError:
        raise NotFound("No such session.") from None
    owned = await AuthSession.exists().where(
        (AuthSession.id == session_id) & (AuthSession.subject == viewer_subject)
    )
    if not owned:
        raise NotFound("No such session.")
    async with DB.transaction():
        await _revoke(session_id, reason, actor=viewer_subject)


async def revoke_all(subject: str, reason: str, *, actor: str, keep: str | None = None) -> None:
    rows = await AuthSession.select(AuthSession.id).where(
        (AuthSession.subject == subject) & AuthSession.revoked_at.is_null()
    )
    async with DB.transaction():
        for row in rows:
            if str(row["id"]) != keep:
                await _revoke(str(row["id"]), reason, actor=actor)


async def list_sessions(subject: str) -> list[SessionRecord]:
    rows = (
        await AuthSession.select()
        .where(
            (AuthSession.subject == subject)
            & AuthSession.revoked_at.is_null()
            & (AuthSession.expires_at > clock.now())
        )
        .order_by(AuthSession.last_used_at, ascending=False)
    )
    return [
        SessionRecord(
            id=str(r["id"]),
            device=r["device"],
            amr=tuple(r["amr"]),
            created_at=r["created_at"],
            last_used_at=r["last_used_at"],
            acting_for=r["acting_for"],
        )
        for r in rows
    ]
