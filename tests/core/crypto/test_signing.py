"""Ed25519 key ring: signatures across rotation, the JWKS, and JWT algorithm pinning."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from core.crypto import SigningKeyRing, TokenError
from core.crypto._encoding import b64url_decode, b64url_encode

PAYLOAD = b"audit-head:0f3a"
AUDIENCE = "onetap-api"
ISSUER = "https://onetap.example.gov.cn"


@pytest.fixture
def ring() -> SigningKeyRing:
    return SigningKeyRing({"s1": Ed25519PrivateKey.generate()}, "s1")


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": "citizen-42",
        "aud": AUDIENCE,
        "iss": ISSUER,
        "iat": now,
        "exp": now + 300,
    }
    claims.update(overrides)
    return claims


def _unsigned_token(header: dict[str, Any], claims: dict[str, Any], signature: bytes) -> str:
    def part(obj: dict[str, Any]) -> str:
        return b64url_encode(json.dumps(obj, separators=(",", ":")).encode())

    return f"{part(header)}.{part(claims)}.{b64url_encode(signature)}"


def test_sign_and_verify(ring: SigningKeyRing) -> None:
    kid, signature = ring.sign(PAYLOAD)
    assert kid == "s1"
    assert ring.verify(kid, PAYLOAD, signature)


def test_tampered_payload_or_signature_fails(ring: SigningKeyRing) -> None:
    kid, signature = ring.sign(PAYLOAD)
    assert not ring.verify(kid, PAYLOAD + b"!", signature)
    flipped = bytes([signature[0] ^ 1]) + signature[1:]
    assert not ring.verify(kid, PAYLOAD, flipped)
    assert not ring.verify(kid, PAYLOAD, signature[:-1])


def test_unknown_kid_fails(ring: SigningKeyRing) -> None:
    _, signature = ring.sign(PAYLOAD)
    assert not ring.verify("nope", PAYLOAD, signature)


def test_rotation_keeps_old_signatures_verifying(ring: SigningKeyRing) -> None:
    old_kid, old_signature = ring.sign(PAYLOAD)
    rotated = ring.rotate("s2", Ed25519PrivateKey.generate())
    assert rotated.active_kid == "s2"
    assert rotated.verify(old_kid, PAYLOAD, old_signature)
    new_kid, new_signature = rotated.sign(PAYLOAD)
    assert new_kid == "s2"
    assert rotated.verify(new_kid, PAYLOAD, new_signature)
    # The old ring is unchanged and does not know the new key.
    assert ring.active_kid == "s1"
    assert not ring.verify(new_kid, PAYLOAD, new_signature)
    # A signature does not verify under another key id of the ring.
    assert not rotated.verify(old_kid, PAYLOAD, new_signature)


def test_retired_public_keys_verify_but_never_sign() -> None:
    retired_private = Ed25519PrivateKey.generate()
    signature = retired_private.sign(PAYLOAD)
    ring = SigningKeyRing(
        {"s2": Ed25519PrivateKey.generate()},
        "s2",
        retired_public={"s0": retired_private.public_key()},
    )
    assert ring.verify("s0", PAYLOAD, signature)
    assert ring.sign(PAYLOAD)[0] == "s2"
    rotated = ring.rotate("s3", Ed25519PrivateKey.generate())
    assert rotated.verify("s0", PAYLOAD, signature)
    assert rotated.kids == ("s3", "s2", "s0")


def test_rotate_to_existing_kid_refused(ring: SigningKeyRing) -> None:
    with pytest.raises(ValueError, match="already"):
        ring.rotate("s1", Ed25519PrivateKey.generate())


def test_invalid_construction() -> None:
    key = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError, match="active"):
        SigningKeyRing({"s1": key}, "s2")
    with pytest.raises(ValueError, match="both"):
        SigningKeyRing({"s1": key}, "s1", retired_public={"s1": key.public_key()})


def test_jwks_lists_every_key_and_its_x_verifies() -> None:
    retired = Ed25519PrivateKey.generate()
    ring = SigningKeyRing(
        {"s1": Ed25519PrivateKey.generate()}, "s1", retired_public={"s0": retired.public_key()}
    ).rotate("s2", Ed25519PrivateKey.generate())
    jwks = ring.jwks()
    assert [k["kid"] for k in jwks["keys"]] == ["s2", "s1", "s0"]
    for jwk in jwks["keys"]:
        assert {k: v for k, v in jwk.items() if k not in ("x", "kid")} == {
            "kty": "OKP",
            "crv": "Ed25519",
            "use": "sig",
            "alg": "EdDSA",
        }
        assert "d" not in jwk
    by_kid = {jwk["kid"]: jwk for jwk in jwks["keys"]}

    kid, signature = ring.sign(PAYLOAD)
    public = Ed25519PublicKey.from_public_bytes(b64url_decode(by_kid[kid]["x"]))
    public.verify(signature, PAYLOAD)  # raises if the published key were wrong

    retired_signature = retired.sign(PAYLOAD)
    Ed25519PublicKey.from_public_bytes(b64url_decode(by_kid["s0"]["x"])).verify(
        retired_signature, PAYLOAD
    )
    # The document is plain JSON.
    json.dumps(jwks)


def test_jwks_works_with_pyjwt(ring: SigningKeyRing) -> None:
    token = ring.jwt_encode(_claims())
    key = jwt.PyJWKSet.from_dict(dict(ring.jwks()))[ring.active_kid]
    claims = jwt.decode(token, key, algorithms=["EdDSA"], audience=AUDIENCE, issuer=ISSUER)
    assert claims["sub"] == "citizen-42"


def test_jwt_round_trip_with_kid_header(ring: SigningKeyRing) -> None:
    token = ring.jwt_encode(_claims(), headers={"typ": "JWT", "cty": "x"})
    header = jwt.get_unverified_header(token)
    assert header["kid"] == "s1"
    assert header["alg"] == "EdDSA"
    assert header["cty"] == "x"
    claims = ring.jwt_decode(token, audience=AUDIENCE, issuer=ISSUER)
    assert claims["sub"] == "citizen-42"


def test_jwt_after_rotation(ring: SigningKeyRing) -> None:
    old_token = ring.jwt_encode(_claims())
    rotated = ring.rotate("s2", Ed25519PrivateKey.generate())
    assert rotated.jwt_decode(old_token, audience=AUDIENCE, issuer=ISSUER)["sub"]
    new_token = rotated.jwt_encode(_claims())
    assert jwt.get_unverified_header(new_token)["kid"] == "s2"
    with pytest.raises(TokenError, match="unknown key"):
        ring.jwt_decode(new_token, audience=AUDIENCE, issuer=ISSUER)


def test_jwt_encode_refuses_alg_and_kid_overrides(ring: SigningKeyRing) -> None:
    with pytest.raises(ValueError, match="alg"):
        ring.jwt_encode(_claims(), headers={"alg": "HS256"})
    with pytest.raises(ValueError, match="kid"):
        ring.jwt_encode(_claims(), headers={"kid": "other"})


def test_jwt_alg_none_refused(ring: SigningKeyRing) -> None:
    token = _unsigned_token({"alg": "none", "kid": "s1", "typ": "JWT"}, _claims(), b"")
    with pytest.raises(TokenError, match="algorithm"):
        ring.jwt_decode(token, audience=AUDIENCE, issuer=ISSUER)


def test_jwt_hs256_refused(ring: SigningKeyRing) -> None:
    # Algorithm confusion: an HMAC keyed with the *public* key, which anyone can fetch.
    public_raw = ring.jwks()["keys"][0]["x"].encode()
    token = jwt.encode(
        _claims(), public_raw + b"-padding-to-32-bytes!", algorithm="HS256", headers={"kid": "s1"}
    )
    with pytest.raises(TokenError, match="algorithm"):
        ring.jwt_decode(token, audience=AUDIENCE, issuer=ISSUER)


def test_jwt_unknown_kid_and_missing_kid_refused(ring: SigningKeyRing) -> None:
    other = SigningKeyRing({"x9": Ed25519PrivateKey.generate()}, "x9")
    with pytest.raises(TokenError, match="unknown key"):
        ring.jwt_decode(other.jwt_encode(_claims()), audience=AUDIENCE, issuer=ISSUER)
    no_kid = jwt.encode(_claims(), Ed25519PrivateKey.generate(), algorithm="EdDSA")
    with pytest.raises(TokenError, match="unknown key"):
        ring.jwt_decode(no_kid, audience=AUDIENCE, issuer=ISSUER)


def test_jwt_signed_by_impostor_with_our_kid_refused(ring: SigningKeyRing) -> None:
    impostor = SigningKeyRing({"s1": Ed25519PrivateKey.generate()}, "s1")
    with pytest.raises(TokenError, match=r"[Ss]ignature"):
        ring.jwt_decode(impostor.jwt_encode(_claims()), audience=AUDIENCE, issuer=ISSUER)


def test_jwt_tampered_claims_refused(ring: SigningKeyRing) -> None:
    header, _claims_part, signature = ring.jwt_encode(_claims()).split(".")
    forged = b64url_encode(json.dumps(_claims(sub="admin")).encode())
    with pytest.raises(TokenError):
        ring.jwt_decode(f"{header}.{forged}.{signature}", audience=AUDIENCE, issuer=ISSUER)


def test_jwt_wrong_audience_or_issuer_refused(ring: SigningKeyRing) -> None:
    with pytest.raises(TokenError, match=r"[Aa]udience"):
        ring.jwt_decode(
            ring.jwt_encode(_claims(aud="another-service")), audience=AUDIENCE, issuer=ISSUER
        )
    with pytest.raises(TokenError, match=r"[Ii]ssuer"):
        ring.jwt_decode(ring.jwt_encode(_claims(iss="evil")), audience=AUDIENCE, issuer=ISSUER)


def test_jwt_expired_or_without_exp_refused(ring: SigningKeyRing) -> None:
    expired = ring.jwt_encode(_claims(exp=int(time.time()) - 10))
    with pytest.raises(TokenError, match="expired"):
        ring.jwt_decode(expired, audience=AUDIENCE, issuer=ISSUER)
    claims = _claims()
    del claims["exp"]
    with pytest.raises(TokenError, match="exp"):
        ring.jwt_decode(ring.jwt_encode(claims), audience=AUDIENCE, issuer=ISSUER)


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "..."])
def test_jwt_garbage_refused(ring: SigningKeyRing, token: str) -> None:
    with pytest.raises(TokenError):
        ring.jwt_decode(token, audience=AUDIENCE, issuer=ISSUER)


def test_repr_hides_keys(ring: SigningKeyRing) -> None:
    assert "s1" in repr(ring)
    assert "PrivateKey" not in repr(ring)


def test_x_is_unpadded_base64url_of_32_bytes(ring: SigningKeyRing) -> None:
    x = ring.jwks()["keys"][0]["x"]
    assert len(base64.urlsafe_b64decode(x + "=")) == 32
    assert "=" not in x
