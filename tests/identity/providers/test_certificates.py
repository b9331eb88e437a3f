"""Enterprise certificates: real X.509 chain, validity, subject and signature checks."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

from core import clock
from identity.providers import (
    ProviderError,
    ProviderTimeout,
    issue_sandbox_certificate,
    sandbox_ca_root,
    sandbox_companies,
)
from identity.providers import sandbox as sandbox_module
from identity.providers.sandbox import SandboxCertificateAuthority

from .conftest import issue_leaf, make_ca

COMPANY = next(c for c in sandbox_companies() if "失败" not in c.name)
OTHER_CODE = "91310115MA1K3BTP2B"


def sign(key: ec.EllipticCurvePrivateKey, challenge: bytes) -> bytes:
    return key.sign(challenge, ec.ECDSA(hashes.SHA256()))


async def test_valid_certificate_and_signature_match() -> None:
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    challenge = os.urandom(32)
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=challenge,
        signature=sign(key, challenge),
    )
    assert verdict.matched
    assert verdict.failed_checks == ()
    assert verdict.reference.startswith("sbx-ca-")


async def test_issued_certificate_names_the_enterprise() -> None:
    pem, _ = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    cert = x509.load_pem_x509_certificate(pem.encode())
    assert (
        cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == COMPANY.credit_code
    )
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == COMPANY.name
    assert cert.issuer == sandbox_ca_root().subject


async def test_raw_p1363_signature_is_accepted() -> None:
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    challenge = os.urandom(32)
    r, s = decode_dss_signature(sign(key, challenge))
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=COMPANY.credit_code, certificate_pem=pem, challenge=challenge, signature=raw
    )
    assert verdict.matched


async def test_wrong_credit_code() -> None:
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    challenge = os.urandom(32)
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=OTHER_CODE,
        certificate_pem=pem,
        challenge=challenge,
        signature=sign(key, challenge),
    )
    assert (verdict.matched, verdict.failed_checks) == (False, ("credit_code",))


async def test_signature_by_another_key() -> None:
    pem, _ = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    _, stranger = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    challenge = os.urandom(32)
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=challenge,
        signature=sign(stranger, challenge),
    )
    assert verdict.failed_checks == ("signature",)


async def test_signature_over_another_challenge() -> None:
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=os.urandom(32),
        signature=sign(key, os.urandom(32)),
    )
    assert verdict.failed_checks == ("signature",)


async def test_certificate_from_another_ca_even_with_the_same_name() -> None:
    # An impostor CA copying the sandbox root's subject: only the signature tells them apart.
    impostor_key = ec.generate_private_key(ec.SECP256R1())
    impostor = (
        x509.CertificateBuilder()
        .subject_name(sandbox_ca_root().subject)
        .issuer_name(sandbox_ca_root().subject)
        .public_key(impostor_key.public_key())
        .serial_number(1)
        .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2050, 1, 1, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(impostor_key, hashes.SHA256())
    )
    challenge = os.urandom(32)
    for root, key in (make_ca(), (impostor, impostor_key)):
        pem, leaf_key = issue_leaf(root, key, credit_code=COMPANY.credit_code)
        verdict = await SandboxCertificateAuthority().verify_certificate(
            credit_code=COMPANY.credit_code,
            certificate_pem=pem,
            challenge=challenge,
            signature=sign(leaf_key, challenge),
        )
        assert verdict.failed_checks == ("chain",)


async def test_another_root_can_be_configured() -> None:
    root, root_key = make_ca()
    pem, key = issue_leaf(root, root_key, credit_code=COMPANY.credit_code, put_code_in="OU")
    challenge = os.urandom(32)
    ca = SandboxCertificateAuthority(root)
    verdict = await ca.verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=challenge,
        signature=sign(key, challenge),
    )
    assert verdict.matched
    sandbox_pem, sandbox_key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    other = await ca.verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=sandbox_pem,
        challenge=challenge,
        signature=sign(sandbox_key, challenge),
    )
    assert other.failed_checks == ("chain",)


async def test_expired_and_not_yet_valid_certificates() -> None:
    now = clock.now()
    challenge = os.urandom(32)
    for not_before, not_after in (
        (now - timedelta(days=400), now - timedelta(seconds=1)),
        (now + timedelta(days=1), now + timedelta(days=400)),
    ):
        pem, key = issue_sandbox_certificate(
            COMPANY.credit_code, COMPANY.name, not_before=not_before, not_after=not_after
        )
        verdict = await SandboxCertificateAuthority().verify_certificate(
            credit_code=COMPANY.credit_code,
            certificate_pem=pem,
            challenge=challenge,
            signature=sign(key, challenge),
        )
        assert verdict.failed_checks == ("validity",)


async def test_time_travel_makes_a_good_certificate_expire() -> None:
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    challenge = os.urandom(32)
    with clock.frozen_at(clock.now() + timedelta(days=366)):
        verdict = await SandboxCertificateAuthority().verify_certificate(
            credit_code=COMPANY.credit_code,
            certificate_pem=pem,
            challenge=challenge,
            signature=sign(key, challenge),
        )
    assert verdict.failed_checks == ("validity",)


async def test_a_ca_certificate_cannot_stand_in_for_an_enterprise() -> None:
    root, root_key = make_ca()
    pem, key = issue_leaf(root, root_key, credit_code=COMPANY.credit_code, ca=True)
    challenge = os.urandom(32)
    verdict = await SandboxCertificateAuthority(root).verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=challenge,
        signature=sign(key, challenge),
    )
    assert verdict.failed_checks == ("certificate",)


@pytest.mark.parametrize(
    "pem", ["", "garbage", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "证书"]
)
async def test_unreadable_certificate(pem: str) -> None:
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=os.urandom(32),
        signature=b"x",
    )
    assert verdict.failed_checks == ("certificate",)


async def test_challenge_must_be_long_enough() -> None:
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    with pytest.raises(ValueError, match="challenge"):
        await SandboxCertificateAuthority().verify_certificate(
            credit_code=COMPANY.credit_code,
            certificate_pem=pem,
            challenge=b"short",
            signature=sign(key, b"short"),
        )


async def test_ca_magic_names() -> None:
    challenge = os.urandom(32)
    failing = next(c for c in sandbox_companies() if "失败" in c.name)
    pem, key = issue_sandbox_certificate(failing.credit_code, failing.name)
    with pytest.raises(ProviderError) as info:
        await SandboxCertificateAuthority().verify_certificate(
            credit_code=failing.credit_code,
            certificate_pem=pem,
            challenge=challenge,
            signature=sign(key, challenge),
        )
    assert not isinstance(info.value, ProviderTimeout)
    assert info.value.provider == "ca"
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, "厦门超时科技有限公司")
    with pytest.raises(ProviderTimeout):
        await SandboxCertificateAuthority().verify_certificate(
            credit_code=COMPANY.credit_code,
            certificate_pem=pem,
            challenge=challenge,
            signature=sign(key, challenge),
        )


async def test_sandbox_root_is_the_same_in_every_process() -> None:
    # Simulate a fresh process: drop the cached key and root, rebuild, and check that a
    # certificate issued before still chains (workers must agree on the root).
    pem, key = issue_sandbox_certificate(COMPANY.credit_code, COMPANY.name)
    before = (
        sandbox_ca_root()
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    sandbox_module._ca_key.cache_clear()
    sandbox_module.sandbox_ca_root.cache_clear()
    after = (
        sandbox_ca_root()
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    assert before == after
    challenge = os.urandom(32)
    verdict = await SandboxCertificateAuthority().verify_certificate(
        credit_code=COMPANY.credit_code,
        certificate_pem=pem,
        challenge=challenge,
        signature=sign(key, challenge),
    )
    assert verdict.matched
