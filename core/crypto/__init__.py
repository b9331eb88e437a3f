"""Cryptographic trust mechanisms: field encryption, blind indexes, masking, signatures.

Owns every primitive that protects personal data or vouches for OneTap's statements;
other packages use these names rather than ``cryptography`` or ``jwt`` directly, so key
handling and algorithm choices stay in one reviewed place.
"""

from __future__ import annotations

from core.crypto._encoding import b64url_decode, b64url_encode
from core.crypto.blind_index import (
    BlindIndex,
    normalise_id_number,
    normalise_phone,
    normalise_text,
)
from core.crypto.canonical import canonical_json
from core.crypto.fields import DecryptionError, FieldCipher
from core.crypto.keys import KeyMaterial, dev_key_path, load_key_material
from core.crypto.masking import mask_id_number, mask_name, mask_phone
from core.crypto.signing import JWT_ALGORITHM, Jwk, Jwks, SigningKeyRing, TokenError

__all__ = [
    "JWT_ALGORITHM",
    "BlindIndex",
    "DecryptionError",
    "FieldCipher",
    "Jwk",
    "Jwks",
    "KeyMaterial",
    "SigningKeyRing",
    "TokenError",
    "b64url_decode",
    "b64url_encode",
    "canonical_json",
    "dev_key_path",
    "load_key_material",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "normalise_id_number",
    "normalise_phone",
    "normalise_text",
]
