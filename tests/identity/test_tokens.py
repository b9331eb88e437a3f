"""Access tokens: what identity mints, and every token it must refuse (RFC 8725, RFC 9068)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from core.crypto import SigningKeyRing, TokenError
from core.crypto.keys import load_key_material
from core.objectstore import build_object_store
from core.settings import Settings
from identity.providers.sandbox import SandboxPerson
from identity.runtime import IdentityRuntime, build_identity_runtime
from identity.tiers import Tier
from identity.tokens import AccessGrant, mint_access_token, read_access_token
from tests.identity.conftest import Api


@pytest.fixture
def runtime(identity_settings: Settings) -> IdentityRuntime:
    keys = load_key_material(identity_settings)
    return build_identity_runtime(identity_settings, keys, build_object_store(identity_settings))


def _grant(**changes: Any) -> AccessGrant:
    values: dict[str, Any] = {
        "subject": "person:7b0c3a9e-0000-4000-8000-000000000001",
        "session_id": "6f1d2c3b-0000-4000-8000-000000000002",
        "tier": Tier.INTERMEDIATE,
        "amr": ("pwd", "sms"),
        "auth_time": datetime(2026, 11, 22, 8, 0, tzinfo=UTC),
    }
    values.update(changes)
    return AccessGrant(**values)


def _claims(runtime: IdentityRuntime, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": runtime.issuer,
        "aud": runtime.audience,
        "sub": "person:7b0c3a9e-0000-4000-8000-000000000001",
        "iat": now,
        "exp": now + 300,
        "jti": "j1",
        "sid": "s1",
        "tier": "intermediate",
        "auth_time": now,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _sign(runtime: IdentityRuntime, claims: dict[str, Any], typ: str = "at+jwt") -> str:
    return runtime.keys.signing.jwt_encode(claims, headers={"typ": typ})


def test_minted_token_carries_the_claims_and_reads_back(runtime: IdentityRuntime) -> None:
    grant = _grant(acting_for="enterprise:e1", roles=())
    token, lifetime = mint_access_token(runtime, grant)
    assert lifetime <= 600
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "at+jwt"
    assert header["kid"] == runtime.keys.signing.active_kid
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["acr"] == Tier.INTERMEDIATE.acr
    assert claims["amr"] == ["pwd", "sms"]
    assert claims["exp"] - claims["iat"] == lifetime
    assert {"iss", "aud", "sub", "iat", "exp", "jti", "auth_time", "tier"} <= claims.keys()
    assert read_access_token(runtime, token) == grant


def test_alg_none_is_refused(runtime: IdentityRuntime) -> None:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    header = {"alg": "none", "typ": "at+jwt", "kid": runtime.keys.signing.active_kid}
    token = f"{part(header)}.{part(_claims(runtime))}."
    with pytest.raises(TokenError):
        read_access_token(runtime, token)


def test_hs256_keyed_with_the_public_key_is_refused(runtime: IdentityRuntime) -> None:
    kid = runtime.keys.signing.active_kid
    public_key = runtime.keys.signing.public_key(kid)
    assert public_key is not None
    public_raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    token = jwt.encode(
        _claims(runtime), public_raw, algorithm="HS256", headers={"kid": kid, "typ": "at+jwt"}
    )
    with pytest.raises(TokenError):
        read_access_token(runtime, token)


@pytest.mark.parametrize(
    ("change", "value"),
    [("aud", "another-api"), ("iss", "https://evil.example"), ("exp", 1_000_000_000)],
)
def test_wrong_audience_issuer_or_expired_is_refused(
    runtime: IdentityRuntime, change: str, value: Any
) -> None:
    token = _sign(runtime, _claims(runtime, **{change: value}))
    with pytest.raises(TokenError):
        read_access_token(runtime, token)


@pytest.mark.parametrize("missing", ["sub", "jti", "iat", "sid", "tier", "auth_time"])
def test_each_required_claim_is_required(runtime: IdentityRuntime, missing: str) -> None:
    token = _sign(runtime, _claims(runtime, **{missing: None}))
    with pytest.raises(TokenError):
        read_access_token(runtime, token)


def test_a_token_of_another_type_is_refused(runtime: IdentityRuntime) -> None:
    # Same key, same claims, but minted as something else (say an ID token or a QR grant).
    with pytest.raises(TokenError, match="type"):
        read_access_token(runtime, _sign(runtime, _claims(runtime), typ="JWT"))


def test_tampered_claims_are_refused(runtime: IdentityRuntime) -> None:
    token, _ = mint_access_token(runtime, _grant(tier=Tier.BASIC))
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["tier"] = "intermediate"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(TokenError):
        read_access_token(runtime, f"{header}.{forged}.{signature}")


def test_unknown_kid_is_refused(runtime: IdentityRuntime) -> None:
    stranger = SigningKeyRing({"k-unknown": Ed25519PrivateKey.generate()}, "k-unknown")
    token = stranger.jwt_encode(_claims(runtime), headers={"typ": "at+jwt"})
    with pytest.raises(TokenError):
        read_access_token(runtime, token)


def test_a_subject_that_is_not_a_person_or_staff_is_refused(runtime: IdentityRuntime) -> None:
    token = _sign(runtime, _claims(runtime, sub="enterprise:e1"))
    with pytest.raises(TokenError, match="subject"):
        read_access_token(runtime, token)


async def test_refused_tokens_get_401_with_www_authenticate(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    tokens = await api.register(person_named("陈明辉"))
    good = tokens["accessToken"]
    assert (await api.post("{ me { tier } }", token=good)).status_code == 200
    header, payload, signature = good.split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    for bad in (f"{header}.{payload}.{flipped}", "not-a-token"):
        response = await api.post("{ me { tier } }", token=bad)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer ")
        assert 'error="invalid_token"' in response.headers["www-authenticate"]
        assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    basic_scheme = await api.http.post(
        "/graphql", json={"query": "{ me { tier } }"}, headers={"authorization": "Basic abc"}
    )
    assert basic_scheme.status_code == 401
    assert 'error="invalid_request"' in basic_scheme.headers["www-authenticate"]


async def test_a_step_up_error_also_carries_the_rfc_9470_challenge_header(
    api: Api, person_named: Callable[[str], SandboxPerson]
) -> None:
    tokens = await api.register(person_named("陈明辉"))
    response = await api.post(
        "mutation { revealIdNumber { __typename } }", token=tokens["accessToken"]
    )
    assert response.status_code == 200
    error = response.json()["errors"][0]["extensions"]
    assert error["code"] == "INSUFFICIENT_USER_AUTHENTICATION"
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith('Bearer error="insufficient_user_authentication"')
    assert f'acr_values="{error["acrValues"]}"' in challenge
    assert f"max_age={error['maxAge']}" in challenge
    plain = await api.post("{ tierGuide { tier } }", token=tokens["accessToken"])
    assert "www-authenticate" not in plain.headers
