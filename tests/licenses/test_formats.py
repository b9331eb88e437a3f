"""The pure formats: GB/T 36904-style identifiers, compact JWS, Bitstring Status Lists."""

from __future__ import annotations

import gzip

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from core.crypto import b64url_encode
from identity.validators import parse_credit_code
from licenses import jws, status_list
from licenses.identifiers import _ALPHABET, compose, department_credit_code, is_valid

ISSUER = department_credit_code("350100-GA", "350100")


def test_the_derived_department_code_is_a_real_credit_code() -> None:
    parsed = parse_credit_code(ISSUER)
    assert parsed.area_code == "350100" and ISSUER.startswith("11")
    assert department_credit_code("350100-GA", "350100") == ISSUER  # stable
    assert department_credit_code("350100-RS", "350100") != ISSUER


def test_an_identifier_has_the_arc_and_its_check_character() -> None:
    identifier = compose("1101", ISSUER, 42)
    assert identifier.startswith(f"1.2.156.3005.2.1101.{ISSUER}.000042.1.")
    assert is_valid(identifier) and is_valid(identifier.lower())
    assert not is_valid(identifier[:-1] + ("0" if identifier[-1] != "0" else "1"))
    assert not is_valid("1.2.156.3005.2.1101.short.000042.1.X")


@given(serial=st.integers(min_value=1, max_value=999_999), data=st.data())
def test_every_single_character_change_is_caught(serial: int, data: st.DataObject) -> None:
    identifier = compose("1101", ISSUER, serial)
    positions = [i for i, c in enumerate(identifier[:-2]) if c != "." and i >= 15]
    at = data.draw(st.sampled_from(positions))
    original = identifier[at]
    other = data.draw(st.sampled_from([c for c in _ALPHABET if c != original]))
    changed = identifier[:at] + other + identifier[at + 1 :]
    assert not is_valid(changed)


def test_nearly_every_adjacent_transposition_is_caught() -> None:
    # The hybrid MOD 37,36 misses a few (see licenses.identifiers); measured, not assumed.
    caught = missed = 0
    for serial in range(1, 1501):
        identifier = compose("1101", ISSUER, serial)
        body, check = identifier[:-2], identifier[-2:]
        for at in range(15, len(body) - 1):
            pair = body[at : at + 2]
            if "." in pair or pair[0] == pair[1]:
                continue
            swapped = body[:at] + pair[1] + pair[0] + body[at + 2 :] + check
            if is_valid(swapped):
                missed += 1
            else:
                caught += 1
    assert caught > 30_000
    assert missed / (caught + missed) < 0.002


def test_jws_round_trip_and_refusals() -> None:
    key = Ed25519PrivateKey.generate()
    token = jws.sign(b'{"a":1}', kid="seal-1", key=key)
    parsed = jws.verify(token, {"seal-1": key.public_key()})
    assert parsed.claims() == {"a": 1}
    with pytest.raises(jws.JwsInvalid, match="not published"):
        jws.verify(token, {"other": key.public_key()})
    with pytest.raises(jws.JwsInvalid, match="does not match"):
        jws.verify(token, {"seal-1": Ed25519PrivateKey.generate().public_key()})
    header, body, _signature = token.split(".")
    none_header = b64url_encode(b'{"alg":"none","kid":"seal-1"}')
    with pytest.raises(jws.JwsInvalid, match="EdDSA"):
        jws.verify(f"{none_header}.{body}.", {"seal-1": key.public_key()})
    with pytest.raises(jws.JwsInvalid):
        jws.verify(f"{header}.{body}", {"seal-1": key.public_key()})


def test_status_list_bits_are_big_endian_and_at_least_16_kib() -> None:
    encoded = status_list.encode([0, 9, 131_071])
    raw = gzip.decompress(__import__("base64").urlsafe_b64decode(encoded[1:] + "=="))
    assert len(raw) == 16_384 and raw[0] == 0x80 and raw[1] == 0x40 and raw[-1] == 0x01
    bits = status_list.decode(encoded)
    assert [i for i in (0, 1, 8, 9, 131_071) if status_list.is_set(bits, i)] == [0, 9, 131_071]
    assert status_list.encode([5]) == status_list.encode([5])  # deterministic (mtime 0)
    with pytest.raises(ValueError, match="multibase"):
        status_list.decode("z" + encoded[1:])
    with pytest.raises(ValueError, match="outside"):
        status_list.encode([131_072])
    assert status_list.list_number(131_073) == 1 and status_list.position(131_073) == 1


def test_answers_print_as_labels_and_identifiers_never_print() -> None:
    from casework.forms import FieldType, FormField, Option
    from licenses.issuance import _shown_answer

    def field(kind: FieldType, *options: Option) -> FormField:
        return FormField("k", "标签", "Label", kind, True, options=options)

    purpose = field(FieldType.SELECT, Option("work", "务工", "Work"))
    assert _shown_answer(purpose, "work") == "务工"
    assert _shown_answer(purpose, "other") == "other"
    assert _shown_answer(field(FieldType.BOOLEAN), True) == "是"
    assert _shown_answer(field(FieldType.NUMBER), 30) == "30"
    assert _shown_answer(field(FieldType.PHONE), "v1.kid.nonce.cipher") is None
    assert _shown_answer(field(FieldType.ID_NUMBER), "v1.kid.nonce.cipher") is None
    assert _shown_answer(field(FieldType.TEXT), "") is None
    assert _shown_answer(None, "x") is None
