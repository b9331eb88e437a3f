"""One JSON error envelope for every non-GraphQL route.

``{"error": {"code": "...", "message": "...", "request_id": "..."}}`` — clients never see
a stack trace; unexpected errors are logged with the request id and answered as 500.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException

from core.logging import request_id_var

logger = logging.getLogger(__name__)

_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "REQUEST_TOO_LARGE",
    429: "TOO_MANY_REQUESTS",
    503: "SERVICE_UNAVAILABLE",
}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response[dict[str, object]]:
    return Response(
        {"error": {"code": code, "message": message, "request_id": request_id_var.get()}},
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def http_exception_handler(
    _: Request[Any, Any, Any], exc: HTTPException
) -> Response[dict[str, object]]:
    status = exc.status_code
    message = exc.detail if status < 500 else HTTPStatus(status).phrase
    # Headers such as WWW-Authenticate (401) are part of the answer; keep them.
    return error_response(
        status, _CODES.get(status, f"HTTP_{status}"), message, headers=dict(exc.headers or {})
    )


def unexpected_exception_handler(
    _: Request[Any, Any, Any], exc: Exception
) -> Response[dict[str, object]]:
    logger.error("unhandled error", exc_info=exc)
    return error_response(500, "INTERNAL", "Internal server error")
