"""X.509 checks for enterprise digital certificates, shared by the sandbox and vendor CAs.

This module owns what "this enterprise signed our challenge with its certificate" means:
the certificate is an ECDSA P-256 end-entity certificate issued directly by the configured
CA root, is inside its validity period now, names the enterprise's unified social credit
code in its subject (``serialNumber`` or ``OU``, the two places Chinese CAs put it), and
the signature over our challenge verifies with its key. Revocation is the CA's business and
is asked online by the vendor adapter; the sandbox never revokes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

__all__ = [
    "MIN_CHALLENGE_BYTES",
    "CertificateCheck",
    "check_enterprise_certificate",
    "subject_organisation",
]

#: A shorter challenge could be guessed or reused; the caller must generate fresh random
#: bytes per attempt so a captured signature cannot be replayed.
MIN_CHALLENGE_BYTES = 16

#: Bigger than any real certificate chain; refuses to parse arbitrarily large input.
_MAX_PEM_CHARS = 16_384

_CREDIT_CODE_ATTRIBUTES = (NameOID.SERIAL_NUMBER, NameOID.ORGANIZATIONAL_UNIT_NAME)


@dataclass(frozen=True)
class CertificateCheck:
    """Which checks failed (in :data:`~identity.providers.base.CERTIFICATE_CHECKS`
    order), and the parsed certificate when it could be read."""

    failed_checks: tuple[str, ...]
    certificate: x509.Certificate | None

    @property
    def fingerprint(self) -> str:
        """SHA-256 fingerprint (hex) of the certificate, for evidence; empty if unreadable."""
        if self.certificate is None:
            return ""
        return self.certificate.fingerprint(hashes.SHA256()).hex()


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().upper()


def _subject_text(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> list[str]:
    values: list[str] = []
    for attribute in certificate.subject.get_attributes_for_oid(oid):
        value = attribute.value
        values.append(value if isinstance(value, str) else value.decode("utf-8", "replace"))
    return values


def subject_organisation(certificate: x509.Certificate) -> str:
    """The subject's organisation name (``O``), or its common name when there is no ``O``."""
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        values = _subject_text(certificate, oid)
        if values:
            return values[0]
    return ""


def _is_p256_end_entity(certificate: x509.Certificate) -> bool:
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        return False
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return True
    # A CA certificate must not stand in for an enterprise: it could mint its own leaves.
    return not constraints.value.ca


def _chains_to(certificate: x509.Certificate, root: x509.Certificate, now: datetime) -> bool:
    if not root.not_valid_before_utc <= now <= root.not_valid_after_utc:
        return False
    try:
        # Checks the issuer name equals the root's subject and the root key signed it.
        certificate.verify_directly_issued_by(root)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _signature_valid(certificate: x509.Certificate, challenge: bytes, signature: bytes) -> bool:
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return False
    candidates = [signature]
    # WebCrypto and many USB-key drivers return IEEE P1363 (r || s, 32 bytes each) rather
    # than DER; accept both encodings of the same signature.
    if len(signature) == 64:
        r = int.from_bytes(signature[:32], "big")
        s = int.from_bytes(signature[32:], "big")
        candidates.append(encode_dss_signature(r, s))
    for candidate in candidates:
        try:
            key.verify(candidate, challenge, ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError):
            continue
        return True
    return False


def check_enterprise_certificate(
    *,
    root: x509.Certificate,
    credit_code: str,
    certificate_pem: str,
    challenge: bytes,
    signature: bytes,
    now: datetime,
) -> CertificateCheck:
    """Run every local check; never raises for anything the applicant controls.

    Raises ``ValueError`` only for the caller's own mistakes: a naive ``now`` or a
    challenge shorter than :data:`MIN_CHALLENGE_BYTES`.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if len(challenge) < MIN_CHALLENGE_BYTES:
        raise ValueError(f"challenge must be at least {MIN_CHALLENGE_BYTES} random bytes")
    if len(certificate_pem) > _MAX_PEM_CHARS:
        return CertificateCheck(("certificate",), None)
    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return CertificateCheck(("certificate",), None)
    failed: list[str] = []
    if not _is_p256_end_entity(certificate):
        failed.append("certificate")
    if not _chains_to(certificate, root, now):
        failed.append("chain")
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        failed.append("validity")
    wanted = _normalise(credit_code)
    named = {
        _normalise(value)
        for oid in _CREDIT_CODE_ATTRIBUTES
        for value in _subject_text(certificate, oid)
    }
    if not wanted or wanted not in named:
        failed.append("credit_code")
    if not _signature_valid(certificate, challenge, signature):
        failed.append("signature")
    return CertificateCheck(tuple(failed), certificate)
