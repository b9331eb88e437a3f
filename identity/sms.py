"""SMS one-time codes: send (with limits per phone, IP and account), verify (single use).

Codes are six digits, valid ``sms_code_seconds``, stored as a keyed hash bound to the
challenge id, and burnt after :data:`~identity.limits.SMS_CODE_ATTEMPTS` wrong guesses.
A send never reveals whether the phone has an account.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from core import clock
from core.crypto import KeyMaterial, normalise_phone
from core.db import DB
from identity import limits
from identity.errors import CodeInvalid, InvalidInput, ProviderUnavailable
from identity.pii import phone_index
from identity.providers import ProviderError, ProviderTimeout, SmsGateway
from identity.tables import SandboxSms, SmsChallenge

_PHONE_DIGITS = 11


class SmsPurpose(StrEnum):
    REGISTER = "register"
    LOGIN = "login"
    RECOVERY = "recovery"
    CHANGE_PHONE = "change_phone"


_TEXT = {
    SmsPurpose.REGISTER: "您正在注册一键办账号",
    SmsPurpose.LOGIN: "您正在登录一键办",
    SmsPurpose.RECOVERY: "您正在找回一键办账号",
    SmsPurpose.CHANGE_PHONE: "您正在更换一键办绑定手机",
}


def checked_phone(raw: str) -> str:
    """A mainland mobile number, normalised; :class:`InvalidInput` otherwise."""
    phone = normalise_phone(raw)
    if len(phone) != _PHONE_DIGITS or not phone.startswith("1") or phone[1] not in "3456789":
        raise InvalidInput("phone", "format", "Enter an 11-digit mainland mobile number.")
    return phone


class DatabaseSmsOutbox:
    """Where the sandbox gateway keeps 'sent' messages: a table every replica can read."""

    def __init__(self, keys: KeyMaterial) -> None:
        self._keys = keys

    async def keep(self, *, phone: str, text: str, message_id: str) -> None:
        await SandboxSms.insert(
            SandboxSms(
                phone_bidx=phone_index(self._keys, phone),
                text=text,
                message_id=message_id,
                sent_at=clock.now(),
            )
        )


@dataclass(frozen=True, slots=True)
class SandboxMessage:
    text: str
    sent_at: datetime


async def sandbox_inbox(keys: KeyMaterial, phone: str, limit: int = 10) -> list[SandboxMessage]:
    rows = (
        await SandboxSms.select(SandboxSms.text, SandboxSms.sent_at)
        .where(SandboxSms.phone_bidx == phone_index(keys, checked_phone(phone)))
        .order_by(SandboxSms._meta.primary_key, ascending=False)
        .limit(limit)
    )
    return [SandboxMessage(r["text"], r["sent_at"]) for r in rows]


def _code_hash(keys: KeyMaterial, challenge_id: uuid.UUID, code: str) -> str:
    # Keyed and bound to the challenge: a leaked table row cannot be brute-forced offline
    # (a million codes) without the blind-index key.
    return keys.blind_index.compute(f"{challenge_id}:{code}", "identity.sms_code")


@dataclass(frozen=True, slots=True)
class CodeSent:
    expires_at: datetime
    resend_after_seconds: int


async def send_code(
    runtime_keys: KeyMaterial,
    sms: SmsGateway,
    *,
    phone: str,
    purpose: SmsPurpose,
    code_seconds: int,
    client_ip: str,
    account: str | None = None,
) -> CodeSent:
    """Send a new code to ``phone`` for ``purpose`` within every limit."""
    phone = checked_phone(phone)
    bidx = phone_index(runtime_keys, phone)
    await limits.hit(limits.SMS_PHONE_GAP, bidx, message="Wait a minute before asking again.")
    await limits.hit(limits.SMS_PER_PHONE, bidx)
    if client_ip:
        await limits.hit(limits.SMS_PER_IP, client_ip)
    if account:
        await limits.hit(limits.SMS_PER_ACCOUNT, account)
    code = f"{secrets.randbelow(1_000_000):06d}"
    challenge_id = uuid.uuid4()
    now = clock.now()
    expires = now + timedelta(seconds=code_seconds)
    try:
        await sms.send(
            phone=phone,
            text=f"【一键办】验证码 {code}，{code_seconds // 60} 分钟内有效。{_TEXT[purpose]}，"
            "请勿告诉他人。",
        )
    except ProviderTimeout:
        raise ProviderUnavailable("SMS", timed_out=True) from None
    except ProviderError:
        raise ProviderUnavailable("SMS", timed_out=False) from None
    await SmsChallenge.insert(
        SmsChallenge(
            id=challenge_id,
            phone_bidx=bidx,
            purpose=purpose.value,
            code_hash=_code_hash(runtime_keys, challenge_id, code),
            created_at=now,
            expires_at=expires,
        )
    )
    return CodeSent(expires_at=expires, resend_after_seconds=limits.SMS_PHONE_GAP.seconds)


async def consume_code(keys: KeyMaterial, *, phone: str, purpose: SmsPurpose, code: str) -> None:
    """Accept ``code`` once for the newest live challenge; :class:`CodeInvalid` otherwise."""
    phone = checked_phone(phone)
    bidx = phone_index(keys, phone)
    now = clock.now()
    refusal: str | None = None
    # The wrong-guess count must commit even though the call fails, so the refusal is
    # raised after the transaction rather than from inside it (which would roll it back).
    async with DB.transaction():
        rows = await SmsChallenge.raw(
            "SELECT id, code_hash, attempts FROM sms_challenge "
            "WHERE phone_bidx = {} AND purpose = {} AND consumed_at IS NULL AND expires_at > {} "
            "ORDER BY created_at DESC LIMIT 1 FOR UPDATE",
            bidx,
            purpose.value,
            now,
        )
        if not rows or rows[0]["attempts"] >= limits.SMS_CODE_ATTEMPTS:
            refusal = "The code has expired or was used; ask for a new one."
        elif not hmac.compare_digest(
            _code_hash(keys, rows[0]["id"], code.strip()), rows[0]["code_hash"]
        ):
            await SmsChallenge.update({SmsChallenge.attempts: SmsChallenge.attempts + 1}).where(
                SmsChallenge.id == rows[0]["id"]
            )
            left = limits.SMS_CODE_ATTEMPTS - rows[0]["attempts"] - 1
            refusal = (
                f"The code is wrong; {left} attempt(s) left."
                if left
                else "The code is wrong and can no longer be used; ask for a new one."
            )
        else:
            await SmsChallenge.update({SmsChallenge.consumed_at: now}).where(
                SmsChallenge.id == rows[0]["id"]
            )
    if refusal is not None:
        raise CodeInvalid(refusal)
