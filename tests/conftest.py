"""Test fixtures: a real PostgreSQL (embedded) with a fresh database per test.

One template database is migrated per session; each test gets ``CREATE DATABASE ...
TEMPLATE``, which takes a few tens of milliseconds and isolates tests completely.
"""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from core import db
from core.db.migrations import apply_migrations
from core.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
#: Per pytest process: two sessions on one machine (say, two terminals) share the embedded
#: server, and one must never drop the template the other is cloning.
TEMPLATE = f"onetap_template_{os.getpid()}"
_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of the session's embedded PostgreSQL (its ``postgres`` database)."""
    from core.db.embedded import start_embedded_postgres

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        url = start_embedded_postgres(ROOT / ".test-data", database="postgres")
    yield url


async def _admin(url: str) -> asyncpg.Connection:
    return await asyncpg.connect(dsn=url)


async def _drop_orphaned_templates(admin: asyncpg.Connection) -> None:
    """Templates left by pytest processes that died before their teardown."""
    rows = await admin.fetch(
        "SELECT datname FROM pg_database WHERE datname LIKE 'onetap_template_%'"
    )
    for row in rows:
        pid = int(row["datname"].rsplit("_", 1)[1])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            await admin.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')
        except PermissionError:
            pass  # alive, someone else's


@pytest.fixture(scope="session")
async def template_database(pg_server_url: str) -> AsyncIterator[str]:
    admin = await _admin(pg_server_url)
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
            TEMPLATE,
        )
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
        await _drop_orphaned_templates(admin)
        await admin.execute(f'CREATE DATABASE "{TEMPLATE}"')
    finally:
        await admin.close()
    url = db.database_url_for(pg_server_url, TEMPLATE)
    await db.connect(url, pool_min=1, pool_max=2)
    await apply_migrations()
    await db.close()
    yield url
    admin = await _admin(pg_server_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def database_url(pg_server_url: str, template_database: str) -> AsyncIterator[str]:
    """A fresh, migrated, empty database for this test; the shared engine points at it."""
    name = f"test_{os.getpid()}_{next(_counter)}"
    admin = await _admin(pg_server_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    finally:
        await admin.close()
    url = db.database_url_for(pg_server_url, name)
    await db.connect(url, pool_min=1, pool_max=4)
    try:
        yield url
    finally:
        await db.close()
        admin = await _admin(pg_server_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded-default settings with a private data directory."""
    return load_settings(
        {
            "ONETAP_ENV": "test",
            "ONETAP_DATA_DIR": str(tmp_path / "data"),
            "ONETAP_PWA_DIST": str(tmp_path / "pwa-dist"),
        }
    )
