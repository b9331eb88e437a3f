"""Who is calling: the bearer token of an HTTP request, verified into a Viewer."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from strawberry.exceptions import ConnectionRejectionError

from core.crypto import TokenError
from core.graphql.context import RequestContext, Viewer
from identity.runtime import IdentityRuntime
from identity.sessions import authenticate


async def viewer_of_request(
    identity: IdentityRuntime, request: ASGIConnection[Any, Any, Any, Any]
) -> Viewer:
    """Anonymous without a token; the token's viewer; 401 for a token we must refuse."""
    header = request.headers.get("authorization")
    if not header:
        return Viewer()
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _refused("invalid_request", "Authorization must be 'Bearer <token>'.")
    try:
        return await authenticate(identity, token.strip())
    except TokenError:
        # The reason stays in the server: a client needs only "refresh or sign in again".
        raise _refused("invalid_token", "The access token is invalid or has expired.") from None


def _refused(error: str, message: str) -> NotAuthorizedException:
    return NotAuthorizedException(
        detail=message,
        headers={"WWW-Authenticate": f'Bearer realm="onetap", error="{error}"'},
    )


def client_ip_of(request: ASGIConnection[Any, Any, Any, Any]) -> str:
    # The proxy in front (see infra/deploy) is trusted to set the client address; uvicorn's
    # --proxy-headers turns X-Forwarded-For into request.client when configured.
    return request.client.host if request.client else ""


async def viewer_of_connection(context: RequestContext) -> Viewer | None:
    """The viewer of a WebSocket's ``connection_init`` token; None when it carries none."""
    params = context.connection_params or {}
    value = params.get("authorization", params.get("Authorization"))
    if value is None:
        return None
    scheme, _, token = str(value).partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ConnectionRejectionError({"reason": "invalid_request"})
    try:
        return await authenticate(context.resource(IdentityRuntime), token.strip())
    except TokenError:
        raise ConnectionRejectionError({"reason": "invalid_token"}) from None
