"""The shared Piccolo engine and its connection pool."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from piccolo.engine.postgres import PostgresEngine

MIN_SERVER_VERSION = 15


class DatabaseVersionError(RuntimeError):
    """The server is older than OneTap supports."""


class OneTapEngine(PostgresEngine):
    """Piccolo's engine, minus its connect-on-construction checks.

    Piccolo connects while the engine object is built (to read the server version); ours is
    built at import time, before the server is known, so the check runs in :func:`connect`.
    """

    async def check_version(self) -> None:
        return None

    async def prep_database(self) -> None:
        return None


#: Bound by every table (``class X(Table, db=DB)``); configured by :func:`connect`.
DB = OneTapEngine(config={"dsn": "postgresql://unconfigured.invalid/onetap"})


async def connect(url: str, *, pool_min: int = 1, pool_max: int = 10) -> None:
    """Point the engine at ``url`` and open its pool (closing any previous one)."""
    await close()
    DB.config = {"dsn": url}
    await DB.start_connection_pool(min_size=pool_min, max_size=pool_max)
    version = await PostgresEngine.get_version(DB)
    if version < MIN_SERVER_VERSION:
        await close()
        raise DatabaseVersionError(
            f"PostgreSQL {version} is too old; OneTap needs {MIN_SERVER_VERSION} or newer"
        )


async def close() -> None:
    if DB.pool is not None:
        await DB.close_connection_pool()


def database_url_for(url: str, database: str) -> str:
    """The same server as ``url`` with another database name (tests, tooling)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


async def execute_script(sql: str) -> None:
    """Run several SQL statements at once (migrations: function bodies, vendor schemas).

    Piccolo's raw queries are prepared statements, which hold one command only; asyncpg's
    ``execute`` without arguments uses the simple protocol, which takes a whole script. It
    joins the current transaction when there is one.
    """
    transaction = DB.current_transaction.get()
    if transaction is not None:
        await transaction.connection.execute(sql)
        return
    connection = await DB.get_new_connection()
    try:
        await connection.execute(sql)
    finally:
        await connection.close()
