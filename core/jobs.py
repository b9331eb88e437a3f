"""Background jobs on Procrastinate, in the same PostgreSQL (no Redis).

Domains contribute tasks through ``register`` functions; the app is composed once per
process. Tasks reach process resources (object store, keys) through the worker's
``additional_context``, built by the caller, so tasks hold no global state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import procrastinate
from procrastinate.psycopg_connector import PsycopgConnector

from core.crypto.keys import KeyMaterial
from core.objectstore import ObjectStore

RESOURCES = "resources"


@dataclass(frozen=True)
class JobResources:
    object_store: ObjectStore
    key_material: KeyMaterial


def build_job_app(database_url: str) -> procrastinate.App:
    connector = PsycopgConnector(conninfo=database_url, min_size=1, max_size=4)
    return procrastinate.App(connector=connector)


def resources_of(context: procrastinate.JobContext) -> JobResources:
    resources: Any = (context.additional_context or {}).get(RESOURCES)
    if not isinstance(resources, JobResources):
        raise RuntimeError("job worker started without JobResources")
    return resources


def worker_options(resources: JobResources) -> dict[str, Any]:
    return {
        "additional_context": {RESOURCES: resources},
        "install_signal_handlers": False,
        "concurrency": 2,
    }
