"""Well-known endpoints: the public signing keys at ``/.well-known/jwks.json``.

Anyone holding a OneTap JWT, signed licence or audit anchor verifies it against these
keys, matched by ``kid``. The set lists retired keys too, so old signatures keep
verifying after a rotation.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from core.crypto import Jwks, KeyMaterial

__all__ = ["JWKS_CACHE_CONTROL", "jwks"]

#: Short enough that a rotation's new key is picked up within minutes, long enough that
#: verifiers do not fetch the set for every token.
JWKS_CACHE_CONTROL = "public, max-age=300"


@get("/.well-known/jwks.json", include_in_schema=True, tags=["well-known"])
async def jwks(request: Request[Any, Any, Any]) -> Response[Jwks]:
    """The JSON Web Key Set of every Ed25519 key that verifies OneTap signatures."""
    key_material: KeyMaterial = request.app.state.key_material
    return Response(
        key_material.signing.jwks(),
        headers={"Cache-Control": JWKS_CACHE_CONTROL},
    )
