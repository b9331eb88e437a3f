"""The face vendor's callback: ``POST /identity/face/callback`` with a signed result.

The vendor sends the raw result body with ``X-Timestamp`` (unix seconds) and
``X-Signature`` (over ``timestamp + "\\n" + body``). Nothing in it is believed, and
nothing changes, until the identity domain has checked the signature and that the
timestamp is fresh: a bad signature or a stale timestamp is a 401 in the JSON error
envelope. A result is applied to its check once; delivering it again (vendors retry)
answers 200 with ``applied: false``.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response, post

from api.http_errors import error_response
from identity import face
from identity.errors import NotFound
from identity.providers import ResultSignatureError, SignedFaceResult
from identity.runtime import IdentityRuntime

__all__ = ["face_callback"]

logger = logging.getLogger(__name__)

#: A face result is a few hundred bytes; anything much larger is not one.
_MAX_RESULT_BYTES = 16_384


@post("/identity/face/callback", include_in_schema=False, status_code=200)
async def face_callback(request: Request[Any, Any, Any]) -> Response[dict[str, object]]:
    """Apply a vendor's signed face result to the check it belongs to."""
    identity: IdentityRuntime = request.app.state.identity
    body = await request.body()
    if len(body) > _MAX_RESULT_BYTES:
        return error_response(413, "REQUEST_TOO_LARGE", "A face result is never this large.")
    signed = SignedFaceResult(
        body=body,
        timestamp=request.headers.get("x-timestamp", ""),
        signature=request.headers.get("x-signature", ""),
    )
    try:
        result = await face.receive_signed_result(identity, signed)
    except ResultSignatureError as exc:
        # The detail is a fixed description chosen by our code (never request data).
        logger.warning("face callback refused", extra={"reason": exc.detail})
        return error_response(
            401, "INVALID_SIGNATURE", "The result's signature or timestamp is not valid."
        )
    except NotFound:
        return error_response(404, "NOT_FOUND", "No face check has this session.")
    return Response(
        {"status": result.check.status.value, "applied": result.applied},
        status_code=200,
        media_type="application/json",
    )
