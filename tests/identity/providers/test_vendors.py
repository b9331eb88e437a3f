"""Vendor adapters against a simulated vendor: signed requests, signed answers, failures."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from core import clock
from core.settings import load_settings
from identity.providers import (
    EnterpriseClaim,
    IdentityProviders,
    PersonClaim,
    ProviderError,
    ProviderTimeout,
    ResultSignatureError,
    SignedFaceResult,
    ThirdPartyMethod,
    VendorConfigError,
    build_providers,
    load_vendors,
)
from identity.providers.sandbox import sandbox_portrait
from identity.providers.vendors import (
    VendorCertificateAuthority,
    VendorFaceVerifier,
    VendorPopulationRegistry,
    request_signature,
    vendor_providers,
)

from .conftest import BASE_URL, MemoryOutbox, VendorSim, issue_leaf, make_ca, ok, public_pem

CLAIM = PersonClaim(name="陈明辉", id_number="350102197803157299", sex="M", ethnicity="01")
PNG = sandbox_portrait("350102197803157299")


def verdict(matched: bool = True, failed: list[str] | None = None, tid: str = "T-1") -> Any:
    return lambda _path, _payload: ok(
        {"matched": matched, "failed_checks": failed or [], "transaction_id": tid}
    )


@pytest.fixture
def providers(sim: VendorSim, tmp_path: Path, outbox: MemoryOutbox) -> IdentityProviders:
    settings = load_settings(
        {
            "ONETAP_ENV": "test",
            "ONETAP_IDENTITY_PROVIDERS": "production",
            "ONETAP_IDENTITY_VENDORS_FILE": str(sim.write_config(tmp_path / "vendors.json")),
            "ONETAP_IDENTITY_PROVIDER_TIMEOUT_MS": "500",
        }
    )
    return build_providers(settings, sms_outbox=outbox, transport=sim.transport())


# --- Requests -------------------------------------------------------------------------------


async def test_person_verify_request_is_signed_and_answer_accepted(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.routes["/v1/person/verify"] = verdict(tid="REG-42")
    result = await providers.registry.verify_person(CLAIM)
    assert result.matched
    assert result.reference == "REG-42"
    path, payload, request = sim.requests[0]
    assert path == "/v1/person/verify"
    assert payload == {
        "name": "陈明辉",
        "id_number": "350102197803157299",
        "sex": "M",
        "ethnicity": "01",
    }
    assert request.method == "POST"
    # The signed path is the full path as sent, base URL prefix included.
    assert request.url.raw_path == b"/gateway/v1/person/verify"
    assert request.headers["X-App-Id"] == "onetap-registry"
    assert "350102197803157299" not in str(request.url)
    await providers.aclose()


def test_request_signature_helper_matches_the_vendor_recomputation() -> None:
    body = b'{"a":1}'
    ours = request_signature(
        b"secret-secret-secret",
        method="post",
        path="/x/y?z=1",
        timestamp="1700000000",
        nonce="n1",
        body=body,
    )
    message = b"POST\n/x/y?z=1\n1700000000\nn1\n" + hashlib.sha256(body).hexdigest().encode()
    assert (
        ours
        == base64.b64encode(
            hmac.new(b"secret-secret-secret", message, hashlib.sha256).digest()
        ).decode()
    )


async def test_every_request_gets_a_fresh_nonce(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.routes["/v1/person/verify"] = verdict()
    for _ in range(3):
        await providers.registry.verify_person(CLAIM)
    nonces = {request.headers["X-Nonce"] for _, _, request in sim.requests}
    assert len(nonces) == 3


async def test_a_wrong_request_secret_is_noticed_by_the_vendor(
    sim: VendorSim, tmp_path: Path
) -> None:
    document = sim.config_document()
    document["registry"]["secret"] = base64.b64encode(b"a-different-secret-of-32-bytes!!").decode()
    path = tmp_path / "vendors.json"
    path.write_text(json.dumps(document))
    configs = load_vendors(path)
    providers = vendor_providers(configs, timeout_ms=500, transport=sim.transport())
    sim.routes["/v1/person/verify"] = verdict()
    with pytest.raises(AssertionError, match="bad request signature"):
        await providers.registry.verify_person(CLAIM)


# --- Answers --------------------------------------------------------------------------------


async def test_not_matched_verdict_keeps_check_order(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.routes["/v1/person/verify"] = verdict(False, ["ethnicity", "name"])
    result = await providers.registry.verify_person(CLAIM)
    assert (result.matched, result.failed_checks) == (False, ("name", "ethnicity"))


@pytest.mark.parametrize(
    "answer",
    [
        ok({"matched": True, "failed_checks": ["name"], "transaction_id": "t"}),
        ok({"matched": False, "failed_checks": [], "transaction_id": "t"}),
        ok({"matched": False, "failed_checks": ["eye_colour"], "transaction_id": "t"}),
        ok({"matched": False, "failed_checks": ["name", "name"], "transaction_id": "t"}),
        ok({"matched": "yes", "failed_checks": [], "transaction_id": "t"}),
        ok({"matched": True, "failed_checks": []}),
        ok({"matched": True, "failed_checks": [], "transaction_id": ""}),
        {"code": "OK"},
        {
            "code": "E_BUSY",
            "message": "系统繁忙",
            "data": {"matched": True, "failed_checks": [], "transaction_id": "t"},
        },
        {"data": {"matched": True, "failed_checks": [], "transaction_id": "t"}},
    ],
)
async def test_unreadable_or_refused_answers_are_errors_not_verdicts(
    sim: VendorSim, providers: IdentityProviders, answer: dict[str, Any]
) -> None:
    sim.routes["/v1/person/verify"] = lambda _p, _b: answer
    with pytest.raises(ProviderError) as info:
        await providers.registry.verify_person(CLAIM)
    assert not isinstance(info.value, ResultSignatureError)


async def test_non_json_answer_is_an_error(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/person/verify"] = lambda _p, _b: b"<html>oops</html>"
    with pytest.raises(ProviderError, match="not a JSON object"):
        await providers.registry.verify_person(CLAIM)


async def test_vendor_error_code_is_reported_without_personal_data(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.routes["/v1/person/verify"] = lambda _p, _b: {
        "code": "E_BUSY",
        "message": "陈明辉 350102197803157299",
    }
    with pytest.raises(ProviderError) as info:
        await providers.registry.verify_person(CLAIM)
    assert "E_BUSY" in str(info.value)
    assert "陈明辉" not in str(info.value) and "350102197803157299" not in str(info.value)


@pytest.mark.parametrize("status", [201, 302, 400, 500, 503])
async def test_any_status_but_200_is_an_error(
    sim: VendorSim, providers: IdentityProviders, status: int
) -> None:
    sim.routes["/v1/person/verify"] = verdict()
    sim.status = status
    with pytest.raises(ProviderError, match=f"HTTP {status}"):
        await providers.registry.verify_person(CLAIM)


async def test_tampered_answer_is_rejected(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/person/verify"] = verdict(False, ["name"])
    sim.tamper = lambda body: body.replace(b'"matched": false', b'"matched": true').replace(
        b'["name"]', b"[]"
    )
    with pytest.raises(ResultSignatureError, match="bad signature"):
        await providers.registry.verify_person(CLAIM)


async def test_answer_signed_by_another_key_is_rejected(
    sim: VendorSim, providers: IdentityProviders, other_rsa_key: rsa.RSAPrivateKey
) -> None:
    sim.routes["/v1/person/verify"] = verdict()
    sim.sign_with = other_rsa_key
    with pytest.raises(ResultSignatureError):
        await providers.registry.verify_person(CLAIM)


async def test_unsigned_answer_is_rejected(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/person/verify"] = verdict()
    sim.omit_signature = True
    with pytest.raises(ResultSignatureError, match="unsigned"):
        await providers.registry.verify_person(CLAIM)


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-301, False), (301, False), (-290, True), (290, True)]
)
async def test_stale_answers_are_rejected(
    sim: VendorSim, providers: IdentityProviders, offset: int, accepted: bool
) -> None:
    sim.routes["/v1/person/verify"] = verdict()
    sim.timestamp_offset = offset
    if accepted:
        assert (await providers.registry.verify_person(CLAIM)).matched
    else:
        with pytest.raises(ResultSignatureError, match="stale"):
            await providers.registry.verify_person(CLAIM)


# --- Transport failures ----------------------------------------------------------------------


async def test_read_timeout_is_a_provider_timeout(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.raise_exc = httpx.ReadTimeout("timed out")
    with pytest.raises(ProviderTimeout) as info:
        await providers.registry.verify_person(CLAIM)
    assert info.value.provider == "registry"


async def test_slow_vendor_hits_the_configured_deadline(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.routes["/v1/sms/send"] = lambda _p, _b: ok({"message_id": "m"})

    async def slow() -> None:
        await asyncio.sleep(5)

    sim.before = slow
    with pytest.raises(ProviderTimeout, match="500 ms"):
        await providers.sms.send(phone="13805911234", text="code")


async def test_connection_failure_is_a_provider_error(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.raise_exc = httpx.ConnectError("refused")
    with pytest.raises(ProviderError) as info:
        await providers.business_registry.verify_enterprise(
            EnterpriseClaim(
                "福州闽江数字科技有限公司",
                "350102110008170",
                "91350102MA2XK8N32U",
                "陈明辉",
                "350102197803157299",
            )
        )
    assert not isinstance(info.value, ProviderTimeout)
    assert info.value.provider == "business_registry"


# --- Each adapter ------------------------------------------------------------------------------


async def test_reference_photo(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/person/photo"] = lambda _p, _b: ok(
        {"photo": base64.b64encode(PNG).decode(), "transaction_id": "p"}
    )
    assert await providers.registry.reference_photo("350102197803157299") == PNG
    assert sim.requests[-1][1] == {"id_number": "350102197803157299"}
    sim.routes["/v1/person/photo"] = lambda _p, _b: ok(
        {"photo": base64.b64encode(b"GIF89a").decode()}
    )
    with pytest.raises(ProviderError, match="neither JPEG nor PNG"):
        await providers.registry.reference_photo("350102197803157299")


async def test_enterprise_verify(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/enterprise/verify"] = verdict(False, ["legal_representative"], "BIZ-1")
    claim = EnterpriseClaim(
        "福州闽江数字科技有限公司",
        "350102110008170",
        "91350102MA2XK8N32U",
        "陈明辉",
        "350102197803157299",
    )
    result = await providers.business_registry.verify_enterprise(claim)
    assert result.failed_checks == ("legal_representative",)
    assert sim.requests[-1][1]["legal_representative"] == {
        "name": "陈明辉",
        "id_number": "350102197803157299",
    }
    assert sim.requests[-1][2].headers["X-App-Id"] == "onetap-business_registry"


async def test_sms_send(sim: VendorSim, providers: IdentityProviders, outbox: MemoryOutbox) -> None:
    sim.routes["/v1/sms/send"] = lambda _p, _b: ok({"message_id": "SMS-9"})
    assert await providers.sms.send(phone="13805911234", text="验证码 123456") == "SMS-9"
    assert sim.requests[-1][1] == {"phone": "13805911234", "text": "验证码 123456"}
    assert outbox.messages == []  # production never touches the sandbox outbox
    sim.routes["/v1/sms/send"] = lambda _p, _b: ok({})
    with pytest.raises(ProviderError, match="message_id"):
        await providers.sms.send(phone="13805911234", text="x")


@pytest.mark.parametrize("method", list(ThirdPartyMethod))
async def test_account_verify(
    sim: VendorSim, providers: IdentityProviders, method: ThirdPartyMethod
) -> None:
    sim.routes["/v1/accounts/verify"] = verdict(False, ["account"])
    result = await providers.accounts.verify_account(
        method=method,
        name="陈明辉",
        id_number="350102197803157299",
        account="6222020200112233",
        phone=None,
    )
    assert result.failed_checks == ("account",)
    assert sim.requests[-1][1]["method"] == method.value
    assert sim.requests[-1][1]["phone"] is None


async def test_tax_verify(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/tax/accounts/verify"] = verdict(tid="TAX-1")
    result = await providers.tax.verify_tax_account(
        credit_code="91350102MA2XK8N32U", tax_account="abc"
    )
    assert result.matched and result.reference == "TAX-1"
    sim.routes["/v1/tax/accounts/verify"] = verdict(False, ["id_number"])  # not a tax check
    with pytest.raises(ProviderError, match="unknown"):
        await providers.tax.verify_tax_account(credit_code="91350102MA2XK8N32U", tax_account="abc")


# --- Face ------------------------------------------------------------------------------------


def face_body(session: str = "VS-1", match: bool = True) -> bytes:
    return json.dumps(
        {
            "session": session,
            "liveness": True,
            "match": match,
            "score": 88,
            "reference": "FR-1",
            "checked_at": int(clock.now().timestamp()),
        }
    ).encode()


async def test_face_session_and_capture(sim: VendorSim, providers: IdentityProviders) -> None:
    expires = int(clock.now().timestamp()) + 300
    sim.routes["/v1/face/sessions"] = lambda _p, _b: ok(
        {"session_id": "VS-1", "expires_at": expires}
    )
    sim.routes["/v1/face/capture"] = lambda _p, _b: face_body()
    ticket = await providers.face.start_session(session_reference="ours-1")
    assert ticket.provider_session_id == "VS-1"
    assert int(ticket.expires_at.timestamp()) == expires
    signed = await providers.face.submit_capture(
        provider_session_id="VS-1", image=PNG, reference_photo=PNG, hint="张不符"
    )
    sent = sim.requests[-1][1]
    assert base64.b64decode(sent["image"]) == PNG
    assert "张不符" not in json.dumps(sent, ensure_ascii=False)  # the hint is for the sandbox only
    outcome = providers.face.open_result(signed, now=clock.now())
    assert (outcome.provider_session_id, outcome.matched, outcome.score, outcome.reference) == (
        "VS-1",
        True,
        88,
        "FR-1",
    )


async def test_face_session_with_bad_expiry(sim: VendorSim, providers: IdentityProviders) -> None:
    sim.routes["/v1/face/sessions"] = lambda _p, _b: ok(
        {"session_id": "VS-1", "expires_at": "soon"}
    )
    with pytest.raises(ProviderError, match="expires_at"):
        await providers.face.start_session(session_reference="ours-1")


async def test_face_callback_verification(
    sim: VendorSim, providers: IdentityProviders, other_rsa_key: rsa.RSAPrivateKey
) -> None:
    # What the callback route does: build a SignedFaceResult from the POST and open it.
    body = face_body(match=False)
    now = clock.now()
    timestamp = str(int(now.timestamp()))
    good = SignedFaceResult(body=body, timestamp=timestamp, signature=sim.sign(timestamp, body))
    assert providers.face.open_result(good, now=now).matched is False
    bad_cases = [
        SignedFaceResult(body=face_body(match=True), timestamp=timestamp, signature=good.signature),
        SignedFaceResult(body=body, timestamp=str(int(timestamp) - 1), signature=good.signature),
        SignedFaceResult(
            body=body, timestamp=timestamp, signature=sim.sign(timestamp, body, other_rsa_key)
        ),
        SignedFaceResult(body=body, timestamp=timestamp, signature=""),
        SignedFaceResult(body=body, timestamp="", signature=good.signature),
        SignedFaceResult(body=body, timestamp=timestamp, signature="%%%"),
    ]
    for bad in bad_cases:
        with pytest.raises(ResultSignatureError):
            providers.face.open_result(bad, now=now)
    stale_ts = str(int(now.timestamp()) - 301)
    stale = SignedFaceResult(body=body, timestamp=stale_ts, signature=sim.sign(stale_ts, body))
    with pytest.raises(ResultSignatureError, match="stale"):
        providers.face.open_result(stale, now=now)
    malformed = b'{"session":"VS-1"}'
    signed_malformed = SignedFaceResult(
        body=malformed, timestamp=timestamp, signature=sim.sign(timestamp, malformed)
    )
    with pytest.raises(ResultSignatureError, match="fields"):
        providers.face.open_result(signed_malformed, now=now)


async def test_tampered_capture_answer_is_rejected(
    sim: VendorSim, providers: IdentityProviders
) -> None:
    sim.routes["/v1/face/capture"] = lambda _p, _b: face_body(match=False)
    sim.tamper = lambda body: body.replace(b'"match": false', b'"match": true')
    with pytest.raises(ResultSignatureError):
        await providers.face.submit_capture(
            provider_session_id="VS-1", image=PNG, reference_photo=PNG, hint=""
        )


# --- CA --------------------------------------------------------------------------------------


def _sign(key: ec.EllipticCurvePrivateKey, challenge: bytes) -> bytes:
    return key.sign(challenge, ec.ECDSA(hashes.SHA256()))


@pytest.mark.parametrize(
    ("status", "matched", "failed"), [("good", True, ()), ("revoked", False, ("revoked",))]
)
async def test_ca_asks_the_vendor_for_revocation_after_local_checks(
    sim: VendorSim,
    providers: IdentityProviders,
    vendor_ca: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
    status: str,
    matched: bool,
    failed: tuple[str, ...],
) -> None:
    root, root_key = vendor_ca
    pem, key = issue_leaf(root, root_key, credit_code="91350102MA2XK8N32U")
    sim.routes["/v1/certificates/status"] = lambda _p, _b: ok(
        {"status": status, "transaction_id": "CA-7"}
    )
    challenge = os.urandom(32)
    result = await providers.ca.verify_certificate(
        credit_code="91350102MA2XK8N32U",
        certificate_pem=pem,
        challenge=challenge,
        signature=_sign(key, challenge),
    )
    assert (result.matched, result.failed_checks, result.reference) == (matched, failed, "CA-7")
    cert = x509.load_pem_x509_certificate(pem.encode())
    assert sim.requests[-1][1]["serial_number"] == format(cert.serial_number, "x")


async def test_ca_unknown_status_is_an_error(
    sim: VendorSim,
    providers: IdentityProviders,
    vendor_ca: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
) -> None:
    pem, key = issue_leaf(*vendor_ca, credit_code="91350102MA2XK8N32U")
    sim.routes["/v1/certificates/status"] = lambda _p, _b: ok(
        {"status": "unknown", "transaction_id": "CA-8"}
    )
    challenge = os.urandom(32)
    with pytest.raises(ProviderError, match="neither good nor revoked"):
        await providers.ca.verify_certificate(
            credit_code="91350102MA2XK8N32U",
            certificate_pem=pem,
            challenge=challenge,
            signature=_sign(key, challenge),
        )


async def test_ca_local_failures_never_reach_the_vendor(
    sim: VendorSim,
    providers: IdentityProviders,
    vendor_ca: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
) -> None:
    foreign_root, foreign_key = make_ca()
    pem, key = issue_leaf(foreign_root, foreign_key, credit_code="91350102MA2XK8N32U")
    challenge = os.urandom(32)
    result = await providers.ca.verify_certificate(
        credit_code="91350102MA2XK8N32U",
        certificate_pem=pem,
        challenge=challenge,
        signature=_sign(key, challenge),
    )
    assert result.failed_checks == ("chain",)
    assert result.reference.startswith("local:")
    pem, key = issue_leaf(*vendor_ca, credit_code="91350102MA2XK8N32U")
    wrong = await providers.ca.verify_certificate(
        credit_code="91310115MA1K3BTP2B",
        certificate_pem=pem,
        challenge=challenge,
        signature=_sign(key, challenge),
    )
    assert wrong.failed_checks == ("credit_code",)
    assert sim.requests == []


# --- The vendors file and build_providers -------------------------------------------------


async def test_build_providers_production_builds_vendor_adapters(
    providers: IdentityProviders,
) -> None:
    assert isinstance(providers.registry, VendorPopulationRegistry)
    assert isinstance(providers.face, VendorFaceVerifier)
    assert isinstance(providers.ca, VendorCertificateAuthority)
    assert providers.registry.name == "vendor:vendor.test"
    await providers.aclose()


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "vendors.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def test_load_vendors_reads_every_provider(sim: VendorSim, tmp_path: Path) -> None:
    configs = load_vendors(sim.write_config(tmp_path / "vendors.json"))
    assert set(configs) == {"registry", "business_registry", "sms", "face", "accounts", "tax", "ca"}
    assert configs["sms"].base_url == BASE_URL
    assert configs["sms"].secret == sim.secrets["sms"]
    assert configs["ca"].root_certificate == sim.ca_root
    assert configs["registry"].root_certificate is None
    assert repr(sim.secrets["sms"]) not in repr(configs["sms"])
    assert base64.b64encode(sim.secrets["sms"]).decode() not in repr(configs["sms"])


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("tax"), "missing key 'tax'"),
        (lambda d: d["sms"].pop("secret"), "missing key 'sms.secret'"),
        (lambda d: d["face"].pop("vendor_public_key"), "missing key 'face.vendor_public_key'"),
        (lambda d: d["registry"].pop("base_url"), "missing key 'registry.base_url'"),
        (lambda d: d["accounts"].pop("app_id"), "missing key 'accounts.app_id'"),
        (lambda d: d["ca"].pop("root_certificate"), "missing key 'ca.root_certificate'"),
        (lambda d: d["sms"].update(secret="not base64!"), "'sms.secret' is not valid base64"),
        (
            lambda d: d["sms"].update(secret=base64.b64encode(b"short").decode()),
            "'sms.secret' must decode",
        ),
        (
            lambda d: d["face"].update(
                vendor_public_key="-----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----"
            ),
            "'face.vendor_public_key' is not a PEM key",
        ),
        (
            lambda d: d["registry"].update(base_url="http://vendor.example.cn"),
            "'registry.base_url' must be an https",
        ),
        (
            lambda d: d["ca"].update(root_certificate="nope"),
            "'ca.root_certificate' is not a PEM certificate",
        ),
        (lambda d: d.update(tax=[]), "'tax' must be an object"),
    ],
)
def test_load_vendors_errors_name_the_key(
    sim: VendorSim, tmp_path: Path, mutate: Any, message: str
) -> None:
    document = sim.config_document()
    mutate(document)
    with pytest.raises(VendorConfigError) as info:
        load_vendors(_write(tmp_path, document))
    assert message in str(info.value)


def test_load_vendors_refuses_weak_or_non_rsa_keys(sim: VendorSim, tmp_path: Path) -> None:
    document = sim.config_document()
    ec_key = ec.generate_private_key(ec.SECP256R1())
    document["sms"]["vendor_public_key"] = (
        ec_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    with pytest.raises(
        VendorConfigError, match=r"'sms\.vendor_public_key' must be an RSA key of at least 2048"
    ):
        load_vendors(_write(tmp_path, document))
    document = sim.config_document()
    document["sms"]["vendor_public_key"] = public_pem(
        rsa.generate_private_key(public_exponent=65537, key_size=1024)
    )
    with pytest.raises(VendorConfigError, match="at least 2048"):
        load_vendors(_write(tmp_path, document))


def test_load_vendors_allows_plain_http_only_to_localhost(sim: VendorSim, tmp_path: Path) -> None:
    document = sim.config_document()
    document["sms"]["base_url"] = "http://127.0.0.1:9100/"
    configs = load_vendors(_write(tmp_path, document))
    assert configs["sms"].base_url == "http://127.0.0.1:9100"


def test_load_vendors_file_problems(tmp_path: Path) -> None:
    with pytest.raises(VendorConfigError, match="cannot read"):
        load_vendors(tmp_path / "absent.json")
    with pytest.raises(VendorConfigError, match="not a JSON object"):
        load_vendors(_write(tmp_path, "{not json"))
    with pytest.raises(VendorConfigError, match="not a JSON object"):
        load_vendors(_write(tmp_path, "[]"))


def test_build_providers_production_reports_a_bad_vendors_file(
    tmp_path: Path, outbox: MemoryOutbox
) -> None:
    settings = load_settings(
        {
            "ONETAP_ENV": "test",
            "ONETAP_IDENTITY_PROVIDERS": "production",
            "ONETAP_IDENTITY_VENDORS_FILE": str(_write(tmp_path, {"registry": {}})),
        }
    )
    with pytest.raises(VendorConfigError, match=r"registry\.base_url"):
        build_providers(settings, sms_outbox=outbox)
