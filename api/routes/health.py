"""Liveness, readiness and metrics."""

from __future__ import annotations

import logging
import os
from typing import Any

from litestar import Request, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess

from core.db import DB
from core.db.migrations import pending_migrations
from core.objectstore import ObjectStore, ObjectStoreError

logger = logging.getLogger(__name__)


@get("/healthz", include_in_schema=False, sync_to_thread=False)
def healthz() -> dict[str, str]:
    """The process is up and serving."""
    return {"status": "ok"}


@get("/readyz", include_in_schema=False)
async def readyz(request: Request[Any, Any, Any]) -> Response[dict[str, object]]:
    """Ready to take traffic: database reachable, migrations current, object store reachable."""
    stores: dict[str, ObjectStore] = {"object_store": request.app.state.object_store}
    # The licenses bucket is checked too where the app serves licenses.
    licenses = getattr(request.app.state, "licenses", None)
    if licenses is not None:
        stores["license_store"] = licenses.store
    checks: dict[str, str] = {}
    try:
        await DB.run_ddl("SELECT 1")
        pending = await pending_migrations()
        checks["database"] = "ok"
        checks["migrations"] = "ok" if not pending else f"{len(pending)} pending"
    except Exception as exc:  # any failure means "not ready"; the reason is logged
        logger.warning("readiness: database unreachable", extra={"reason": type(exc).__name__})
        checks["database"] = f"unreachable ({type(exc).__name__})"
        checks["migrations"] = "unknown"
    for name, store in stores.items():
        try:
            await store.ensure_ready()
            checks[name] = "ok"
        except ObjectStoreError as exc:
            logger.warning("readiness: object store unreachable", extra={"reason": str(exc)})
            checks[name] = f"unreachable ({exc})"
    ready = all(value == "ok" for value in checks.values())
    return Response(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status_code=200 if ready else 503,
    )


@get("/metrics", include_in_schema=False, sync_to_thread=False)
def metrics() -> Response[bytes]:
    """Prometheus metrics; with several worker processes, summed over all of them."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
