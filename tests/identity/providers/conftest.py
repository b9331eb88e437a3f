"""Fixtures for the provider tests: an in-memory SMS outbox and a simulated signed-JSON vendor.

The simulator plays the vendor's side of the protocol with its own code (it does not call
``identity.providers.vendors``'s helpers), so a mistake in our signing or verifying shows up
as a disagreement instead of being mirrored on both sides.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from core import clock

PROVIDER_KEYS = ("registry", "business_registry", "sms", "face", "accounts", "tax", "ca")
BASE_URL = "https://vendor.test/gateway"


@dataclass
class KeptMessage:
    phone: str
    text: str
    message_id: str


@dataclass
class MemoryOutbox:
    """Implements the SmsOutbox protocol by remembering every message."""

    messages: list[KeptMessage] = field(default_factory=list)

    async def keep(self, *, phone: str, text: str, message_id: str) -> None:
        self.messages.append(KeptMessage(phone, text, message_id))


@pytest.fixture
def outbox() -> MemoryOutbox:
    return MemoryOutbox()


@pytest.fixture(scope="session")
def vendor_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def other_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(
    common_name: str = "Test Enterprise CA",
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A self-signed P-256 CA root for tests."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.now(UTC)
    root = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=10))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return root, key


def issue_leaf(
    root: x509.Certificate,
    root_key: ec.EllipticCurvePrivateKey,
    *,
    credit_code: str,
    name: str = "测试有限公司",
    put_code_in: str = "serialNumber",
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    ca: bool = False,
) -> tuple[str, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
    ]
    oid = (
        NameOID.SERIAL_NUMBER if put_code_in == "serialNumber" else NameOID.ORGANIZATIONAL_UNIT_NAME
    )
    attributes.append(x509.NameAttribute(oid, credit_code))
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


Handler = Callable[[str, dict[str, Any]], Any]


class VendorSim:
    """The vendor's side: checks our request signatures, answers with signed JSON."""

    def __init__(self, rsa_key: rsa.RSAPrivateKey, ca_root: x509.Certificate) -> None:
        self.rsa_key = rsa_key
        self.ca_root = ca_root
        self.secrets = {key: f"{key}-request-signing-secret!!".encode() for key in PROVIDER_KEYS}
        self.app_ids = {key: f"onetap-{key}" for key in PROVIDER_KEYS}
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, Any], httpx.Request]] = []
        self.seen_nonces: set[str] = set()
        #: Hooks a test can set to break the answer in a particular way.
        self.status = 200
        self.timestamp_offset = 0
        self.tamper: Callable[[bytes], bytes] | None = None
        self.sign_with: rsa.RSAPrivateKey | None = None
        self.omit_signature = False
        self.raise_exc: Exception | None = None
        self.before: Callable[[], Awaitable[None]] | None = None

    def config_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {}
        for key in PROVIDER_KEYS:
            document[key] = {
                "base_url": BASE_URL,
                "app_id": self.app_ids[key],
                "secret": base64.b64encode(self.secrets[key]).decode(),
                "vendor_public_key": public_pem(self.rsa_key),
            }
        document["ca"]["root_certificate"] = self.ca_root.public_bytes(
            serialization.Encoding.PEM
        ).decode()
        return document

    def write_config(self, path: Path) -> Path:
        path.write_text(json.dumps(self.config_document()), encoding="utf-8")
        return path

    def sign(self, timestamp: str, body: bytes, key: rsa.RSAPrivateKey | None = None) -> str:
        signer = key or self.rsa_key
        return base64.b64encode(
            signer.sign(timestamp.encode() + b"\n" + body, padding.PKCS1v15(), hashes.SHA256())
        ).decode()

    def _provider_for(self, app_id: str) -> str:
        for key, value in self.app_ids.items():
            if value == app_id:
                return key
        raise AssertionError(f"unknown app id {app_id}")

    def check_request_signature(self, request: httpx.Request) -> str:
        """Recompute our HMAC like the vendor would; return the provider key."""
        provider = self._provider_for(request.headers["X-App-Id"])
        timestamp = request.headers["X-Timestamp"]
        nonce = request.headers["X-Nonce"]
        assert nonce not in self.seen_nonces, "nonce reused"
        self.seen_nonces.add(nonce)
        assert abs(int(timestamp) - clock.now().timestamp()) <= 5
        message = (
            f"{request.method}\n{request.url.raw_path.decode()}\n{timestamp}\n{nonce}\n"
            + hashlib.sha256(request.content).hexdigest()
        )
        expected = base64.b64encode(
            hmac.new(self.secrets[provider], message.encode(), hashlib.sha256).digest()
        ).decode()
        assert hmac.compare_digest(expected, request.headers["X-Signature"]), (
            "bad request signature"
        )
        return provider

    async def handle(self, request: httpx.Request) -> httpx.Response:
        if self.before is not None:
            await self.before()
        if self.raise_exc is not None:
            raise self.raise_exc
        self.check_request_signature(request)
        path = request.url.path.removeprefix("/gateway")
        payload = json.loads(request.content)
        self.requests.append((path, payload, request))
        answer = self.routes[path](path, payload)
        if isinstance(answer, bytes):
            body = answer  # a raw document (face results)
        else:
            body = json.dumps(answer, ensure_ascii=False).encode()
        timestamp = str(int(clock.now().timestamp()) + self.timestamp_offset)
        signature = self.sign(timestamp, body, self.sign_with)
        if self.tamper is not None:
            body = self.tamper(body)
        headers = {"Content-Type": "application/json"}
        if not self.omit_signature:
            headers |= {"X-Timestamp": timestamp, "X-Signature": signature}
        return httpx.Response(self.status, content=body, headers=headers)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


def ok(data: dict[str, Any]) -> dict[str, Any]:
    return {"code": "OK", "message": "success", "data": data}


@pytest.fixture
def vendor_ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    return make_ca("Vendor Enterprise CA")


@pytest.fixture
def sim(
    vendor_rsa_key: rsa.RSAPrivateKey,
    vendor_ca: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
) -> VendorSim:
    return VendorSim(vendor_rsa_key, vendor_ca[0])
