"""Compact JWS (RFC 7515) with EdDSA (RFC 8037) over a license's canonical JSON payload.

Written out rather than through PyJWT because the payload must be the exact canonical
bytes that were stored (PyJWT re-serialises claims), and because the offline verifier
(``onetap license verify``) must run with nothing but this module and a key set. The
header is fixed to ``{"alg": "EdDSA", "kid": ..., "typ": "vc+jwt"}``; any other ``alg``
is refused before a key is even looked up.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.crypto import SigningKeyRing, b64url_decode, b64url_encode, canonical_json

__all__ = [
    "ALGORITHM",
    "TYPE",
    "JwsInvalid",
    "ParsedJws",
    "parse",
    "sign",
    "sign_with_ring",
    "verify",
]

ALGORITHM = "EdDSA"
TYPE = "vc+jwt"


class JwsInvalid(Exception):
    """The token is malformed, uses another algorithm, names an unknown key or fails."""


@dataclass(frozen=True, slots=True)
class ParsedJws:
    kid: str
    payload: bytes
    signature: bytes
    signing_input: bytes

    def claims(self) -> dict[str, Any]:
        try:
            value = json.loads(self.payload)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise JwsInvalid("payload is not JSON") from None
        if not isinstance(value, dict):
            raise JwsInvalid("payload is not a JSON object")
        return value


def sign(payload: bytes, *, kid: str, key: Ed25519PrivateKey) -> str:
    header = b64url_encode(canonical_json({"alg": ALGORITHM, "kid": kid, "typ": TYPE}))
    body = b64url_encode(payload)
    signature = key.sign(f"{header}.{body}".encode("ascii"))
    return f"{header}.{body}.{b64url_encode(signature)}"


def sign_with_ring(payload: bytes, ring: SigningKeyRing) -> str:
    """The same compact JWS, signed by the platform's active key (``/.well-known/jwks.json``):
    for what OneTap itself vouches for, such as the status lists."""
    header = b64url_encode(canonical_json({"alg": ALGORITHM, "kid": ring.active_kid, "typ": TYPE}))
    body = b64url_encode(payload)
    kid, signature = ring.sign(f"{header}.{body}".encode("ascii"))
    if kid != ring.active_kid:  # the ring rotated between the two reads
        raise RuntimeError("the signing key changed while signing; sign again")
    return f"{header}.{body}.{b64url_encode(signature)}"


def parse(token: str) -> ParsedJws:
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise JwsInvalid("not a compact JWS (three dot-separated parts)")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = b64url_decode(parts[1])
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError):
        raise JwsInvalid("a part of the token is not base64url JSON") from None
    if not isinstance(header, dict) or header.get("alg") != ALGORITHM:
        raise JwsInvalid("the token's algorithm is not EdDSA")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise JwsInvalid("the token names no key id")
    return ParsedJws(kid, payload, signature, f"{parts[0]}.{parts[1]}".encode("ascii"))


def verify(token: str, keys: Mapping[str, Ed25519PublicKey]) -> ParsedJws:
    """Parse ``token`` and check its signature with the key its ``kid`` names."""
    parsed = parse(token)
    public = keys.get(parsed.kid)
    if public is None:
        raise JwsInvalid("the token names a key that is not published")
    try:
        public.verify(parsed.signature, parsed.signing_input)
    except InvalidSignature:
        raise JwsInvalid("the signature does not match the payload") from None
    return parsed
