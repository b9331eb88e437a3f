"""Resident accounts: register, sign in by password or SMS code, recover.

Registration proves the phone (SMS code), checks the ID number locally (GB 11643) and
then against the population registry; only a match creates the account, at tier basic,
with the registry's answer stored as evidence. Sign-in failures lock out with backoff,
keyed on the account and on the identifier itself, so spraying many accounts or one
account from many places both stop. Recovery never restores a tier above basic.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from core import clock
from core.audit import service as audit
from core.db import DB
from identity import evidence, limits, sessions
from identity.errors import (
    AlreadyExists,
    InvalidInput,
    LoginFailed,
    ProviderUnavailable,
    RegistryMismatch,
)
from identity.ethnic_groups import is_ethnic_group
from identity.inputs import checked_text
from identity.passwords import WeakPassword, check_password_policy
from identity.pii import ID_NUMBER, PHONE, id_number_index, phone_index, seal
from identity.providers import PersonClaim, ProviderError, ProviderTimeout
from identity.runtime import IdentityRuntime
from identity.sessions import IssuedTokens
from identity.sms import SmsPurpose, checked_phone, consume_code
from identity.tables import Person
from identity.tiers import Tier
from identity.validators import InvalidIdentifier, ResidentId, check_declared_sex, parse_resident_id

_PASSWORD_REASONS = {
    "too_short": "The password is too short.",
    "too_long": "The password is too long.",
    "contains_id_number": "The password must not contain your ID number.",
    "contains_phone": "The password must not contain your phone number.",
}


@dataclass(frozen=True, slots=True)
class Registration:
    name: str
    id_number: str
    sex: str
    ethnicity: str
    phone: str
    sms_code: str
    password: str


def checked_name(raw: str) -> str:
    return checked_text(
        raw,
        field="name",
        min_length=2,
        max_length=64,
        message="Enter your name as on your ID card.",
    )


def checked_id_number(raw: str) -> ResidentId:
    try:
        return parse_resident_id(raw, today=clock.now().date())
    except InvalidIdentifier as exc:
        raise InvalidInput("idNumber", exc.reason, str(exc)) from None


def checked_password(
    runtime: IdentityRuntime, password: str, *, id_number: str, phone: str
) -> None:
    try:
        check_password_policy(
            password,
            min_length=runtime.settings.identity.password_min_length,
            id_number=id_number,
            phone=phone,
        )
    except WeakPassword as exc:
        raise InvalidInput(
            "password", exc.reason, _PASSWORD_REASONS.get(exc.reason, str(exc))
        ) from None


async def register(
    runtime: IdentityRuntime, form: Registration, *, client_ip: str, device: str
) -> IssuedTokens:
    name = checked_name(form.name)
    resident = checked_id_number(form.id_number)
    try:
        check_declared_sex(resident, form.sex)
    except (InvalidIdentifier, ValueError):
        raise InvalidInput("sex", "sex_mismatch", "The sex does not match the ID number.") from None
    if not is_ethnic_group(form.ethnicity):
        raise InvalidInput("ethnicity", "unknown", "Choose an ethnic group from the list.")
    phone = checked_phone(form.phone)
    checked_password(runtime, form.password, id_number=resident.number, phone=phone)

    keys = runtime.keys
    id_bidx = id_number_index(keys, resident.number)
    phone_bidx = phone_index(keys, phone)
    await consume_code(keys, phone=phone, purpose=SmsPurpose.REGISTER, code=form.sms_code)
    if await Person.exists().where(Person.id_number_bidx == id_bidx):
        raise AlreadyExists("An account already exists for this ID number; sign in or recover it.")
    if await Person.exists().where(Person.phone_bidx == phone_bidx):
        raise AlreadyExists("This phone number already belongs to an account.")
    await limits.hit(limits.REGISTRY_PER_TARGET, id_bidx)
    if client_ip:
        await limits.hit(limits.REGISTRY_PER_IP, client_ip)

    registry = runtime.providers.registry
    claim = PersonClaim(
        name=name, id_number=resident.number, sex=resident.sex, ethnicity=form.ethnicity
    )
    try:
        verdict = await registry.verify_person(claim)
    except ProviderTimeout:
        raise ProviderUnavailable("population registry", timed_out=True) from None
    except ProviderError:
        raise ProviderUnavailable("population registry", timed_out=False) from None
    if not verdict.matched:
        raise RegistryMismatch(
            verdict.failed_checks,
            "The population registry did not confirm: " + ", ".join(verdict.failed_checks) + ".",
        )

    person_id = uuid.uuid4()
    subject = f"person:{person_id}"
    password_hash = await runtime.hasher.hash(form.password)
    async with DB.transaction():
        await Person.insert(
            Person(
                id=person_id,
                name=name,
                id_number_enc=seal(keys, resident.number, ID_NUMBER),
                id_number_bidx=id_bidx,
                sex=resident.sex,
                ethnicity=form.ethnicity,
                phone_enc=seal(keys, phone, PHONE),
                phone_bidx=phone_bidx,
                password_hash=password_hash,
                tier=Tier.BASIC.value,
                created_at=clock.now(),
            )
        )
        await audit.record(
            actor=subject,
            action="identity.registered",
            subject_type="person",
            subject_id=str(person_id),
            data={},
        )
        await evidence.grant(
            subject=subject,
            tier=Tier.BASIC,
            method=evidence.Method.REGISTRY,
            provider=registry.name,
            provider_reference=verdict.reference,
            actor=subject,
        )
    return await sessions.start_session(runtime, subject=subject, amr=("pwd", "sms"), device=device)


def _identifier_index(runtime: IdentityRuntime, identifier: str) -> tuple[str, str]:
    """(column, blind index) for an ID number or a phone typed into the sign-in box."""
    text = identifier.strip()
    if len(text) == 18:
        return "id", id_number_index(runtime.keys, text)
    return "phone", phone_index(runtime.keys, checked_phone(text))


async def login_with_password(
    runtime: IdentityRuntime, *, identifier: str, password: str, device: str
) -> IssuedTokens:
    try:
        column, bidx = _identifier_index(runtime, identifier)
    except InvalidInput:
        raise LoginFailed("The ID number or phone, or the password, is wrong.") from None
    await limits.check_locked(limits.LOGIN_ID_NUMBER, bidx)
    where = Person.id_number_bidx == bidx if column == "id" else Person.phone_bidx == bidx
    rows = await Person.select(Person.id, Person.password_hash, Person.id_number_bidx).where(where)
    if not rows:
        await runtime.hasher.burn()  # same cost as a real check: no account enumeration
        await limits.record_failure(limits.LOGIN_ID_NUMBER, bidx)
        raise LoginFailed("The ID number or phone, or the password, is wrong.")
    person_id = str(rows[0]["id"])
    # Keyed on the person's ID number too, whichever identifier was typed: guessing by
    # phone and by ID number counts against the same target.
    targets = {bidx, rows[0]["id_number_bidx"]}
    for target in targets:
        await limits.check_locked(limits.LOGIN_ID_NUMBER, target)
    await limits.check_locked(limits.LOGIN_ACCOUNT, person_id)
    result = await runtime.hasher.verify(rows[0]["password_hash"], password)
    if not result.ok:
        for target in targets:
            await limits.record_failure(limits.LOGIN_ID_NUMBER, target)
        await limits.record_failure(limits.LOGIN_ACCOUNT, person_id)
        raise LoginFailed("The ID number or phone, or the password, is wrong.")
    for target in targets:
        await limits.clear_failures(limits.LOGIN_ID_NUMBER, target)
    await limits.clear_failures(limits.LOGIN_ACCOUNT, person_id)
    if result.new_hash is not None:
        await Person.update({Person.password_hash: result.new_hash}).where(Person.id == person_id)
    return await sessions.start_session(
        runtime, subject=f"person:{person_id}", amr=("pwd",), device=device
    )


async def login_with_sms(
    runtime: IdentityRuntime, *, phone: str, code: str, device: str
) -> IssuedTokens:
    phone = checked_phone(phone)
    await consume_code(runtime.keys, phone=phone, purpose=SmsPurpose.LOGIN, code=code)
    rows = await Person.select(Person.id).where(
        Person.phone_bidx == phone_index(runtime.keys, phone)
    )
    if not rows:
        raise LoginFailed("No account uses this phone number; register first.")
    return await sessions.start_session(
        runtime, subject=f"person:{rows[0]['id']}", amr=("sms",), device=device
    )


async def recover(
    runtime: IdentityRuntime,
    *,
    id_number: str,
    phone: str,
    code: str,
    new_password: str,
    device: str,
) -> IssuedTokens:
    """Reset the password with the phone and ID number; the account drops to basic."""
    resident = checked_id_number(id_number)
    phone = checked_phone(phone)
    checked_password(runtime, new_password, id_number=resident.number, phone=phone)
    await consume_code(runtime.keys, phone=phone, purpose=SmsPurpose.RECOVERY, code=code)
    rows = await Person.select(Person.id).where(
        (Person.id_number_bidx == id_number_index(runtime.keys, resident.number))
        & (Person.phone_bidx == phone_index(runtime.keys, phone))
    )
    if not rows:
        raise LoginFailed("The ID number and phone do not belong to the same account.")
    person_id = str(rows[0]["id"])
    subject = f"person:{person_id}"
    new_hash = await runtime.hasher.hash(new_password)
    async with DB.transaction():
        await Person.update({Person.password_hash: new_hash}).where(Person.id == person_id)
        # SMS + ID number prove little (both can be stolen): whoever recovers starts over
        # at basic and must verify again for anything more.
        await evidence.revoke_above_basic(subject, actor=subject, reason="account_recovery")
        await sessions.revoke_all(subject, "account_recovery", actor=subject)
        await audit.record(
            actor=subject,
            action="identity.recovered",
            subject_type="person",
            subject_id=person_id,
            data={},
        )
    await limits.clear_failures(limits.LOGIN_ACCOUNT, person_id)
    return await sessions.start_session(runtime, subject=subject, amr=("sms",), device=device)
