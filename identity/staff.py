"""Staff accounts: created by admins, signed in with a password **and** a passkey.

Nobody registers as staff. A platform admin creates staff in any department with any
roles; a department admin only in their own department and never with the roles that
oversee departments (platform admin, supervisor). Creation returns a one-time
**enrolment code** (stored as its SHA-256, valid 72 hours) that the new staff member
gives, after their password, to register their first passkey; from then on every
sign-in is password, then a passkey of theirs (RFC 8176 ``pwd`` + ``hwk``). There is no
SMS path: staff have no phone on file.

Password failures lock out like residents' (keyed on the staff id, and on the username's
keyed hash), and an unknown username costs the same Argon2 time as a wrong password.
Deactivation ends every session of the staff member at once. Creation, deactivation,
enrolment codes, passkey changes and sign-ins are audited.

:func:`ensure_platform_admin` gives a fresh install its first platform admin.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.errors import AccessDenied
from identity import limits, passkeys, sessions
from identity.accounts import checked_name
from identity.errors import (
    AlreadyExists,
    CodeInvalid,
    IdentityFailure,
    InvalidInput,
    LoginFailed,
    NotAllowed,
    NotFound,
)
from identity.passwords import WeakPassword, check_password_policy
from identity.roles import Role
from identity.runtime import IdentityRuntime
from identity.sessions import IssuedTokens
from identity.tables import Passkey, StaffMember
from reference.tables import Department

#: How long an enrolment code stays valid.
ENROLMENT_HOURS = 72
#: RFC 8176 methods of a staff sign-in: password, then a hardware-bound key.
STAFF_AMR = ("pwd", "hwk")
#: Roles that are not tied to one department (the only ones allowed without one).
PLATFORM_WIDE_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.SUPERVISOR, Role.CALL_CENTRE_AGENT})
#: Roles only a platform admin may grant or manage.
PLATFORM_ONLY_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.SUPERVISOR})
ADMIN_ROLES = (Role.PLATFORM_ADMIN, Role.DEPARTMENT_ADMIN)

FORBIDDEN = "FORBIDDEN"
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
_USERNAME_CONTEXT = "staff.username"
# No 0/O, 1/I/L: the code is read off a screen or paper and typed in.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 16
_LOGIN_FAILED = "The username or password is wrong."
_ROLE_VALUES = frozenset(r.value for r in Role)


class EnrolmentRequired(IdentityFailure):
    """The staff member has no passkey yet, so their enrolment code is needed."""

    code = "ENROLMENT_CODE_REQUIRED"


class StaffStep(StrEnum):
    PASSKEY = "passkey"  # sign in with one of their passkeys
    ENROL = "enrol"  # register a first passkey (enrolment code accepted)


@dataclass(frozen=True, slots=True)
class StaffRecord:
    id: str
    username: str
    name: str
    department_code: str | None
    department_name: str | None
    roles: tuple[Role, ...]
    active: bool
    created_at: datetime
    created_by: str
    passkey_count: int
    enrolment_expires_at: datetime | None
    """When the outstanding enrolment code expires; None when there is none."""


@dataclass(frozen=True, slots=True)
class NewStaff:
    username: str
    name: str
    department_code: str | None
    roles: tuple[Role, ...]
    initial_password: str


@dataclass(frozen=True, slots=True)
class EnrolmentCode:
    """A staff record and its new enrolment code, shown once."""

    staff: StaffRecord
    code: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class StaffLoginStep:
    step: StaffStep
    ceremony: passkeys.Ceremony


@dataclass(frozen=True, slots=True)
class _Admin:
    id: str
    subject: str
    platform: bool
    department_code: str | None


# --- helpers ------------------------------------------------------------------------------


def checked_username(raw: str) -> str:
    username = unicodedata.normalize("NFKC", raw).strip().lower()
    if not _USERNAME.fullmatch(username):
        raise InvalidInput(
            "username",
            "format",
            "A username has 3 to 64 characters: letters, digits, dot, dash or underscore.",
        )
    return username


def _username_key(runtime: IdentityRuntime, username: str) -> str:
    return runtime.keys.blind_index.compute(username, _USERNAME_CONTEXT)


def _new_code() -> tuple[str, str]:
    """(code as shown, its hash)."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    shown = "-".join(raw[i : i + 4] for i in range(0, _CODE_LENGTH, 4))
    return shown, _code_hash(raw)


def _code_hash(code: str) -> str:
    normalised = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", code)).upper()
    return hashlib.sha256(normalised.encode()).hexdigest()


def _code_matches(row: dict[str, Any], code: str | None) -> bool:
    stored = row["enrolment_code_hash"]
    expires_at = row["enrolment_expires_at"]
    if not code or stored is None or expires_at is None or expires_at <= clock.now():
        return False
    return secrets.compare_digest(stored, _code_hash(code))


def _checked_roles(roles: Iterable[Role | str]) -> tuple[Role, ...]:
    try:
        wanted = {Role(r) for r in roles}
    except ValueError:
        raise InvalidInput("roles", "unknown", "Choose roles from the list.") from None
    if not wanted:
        raise InvalidInput("roles", "required", "A staff member needs at least one role.")
    return tuple(r for r in Role if r in wanted)


def _checked_password(runtime: IdentityRuntime, password: str, field: str) -> None:
    try:
        check_password_policy(
            password,
            min_length=runtime.settings.identity.password_min_length,
            id_number=None,
            phone=None,
        )
    except WeakPassword as exc:
        raise InvalidInput(field, exc.reason, str(exc)) from None


def _uuid(raw: str, what: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise NotFound(f"No such {what}.") from None


async def _rows(where: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await StaffMember.select(
            *StaffMember.all_columns(),
            StaffMember.department.code.as_alias("department_code"),
            StaffMember.department.name.as_alias("department_name"),
        )
        .where(where)
        .order_by(StaffMember.username)
    )
    return rows


async def _records(rows: Sequence[dict[str, Any]]) -> list[StaffRecord]:
    owners = [f"staff:{r['id']}" for r in rows]
    counts: dict[str, int] = {}
    if owners:
        for found in await Passkey.raw(
            "SELECT owner, count(*) AS n FROM passkey WHERE owner = ANY({}) GROUP BY owner",
            owners,
        ):
            counts[found["owner"]] = int(found["n"])
    now = clock.now()
    records = []
    for r in rows:
        expires = r["enrolment_expires_at"]
        pending = r["enrolment_code_hash"] is not None and expires is not None and expires > now
        records.append(
            StaffRecord(
                id=str(r["id"]),
                username=r["username"],
                name=r["name"],
                department_code=r["department_code"],
                department_name=r["department_name"],
                roles=tuple(Role(x) for x in r["roles"] if x in _ROLE_VALUES),
                active=r["active"],
                created_at=r["created_at"],
                created_by=r["created_by"],
                passkey_count=counts.get(f"staff:{r['id']}", 0),
                enrolment_expires_at=expires if pending else None,
            )
        )
    return records


async def _record(staff_id: str) -> StaffRecord:
    rows = await _rows(StaffMember.id == staff_id)
    if not rows:
        raise NotFound("No such staff member.")
    return (await _records(rows))[0]


async def _admin(actor_id: str) -> _Admin:
    """The acting admin, read fresh from the database (roles or status may have changed)."""
    rows = await _rows(StaffMember.id == actor_id)
    if not rows or not rows[0]["active"]:
        raise AccessDenied(FORBIDDEN, "Your staff account is not active.")
    roles = set(rows[0]["roles"])
    if Role.PLATFORM_ADMIN.value in roles:
        return _Admin(actor_id, f"staff:{actor_id}", True, rows[0]["department_code"])
    if Role.DEPARTMENT_ADMIN.value in roles and rows[0]["department_code"] is not None:
        return _Admin(actor_id, f"staff:{actor_id}", False, rows[0]["department_code"])
    raise AccessDenied(FORBIDDEN, "Your staff role does not allow this.")


def _check_may_manage(
    admin: _Admin, department_code: str | None, roles: Iterable[Role | str]
) -> None:
    if admin.platform:
        return
    if department_code != admin.department_code:
        raise AccessDenied(
            FORBIDDEN, "Department admins manage staff of their own department only."
        )
    if {Role(r) for r in roles if r in _ROLE_VALUES} & PLATFORM_ONLY_ROLES:
        raise AccessDenied(FORBIDDEN, "Only a platform admin manages these roles.")


async def _department_id(code: str) -> int:
    rows = await Department.select(Department._meta.primary_key).where(Department.code == code)
    if not rows:
        raise InvalidInput("departmentCode", "unknown", "No department has this code.")
    return int(rows[0]["id"])


async def _target(admin: _Admin, staff_id: str) -> StaffRecord:
    target = await _record(_uuid(staff_id, "staff member"))
    _check_may_manage(admin, target.department_code, target.roles)
    return target


# --- administration ----------------------------------------------------------------------


async def _insert_staff(
    runtime: IdentityRuntime, form: NewStaff, *, created_by: str
) -> EnrolmentCode:
    """Validate and store a staff member with a fresh enrolment code (no permission check)."""
    username = checked_username(form.username)
    name = checked_name(form.name)
    roles = _checked_roles(form.roles)
    department_code = (form.department_code or "").strip() or None
    if department_code is None and not set(roles) <= PLATFORM_WIDE_ROLES:
        raise InvalidInput(
            "departmentCode", "required", "Staff with these roles belong to a department."
        )
    department_id = await _department_id(department_code) if department_code else None
    _checked_password(runtime, form.initial_password, "initialPassword")
    if await StaffMember.exists().where(StaffMember.username == username):
        raise AlreadyExists("This username is taken.")
    password_hash = await runtime.hasher.hash(form.initial_password)
    code, code_hash = _new_code()
    staff_id = uuid.uuid4()
    now = clock.now()
    expires_at = now + timedelta(hours=ENROLMENT_HOURS)
    async with DB.transaction():
        inserted = await StaffMember.raw(
            "INSERT INTO staff_member (id, username, name, department, roles, password_hash, "
            "active, created_at, created_by, enrolment_code_hash, enrolment_expires_at) "
            "VALUES ({}, {}, {}, {}, {}, {}, TRUE, {}, {}, {}, {}) "
            "ON CONFLICT (username) DO NOTHING RETURNING id",
            staff_id,
            username,
            name,
            department_id,
            [r.value for r in roles],
            password_hash,
            now,
            created_by,
            code_hash,
            expires_at,
        )
        if not inserted:
            raise AlreadyExists("This username is taken.")
        await audit.record(
            actor=created_by,
            action="identity.staff_created",
            subject_type="staff",
            subject_id=str(staff_id),
            data={"roles": [r.value for r in roles], "department": department_code},
        )
    return EnrolmentCode(await _record(str(staff_id)), code, expires_at)


async def create_staff_member(
    runtime: IdentityRuntime, actor_id: str, form: NewStaff
) -> EnrolmentCode:
    """Create a staff member; the result carries their enrolment code (shown only now)."""
    admin = await _admin(actor_id)
    department_code = (form.department_code or "").strip() or None
    _check_may_manage(admin, department_code, form.roles)
    return await _insert_staff(runtime, form, created_by=admin.subject)


async def issue_enrolment_code(actor_id: str, staff_id: str) -> EnrolmentCode:
    """A new enrolment code for a staff member (the old one stops working)."""
    admin = await _admin(actor_id)
    target = await _target(admin, staff_id)
    if not target.active:
        raise NotAllowed("This staff account is deactivated.")
    return await _issue_code(target.id, actor=admin.subject)


async def reset_passkeys(actor_id: str, staff_id: str) -> EnrolmentCode:
    """A staff member lost their device: remove their passkeys, end their sessions, and
    give them a new enrolment code (their password alone never signs them in)."""
    admin = await _admin(actor_id)
    target = await _target(admin, staff_id)
    if not target.active:
        raise NotAllowed("This staff account is deactivated.")
    if target.id == admin.id:
        raise NotAllowed("Ask another admin to reset your own passkeys.")
    subject = f"staff:{target.id}"
    async with DB.transaction():
        removed = await Passkey.delete().where(Passkey.owner == subject).returning(Passkey.id)
        await sessions.revoke_all(subject, "staff_passkeys_reset", actor=admin.subject)
        await audit.record(
            actor=admin.subject,
            action="identity.staff_passkeys_reset",
            subject_type="staff",
            subject_id=target.id,
            data={"passkeys_removed": len(removed)},
        )
    return await _issue_code(target.id, actor=admin.subject)


async def _issue_code(staff_id: str, *, actor: str) -> EnrolmentCode:
    code, code_hash = _new_code()
    expires_at = clock.now() + timedelta(hours=ENROLMENT_HOURS)
    async with DB.transaction():
        await StaffMember.update(
            {
                StaffMember.enrolment_code_hash: code_hash,
                StaffMember.enrolment_expires_at: expires_at,
            }
        ).where(StaffMember.id == staff_id)
        await audit.record(
            actor=actor,
            action="identity.staff_enrolment_code_issued",
            subject_type="staff",
            subject_id=staff_id,
            data={},
        )
    return EnrolmentCode(await _record(staff_id), code, expires_at)


async def deactivate_staff_member(actor_id: str, staff_id: str) -> StaffRecord:
    """Deactivate a staff member and end all their sessions now."""
    admin = await _admin(actor_id)
    target = await _target(admin, staff_id)
    if target.id == admin.id:
        raise NotAllowed("You cannot deactivate your own account.")
    if target.active:
        subject = f"staff:{target.id}"
        async with DB.transaction():
            await StaffMember.update(
                {
                    StaffMember.active: False,
                    StaffMember.enrolment_code_hash: None,
                    StaffMember.enrolment_expires_at: None,
                }
            ).where(StaffMember.id == target.id)
            await sessions.revoke_all(subject, "staff_deactivated", actor=admin.subject)
            await audit.record(
                actor=admin.subject,
                action="identity.staff_deactivated",
                subject_type="staff",
                subject_id=target.id,
                data={},
            )
    return await _record(target.id)


async def list_staff(actor_id: str, department_code: str | None) -> list[StaffRecord]:
    """Staff an admin may see: a department admin their own department only."""
    admin = await _admin(actor_id)
    code = (department_code or "").strip() or None
    if not admin.platform:
        code = code or admin.department_code
        _check_may_manage(admin, code, ())
    where = (
        StaffMember.department.code == code
        if code is not None
        else StaffMember.id.is_not_null()  # every staff member
    )
    return await _records(await _rows(where))


async def ensure_platform_admin(
    runtime: IdentityRuntime, username: str, password: str
) -> str | None:
    """Make sure a fresh install has a platform admin; their enrolment code, or None.

    - No active platform admin yet: create ``username`` with ``password`` (role
      platform_admin, no department) and return its enrolment code.
    - ``username`` is that admin and still has no passkey: a new enrolment code (the
      previous one stops working), so a lost or expired code can be replaced.
    - Otherwise (an admin exists and is enrolled, or another admin exists): None.
    """
    name = checked_username(username)
    rows = await StaffMember.select(StaffMember.id, StaffMember.roles, StaffMember.active).where(
        StaffMember.username == name
    )
    if rows:
        row = rows[0]
        if not row["active"] or Role.PLATFORM_ADMIN.value not in row["roles"]:
            raise NotAllowed("This username belongs to another staff account.")
        if await Passkey.exists().where(Passkey.owner == f"staff:{row['id']}"):
            return None
        return (await _issue_code(str(row["id"]), actor="system:bootstrap")).code
    admins = await StaffMember.raw(
        "SELECT 1 FROM staff_member WHERE active AND {} = ANY(roles) LIMIT 1",
        Role.PLATFORM_ADMIN.value,
    )
    if admins:
        return None
    created = await _insert_staff(
        runtime,
        NewStaff(
            username=name,
            name="Platform admin",
            department_code=None,
            roles=(Role.PLATFORM_ADMIN,),
            initial_password=password,
        ),
        created_by="system:bootstrap",
    )
    return created.code


# --- sign-in ------------------------------------------------------------------------------


async def begin_staff_login(
    runtime: IdentityRuntime, *, username: str, password: str, enrolment_code: str | None
) -> StaffLoginStep:
    """Check the password; then ask for a passkey, or for a first one (enrolment code)."""
    try:
        name = checked_username(username)
    except InvalidInput:
        await runtime.hasher.burn()
        raise LoginFailed(_LOGIN_FAILED) from None
    name_key = _username_key(runtime, name)
    await limits.check_locked(limits.LOGIN_STAFF_USERNAME, name_key)
    rows = await StaffMember.select().where(StaffMember.username == name)
    if not rows:
        await runtime.hasher.burn()  # same cost as a real check: no username enumeration
        await limits.record_failure(limits.LOGIN_STAFF_USERNAME, name_key)
        raise LoginFailed(_LOGIN_FAILED)
    row = rows[0]
    staff_id = str(row["id"])
    await limits.check_locked(limits.LOGIN_ACCOUNT, staff_id)
    result = await runtime.hasher.verify(row["password_hash"], password)
    if not result.ok:
        await limits.record_failure(limits.LOGIN_STAFF_USERNAME, name_key)
        await limits.record_failure(limits.LOGIN_ACCOUNT, staff_id)
        raise LoginFailed(_LOGIN_FAILED)
    if not row["active"]:
        raise LoginFailed("This staff account has been deactivated.")
    if result.new_hash is not None:
        await StaffMember.update({StaffMember.password_hash: result.new_hash}).where(
            StaffMember.id == staff_id
        )
    subject = f"staff:{staff_id}"
    # Failures are cleared only when the whole sign-in (with the passkey) succeeds.
    if await Passkey.exists().where(Passkey.owner == subject):
        ceremony = await passkeys.assertion_ceremony(
            runtime, purpose=passkeys.Purpose.STAFF_LOGIN, owner=subject
        )
        return StaffLoginStep(StaffStep.PASSKEY, ceremony)
    if not enrolment_code:
        raise EnrolmentRequired(
            "Register your first passkey: enter the enrolment code your admin gave you."
        )
    if not _code_matches(row, enrolment_code):
        await limits.record_failure(limits.LOGIN_ACCOUNT, staff_id)
        raise CodeInvalid(
            "The enrolment code is wrong or has expired; ask your admin for a new one."
        )
    ceremony = await passkeys.registration_ceremony(
        runtime,
        subject=subject,
        purpose=passkeys.Purpose.STAFF_ENROL,
        user_name=row["username"],
        display_name=row["name"],
    )
    return StaffLoginStep(StaffStep.ENROL, ceremony)


async def finish_staff_login(
    runtime: IdentityRuntime,
    *,
    challenge_id: str,
    credential: str,
    enrolment_code: str | None,
    device: str,
    nickname: str | None = None,
) -> IssuedTokens:
    """Finish with the passkey (or register the first one); a session with pwd + hwk."""
    consumed = await passkeys.consume_challenge(
        challenge_id, (passkeys.Purpose.STAFF_LOGIN, passkeys.Purpose.STAFF_ENROL)
    )
    subject = consumed.owner or ""
    kind, _, staff_id = subject.partition(":")
    rows = await StaffMember.select().where(StaffMember.id == staff_id) if kind == "staff" else []
    if not rows or not rows[0]["active"]:
        raise LoginFailed("This staff account cannot sign in.")
    row = rows[0]
    try:
        if consumed.purpose is passkeys.Purpose.STAFF_LOGIN:
            await passkeys.verify_assertion(runtime, consumed.challenge, credential, owner=subject)
        else:
            await _enrol(runtime, row, consumed.challenge, credential, enrolment_code, nickname)
    except IdentityFailure:
        await limits.record_failure(limits.LOGIN_ACCOUNT, staff_id)
        raise
    await limits.clear_failures(limits.LOGIN_ACCOUNT, staff_id)
    await limits.clear_failures(
        limits.LOGIN_STAFF_USERNAME, _username_key(runtime, row["username"])
    )
    return await sessions.start_session(runtime, subject=subject, amr=STAFF_AMR, device=device)


async def _enrol(
    runtime: IdentityRuntime,
    row: dict[str, Any],
    challenge: bytes,
    credential: str,
    enrolment_code: str | None,
    nickname: str | None,
) -> None:
    """Register a staff member's first passkey, using up their enrolment code."""
    if not _code_matches(row, enrolment_code):
        raise CodeInvalid(
            "The enrolment code is wrong or has expired; ask your admin for a new one."
        )
    name = passkeys.checked_nickname(nickname, default="Staff passkey")
    new = passkeys.verify_new_credential(runtime, challenge, credential)
    subject = f"staff:{row['id']}"
    async with DB.transaction():
        used = await StaffMember.raw(
            "UPDATE staff_member SET enrolment_code_hash = NULL, enrolment_expires_at = NULL "
            "WHERE id = {} AND enrolment_code_hash = {} AND enrolment_expires_at > {} "
            "RETURNING id",
            row["id"],
            row["enrolment_code_hash"],
            clock.now(),
        )
        if not used:
            raise CodeInvalid("The enrolment code was already used; ask your admin for a new one.")
        await passkeys.store_passkey(subject, new, nickname=name, actor=subject)
