"""A well-formed vendors file with locally generated keys, for tests, benchmarks and docs.

Production gets its vendors file from the operator (real URLs, secrets and vendor keys);
this one only lets a production-mode process start where no vendor will be called (the
benchmark, HTTP tests) and shows the file's shape. Its URLs point at ``.invalid`` hosts.
"""

from __future__ import annotations

import base64
import json
import secrets
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from core import clock
from identity.providers.vendors import PROVIDER_KEYS


def _root_certificate() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Enterprise CA")])
    now = clock.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def example_vendors_document() -> dict[str, dict[str, str]]:
    vendor_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        vendor_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )
    document: dict[str, dict[str, str]] = {}
    for key in PROVIDER_KEYS:
        document[key] = {
            "base_url": f"https://{key.replace('_', '-')}.vendor.invalid",
            "app_id": f"onetap-{key}",
            "secret": base64.b64encode(secrets.token_bytes(32)).decode("ascii"),
            "vendor_public_key": public_pem,
        }
    document["ca"]["root_certificate"] = _root_certificate()
    return document


def write_example_vendors_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(example_vendors_document(), indent=2), encoding="utf-8")
    return path
