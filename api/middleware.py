"""HTTP middleware and hooks: request id + access log + metrics, and security headers."""

from __future__ import annotations

import logging
import re
import time
import uuid

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    BeforeMessageSendHookHandler,
    Message,
    Receive,
    Scope,
    Send,
)
from prometheus_client import Counter, Histogram

from core.logging import request_id_var

logger = logging.getLogger("onetap.access")

REQUESTS = Counter("onetap_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "onetap_http_request_duration_seconds", "HTTP request latency", ["method", "route"]
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _route_label(scope: Scope) -> str:
    # The route template, not the raw path: paths may carry identifiers.
    handler = scope.get("route_handler")
    paths = getattr(handler, "paths", None)
    return sorted(paths)[0] if paths else "unmatched"


def observability_middleware(app: ASGIApp) -> ASGIApp:
    """Request id (echoed as X-Request-ID), one access-log line, Prometheus metrics."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableScopeHeaders.from_message(message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_label(scope)
            method = scope["method"]
            REQUESTS.labels(method, route, str(status)).inc()
            LATENCY.labels(method, route).observe(elapsed)
            # Only the path (never the query string, which may carry personal data).
            logger.info(
                "request",
                extra={
                    "method": method,
                    "path": scope["path"],
                    "status": status,
                    "ms": round(elapsed * 1000, 1),
                },
            )
            request_id_var.reset(token)

    return middleware


def security_headers_hook(*, hsts: bool, allow_graphiql: bool) -> BeforeMessageSendHookHandler:
    """CSP and the other security headers on every HTTP response.

    A ``before_send`` hook rather than a middleware: Litestar runs it for every response,
    including the 404/405 answers of its router, which route middleware never sees.
    """
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self'; manifest-src 'self'; frame-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        # GraphiQL (development only) loads its bundle from a CDN and runs inline code.
        graphiql = allow_graphiql and scope["path"] == "/graphql"
        # A route may set a stricter policy (e.g. sandboxed downloads); keep it.
        if not graphiql and "Content-Security-Policy" not in headers:
            headers["Content-Security-Policy"] = csp
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        headers["Permissions-Policy"] = (
            "camera=(self), microphone=(), geolocation=(self), payment=(self)"
        )
        headers["X-Frame-Options"] = "DENY"
        if hsts:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    return add_headers
