"""Passkeys (WebAuthn, via py_webauthn): register, list, rename, remove, sign in.

Every ceremony asks for a **discoverable credential** (resident key required) and **user
verification** (PIN or biometric on the device), so a passkey alone is two factors: the
device and the person (RFC 8176 ``hwk`` + ``user``). The server keeps, per ceremony, a
random challenge in ``webauthn_challenge``: bound to one purpose (and, when known, one
owner), valid for two minutes and consumed by a single atomic ``UPDATE ... WHERE used_at
IS NULL`` whatever the outcome, so a response can never be replayed.

A credential id belongs to one account only (unique column). The public key, signature
counter, AAGUID, transports and backup flags are stored; each sign-in checks the
signature counter: a non-zero counter that does not increase means the credential may
have been cloned (WebAuthn §6.1.1), so the sign-in is refused and the event audited.

Options go out as py_webauthn's ``options_to_json`` (the ``PublicKeyCredential*OptionsJSON``
shapes that ``PublicKeyCredential.parse*OptionsFromJSON`` and @simplewebauthn/browser
read); credentials come back as the JSON a browser's ``credential.toJSON()`` produces.

Staff use the lower-level pieces (:func:`registration_ceremony`, :func:`assertion_ceremony`,
:func:`consume_challenge`, :func:`verify_new_credential`, :func:`store_passkey`,
:func:`verify_assertion`) from :mod:`identity.staff`, where a passkey is the second factor
after the password.
"""

from __future__ import annotations

import json
import logging
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    parse_authentication_credential_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticationCredential,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    RegistrationCredential,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from core import clock
from core.audit import service as audit
from core.db import DB
from core.settings import Settings
from identity import limits, sessions
from identity.errors import (
    AlreadyExists,
    CodeInvalid,
    InvalidInput,
    LoginFailed,
    NotAllowed,
    NotFound,
    VerificationFailed,
)
from identity.inputs import has_control_characters
from identity.pii import masked_phone
from identity.runtime import IdentityRuntime
from identity.sessions import IssuedTokens
from identity.tables import Passkey, Person, StaffMember, WebAuthnChallenge

logger = logging.getLogger(__name__)

#: How long a ceremony's challenge is valid (also the browser's timeout hint).
CHALLENGE_SECONDS = 120
#: Passkeys one account may hold.
MAX_PASSKEYS = 20
#: RFC 8176 methods of a passkey sign-in: a hardware-bound key, verified user.
PASSKEY_AMR = ("hwk", "user")
RP_NAME = "OneTap"

_USER_HANDLE_CONTEXT = "webauthn.user_handle"
_NICKNAME_MAX = 64
# Challenges older than this are deleted when new ones are made (they are long dead).
_CHALLENGE_KEEP = timedelta(days=1)
# Errors py_webauthn (and the CBOR/COSE parsing under it) raise for malformed input.
_BAD_CREDENTIAL = (WebAuthnException, ValueError, TypeError, KeyError, IndexError)


class Purpose(StrEnum):
    """What a challenge may be used for; a challenge for one is refused for any other."""

    REGISTER = "register"  # a signed-in person or staff member adds a passkey
    LOGIN = "login"  # a resident signs in with a discoverable passkey
    STAFF_LOGIN = "staff_login"  # second factor after a staff member's password
    STAFF_ENROL = "staff_enrol"  # a new staff member's first passkey (enrolment code)


@dataclass(frozen=True, slots=True)
class RelyingParty:
    id: str
    name: str
    origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ceremony:
    """A started ceremony: the options for the browser (JSON) and the challenge to finish it."""

    challenge_id: str
    options_json: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class PasskeyRecord:
    id: str
    nickname: str
    created_at: datetime
    last_used_at: datetime | None
    backed_up: bool
    device_type: str
    transports: tuple[str, ...]
    aaguid: str


@dataclass(frozen=True, slots=True)
class NewCredential:
    """A verified registration response, ready to store."""

    credential_id: bytes
    public_key: bytes
    sign_count: int
    aaguid: str
    transports: tuple[str, ...]
    backed_up: bool
    device_type: str


@dataclass(frozen=True, slots=True)
class ConsumedChallenge:
    challenge: bytes
    purpose: Purpose
    owner: str | None


@dataclass(frozen=True, slots=True)
class Assertion:
    """A verified sign-in: which passkey, whose."""

    passkey_id: str
    owner: str


def relying_party(settings: Settings) -> RelyingParty:
    """The RP id and accepted origins: from settings, else from the public URL."""
    public = urlsplit(settings.app.public_url)
    rp_id = settings.identity.webauthn_rp_id or (public.hostname or "localhost")
    origins = settings.identity.webauthn_origins or (f"{public.scheme}://{public.netloc}",)
    return RelyingParty(id=rp_id, name=RP_NAME, origins=tuple(o.rstrip("/") for o in origins))


def user_handle(runtime: IdentityRuntime, subject: str) -> bytes:
    """The WebAuthn ``user.id`` of ``subject``: stable and opaque (a keyed hash, no PII)."""
    return bytes.fromhex(runtime.keys.blind_index.compute(subject, _USER_HANDLE_CONTEXT))


def checked_nickname(raw: str | None, default: str = "Passkey") -> str:
    nickname = unicodedata.normalize("NFKC", raw or "").strip() or default
    if len(nickname) > _NICKNAME_MAX or has_control_characters(nickname):
        raise InvalidInput(
            "nickname", "format", f"A passkey name has at most {_NICKNAME_MAX} characters."
        )
    return nickname


def _record(row: dict[str, Any]) -> PasskeyRecord:
    return PasskeyRecord(
        id=str(row["id"]),
        nickname=row["nickname"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        backed_up=row["backed_up"],
        device_type=row["device_type"],
        transports=tuple(row["transports"] or ()),
        aaguid=row["aaguid"],
    )


def _transports(values: list[str] | None) -> list[AuthenticatorTransport] | None:
    known: list[AuthenticatorTransport] = []
    for value in values or ():
        try:
            known.append(AuthenticatorTransport(value))
        except ValueError:
            continue
    return known or None


async def _descriptors(owner: str) -> list[PublicKeyCredentialDescriptor]:
    rows = await Passkey.select(Passkey.credential_id, Passkey.transports).where(
        Passkey.owner == owner
    )
    return [
        PublicKeyCredentialDescriptor(
            id=bytes(r["credential_id"]), transports=_transports(r["transports"])
        )
        for r in rows
    ]


async def _new_challenge(purpose: Purpose, owner: str | None) -> tuple[str, bytes, datetime]:
    now = clock.now()
    challenge = secrets.token_bytes(32)
    challenge_id = uuid.uuid4()
    expires_at = now + timedelta(seconds=CHALLENGE_SECONDS)
    await WebAuthnChallenge.delete().where(WebAuthnChallenge.expires_at < now - _CHALLENGE_KEEP)
    await WebAuthnChallenge.insert(
        WebAuthnChallenge(
            id=challenge_id,
            challenge=challenge,
            purpose=purpose.value,
            owner=owner,
            expires_at=expires_at,
        )
    )
    return str(challenge_id), challenge, expires_at


async def consume_challenge(
    challenge_id: str, purposes: tuple[Purpose, ...], *, owner: str | None = None
) -> ConsumedChallenge:
    """Use up a live challenge for one of ``purposes`` (and ``owner``, if given), once.

    One atomic UPDATE marks it used, so of two concurrent finishes only one gets it.
    """
    try:
        uuid.UUID(challenge_id)
    except ValueError:
        raise CodeInvalid("This passkey request is unknown; start again.") from None
    now = clock.now()
    query = (
        "UPDATE webauthn_challenge SET used_at = {} "
        "WHERE id = {} AND used_at IS NULL AND expires_at > {} AND purpose = ANY({})"
    )
    args: list[object] = [now, challenge_id, now, [p.value for p in purposes]]
    if owner is not None:
        query += " AND owner = {}"
        args.append(owner)
    rows = await WebAuthnChallenge.raw(query + " RETURNING challenge, purpose, owner", *args)
    if not rows:
        raise CodeInvalid("This passkey request has expired or was already used; start again.")
    row = rows[0]
    return ConsumedChallenge(bytes(row["challenge"]), Purpose(row["purpose"]), row["owner"])


async def registration_ceremony(
    runtime: IdentityRuntime,
    *,
    subject: str,
    purpose: Purpose,
    user_name: str,
    display_name: str,
) -> Ceremony:
    """Options to create a passkey for ``subject`` (its existing ones excluded)."""
    rp = relying_party(runtime.settings)
    challenge_id, challenge, expires_at = await _new_challenge(purpose, subject)
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=rp.name,
        user_id=user_handle(runtime, subject),
        user_name=user_name,
        user_display_name=display_name,
        challenge=challenge,
        timeout=CHALLENGE_SECONDS * 1000,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=await _descriptors(subject),
    )
    # credProps asks the browser to report whether it really made a discoverable (resident)
    # credential; py_webauthn has no parameter for it, so it is added to the JSON.
    document = json.loads(options_to_json(options))
    document["extensions"] = {"credProps": True}
    return Ceremony(challenge_id, json.dumps(document), expires_at)


async def assertion_ceremony(
    runtime: IdentityRuntime, *, purpose: Purpose, owner: str | None
) -> Ceremony:
    """Options to sign in: any discoverable passkey (``owner`` None) or one of ``owner``'s."""
    rp = relying_party(runtime.settings)
    challenge_id, challenge, expires_at = await _new_challenge(purpose, owner)
    options = generate_authentication_options(
        rp_id=rp.id,
        challenge=challenge,
        timeout=CHALLENGE_SECONDS * 1000,
        allow_credentials=[] if owner is None else await _descriptors(owner),
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return Ceremony(challenge_id, options_to_json(options), expires_at)


def _failed_check(exc: Exception) -> str:
    """A stable word for why py_webauthn refused a response (for the client and tests)."""
    text = str(exc).lower()
    for needle, word in (
        ("origin", "origin"),
        ("user verification", "user_verification"),
        ("user presence", "user_presence"),
        ("not present", "user_presence"),
        ("challenge", "challenge"),
        ("rp id", "rp_id"),
        ("signature", "signature"),
        ("client data type", "type"),
        ("alg", "algorithm"),
        ("backed up", "backup_flags"),
    ):
        if needle in text:
            return word
    return "malformed"


def _refused(exc: Exception) -> VerificationFailed:
    check = _failed_check(exc)
    return VerificationFailed((check,), f"The passkey response was refused ({check}).")


def _parse_registration(credential: str) -> RegistrationCredential:
    try:
        return parse_registration_credential_json(credential)
    except _BAD_CREDENTIAL:
        raise InvalidInput(
            "credential", "malformed", "The passkey response is not a valid credential."
        ) from None


def _parse_assertion(credential: str) -> AuthenticationCredential:
    try:
        return parse_authentication_credential_json(credential)
    except _BAD_CREDENTIAL:
        raise InvalidInput(
            "credential", "malformed", "The passkey response is not a valid credential."
        ) from None


def _reported_not_resident(credential: str) -> bool:
    """True when the browser said (credProps.rk) the credential is not discoverable.

    Browsers that do not report credProps are given the benefit of the doubt: the options
    already require a resident key, and the authenticator was asked for one.
    """
    try:
        document = json.loads(credential)
    except ValueError:
        return False
    extensions = document.get("clientExtensionResults") if isinstance(document, dict) else None
    props = extensions.get("credProps") if isinstance(extensions, dict) else None
    return isinstance(props, dict) and props.get("rk") is False


def verify_new_credential(
    runtime: IdentityRuntime, challenge: bytes, credential: str
) -> NewCredential:
    """Check a registration response against ``challenge`` (user verification required)."""
    parsed = _parse_registration(credential)
    if _reported_not_resident(credential):
        raise VerificationFailed(
            ("resident_key",),
            "This passkey cannot be used without typing an account: choose a device that "
            "stores passkeys.",
        )
    rp = relying_party(runtime.settings)
    try:
        verified = verify_registration_response(
            credential=parsed,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
            require_user_presence=True,
            require_user_verification=True,
        )
    except _BAD_CREDENTIAL as exc:
        raise _refused(exc) from None
    transports = tuple(t.value for t in parsed.response.transports or ())[:8]
    return NewCredential(
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        aaguid=verified.aaguid,
        transports=transports,
        backed_up=verified.credential_backed_up,
        device_type=verified.credential_device_type.value,
    )


async def store_passkey(
    subject: str, new: NewCredential, *, nickname: str, actor: str
) -> PasskeyRecord:
    """Save a verified credential for ``subject``; a credential id already known is refused.

    Call inside a transaction when other changes must stand or fall with it.
    """
    count = await Passkey.count().where(Passkey.owner == subject)
    if count >= MAX_PASSKEYS:
        raise NotAllowed(f"An account can hold at most {MAX_PASSKEYS} passkeys; remove one first.")
    passkey_id = uuid.uuid4()
    async with DB.transaction():
        rows = await Passkey.raw(
            "INSERT INTO passkey (id, owner, credential_id, public_key, sign_count, aaguid, "
            "transports, backed_up, device_type, nickname, created_at, last_used_at) "
            "VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, NULL) "
            "ON CONFLICT (credential_id) DO NOTHING RETURNING *",
            passkey_id,
            subject,
            new.credential_id,
            new.public_key,
            new.sign_count,
            new.aaguid,
            list(new.transports),
            new.backed_up,
            new.device_type,
            nickname,
            clock.now(),
        )
        if not rows:
            raise AlreadyExists("This passkey is already registered.")
        await audit.record(
            actor=actor,
            action="identity.passkey_added",
            subject_type=subject.split(":", 1)[0],
            subject_id=subject.split(":", 1)[1],
            data={
                "passkey": str(passkey_id),
                "aaguid": new.aaguid,
                "device_type": new.device_type,
                "backed_up": new.backed_up,
            },
        )
    return _record(rows[0])


async def verify_assertion(
    runtime: IdentityRuntime, challenge: bytes, credential: str, *, owner: str | None
) -> Assertion:
    """Check a sign-in response; ``owner`` None means any account's discoverable passkey.

    Refuses unknown credentials, another owner's, a missing user verification, and a
    signature counter that did not increase (reported as a possible clone). On success the
    counter, backup state and last use are updated.
    """
    parsed = _parse_assertion(credential)
    rows = await Passkey.select().where(Passkey.credential_id == parsed.raw_id)
    if not rows or (owner is not None and rows[0]["owner"] != owner):
        raise LoginFailed("This passkey is not registered here.")
    row = rows[0]
    passkey_owner: str = row["owner"]
    handle = parsed.response.user_handle
    if owner is None and handle is None:
        raise VerificationFailed(("user_handle",), "The passkey did not say whose it is.")
    if handle is not None and not secrets.compare_digest(
        handle, user_handle(runtime, passkey_owner)
    ):
        raise VerificationFailed(("user_handle",), "The passkey belongs to another account.")
    rp = relying_party(runtime.settings)
    stored = int(row["sign_count"])
    try:
        # The counter is checked below (after the signature), so a regression is told
        # apart from other failures and reported.
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
            credential_public_key=bytes(row["public_key"]),
            credential_current_sign_count=0,
            require_user_verification=True,
        )
    except _BAD_CREDENTIAL as exc:
        raise _refused(exc) from None
    presented = verified.new_sign_count
    counter_ok = (presented == 0 and stored == 0) or presented > stored
    updated = []
    if counter_ok:
        updated = await Passkey.raw(
            "UPDATE passkey SET sign_count = {}, backed_up = {}, last_used_at = {} "
            "WHERE id = {} AND ((sign_count = 0 AND {}::bigint = 0) OR sign_count < {}::bigint) "
            "RETURNING id",
            presented,
            verified.credential_backed_up,
            clock.now(),
            row["id"],
            presented,
            presented,
        )
    if not updated:
        await _report_clone(passkey_owner, str(row["id"]), stored=stored, presented=presented)
        raise VerificationFailed(
            ("sign_count",),
            "This passkey's signature counter went backwards; it may have been copied. "
            "Use another passkey or your password.",
        )
    return Assertion(passkey_id=str(row["id"]), owner=passkey_owner)


async def _report_clone(owner: str, passkey_id: str, *, stored: int, presented: int) -> None:
    logger.warning(
        "passkey %s presented signature counter %d, not above the stored %d (possible clone)",
        passkey_id,
        presented,
        stored,
    )
    await audit.record(
        actor=owner,
        action="identity.passkey_clone_suspected",
        subject_type="passkey",
        subject_id=passkey_id,
        data={"stored_sign_count": stored, "presented_sign_count": presented},
    )


# --- what the API offers ------------------------------------------------------------------


async def _user_names(runtime: IdentityRuntime, subject: str) -> tuple[str, str]:
    """(user.name, user.displayName) shown by the authenticator: never the ID number."""
    kind, subject_id = subject.split(":", 1)
    if kind == "person":
        people = await Person.select(Person.phone_enc).where(Person.id == subject_id)
        if not people:
            raise NotFound("No such account.")
        masked = masked_phone(runtime.keys, people[0]["phone_enc"])
        return masked, f"{RP_NAME} {masked}"
    if kind == "staff":
        staff = await StaffMember.select(StaffMember.username, StaffMember.name).where(
            StaffMember.id == subject_id
        )
        if not staff:
            raise NotFound("No such account.")
        return staff[0]["username"], staff[0]["name"]
    raise NotAllowed("Only people and staff hold passkeys.")


async def begin_registration(runtime: IdentityRuntime, subject: str) -> Ceremony:
    """Start adding a passkey to the signed-in ``subject``'s account."""
    if await Passkey.count().where(Passkey.owner == subject) >= MAX_PASSKEYS:
        raise NotAllowed(f"An account can hold at most {MAX_PASSKEYS} passkeys; remove one first.")
    user_name, display_name = await _user_names(runtime, subject)
    return await registration_ceremony(
        runtime,
        subject=subject,
        purpose=Purpose.REGISTER,
        user_name=user_name,
        display_name=display_name,
    )


async def finish_registration(
    runtime: IdentityRuntime,
    subject: str,
    *,
    challenge_id: str,
    credential: str,
    nickname: str | None,
) -> PasskeyRecord:
    name = checked_nickname(nickname)
    consumed = await consume_challenge(challenge_id, (Purpose.REGISTER,), owner=subject)
    new = verify_new_credential(runtime, consumed.challenge, credential)
    return await store_passkey(subject, new, nickname=name, actor=subject)


async def begin_login(runtime: IdentityRuntime, *, client_ip: str) -> Ceremony:
    """Start a resident's sign-in with any passkey on their device (no account named)."""
    if client_ip:
        await limits.hit(limits.WEBAUTHN_PER_IP, client_ip)
    return await assertion_ceremony(runtime, purpose=Purpose.LOGIN, owner=None)


async def finish_login(
    runtime: IdentityRuntime, *, challenge_id: str, credential: str, device: str
) -> IssuedTokens:
    consumed = await consume_challenge(challenge_id, (Purpose.LOGIN,))
    assertion = await verify_assertion(runtime, consumed.challenge, credential, owner=None)
    if not assertion.owner.startswith("person:"):
        # Staff sign in with username, password and passkey (identity.staff), never this.
        raise LoginFailed("Staff sign in with their username, password and passkey.")
    return await sessions.start_session(
        runtime, subject=assertion.owner, amr=PASSKEY_AMR, device=device
    )


async def list_passkeys(subject: str) -> list[PasskeyRecord]:
    rows = (
        await Passkey.select()
        .where(Passkey.owner == subject)
        .order_by(Passkey.created_at)
        .order_by(Passkey.id)
    )
    return [_record(r) for r in rows]


def _passkey_uuid(passkey_id: str) -> str:
    try:
        return str(uuid.UUID(passkey_id))
    except ValueError:
        raise NotFound("No such passkey.") from None


async def rename_passkey(subject: str, passkey_id: str, nickname: str) -> PasskeyRecord:
    name = checked_nickname(nickname)
    rows = (
        await Passkey.update({Passkey.nickname: name})
        .where((Passkey.id == _passkey_uuid(passkey_id)) & (Passkey.owner == subject))
        .returning(*Passkey.all_columns())
    )
    if not rows:
        raise NotFound("No such passkey.")
    return _record(rows[0])


async def remove_passkey(subject: str, passkey_id: str) -> None:
    """Remove one of ``subject``'s passkeys; staff always keep at least one."""
    key = _passkey_uuid(passkey_id)
    kind, subject_id = subject.split(":", 1)
    async with DB.transaction():
        if kind == "staff":
            # Serialise removals by the same staff member, so two concurrent removals
            # cannot both see "another passkey is left".
            await StaffMember.raw(
                "SELECT id FROM staff_member WHERE id = {} FOR UPDATE", subject_id
            )
        owned = await Passkey.exists().where((Passkey.id == key) & (Passkey.owner == subject))
        if not owned:
            raise NotFound("No such passkey.")
        if kind == "staff" and await Passkey.count().where(Passkey.owner == subject) <= 1:
            raise NotAllowed("Staff sign in with a passkey: keep at least one.")
        await Passkey.delete().where(Passkey.id == key)
        await audit.record(
            actor=subject,
            action="identity.passkey_removed",
            subject_type=kind,
            subject_id=subject_id,
            data={"passkey": key},
        )
