"""Ed25519 signing key ring: detached signatures, JWTs and the published JWKS.

Owns which key signs (the active one), which keys verify (every key in the ring plus
retired public keys) and what is published at ``/.well-known/jwks.json``. Every
signature is labelled with its key id, so a rotation never invalidates what was signed
before: :meth:`SigningKeyRing.rotate` returns a ring in which the new key signs and the
old keys still verify.

JWTs use PyJWT with the algorithm pinned to EdDSA; the token's ``kid`` header selects
the verification key, and tokens with another algorithm (``none``, ``HS256``...) or an
unknown key id are refused before any verification is attempted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from core.crypto._encoding import b64url_encode, check_kid

__all__ = ["JWT_ALGORITHM", "Jwk", "Jwks", "SigningKeyRing", "TokenError"]

JWT_ALGORITHM = "EdDSA"

#: Claims :meth:`SigningKeyRing.jwt_decode` insists on: a token that never expires or
#: names no audience/issuer could be replayed anywhere, forever.
_REQUIRED_CLAIMS = ("exp", "aud", "iss")


class TokenError(Exception):
    """A JWT was refused: malformed, wrong algorithm, unknown key, bad signature or claims."""


class Jwk(TypedDict):
    kty: str
    crv: str
    x: str
    kid: str
    use: str
    alg: str


class Jwks(TypedDict):
    keys: list[Jwk]


class SigningKeyRing:
    """Ed25519 keys by id: ``active_kid`` signs; all private and retired keys verify."""

    __slots__ = ("_active_kid", "_private", "_public")

    def __init__(
        self,
        keys: Mapping[str, Ed25519PrivateKey],
        active_kid: str,
        retired_public: Mapping[str, Ed25519PublicKey] | None = None,
    ) -> None:
        if active_kid not in keys:
            raise ValueError("active key id is not in the key ring")
        retired = dict(retired_public or {})
        if overlap := sorted(keys.keys() & retired.keys()):
            raise ValueError(f"key ids both private and retired: {overlap!r}")
        for kid in (*keys, *retired):
            check_kid(kid)
        self._private: dict[str, Ed25519PrivateKey] = dict(keys)
        self._active_kid = active_kid
        # Active key first, so the JWKS lists the current key at the top.
        order = [active_kid, *(k for k in keys if k != active_kid)]
        self._public: dict[str, Ed25519PublicKey] = {k: keys[k].public_key() for k in order}
        self._public.update(retired)

    def __repr__(self) -> str:
        # Key ids only: a repr ends up in logs and tracebacks.
        return f"SigningKeyRing(kids={list(self._public)!r}, active_kid={self._active_kid!r})"

    @property
    def active_kid(self) -> str:
        return self._active_kid

    @property
    def kids(self) -> tuple[str, ...]:
        """Every key id that verifies, active first."""
        return tuple(self._public)

    def public_key(self, kid: str) -> Ed25519PublicKey | None:
        return self._public.get(kid)

    def sign(self, payload: bytes) -> tuple[str, bytes]:
        """Sign ``payload`` with the active key; return ``(kid, signature)``."""
        return self._active_kid, self._private[self._active_kid].sign(payload)

    def verify(self, kid: str, payload: bytes, signature: bytes) -> bool:
        """Whether ``signature`` over ``payload`` is valid under key ``kid``."""
        public = self._public.get(kid)
        if public is None:
            return False
        try:
            public.verify(signature, payload)
        except InvalidSignature:
            return False
        return True

    def jwks(self) -> Jwks:
        """The JSON Web Key Set (RFC 8037 OKP keys) of every key that verifies."""
        return {
            "keys": [
                {
                    "kty": "OKP",
                    "crv": "Ed25519",
                    "x": b64url_encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)),
                    "kid": kid,
                    "use": "sig",
                    "alg": JWT_ALGORITHM,
                }
                for kid, public in self._public.items()
            ]
        }

    def rotate(self, new_kid: str, new_key: Ed25519PrivateKey) -> SigningKeyRing:
        """A new ring in which ``new_key`` signs and every current key still verifies."""
        if new_kid in self._public:
            raise ValueError(f"key id {new_kid!r} is already in the ring")
        retired = {k: v for k, v in self._public.items() if k not in self._private}
        return SigningKeyRing({new_kid: new_key, **self._private}, new_kid, retired)

    def jwt_encode(self, claims: dict[str, Any], *, headers: dict[str, Any] | None = None) -> str:
        """A compact JWT over ``claims`` signed by the active key, ``kid`` in its header.

        ``headers`` may add fields but not ``alg`` or ``kid``, which the ring decides.
        Include ``exp``, ``aud`` and ``iss``: :meth:`jwt_decode` requires them.
        """
        extra = dict(headers or {})
        if "alg" in extra or "kid" in extra:
            raise ValueError("alg and kid are set by the key ring, not by the caller")
        return jwt.encode(
            claims,
            self._private[self._active_kid],
            algorithm=JWT_ALGORITHM,
            headers={**extra, "kid": self._active_kid},
        )

    def jwt_decode(
        self,
        token: str,
        *,
        audience: str,
        issuer: str,
        require: tuple[str, ...] = (),
        typ: str | None = None,
    ) -> dict[str, Any]:
        """Verify ``token`` and return its claims; raise :class:`TokenError` if refused.

        The header's ``alg`` must be EdDSA and its ``kid`` a key of this ring; then the
        signature, ``exp``/``nbf``, ``aud`` and ``iss`` are checked by PyJWT, with
        ``exp``, ``aud`` and ``iss`` required, plus the claims in ``require``. With
        ``typ`` the header must name that type (RFC 9068 ``at+jwt``), so a token minted
        for one purpose cannot be replayed as another.
        """
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError(f"malformed token: {exc}") from exc
        if typ is not None and header.get("typ") != typ:
            raise TokenError("token type is not allowed")
        # Checked here as well as by PyJWT's pinned list: the kid lookup below must
        # never hand an Ed25519 key to another algorithm.
        if header.get("alg") != JWT_ALGORITHM:
            raise TokenError("token algorithm is not allowed")
        kid = header.get("kid")
        public = self._public.get(kid) if isinstance(kid, str) else None
        if public is None:
            raise TokenError("token names an unknown key id")
        try:
            return jwt.decode(
                token,
                public,
                algorithms=[JWT_ALGORITHM],
                audience=audience,
                issuer=issuer,
                options={"require": [*_REQUIRED_CLAIMS, *require]},
            )
        except jwt.PyJWTError as exc:
            # PyJWT's messages name the failed check, never claim values or keys.
            raise TokenError(f"token refused: {exc}") from exc
