"""Sandbox providers: every magic input, and the ordinary match / mismatch paths."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import struct
import time
import zlib
from datetime import UTC, datetime, timedelta

import pytest

from core import clock
from core.settings import SettingsError, load_settings
from identity.providers import (
    EnterpriseClaim,
    FaceVerifier,
    PersonClaim,
    ProviderError,
    ProviderTimeout,
    ResultSignatureError,
    SignedFaceResult,
    ThirdPartyMethod,
    build_providers,
    sandbox_companies,
    sandbox_people,
)
from identity.providers.sandbox import (
    SandboxAccountVerifier,
    SandboxBusinessRegistry,
    SandboxCertificateAuthority,
    SandboxCompany,
    SandboxFaceVerifier,
    SandboxPerson,
    SandboxPopulationRegistry,
    SandboxSmsGateway,
    SandboxTaxAccountVerifier,
    sandbox_portrait,
)

from .conftest import MemoryOutbox

PNG = sandbox_portrait("350102197803157299")
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def person(name: str) -> SandboxPerson:
    return next(p for p in sandbox_people() if p.name == name)


def claim_for(p: SandboxPerson, **changes: str) -> PersonClaim:
    claim = PersonClaim(name=p.name, id_number=p.id_number, sex=p.sex, ethnicity=p.ethnicity)
    return dataclasses.replace(claim, **changes)  # type: ignore[arg-type]


# --- Population registry ----------------------------------------------------------------


@pytest.mark.parametrize(
    "p",
    [p for p in sandbox_people() if p.name not in {"王失败", "李超时"}],
    ids=lambda p: p.name,
)
async def test_every_ordinary_person_matches(p: SandboxPerson) -> None:
    verdict = await SandboxPopulationRegistry().verify_person(claim_for(p))
    assert verdict.matched
    assert verdict.failed_checks == ()
    assert verdict.reference.startswith("sbx-reg-")


async def test_registry_reports_each_differing_field() -> None:
    registry = SandboxPopulationRegistry()
    p = person("陈明辉")
    assert (await registry.verify_person(claim_for(p, name="陈明"))).failed_checks == ("name",)
    assert (await registry.verify_person(claim_for(p, sex="F"))).failed_checks == ("sex",)
    assert (await registry.verify_person(claim_for(p, ethnicity="22"))).failed_checks == (
        "ethnicity",
    )
    everything = await registry.verify_person(claim_for(p, name="陈明", sex="F", ethnicity="03"))
    assert not everything.matched
    assert everything.failed_checks == ("name", "sex", "ethnicity")


async def test_unknown_id_number_fails_on_id_number_alone() -> None:
    verdict = await SandboxPopulationRegistry().verify_person(
        PersonClaim(name="陈明辉", id_number="11010519491231002X", sex="M", ethnicity="01")
    )
    assert not verdict.matched
    assert verdict.failed_checks == ("id_number",)


async def test_registry_normalises_lower_case_x_and_full_width_and_spaces() -> None:
    p = person("马文华")
    assert p.id_number.endswith("X")
    claim = claim_for(p, id_number=p.id_number.lower(), name=" 马文华 ")
    assert (await SandboxPopulationRegistry().verify_person(claim)).matched
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in p.id_number)  # ３５０… as an IME types it
    assert (
        await SandboxPopulationRegistry().verify_person(claim_for(p, id_number=full_width))
    ).matched


@pytest.mark.parametrize("name", ["王失败", "Fail Smith", "某某失败"])
async def test_registry_error_magic(name: str) -> None:
    p = person("陈明辉")
    with pytest.raises(ProviderError) as info:
        await SandboxPopulationRegistry().verify_person(claim_for(p, name=name))
    assert not isinstance(info.value, ProviderTimeout)
    assert info.value.provider == "registry"
    assert name not in str(info.value)


@pytest.mark.parametrize("name", ["李超时", "Timothy Time"])
async def test_registry_timeout_magic_is_immediate(name: str) -> None:
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        await SandboxPopulationRegistry(timeout_ms=30_000).verify_person(
            claim_for(person("李超时"), name=name)
        )
    assert time.monotonic() - started < 1


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks.append((kind, body))
        offset += 12 + length
    return chunks


async def test_reference_photo_is_a_valid_deterministic_png() -> None:
    registry = SandboxPopulationRegistry()
    p, q = person("陈明辉"), person("林淑芬")
    photo = await registry.reference_photo(p.id_number)
    chunks = _png_chunks(photo)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (width, height, depth, colour) == (16, 16, 8, 2)
    assert len(zlib.decompress(chunks[1][1])) == height * (1 + width * 3)
    assert photo == await registry.reference_photo(p.id_number.lower())
    assert photo != await registry.reference_photo(q.id_number)


async def test_reference_photo_unknown_and_magic_people() -> None:
    registry = SandboxPopulationRegistry()
    with pytest.raises(ProviderError, match="no portrait"):
        await registry.reference_photo("11010519491231002X")
    with pytest.raises(ProviderError) as info:
        await registry.reference_photo(person("王失败").id_number)
    assert not isinstance(info.value, ProviderTimeout)
    with pytest.raises(ProviderTimeout):
        await registry.reference_photo(person("李超时").id_number)


# --- Business registry -------------------------------------------------------------------


def enterprise_claim(name: str | None = None, **changes: str) -> EnterpriseClaim:
    company = next(c for c in sandbox_companies() if "失败" not in c.name)
    claim = EnterpriseClaim(
        name=name or company.name,
        registration_number=company.registration_number,
        credit_code=company.credit_code,
        legal_representative_name=company.legal_representative_name,
        legal_representative_id_number=company.legal_representative_id_number,
    )
    return dataclasses.replace(claim, **changes)


@pytest.mark.parametrize(
    "company", [c for c in sandbox_companies() if "失败" not in c.name], ids=lambda c: c.name
)
async def test_every_ordinary_company_matches(company: SandboxCompany) -> None:
    claim = EnterpriseClaim(
        name=company.name,
        registration_number=company.registration_number,
        credit_code=company.credit_code.lower(),
        legal_representative_name=company.legal_representative_name,
        legal_representative_id_number=company.legal_representative_id_number,
    )
    verdict = await SandboxBusinessRegistry().verify_enterprise(claim)
    assert verdict.matched
    assert verdict.reference.startswith("sbx-biz-")


async def test_business_registry_mismatches() -> None:
    registry = SandboxBusinessRegistry()
    other = person("潘嘉怡")
    cases = {
        ("name",): enterprise_claim(name="福州别的公司有限公司"),
        ("registration_number",): enterprise_claim(registration_number="350102000000000"),
        ("legal_representative",): enterprise_claim(legal_representative_name=other.name),
        ("name", "legal_representative"): enterprise_claim(
            name="福州别的公司有限公司", legal_representative_id_number=other.id_number
        ),
    }
    for expected, claim in cases.items():
        verdict = await registry.verify_enterprise(claim)
        assert not verdict.matched
        assert verdict.failed_checks == expected


async def test_unknown_credit_code() -> None:
    verdict = await SandboxBusinessRegistry().verify_enterprise(
        enterprise_claim(credit_code="91110000600037341L")
    )
    assert verdict.failed_checks == ("credit_code",)


async def test_business_registry_magic() -> None:
    registry = SandboxBusinessRegistry()
    seeded = next(c for c in sandbox_companies() if "失败" in c.name)
    with pytest.raises(ProviderError) as info:
        await registry.verify_enterprise(
            enterprise_claim(name=seeded.name, credit_code=seeded.credit_code)
        )
    assert not isinstance(info.value, ProviderTimeout)
    with pytest.raises(ProviderTimeout):
        await registry.verify_enterprise(enterprise_claim(name="厦门超时科技有限公司"))


# --- SMS -------------------------------------------------------------------------------


async def test_sms_is_kept_in_the_outbox(outbox: MemoryOutbox) -> None:
    gateway = SandboxSmsGateway(outbox)
    first = await gateway.send(phone="13805911234", text="【OneTap】验证码 123456")
    second = await gateway.send(phone="13950125678", text="【OneTap】验证码 654321")
    assert first != second
    assert [(m.phone, m.text, m.message_id) for m in outbox.messages] == [
        ("13805911234", "【OneTap】验证码 123456", first),
        ("13950125678", "【OneTap】验证码 654321", second),
    ]


async def test_sms_magic_phones(outbox: MemoryOutbox) -> None:
    gateway = SandboxSmsGateway(outbox)
    with pytest.raises(ProviderError) as info:
        await gateway.send(phone=person("王失败").phone, text="code")
    assert not isinstance(info.value, ProviderTimeout)
    assert person("王失败").phone not in str(info.value)
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        await gateway.send(phone=person("李超时").phone, text="code")
    assert time.monotonic() - started < 1
    assert outbox.messages == []


@pytest.mark.parametrize("phone", ["1380591123", "23805911234", "+8613805911234", ""])
async def test_sms_refuses_what_a_gateway_would(outbox: MemoryOutbox, phone: str) -> None:
    with pytest.raises(ProviderError, match="mobile"):
        await SandboxSmsGateway(outbox).send(phone=phone, text="code")
    assert outbox.messages == []


# --- Face ------------------------------------------------------------------------------


async def _capture(face: FaceVerifier, hint: str, image: bytes = PNG) -> SignedFaceResult:
    ticket = await face.start_session(session_reference="our-session-1")
    return await face.submit_capture(
        provider_session_id=ticket.provider_session_id, image=image, reference_photo=PNG, hint=hint
    )


async def test_face_session_ticket_expires_in_five_minutes() -> None:
    moment = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    with clock.frozen_at(moment):
        ticket = await SandboxFaceVerifier().start_session(session_reference="r")
    assert ticket.expires_at == moment + timedelta(minutes=5)
    other = await SandboxFaceVerifier().start_session(session_reference="r")
    assert other.provider_session_id != ticket.provider_session_id


async def test_face_match() -> None:
    face = SandboxFaceVerifier()
    ticket = await face.start_session(session_reference="r")
    signed = await face.submit_capture(
        provider_session_id=ticket.provider_session_id,
        image=JPEG,
        reference_photo=PNG,
        hint="陈明辉",
    )
    outcome = face.open_result(signed, now=clock.now())
    assert outcome.provider_session_id == ticket.provider_session_id
    assert outcome.liveness_passed and outcome.matched
    assert 80 <= outcome.score <= 100
    assert outcome.reference.startswith("sbx-face-")
    assert abs((outcome.checked_at - clock.now()).total_seconds()) < 5


@pytest.mark.parametrize(
    ("hint", "image", "liveness", "matched"),
    [
        ("张不符", PNG, True, False),
        ("Mismatch Lee", PNG, True, False),
        ("赵假体", PNG, False, False),
        ("Spoof Zhao", JPEG, False, False),
        ("陈明辉", b"GIF89a" + b"\x00" * 20, False, False),
        ("陈明辉", b"", False, False),
    ],
)
async def test_face_magic_outcomes(hint: str, image: bytes, liveness: bool, matched: bool) -> None:
    face = SandboxFaceVerifier()
    outcome = face.open_result(await _capture(face, hint, image), now=clock.now())
    assert outcome.liveness_passed is liveness
    assert outcome.matched is matched
    assert outcome.score < 60


async def test_face_error_and_timeout_magic() -> None:
    face = SandboxFaceVerifier()
    with pytest.raises(ProviderError) as info:
        await _capture(face, "王失败")
    assert not isinstance(info.value, ProviderTimeout)
    with pytest.raises(ProviderTimeout):
        await _capture(face, "李超时")


async def test_face_session_must_be_ours_and_unexpired() -> None:
    face = SandboxFaceVerifier()
    moment = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    with clock.frozen_at(moment) as frozen:
        ticket = await face.start_session(session_reference="r")
        frozen.advance(timedelta(seconds=301))
        with pytest.raises(ProviderError, match="expired"):
            await face.submit_capture(
                provider_session_id=ticket.provider_session_id,
                image=PNG,
                reference_photo=PNG,
                hint="陈明辉",
            )
    forged = ticket.provider_session_id[:-4] + "0000"
    for session_id in (forged, "made-up", ""):
        with pytest.raises(ProviderError, match="unknown"):
            await face.submit_capture(
                provider_session_id=session_id, image=PNG, reference_photo=PNG, hint="陈明辉"
            )
    # A session opened under another secret (another deployment) is not ours either.
    foreign = await SandboxFaceVerifier(b"another-secret-entirely-32-bytes").start_session(
        session_reference="r"
    )
    with pytest.raises(ProviderError, match="unknown"):
        await face.submit_capture(
            provider_session_id=foreign.provider_session_id,
            image=PNG,
            reference_photo=PNG,
            hint="陈明辉",
        )


async def test_face_result_tampering_is_rejected() -> None:
    face = SandboxFaceVerifier()
    signed = await _capture(face, "张不符")
    flipped = signed.body.replace(b'"match":false', b'"match":true')
    assert flipped != signed.body
    cases = [
        dataclasses.replace(signed, body=flipped),
        dataclasses.replace(signed, timestamp=str(int(signed.timestamp) + 1)),
        dataclasses.replace(signed, signature=""),
        dataclasses.replace(signed, signature="not base64!"),
        dataclasses.replace(signed, signature=base64.b64encode(b"\x00" * 32).decode()),
    ]
    for bad in cases:
        with pytest.raises(ResultSignatureError):
            face.open_result(bad, now=clock.now())
    with pytest.raises(ResultSignatureError):
        SandboxFaceVerifier(b"another-secret-entirely-32-bytes").open_result(
            signed, now=clock.now()
        )


async def test_face_result_staleness() -> None:
    face = SandboxFaceVerifier()
    signed = await _capture(face, "陈明辉")
    issued = datetime.fromtimestamp(int(signed.timestamp), UTC)
    assert face.open_result(signed, now=issued + timedelta(seconds=300)).matched
    assert face.open_result(signed, now=issued - timedelta(seconds=300)).matched
    with pytest.raises(ResultSignatureError, match="stale"):
        face.open_result(signed, now=issued + timedelta(seconds=301))
    with pytest.raises(ResultSignatureError, match="stale"):
        face.open_result(signed, now=issued - timedelta(seconds=301))


async def test_correctly_signed_but_malformed_body_is_rejected() -> None:
    face = SandboxFaceVerifier()
    signed = await _capture(face, "陈明辉")
    data = json.loads(signed.body)
    data["score"] = "93"
    body = json.dumps(data).encode()
    resigned = SignedFaceResult(
        body=body, timestamp=signed.timestamp, signature=face._sign(signed.timestamp, body)
    )
    with pytest.raises(ResultSignatureError, match="wrong type"):
        face.open_result(resigned, now=clock.now())


# --- Accounts and tax ---------------------------------------------------------------------


@pytest.mark.parametrize("method", list(ThirdPartyMethod))
async def test_accounts_match(method: ThirdPartyMethod) -> None:
    p = person("陈明辉")
    verdict = await SandboxAccountVerifier().verify_account(
        method=method,
        name=p.name,
        id_number=p.id_number,
        account="6222020200112233445",
        phone=p.phone,
    )
    assert verdict.matched
    assert verdict.reference.startswith("sbx-acct-")


async def test_account_magic() -> None:
    verifier = SandboxAccountVerifier()
    p = person("陈明辉")
    bad = await verifier.verify_account(
        method=ThirdPartyMethod.BANK_CARD,
        name=p.name,
        id_number=p.id_number,
        account="6222020200110000",
        phone=p.phone,
    )
    assert (bad.matched, bad.failed_checks) == (False, ("account",))
    no_phone = await verifier.verify_account(
        method=ThirdPartyMethod.BANK_CARD,
        name=p.name,
        id_number=p.id_number,
        account="6222020200112233",
        phone=None,
    )
    assert no_phone.failed_checks == ("phone",)
    alipay = await verifier.verify_account(
        method=ThirdPartyMethod.ALIPAY,
        name=p.name,
        id_number=p.id_number,
        account="chen@example.cn",
        phone=None,
    )
    assert alipay.matched
    with pytest.raises(ProviderError) as info:
        await verifier.verify_account(
            method=ThirdPartyMethod.HOUSING_FUND,
            name="王失败",
            id_number=p.id_number,
            account="12345",
            phone=None,
        )
    assert not isinstance(info.value, ProviderTimeout)
    with pytest.raises(ProviderTimeout):
        await verifier.verify_account(
            method=ThirdPartyMethod.ALIPAY,
            name="李超时",
            id_number=p.id_number,
            account="12345",
            phone=None,
        )


async def test_tax_account_outcomes() -> None:
    verifier = SandboxTaxAccountVerifier()
    code = sandbox_companies()[0].credit_code
    good = await verifier.verify_tax_account(credit_code=code, tax_account="350102123456")
    assert good.matched and good.reference.startswith("sbx-tax-")
    bad = await verifier.verify_tax_account(credit_code=code, tax_account="350102120000")
    assert (bad.matched, bad.failed_checks) == (False, ("tax_account",))
    broken_code = code[:-1] + ("0" if code[-1] != "0" else "1")
    bad_code = await verifier.verify_tax_account(
        credit_code=broken_code, tax_account="350102123456"
    )
    assert bad_code.failed_checks == ("credit_code",)
    with pytest.raises(ProviderTimeout):
        await verifier.verify_tax_account(credit_code=code, tax_account="350102129999")
    with pytest.raises(ProviderError) as info:
        await verifier.verify_tax_account(credit_code=code, tax_account="350102128888")
    assert not isinstance(info.value, ProviderTimeout)


# --- build_providers ----------------------------------------------------------------------


async def test_build_providers_sandbox(outbox: MemoryOutbox) -> None:
    providers = build_providers(load_settings({"ONETAP_ENV": "test"}), sms_outbox=outbox)
    assert isinstance(providers.registry, SandboxPopulationRegistry)
    assert isinstance(providers.business_registry, SandboxBusinessRegistry)
    assert isinstance(providers.sms, SandboxSmsGateway)
    assert isinstance(providers.face, SandboxFaceVerifier)
    assert isinstance(providers.accounts, SandboxAccountVerifier)
    assert isinstance(providers.tax, SandboxTaxAccountVerifier)
    assert isinstance(providers.ca, SandboxCertificateAuthority)
    await providers.sms.send(phone="13805911234", text="hi")
    assert len(outbox.messages) == 1
    await providers.aclose()


class SlowOutbox:
    async def keep(self, *, phone: str, text: str, message_id: str) -> None:
        await asyncio.sleep(5)


async def test_sandbox_calls_are_bounded_by_the_configured_timeout() -> None:
    settings = load_settings({"ONETAP_ENV": "test", "ONETAP_IDENTITY_PROVIDER_TIMEOUT_MS": "50"})
    providers = build_providers(settings, sms_outbox=SlowOutbox())
    started = time.monotonic()
    with pytest.raises(ProviderTimeout, match="50 ms"):
        await providers.sms.send(phone="13805911234", text="hi")
    assert time.monotonic() - started < 1


async def test_build_providers_uses_the_configured_face_secret(outbox: MemoryOutbox) -> None:
    secret = base64.b64encode(b"k" * 16 + b"0123456789abcdef").decode()
    configured = build_providers(
        load_settings({"ONETAP_ENV": "test", "ONETAP_IDENTITY_FACE_RESULT_SECRET": secret}),
        sms_outbox=outbox,
    )
    development = build_providers(load_settings({"ONETAP_ENV": "test"}), sms_outbox=outbox)
    signed = await _capture(configured.face, "陈明辉")
    assert configured.face.open_result(signed, now=clock.now()).matched
    with pytest.raises(ResultSignatureError):
        development.face.open_result(signed, now=clock.now())


def test_build_providers_rejects_a_face_secret_that_is_not_base64(outbox: MemoryOutbox) -> None:
    settings = load_settings(
        {"ONETAP_ENV": "test", "ONETAP_IDENTITY_FACE_RESULT_SECRET": "not base64!"}
    )
    with pytest.raises(SettingsError) as info:
        build_providers(settings, sms_outbox=outbox)
    assert info.value.variable == "ONETAP_IDENTITY_FACE_RESULT_SECRET"
