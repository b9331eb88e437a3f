"""Personal identifiers at rest: encrypted for reading back, blind-indexed for lookup.

The context strings bind each ciphertext and index to its column, so a value copied
from one column to another neither decrypts nor matches.
"""

from __future__ import annotations

from core.crypto import KeyMaterial, mask_id_number, mask_phone

ID_NUMBER = "person.id_number"
PHONE = "person.phone"


def id_number_index(keys: KeyMaterial, id_number: str) -> str:
    return keys.blind_index.compute(id_number, ID_NUMBER)


def phone_index(keys: KeyMaterial, phone: str) -> str:
    return keys.blind_index.compute(phone, PHONE)


def seal(keys: KeyMaterial, value: str, context: str) -> str:
    return keys.field_cipher.encrypt(value, context)


def unseal(keys: KeyMaterial, token: str, context: str) -> str:
    return keys.field_cipher.decrypt(token, context)


def masked_id_number(keys: KeyMaterial, token: str) -> str:
    return mask_id_number(unseal(keys, token, ID_NUMBER))


def masked_phone(keys: KeyMaterial, token: str) -> str:
    return mask_phone(unseal(keys, token, PHONE))
