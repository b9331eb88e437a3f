"""Field encryption: round trips, context binding, tampering and key rotation."""

from __future__ import annotations

import os

import pytest

from core.crypto import BlindIndex, DecryptionError, FieldCipher
from core.crypto._encoding import b64url_decode, b64url_encode

ID_NUMBER = "11010519491231002X"
CONTEXT = "person.id_number"


@pytest.fixture
def old_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def new_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def cipher(old_key: bytes) -> FieldCipher:
    return FieldCipher({"k1": old_key}, "k1")


def test_round_trip(cipher: FieldCipher) -> None:
    token = cipher.encrypt(ID_NUMBER, CONTEXT)
    assert cipher.decrypt(token, CONTEXT) == ID_NUMBER


def test_round_trip_non_ascii_and_empty(cipher: FieldCipher) -> None:
    for value in ("张三丰", "", "a" * 1000):
        assert cipher.decrypt(cipher.encrypt(value, "person.name"), "person.name") == value


def test_token_is_self_describing_and_hides_plaintext(cipher: FieldCipher) -> None:
    token = cipher.encrypt(ID_NUMBER, CONTEXT)
    version, kid, nonce, ciphertext = token.split(".")
    assert (version, kid) == ("v1", "k1")
    assert len(b64url_decode(nonce)) == 12
    assert len(b64url_decode(ciphertext)) == len(ID_NUMBER) + 16
    assert ID_NUMBER not in token
    assert "=" not in token


def test_wrong_context_fails(cipher: FieldCipher) -> None:
    token = cipher.encrypt(ID_NUMBER, CONTEXT)
    with pytest.raises(DecryptionError):
        cipher.decrypt(token, "person.phone")


def test_tampered_ciphertext_fails(cipher: FieldCipher) -> None:
    token = cipher.encrypt(ID_NUMBER, CONTEXT)
    version, kid, nonce, ciphertext = token.split(".")
    raw = bytearray(b64url_decode(ciphertext))
    raw[0] ^= 0x01
    tampered = ".".join((version, kid, nonce, b64url_encode(bytes(raw))))
    with pytest.raises(DecryptionError) as info:
        cipher.decrypt(tampered, CONTEXT)
    assert ID_NUMBER not in str(info.value)


def test_tampered_nonce_fails(cipher: FieldCipher) -> None:
    version, kid, nonce, ciphertext = cipher.encrypt(ID_NUMBER, CONTEXT).split(".")
    raw = bytearray(b64url_decode(nonce))
    raw[-1] ^= 0x80
    with pytest.raises(DecryptionError):
        cipher.decrypt(".".join((version, kid, b64url_encode(bytes(raw)), ciphertext)), CONTEXT)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "v1",
        "v1.k1.AAAA",
        "v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.AAAAAAAAAAAAAAAA.AAAA",  # shorter than a GCM tag
        "v1.k1.AAAA.AAAAAAAAAAAAAAAAAAAAAA",  # nonce too short
        "v1.k1.AAAAAAAAAAAAAAAA=.AAAAAAAAAAAAAAAAAAAAAA",  # padding
        "v1.k 1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.extra",
    ],
)
def test_malformed_tokens_fail(cipher: FieldCipher, token: str) -> None:
    with pytest.raises(DecryptionError):
        cipher.decrypt(token, CONTEXT)


def test_unknown_kid_fails_without_leaking(old_key: bytes, new_key: bytes) -> None:
    token = FieldCipher({"other": new_key}, "other").encrypt(ID_NUMBER, CONTEXT)
    with pytest.raises(DecryptionError) as info:
        FieldCipher({"k1": old_key}, "k1").decrypt(token, CONTEXT)
    message = str(info.value)
    assert ID_NUMBER not in message
    assert token not in message


def test_kid_swapped_to_another_ring_key_fails(old_key: bytes, new_key: bytes) -> None:
    ring = FieldCipher({"k2": new_key, "k1": old_key}, "k2")
    _, _, nonce, ciphertext = ring.encrypt(ID_NUMBER, CONTEXT).split(".")
    with pytest.raises(DecryptionError):
        ring.decrypt(f"v1.k1.{nonce}.{ciphertext}", CONTEXT)


def test_rotation(old_key: bytes, new_key: bytes) -> None:
    before = FieldCipher({"k1": old_key}, "k1")
    old_token = before.encrypt(ID_NUMBER, CONTEXT)

    after = FieldCipher({"k2": new_key, "k1": old_key}, "k2")
    assert after.decrypt(old_token, CONTEXT) == ID_NUMBER
    assert after.needs_rotation(old_token)

    new_token = after.encrypt(ID_NUMBER, CONTEXT)
    assert new_token.split(".")[1] == "k2"
    assert not after.needs_rotation(new_token)
    with pytest.raises(DecryptionError):
        before.decrypt(new_token, CONTEXT)

    rotated = after.reencrypt(old_token, CONTEXT)
    assert rotated.split(".")[1] == "k2"
    assert after.decrypt(rotated, CONTEXT) == ID_NUMBER
    assert after.reencrypt(new_token, CONTEXT) == new_token


def test_needs_rotation_rejects_malformed(cipher: FieldCipher) -> None:
    with pytest.raises(DecryptionError):
        cipher.needs_rotation("not a token")


def test_same_value_gives_different_ciphertexts_but_equal_blind_index(
    cipher: FieldCipher,
) -> None:
    tokens = {cipher.encrypt(ID_NUMBER, CONTEXT) for _ in range(20)}
    assert len(tokens) == 20
    index = BlindIndex(os.urandom(32))
    assert index.compute(ID_NUMBER, CONTEXT) == index.compute(ID_NUMBER, CONTEXT)


def test_invalid_construction(old_key: bytes) -> None:
    with pytest.raises(ValueError, match="active"):
        FieldCipher({"k1": old_key}, "k2")
    with pytest.raises(ValueError, match="32 bytes"):
        FieldCipher({"k1": old_key[:16]}, "k1")
    with pytest.raises(ValueError, match="key id"):
        FieldCipher({"k.1": old_key}, "k.1")


def test_repr_hides_keys(old_key: bytes) -> None:
    text = repr(FieldCipher({"k1": old_key}, "k1"))
    assert "k1" in text
    assert old_key.hex() not in text
    assert str(old_key) not in text


def test_lone_surrogate_error_does_not_quote_plaintext(cipher: FieldCipher) -> None:
    with pytest.raises(ValueError, match="not valid Unicode") as info:
        cipher.encrypt("110105\udc80", CONTEXT)
    assert "110105" not in str(info.value)
    assert "\\udc80" not in str(info.value)
