"""The Litestar app factory: the whole wiring of OneTap's HTTP surface in one place."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.connection import ASGIConnection
from litestar.exceptions import HTTPException
from litestar.types import Scope
from strawberry.litestar import make_graphql_controller
from strawberry.types.unset import UnsetType

from api.auth import client_ip_of, viewer_of_connection, viewer_of_request
from api.http_errors import http_exception_handler, unexpected_exception_handler
from api.middleware import observability_middleware, security_headers_hook
from api.routes.face_callback import face_callback
from api.routes.health import healthz, metrics, readyz
from api.routes.licenses import license_keys, status_list_endpoint, verify_page
from api.routes.objects import ObjectsController
from api.routes.pwa import serve_pwa, serve_pwa_index
from api.routes.wellknown import jwks
from api.runtime import Runtime, close_runtime, open_runtime
from api.schema import build_schema
from casework.live import StatusBroker
from core.graphql.context import RequestContext
from core.jobs import worker_options
from core.settings import Settings
from identity.runtime import IdentityRuntime
from licenses import materials as license_materials
from licenses.runtime import LicenseRuntime

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings,
    *,
    apply_migrations: bool = False,
    database_url: str | None = None,
    run_worker: bool | None = None,
) -> Litestar:
    """Build the app. Connections open in the lifespan, so building is cheap and pure."""
    in_process_worker = settings.jobs.in_process_worker if run_worker is None else run_worker
    is_dev = settings.app.env == "development"

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        runtime = await open_runtime(
            settings, apply_pending=apply_migrations, database_url=database_url
        )
        # What routes need from the runtime (object routes, JWKS, readiness).
        app.state.object_store = runtime.object_store
        app.state.key_material = runtime.key_material
        app.state.identity = runtime.identity
        app.state.licenses = runtime.licenses
        # Presigned URLs of every filesystem bucket are served by one route (by bucket).
        app.state.object_stores = {
            runtime.object_store.bucket: runtime.object_store,
            runtime.licenses.store.bucket: runtime.licenses.store,
        }
        # Casework re-checks e-license materials through the license domain.
        license_materials.install(runtime.licenses)
        # Live case status: this process's one LISTEN connection, opened by the first
        # subscription (casework.live) and closed with the app.
        status_broker = app.state.status_broker = StatusBroker()
        worker: asyncio.Task[None] | None = None
        if in_process_worker:
            worker = asyncio.create_task(
                runtime.jobs.run_worker_async(**worker_options(runtime.job_resources))
            )
        try:
            yield
        finally:
            await status_broker.close()
            if worker is not None:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            await close_runtime(runtime)

    # The bearer token (if any) is verified before the operation runs: a bad or ended
    # token is a 401 with WWW-Authenticate (RFC 6750), never a silent downgrade to
    # anonymous, so the client knows to refresh or sign in again.
    # Taking the raw scope (not ``request``) keeps one getter valid for HTTP and for
    # Strawberry's WebSocket route alike.
    async def graphql_context(scope: Scope) -> RequestContext:
        request: ASGIConnection[Any, Any, Any, Any] = ASGIConnection(scope)
        identity: IdentityRuntime = request.app.state.identity
        return RequestContext(
            viewer=await viewer_of_request(identity, request),
            max_page_size=settings.graphql.max_page_size,
            loaders={},
            resources={
                IdentityRuntime: identity,
                StatusBroker: request.app.state.status_broker,
                LicenseRuntime: request.app.state.licenses,
            },
            client_ip=client_ip_of(request),
            user_agent=request.headers.get("user-agent", ""),
        )

    controller = make_graphql_controller(
        build_schema(settings),
        path="/graphql",
        graphql_ide="graphiql" if is_dev else None,
        allow_queries_via_get=is_dev,
        context_getter=graphql_context,
    )

    class GraphQLController(controller):  # type: ignore[misc, valid-type]
        async def on_ws_connect(self, context: RequestContext) -> UnsetType:
            # Browsers cannot set headers on a WebSocket: the bearer token comes in the
            # graphql-transport-ws connection_init payload and makes the connection's
            # viewer. A bad or ended token closes the socket (4403), which tells the
            # client to refresh and reconnect, as a 401 does for HTTP.
            viewer = await viewer_of_connection(context)
            if viewer is not None:
                context.viewer = viewer
            return UnsetType()  # the same singleton as UNSET, typed: an ack without payload

    cors = (
        CORSConfig(allow_origins=list(settings.app.cors_origins), allow_credentials=True)
        if settings.app.cors_origins
        else None
    )
    app = Litestar(
        route_handlers=[
            GraphQLController,
            healthz,
            readyz,
            metrics,
            jwks,
            face_callback,
            verify_page,
            license_keys,
            status_list_endpoint,
            ObjectsController,
            serve_pwa_index,
            serve_pwa,
        ],
        lifespan=[lifespan],
        before_send=[security_headers_hook(hsts=settings.app.is_production, allow_graphiql=is_dev)],
        exception_handlers={
            HTTPException: http_exception_handler,
            Exception: unexpected_exception_handler,
        },
        cors_config=cors,
        request_max_body_size=settings.app.max_body_bytes,
        debug=False,
        openapi_config=None,
        # Logging is configured once by the process (core.logging): JSON, no personal data.
        logging_config=None,
    )
    # Outermost, around Litestar's router and exception handling (not per route), so
    # requests the router itself rejects also get a request id, a log line and a metric.
    app.asgi_handler = observability_middleware(app.asgi_handler)
    app.state.pwa_dist = Path(settings.app.pwa_dist).resolve()
    return app


__all__ = ["Runtime", "create_app"]
