"""A software WebAuthn authenticator (and client) for tests.

It does what a browser plus a platform authenticator do, in the shapes a browser's
``credential.toJSON()`` produces: EC P-256 (ES256) keys, ``none`` attestation,
authenticator data with the UP/UV/BE/BS/AT flags and a signature counter, client data
with the ceremony type, challenge and origin, and assertions signed over
``authenticatorData || SHA-256(clientDataJSON)``. Every knob a test needs to break one
rule at a time is a keyword argument: origin, user verification, counter, credential id.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP = 0x01
FLAG_UV = 0x04
FLAG_BE = 0x08
FLAG_BS = 0x10
FLAG_AT = 0x40


def b64url(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


class AuthenticatorRefused(Exception):
    """What a browser reports as InvalidStateError / NotAllowedError."""


@dataclass
class SoftCredential:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,  # kty: EC2
                3: -7,  # alg: ES256
                -1: 1,  # crv: P-256
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )


class SoftAuthenticator:
    """A platform authenticator holding discoverable credentials, with its browser."""

    def __init__(
        self,
        origin: str,
        *,
        aaguid: bytes | None = None,
        backup_eligible: bool = True,
        backed_up: bool = True,
        counts_signatures: bool = True,
    ) -> None:
        self.origin = origin
        self.aaguid = aaguid or os.urandom(16)
        self.backup_eligible = backup_eligible
        self.backed_up = backed_up
        self.counts_signatures = counts_signatures
        self.credentials: list[SoftCredential] = []

    # -- helpers ---------------------------------------------------------------------------

    def _flags(self, *, uv: bool, attested: bool) -> int:
        flags = FLAG_UP
        if uv:
            flags |= FLAG_UV
        if self.backup_eligible:
            flags |= FLAG_BE
            if self.backed_up:
                flags |= FLAG_BS
        if attested:
            flags |= FLAG_AT
        return flags

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {
                "type": kind,
                "challenge": challenge,
                "origin": origin or self.origin,
                "crossOrigin": False,
            },
            separators=(",", ":"),
        ).encode()

    # -- navigator.credentials.create --------------------------------------------------------

    def create(
        self,
        options_json: str,
        *,
        origin: str | None = None,
        uv: bool = True,
        reuse: SoftCredential | None = None,
        challenge: str | None = None,
    ) -> str:
        """The JSON of the new PublicKeyCredential (registration)."""
        options: dict[str, Any] = json.loads(options_json)
        rp_id: str = options["rp"]["id"]
        excluded = {unb64url(c["id"]) for c in options.get("excludeCredentials", [])}
        if reuse is None and any(c.credential_id in excluded for c in self.credentials):
            raise AuthenticatorRefused("InvalidStateError: a credential here is excluded")
        algs = {p["alg"] for p in options["pubKeyCredParams"]}
        assert -7 in algs, "ES256 must be offered"
        if reuse is not None:
            credential = reuse
        else:
            credential = SoftCredential(
                credential_id=secrets.token_bytes(32),
                private_key=ec.generate_private_key(ec.SECP256R1()),
                rp_id=rp_id,
                user_handle=unb64url(options["user"]["id"]),
            )
            self.credentials.append(credential)
        attested = (
            self.aaguid
            + struct.pack(">H", len(credential.credential_id))
            + credential.credential_id
            + credential.cose_public_key()
        )
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([self._flags(uv=uv, attested=True)])
            + struct.pack(">I", credential.sign_count)
            + attested
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data(
            "webauthn.create", challenge or options["challenge"], origin
        )
        return json.dumps(
            {
                "id": b64url(credential.credential_id),
                "rawId": b64url(credential.credential_id),
                "type": "public-key",
                "authenticatorAttachment": "platform",
                "clientExtensionResults": {"credProps": {"rk": True}},
                "response": {
                    "clientDataJSON": b64url(client_data),
                    "attestationObject": b64url(attestation),
                    "transports": ["internal", "hybrid"],
                },
            }
        )

    # -- navigator.credentials.get -----------------------------------------------------------

    def get(
        self,
        options_json: str,
        *,
        origin: str | None = None,
        uv: bool = True,
        credential: SoftCredential | None = None,
        sign_count: int | None = None,
        user_handle: bytes | None = None,
    ) -> str:
        """The JSON of the asserted PublicKeyCredential (sign-in)."""
        options: dict[str, Any] = json.loads(options_json)
        rp_id: str = options["rpId"]
        allowed = {unb64url(c["id"]) for c in options.get("allowCredentials", [])}
        if credential is None:
            candidates = [
                c
                for c in self.credentials
                if c.rp_id == rp_id and (not allowed or c.credential_id in allowed)
            ]
            if not candidates:
                raise AuthenticatorRefused("NotAllowedError: no credential for this request")
            credential = candidates[-1]
        if sign_count is not None:
            credential.sign_count = sign_count
        elif self.counts_signatures:
            credential.sign_count += 1
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([self._flags(uv=uv, attested=False)])
            + struct.pack(">I", credential.sign_count)
        )
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = credential.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return json.dumps(
            {
                "id": b64url(credential.credential_id),
                "rawId": b64url(credential.credential_id),
                "type": "public-key",
                "authenticatorAttachment": "platform",
                "clientExtensionResults": {},
                "response": {
                    "clientDataJSON": b64url(client_data),
                    "authenticatorData": b64url(auth_data),
                    "signature": b64url(signature),
                    "userHandle": b64url(user_handle or credential.user_handle),
                },
            }
        )
