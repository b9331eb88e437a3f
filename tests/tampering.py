"""Acting as a database superuser who switches the audit triggers off.

The audit chain must expose such edits even though the database let them through.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg


@asynccontextmanager
async def bypassing_triggers(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(dsn=database_url)
    try:
        await conn.execute("SET session_replication_role = replica")
        yield conn
    finally:
        await conn.close()


async def tamper(database_url: str, statement: str) -> None:
    async with bypassing_triggers(database_url) as conn:
        await conn.execute(statement)
