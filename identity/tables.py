"""Identity tables: people, enterprises, staff, credentials, sessions, evidence and limits.

Personal identifiers (ID numbers, phones) are stored twice and never in clear: once
encrypted with core field encryption (``*_enc``, readable only with the key) and once as
a keyed blind index (``*_bidx``) so they can be looked up and kept unique. Subjects are
named ``person:<uuid>``, ``staff:<uuid>`` or ``enterprise:<uuid>`` wherever a row can
belong to more than one kind (passkeys, sessions, evidence).
"""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    BigInt,
    Boolean,
    Bytea,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from core.db import DB
from reference.tables import Department


class Person(Table, db=DB, tablename="person"):
    """A resident (自然人) with a real-name account."""

    id = UUID(primary_key=True)
    name = Varchar(length=64)
    id_number_enc = Text()
    id_number_bidx = Varchar(length=64, unique=True)
    sex = Varchar(length=1)
    ethnicity = Varchar(length=2)
    phone_enc = Text()
    phone_bidx = Varchar(length=64, unique=True)
    password_hash = Text()
    # The stored (durable) tier: basic or intermediate. Advanced is never stored; it is a
    # fresh face check bound to one transaction.
    tier = Varchar(length=16, default="basic")
    created_at = Timestamptz()


class StaffMember(Table, db=DB, tablename="staff_member"):
    """A government employee or call-centre agent; created by admins, never self-registered."""

    id = UUID(primary_key=True)
    username = Varchar(length=64, unique=True)
    name = Varchar(length=64)
    department = ForeignKey(references=Department, null=True, index=True)
    roles = Array(base_column=Varchar(length=32))
    password_hash = Text()
    active = Boolean(default=True)
    created_at = Timestamptz()
    created_by = Varchar(length=64)
    # A one-time code (stored as its SHA-256) the new staff member gives to register their
    # first passkey; cleared when used.
    enrolment_code_hash = Varchar(length=64, null=True, default=None)
    enrolment_expires_at = Timestamptz(null=True, default=None)


class Enterprise(Table, db=DB, tablename="enterprise"):
    """A legal person (法人) bound by its legal representative."""

    id = UUID(primary_key=True)
    name = Varchar(length=128)
    registration_number = Varchar(length=32)
    credit_code = Varchar(length=18, unique=True)
    legal_representative = ForeignKey(references=Person, index=True)
    tier = Varchar(length=16, default="basic")
    created_at = Timestamptz()


class AgentAppointment(Table, db=DB, tablename="agent_appointment"):
    """An authorised agent (经办人) of an enterprise: a person, a scope and a period."""

    id = UUID(primary_key=True)
    enterprise = ForeignKey(references=Enterprise, index=True)
    agent = ForeignKey(references=Person, index=True)
    # Service categories the agent may act in; "*" means every category.
    scope = Array(base_column=Varchar(length=64))
    starts_at = Timestamptz()
    expires_at = Timestamptz()
    appointed_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)


class TierEvidence(Table, db=DB, tablename="tier_evidence"):
    """Why a person or enterprise holds a tier: one verification, until revoked."""

    id = UUID(primary_key=True)
    subject = Varchar(length=64, index=True)
    tier = Varchar(length=16)
    method = Varchar(length=32)
    provider = Varchar(length=64)
    provider_reference = Varchar(length=128)
    verifier = Varchar(length=64, null=True, default=None)
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
    revoked_by = Varchar(length=64, null=True, default=None)
    revoke_reason = Varchar(length=200, null=True, default=None)


class Passkey(Table, db=DB, tablename="passkey"):
    """A WebAuthn credential (resident key, user verification required)."""

    id = UUID(primary_key=True)
    owner = Varchar(length=64, index=True)
    credential_id = Bytea(unique=True)
    public_key = Bytea()
    sign_count = BigInt(default=0)
    aaguid = Varchar(length=36)
    transports = Array(base_column=Varchar(length=16))
    backed_up = Boolean(default=False)
    device_type = Varchar(length=16)
    nickname = Varchar(length=64)
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)


class WebAuthnChallenge(Table, db=DB, tablename="webauthn_challenge"):
    """A single-use, short-lived WebAuthn challenge."""

    id = UUID(primary_key=True)
    challenge = Bytea()
    purpose = Varchar(length=32)
    owner = Varchar(length=64, null=True, default=None)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class AuthSession(Table, db=DB, tablename="auth_session"):
    """A signed-in device: one refresh-token family."""

    id = UUID(primary_key=True)
    subject = Varchar(length=64, index=True)
    amr = Array(base_column=Varchar(length=16))
    auth_time = Timestamptz()
    acting_for = Varchar(length=64, null=True, default=None)
    device = Varchar(length=200)
    created_at = Timestamptz()
    last_used_at = Timestamptz()
    expires_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
    revoke_reason = Varchar(length=64, null=True, default=None)


class RefreshToken(Table, db=DB, tablename="refresh_token"):
    """A refresh token, stored as its SHA-256; rotated on every use."""

    session = ForeignKey(references=AuthSession, index=True)
    token_hash = Varchar(length=64, unique=True)
    issued_at = Timestamptz()
    rotated_at = Timestamptz(null=True, default=None)


class SmsChallenge(Table, db=DB, tablename="sms_challenge"):
    """A one-time code sent to a phone for one purpose."""

    id = UUID(primary_key=True)
    phone_bidx = Varchar(length=64, index=True)
    purpose = Varchar(length=32)
    code_hash = Varchar(length=64)
    attempts = Integer(default=0)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    consumed_at = Timestamptz(null=True, default=None)


class SandboxSms(Table, db=DB, tablename="sandbox_sms"):
    """Messages the sandbox SMS gateway 'sent', for the demo and tests to read."""

    phone_bidx = Varchar(length=64, index=True)
    text = Text()
    message_id = Varchar(length=64)
    sent_at = Timestamptz()


class AttemptCounter(Table, db=DB, tablename="attempt_counter"):
    """Abuse-limit state shared by every API replica: a window count and a lockout."""

    key = Varchar(length=160, unique=True)
    window_started_at = Timestamptz()
    hits = Integer(default=0)
    failures = Integer(default=0)
    locked_until = Timestamptz(null=True, default=None)


class FaceCheck(Table, db=DB, tablename="face_check"):
    """A liveness + face-match session: for a tier, or bound to one transaction (step-up)."""

    id = UUID(primary_key=True)
    person = ForeignKey(references=Person, index=True)
    purpose = Varchar(length=16)
    provider = Varchar(length=64)
    provider_session_id = Varchar(length=128, index=True)
    status = Varchar(length=16, default="started")
    bound_action = Varchar(length=64, null=True, default=None)
    bound_digest = Varchar(length=64, null=True, default=None)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    image_key = Varchar(length=200, null=True, default=None)
    captured_at = Timestamptz(null=True, default=None)
    image_deleted_at = Timestamptz(null=True, default=None)
    outcome = JSONB(null=True, default=None)
    completed_at = Timestamptz(null=True, default=None)
    used_at = Timestamptz(null=True, default=None)


class CounterTicket(Table, db=DB, tablename="counter_ticket"):
    """A short-lived QR ticket a window clerk scans to verify a person (or enterprise)."""

    id = UUID(primary_key=True)
    subject = Varchar(length=64, index=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    used_by = Varchar(length=64, null=True, default=None)
